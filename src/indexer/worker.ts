// Worker-thread entry: receives batches of files, answers with their prepared records, in order.
// After a batch whose garbage pushed the heap past HEAP_SOFT_LIMIT, it collects at once: V8 would
// otherwise let each worker's heap grow to several hundred MB before a major GC (a large C file
// leaves ~50 MB of match objects and strings behind), and peak RSS is what users see.
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { loadLanguage } from '../lang/engine.js';
import { languageById } from '../lang/registry.js';
import { prepareFile, type PrepareLimits, type PrepareResult, type PrepareTask } from './prepare.js';

/** A batch of files, or (first, when the pool asks) the languages whose grammars to compile now. */
export type WorkerRequest = { id: number; tasks: PrepareTask[] } | { warm: string[] };
export type WorkerResponse = { id: number; results: PrepareResult[] } | { warmed: true };

const HEAP_SOFT_LIMIT = 48 * 1024 * 1024;
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

const limits = workerData as PrepareLimits;
parentPort!.on('message', async (msg: WorkerRequest) => {
  if ('warm' in msg) {
    // A grammar that fails to load here fails again, with its reason, on the first file that needs it.
    for (const id of msg.warm) { const spec = languageById(id); if (spec) await loadLanguage(spec).catch(() => undefined); }
    parentPort!.postMessage({ warmed: true } satisfies WorkerResponse);
    return;
  }
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
