// Worker-thread entry for `ax lint`: holds the rule set (from workerData), reads each file of a batch
// from disk, lints it, and answers with plain findings. One RuleEngine per thread, so each grammar and
// combined query compiles once per thread.

import { parentPort, workerData } from 'node:worker_threads';
import { lintTask, type LintTask, type LintTaskResult, type PoolData } from './task.js';
import { RuleEngine } from './engine.js';

export interface LintRequest { id: number; tasks: LintTask[] }
export interface LintResponse { id: number; results: LintTaskResult[] }

const data = workerData as PoolData;
const engine = new RuleEngine(data.rules);
const sets = data.sets.map((s) => new Set(s));

parentPort!.on('message', async (msg: LintRequest) => {
  const results: LintTaskResult[] = [];
  for (const t of msg.tasks) results.push(await lintTask(engine, sets, t));
  parentPort!.postMessage({ id: msg.id, results } satisfies LintResponse);
});
