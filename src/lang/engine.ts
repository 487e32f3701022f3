// The shared extraction engine: parse with Tree-sitter (web-tree-sitter, WASM; see docs/decisions.md),
// run the language's one query, and turn its matches into FileFacts. Grammars load lazily, once per
// language per thread; a grammar that fails to load disables only its language.

import { createRequire } from 'node:module';
import path from 'node:path';
import { Language, Parser, Query, type Node, type QueryMatch } from 'web-tree-sitter';
import { AxError } from '../core/errors.js';
import {
  CALLABLE_KINDS, CONTAINER_KINDS, SYMBOL_KINDS,
  type CallSite, type FileFacts, type ImportFact, type Span, type SymbolDef, type SymbolKind,
} from '../core/types.js';
import { lineStarts, mergeRanges, scanIdentifiers } from './lexer.js';
import { DEFAULT_IDENTIFIER, type LanguageSpec } from './spec.js';
import { dropRecordFields, injectEmbedded, injectionSites, nestKinds, type InjectionSite } from './inject.js';
import { VENDORED, VENDORED_DIR } from './grammar-file.js';
import { initRuntime } from './runtime.js';

interface Loaded {
  parser: Parser;
  query: Query;
  identifier: RegExp;
  stop: ReadonlySet<string>;
  injections?: Query;
}

const require = createRequire(import.meta.url);
const loaded = new Map<string, Promise<Loaded>>();
const KIND_SET = new Set<string>(SYMBOL_KINDS);

export function grammarPath(spec: LanguageSpec): string {
  const pkg = spec.grammarPackage ?? 'tree-sitter-wasms';
  if (pkg === VENDORED) return path.join(VENDORED_DIR, spec.grammar);
  const dir = path.dirname(require.resolve(`${pkg}/package.json`));
  return pkg === 'tree-sitter-wasms' ? path.join(dir, 'out', spec.grammar) : path.join(dir, spec.grammar);
}

/** Words of the grammar that are keywords: anonymous node types that look like identifiers, and the
 *  words of named `keyword_<word>` nodes (SQL's grammar names its case-insensitive keywords so; they
 *  are stopped in lower, upper and capitalised case). */
function grammarKeywords(lang: Language): Set<string> {
  const named = new Set<string>();
  const anon: string[] = [];
  const keywordNodes: string[] = [];
  for (let i = 0; i < lang.nodeTypeCount; i++) {
    const t = lang.nodeTypeForId(i);
    if (!t) continue;
    if (lang.nodeTypeIsNamed(i)) {
      named.add(t);
      const k = /^keyword_([a-z]+)$/.exec(t)?.[1];
      if (k) keywordNodes.push(k, k.toUpperCase(), k[0]!.toUpperCase() + k.slice(1));
    } else if (/^[A-Za-z][A-Za-z0-9_]*$/.test(t) && lang.nodeTypeIsVisible(i)) anon.push(t);
  }
  return new Set([...anon.filter((t) => !named.has(t)), ...keywordNodes]);
}

let grammarLoads: Promise<unknown> = Promise.resolve();

async function load(spec: LanguageSpec): Promise<Loaded> {
  await initRuntime();
  let lang: Language;
  try {
    // One grammar load at a time: concurrent Language.load calls in one thread mix up their exports
    // ("bad export type for 'tree_sitter_python_external_scanner_create'" while loading C).
    const mine = grammarLoads.then(() => Language.load(grammarPath(spec)));
    grammarLoads = mine.catch(() => undefined);
    lang = await mine;
  } catch (e) {
    throw new AxError('E_GRAMMAR', `grammar for ${spec.name} failed to load: ${(e as Error).message}`, { cause: e });
  }
  let query: Query, injections: Query | undefined;
  try {
    query = new Query(lang, spec.query);
    injections = spec.injections ? new Query(lang, spec.injections) : undefined;
  } catch (e) {
    throw new AxError('E_GRAMMAR', `extraction query for ${spec.name} is invalid: ${(e as Error).message}`, { cause: e });
  }
  const parser = new Parser();
  parser.setLanguage(lang);
  const stop = grammarKeywords(lang);
  for (const w of spec.stopwords ?? []) stop.add(w);
  return { parser, query, identifier: new RegExp(spec.identifier ?? DEFAULT_IDENTIFIER, 'g'), stop, injections };
}

export function loadLanguage(spec: LanguageSpec): Promise<Loaded> {
  let p = loaded.get(spec.id);
  if (!p) { p = load(spec); loaded.set(spec.id, p); }
  return p;
}

export async function extract(spec: LanguageSpec, text: string): Promise<FileFacts> {
  const l = await loadLanguage(spec);
  let tree;
  try {
    tree = l.parser.parse(text);
  } catch (e) {
    loaded.delete(spec.id); // a scanner that trapped leaves its parser unusable: the next file reloads it
    throw e;
  }
  if (!tree) throw new AxError('E_INTERNAL', `Tree-sitter returned no tree for a ${spec.name} file`);
  let facts: FileFacts, sites: InjectionSite[] = [];
  try {
    const matches = text.length > matchRange.above ? rangedMatches(l.query, tree.rootNode, text.length, matchRange.chars) : l.query.matches(tree.rootNode);
    facts = factsFromMatches(spec.id, text, matches, l.identifier, l.stop);
    if (l.injections) sites = injectionSites(l.injections.matches(tree.rootNode));
  } finally {
    tree.delete();
  }
  if (spec.nestKinds) {
    nestKinds(facts.symbols, spec.nestKinds);
    dropRecordFields(facts, spec.nestKinds);
  }
  return sites.length > 0 ? injectEmbedded(spec, facts, text, sites, extract) : facts;
}

/**
 * Above `above` characters a file's query matches are taken `chars` at a time instead of all at once.
 * A match is a JavaScript object with its captures' nodes, ~500 bytes each: one 793 KB JSON file of
 * Linux's pmu-events gave 60,906 matches at once, 35 MB of heap and +64 MB of RSS in a parse worker
 * for a moment, which on Linux set the index run's peak (405-439 MB). Ranges are chosen so that each
 * match is taken once: tree-sitter returns every match that intersects a range, and a match is kept
 * in the range where its first capture starts. Changeable for the tests that compare both ways.
 */
export const matchRange = { above: 128 * 1024, chars: 32 * 1024 };

function* rangedMatches(query: Query, root: Node, length: number, chars: number): Generator<QueryMatch> {
  for (let a = 0; a < length; a += chars) {
    const b = Math.min(length, a + chars);
    // Query ranges count bytes of the UTF-16 text Tree-sitter parsed (2 per character); nodes' indexes count characters.
    for (const m of query.matches(root, { startIndex: 2 * a, endIndex: 2 * b })) {
      let first = Infinity;
      for (const c of m.captures) if (c.node.startIndex < first) first = c.node.startIndex;
      if (first >= a && (first < b || b === length)) yield m;
    }
  }
}

const starts0 = (n: Node) => n.startIndex;

function spanOf(n: Node): Span {
  // Tree-sitter rows are 0-based, columns in UTF-16 units for JS strings: convert to 1-based.
  return {
    start: { line: n.startPosition.row + 1, col: n.startPosition.column + 1 },
    end: { line: n.endPosition.row + 1, col: n.endPosition.column + 1 },
  };
}

function unquote(s: string): string {
  return s.replace(/^[\s"'`<]+|[\s"'`>;]+$/g, '');
}

export function stripCommentMarkers(raw: string): string {
  return raw
    .split('\n')
    .map((l) => l.replace(/^\s*(\/\*\*?|\*\/|\*(?!\/)|\/\/\/?!?|#+|\{-\|?|--|;+|%+)\s?/, '').replace(/\s*(\*\/|-\})\s*$/, ''))
    .join('\n')
    .trim();
}

function stripDocstring(raw: string): string {
  return raw.replace(/^[rRuUbBfF]*("""|'''|"|')/, '').replace(/("""|'''|"|')$/, '').trim();
}

interface PendingDef { def: SymbolDef; startIndex: number; endIndex: number; pattern: number; owner?: string }

function factsFromMatches(lang: string, text: string, matches: Iterable<QueryMatch>, identifier: RegExp, stop: ReadonlySet<string>): FileFacts {
  const starts = lineStarts(text);
  const defs: PendingDef[] = [];
  const calls: Array<CallSite & { at: number }> = [];
  const imports: ImportFact[] = [];
  const skip: Array<[number, number]> = [];
  const comments: Node[] = [];
  const decorations: Node[] = []; // attributes outside the definition node (Rust `#[derive]`)
  const defAt = new Map<number, number>(); // name node start -> index in defs
  const callAt = new Map<number, CallSite>(); // callee name node start -> its call
  let parseErrors = 0;

  for (const m of matches) {
    const caps = m.captures;
    const head = caps.find((c) => c.name.startsWith('definition.') || c.name === 'call' || c.name === 'import')
      ?? caps[0];
    if (!head) continue;
    const hn = head.name;
    if (hn === 'comment' || hn === 'string') {
      skip.push([head.node.startIndex, head.node.endIndex]);
      if (hn === 'comment') comments.push(head.node);
      continue;
    }
    if (hn === 'error') { parseErrors++; continue; }
    if (hn === 'decoration') { decorations.push(head.node); continue; }
    if (hn.startsWith('definition.')) {
      const kind = hn.slice('definition.'.length);
      const nameNode = caps.find((c) => c.name === 'name')?.node;
      if (!KIND_SET.has(kind) || !nameNode) continue;
      // Several patterns may match one name (a method also matches the plain function pattern): the
      // pattern written first in the query wins, whatever order the matches arrive in.
      const prev = defAt.get(nameNode.startIndex);
      if (prev !== undefined && defs[prev]!.pattern <= m.patternIndex) continue;
      const node = head.node;
      const docNode = caps.find((c) => c.name === 'doc')?.node;
      const ownerNode = caps.find((c) => c.name === 'container')?.node;
      const line = node.startPosition.row;
      const lineText = text.slice(starts[line], line + 1 < starts.length ? starts[line + 1]! - 1 : text.length);
      const pending: PendingDef = {
        startIndex: node.startIndex,
        endIndex: node.endIndex,
        pattern: m.patternIndex,
        owner: ownerNode?.text,
        def: {
          name: nameNode.text,
          kind: kind as SymbolKind,
          span: spanOf(node),
          nameSpan: spanOf(nameNode),
          parent: -1,
          container: '',
          signature: lineText.trim().slice(0, 200),
          doc: docNode ? stripDocstring(docNode.text) : '',
        },
      };
      if (prev !== undefined) defs[prev] = pending;
      else { defAt.set(nameNode.startIndex, defs.length); defs.push(pending); }
      continue;
    }
    if (hn === 'call') {
      const nameNode = caps.find((c) => c.name === 'call.name')?.node;
      if (!nameNode) continue;
      const recv = caps.find((c) => c.name === 'call.receiver')?.node;
      // Two patterns may match one call (with and without its receiver): one call, receiver kept.
      const same = callAt.get(nameNode.startIndex);
      if (same) { if (recv && !same.receiver) same.receiver = recv.text; continue; }
      const call = {
        callee: nameNode.text, receiver: recv ? recv.text : '',
        line: nameNode.startPosition.row + 1, col: nameNode.startPosition.column + 1, caller: -1,
        at: nameNode.startIndex,
      };
      callAt.set(nameNode.startIndex, call);
      calls.push(call);
      continue;
    }
    if (hn === 'import') {
      const mod = caps.find((c) => c.name === 'import.module')?.node;
      const names = caps.filter((c) => c.name === 'import.name').map((c) => c.node.text);
      if (!mod && names.length === 0) continue;
      const module = mod ? unquote(mod.text) : '';
      const line = head.node.startPosition.row + 1;
      // One statement may arrive as several matches (one per imported name): merge them.
      const same = imports.find((i) => i.line === line && i.module === module);
      if (same) { for (const n of names) if (!same.names.includes(n)) same.names.push(n); }
      else imports.push({ module, names, line });
    }
  }

  attachDocs(defs, comments, decorations);
  const symbols = nest(defs);
  attributeCalls(defs, calls);

  return {
    lang,
    symbols,
    refs: scanIdentifiers(text, starts, mergeRanges(skip), identifier, stop),
    imports,
    calls: calls.map(({ at: _at, ...c }) => c),
    parseErrors,
  };
}

/** Comment lines addressed to tools, not readers (`//go:noinline`, `eslint-disable`, `@ts-ignore`, ...). */
const TOOL_DIRECTIVE = /^(?:go:|\+build\b|nolint|lint:|NOLINT|eslint[- ]|tslint:|jshint|jscs:|prettier-ignore|@ts-|istanbul |c8 |rubocop:|pylint:|noqa|type: ?ignore|clang-format |phpcs:|@phpstan-|@psalm-|ReSharper |resharper_)/;

/** A comment block that ends on the line before a definition (or on its line, before it) documents it. */
function attachDocs(defs: PendingDef[], comments: Node[], decorations: Node[]): void {
  if (comments.length === 0) return;
  comments.sort((a, b) => starts0(a) - starts0(b));
  const byEndRow = new Map<number, number>(); // end row -> index of last comment ending there
  comments.forEach((c, i) => byEndRow.set(c.endPosition.row, i));
  // Decorations (@decoration) between a doc comment and its definition are stepped over.
  const decoByEndRow = new Map<number, number>(); // end row -> start row
  for (const n of decorations) decoByEndRow.set(n.endPosition.row, Math.min(n.startPosition.row, decoByEndRow.get(n.endPosition.row) ?? Infinity));
  for (const d of defs) {
    if (d.def.doc) continue;
    let row = d.def.span.start.line - 1;
    for (let up = decoByEndRow.get(row - 1); up !== undefined && up < row; up = decoByEndRow.get(row - 1)) row = up;
    let i = byEndRow.get(row - 1);
    if (i === undefined) continue;
    const parts: string[] = [];
    let expectRow = row - 1;
    while (i !== undefined && i >= 0 && comments[i]!.endPosition.row === expectRow) {
      parts.unshift(comments[i]!.text);
      expectRow = comments[i]!.startPosition.row - 1;
      i--;
    }
    d.def.doc = stripCommentMarkers(parts.join('\n')).split('\n').filter((l) => !TOOL_DIRECTIVE.test(l)).join('\n')
      .trim().slice(0, 2000);
  }
}

/** Sort definitions by position and link each to its innermost enclosing container. */
function nest(defs: PendingDef[]): SymbolDef[] {
  defs.sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
  const stack: number[] = [];
  defs.forEach((d, i) => {
    while (stack.length > 0 && defs[stack[stack.length - 1]!]!.endIndex <= d.startIndex) stack.pop();
    for (let s = stack.length - 1; s >= 0; s--) {
      const p = defs[stack[s]!]!;
      if (p.endIndex >= d.endIndex && CONTAINER_KINDS.has(p.def.kind)) {
        // A property declared by a constructor's parameters (TS `constructor(private x)`, PHP promotion)
        // belongs to the class around the constructor.
        if (p.def.kind === 'constructor' && (d.def.kind === 'property' || d.def.kind === 'field')) continue;
        d.def.parent = stack[s]!;
        d.def.container = p.def.container ? `${p.def.container}.${p.def.name}` : p.def.name;
        break;
      }
    }
    // A definition written outside its owner (Go receiver, C++ `A::f`) names it: append to the chain.
    if (d.owner) d.def.container = d.def.container ? `${d.def.container}.${d.owner}` : d.owner;
    stack.push(i);
  });
  return defs.map((d) => d.def);
}

/** Attribute each call site to the innermost enclosing function/method. */
function attributeCalls(defs: PendingDef[], calls: Array<CallSite & { at: number }>): void {
  if (calls.length === 0 || defs.length === 0) return;
  calls.sort((a, b) => a.at - b.at);
  const stack: number[] = [];
  let d = 0;
  for (const c of calls) {
    while (d < defs.length && defs[d]!.startIndex <= c.at) {
      while (stack.length > 0 && defs[stack[stack.length - 1]!]!.endIndex <= defs[d]!.startIndex) stack.pop();
      stack.push(d++);
    }
    while (stack.length > 0 && defs[stack[stack.length - 1]!]!.endIndex <= c.at) stack.pop();
    for (let s = stack.length - 1; s >= 0; s--) {
      if (CALLABLE_KINDS.has(defs[stack[s]!]!.def.kind)) { c.caller = stack[s]!; break; }
    }
  }
}
