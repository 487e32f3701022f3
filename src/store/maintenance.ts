// The store side of `ax db`: what a file holds (schema version, applied migrations and their
// checksums, size), a full check (integrity_check, the FTS5 index's own integrity-check, orphan rows),
// online backup and restore through SQLite's backup API, VACUUM, and migration plans. Callers (the
// db service) hold the writer lock for anything that writes.

import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { corrupt, migrate, translate, type DB } from './db.js';
import { appliedMigrations, consistencyProblems, expectedTables, headerProblem, type AppliedMigration } from './maintenance-check.js';
import { countCalls, decodeCalls } from './callsblob.js';
import { MIGRATIONS, SCHEMA_VERSION, migrationChecksum, migrationText, type Migration } from './schema.js';

export type { AppliedMigration };

const size = (f: string) => { try { return statSync(f).size; } catch { return 0; } };

export interface DbInfo {
  file: string;
  schemaVersion: number;
  supportedVersion: number;
  migrations: AppliedMigration[];
  pending: Array<{ version: number; name: string; checksum: string }>;
  bytes: number;
  walBytes: number;
  pageSize: number;
  pages: number;
  freePages: number;
  journalMode: string;
  rows: Record<string, number>;
  /** Problems the cheap open-time check sees (edited migrations, missing tables...). */
  problems: string[];
}

const ROW_TABLES = ['files', 'symbols', 'calls', 'imports', 'chunks', 'skipped'] as const;

export function dbInfo(db: DB, file: string, migrations: readonly Migration[] = MIGRATIONS): DbInfo {
  const version = db.pragma('user_version', { simple: true }) as number;
  const c = consistencyProblems(db, version, migrations);
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const rows: Record<string, number> = {};
  for (const t of ROW_TABLES) if (tables.has(t)) rows[t] = db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  // Since v3 call sites live in files.calls_blob; `rows.calls` keeps counting them (a stable field).
  if (!tables.has('calls') && tables.has('files') && version >= 3) rows.calls = callSiteCount(db);
  return {
    file,
    schemaVersion: version,
    supportedVersion: migrations[migrations.length - 1]?.version ?? SCHEMA_VERSION,
    migrations: tables.has('migrations') ? appliedMigrations(db, migrations) : [],
    pending: migrations.filter((m) => m.version > version).map((m) => ({ version: m.version, name: m.name, checksum: migrationChecksum(m) })),
    bytes: size(file),
    walBytes: size(file + '-wal'),
    pageSize: db.pragma('page_size', { simple: true }) as number,
    pages: db.pragma('page_count', { simple: true }) as number,
    freePages: db.pragma('freelist_count', { simple: true }) as number,
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    rows,
    problems: [...(c.fresh ? ['the index is empty (no schema yet)'] : []), ...c.edited, ...c.damage],
  };
}

export interface IntegrityReport {
  /** PRAGMA integrity_check: ['ok'] or up to 100 problem lines. */
  integrity: string[];
  /** FTS5 'integrity-check' command: 'ok' or the error. */
  fts: string;
  /** Rows that point at something missing, by check name (only non-zero counts are listed). */
  orphans: Record<string, number>;
  /** Schema-level problems (edited migrations, missing tables, version mismatch). */
  schema: string[];
  /** No schema yet (a run stopped before its first commit): consistent, and nothing to check. */
  empty: boolean;
  ok: boolean;
}

/** Orphan checks: each query counts rows that reference a row that does not exist. */
const ORPHAN_CHECKS: ReadonlyArray<[string, string]> = [
  ['symbols without file', 'SELECT count(*) FROM symbols WHERE file_id NOT IN (SELECT id FROM files)'],
  ['symbols with missing parent', 'SELECT count(*) FROM symbols WHERE parent_id IS NOT NULL AND parent_id NOT IN (SELECT id FROM symbols)'],
  ['imports without file', 'SELECT count(*) FROM imports WHERE file_id NOT IN (SELECT id FROM files)'],
  ['chunks without file', 'SELECT count(*) FROM chunks WHERE file_id NOT IN (SELECT id FROM files)'],
  ['chunks with missing symbol', 'SELECT count(*) FROM chunks WHERE symbol_id IS NOT NULL AND symbol_id NOT IN (SELECT id FROM symbols)'],
  ['full-text rows without chunk', 'SELECT count(*) FROM fts WHERE rowid NOT IN (SELECT id FROM chunks)'],
  ['chunks without full-text row', 'SELECT count(*) FROM chunks WHERE id NOT IN (SELECT rowid FROM fts)'],
  ['files whose symbol count disagrees', `SELECT count(*) FROM files f LEFT JOIN (SELECT file_id, count(*) AS n FROM symbols GROUP BY file_id) s
     ON s.file_id = f.id WHERE f.symbols != coalesce(s.n, 0)`],
  ['paths both indexed and skipped', 'SELECT count(*) FROM skipped WHERE path IN (SELECT path FROM files)'],
];

/**
 * The full check. Needs a writable connection for the FTS5 integrity-check command (it is run inside
 * a savepoint that is rolled back, so nothing is written).
 */
export function checkIntegrity(db: DB, migrations: readonly Migration[] = MIGRATIONS): IntegrityReport {
  const version = db.pragma('user_version', { simple: true }) as number;
  const c = consistencyProblems(db, version, migrations);
  // An empty index (no schema yet: a run stopped before its first commit) is consistent, not damaged.
  const schema = [...c.edited, ...c.damage];
  let integrity: string[];
  try {
    integrity = (db.pragma('integrity_check(100)') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  } catch (e) {
    integrity = [(e as Error).message];
  }
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  let fts = 'ok';
  if (tables.has('fts') && db.readonly) {
    fts = 'ok'; // read-only handle: the FTS5 command cannot run; integrity_check above ran FTS5's own check
  } else if (tables.has('fts')) {
    try {
      db.exec('SAVEPOINT ax_verify');
      try { db.exec("INSERT INTO fts(fts) VALUES('integrity-check')"); } finally { db.exec('ROLLBACK TO ax_verify'); db.exec('RELEASE ax_verify'); }
    } catch (e) {
      fts = (e as Error).message;
    }
  } else fts = c.fresh ? 'ok' : 'missing';
  const orphans: Record<string, number> = {};
  const needed = expectedTables(version, migrations);
  if (needed.every((t) => tables.has(t)) && version > 0) {
    for (const [name, sql] of ORPHAN_CHECKS) {
      try {
        const n = db.prepare(sql).pluck().get() as number;
        if (n > 0) orphans[name] = n;
      } catch (e) {
        orphans[`${name} (query failed: ${(e as Error).message})`] = -1;
      }
    }
    if (version >= 3) {
      const bad = badCallBlobs(db);
      if (bad > 0) orphans['call-site blobs that do not decode or name a missing caller'] = bad;
    }
  }
  const ok = schema.length === 0 && integrity.length === 1 && integrity[0] === 'ok' && fts === 'ok' && Object.keys(orphans).length === 0;
  return { integrity, fts, orphans, schema, empty: c.fresh, ok };
}

function callSiteCount(db: DB): number {
  let n = 0;
  for (const b of db.prepare('SELECT calls_blob FROM files WHERE calls_blob IS NOT NULL').pluck().iterate() as Iterable<Uint8Array>) {
    try { n += countCalls(b); } catch { /* a damaged blob is verify's to report */ }
  }
  return n;
}

/** Files whose calls blob does not decode, or names a caller beyond the file's symbols. */
function badCallBlobs(db: DB): number {
  let bad = 0;
  for (const row of db.prepare('SELECT calls_blob AS b, symbols AS n FROM files WHERE calls_blob IS NOT NULL').iterate() as Iterable<{ b: Uint8Array; n: number }>) {
    try {
      if (decodeCalls(row.b).some((c) => c.caller >= row.n)) bad++;
    } catch {
      bad++;
    }
  }
  return bad;
}

export interface CopyResult { file: string; bytes: number; pages: number; durationMs: number }

/**
 * Online backup through SQLite's backup API into `dest` (written beside it, then renamed, so `dest`
 * is never half-written). Readers and the writer keep working; the copy is a consistent snapshot.
 * The copy is switched to rollback-journal mode so it is one self-contained file.
 * The source connection holds one read transaction for the whole copy: without it each backup step
 * takes a fresh snapshot, and a commit by another connection between two steps (`ax watch` saving an
 * edit) restarts the copy from page 1, so under steady writes a large index never finished.
 */
export async function backupTo(db: DB, dest: string, opts: { pagesPerStep?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<CopyResult> {
  const t0 = performance.now();
  const tmp = `${dest}.partial-${process.pid}`;
  rmSync(tmp, { force: true });
  const snapshot = !db.inTransaction;
  try {
    if (snapshot) {
      db.exec('BEGIN');
      db.prepare('SELECT count(*) FROM sqlite_master').get(); // a read transaction starts at the first read
    }
    const r = await db.backup(tmp, {
      progress: ({ totalPages, remainingPages }) => { opts.onProgress?.(totalPages - remainingPages, totalPages); return opts.pagesPerStep ?? 4096; },
    });
    if (snapshot) db.exec('COMMIT');
    const copy = new Database(tmp);
    try { copy.pragma('journal_mode = DELETE'); } finally { copy.close(); }
    renameSync(tmp, dest);
    return { file: dest, bytes: size(dest), pages: r.totalPages, durationMs: performance.now() - t0 };
  } catch (e) {
    if (snapshot && db.inTransaction) db.exec('ROLLBACK');
    rmSync(tmp, { force: true });
    rmSync(`${tmp}-journal`, { force: true });
    throw translate(e, dest);
  }
}

export interface BackupCheck {
  file: string;
  ok: boolean;
  schemaVersion: number;
  problems: string[];
  integrity?: IntegrityReport;
}

/** Check a backup before restoring it: header, schema, migrations, full integrity. Never writes it. */
export function checkBackupFile(file: string, migrations: readonly Migration[] = MIGRATIONS): BackupCheck {
  if (!existsSync(file)) return { file, ok: false, schemaVersion: 0, problems: ['no such file'] };
  const hp = headerProblem(file);
  if (hp) return { file, ok: false, schemaVersion: 0, problems: [hp] };
  let db: DB | undefined;
  try {
    // Open read-write on a private copy of the handle's view only if needed: integrity-check of FTS
    // needs a write transaction, which we roll back; the file's bytes are left as they were.
    try {
      db = new Database(file, { fileMustExist: true });
      db.pragma('user_version');
    } catch {
      db?.close();
      db = new Database(file, { readonly: true, fileMustExist: true }); // a write-protected backup
    }
    db.pragma('busy_timeout = 10000');
    const version = db.pragma('user_version', { simple: true }) as number;
    const top = migrations[migrations.length - 1]?.version ?? SCHEMA_VERSION;
    const problems: string[] = [];
    if (version > top) problems.push(`schema version ${version} is newer than this ax supports (${top})`);
    if (version === 0) problems.push('the file holds no ax index (schema version 0)');
    const integrity = version > 0 && version <= top ? checkIntegrity(db, migrations) : undefined;
    if (integrity && !integrity.ok) {
      problems.push(...integrity.schema);
      if (integrity.integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.integrity.slice(0, 5).join('; ')}`);
      if (integrity.fts !== 'ok') problems.push(`full-text index: ${integrity.fts}`);
      for (const [k, n] of Object.entries(integrity.orphans)) problems.push(`${n} ${k}`);
    }
    return { file, ok: problems.length === 0, schemaVersion: version, problems, ...(integrity ? { integrity } : {}) };
  } catch (e) {
    const t = translate(e, file);
    return { file, ok: false, schemaVersion: 0, problems: [(t as Error).message] };
  } finally {
    db?.close();
  }
}

/**
 * Replace the live index with `src` (already checked). Through the backup API into the live file, so
 * open readers switch atomically; if the live file is too damaged to open, it is replaced as a file.
 */
export async function restoreFrom(src: string, live: string): Promise<CopyResult> {
  const t0 = performance.now();
  const source = new Database(src, { readonly: true, fileMustExist: true });
  try {
    let healthy = existsSync(live) && headerProblem(live) === undefined;
    if (healthy) {
      try {
        const probe = new Database(live, { fileMustExist: true });
        try { probe.pragma('busy_timeout = 10000'); probe.prepare('SELECT count(*) FROM sqlite_master').get(); } finally { probe.close(); }
      } catch { healthy = false; }
    }
    if (healthy) {
      const r = await source.backup(live, { progress: () => 4096 });
      const db = new Database(live);
      // Back to WAL when no reader is looking (the next writer does it otherwise): no waiting here.
      try { db.pragma('busy_timeout = 0'); db.pragma('journal_mode = WAL'); db.pragma('wal_checkpoint(TRUNCATE)'); } catch { /* readers open */ } finally { db.close(); }
      return { file: live, bytes: size(live), pages: r.totalPages, durationMs: performance.now() - t0 };
    }
    const tmp = `${live}.restore-${process.pid}`;
    rmSync(tmp, { force: true });
    const r = await source.backup(tmp, { progress: () => 4096 });
    for (const ext of ['-wal', '-shm', '-journal']) rmSync(live + ext, { force: true });
    renameSync(tmp, live);
    return { file: live, bytes: size(live), pages: r.totalPages, durationMs: performance.now() - t0 };
  } catch (e) {
    throw translate(e, live);
  } finally {
    source.close();
  }
}

/** VACUUM (rebuilds the file without free pages), then truncate the WAL. */
export function vacuum(db: DB): void {
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}

export interface MigrationPlan {
  from: number;
  to: number;
  steps: Array<{ version: number; name: string; checksum: string; sql: string }>;
  /** Refusals: edited migrations, a version newer than this ax. Non-empty means no migration runs. */
  blockers: string[];
}

export function planMigration(db: DB, file: string, migrations: readonly Migration[] = MIGRATIONS): MigrationPlan {
  const from = db.pragma('user_version', { simple: true }) as number;
  const to = migrations[migrations.length - 1]?.version ?? SCHEMA_VERSION;
  const c = consistencyProblems(db, from, migrations);
  const blockers = [...c.edited, ...c.damage];
  if (from > to) blockers.push(`index ${file} has schema version ${from}, newer than this ax supports (${to})`);
  const steps = migrations.filter((m) => m.version > from).map((m) => ({ version: m.version, name: m.name, checksum: migrationChecksum(m), sql: migrationText(m) }));
  return { from, to, steps, blockers };
}

export function applyMigration(db: DB, file: string, plan: MigrationPlan, migrations: readonly Migration[] = MIGRATIONS): void {
  if (plan.blockers.length > 0) throw corrupt(file, plan.blockers.join('; '));
  try { migrate(db, plan.from, migrations); } catch (e) { throw translate(e, file); }
}
