// Use case: `ax find`. Parses the query once (src/query), asks the store for candidate chunks by
// weighted BM25, adds the definitions of identifiers the user typed, verifies regexes and literals
// against the working tree, re-ranks (definitions first, exact case, tests/vendored/generated demoted;
// weights from the relevance sweep in docs/ranking.md) and reads snippets from disk.
// A Searcher keeps the index open and caches responses (LRU+TTL, keyed by the normalized AST and
// invalidated by the index generation) for long-lived processes; `search()` is the one-shot form.

import path from 'node:path';
import { AxError } from '../core/errors.js';
import { CALLABLE_KINDS, comparePaths, type SymbolKind } from '../core/types.js';
import { conjuncts } from '../query/ast.js';
import { parseQuery } from '../query/parse.js';
import { planQuery, verifyNode, type QueryPlan } from '../query/plan.js';
import { KEPT_READER_CACHE_MIB, openDatabase, type DB } from '../store/db.js';
import { SearchStore, type Candidate, type ChunkSymbol } from '../store/search.js';
import { FileLines } from './lines.js';
import { dbPathFor, findIndexRoot } from './root.js';
import { LruTtlCache } from './search-cache.js';
import { readIndex } from './readers.js';

export interface SearchResult {
  path: string;
  line: number;
  endLine: number;
  lang: string;
  kind: string | null;
  symbol: string | null;
  score: number;
  snippet: string;
  /** [start, end) character ranges of the match inside `snippet` (for highlighting; not in --json). */
  ranges: Array<[number, number]>;
}

export interface SearchResponse { query: string; total: number; tookMs: number; results: SearchResult[] }

export interface SearchRequest { query: string; root?: string; limit?: number; offset?: number }

/** Ranking parameters (chosen by the sweep in src/bench/relevance; see docs/ranking.md). */
export interface RankParams {
  /** BM25 column weights for fts(name, signature, doc, body, path, words). */
  weights: readonly number[];
  /** Factor for a chunk that defines an identifier the user typed (case-insensitive). */
  def: number;
  /** Extra factor when that definition's name has the exact case typed. */
  exactCase: number;
  /** Factor for function/method chunks (over blocks of other lines). */
  callable: number;
  /** Factor for tests, vendored and generated code. */
  demote: number;
  /** In the natural-language fallback: factor for chunks that contain every word. */
  allWords: number;
  /** Candidates fetched by BM25 before re-ranking. */
  candidates: number;
}

/**
 * Chosen by the sweep of 2026-11-22 (bench-results/relevance-sweep-2026-11-22T02-04-21-398Z.json,
 * docs/ranking.md): tune-half MRR@10 0.546 over django, go-std and linux. `demote` is 0.7 rather than
 * the sweep's 1 (the relevance set draws documented test functions as answers like any other; the
 * difference on it was 0.001 MRR) because demoting tests is a product rule.
 */
export const DEFAULT_RANK: RankParams = {
  weights: [10, 5, 1, 1, 0.5, 2],
  def: 3,
  exactCase: 2,
  callable: 1.5,
  demote: 0.7,
  allWords: 1,
  candidates: 100,
};

/** Tests, vendored and generated code: demoted, never hidden. */
const DEMOTED = /(^|\/)(tests?|testing|__tests__|spec|testdata|fixtures?|vendor|third_party|thirdparty|external|node_modules|generated|gen)\/|(^|\/)test_[^/]*$|_test\.[a-z]+$|\.(test|spec)\.[a-z]+$|_pb2?\.[a-z]+$|\.pb\.go$|\.min\.js$|_generated\./;

export function isDemotedPath(p: string): boolean {
  return DEMOTED.test(p);
}

/** Largest index (bytes of source) on which a query the index cannot narrow may scan every chunk. */
const SCAN_LIMIT_BYTES = 64 * 1024 * 1024;
/** Most candidates verified against file content for one query. */
const MAX_VERIFY = 4000;
/** Time spent verifying candidates before answering with what was found (`total` is then estimated). */
const VERIFY_BUDGET_MS = 500;
/** Counting stops here (`total` is then a lower bound). */
const COUNT_CAP = 100000;
/** Definitions looked up per identifier. */
const MAX_DEFS = 60;

export interface Scored { c: Candidate; score: number; def?: ChunkSymbol }

export interface Retrieved {
  pool: Candidate[];
  /** Chunks that define a typed identifier, with that definition. */
  defs: Map<number, ChunkSymbol>;
  /** In the natural-language fallback, the chunks that contain every word; else null. */
  strict: Set<number> | null;
  identifiers: string[];
  total: number;
}

export interface SearcherOptions {
  root: string;
  /** A connection to use (and not close); default: one of its own. */
  db?: DB;
  cache?: { maxEntries: number; ttlMs: number; now?: () => number };
  rank?: RankParams;
}

export class Searcher {
  readonly root: string;
  private readonly db: DB;
  private readonly ownsDb: boolean;
  private readonly store: SearchStore;
  readonly cache: LruTtlCache<SearchResponse>;
  rank: RankParams;

  constructor(opts: SearcherOptions) {
    this.root = opts.root;
    this.ownsDb = opts.db === undefined;
    // A Searcher with a connection of its own lives for many queries (benchmarks, evaluation).
    this.db = opts.db ?? openDatabase(dbPathFor(opts.root), { readonly: true, cacheMiB: KEPT_READER_CACHE_MIB });
    this.store = new SearchStore(this.db);
    this.cache = new LruTtlCache<SearchResponse>(opts.cache ?? { maxEntries: 256, ttlMs: 60_000 });
    this.rank = opts.rank ?? DEFAULT_RANK;
  }

  close(): void {
    if (this.ownsDb) this.db.close();
  }

  search(query: string, opts: { limit?: number; offset?: number } = {}): SearchResponse {
    const t0 = nowMs();
    const limit = opts.limit ?? 20, offset = opts.offset ?? 0;
    const plan = planQuery(parseQuery(query));
    const generation = this.store.generation();
    const key = `${plan.key}\u0000${limit}\u0000${offset}`;
    const hit = this.cache.get(key, generation);
    if (hit) return { ...hit, query, tookMs: round(nowMs() - t0) };
    const { ranked, total } = this.rankPlan(plan, offset + limit);
    const files = new Map<string, FileLines>();
    const results = ranked.slice(offset, offset + limit).map((s) => this.present(s, plan, files));
    const res: SearchResponse = { query, total, tookMs: round(nowMs() - t0), results };
    this.cache.set(key, generation, res);
    return res;
  }

  /**
   * Candidates with their ranking features (BM25 under the current column weights, definition hits,
   * all-words membership); scoreRetrieved() turns them into the ranking. Split so the relevance sweep
   * can re-score without re-querying when only the re-ranking factors change.
   */
  retrieve(plan: QueryPlan, need: number, opts: { count?: boolean } = {}): Retrieved {
    const counting = opts.count !== false;
    const r = this.rank;
    const files = new Map<string, FileLines>();
    const store = this.store;
    const view = (c: Candidate) => {
      let syms: ChunkSymbol[] | undefined;
      return {
        path: c.path, lang: c.lang, lines: this.lines(files, c.path).slice(c.startLine - 1, c.endLine),
        // Only sym:/kind: inside a verified group need the chunk's definitions: fetch on demand.
        get symbols() { return (syms ??= store.symbolsIn(c.fileId, c.startLine, c.endLine)); },
      };
    };
    const verified = (c: Candidate) => plan.verify.every((n) => verifyNode(n, view(c)));

    let pool: Candidate[] = [];
    let total = 0;
    if (plan.match === null) {
      if (this.store.totalBytes() > SCAN_LIMIT_BYTES) {
        const pos = plan.verify[0] ? firstPos(plan) : 0;
        throw new AxError('E_QUERY', `this query gives the index nothing to narrow by, and the index is too large to scan (at position ${pos})`, {
          position: pos, hint: 'add a word (or a regex literal of 3+ letters), e.g. `/kmalloc\\(.*GFP/`',
        });
      }
      for (let off = 0; ; off += 2000) {
        const batch = this.store.scan(plan.filter, 2000, off);
        for (const c of batch) if (verified(c)) pool.push(c);
        if (batch.length < 2000) break;
      }
      total = pool.length;
    } else if (plan.verify.length) {
      const k = Math.max(r.candidates, need * 2);
      let off = 0, exhausted = false;
      const deadline = nowMs() + VERIFY_BUDGET_MS;
      while (pool.length < need && off < MAX_VERIFY && nowMs() < deadline) {
        const batch = this.store.candidates(plan.match, plan.filter, r.weights, k, off);
        off += batch.length;
        for (const c of batch) if (verified(c)) pool.push(c);
        if (batch.length < k) { exhausted = true; break; }
      }
      total = exhausted ? pool.length : Math.max(pool.length, Math.round(pool.length / off * this.store.count(plan.match, plan.filter, COUNT_CAP)));
    } else {
      const k = Math.max(r.candidates, need * 2);
      pool = this.store.candidates(plan.match, plan.filter, r.weights, k);
      // Fewer rows than asked for: that is every match, counted (a second full-text pass is not).
      total = pool[0]?.total ?? (pool.length < k ? pool.length : counting ? this.store.count(plan.match, plan.filter, COUNT_CAP) : pool.length);
    }

    // Natural-language fallback: too few chunks contain every word -> any word, all-words first.
    let strict: Set<number> | null = null;
    if (plan.relaxed && total < need) {
      strict = new Set(pool.map((c) => c.chunkId));
      const k = Math.max(r.candidates, need * 2);
      const more = this.store.candidates(plan.relaxed, plan.filter, r.weights, k);
      for (const c of more) if (!strict.has(c.chunkId)) pool.push(c);
      if (counting) total = Math.max(total, more.length < k ? more.length : this.store.count(plan.relaxed, plan.filter, COUNT_CAP));
    }

    // Definitions of the identifiers typed, even when BM25 ranked them below the candidate cut.
    const defs = new Map<number, ChunkSymbol>();
    const byId = new Map(pool.map((c) => [c.chunkId, c]));
    const match = strict ? plan.relaxed! : plan.match;
    const searched = conjuncts(plan.ast).filter((n) => n.type !== 'filter');
    const lone = searched.length === 1 && searched[0]!.type === 'term' && !strict && !plan.verify.length ? searched[0]!.text.toLowerCase() : null;
    const bestBm25 = pool.reduce((m, c) => Math.min(m, c.bm25), 0) || -1;
    for (const ident of plan.identifiers) {
      const ds = this.store.definitions(ident, MAX_DEFS);
      for (const d of ds) {
        const prev = defs.get(d.chunkId);
        if (!prev || (d.name === ident && prev.name !== ident)) defs.set(d.chunkId, d);
        if (!byId.has(d.chunkId) && match !== null) {
          // A query that is just this identifier matches every chunk defining it (the name column holds
          // it): skip the full-text check, which costs a doclist walk per chunk on a large index, and
          // rank it with the best BM25 found. Otherwise check the chunk against the whole query.
          const c = lone === ident.toLowerCase()
            ? withBm25(this.store.chunkIfPasses(d.chunkId, plan.filter), bestBm25)
            : this.store.chunkIfMatches(d.chunkId, match, plan.filter, r.weights);
          if (c && (!plan.verify.length || verified(c))) { pool.push(c); byId.set(c.chunkId, c); }
        }
      }
    }
    const retrieved: Retrieved = { pool, defs, strict, identifiers: plan.identifiers, total: plan.match === null ? pool.length : total };
    return retrieved;
  }

  /** Ranked candidates, at least `need` of them when that many match. */
  rankPlan(plan: QueryPlan, need: number, opts: { count?: boolean } = {}): { ranked: Scored[]; total: number } {
    const got = this.retrieve(plan, need, opts);
    const ranked = scoreRetrieved(got, this.rank);
    return { ranked, total: Math.max(got.total, ranked.length) };
  }

  /** A file's lines, read once per search and decoded only where looked at (services/lines.ts). */
  private lines(cache: Map<string, FileLines>, rel: string): FileLines {
    let l = cache.get(rel);
    if (l === undefined) {
      l = FileLines.read(path.join(this.root, rel));
      cache.set(rel, l);
    }
    return l;
  }

  private present(s: Scored, plan: QueryPlan, files: Map<string, FileLines>): SearchResult {
    const c = s.c;
    const lines = this.lines(files, c.path);
    let line = c.startLine;
    let ranges: Array<[number, number]> = [];
    if (s.def) line = s.def.line;
    else {
      for (let l = c.startLine; l <= c.endLine; l++) {
        const text = lines.line(l);
        if (text === undefined) break;
        if (matchRanges(text, plan).length) { line = l; break; }
      }
    }
    const raw = lines.line(line) ?? '';
    const lead = raw.length - raw.trimStart().length;
    const snippet = raw.trim().slice(0, 240);
    ranges = matchRanges(raw, plan).map(([a, b]) => [a - lead, b - lead] as [number, number])
      .filter(([a, b]) => a >= 0 && b <= snippet.length && a < b);
    // The innermost definition around the reported line names the result.
    let symbol = c.symbol, kind = c.kind;
    if (s.def) { symbol = s.def.name; kind = s.def.kind; }
    else {
      const syms = this.store.symbolsIn(c.fileId, c.startLine, c.endLine).filter((x) => x.line <= line && x.endLine >= line);
      const inner = syms[syms.length - 1];
      if (inner) { symbol = inner.name; kind = inner.kind; } else if (!(c.kind && CALLABLE_KINDS.has(c.kind as SymbolKind))) { symbol = null; kind = null; }
    }
    return { path: c.path, line, endLine: s.def ? Math.max(s.def.endLine, line) : c.endLine, lang: c.lang, kind, symbol, score: round(s.score), snippet, ranges };
  }
}

/** The re-ranking: BM25 times factors for definitions, exact case, callables, demoted paths, all words. */
export function scoreRetrieved(got: Retrieved, r: RankParams): Scored[] {
  const idents = new Set(got.identifiers);
  const scored: Scored[] = got.pool.map((c) => {
    let s = -c.bm25 || 1;
    const d = got.defs.get(c.chunkId);
    if (d) {
      s *= r.def;
      if (idents.has(d.name)) s *= r.exactCase;
    }
    if (c.kind && CALLABLE_KINDS.has(c.kind as SymbolKind)) s *= r.callable;
    if (isDemotedPath(c.path)) s *= r.demote;
    if (got.strict?.has(c.chunkId)) s *= r.allWords;
    return d ? { c, score: s, def: d } : { c, score: s };
  });
  scored.sort((a, b) => b.score - a.score || comparePaths(a.c.path, b.c.path) || a.c.startLine - b.c.startLine);
  return scored;
}

function withBm25(c: Candidate | undefined, bm25: number): Candidate | undefined {
  return c ? { ...c, bm25 } : undefined;
}

function firstPos(plan: QueryPlan): number {
  return plan.verify[0]?.pos ?? 0;
}

/** Character ranges in `text` matching the query's words (whole or identifier parts) or regexes. */
export function matchRanges(text: string, plan: QueryPlan): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const lower = text.toLowerCase();
  for (const w of plan.highlightWords) {
    if (w.length < 2 && plan.highlightWords.length > 1) continue;
    for (let i = lower.indexOf(w); i !== -1; i = lower.indexOf(w, i + w.length)) out.push([i, i + w.length]);
  }
  for (const re of plan.highlightRegexes) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    for (const m of text.matchAll(g)) { if (m[0].length) out.push([m.index!, m.index! + m[0].length]); if (out.length > 50) break; }
  }
  out.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Milliseconds from a monotonic clock. Not `performance.now()`: Node 20 loads perf_hooks (~9 internal modules) on first use, a cost every `ax find` would pay. */
function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** One search (the CLI), on a connection of its own or a kept one (services/readers.ts); no result cache. */
export function search(req: SearchRequest): SearchResponse {
  // Parse first: a malformed query is reported even where no index exists yet.
  parseQuery(req.query);
  const root = findIndexRoot(req.root);
  return readIndex(root, (h) => h.memo('searcher', () => new Searcher({ root, db: h.db, cache: { maxEntries: 0, ttlMs: 0 } }))
    .search(req.query, { ...(req.limit === undefined ? {} : { limit: req.limit }), ...(req.offset === undefined ? {} : { offset: req.offset }) }));
}
