// Opening the index: WAL mode, pragmas, a cheap consistency check (file header, schema version,
// expected tables, applied-migration checksums), forward migration, and translation of SQLite's
// failures (not a database, locked, newer schema) into AxErrors a user can act on.
// Readers never migrate: an older index is refused with a hint to run `ax db migrate`, unless all it
// lacks are additive steps (indexes only), which readers do without. Writers (`ax index`) migrate it
// themselves after a snapshot into .ax/backups/ (none for additive steps; see docs/db.md).

import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AxError } from '../core/errors.js';
import { MIGRATIONS, SCHEMA_VERSION, migrationChecksum, type Migration } from './schema.js';
import { backupPathFor, consistencyProblems, EMPTY_FILE, headerProblem } from './maintenance-check.js';

export type DB = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  create?: boolean;
  /** `ax db` maintenance: no migration and no consistency refusal (the caller inspects and reports). */
  maintenance?: boolean;
  /** The schema steps this ax knows (tests inject a longer list, as a future ax would have). */
  migrations?: readonly Migration[];
  /**
   * SQLite's page cache, in MiB. Default: 2 for readers, 16 for writers. A connection that answers
   * many queries (`ax watch`'s kept readers) asks for more: its pages stay hot from query to query.
   */
  cacheMiB?: number;
}

/** Page cache of a one-shot reader, in MiB: SQLite's own default (see openDatabase). */
export const READER_CACHE_MIB = 2;
/** Page cache of a reader that answers query after query, in MiB. */
export const KEPT_READER_CACHE_MIB = 64;

export function corrupt(file: string, problem: string, cause?: unknown): AxError {
  return new AxError('E_INDEX_CORRUPT', `index ${file} is damaged: ${problem}`, {
    hint: 'restore a backup with `ax db restore FILE`, or delete the .ax directory and re-run `ax index`',
    ...(cause === undefined ? {} : { cause }),
  });
}

export function openDatabase(file: string, opts: OpenOptions = {}): DB {
  if (!existsSync(file)) {
    if (!opts.create) {
      throw new AxError('E_NO_INDEX', `no index at ${file}`, { hint: 'run `ax index` in the repository first' });
    }
    mkdirSync(path.dirname(file), { recursive: true });
  } else {
    // A 0-byte file is what an `ax index` stopped before its first commit leaves: a writer starts afresh.
    const problem = headerProblem(file);
    if (problem && !(problem === EMPTY_FILE && (opts.create || opts.maintenance))) throw corrupt(file, problem);
  }
  let db: DB | undefined;
  try {
    db = opts.readonly ? openReader(file) : new Database(file, { fileMustExist: !opts.create });
    db.pragma('busy_timeout = 10000');
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    // Readers sort small results in memory; a writer's bulk CREATE INDEX sorts millions of rows and
    // must spill to temp files instead of holding the whole sort in RAM.
    db.pragma(opts.readonly ? 'temp_store = MEMORY' : 'temp_store = FILE');
    // A reader in a process of its own answers one query: every page it reads into a cache that
    // never fills lands in memory the process touches for the first time, and a first touch costs
    // ~10 us on the VM we measure on. With 64 MB, `ax refs kmalloc` took 6,491 page faults in its
    // full-text phase, 671 with 2 MB (netif_rx: 955 -> 620). A reader kept across queries asks for
    // more (cacheMiB). A writer mostly appends (bulk loads drop the secondary indexes) and its cache
    // counts fully towards `ax index`'s peak RSS: 16 MB.
    const cacheMiB = opts.cacheMiB ?? (opts.readonly ? READER_CACHE_MIB : 16);
    db.pragma(`cache_size = ${-Math.round(cacheMiB * 1024)}`);
    if (opts.maintenance) return db;
    const migrations = opts.migrations ?? MIGRATIONS;
    const latest = migrations[migrations.length - 1]?.version ?? SCHEMA_VERSION;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latest) {
      throw new AxError('E_INDEX_NEWER',
        `index ${file} has schema version ${version}, newer than this ax supports (${latest})`,
        { hint: 'upgrade ax, or delete the .ax directory and re-run `ax index`' });
    }
    const problems = consistencyProblems(db, version, migrations);
    if (problems.fresh) {
      // A new file, or one an `ax index` created and was stopped in before its first commit.
      if (opts.readonly) {
        throw new AxError('E_INDEX_CORRUPT', `index ${file} is empty: an \`ax index\` is still making its first commit, stopped before it, or the file was truncated`,
          { hint: 'wait for the running `ax index`, or run `ax index` (or restore a backup with `ax db restore FILE`)' });
      }
      migrate(db, 0, migrations);
      return db;
    }
    if (problems.edited.length > 0) {
      throw new AxError('E_MIGRATION', `index ${file}: ${problems.edited.join('; ')}`, {
        hint: 'an applied migration was edited after it shipped; restore a backup made by this ax (`ax db restore FILE`) or delete the .ax directory and re-run `ax index`',
      });
    }
    if (problems.damage.length > 0) throw corrupt(file, problems.damage.join('; '));
    // Steps that only add indexes change no answer: readers go on without them, writers need no backup.
    const onlyAdditive = migrations.every((m) => m.version <= version || m.additive === true);
    if (version < latest && onlyAdditive) {
      if (!opts.readonly) migrate(db, version, migrations);
      return db;
    }
    if (version < latest) {
      if (opts.readonly) {
        throw new AxError('E_INDEX_OLDER', `index ${file} has schema version ${version}; this ax uses ${latest}`, {
          hint: 'run `ax db migrate` (it takes a backup first; `--dry-run` shows the changes), or `ax index`, which migrates the same way',
        });
      }
      // Writers migrate forward, after a consistent snapshot (VACUUM INTO) that `ax db rollback` restores.
      const backup = backupPathFor(file, version);
      mkdirSync(path.dirname(backup), { recursive: true });
      db.prepare('VACUUM INTO ?').run(backup);
      migrate(db, version, migrations);
    }
    return db;
  } catch (e) {
    try { db?.close(); } catch { /* already failing */ }
    const code = (e as { code?: string }).code ?? '';
    if (opts.readonly && code.startsWith('SQLITE_CANTOPEN') && existsSync(file)) {
      // A WAL-mode file can be read only where SQLite may create index.db-shm beside it.
      throw new AxError('E_IO', `cannot open index ${file} for reading: its directory is not writable (SQLite needs to create ${path.basename(file)}-shm there) and the index is too large (> ${READ_ONLY_COPY_MAX >> 20} MiB) to read from memory`, {
        hint: 'make the .ax directory writable, or read a copy: `ax db backup FILE` on a writable machine makes a self-contained file', cause: e,
      });
    }
    throw translate(e, file);
  }
}

/** Largest index a reader loads into memory when it sits on a read-only file system. */
const READ_ONLY_COPY_MAX = 512 * 1024 * 1024;

/**
 * A read-only connection. A WAL-mode file on a read-only file system (or in a directory the user may
 * not write) cannot be opened in place: SQLite must create index.db-shm. If no WAL is pending, the
 * file is then the whole index, and a reader loads it into memory instead (up to READ_ONLY_COPY_MAX),
 * marked as a rollback-journal file so SQLite accepts it.
 */
function openReader(file: string): DB {
  let db: DB | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('user_version'); // SQLite opens lazily: the first read is where -shm is needed
    return db;
  } catch (e) {
    try { db?.close(); } catch { /* failing anyway */ }
    const code = (e as { code?: string }).code ?? '';
    if (!code.startsWith('SQLITE_CANTOPEN') || dirWritable(path.dirname(file))) throw e;
    let walBytes = 0;
    try { walBytes = statSync(file + '-wal').size; } catch { /* no WAL */ }
    if (walBytes > 0 || statSync(file).size > READ_ONLY_COPY_MAX) throw e;
    const image = readFileSync(file);
    if (image.length >= 20 && image[18] === 2 && image[19] === 2) { image[18] = 1; image[19] = 1; }
    return new Database(image, { readonly: true });
  }
}

function dirWritable(dir: string): boolean {
  try { accessSync(dir, constants.W_OK); } catch { return false; }
  // access() ignores read-only mounts for root on some systems: try creating a file.
  const probe = path.join(dir, `.ax-probe-${process.pid}`);
  try { writeFileSync(probe, ''); rmSync(probe, { force: true }); return true; } catch { return false; }
}

/** Apply every migration above `from` in one IMMEDIATE transaction (all or nothing). */
export function migrate(db: DB, from: number, migrations: readonly Migration[] = MIGRATIONS): void {
  const apply = db.transaction(() => {
    for (const m of migrations) {
      if (m.version <= from) continue;
      db.exec(m.sql);
      m.data?.run(db);
      if (m.sqlAfter) db.exec(m.sqlAfter);
      db.prepare('INSERT INTO migrations(version, name, checksum, applied_at) VALUES (?, ?, ?, ?)')
        .run(m.version, m.name, migrationChecksum(m), new Date().toISOString());
      db.pragma(`user_version = ${m.version}`);
    }
  });
  apply.immediate();
}

/** SQLite's failures (extended codes included: SQLITE_IOERR_WRITE, SQLITE_CORRUPT_VTAB...) as AxErrors. */
export function translate(e: unknown, file: string): unknown {
  if (e instanceof AxError) return e;
  const code = (e as { code?: string }).code ?? '';
  const msg = (e as Error).message ?? String(e);
  const is = (c: string) => code === c || code.startsWith(c + '_');
  if (is('SQLITE_NOTADB') || is('SQLITE_CORRUPT') || /malformed|not a database/i.test(msg)) {
    return corrupt(file, msg, e);
  }
  if (is('SQLITE_BUSY') || is('SQLITE_LOCKED')) {
    return new AxError('E_INDEX_LOCKED', `index ${file} is busy: another process is writing it`, {
      hint: 'wait for the other `ax index`/`ax watch` to finish', cause: e,
    });
  }
  if (is('SQLITE_FULL') || code === 'ENOSPC') {
    return new AxError('E_IO', `cannot write index ${file}: the disk is full`, {
      hint: 'free disk space and re-run; the index keeps every batch committed before this', cause: e,
    });
  }
  if (is('SQLITE_READONLY') || is('SQLITE_CANTOPEN') || is('SQLITE_IOERR') || is('SQLITE_PERM') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return new AxError('E_IO', `cannot write index ${file}: ${msg}`, {
      hint: 'check that the .ax directory and its files are writable (read-only file system or permissions?)', cause: e,
    });
  }
  return e;
}

/**
 * Checkpoints the WAL into the index and truncates it to zero bytes: for a long-lived writer
 * (`ax watch`) about to close, so that it leaves no WAL behind. Closing the last connection would
 * do that, but the watcher's kept readers (services/readers.ts) or another process may still have
 * the file open, and SQLite then leaves the WAL as it is. The next process that opens the index as
 * its only user rebuilds its WAL index by reading the whole WAL (the watcher lets it grow to
 * 64 MiB): a 6.5 MB WAL left by a stopped watcher cost every later `ax def`/`ax refs` ~3 ms.
 * A reader in the middle of a query keeps the WAL in use: this then gives up after a short wait
 * and the WAL stays, as it would without this.
 */
export function truncateWal(db: DB): void {
  try {
    db.pragma('busy_timeout = 200');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch { /* busy or read-only: the WAL stays, as it would without this */ }
}
