// SQL for the ranking evaluation (src/bench/relevance): documented definitions and identifier
// definitions of an index (the relevance set), and the plain baseline the issue asks ax to beat:
// an FTS5 table over whole functions with the default tokenizer, ranked by unweighted bm25().

import Database from 'better-sqlite3';
import type { DB } from './db.js';

export interface DefRow { path: string; name: string; kind: string; line: number; endLine: number; doc: string; lang: string }

/** Definitions with a doc comment (functions and methods). */
export function documentedFunctions(db: DB): DefRow[] {
  return db.prepare(`SELECT f.path AS path, s.name AS name, s.kind AS kind, s.line AS line, s.end_line AS endLine, s.doc AS doc, f.lang AS lang
    FROM symbols s JOIN files f ON f.id = s.file_id
    WHERE s.doc <> '' AND s.kind IN ('function', 'method') ORDER BY f.path, s.line`).all() as DefRow[];
}

/** All definitions of the given kinds (identifier queries). */
export function definitionsOfKinds(db: DB, kinds: readonly string[]): DefRow[] {
  return db.prepare(`SELECT f.path AS path, s.name AS name, s.kind AS kind, s.line AS line, s.end_line AS endLine, '' AS doc, f.lang AS lang
    FROM symbols s JOIN files f ON f.id = s.file_id
    WHERE s.kind IN (${kinds.map(() => '?').join(',')}) ORDER BY f.path, s.line`).all(...kinds) as DefRow[];
}

/** Functions and methods (for the baseline's documents). */
export function functionSpans(db: DB): Array<{ path: string; line: number; endLine: number }> {
  return db.prepare(`SELECT f.path AS path, s.line AS line, s.end_line AS endLine FROM symbols s JOIN files f ON f.id = s.file_id
    WHERE s.kind IN ('function', 'method', 'constructor') ORDER BY f.path, s.line`).all() as Array<{ path: string; line: number; endLine: number }>;
}

/** The baseline index: one FTS5 row per function, default tokenizer, nothing else. */
export class BaselineIndex {
  private readonly db: DB;
  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec(`CREATE TABLE IF NOT EXISTS docs (id INTEGER PRIMARY KEY, path TEXT NOT NULL, line INTEGER NOT NULL, end_line INTEGER NOT NULL);
      CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(body);`);
  }

  isEmpty(): boolean {
    return (this.db.prepare('SELECT count(*) AS n FROM docs').get() as { n: number }).n === 0;
  }

  load(rows: Iterable<{ path: string; line: number; endLine: number; body: string }>): void {
    const d = this.db.prepare('INSERT INTO docs(path, line, end_line) VALUES (?, ?, ?)');
    const f = this.db.prepare('INSERT INTO fts(rowid, body) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const r of rows) f.run(Number(d.run(r.path, r.line, r.endLine).lastInsertRowid), r.body);
    })();
  }

  /** Best bm25 first; `match` is an FTS5 expression of quoted words built by the caller. */
  search(match: string, limit: number): Array<{ path: string; line: number; endLine: number }> {
    return this.db.prepare(`SELECT d.path AS path, d.line AS line, d.end_line AS endLine FROM fts JOIN docs d ON d.id = fts.rowid
      WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT ?`).all(match, limit) as Array<{ path: string; line: number; endLine: number }>;
  }

  close(): void {
    this.db.close();
  }
}
