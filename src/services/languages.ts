// The supported-languages table behind `ax languages`: every registered language with its detection
// rules and what extraction yields for it. Capabilities are derived from each spec's query capture
// names (never hand-listed), so the table cannot drift from what the extractor does. Listing is cheap
// (the registry is strings, so `ax status` shows it too); `checkGrammars` loads every grammar.

import { VENDORED } from '../lang/grammar-file.js';
import { LANGUAGES, languageById } from '../lang/registry.js';
import type { LanguageSpec } from '../lang/spec.js';

export interface LanguageCapabilities {
  /** Definitions (`@definition.<kind>` captures). */
  defs: boolean;
  /** Identifier references: the shared lexer runs for every language. */
  refs: boolean;
  imports: boolean;
  calls: boolean;
}

export interface LanguageInfo {
  id: string;
  name: string;
  extensions: string[];
  filenames: string[];
  shebangs: string[];
  /** npm package and file of the Tree-sitter grammar. */
  grammar: string;
  capabilities: LanguageCapabilities;
  /** Symbol kinds the query can produce. */
  kinds: string[];
  /** Languages embedded blocks are extracted with (Vue/Svelte/HTML script and style); `*`: whichever
   *  language the block names (Markdown fences). */
  embeds: string[];
  /** Set by checkGrammars: whether the grammar and query load ('' = loaded). */
  grammarError?: string;
}

export function capabilitiesOf(spec: LanguageSpec): LanguageCapabilities {
  const q = spec.query;
  return { defs: /@definition\.\w/.test(q), refs: true, imports: /@import\b/.test(q), calls: /@call\b/.test(q) };
}

function info(spec: LanguageSpec): LanguageInfo {
  const kinds = [...new Set([...spec.query.matchAll(/@definition\.(\w+)/g)].map((m) => m[1]!))];
  const embeds = [...new Set([...(spec.injections ?? '').matchAll(/injection\.language\s+"([\w-]+)"/g)].map((m) => m[1]!))];
  // A block whose language is named in the file only (Markdown fence info strings): any language.
  if (embeds.length === 0 && /@injection\.language\b/.test(spec.injections ?? '')) embeds.push('*');
  return {
    id: spec.id, name: spec.name, extensions: [...spec.extensions], filenames: [...(spec.filenames ?? [])], shebangs: [...(spec.shebangs ?? [])],
    grammar: spec.grammarPackage === VENDORED ? `grammars/${spec.grammar}` : `${spec.grammarPackage ?? 'tree-sitter-wasms'}/${spec.grammar}`,
    capabilities: capabilitiesOf(spec), kinds, embeds,
  };
}

export function listLanguages(): LanguageInfo[] {
  return LANGUAGES.map(info);
}

/** Load every grammar (and its query): a failure is reported for that language only. */
export async function checkGrammars(): Promise<LanguageInfo[]> {
  const { loadLanguage } = await import('../lang/engine.js'); // lazily: listing must not load Tree-sitter
  const out: LanguageInfo[] = [];
  for (const spec of LANGUAGES) {
    const i = info(spec);
    try { await loadLanguage(spec); i.grammarError = ''; } catch (e) { i.grammarError = (e as Error).message; }
    out.push(i);
  }
  return out;
}

export interface LanguageMeasure {
  files: number;
  bytes: number;
  symbols: number;
  /** Files with at least one ERROR node. */
  errorFiles: number;
  /** Time spent preparing these files (read, detect, parse, extract, chunk), ms. */
  ms: number;
}

export interface CorpusMeasure {
  /** Files of a supported language found by the walk, and how many of them were measured. */
  candidates: number;
  measured: number;
  byLanguage: Record<string, LanguageMeasure>;
  /** Files skipped while preparing, by reason (grammar-unavailable, too-large, minified...). */
  skipped: Record<string, number>;
  /** For extensions several languages share: what detection decided (`.h` -> {c: n, cpp: n}). */
  detection: Record<string, Record<string, number>>;
  /** One example (path: detail) per skip reason other than unsupported/too-large/minified. */
  skipExamples: Record<string, string>;
  /** Files that threw (a crash would be a bug: prepareFile turns failures into skips). */
  crashes: string[];
}

/**
 * Prepare the files of a tree exactly as `ax index` does, one at a time in this thread, and add up per
 * language. With `maxFilesPerLanguage`, a language with more files is sampled evenly over its sorted
 * paths (deterministic), so a bounded run still sees every directory.
 */
export async function measureLanguages(root: string, o: { maxFilesPerLanguage?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<CorpusMeasure> {
  const { walk } = await import('../indexer/walk.js');
  const { loadLanguage } = await import('../lang/engine.js');
  const { prepareFile } = await import('../indexer/prepare.js');
  const { detectByPath, needsSniff } = await import('../lang/detect.js');
  const { defaultConfig } = await import('../core/config.js');
  const groups = new Map<string, Array<{ rel: string; abs: string; size: number; mtimeMs: number }>>();
  for (const f of walk(root).files) {
    const spec = detectByPath(f.rel);
    if (!spec) continue;
    const g = groups.get(spec.id) ?? [];
    g.push(f);
    groups.set(spec.id, g);
  }
  const tasks: Array<{ rel: string; abs: string; size: number; mtimeMs: number }> = [];
  let candidates = 0;
  for (const g of groups.values()) {
    g.sort((a, b) => (a.rel < b.rel ? -1 : 1));
    candidates += g.length;
    const max = o.maxFilesPerLanguage ?? Infinity;
    if (g.length <= max) { tasks.push(...g); continue; }
    const step = g.length / max;
    for (let i = 0; i < max; i++) tasks.push(g[Math.floor(i * step)]!);
  }
  // Load each grammar before timing, so MB/s measures parsing and extraction, not the one-off load.
  for (const id of groups.keys()) { const spec = languageById(id); if (spec) await loadLanguage(spec).catch(() => undefined); }
  const out: CorpusMeasure = { candidates, measured: 0, byLanguage: {}, skipped: {}, detection: {}, crashes: [], skipExamples: {} };
  const cfg = defaultConfig();
  const limits = { maxFileSize: cfg.maxFileSize, maxLineLength: cfg.maxLineLength };
  let done = 0;
  for (const t of tasks) {
    const t0 = performance.now();
    let r;
    try { r = await prepareFile(t, limits); } catch (e) { out.crashes.push(`${t.rel}: ${(e as Error).message}`); continue; }
    const ms = performance.now() - t0;
    if (++done % 200 === 0) o.onProgress?.(done, tasks.length);
    const sniffed = needsSniff(t.rel) ? (out.detection[t.rel.slice(t.rel.lastIndexOf('.')).toLowerCase()] ??= {}) : undefined;
    if (r.kind !== 'file') {
      if (r.kind === 'skip') {
        out.skipped[r.reason] = (out.skipped[r.reason] ?? 0) + 1;
        if (!['unsupported', 'too-large', 'minified'].includes(r.reason)) out.skipExamples[r.reason] ??= `${t.rel}: ${r.detail.slice(0, 300)}`;
      }
      if (sniffed && r.kind === 'skip' && r.reason === 'unsupported') sniffed.unsupported = (sniffed.unsupported ?? 0) + 1;
      continue;
    }
    const rec = r.record;
    const m = (out.byLanguage[rec.lang] ??= { files: 0, bytes: 0, symbols: 0, errorFiles: 0, ms: 0 });
    m.files++; m.bytes += rec.size; m.symbols += rec.symbols.count; m.ms += ms;
    if (rec.parseErrors > 0) m.errorFiles++;
    out.measured++;
    if (sniffed) sniffed[rec.lang] = (sniffed[rec.lang] ?? 0) + 1;
  }
  return out;
}
