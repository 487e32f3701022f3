// The facts ax extracts from one file and the shapes that flow between layers. Pure data, no I/O.
// Lines and columns are 1-based; columns count UTF-16 code units (what editors and LSP use).

export interface Position { line: number; col: number }

export interface Span { start: Position; end: Position }

export type SymbolKind =
  | 'function' | 'method' | 'constructor' | 'class' | 'interface' | 'struct' | 'union' | 'enum'
  | 'enumerator' | 'trait' | 'impl' | 'type' | 'module' | 'namespace' | 'variable' | 'constant'
  | 'field' | 'property' | 'macro' | 'key' | 'heading' | 'target' | 'stage' | 'resource' | 'table'
  | 'view' | 'selector' | 'label';

export const SYMBOL_KINDS: readonly SymbolKind[] = [
  'function', 'method', 'constructor', 'class', 'interface', 'struct', 'union', 'enum', 'enumerator',
  'trait', 'impl', 'type', 'module', 'namespace', 'variable', 'constant', 'field', 'property', 'macro',
  'key', 'heading', 'target', 'stage', 'resource', 'table', 'view', 'selector', 'label',
];

/** Kinds that open a scope for the symbols (and calls) inside them. */
export const CONTAINER_KINDS: ReadonlySet<SymbolKind> = new Set<SymbolKind>([
  'function', 'method', 'constructor', 'class', 'interface', 'struct', 'union', 'enum', 'trait',
  'impl', 'module', 'namespace',
]);

/** Kinds whose body is code that runs: call sites are attributed to the innermost one. */
export const CALLABLE_KINDS: ReadonlySet<SymbolKind> = new Set<SymbolKind>(['function', 'method', 'constructor']);

export interface SymbolDef {
  name: string;
  kind: SymbolKind;
  /** Whole definition (for a function: header and body). */
  span: Span;
  /** The name token itself. */
  nameSpan: Span;
  /** Index (into FileFacts.symbols) of the enclosing definition, or -1 at top level. */
  parent: number;
  /** Qualified name of the enclosing definition chain, e.g. `Outer.Inner`; '' at top level. */
  container: string;
  /** First line of the definition, trimmed (e.g. `def parse(path: str) -> Config:`). */
  signature: string;
  /** Doc comment or docstring text, comment markers stripped; '' if none. */
  doc: string;
}

export interface RefOccurrence { name: string; line: number; col: number }

/**
 * Identifier occurrences of one file, grouped by name: name -> flat [line, col, line, col, ...] in
 * source order. Grouped and flat because a file can hold tens of thousands of them and this is the
 * shape the store encodes directly; use `refOccurrences()` for a friendlier list.
 */
export type RefTable = Map<string, number[]>;

export function refOccurrences(refs: RefTable): RefOccurrence[] {
  const out: RefOccurrence[] = [];
  for (const [name, pos] of refs) for (let i = 0; i < pos.length; i += 2) out.push({ name, line: pos[i]!, col: pos[i + 1]! });
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}

export function countRefs(refs: RefTable): number {
  let n = 0;
  for (const pos of refs.values()) n += pos.length / 2;
  return n;
}

export interface ImportFact {
  /** Module specifier as written (`./util`, `os.path`, `fmt`, `<stdio.h>` -> `stdio.h`). */
  module: string;
  /** Names imported from it ('*' for a wildcard; empty for a side-effect/whole-module import). */
  names: string[];
  line: number;
}

export interface CallSite {
  callee: string;
  /** Receiver text for member calls (`obj` in `obj.method()`), '' otherwise. */
  receiver: string;
  line: number;
  col: number;
  /** Index (into FileFacts.symbols) of the innermost enclosing callable, or -1. */
  caller: number;
}

export interface FileFacts {
  lang: string;
  symbols: SymbolDef[];
  refs: RefTable;
  imports: ImportFact[];
  calls: CallSite[];
  /** Number of ERROR/MISSING nodes in the syntax tree (0 for a clean parse). */
  parseErrors: number;
}

/** Why a file was not indexed. Stable strings: they appear in `--json` output. */
export type SkipReason =
  | 'ignored' | 'binary' | 'too-large' | 'minified' | 'unsupported' | 'unreadable' | 'parse-failed'
  | 'grammar-unavailable' | 'not-regular' | 'encoding';

/**
 * String order for paths, rule ids and names, and so path order in every listing: UTF-16 code-unit order, which for the ASCII paths of nearly every
 * repository is byte order: the order of `git ls-files`, `LC_ALL=C sort` and SQLite's `ORDER BY path`,
 * stable across machines and locales. (It was `localeCompare` until the first call of it in a process
 * showed up as 18 ms of a 90 ms `ax refs`: building V8's collator from ICU's locale data.)
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Path order in listings (the same order; the name says where it is relied on). */
export const comparePaths = compareStrings;
