import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openDatabase } from './db.js';
import { MIGRATIONS, SCHEMA_VERSION, hashMigration, migrationChecksum } from './schema.js';
import { IndexWriter } from './writer.js';
import { decodeCalls } from './callsblob.js';
import { NavReader } from './nav.js';

function indexNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
}

test('a v1 index migrates forward keeping its call sites (duplicates collapse) as per-file blobs', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-schema-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'index.db');
  const v1 = new Database(file);
  v1.exec(MIGRATIONS[0]!.sql);
  v1.pragma('user_version = 1');
  v1.prepare("INSERT INTO migrations VALUES (1, 'initial', ?, '2026-01-01')").run(migrationChecksum(MIGRATIONS[0]!));
  v1.prepare("INSERT INTO files(id, path, lang, size, mtime_ms, hash, lines, symbols, refs, parse_errors) VALUES (1, 'a.c', 'c', 1, 1, 'h', 9, 2, 0, 0), (2, 'b.c', 'c', 1, 1, 'h', 9, 0, 0, 0)").run();
  v1.prepare("INSERT INTO symbols(id, file_id, name, kind, line, col, end_line, end_col, name_line, name_col, container, signature, doc) VALUES (6, 1, 'main', 'function', 1, 1, 2, 1, 1, 5, '', 'int main()', ''), (7, 1, 'run', 'function', 4, 1, 8, 1, 4, 5, '', 'void run()', '')").run();
  v1.prepare("INSERT INTO calls(file_id, caller_id, name, receiver, line, col) VALUES (1, NULL, 'f', '', 3, 4), (1, NULL, 'f', '', 3, 4), (1, 7, 'g', 'o', 5, 1), (1, 6, 'f', '', 2, 2)").run();
  v1.close();
  const db = openDatabase(file);
  t.after(() => db.close());
  assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  assert.ok(!tables.includes('calls'), 'the calls table is gone');
  const blob = db.prepare('SELECT calls_blob FROM files WHERE id = 1').pluck().get() as Uint8Array;
  assert.deepEqual(decodeCalls(blob), [
    { name: 'f', receiver: '', line: 2, col: 2, caller: 0 },
    { name: 'f', receiver: '', line: 3, col: 4, caller: -1 },
    { name: 'g', receiver: 'o', line: 5, col: 1, caller: 1 },
  ]);
  assert.equal(db.prepare('SELECT calls_blob FROM files WHERE id = 2').pluck().get(), null, 'a file without calls has no blob');
  assert.deepEqual(new NavReader(db).callsByCaller(7).map((c) => [c.name, c.receiver, c.line, c.col]), [['g', 'o', 5, 1]]);
  assert.ok(!indexNames(db).includes('calls_name'));
});

test('indexes dropped for a bulk load are restored, also by a later writer after a kill', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-schema-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'index.db');
  const db = openDatabase(file, { create: true });
  const before = indexNames(db);
  assert.ok(before.length >= 5);
  new IndexWriter(db).dropSecondaryIndexes();
  assert.deepEqual(indexNames(db), []);
  db.close(); // the "killed" run never restored them
  const again = openDatabase(file);
  t.after(() => again.close());
  new IndexWriter(again).ensureSecondaryIndexes();
  assert.deepEqual(indexNames(again), before);
  new IndexWriter(again).ensureSecondaryIndexes(); // idempotent
  assert.deepEqual(indexNames(again), before);
});

test('every shipped migration carries the SHA-256 of its text (an edit after shipping fails here)', () => {
  for (const m of MIGRATIONS) {
    assert.match(m.sha256 ?? '', /^[0-9a-f]{64}$/, `migration ${m.version} has no sha256`);
    assert.equal(hashMigration(m), m.sha256, `migration ${m.version} (${m.name}) was edited: write a new migration instead`);
    assert.equal(migrationChecksum(m), m.sha256);
  }
  assert.deepEqual(MIGRATIONS.map((m) => m.version), MIGRATIONS.map((_, i) => i + 1), 'versions are 1..n without gaps');
  // A migration that is not this ax's own object (e.g. an edited copy) is hashed, not looked up.
  const edited = { ...MIGRATIONS[0]!, sql: MIGRATIONS[0]!.sql + '\n-- edited' };
  assert.notEqual(migrationChecksum(edited), MIGRATIONS[0]!.sha256);
  assert.equal(migrationChecksum(edited), hashMigration(edited));
});
