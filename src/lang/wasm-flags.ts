// V8 settings for compiling Tree-sitter WASM in a short-lived process (used by `ax lint`, see
// docs/lint.md "Performance"). Grammar lexers are single huge functions (tree-sitter-typescript's
// `ts_lex` is 160 KB of WASM, tsx's 190 KB): V8 tiers them up to TurboFan after a few files, and with
// TurboFan's WASM machine-level optimizations on, instruction selection for one such function took
// seconds of CPU (measured with --turbo-stats-wasm: 60% of TurboFan's time in TFSelectInstructions).
// Node 20 cannot cache compiled WASM across processes, so every run paid it again. Without those
// optimizations (and without loop unrolling and peeling) the same functions compile several times
// faster: parsing and querying node-mix's 2,026 JS/TS files once in a fresh thread took 10.7-10.8 s
// of CPU instead of 15.6-15.7 s, and a second pass (code warm) 9.0-9.3 s instead of 9.1-10.1 s, so
// the optimized code was not faster to begin with (two alternating runs each, load 8-12).
//
// V8 flags are process-wide and read when a function is compiled, so they are set once, before the
// first grammar is compiled in this process (worker threads started later inherit them). They change
// code generation only, never results.

import v8 from 'node:v8';
import { isMainThread } from 'node:worker_threads';

export const WASM_COMPILE_FLAGS = ['--no-wasm-opt', '--no-wasm-loop-unrolling', '--no-wasm-loop-peeling'] as const;

let done = false;

/** Apply WASM_COMPILE_FLAGS once per process; `AX_WASM_TUNING=0` leaves V8's defaults (for measurements). */
export function tuneWasmCompiler(): void {
  if (done) return;
  done = true;
  // Workers inherit the main thread's setting; writing process-wide flags from two threads could race.
  if (!isMainThread || process.env.AX_WASM_TUNING === '0') return;
  v8.setFlagsFromString(WASM_COMPILE_FLAGS.join(' '));
}
