// Query planning: AST -> what the store runs. Each top-level conjunct is one of
//   - full-text: terms, phrases and their AND/OR/NOT combinations -> one FTS5 MATCH expression (exact);
//   - row filter: lang/kind/path/ext/sym and their combinations -> SQL on the chunk's file and symbols;
//   - verified: anything with a /regex/, a punctuation literal, or mixing the two kinds above -> a
//     narrowing FTS expression (a superset) plus a check of each candidate against its file's content.
// FTS5 strings are built only from AST words, each quoted, so user input never reaches FTS5 syntax.

import { AxError } from '../core/errors.js';
import { globMatcher, picomatch, type RowFilter } from '../store/search.js';
import { conjuncts, normalizeKey, walkNodes, type QueryNode } from './ast.js';
import { regexNeeds } from './regex.js';
import { camelParts, isIdentifier, matchWords, STOPWORDS, wordsOf } from './words.js';

export interface QueryPlan {
  ast: QueryNode;
  /** Canonical form of the query (cache key). */
  key: string;
  /** FTS5 MATCH expression every result satisfies (null: no full-text narrowing; see `scan`). */
  match: string | null;
  /** Exact SQL-side conditions on the chunk's file/symbols. */
  filter: RowFilter | null;
  /** Conjuncts each candidate must also pass in JS (verifyNode), against its file content. */
  verify: QueryNode[];
  /** No FTS narrowing: candidates are all chunks passing `filter` (only allowed on small indexes). */
  scan: boolean;
  /** Identifiers the user typed (positive terms and sym: names): definitions of these rank first. */
  identifiers: string[];
  /** Lower-cased words to highlight and to pick the snippet line. */
  highlightWords: string[];
  /** Regexes to highlight and to pick the snippet line. */
  highlightRegexes: RegExp[];
  /**
   * For a query of plain words only: an OR of its non-stopwords, used when too few chunks contain
   * every word (natural-language queries such as "validate email address").
   */
  relaxed: string | null;
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** FTS5 expression for a plain term; null if it has no words. */
function termFts(words: string[]): string | null {
  if (words.length === 0) return null;
  if (words.length === 1) {
    const w = words[0]!;
    const parts = camelParts(w);
    // `getUserById` is one token in code but `get User By Id` in the index's identifier-words column.
    return parts.length > 1 ? `(${q(w)} OR ${q(parts.join(' '))})` : q(w);
  }
  return q(words.join(' '));
}

/** A term with punctuation that is not just identifier glue (`foo.bar(`, `->`): verified literally. */
export function needsLiteral(n: QueryNode): boolean {
  return n.type === 'term' && !isIdentifier(n.text) && !/^[\p{L}\p{N}_$\-./:]+$/u.test(n.text) || (n.type === 'term' && n.words.length === 0);
}

type Cls = 'fts' | 'row' | 'mixed';

function classify(n: QueryNode): Cls {
  switch (n.type) {
    case 'term': return needsLiteral(n) ? 'mixed' : 'fts';
    case 'phrase': return 'fts';
    case 'regex': return 'mixed';
    case 'sym': case 'filter': return 'row';
    case 'not': {
      const c = classify(n.child);
      return c;
    }
    case 'and': case 'or': {
      const cs = new Set(n.children.map(classify));
      if (cs.size === 1) {
        const c = [...cs][0]!;
        if (c === 'fts' && n.type === 'or' && n.children.some((x) => x.type === 'not')) return 'mixed';
        if (c === 'fts' && n.type === 'and' && n.children.every((x) => x.type === 'not')) return 'mixed';
        return c;
      }
      return 'mixed';
    }
  }
}

/** Exact FTS5 expression of an 'fts'-class node. */
function ftsExact(n: QueryNode): string {
  switch (n.type) {
    case 'term': return termFts(n.words)!;
    case 'phrase': return q(n.words.join(' '));
    case 'or': return `(${n.children.map(ftsExact).join(' OR ')})`;
    case 'and': {
      const pos = n.children.filter((c) => c.type !== 'not').map(ftsExact);
      const neg = n.children.filter((c) => c.type === 'not').map((c) => ftsExact((c as { child: QueryNode }).child));
      const p = pos.length === 1 ? pos[0]! : `(${pos.join(' AND ')})`;
      return neg.length ? `(${p} NOT (${neg.join(' OR ')}))` : p;
    }
    default: throw new Error(`not a full-text node: ${n.type}`);
  }
}

/** A superset FTS5 expression for any node (null = cannot narrow). */
function narrow(n: QueryNode): string | null {
  switch (n.type) {
    case 'term': return termFts(n.words);
    case 'phrase': return q(n.words.join(' '));
    case 'regex': {
      const needs = regexNeeds(n.source);
      if (!needs) return null;
      const branches = needs.map((b) => b.map((x) => (x.prefix ? `${q(x.words.join(' '))}*` : q(x.words.join(' ')))).join(' AND '));
      return branches.length === 1 ? `(${branches[0]})` : `(${branches.map((b) => `(${b})`).join(' OR ')})`;
    }
    case 'sym': {
      const lit = n.name.split(/[*?[]/)[0]!;
      const words = wordsOf(lit);
      if (words.length === 0) return null;
      const exact = !/[*?[]/.test(n.name);
      if (exact) return `(name : ${q(words.join(' '))})`;
      return `(name : ${q(words.join(' '))}*)`;
    }
    case 'filter': return null;
    case 'not': return null;
    case 'and': {
      const parts = n.children.map(narrow).filter((x): x is string => x !== null);
      return parts.length === 0 ? null : parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
    }
    case 'or': {
      const parts = n.children.map(narrow);
      return parts.some((x) => x === null) ? null : `(${parts.join(' OR ')})`;
    }
  }
}

function rowFilter(n: QueryNode): RowFilter {
  switch (n.type) {
    case 'filter':
      switch (n.field) {
        case 'lang': return { op: 'lang', value: n.value };
        case 'kind': return { op: 'kind', value: n.value };
        case 'ext': return { op: 'ext', value: n.value };
        case 'path': return /[*?[\]{}]/.test(n.value) ? { op: 'glob', value: n.value } : { op: 'under', value: n.value };
      }
      break;
    case 'sym': return { op: 'sym', value: n.name };
    case 'not': return { op: 'not', child: rowFilter(n.child) };
    case 'and': return { op: 'and', children: n.children.map(rowFilter) };
    case 'or': return { op: 'or', children: n.children.map(rowFilter) };
  }
  throw new Error(`not a row filter: ${n.type}`);
}

function regexOf(n: { source: string; flags: string }): RegExp {
  return new RegExp(n.source, n.flags);
}

export function planQuery(ast: QueryNode): QueryPlan {
  const fts: string[] = [];
  const ftsNeg: string[] = [];
  const filters: RowFilter[] = [];
  const verify: QueryNode[] = [];
  for (const c of conjuncts(ast)) {
    const cls = classify(c);
    if (cls === 'fts') {
      if (c.type === 'not') ftsNeg.push(ftsExact(c.child));
      else fts.push(ftsExact(c));
    } else if (cls === 'row') {
      filters.push(rowFilter(c));
      const nr = narrow(c);
      if (nr) fts.push(nr); // sym:NAME narrows through the name column
    } else {
      verify.push(c);
      const nr = narrow(c);
      if (nr) fts.push(nr);
    }
  }
  if (fts.length === 0 && ftsNeg.length > 0) {
    const first = conjuncts(ast).find((c) => c.type === 'not')!;
    throw new AxError('E_QUERY', `a query needs at least one positive search term, not only excluded ones (at position ${first.pos})`, {
      position: first.pos, hint: 'e.g. `parse -test` rather than `-test`',
    });
  }
  let match: string | null = fts.length === 0 ? null : fts.length === 1 ? fts[0]! : fts.join(' AND ');
  if (match && ftsNeg.length) match = `(${match}) NOT (${ftsNeg.join(' OR ')})`;
  const filter: RowFilter | null = filters.length === 0 ? null : filters.length === 1 ? filters[0]! : { op: 'and', children: filters };

  const identifiers: string[] = [];
  const highlightWords = new Set<string>();
  const highlightRegexes: RegExp[] = [];
  let hasSearch = false;
  let positiveTerms = 0;
  walkNodes(ast, (n, negated) => { if (!negated && (n.type === 'term' || n.type === 'phrase')) positiveTerms++; });
  walkNodes(ast, (n, negated) => {
    if (negated) return;
    if (n.type === 'term') {
      // Identifiers whose definitions rank first: a lone word, or in a short query anything that looks
      // like code (`parse_config`, `getUserById`, `kmalloc2`); not the words of a sentence-like query.
      const codeLike = positiveTerms <= 3 && (/[_$\p{N}]|\p{Ll}\p{Lu}/u.test(n.text) || positiveTerms === 1);
      if (codeLike && isIdentifier(n.text)) identifiers.push(n.text);
      else if (codeLike && n.words.length === 1 && n.text.startsWith(n.words[0]!)) identifiers.push(n.words[0]!);
      for (const w of n.words) highlightWords.add(w.toLowerCase());
      for (const w of matchWords(n.text)) highlightWords.add(w);
      if (n.words.length || n.text) hasSearch = true;
    } else if (n.type === 'phrase') {
      for (const w of n.words) highlightWords.add(w.toLowerCase());
      hasSearch = true;
    } else if (n.type === 'regex') {
      highlightRegexes.push(regexOf(n));
      hasSearch = true;
    } else if (n.type === 'sym') {
      if (!/[*?[]/.test(n.name)) identifiers.push(n.name);
      for (const w of wordsOf(n.name)) highlightWords.add(w.toLowerCase());
      hasSearch = true;
    }
  });
  if (!hasSearch) {
    throw new AxError('E_QUERY', 'filters alone select no text: add a search term, "phrase", /regex/ or sym:NAME (at position 0)', {
      position: 0, hint: 'e.g. `lang:python parse config`',
    });
  }
  if (match === null && verify.length === 0 && !filters.length) {
    throw new AxError('E_QUERY', 'nothing to search for (at position 0)', { position: 0 });
  }
  const termOnly = conjuncts(ast).filter((c) => c.type !== 'filter');
  let relaxed: string | null = null;
  if (termOnly.length >= 2 && termOnly.every((c) => c.type === 'term' && !needsLiteral(c))) {
    const words = [...new Set(termOnly.flatMap((c) => (c as { words: string[] }).words))].filter((w) => !STOPWORDS.has(w.toLowerCase()));
    if (words.length >= 2) relaxed = words.map((w) => termFts([w])).join(' OR ');
  }
  return {
    ast, key: normalizeKey(ast), match, filter, verify, scan: match === null,
    identifiers: [...new Set(identifiers)], highlightWords: [...highlightWords].filter(Boolean),
    highlightRegexes, relaxed,
  };
}

// ---- verification of one candidate (JS), for 'mixed' conjuncts ----

export interface CandidateView {
  path: string;
  lang: string;
  /** Lines of the chunk (1-based line `startLine`). */
  lines: string[];
  /** Definitions in the chunk. */
  symbols: Array<{ name: string; kind: string }>;
}

function hasWords(words: string[], view: CandidateView, adjacent: boolean): boolean {
  const text = view.lines.join('\n');
  const seq = matchWords(text);
  const want = words.flatMap((w) => matchWords(w));
  if (want.length === 0) return true;
  if (!adjacent) {
    const set = new Set(seq);
    const lowerWhole = new Set(wordsOf(text).map((w) => w.toLowerCase()));
    return words.every((w) => lowerWhole.has(w.toLowerCase()) || matchWords(w).every((p) => set.has(p)));
  }
  outer: for (let i = 0; i + want.length <= seq.length; i++) {
    for (let j = 0; j < want.length; j++) if (seq[i + j] !== want[j]) continue outer;
    return true;
  }
  return false;
}

/** Does a candidate pass one node? Used for 'mixed' conjuncts (the rest is exact in SQL/FTS). */
export function verifyNode(n: QueryNode, v: CandidateView): boolean {
  switch (n.type) {
    case 'term':
      if (needsLiteral(n)) return v.lines.some((l) => l.toLowerCase().includes(n.text.toLowerCase()));
      return hasWords(n.words, v, n.words.length > 1);
    case 'phrase': return hasWords(n.words, v, true);
    case 'regex': {
      const re = regexOf(n);
      return v.lines.some((l) => re.test(l));
    }
    case 'sym': {
      const name = n.name.toLowerCase();
      const m = /[*?[]/.test(name) ? picomatch(name, { dot: true }) : (s: string) => s === name;
      return v.symbols.some((s) => m(s.name.toLowerCase()));
    }
    case 'filter':
      switch (n.field) {
        case 'lang': return v.lang === n.value;
        case 'kind': return v.symbols.some((s) => s.kind === n.value);
        case 'ext': return v.path.toLowerCase().endsWith(`.${n.value}`);
        case 'path': return /[*?[\]{}]/.test(n.value) ? globMatcher(n.value)(v.path) : pathUnder(v.path, n.value);
      }
      return false;
    case 'not': return !verifyNode(n.child, v);
    case 'and': return n.children.every((c) => verifyNode(c, v));
    case 'or': return n.children.some((c) => verifyNode(c, v));
  }
}

/** `path:drivers/net` (no wildcard) matches paths containing that text. */
export function pathUnder(path: string, value: string): boolean {
  return path.includes(value.replace(/\/+$/, ''));
}
