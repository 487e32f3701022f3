// Worker-thread entry for `ax lint`: starts the Tree-sitter runtime at once (pool.ts starts workers
// before the rules are known), loads the grammars named by a `prepare` message and answers `ready`,
// then on the `setup` message (rule set, task list, shared counters) claims tasks (claim.ts) until
// none are left, lints each file and sends the results back in small groups, then a final `done`
// message. One RuleEngine per thread, so each grammar is instantiated and each combined query
// compiled once per thread.

import { parentPort } from 'node:worker_threads';
import { initRuntime, preloadGrammars } from '../../lang/query-runner.js';
import { Claimer, type Segment } from './claim.js';
import { RuleEngine } from './engine.js';
import { lintTask, type LintTask, type LintTaskResult, type PoolData } from './task.js';

export interface WorkerPrepare { type: 'prepare'; langs: string[] }
export interface WorkerSetup extends PoolData { type: 'setup'; tasks: readonly LintTask[]; segments: Segment[]; counters: SharedArrayBuffer }
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'results'; results: LintTaskResult[]; indices: number[]; done: boolean };

/** Results are sent after this many files (fewer messages) or at the end. */
const GROUP = 8;

const runtime = initRuntime();
let prepared: Promise<void> = runtime;

async function run(setup: WorkerSetup): Promise<void> {
  await prepared;
  const engine = new RuleEngine(setup.rules);
  const sets = setup.sets.map((s) => new Set(s));
  const claimer = new Claimer(setup.tasks, setup.segments, setup.counters);
  let results: LintTaskResult[] = [];
  let indices: number[] = [];
  for (;;) {
    const i = claimer.next();
    if (i < 0) break;
    results.push(await lintTask(engine, sets, setup.tasks[i]!));
    indices.push(i);
    if (results.length >= GROUP) {
      parentPort!.postMessage({ type: 'results', results, indices, done: false } satisfies WorkerMessage);
      results = [];
      indices = [];
    }
  }
  parentPort!.postMessage({ type: 'results', results, indices, done: true } satisfies WorkerMessage);
}

parentPort!.on('message', (msg: WorkerPrepare | WorkerSetup) => {
  if (msg.type === 'prepare') {
    prepared = runtime.then(() => preloadGrammars(msg.langs));
    void prepared.then(() => parentPort!.postMessage({ type: 'ready' } satisfies WorkerMessage));
  } else {
    void run(msg);
  }
});
