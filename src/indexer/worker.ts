// Worker-thread entry: receives batches of files, answers with their prepared records, in order.
// After a batch whose garbage pushed the heap past HEAP_SOFT_LIMIT, it collects at once: V8 would
// otherwise let each worker's heap grow to several hundred MB before a major GC (a large C file
// leaves ~50 MB of match objects and strings behind), and peak RSS is what users see.
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { prepareFile, type PrepareLimits, type PrepareResult, type PrepareTask } from './prepare.js';

export interface WorkerRequest { id: number; tasks: PrepareTask[] }
export interface WorkerResponse { id: number; results: PrepareResult[] }

const HEAP_SOFT_LIMIT = 48 * 1024 * 1024;
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

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
  if (v8.getHeapStatistics().used_heap_size > HEAP_SOFT_LIMIT) collect();
});
