// Use cases behind `ax db`: status, migrate (with an automatic backup first), rollback (restore the
// pre-migration backup), backup/restore (online, SQLite's backup API; restore checks the file first),
// verify (integrity, FTS5, orphans, files changed on disk since indexing), vacuum.
// Everything that writes takes the writer lock, so `ax index`/`ax watch` are refused meanwhile.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AxError } from '../core/errors.js';
import { openDatabase, translate, type DB } from '../store/db.js';
import {
  applyMigration, backupTo, checkBackupFile, checkIntegrity, dbInfo, planMigration, restoreFrom, vacuum,
  type BackupCheck, type CopyResult, type DbInfo, type IntegrityReport, type MigrationPlan,
} from '../store/maintenance.js';
import { backupPathFor, backupsDir } from '../store/maintenance-check.js';
import { IndexReader } from '../store/reader.js';
import { MIGRATIONS, type Migration } from '../store/schema.js';
import { IndexWriter } from '../store/writer.js';
import { acquireWriterLock } from './lock.js';
import { AX_DIR, dbPathFor, findIndexRoot, indexRoot } from './root.js';

export interface DbRequest {
  root?: string;
  /** Tests inject a longer migration list to exercise migrate/rollback; the CLI never sets this. */
  migrations?: readonly Migration[];
}

function where(req: DbRequest): { root: string; file: string } {
  const root = findIndexRoot(req.root);
  return { root, file: dbPathFor(root) };
}

function withDb<T>(file: string, readonly: boolean, fn: (db: DB) => T): T {
  const db = openDatabase(file, { readonly, maintenance: true });
  try {
    return fn(db);
  } catch (e) {
    throw translate(e, file);
  } finally {
    db.close();
  }
}

async function withDbAsync<T>(file: string, readonly: boolean, fn: (db: DB) => Promise<T>): Promise<T> {
  const db = openDatabase(file, { readonly, maintenance: true });
  try {
    return await fn(db);
  } catch (e) {
    throw translate(e, file);
  } finally {
    db.close();
  }
}

function locked<T>(root: string, purpose: string, fn: () => T): T {
  const lock = acquireWriterLock(root, purpose);
  try { return fn(); } finally { lock.release(); }
}

async function lockedAsync<T>(root: string, purpose: string, fn: () => Promise<T>): Promise<T> {
  const lock = acquireWriterLock(root, purpose);
  try { return await fn(); } finally { lock.release(); }
}

export interface LastVerify { at: string; ok: boolean; stale: number }

export interface DbStatusReport extends DbInfo { root: string; lastVerify: LastVerify | null; backups: string[] }

export function dbStatus(req: DbRequest = {}): DbStatusReport {
  const { root, file } = where(req);
  return withDb(file, true, (db) => {
    const info = dbInfo(db, file, req.migrations ?? MIGRATIONS);
    let lastVerify: LastVerify | null = null;
    try {
      const raw = new IndexReader(db).meta('lastVerify');
      if (raw) lastVerify = JSON.parse(raw) as LastVerify;
    } catch { /* no meta table: reported in problems */ }
    return { root, ...info, lastVerify, backups: listBackups(file) };
  });
}

function listBackups(file: string): string[] {
  const dir = backupsDir(file);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => n.endsWith('.db')).sort().map((n) => path.join(dir, n));
}

export interface StaleFile { path: string; state: 'modified' | 'missing' }

export interface VerifyReport extends IntegrityReport {
  root: string;
  file: string;
  filesChecked: number;
  /** Indexed files whose content no longer matches the stored hash (run `ax index`). Not damage. */
  stale: StaleFile[];
  durationMs: number;
}

/** Full check. Holds the writer lock (an `ax index` started meanwhile is refused with a clear message). */
export function dbVerify(req: DbRequest & { hashes?: boolean } = {}): VerifyReport {
  const t0 = performance.now();
  const { root, file } = where(req);
  return locked(root, 'db verify', () => withDb(file, false, (db) => {
    const report = checkIntegrity(db, req.migrations ?? MIGRATIONS);
    const stale: StaleFile[] = [];
    let filesChecked = 0;
    if (!report.empty && report.schema.length === 0 && report.integrity[0] === 'ok' && req.hashes !== false) {
      for (const [rel, st] of new IndexReader(db).fileStates()) {
        filesChecked++;
        let buf: Buffer;
        try { buf = readFileSync(path.join(root, rel)); } catch { stale.push({ path: rel, state: 'missing' }); continue; }
        if (createHash('sha1').update(buf).digest('hex') !== st.hash) stale.push({ path: rel, state: 'modified' });
      }
    }
    if (!report.empty && report.schema.length === 0) {
      try {
        new IndexWriter(db).setMeta('lastVerify', JSON.stringify({ at: new Date().toISOString(), ok: report.ok, stale: stale.length } satisfies LastVerify));
      } catch { /* a damaged index may refuse the write; the report says why */ }
    }
    return { root, file, ...report, filesChecked, stale, durationMs: performance.now() - t0 };
  }));
}

export interface BackupReport extends CopyResult { root: string; source: string }

function defaultBackupFile(file: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return path.join(backupsDir(file), `index.${stamp}.db`);
}

/** Online backup (readers and the writer keep working). */
export async function dbBackup(req: DbRequest & { dest?: string } = {}): Promise<BackupReport> {
  const { root, file } = where(req);
  const dest = path.resolve(req.dest ?? defaultBackupFile(file));
  if (path.resolve(dest) === path.resolve(file)) throw new AxError('E_USAGE', 'the backup file must not be the index itself');
  if (existsSync(dest) && statSync(dest).isDirectory()) throw new AxError('E_USAGE', `${dest} is a directory`, { hint: 'give a file name for the backup' });
  mkdirSync(path.dirname(dest), { recursive: true });
  const r = await withDbAsync(file, true, (db) => backupTo(db, dest));
  return { root, source: file, ...r };
}

export interface RestoreReport extends CopyResult { root: string; from: string; check: BackupCheck }

function restoreRoot(req: DbRequest): { root: string; file: string } {
  try { return where(req); } catch (e) {
    // Restoring into a directory that has no index yet (a fresh clone, a deleted .ax) is allowed.
    if (e instanceof AxError && e.code === 'E_NO_INDEX') { const root = indexRoot(req.root); return { root, file: dbPathFor(root) }; }
    throw e;
  }
}

/** Check `src` fully, then replace the index with it (writer lock held). */
export async function dbRestore(req: DbRequest & { src: string }): Promise<RestoreReport> {
  const { root, file } = restoreRoot(req);
  const src = path.resolve(req.src);
  if (src === path.resolve(file)) throw new AxError('E_USAGE', 'cannot restore the index from itself');
  mkdirSync(path.join(root, AX_DIR), { recursive: true });
  return lockedAsync(root, 'db restore', async () => {
    const check = checkBackupFile(src, req.migrations ?? MIGRATIONS);
    if (!check.ok) {
      throw new AxError('E_INDEX_CORRUPT', `refusing to restore ${src}: ${check.problems.slice(0, 5).join('; ')}`, {
        hint: 'the index was left as it was; pick another backup (`ax db status` lists them) or re-run `ax index`',
      });
    }
    const r = await restoreFrom(src, file);
    return { root, from: src, check, ...r };
  });
}

export interface VacuumReport { root: string; file: string; bytesBefore: number; bytesAfter: number; durationMs: number }

export function dbVacuum(req: DbRequest = {}): VacuumReport {
  const t0 = performance.now();
  const { root, file } = where(req);
  const sizeOf = () => { let n = 0; for (const ext of ['', '-wal']) { try { n += statSync(file + ext).size; } catch { /* none */ } } return n; };
  const bytesBefore = sizeOf();
  locked(root, 'db vacuum', () => withDb(file, false, (db) => vacuum(db)));
  return { root, file, bytesBefore, bytesAfter: sizeOf(), durationMs: performance.now() - t0 };
}

export interface MigrateReport extends MigrationPlan {
  root: string; file: string; dryRun: boolean; applied: boolean; backup: string | null;
  /** Bytes of free pages in the file after migrating (tables a migration dropped); `ax db vacuum` returns them to the disk. */
  freeBytes: number;
}

const freeBytes = (db: DB): number => new IndexReader(db).space().freeBytes;

/** Print-or-apply: with dryRun, nothing is written. Otherwise a backup is taken first, then one transaction. */
export async function dbMigrate(req: DbRequest & { dryRun?: boolean } = {}): Promise<MigrateReport> {
  const { root, file } = where(req);
  const migrations = req.migrations ?? MIGRATIONS;
  const run = async (): Promise<MigrateReport> => withDbAsync(file, req.dryRun === true, async (db) => {
    const plan = planMigration(db, file, migrations);
    if (plan.blockers.length > 0) {
      throw new AxError('E_MIGRATION', `refusing to migrate ${file}: ${plan.blockers.join('; ')}`, {
        hint: 'restore a backup made by this ax (`ax db restore FILE`), or delete the .ax directory and re-run `ax index`',
      });
    }
    const base = { root, file, ...plan, dryRun: req.dryRun === true };
    if (req.dryRun || plan.steps.length === 0) return { ...base, applied: false, backup: null, freeBytes: freeBytes(db) };
    const backup = backupPathFor(file, plan.from);
    mkdirSync(path.dirname(backup), { recursive: true });
    await backupTo(db, backup);
    applyMigration(db, file, plan, migrations);
    return { ...base, applied: true, backup, freeBytes: freeBytes(db) };
  });
  return req.dryRun ? run() : lockedAsync(root, 'db migrate', run);
}

/** `backup` is null when the last step was additive: it is undone by dropping its indexes. */
export interface RollbackReport { root: string; file: string; from: number; to: number; backup: string | null; durationMs: number }

/**
 * Pre-migration backups a rollback from schema `current` may use, best first: the highest version
 * below `current` (compared as numbers: v10 after v9), and of it the newest (the time stamp sorts).
 */
export function rollbackCandidates(backups: readonly string[], current: number): Array<{ f: string; v: number }> {
  return backups
    .map((f) => ({ f, v: Number(/\.v(\d+)\.pre-migrate\./.exec(path.basename(f))?.[1] ?? NaN) }))
    .filter((c) => Number.isInteger(c.v) && c.v < current)
    .sort((a, b) => b.v - a.v || (path.basename(a.f) < path.basename(b.f) ? 1 : -1));
}

/** Restore the pre-migration backup of the previous schema version (the newest one of it). */
export async function dbRollback(req: DbRequest = {}): Promise<RollbackReport> {
  const t0 = performance.now();
  const { root, file } = where(req);
  const migrations = req.migrations ?? MIGRATIONS;
  const current = withDb(file, true, (db) => db.pragma('user_version', { simple: true }) as number);
  const candidates = rollbackCandidates(listBackups(file), current);
  // With no snapshot to restore, a last step that was additive (indexes only, applied without a
  // backup) is undone by dropping its indexes.
  const last = migrations.find((m) => m.version === current);
  if (candidates.length === 0 && last?.additive) {
    locked(root, 'db rollback', () => withDb(file, false, (db) => {
      db.transaction(() => {
        for (const name of additiveIndexNames(last)) db.exec(`DROP INDEX IF EXISTS "${name}"`);
        db.prepare('DELETE FROM migrations WHERE version = ?').run(current);
        db.pragma(`user_version = ${current - 1}`);
      }).immediate();
    }));
    return { root, file, from: current, to: current - 1, backup: null, durationMs: performance.now() - t0 };
  }
  if (candidates.length === 0) {
    throw new AxError('E_MIGRATION', `no pre-migration backup older than schema version ${current} in ${backupsDir(file)}`, {
      hint: 'ax has no down-migrations; rollback restores the backup taken before `ax db migrate`. Restore another backup with `ax db restore FILE`, or re-index',
    });
  }
  const pick = candidates[0]!;
  await dbRestore({ ...(req.root ? { root: req.root } : { root }), src: pick.f, migrations });
  return { root, file, from: current, to: pick.v, backup: pick.f, durationMs: performance.now() - t0 };
}

/** The indexes an additive migration creates (its SQL is CREATE INDEX statements only). */
export function additiveIndexNames(m: Migration): string[] {
  return [...m.sql.matchAll(/CREATE\s+INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?"?(\w+)"?/gi)].map((x) => x[1]!);
}
