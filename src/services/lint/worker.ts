// Worker-thread entry for `ax lint`: starts the Tree-sitter runtime at once (pool.ts starts workers
// before the rules are known), then waits for the setup message with the rule set, the task list and
// the shared counters; claims tasks (claim.ts) until none are left, lints each file and sends the results
// back in small groups, then a final `done` message. One RuleEngine per thread, so each grammar is
// instantiated and each combined query compiled once per thread.

import { parentPort } from 'node:worker_threads';
import { initRuntime } from '../../lang/query-runner.js';
import { Claimer, type Segment } from './claim.js';
import { RuleEngine } from './engine.js';
import { lintTask, type LintTask, type LintTaskResult, type PoolData } from './task.js';

export interface WorkerSetup extends PoolData { tasks: readonly LintTask[]; segments: Segment[]; counters: SharedArrayBuffer }
export interface WorkerMessage { results: LintTaskResult[]; indices: number[]; done: boolean }

/** Results are sent after this many files (fewer messages) or at the end. */
const GROUP = 8;

const runtime = initRuntime();

parentPort!.once('message', (setup: WorkerSetup) => {
  void (async () => {
    await runtime;
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
        parentPort!.postMessage({ results, indices, done: false } satisfies WorkerMessage);
        results = [];
        indices = [];
      }
    }
    parentPort!.postMessage({ results, indices, done: true } satisfies WorkerMessage);
  })();
});
