// `ax db migrate` / `rollback` with a migration list longer than the shipped one (injected, as a
// future ax would have): dry run writes nothing, migrate takes a backup first, rollback restores it,
// and an edited already-applied migration is refused everywhere.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { AxError } from '../core/errors.js';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from '../store/schema.js';
import { dbMigrate, dbRollback, dbStatus, dbVerify } from './db.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ax.cjs');
const NEXT = SCHEMA_VERSION + 1;
const V2: Migration = { version: NEXT, name: 'test-extra', sql: 'CREATE TABLE extra (x INTEGER NOT NULL);\nINSERT INTO extra VALUES (42);' };
const FUTURE = [...MIGRATIONS, V2];

const version = (file: string) => { const d = new Database(file, { readonly: true }); try { return d.pragma('user_version', { simple: true }) as number; } finally { d.close(); } };

test('migrate --dry-run, migrate (backup first), rollback, edited migrations refused', { timeout: 60_000 }, async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-mig-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(path.join(root, 'a.py'), 'def alpha():\n    return 1\n');
  assert.equal(spawnSync(process.execPath, [BIN, 'index', '-q'], { cwd: root }).status, 0);
  const file = path.join(root, '.ax', 'index.db');

  const dry = await dbMigrate({ root, migrations: FUTURE, dryRun: true });
  assert.deepEqual([dry.from, dry.to, dry.applied, dry.backup], [SCHEMA_VERSION, NEXT, false, null]);
  assert.equal(dry.steps[0]!.sql, V2.sql);
  assert.match(dry.steps[0]!.checksum, /^[0-9a-f]{64}$/);
  assert.equal(version(file), SCHEMA_VERSION, 'a dry run writes nothing');
  assert.equal(dbStatus({ root, migrations: FUTURE }).pending.length, 1);

  const done = await dbMigrate({ root, migrations: FUTURE });
  assert.equal(done.applied, true);
  assert.ok(done.backup && existsSync(done.backup), 'a backup is taken before migrating');
  assert.match(path.basename(done.backup), new RegExp(`\\.v${SCHEMA_VERSION}\\.pre-migrate\\.`));
  assert.equal(version(file), NEXT);
  const st = dbStatus({ root, migrations: FUTURE });
  assert.deepEqual(st.migrations.map((m) => [m.version, m.state]), FUTURE.map((m) => [m.version, 'ok']));
  assert.deepEqual(st.backups, [done.backup]);
  assert.equal(dbVerify({ root, migrations: FUTURE }).ok, true);
  assert.equal((await dbMigrate({ root, migrations: FUTURE })).steps.length, 0, 'nothing left to do');

  // Someone edits migration 2 after it was applied: status shows it, migrate and verify refuse.
  const EDITED = [...MIGRATIONS, { ...V2, sql: V2.sql + '\n-- tweaked' }];
  assert.equal(dbStatus({ root, migrations: EDITED }).migrations.at(-1)!.state, 'edited');
  await assert.rejects(dbMigrate({ root, migrations: EDITED }), (e: unknown) => e instanceof AxError && e.code === 'E_MIGRATION' && /checksum/.test(e.message));
  assert.equal(dbVerify({ root, migrations: EDITED }).ok, false);

  const rb = await dbRollback({ root, migrations: FUTURE });
  assert.deepEqual([rb.from, rb.to, rb.backup], [NEXT, SCHEMA_VERSION, done.backup]);
  assert.equal(version(file), SCHEMA_VERSION);
  const d = new Database(file, { readonly: true });
  try { assert.equal(d.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").pluck().get(), 0); } finally { d.close(); }
  assert.equal(dbVerify({ root }).ok, true);
  const find = spawnSync(process.execPath, [BIN, 'find', 'alpha', '--json'], { cwd: root, encoding: 'utf8' });
  assert.equal(JSON.parse(find.stdout).results[0].path, 'a.py');
});
