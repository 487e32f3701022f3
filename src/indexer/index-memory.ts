// Memory of an index run. Two measures, both measured on Linux's `arch Documentation tools`.
//
// 1. Young generations in a process that indexes and exits (`ax index`). V8 grows an isolate's
// semi-spaces (where new objects live until they survive two scavenges) from 1 MB up to 16 MB each on
// a 64-bit main thread, doubling them whenever scavenges find much alive; the writer (the main thread,
// receiving every file's records from the parse workers) and the walk before it keep them grown,
// and the workers' young generations follow the same rule up to their resourceLimits. V8 reads the
// growth factor each time it grows a new space, so it can be changed at run time (the maximum only
// by flags at process start: docs/decisions.md, "The writer thread's young generation"); a factor of
// 1 keeps every isolate at the size it started with.
//
// Measured 2026-12-01, Linux `arch Documentation tools` (31,732 files, 443 MB), fresh `ax index`:
// set when the command starts, peak RSS 360, 370, 362, 372 MB (median 366) against 390, 394, 362,
// 386 (median 388) with V8's growth, alternating, CPU time within the runs' spread (set at process
// start through a preload: 354, 344, 363 MB); set after the walk (where a run knows its size), no
// change (388, 379, 392, 384 against 377, 383, 402, 376 MB): the walk had grown the main thread's
// semi-spaces already, and V8 does not shrink them. Hence a whole-process setting, for the CLI command only: a
// long-lived process (`ax watch`, a server) answers queries, which allocate more than the writer.
//
// 2. A full collection on the writer (main) thread after a commit that leaves its heap above
//    WRITER_HEAP_SOFT_LIMIT, as the parse workers do after a batch (worker.ts): V8 lets an old
//    generation grow to several times its live size between major GCs, and the writer's live data
//    after a commit is small. Alternating, 4 runs each: peak RSS 353, 363, 371, 351 MB (median 358)
//    against 361, 374, 389, 354 (median 368); wall 34.5-55.0 s against 36.5-55.2 s. Linux commits
//    ~150 times in a run; a collection of a heap this size takes tens of milliseconds.
import { createRequire } from 'node:module';
import { beforeV8FlagChange } from '../lang/wasm-flags.js';

const nodeRequire = createRequire(import.meta.url);
let done = false;

/** From now on, no young generation of this process grows (main thread only; later calls do nothing). */
export function keepYoungGenerationsSmall(): void {
  const { isMainThread } = nodeRequire('node:worker_threads') as typeof import('node:worker_threads');
  if (done || !isMainThread) return;
  done = true;
  beforeV8FlagChange();
  (nodeRequire('node:v8') as typeof import('node:v8')).setFlagsFromString('--semi-space-growth-factor=1');
}

/** Writer heap in use above which a commit is followed by a full collection. */
export const WRITER_HEAP_SOFT_LIMIT = 32 * 1024 * 1024;
let collect: (() => void) | undefined;

/** After a commit: collect garbage if the heap holds more than WRITER_HEAP_SOFT_LIMIT (see 2 above). */
export function collectAfterCommit(): void {
  const v8 = nodeRequire('node:v8') as typeof import('node:v8');
  if (v8.getHeapStatistics().used_heap_size <= WRITER_HEAP_SOFT_LIMIT) return;
  if (!collect) {
    // --expose-gc is set by the parse workers already (process-wide); a new context then has gc().
    beforeV8FlagChange();
    v8.setFlagsFromString('--expose-gc');
    collect = (nodeRequire('node:vm') as typeof import('node:vm')).runInNewContext('gc') as () => void;
  }
  collect();
}
