// One unit of lint work (a file: read it, run the engine), shared by the worker threads and the
// in-process path used for small runs.

import { readFileSync } from 'node:fs';
import type { Finding, RuleEngine } from './engine.js';
import type { Rule } from './schema.js';

export interface LintTask {
  abs: string;
  rel: string;
  lang: string;
  /** Bytes on disk when walked (scheduling weight). */
  size: number;
  /** Index into PoolData.sets; -1 = every rule. */
  set: number;
}
export interface LintTaskResult { path: string; findings: Finding[]; suppressed: number; error?: string }
export interface PoolData { rules: Rule[]; sets: string[][] }

export async function lintTask(engine: RuleEngine, sets: ReadonlyArray<ReadonlySet<string>>, t: LintTask): Promise<LintTaskResult> {
  let text: string;
  try { text = readFileSync(t.abs, 'utf8'); } catch (e) {
    return { path: t.rel, findings: [], suppressed: 0, error: `unreadable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  try {
    const r = await engine.lint(t.lang, text, t.rel, t.set >= 0 ? sets[t.set] : undefined);
    return { path: t.rel, findings: r.findings, suppressed: r.suppressed };
  } catch (e) {
    return { path: t.rel, findings: [], suppressed: 0, error: (e as Error).message };
  }
}
