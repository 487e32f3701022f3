// Two language-independent refinements of extracted facts, switched on by fields of LanguageSpec:
// - injections: code embedded in another language (Vue/Svelte/HTML <script> and <style>) is extracted
//   with the embedded language's own spec and merged into the host file's facts. The embedded text is
//   re-parsed padded with the newlines and spaces that precede it, so every line and column the
//   embedded extraction reports is already a position in the host file: nothing needs shifting.
// - nestKinds: kinds that nest like containers in one language only (YAML/JSON/TOML keys), so a key
//   gets its dotted path as container (`services.web` + `image`); and a key defined more than
//   RECORD_FIELD_REPEATS times in one file is a field of repeated records (a data file: an array of
//   events, features, rows), not something a user looks up as a definition, so it is dropped
//   (dropRecordFields). Linux's tools/perf/pmu-events (533 JSON files, 13 MB) gave 266,740 key
//   symbols, nearly all of them ten field names repeated per event; indexing them alone took 6.8 s and
//   278 MB peak against 4.1 s and 200 MB without key symbols.

import type { QueryMatch } from 'web-tree-sitter';
import type { FileFacts, Span, SymbolDef, SymbolKind } from '../core/types.js';
import { LANGUAGES, languageById } from './registry.js';
import type { LanguageSpec } from './spec.js';

export interface InjectionSite {
  start: number; end: number;
  /** 0-based row and UTF-16 column where the embedded text starts, and where it ends. */
  row: number; col: number; endRow: number; endCol: number;
  language: string;
}

/** Short names used in `lang="..."` attributes and code fences that are not ids or extensions. */
const ALIASES: Record<string, string> = {
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', ts: 'typescript', shell: 'bash', sh: 'bash',
  py: 'python', rb: 'ruby', golang: 'go', rs: 'rust', 'c++': 'cpp', cs: 'csharp', yml: 'yaml',
  postcss: 'css', kt: 'kotlin', hs: 'haskell', ps1: 'powershell', tf: 'terraform',
};

export function languageForName(name: string): LanguageSpec | undefined {
  const n = name.trim().toLowerCase();
  if (!n) return undefined;
  const byId = languageById(ALIASES[n] ?? n);
  if (byId) return byId;
  return LANGUAGES.find((l) => l.extensions.includes(`.${n}`));
}

/** Embedded ranges from the matches of a spec's `injections` query (one per range; an explicit
 *  @injection.language beats a `#set!` default given by another pattern). */
export function injectionSites(matches: QueryMatch[]): InjectionSite[] {
  const byStart = new Map<number, InjectionSite & { explicit: boolean }>();
  for (const m of matches) {
    const content = m.captures.find((c) => c.name === 'injection.content')?.node;
    if (!content || content.endIndex <= content.startIndex) continue;
    const langNode = m.captures.find((c) => c.name === 'injection.language')?.node;
    const language = langNode ? langNode.text.replace(/^["'\s]+|["'\s]+$/g, '') : String(m.setProperties?.['injection.language'] ?? '');
    if (!language) continue;
    const prev = byStart.get(content.startIndex);
    if (prev && (prev.explicit || !langNode)) continue;
    byStart.set(content.startIndex, {
      start: content.startIndex, end: content.endIndex,
      row: content.startPosition.row, col: content.startPosition.column,
      endRow: content.endPosition.row, endCol: content.endPosition.column,
      language, explicit: !!langNode,
    });
  }
  return [...byStart.values()].map(({ explicit: _e, ...s }) => s).sort((a, b) => a.start - b.start);
}

type Extract = (spec: LanguageSpec, text: string) => Promise<FileFacts>;

const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 < c2);

/** Extract every embedded range with its own language and merge the facts into the host's. */
export async function injectEmbedded(host: LanguageSpec, facts: FileFacts, text: string, sites: InjectionSite[], extract: Extract): Promise<FileFacts> {
  for (const site of sites) {
    const spec = languageForName(site.language);
    if (!spec || spec.id === host.id) continue;
    let inner: FileFacts;
    try {
      inner = await extract(spec, '\n'.repeat(site.row) + ' '.repeat(site.col) + text.slice(site.start, site.end));
    } catch {
      continue; // the embedded language's grammar is unavailable: the host file keeps its own facts
    }
    // The host's lexer saw the embedded text as its own: the embedded language's view replaces it.
    const inside = (line: number, col: number) =>
      !before(line - 1, col - 1, site.row, site.col) && before(line - 1, col - 1, site.endRow, site.endCol);
    for (const [name, pos] of facts.refs) {
      const kept: number[] = [];
      for (let i = 0; i < pos.length; i += 2) if (!inside(pos[i]!, pos[i + 1]!)) kept.push(pos[i]!, pos[i + 1]!);
      if (kept.length === 0) facts.refs.delete(name); else if (kept.length !== pos.length) facts.refs.set(name, kept);
    }
    for (const [name, pos] of inner.refs) {
      const have = facts.refs.get(name);
      facts.refs.set(name, have ? mergePositions(have, pos) : pos);
    }
    mergeSymbols(facts, inner);
    facts.imports.push(...inner.imports);
    facts.imports.sort((a, b) => a.line - b.line);
    facts.parseErrors += inner.parseErrors;
  }
  return facts;
}

function mergePositions(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && before(a[i]!, a[i + 1]!, b[j]!, b[j + 1]!))) { out.push(a[i]!, a[i + 1]!); i += 2; }
    else { out.push(b[j]!, b[j + 1]!); j += 2; }
  }
  return out;
}

const startsBefore = (a: Span, b: Span) => before(a.start.line, a.start.col, b.start.line, b.start.col);

/** Append the embedded symbols and calls, keep symbols in source order and remap parent/caller indexes. */
function mergeSymbols(facts: FileFacts, inner: FileFacts): void {
  const all = [
    ...facts.symbols.map((s, i) => ({ s, old: i, from: 0 })),
    ...inner.symbols.map((s, i) => ({ s, old: i, from: 1 })),
  ].sort((x, y) => (startsBefore(x.s.span, y.s.span) ? -1 : startsBefore(y.s.span, x.s.span) ? 1 : 0));
  const remap = [new Map<number, number>(), new Map<number, number>()];
  all.forEach((e, i) => remap[e.from]!.set(e.old, i));
  const symbols: SymbolDef[] = all.map((e) => ({ ...e.s, parent: e.s.parent < 0 ? -1 : remap[e.from]!.get(e.s.parent)! }));
  const calls = [
    ...facts.calls.map((c) => ({ ...c, caller: c.caller < 0 ? -1 : remap[0]!.get(c.caller)! })),
    ...inner.calls.map((c) => ({ ...c, caller: c.caller < 0 ? -1 : remap[1]!.get(c.caller)! })),
  ].sort((a, b) => a.line - b.line || a.col - b.col);
  facts.symbols = symbols;
  facts.calls = calls;
}

const endsBefore = (a: Span, line: number, col: number) => !before(line, col, a.end.line, a.end.col);

/** Nest symbols of the given kinds like containers (symbols arrive sorted by position). */
export function nestKinds(symbols: SymbolDef[], kinds: readonly SymbolKind[]): void {
  const nestable = new Set(kinds);
  const stack: number[] = [];
  symbols.forEach((s, i) => {
    while (stack.length > 0 && endsBefore(symbols[stack[stack.length - 1]!]!.span, s.span.start.line, s.span.start.col)) stack.pop();
    const top = stack[stack.length - 1];
    if (top !== undefined && s.parent < top) {
      const p = symbols[top]!;
      s.parent = top;
      s.container = p.container ? `${p.container}.${p.name}` : p.name;
    }
    if (nestable.has(s.kind)) stack.push(i);
  });
}

/** Definitions of one key name in one file beyond which they are record fields (see the header). */
export const RECORD_FIELD_REPEATS = 32;

/**
 * Drop symbols of the nesting kinds whose name is defined more than RECORD_FIELD_REPEATS times in the
 * file. Parents (and call sites' callers) are re-pointed to the nearest kept ancestor; containers,
 * computed before, keep the full dotted path.
 */
export function dropRecordFields(facts: FileFacts, kinds: readonly SymbolKind[]): void {
  const nestable = new Set(kinds);
  const counts = new Map<string, number>();
  for (const s of facts.symbols) if (nestable.has(s.kind)) counts.set(s.name, (counts.get(s.name) ?? 0) + 1);
  let any = false;
  for (const n of counts.values()) if (n > RECORD_FIELD_REPEATS) { any = true; break; }
  if (!any) return;
  const old = facts.symbols;
  const remap = new Array<number>(old.length);
  const kept: SymbolDef[] = [];
  old.forEach((s, i) => {
    const drop = nestable.has(s.kind) && counts.get(s.name)! > RECORD_FIELD_REPEATS;
    // Parents come before their children, so a parent's new index (or its own nearest kept ancestor's) is known.
    const parent = s.parent < 0 ? -1 : remap[s.parent]!;
    if (drop) { remap[i] = parent; return; }
    remap[i] = kept.length;
    kept.push({ ...s, parent });
  });
  facts.symbols = kept;
  facts.calls = facts.calls.map((c) => (c.caller < 0 ? c : { ...c, caller: remap[c.caller]! }));
}
