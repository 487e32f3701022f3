// Opening the index: WAL mode, pragmas, schema-version check, forward migration, and translation of
// SQLite's failures (not a database, locked, newer schema) into AxErrors a user can act on.

import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxError } from '../core/errors.js';
import { MIGRATIONS, SCHEMA_VERSION, migrationChecksum } from './schema.js';

export type DB = Database.Database;

export interface OpenOptions { readonly?: boolean; create?: boolean }

export function openDatabase(file: string, opts: OpenOptions = {}): DB {
  if (!existsSync(file)) {
    if (!opts.create) {
      throw new AxError('E_NO_INDEX', `no index at ${file}`, { hint: 'run `ax index` in the repository first' });
    }
    mkdirSync(path.dirname(file), { recursive: true });
  }
  let db: DB;
  try {
    db = new Database(file, { readonly: opts.readonly === true, fileMustExist: !opts.create });
    db.pragma('busy_timeout = 10000');
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      db.close();
      throw new AxError('E_INDEX_NEWER',
        `index ${file} has schema version ${version}, newer than this ax supports (${SCHEMA_VERSION})`,
        { hint: 'upgrade ax, or delete the .ax directory and re-run `ax index`' });
    }
    if (version < SCHEMA_VERSION) {
      if (opts.readonly) {
        db.close();
        db = new Database(file);
        db.pragma('busy_timeout = 10000');
        db.pragma('journal_mode = WAL');
        migrate(db, version);
        db.close();
        return openDatabase(file, opts);
      }
      migrate(db, version);
    }
    return db;
  } catch (e) {
    throw translate(e, file);
  }
}

function migrate(db: DB, from: number): void {
  const apply = db.transaction(() => {
    for (const m of MIGRATIONS) {
      if (m.version <= from) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO migrations(version, name, checksum, applied_at) VALUES (?, ?, ?, ?)')
        .run(m.version, m.name, migrationChecksum(m), new Date().toISOString());
      db.pragma(`user_version = ${m.version}`);
    }
  });
  apply.immediate();
}

export function translate(e: unknown, file: string): unknown {
  if (e instanceof AxError) return e;
  const code = (e as { code?: string }).code ?? '';
  const msg = (e as Error).message ?? String(e);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /malformed|not a database/i.test(msg)) {
    return new AxError('E_INDEX_CORRUPT', `index ${file} is damaged: ${msg}`, {
      hint: 'delete the .ax directory and re-run `ax index` (or restore a backup)', cause: e,
    });
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new AxError('E_INDEX_LOCKED', `index ${file} is busy: another process is writing it`, {
      hint: 'wait for the other `ax index`/`ax watch` to finish', cause: e,
    });
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_FULL' || code === 'SQLITE_IOERR') {
    return new AxError('E_IO', `cannot write index ${file}: ${msg}`, {
      hint: code === 'SQLITE_FULL' ? 'free disk space and re-run' : 'check permissions of the .ax directory', cause: e,
    });
  }
  return e;
}
