// V8 settings for compiling Tree-sitter WASM, chosen once per process by how much it will parse.
//
// Grammar lexers are single huge functions (tree-sitter-typescript's `ts_lex` is 160 KB of WASM,
// tsx's 190 KB). V8 first compiles WASM with its baseline compiler (Liftoff) and then tiers hot
// functions up to TurboFan on background threads. Two costs follow, and which one matters depends on
// the workload:
//
// - A short process (`ax def --at`, `ax lint` of a few files, an `ax index` that re-parses a handful
//   of files) finishes its work in Liftoff code, but Node does not exit until the background TurboFan
//   jobs it started are done: `ax def --at` on a TypeScript file spent 0.6 s working and then 1.4 s
//   idle waiting for the TypeScript lexer's compile, and 0.4 s in all with TurboFan off. So a small
//   workload runs Liftoff only (`--liftoff-only`, no tier-up).
// - A long lint run (`long`) parses for seconds; TurboFan's code is faster and its compile is paid
//   once. There only TurboFan's WASM machine-level optimizations and loop unrolling/peeling are off:
//   with them, instruction selection for one lexer took seconds of CPU (measured with
//   --turbo-stats-wasm), and node-mix's 2,026 files parsed and queried once in a fresh thread took
//   15.6-15.7 s of CPU instead of 10.7-10.8 s; a second pass (code warm) was no slower (9.0-9.3 s vs
//   9.1-10.1 s), so the optimized code was not faster to begin with.
// - A big `ax index` and `ax watch` (`default`) keep V8's defaults. With the lint settings a fresh
//   index took the same time (Linux `fs`, 46 MB, median of 3: 17.2 s vs 17.0 s; 5.9 MB of TypeScript
//   5.68 s vs 5.70 s), but `ax watch` on Linux was slower in one A/B pair (edit-to-queryable p50
//   47 vs 40 ms, p95 84 vs 72 ms, a 5,000-file append burst 41.9 vs 38.2 s), so they stay as they were.
//
// V8 flags are process-wide and read when a function is compiled, so they are set once, by the main
// thread, before the first grammar is compiled in this process (worker threads started later inherit
// them); the first decision wins. They change code generation only, never results.
//
// Within a big index run, one more distinction (baselineOnlyFromNow): a WASM module's tiering is fixed
// when it is compiled, so the pool compiles the grammars of the run's dominant languages first, with
// V8's defaults, and everything compiled after that (the dozen grammars of a tree's scripts, build
// files and docs, each a few hundred kB of source) runs Liftoff only. On Linux those compiles came in
// the last 5% of the run and took its RSS from ~390 to 576 MB in a sampled run.

import { createRequire } from 'node:module';

// node:v8 and node:worker_threads load on first use: commands that never compile a grammar (`ax def`,
// `ax refs` by name) would otherwise pay ~5 ms of start-up for them.
// Made on first use: a module-level createRequire (a file URL built and parsed) cost ~1 ms of every
// navigation query, which imports this module and mostly never parses.
let nodeRequireFn: NodeJS.Require | undefined;
const nodeRequire = (id: string): unknown => (nodeRequireFn ??= createRequire(import.meta.url))(id);
const setV8Flags = (flags: readonly string[]): void => (nodeRequire('node:v8') as typeof import('node:v8')).setFlagsFromString(flags.join(' '));
const isMainThread = (): boolean => (nodeRequire('node:worker_threads') as typeof import('node:worker_threads')).isMainThread;

export const WASM_COMPILE_FLAGS = ['--no-wasm-opt', '--no-wasm-loop-unrolling', '--no-wasm-loop-peeling'] as const;
// --liftoff-only's implications are applied at V8's start only, so its parts are spelled out for a runtime set.
export const SHORT_RUN_FLAGS = ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering'] as const;

/**
 * Below these many bytes of source to parse, a run is short (Liftoff only). Measured 2026-12-01 on
 * trees of C (Linux drivers) and TypeScript (node-mix) files of 0.25-8 MB, fresh `ax index` and
 * `ax lint` (the bench's 5-rule sets), 3 alternating runs each, median seconds short/long (long: the lint
 * settings; a big index now keeps V8's defaults, which measured the same as those):
 * C index 0.55/0.69 at 0.25 MB, 1.07/1.18 at 1 MB, 2.11/1.74 at 2 MB; TypeScript index 1.30/1.19 at
 * 0.25 MB, 1.85/1.35 at 0.5 MB, but re-indexing one edited TS file 1.3/1.7-2.1; C lint 0.73/1.01 at
 * 1 MB, 1.02/1.08 at 2 MB, 3.77/2.54 at 8 MB; TypeScript lint 0.61/0.84 at 0.25 MB, 1.25/1.20 at 1 MB,
 * 3.65/2.93 at 8 MB. Indexing queries each tree more than linting does, so TurboFan pays sooner there.
 */
export const INDEX_SHORT_BELOW = 128 * 1024;
export const LINT_SHORT_BELOW = 1024 * 1024;

export type WasmWorkload = 'short' | 'long' | 'default';

/**
 * Call before changing V8 flags at run time (here, or `--expose-gc` in index workers): V8 rejects code
 * cache made under other flags, so the CLI launcher (bin/ax.cjs) writes its cache now, while it still
 * matches a fresh process, and not after the change.
 */
export function beforeV8FlagChange(): void {
  (globalThis as { __axBeforeV8FlagChange?: () => void }).__axBeforeV8FlagChange?.();
}

let chosen: WasmWorkload | undefined;

/** The workload that set this process's flags (undefined before the first call, and in workers). */
export function wasmWorkload(): WasmWorkload | undefined {
  return chosen;
}

/** The workload for `bytes` of source to parse: short below `shortBelow` bytes, else `otherwise`. */
export function workloadFor(bytes: number, shortBelow: number, otherwise: 'long' | 'default'): WasmWorkload {
  return bytes < shortBelow ? 'short' : otherwise;
}

/**
 * Set the WASM compile flags for `workload` once per process (later calls do nothing). For
 * measurements: `AX_WASM_WORKLOAD=short|long|default` overrides the choice, `AX_WASM_TUNING=0` leaves V8's
 * defaults.
 */
export function tuneWasmCompiler(workload: WasmWorkload): void {
  // Workers inherit the main thread's setting; writing process-wide flags from two threads could race.
  if (chosen !== undefined || !isMainThread()) return;
  const forced = process.env.AX_WASM_WORKLOAD;
  chosen = forced === 'short' || forced === 'long' || forced === 'default' ? forced : workload;
  if (process.env.AX_WASM_TUNING === '0' || chosen === 'default') return;
  beforeV8FlagChange();
  setV8Flags(chosen === 'short' ? SHORT_RUN_FLAGS : WASM_COMPILE_FLAGS);
}

/** Flags that undo SHORT_RUN_FLAGS (V8's defaults for them). */
const DEFAULT_TIERING_FLAGS = ['--no-liftoff-only', '--wasm-tier-up', '--wasm-dynamic-tiering'] as const;

/**
 * In a `default` (big index) run: WASM modules compiled from now on run Liftoff only, while those
 * compiled before keep tiering up (V8 fixes a module's tiering when it compiles it). Returns the
 * function that restores the defaults, for a long-lived process (`ax watch`) whose later pools
 * compile the grammars again. Does nothing in other workloads (already Liftoff only, or tuned for
 * lint), with AX_WASM_TUNING=0, or in a worker thread.
 */
export function baselineOnlyFromNow(): () => void {
  if (chosen !== 'default' || !isMainThread() || process.env.AX_WASM_TUNING === '0') return () => {};
  setV8Flags(SHORT_RUN_FLAGS);
  return () => setV8Flags(DEFAULT_TIERING_FLAGS);
}

/**
 * The languages of a run whose grammars keep TurboFan: those with at least `share` of the run's bytes
 * and at least `minBytes` (below ~1-2 MB of source Liftoff alone is as fast: see INDEX_SHORT_BELOW's
 * measurements). Largest first.
 */
export function dominantLanguages(bytesByLanguage: ReadonlyMap<string, number>, share = DOMINANT_SHARE, minBytes = DOMINANT_MIN_BYTES): string[] {
  let total = 0;
  for (const b of bytesByLanguage.values()) total += b;
  return [...bytesByLanguage].filter(([, b]) => b >= minBytes && b >= total * share).sort((a, b) => b[1] - a[1]).map(([id]) => id);
}

export const DOMINANT_SHARE = 0.1;
export const DOMINANT_MIN_BYTES = 2 * 1024 * 1024;
