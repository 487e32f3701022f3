// One unit of lint work (a file: read it, run the engine), shared by the worker threads and the
// in-process path used for small runs.

import { readFileSync } from 'node:fs';
import type { Finding, RuleEngine } from './engine.js';
import { settleLanguage, type LanguageGuess } from './languages.js';
import type { Rule } from './schema.js';

export interface LintTask {
  abs: string;
  rel: string;
  /** The language as far as the index or the path tell ('' when only a `#!` line can). */
  lang: string;
  /** The text must settle the language (languages.ts). */
  sniff?: LanguageGuess['sniff'];
  /** Bytes on disk when walked (scheduling weight). */
  size: number;
  /** Index into PoolData.sets; -1 = every rule. */
  set: number;
}
/** `lang` is the language the file was linted as; undefined when the text settled on none with rules. */
export interface LintTaskResult { path: string; lang?: string; findings: Finding[]; suppressed: number; error?: string }
export interface PoolData { rules: Rule[]; sets: string[][] }

export async function lintTask(engine: RuleEngine, sets: ReadonlyArray<ReadonlySet<string>>, t: LintTask): Promise<LintTaskResult> {
  let text: string;
  try { text = readFileSync(t.abs, 'utf8'); } catch (e) {
    return { path: t.rel, ...(t.lang ? { lang: t.lang } : {}), findings: [], suppressed: 0, error: `unreadable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  const lang = t.sniff ? settleLanguage(t.rel, { lang: t.lang, from: 'path', sniff: t.sniff }, text) : t.lang;
  if (!lang || !engine.handles(lang)) return { path: t.rel, findings: [], suppressed: 0 };
  try {
    const r = await engine.lint(lang, text, t.rel, t.set >= 0 ? sets[t.set] : undefined);
    return { path: t.rel, lang, findings: r.findings, suppressed: r.suppressed };
  } catch (e) {
    return { path: t.rel, lang, findings: [], suppressed: 0, error: (e as Error).message };
  }
}
