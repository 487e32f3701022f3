// A stand-in for the indexer's worker in pool tests: the warm-up takes a while, and every file of a
// batch that arrives before this worker has answered its warm-up is reported as such, so a test can
// see whether the pool sent batches too early.
import { parentPort } from 'node:worker_threads';
import type { WorkerRequest, WorkerResponse } from '../worker.js';

let warmedAt: number | undefined;
parentPort!.on('message', (msg: WorkerRequest) => {
  if ('warm' in msg) {
    setTimeout(() => { warmedAt = Date.now(); parentPort!.postMessage({ warmed: true } satisfies WorkerResponse); }, 150);
    return;
  }
  const results = msg.tasks.map((t) => ({ kind: 'skip' as const, path: t.rel, reason: 'parse-failed' as const, detail: warmedAt === undefined ? 'before warm-up' : 'after warm-up' }));
  parentPort!.postMessage({ id: msg.id, results } satisfies WorkerResponse);
});
