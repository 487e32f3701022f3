// Read side of the store: everything services need, as plain rows. No SQL leaves this folder.

import type { DB } from './db.js';
import type { FileState, SkippedRecord } from './records.js';
import { SCHEMA_VERSION } from './schema.js';

export interface IndexStats {
  files: number;
  symbols: number;
  refs: number;
  bytes: number;
  languages: Record<string, number>;
  indexedAt: string | null;
  generation: number;
  schemaVersion: number;
  skipped: number;
  parseErrors: number;
}

/** What the index recorded about a file: its language, and the size and mtime it was indexed at. */
export interface IndexedFile { lang: string; size: number; mtimeMs: number }

export interface ChunkHit {
  chunkId: number;
  path: string;
  lang: string;
  startLine: number;
  endLine: number;
  symbol: string | null;
  kind: string | null;
  score: number;
}

/** BM25 column weights for fts(name, signature, doc, body, path, words); see docs/ranking.md. */
export const DEFAULT_WEIGHTS = [10, 5, 3, 1, 2, 1] as const;

export class IndexReader {
  constructor(private readonly db: DB) {}

  meta(key: string): string | undefined {
    return this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value;
  }

  generation(): number {
    return Number(this.meta('generation') ?? '0');
  }

  /** Whether the index holds no file. */
  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM files LIMIT 1').get() === undefined;
  }

  fileStates(): Map<string, FileState> {
    const out = new Map<string, FileState>();
    const rows = this.db.prepare('SELECT id, path, size, mtime_ms AS mtimeMs, hash FROM files').raw().all() as Array<[number, string, number, number, string]>;
    for (const [id, path, size, mtimeMs, hash] of rows) out.set(path, { id, size, mtimeMs, hash });
    return out;
  }

  indexedFiles(): Map<string, IndexedFile> {
    const out = new Map<string, IndexedFile>();
    const rows = this.db.prepare('SELECT path, lang, size, mtime_ms FROM files').raw().all() as Array<[string, string, number, number]>;
    for (const [p, lang, size, mtimeMs] of rows) out.set(p, { lang, size, mtimeMs });
    return out;
  }

  stats(): IndexStats {
    const t = this.db.prepare(`SELECT count(*) AS files, coalesce(sum(symbols),0) AS symbols, coalesce(sum(refs),0) AS refs,
      coalesce(sum(size),0) AS bytes, coalesce(sum(parse_errors > 0),0) AS parseErrors FROM files`).get() as
      { files: number; symbols: number; refs: number; bytes: number; parseErrors: number };
    const languages: Record<string, number> = {};
    for (const r of this.db.prepare('SELECT lang, count(*) AS n FROM files GROUP BY lang ORDER BY n DESC, lang').all() as Array<{ lang: string; n: number }>) {
      languages[r.lang] = r.n;
    }
    const skipped = (this.db.prepare('SELECT count(*) AS n FROM skipped').get() as { n: number }).n;
    return {
      ...t,
      languages,
      indexedAt: this.meta('indexedAt') ?? null,
      generation: this.generation(),
      schemaVersion: SCHEMA_VERSION,
      skipped,
    };
  }

  /** The index file's pages in bytes, and how many of them are free (reused by later writes). */
  space(): { bytes: number; freeBytes: number } {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    return {
      bytes: (this.db.pragma('page_count', { simple: true }) as number) * pageSize,
      freeBytes: (this.db.pragma('freelist_count', { simple: true }) as number) * pageSize,
    };
  }

  skipped(): SkippedRecord[] {
    return this.db.prepare('SELECT path, reason, detail FROM skipped ORDER BY path').all() as SkippedRecord[];
  }

  /**
   * Chunks matching an FTS5 MATCH expression, best BM25 first. `match` must come from src/query
   * (it is never built from raw user input).
   */
  searchChunks(match: string, limit: number, offset = 0, weights: readonly number[] = DEFAULT_WEIGHTS): ChunkHit[] {
    const w = weights.map((x) => Number(x)).join(', ');
    return this.db.prepare(`
      SELECT c.id AS chunkId, f.path AS path, f.lang AS lang, c.start_line AS startLine, c.end_line AS endLine,
             s.name AS symbol, s.kind AS kind, bm25(fts, ${w}) AS score
      FROM fts JOIN chunks c ON c.id = fts.rowid JOIN files f ON f.id = c.file_id
      LEFT JOIN symbols s ON s.id = c.symbol_id
      WHERE fts MATCH ? ORDER BY score LIMIT ? OFFSET ?`).all(match, limit, offset) as ChunkHit[];
  }

  countChunks(match: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM fts WHERE fts MATCH ?').get(match) as { n: number }).n;
  }
}
