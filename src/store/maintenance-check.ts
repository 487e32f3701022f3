// The cheap checks every open runs (so `ax status` stays fast): the file header (SQLite magic, page
// size, size against the header's page count when no WAL is pending), the schema version against the
// tables that exist, and the checksums of applied migrations against this ax's migrations. A full
// page-by-page check is `ax db verify` (maintenance.ts); damage inside a page is otherwise caught when a
// query reads that page (SQLITE_CORRUPT, translated by db.ts).

import type Database from 'better-sqlite3';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, migrationChecksum, type Migration } from './schema.js';

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** headerProblem's answer for a 0-byte file: damage for a reader, a fresh start for a writer. */
export const EMPTY_FILE = 'the file is empty (0 bytes)';

function walPending(file: string): boolean {
  try { return statSync(file + '-wal').size > 0; } catch { return false; }
}

/** What is wrong with the file's header, or undefined. Reads 100 bytes. */
export function headerProblem(file: string): string | undefined {
  let size: number;
  try { size = statSync(file).size; } catch { return undefined; /* open reports it */ }
  if (size === 0) return walPending(file) ? undefined : EMPTY_FILE;
  const head = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let n: number;
  try { n = readSync(fd, head, 0, 100, 0); } finally { closeSync(fd); }
  if (n < 100 || !head.subarray(0, 16).equals(MAGIC)) return 'not an SQLite database (bad header)';
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return `bad page size ${raw} in the header`;
  if (walPending(file)) return undefined; // pages may live in the WAL until the next checkpoint
  if (size % pageSize !== 0) return `truncated: ${size} bytes is not a whole number of ${pageSize}-byte pages`;
  const changeCounter = head.readUInt32BE(24);
  const pages = head.readUInt32BE(28);
  if (pages > 0 && head.readUInt32BE(92) === changeCounter && pages * pageSize > size) {
    return `truncated: the header says ${pages} pages of ${pageSize} bytes, the file has ${size} bytes`;
  }
  return undefined;
}

/** Tables the schema holds at `version` (CREATE minus DROP over the migrations up to it). */
export function expectedTables(version: number, migrations: readonly Migration[] = MIGRATIONS): string[] {
  const tables = new Set<string>();
  for (const m of migrations) {
    if (m.version > version) break;
    // Statements in order: CREATE adds, DROP removes, ALTER TABLE a RENAME TO b moves.
    const re = /CREATE\s+(?:VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)|DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(\w+)|ALTER\s+TABLE\s+(\w+)\s+RENAME\s+TO\s+(\w+)/gi;
    for (const x of `${m.sql}\n${m.sqlAfter ?? ''}`.matchAll(re)) {
      if (x[1]) tables.add(x[1]);
      else if (x[2]) tables.delete(x[2]);
      else if (x[3] && x[4]) { tables.delete(x[3]); tables.add(x[4]); }
    }
  }
  return [...tables];
}

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
  appliedAt: string;
  /** ok; edited (this ax's migration of that version has another checksum); unknown (this ax has none). */
  state: 'ok' | 'edited' | 'unknown';
  expectedChecksum?: string;
}

export function appliedMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): AppliedMigration[] {
  const rows = db.prepare('SELECT version, name, checksum, applied_at AS appliedAt FROM migrations ORDER BY version')
    .all() as Array<{ version: number; name: string; checksum: string; appliedAt: string }>;
  return rows.map((r) => {
    const m = migrations.find((x) => x.version === r.version);
    if (!m) return { ...r, state: 'unknown' as const };
    const expected = migrationChecksum(m);
    return expected === r.checksum ? { ...r, state: 'ok' as const } : { ...r, state: 'edited' as const, expectedChecksum: expected };
  });
}

export interface ConsistencyProblems {
  /** No tables and version 0: a new file (or one created by a run stopped before its first commit). */
  fresh: boolean;
  /** Applied migrations whose checksum differs from this ax's (an edited, already-applied migration). */
  edited: string[];
  /** Structural damage: wrong schema version for the tables present, missing tables. */
  damage: string[];
}

/** Cheap schema-level checks: one query on sqlite_master and one on the migrations table. */
export function consistencyProblems(db: Database.Database, version: number, migrations: readonly Migration[] = MIGRATIONS): ConsistencyProblems {
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]));
  const out: ConsistencyProblems = { fresh: false, edited: [], damage: [] };
  if (version === 0) {
    if (tables.size === 0) out.fresh = true;
    else out.damage.push(`schema version 0 but the file holds ${tables.size} tables (wrong schema version)`);
    return out;
  }
  const missing = expectedTables(version, migrations).filter((t) => !tables.has(t));
  if (missing.length > 0) {
    out.damage.push(`schema version ${version} but tables are missing: ${missing.join(', ')}`);
    return out;
  }
  const applied = appliedMigrations(db, migrations);
  const top = applied.length > 0 ? applied[applied.length - 1]!.version : 0;
  if (top !== version) out.damage.push(`schema version ${version} but the migrations table records version ${top}`);
  for (const a of applied) {
    if (a.state === 'edited') {
      out.edited.push(`migration ${a.version} (${a.name}) was applied with checksum ${a.checksum.slice(0, 12)}… but this ax's migration ${a.version} has ${a.expectedChecksum!.slice(0, 12)}…`);
    }
  }
  return out;
}

/** Where the automatic pre-migration snapshot of an index at schema `version` goes. */
export function backupPathFor(file: string, version: number, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return path.join(path.dirname(file), 'backups', `${path.basename(file, '.db')}.v${version}.pre-migrate.${stamp}.db`);
}

export function backupsDir(file: string): string {
  return path.join(path.dirname(file), 'backups');
}
