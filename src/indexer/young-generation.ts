// The young generation's size during a big index run. V8 grows a thread's semi-spaces (where new
// objects live until they survive two scavenges) up to 16 MB each on a 64-bit main thread, doubling
// them whenever scavenges find much alive; the writer (the main thread, receiving every file's records
// from the parse workers) keeps them grown, and the workers' young generations follow the same rule
// (capped by their resourceLimits). V8 reads the growth factor each time it grows a new space, so it
// can be changed at run time, while the maximum can only be set by flags at process start (see
// docs/decisions.md, "The writer thread's young generation"). A factor of 1 keeps each isolate at
// the size it starts with (1 MB semi-spaces).
//
// Measured 2026-12-01, Linux `arch Documentation tools` (31,732 files, 443 MB), fresh `ax index`,
// alternating runs: peak RSS 401, 396, 396 MB with V8's growth, 354, 344, 363 MB with none; CPU time
// within the runs' spread (68-110 s against 77-98 s). Kept to the run: `ax watch` answers queries
// between updates, and those allocate more than the writer does.
import { createRequire } from 'node:module';
import { beforeV8FlagChange } from '../lang/wasm-flags.js';

const nodeRequire = createRequire(import.meta.url);
/** Below this much source to parse, young generations are left to V8: the run is too short for them to matter. */
export const SMALL_YOUNG_GENERATION_FROM_BYTES = 64 * 1024 * 1024;

let active = 0;

/**
 * Stop young generations from growing (main thread and workers started from now) until the returned
 * function is called; nested runs share one change. Main thread only (flags are process-wide).
 */
export function smallYoungGeneration(bytesToParse: number): () => void {
  const { isMainThread } = nodeRequire('node:worker_threads') as typeof import('node:worker_threads');
  if (bytesToParse < SMALL_YOUNG_GENERATION_FROM_BYTES || !isMainThread) return () => {};
  const v8 = nodeRequire('node:v8') as typeof import('node:v8');
  if (active++ === 0) {
    beforeV8FlagChange();
    v8.setFlagsFromString('--semi-space-growth-factor=1');
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--active === 0) v8.setFlagsFromString('--semi-space-growth-factor=2');
  };
}
