// Running suites by name, shared by `npm run bench -- <suite>` (src/bench/main.ts) and `ax perf run`.
// Suites are the modules in ../suites/ (each exports `suite: Suite`), found by file name.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { saveResult, type Suite, type SuiteResult } from '../harness.js';

const suitesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'suites');

export function listSuites(): string[] {
  return readdirSync(suitesDir).filter((f) => f.endsWith('.js') && !f.endsWith('.test.js')).map((f) => f.slice(0, -3)).sort();
}

export async function loadSuite(name: string): Promise<Suite> {
  return ((await import(`../suites/${name}.js`)) as { suite: Suite }).suite;
}

export interface RunOptions {
  reps?: number | undefined;
  warmup?: number | undefined;
  corpora?: string[] | undefined;
  quick?: boolean;
  /** Directory for the result documents. */
  out: string;
  log?: (suite: string, msg: string) => void;
  /** Called as each suite's result is saved. */
  onDone?: (o: RunOutcome) => void;
}

export interface RunOutcome { name: string; file: string; result: SuiteResult }

/** Run suites one after the other; each result is saved as soon as its suite ends. */
export async function runSuites(names: readonly string[], opts: RunOptions): Promise<RunOutcome[]> {
  const out: RunOutcome[] = [];
  for (const name of names) {
    const suite = await loadSuite(name);
    const result = await suite.run({
      reps: opts.reps, warmup: opts.warmup, corpora: opts.corpora, quick: opts.quick === true,
      log: (m) => opts.log?.(name, m),
    });
    const options = { reps: opts.reps ?? null, warmup: opts.warmup ?? null, corpora: opts.corpora ?? null, quick: opts.quick === true };
    const o = { name, file: saveResult(opts.out, result, options), result };
    opts.onDone?.(o);
    out.push(o);
  }
  return out;
}
