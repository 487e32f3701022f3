// SQL for `ax find`: candidate chunks by weighted BM25 under a planned FTS5 MATCH and row filters,
// definitions by name, and the symbols of a chunk. MATCH strings come from src/query/plan.ts (built
// from AST words, never from raw input); filter values are always bound parameters.

import { createRequire } from 'node:module';
import type { Statement } from 'better-sqlite3';
import type Picomatch from 'picomatch';
import type { DB } from './db.js';

/** Conditions on a chunk's file and definitions (compiled to SQL here). */
export type RowFilter =
  | { op: 'lang' | 'kind' | 'ext' | 'glob' | 'under' | 'sym'; value: string }
  | { op: 'not'; child: RowFilter }
  | { op: 'and' | 'or'; children: RowFilter[] };

export interface Candidate {
  chunkId: number;
  fileId: number;
  path: string;
  lang: string;
  startLine: number;
  endLine: number;
  symbol: string | null;
  kind: string | null;
  /** BM25 as SQLite reports it: more negative is better; 0 for unranked scans. */
  bm25: number;
  /** With a row filter: how many chunks match in all (the same on every row). */
  total?: number;
}

export interface ChunkSymbol { name: string; kind: string; line: number; endLine: number }

let picomatchModule: typeof Picomatch | undefined;

/**
 * picomatch, loaded on first use: few queries have a glob, and loading it (five CommonJS files) cost
 * ~10% of a cold `ax find` (docs/benchmarks.md, startup).
 */
export function picomatch(pattern: string, options: Picomatch.PicomatchOptions): (s: string) => boolean {
  picomatchModule ??= createRequire(import.meta.url)('picomatch') as typeof Picomatch;
  return picomatchModule(pattern, options);
}

/** A glob on root-relative POSIX paths; a pattern without `/` also matches the base name. */
export function globMatcher(pattern: string): (path: string) => boolean {
  return picomatch(pattern, { dot: true, basename: !pattern.includes('/') });
}

function hasWildcard(s: string): boolean {
  return /[*?[]/.test(s);
}

const SELECT = `SELECT c.id AS chunkId, c.file_id AS fileId, f.path AS path, f.lang AS lang, c.start_line AS startLine,
  c.end_line AS endLine, s.name AS symbol, s.kind AS kind`;
const JOIN = `JOIN chunks c ON c.id = fts.rowid JOIN files f ON f.id = c.file_id LEFT JOIN symbols s ON s.id = c.symbol_id`;

export class SearchStore {
  private readonly globs = new Map<string, (p: string) => boolean>();
  private readonly stmtCache = new Map<string, Statement<unknown[]>>();

  constructor(private readonly db: DB) {
    db.function('ax_glob', { deterministic: true }, (pattern: unknown, p: unknown) => {
      const pat = String(pattern);
      let m = this.globs.get(pat);
      if (!m) { m = globMatcher(pat); this.globs.set(pat, m); }
      return m(String(p)) ? 1 : 0;
    });
  }

  private prep(sql: string): Statement<unknown[]> {
    let s = this.stmtCache.get(sql);
    if (!s) {
      s = this.db.prepare<unknown[]>(sql);
      if (this.stmtCache.size > 200) this.stmtCache.clear();
      this.stmtCache.set(sql, s);
    }
    return s;
  }

  /** SQL condition and parameters for a row filter (over aliases c = chunks, f = files). */
  private where(f: RowFilter | null, params: unknown[]): string {
    if (!f) return '1';
    switch (f.op) {
      case 'lang': params.push(f.value); return 'f.lang = ?';
      case 'ext': params.push(`%.${f.value.replace(/[\\%_]/g, '\\$&')}`); return `f.path LIKE ? ESCAPE '\\'`;
      case 'under': params.push(f.value.replace(/\/+$/, '')); return 'instr(f.path, ?) > 0';
      case 'glob': {
        // `dir/**` is a prefix test, no JS call per row.
        const m = /^([^*?[\]{}!]+\/)\*\*(\/\*)?$/.exec(f.value);
        if (m) { params.push(m[1]!.length, m[1]); return 'substr(f.path, 1, ?) = ?'; }
        params.push(f.value);
        return 'ax_glob(?, f.path)';
      }
      case 'kind':
        params.push(f.value);
        return 'EXISTS (SELECT 1 FROM symbols k WHERE k.file_id = c.file_id AND k.line BETWEEN c.start_line AND c.end_line AND k.kind = ?)';
      case 'sym':
        if (hasWildcard(f.value)) {
          params.push(f.value.toLowerCase());
          return 'EXISTS (SELECT 1 FROM symbols k WHERE k.file_id = c.file_id AND k.line BETWEEN c.start_line AND c.end_line AND lower(k.name) GLOB ?)';
        }
        params.push(f.value);
        return 'EXISTS (SELECT 1 FROM symbols k WHERE k.file_id = c.file_id AND k.line BETWEEN c.start_line AND c.end_line AND k.name = ? COLLATE NOCASE)';
      case 'not': return `NOT (${this.where(f.child, params)})`;
      case 'and': return f.children.length ? `(${f.children.map((x) => this.where(x, params)).join(' AND ')})` : '1';
      case 'or': return f.children.length ? `(${f.children.map((x) => this.where(x, params)).join(' OR ')})` : '0';
    }
  }

  /**
   * Chunks matching `match` and `filter`, best weighted BM25 first. BM25 is computed once per matching
   * row inside FTS5 and only the best `limit` rows are joined (joining first made SQLite carry every
   * match through the joins: 5x slower for a common identifier on Linux). With a filter, the matches
   * are materialized with their score, then filtered and cut.
   */
  candidates(match: string, filter: RowFilter | null, weights: readonly number[], limit: number, offset = 0): Candidate[] {
    const ws = weights.map((x) => Number(x).toString()).join(', ');
    if (!filter) {
      return this.prep(`${SELECT}, m.bm25 AS bm25
        FROM (SELECT rowid AS id, bm25(fts, ${ws}) AS bm25 FROM fts WHERE fts MATCH ? ORDER BY bm25 LIMIT ? OFFSET ?) m
        JOIN chunks c ON c.id = m.id JOIN files f ON f.id = c.file_id LEFT JOIN symbols s ON s.id = c.symbol_id
        ORDER BY m.bm25`).all(match, limit, offset) as Candidate[];
    }
    // Optimistic first: the best matches overall, then the filter on those few rows. Enough pass for a
    // common filter (lang:c on Linux) at a fraction of scoring and joining every match; `total` is then
    // the overall count scaled by the pass rate. Too few pass -> the exact path below.
    const probe = Math.max(200, (limit + offset) * 5);
    const top = this.candidates(match, null, weights, probe, 0);
    if (top.length > 0) {
      const params: unknown[] = [JSON.stringify(top.map((c) => c.chunkId))];
      const w = this.where(filter, params);
      const ok = new Set((this.prep(`SELECT c.id AS id FROM chunks c JOIN files f ON f.id = c.file_id
        WHERE c.id IN (SELECT value FROM json_each(?)) AND ${w}`).all(...params) as Array<{ id: number }>).map((r) => r.id));
      const passed = top.filter((c) => ok.has(c.chunkId));
      const complete = top.length < probe;
      if (complete || passed.length >= limit + offset) {
        const total = complete ? passed.length : Math.max(passed.length, Math.round(this.count(match, null, 1e6) * passed.length / top.length));
        return passed.slice(offset, offset + limit).map((c) => ({ ...c, total }));
      }
    }
    const params: unknown[] = [match];
    const w = this.where(filter, params);
    return this.prep(`WITH m AS MATERIALIZED (SELECT rowid AS id, bm25(fts, ${ws}) AS bm25 FROM fts WHERE fts MATCH ?)
      ${SELECT}, m.bm25 AS bm25, count(*) OVER () AS total FROM m JOIN chunks c ON c.id = m.id JOIN files f ON f.id = c.file_id
      LEFT JOIN symbols s ON s.id = c.symbol_id
      WHERE ${w} ORDER BY m.bm25 LIMIT ? OFFSET ?`).all(...params, limit, offset) as Candidate[];
  }

  /** Chunks passing `filter` in path order (no full-text narrowing): small indexes only. */
  scan(filter: RowFilter | null, limit: number, offset = 0): Candidate[] {
    const params: unknown[] = [];
    const w = this.where(filter, params);
    return this.prep(`SELECT c.id AS chunkId, c.file_id AS fileId, f.path AS path, f.lang AS lang, c.start_line AS startLine,
      c.end_line AS endLine, s.name AS symbol, s.kind AS kind, 0 AS bm25
      FROM chunks c JOIN files f ON f.id = c.file_id LEFT JOIN symbols s ON s.id = c.symbol_id
      WHERE ${w} ORDER BY f.path, c.start_line LIMIT ? OFFSET ?`).all(...params, limit, offset) as Candidate[];
  }

  /** How many chunks match (capped: counting stops at `cap`). */
  count(match: string, filter: RowFilter | null, cap: number): number {
    const params: unknown[] = [match];
    const w = this.where(filter, params);
    const sql = filter
      ? `SELECT count(*) AS n FROM (SELECT 1 FROM fts JOIN chunks c ON c.id = fts.rowid JOIN files f ON f.id = c.file_id WHERE fts MATCH ? AND ${w} LIMIT ?)`
      : 'SELECT count(*) AS n FROM (SELECT 1 FROM fts WHERE fts MATCH ? LIMIT ?)';
    return (this.prep(sql).get(...params, cap) as { n: number }).n;
  }

  /** One chunk, if it matches `match` and `filter` (with its BM25). */
  chunkIfMatches(chunkId: number, match: string, filter: RowFilter | null, weights: readonly number[]): Candidate | undefined {
    const params: unknown[] = [match, chunkId];
    const w = this.where(filter, params);
    const ws = weights.map((x) => Number(x).toString()).join(', ');
    return this.prep(`${SELECT}, bm25(fts, ${ws}) AS bm25 FROM fts ${JOIN}
      WHERE fts MATCH ? AND fts.rowid = ? AND ${w}`).get(...params) as Candidate | undefined;
  }

  /** One chunk by id if it passes `filter` (no full-text condition; `bm25` is 0). */
  chunkIfPasses(chunkId: number, filter: RowFilter | null): Candidate | undefined {
    const params: unknown[] = [chunkId];
    const w = this.where(filter, params);
    return this.prep(`${SELECT}, 0 AS bm25 FROM chunks c JOIN files f ON f.id = c.file_id LEFT JOIN symbols s ON s.id = c.symbol_id
      WHERE c.id = ? AND ${w}`).get(...params) as Candidate | undefined;
  }

  /** Chunks holding a definition named `name` (case-insensitive), with that definition. */
  definitions(name: string, limit: number): Array<ChunkSymbol & { chunkId: number }> {
    return this.prep(`SELECT s.name AS name, s.kind AS kind, s.line AS line, s.end_line AS endLine, c.id AS chunkId
      FROM symbols s JOIN chunks c ON c.file_id = s.file_id AND s.line BETWEEN c.start_line AND c.end_line
      WHERE s.name = ? COLLATE NOCASE LIMIT ?`).all(name, limit) as Array<ChunkSymbol & { chunkId: number }>;
  }

  /** Definitions starting inside a chunk, in line order. */
  symbolsIn(fileId: number, startLine: number, endLine: number): ChunkSymbol[] {
    return this.prep(`SELECT name, kind, line, end_line AS endLine FROM symbols
      WHERE file_id = ? AND line BETWEEN ? AND ? ORDER BY line, col LIMIT 500`).all(fileId, startLine, endLine) as ChunkSymbol[];
  }

  /** Total indexed bytes (decides whether an un-narrowed scan is affordable). */
  totalBytes(): number {
    return (this.prep('SELECT coalesce(sum(size), 0) AS n FROM files').get() as { n: number }).n;
  }

  generation(): number {
    const r = this.prep(`SELECT value FROM meta WHERE key = 'generation'`).get() as { value: string } | undefined;
    return Number(r?.value ?? '0');
  }
}
