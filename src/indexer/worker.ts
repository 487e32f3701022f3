// Worker-thread entry: receives batches of files, answers with their prepared records, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { prepareFile, type PrepareLimits, type PrepareResult, type PrepareTask } from './prepare.js';

export interface WorkerRequest { id: number; tasks: PrepareTask[] }
export interface WorkerResponse { id: number; results: PrepareResult[] }

const limits = workerData as PrepareLimits;
parentPort!.on('message', async (msg: WorkerRequest) => {
  const results: PrepareResult[] = [];
  for (const t of msg.tasks) {
    try {
      results.push(await prepareFile(t, limits));
    } catch (e) {
      results.push({ kind: 'skip', path: t.rel, reason: 'parse-failed', detail: (e as Error).message });
    }
  }
  parentPort!.postMessage({ id: msg.id, results } satisfies WorkerResponse);
});
