import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openDatabase } from './db.js';
import { MIGRATIONS, SCHEMA_VERSION, SHIPPED_CHECKSUMS, migrationChecksum, sha256Hex } from './schema.js';
import { IndexWriter } from './writer.js';

function indexNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
}

test('a v1 index migrates forward keeping its call sites (duplicates collapse)', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-schema-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'index.db');
  const v1 = new Database(file);
  v1.exec(MIGRATIONS[0]!.sql);
  v1.pragma('user_version = 1');
  v1.prepare("INSERT INTO migrations VALUES (1, 'initial', ?, '2026-01-01')").run(migrationChecksum(MIGRATIONS[0]!));
  v1.prepare("INSERT INTO calls(file_id, caller_id, name, receiver, line, col) VALUES (1, NULL, 'f', '', 3, 4), (1, NULL, 'f', '', 3, 4), (1, 7, 'g', 'o', 5, 1)").run();
  v1.close();
  const db = openDatabase(file);
  t.after(() => db.close());
  assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  assert.deepEqual(db.prepare('SELECT file_id, line, col, name, receiver, caller_id FROM calls ORDER BY line').raw().all(),
    [[1, 3, 4, 'f', '', null], [1, 5, 1, 'g', 'o', 7]]);
  assert.ok(indexNames(db).includes('calls_name'));
  assert.ok(!indexNames(db).includes('calls_file'), 'the clustered key replaces calls_file');
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

test('the recorded checksum of every shipped migration is the SHA-256 of its SQL', () => {
  for (const m of MIGRATIONS) {
    assert.equal(SHIPPED_CHECKSUMS[m.version], sha256Hex(m.sql), `migration ${m.version}: update SHIPPED_CHECKSUMS (and never edit a shipped migration)`);
    assert.equal(migrationChecksum(m), sha256Hex(m.sql));
  }
  // A migration that is not this ax's own object (e.g. an edited copy) is hashed, not looked up.
  const edited = { ...MIGRATIONS[0]!, sql: MIGRATIONS[0]!.sql + '\n-- edited' };
  assert.notEqual(migrationChecksum(edited), SHIPPED_CHECKSUMS[1]);
  assert.equal(migrationChecksum(edited), sha256Hex(edited.sql));
});
