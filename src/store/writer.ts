// IndexWriter: the write side of the store. Files are written in batches, each batch one transaction,
// so an interrupted run (Ctrl-C, SIGKILL) leaves the index as of the last committed batch; a re-run
// picks up from there because unchanged files are recognised by size+mtime, then content hash.

import type { DB } from './db.js';
import { SYMBOL_INTS, type FileRecord, type SkippedRecord } from './records.js';

/** meta key holding the CREATE INDEX statements a bulk load dropped and has yet to restore. */
const DEFERRED_INDEXES = 'deferredIndexes';
/** meta key: files removed or rewritten since the full-text index was last merged whole. */
const FTS_CHURN = 'ftsChurn';
/**
 * Share of the index's files removed or rewritten (counted across runs and watcher updates) at
 * which the full-text index is merged whole (settleFullText).
 */
export const FTS_OPTIMIZE_SHARE = 0.2;

export class IndexWriter {
  private readonly db: DB;
  private readonly stmts;
  private inTx = false;
  /** Files this writer removed (a rewrite removes first) and settleFullText() has not counted yet. */
  private churn = 0;

  constructor(db: DB) {
    this.db = db;
    this.stmts = {
      fileId: db.prepare<[string], { id: number }>('SELECT id FROM files WHERE path = ?'),
      insertFile: db.prepare(`INSERT INTO files(path, lang, size, mtime_ms, hash, lines, symbols, refs, parse_errors, refs_blob, calls_blob)
        VALUES (@path, @lang, @size, @mtimeMs, @hash, @lines, @symbols, @refs, @parseErrors, @refsBlob, @callsBlob)`),
      insertSymbol: db.prepare(`INSERT INTO symbols(file_id, parent_id, name, kind, line, col, end_line, end_col,
        name_line, name_col, container, signature, doc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`),
      insertImport: db.prepare('INSERT INTO imports(file_id, module, names, line) VALUES (?,?,?,?)'),
      insertChunk: db.prepare('INSERT INTO chunks(file_id, start_line, end_line, symbol_id) VALUES (?,?,?,?)'),
      insertFts: db.prepare('INSERT INTO fts(rowid, name, signature, doc, body, path, words) VALUES (?,?,?,?,?,?,?)'),
      chunkIds: db.prepare<[number], { id: number }>('SELECT id FROM chunks WHERE file_id = ?'),
      deleteFts: db.prepare('DELETE FROM fts WHERE rowid = ?'),
      deleteChunks: db.prepare('DELETE FROM chunks WHERE file_id = ?'),
      deleteSymbols: db.prepare('DELETE FROM symbols WHERE file_id = ?'),
      deleteImports: db.prepare('DELETE FROM imports WHERE file_id = ?'),
      deleteFile: db.prepare('DELETE FROM files WHERE id = ?'),
      touch: db.prepare('UPDATE files SET mtime_ms = ? WHERE path = ?'),
      setMeta: db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      clearSkipped: db.prepare('DELETE FROM skipped'),
      insertSkipped: db.prepare('INSERT OR REPLACE INTO skipped(path, reason, detail) VALUES (?, ?, ?)'),
      deleteSkipped: db.prepare('DELETE FROM skipped WHERE path = ?'),
      automerge: db.prepare("SELECT v FROM fts_config WHERE k = 'automerge'").pluck(),
    };
  }

  /**
   * Before a bulk load into an empty index: drop the secondary indexes (a sort at the end is cheaper
   * than millions of random B-tree inserts), remembering their definitions in `meta` so that
   * ensureSecondaryIndexes() restores them, even in a later run if this one is killed.
   */
  dropSecondaryIndexes(): void {
    const rows = this.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as Array<{ name: string; sql: string }>;
    if (rows.length === 0) return;
    const saved = JSON.parse(this.stmts.getMeta.get(DEFERRED_INDEXES)?.value ?? '[]') as string[];
    this.setMeta(DEFERRED_INDEXES, JSON.stringify([...saved, ...rows.map((r) => r.sql)]));
    for (const r of rows) this.db.exec(`DROP INDEX IF EXISTS "${r.name.replace(/"/g, '""')}"`);
  }

  /**
   * For writers that change an existing index (a re-index of changed files, `ax watch`): FTS5's
   * automerge off, so a commit never does merge work beyond its own pages. With the default
   * (automerge 4) a commit that deletes rows from a large index (contentless_delete tombstones) set off
   * merges of big segments: on Linux, 40 batches of 20 changed files took 13.9 s (one 2.4 s), with
   * automerge 0 they took 0.9 s (at most 67 ms), and queries were not slower afterwards (crisismerge,
   * 16 segments per level, still bounds the segment count). Persistent: it is FTS5 configuration.
   */
  useIncrementalMerging(): void {
    // Checked every time (one cached statement): a rolled-back first batch must not leave it unset.
    if (this.stmts.automerge.get() !== 0) this.db.prepare("INSERT INTO fts(fts, rank) VALUES('automerge', 0)").run();
  }

  /** Re-create the indexes a bulk load deferred (no-op when none are pending). */
  ensureSecondaryIndexes(): void {
    const saved = this.stmts.getMeta.get(DEFERRED_INDEXES)?.value;
    if (!saved) return;
    for (const sql of JSON.parse(saved) as string[]) this.db.exec(sql.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
    this.db.prepare('DELETE FROM meta WHERE key = ?').run(DEFERRED_INDEXES);
  }

  begin(): void {
    if (this.inTx) return;
    this.db.exec('BEGIN IMMEDIATE');
    this.inTx = true;
  }

  commit(): void {
    if (!this.inTx) return;
    this.db.exec('COMMIT');
    this.inTx = false;
  }

  rollback(): void {
    if (!this.inTx) return;
    this.inTx = false;
    // SQLite may already have rolled back (SQLITE_FULL, SQLITE_IOERR): a second ROLLBACK would throw
    // and hide the error that matters.
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  /** Insert or replace everything known about one file. Call inside begin()/commit(). */
  writeFile(r: FileRecord): void {
    this.removeByPath(r.path);
    const s = this.stmts;
    const fileId = Number(s.insertFile.run({
      path: r.path, lang: r.lang, size: r.size, mtimeMs: Math.trunc(r.mtimeMs), hash: r.hash, lines: r.lines,
      symbols: r.symbols.count, refs: r.refCount, parseErrors: r.parseErrors, refsBlob: r.refsBlob, callsBlob: r.callsBlob,
    }).lastInsertRowid);
    const sym = r.symbols;
    const ids: number[] = new Array(sym.count);
    // A signature is the definition's first source line: readers take it from the file (schema v3),
    // so the column stays ''. The symbols of a file get consecutive ids in this order, which is what
    // the callers in its calls blob index.
    for (let i = 0; i < sym.count; i++) {
      // Docs arrive cut to MAX_DOC (packSymbols).
      const o = i * SYMBOL_INTS, v = sym.ints, parent = v[o]!;
      ids[i] = Number(s.insertSymbol.run(fileId, parent >= 0 ? ids[parent] : null, sym.names[i], sym.kindTable[sym.kinds[i]!],
        v[o + 1], v[o + 2], v[o + 3], v[o + 4], v[o + 5], v[o + 6], sym.containers[i], '', sym.docs[i]).lastInsertRowid);
    }
    for (const im of r.imports) s.insertImport.run(fileId, im.module, im.names.join(','), im.line);
    for (const ch of r.chunks) {
      const chunkId = Number(s.insertChunk.run(fileId, ch.startLine, ch.endLine, ch.symbol >= 0 ? ids[ch.symbol] : null).lastInsertRowid);
      s.insertFts.run(chunkId, ch.name, ch.signature, ch.doc, ch.body, r.path, ch.words);
    }
    s.deleteSkipped.run(r.path);
  }

  /** The file's content is unchanged but its mtime moved (touch, checkout): remember the new mtime. */
  touchFile(path: string, mtimeMs: number): void {
    this.stmts.touch.run(Math.trunc(mtimeMs), path);
  }

  removeByPath(path: string): boolean {
    const row = this.stmts.fileId.get(path);
    if (!row) return false;
    const s = this.stmts;
    for (const c of s.chunkIds.all(row.id)) s.deleteFts.run(c.id);
    s.deleteChunks.run(row.id);
    s.deleteSymbols.run(row.id);
    s.deleteImports.run(row.id);
    s.deleteFile.run(row.id);
    this.churn++;
    return true;
  }

  /**
   * Before the last commit of a run or an update, with the number of files the index will hold: adds
   * this writer's removals to the index's count, and once that count reaches FTS_OPTIMIZE_SHARE of
   * the files, merges the full-text index whole (FTS5 'optimize') and starts the count afresh.
   * Writers that change an existing index keep FTS5's automerge off (useIncrementalMerging), and the
   * large segments of the first load are then never merged again: a removed or rewritten file's old
   * terms stayed in them, behind a tombstone. Rewriting all of Linux's files in place took the index
   * from 1.26 to 1.77 GB; 'optimize' on Linux's full-text index (444 MB) takes ~7 s. True when it merged.
   */
  settleFullText(files: number): boolean {
    if (this.churn === 0) return false;
    const total = Number(this.stmts.getMeta.get(FTS_CHURN)?.value ?? '0') + this.churn;
    this.churn = 0;
    if (total >= Math.max(1, FTS_OPTIMIZE_SHARE * files)) {
      this.db.prepare("INSERT INTO fts(fts) VALUES('optimize')").run();
      this.setMeta(FTS_CHURN, '0');
      return true;
    }
    this.setMeta(FTS_CHURN, String(total));
    return false;
  }

  /**
   * Remove every file and what was extracted from it (a rebuild from empty; call inside
   * begin()/commit()). The pages freed are reused by the rows written next, and FTS5's
   * 'delete-all' empties the full-text index at once instead of leaving a tombstone per row. FTS5's
   * automerge goes back to its default (4), which a fresh index has for its bulk load.
   */
  clearAll(): void {
    this.db.exec('DELETE FROM chunks; DELETE FROM symbols; DELETE FROM imports; DELETE FROM files; DELETE FROM skipped;');
    this.db.prepare("INSERT INTO fts(fts) VALUES('delete-all')").run();
    this.db.prepare("INSERT INTO fts(fts, rank) VALUES('automerge', 4)").run();
    this.setMeta(FTS_CHURN, '0');
    this.churn = 0;
  }

  replaceSkipped(skipped: readonly SkippedRecord[]): void {
    this.stmts.clearSkipped.run();
    for (const k of skipped) this.stmts.insertSkipped.run(k.path, k.reason, k.detail);
  }

  /** One path's skip record (incremental updates; a full run uses replaceSkipped). */
  recordSkipped(k: SkippedRecord): void {
    this.stmts.insertSkipped.run(k.path, k.reason, k.detail);
  }

  forgetSkipped(path: string): void {
    this.stmts.deleteSkipped.run(path);
  }

  setMeta(key: string, value: string): void {
    this.stmts.setMeta.run(key, value);
  }

  /** Bump the generation counter (caches key on it) and return the new value. */
  bumpGeneration(): number {
    const cur = Number(this.stmts.getMeta.get('generation')?.value ?? '0');
    this.setMeta('generation', String(cur + 1));
    return cur + 1;
  }
}
