// `ax db migrate` / `rollback`: with a migration list longer than the shipped one (injected, as a
// future ax would have): dry run writes nothing, migrate takes a backup first, rollback restores it,
// and an edited already-applied migration is refused everywhere; and end to end on a real older (v1)
// index: readers refuse it, `ax index` migrates it after a snapshot, rollback and migrate round-trip.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { AxError } from '../core/errors.js';
import { contentDigest, digestDiff } from '../store/maintenance-dump.js';
import { MIGRATIONS, SCHEMA_VERSION, migrationText, type Migration } from '../store/schema.js';
import { decodeCalls } from '../store/callsblob.js';
import { openDatabase } from '../store/db.js';
import { encodeRefsLegacy } from '../store/refsblob-legacy.js';
import { extract } from '../lang/engine.js';
import { languageById } from '../lang/registry.js';
import { additiveIndexNames, dbMigrate, dbRollback, dbStatus, dbVerify, rollbackCandidates } from './db.js';

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

/**
 * Turn a current index into what ax with schema v1 wrote: a `calls` table (rows from the v3 blobs,
 * callers as symbol ids), no calls_blob, refs blobs in format 1 or 2. Format 4 keeps hashes, not
 * names, so the refs tables are extracted again from the files (`root`), as ax before v5 did.
 */
async function downgradeToV1(file: string, root: string): Promise<void> {
  const files = (() => { const d = new Database(file, { readonly: true }); try { return d.prepare('SELECT id, path, lang FROM files').all() as Array<{ id: number; path: string; lang: string }>; } finally { d.close(); } })();
  const legacy = new Map<number, Uint8Array>();
  for (const f of files) legacy.set(f.id, encodeRefsLegacy((await extract(languageById(f.lang)!, readFileSync(path.join(root, f.path), 'utf8'))).refs, null, Infinity));
  const d = new Database(file);
  try {
    d.exec(`BEGIN;
      CREATE TABLE calls (file_id INTEGER NOT NULL, caller_id INTEGER, name TEXT NOT NULL, receiver TEXT NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL);`);
    const ins = d.prepare('INSERT INTO calls VALUES (?, ?, ?, ?, ?, ?)');
    const ids = d.prepare('SELECT id FROM symbols WHERE file_id = ? ORDER BY id').pluck();
    // Refs blobs as ax before v5 wrote them (format 1 or 2: one table, no line index).
    const setRefs = d.prepare('UPDATE files SET refs_blob = ? WHERE id = ?');
    for (const [id, blob] of legacy) setRefs.run(blob, id);
    for (const f of d.prepare('SELECT id, calls_blob AS b FROM files WHERE calls_blob IS NOT NULL').all() as Array<{ id: number; b: Uint8Array }>) {
      const symbolIds = ids.all(f.id) as number[];
      for (const c of decodeCalls(f.b)) ins.run(f.id, c.caller >= 0 ? symbolIds[c.caller]! : null, c.name, c.receiver, c.line, c.col);
    }
    d.exec(`
      CREATE INDEX calls_name ON calls(name);
      CREATE INDEX calls_file ON calls(file_id);
      CREATE INDEX calls_caller ON calls(caller_id);
      DROP INDEX files_summary;
      ALTER TABLE files DROP COLUMN calls_blob;
      DELETE FROM migrations WHERE version > 1;
      PRAGMA user_version = 1;
      COMMIT;`);
  } finally { d.close(); }
}

test('an index at an older schema: readers refuse it, migrate --dry-run writes nothing, writers migrate after a backup, rollback undoes it', { timeout: 120_000 }, async (t) => {
  assert.equal(SCHEMA_VERSION, 6, 'this fixture turns a v6 index into a v1 one; extend it when a migration is added');
  const root = mkdtempSync(path.join(tmpdir(), 'ax-old-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (let i = 0; i < 12; i++) {
    writeFileSync(path.join(root, `m${i}.py`), `import os\n\ndef alpha_${i}(x):\n    return beta_${i}(x) + len(os.sep)\n\ndef beta_${i}(y):\n    return alpha_${(i + 1) % 12}(y)\n`);
    writeFileSync(path.join(root, `c${i}.c`), `static int gamma_${i}(int a) { return a; }\nint delta_${i}(void) { return gamma_${i}(${i}); }\n`);
  }
  // Long enough for a line index and refs segments (v5 rebuilds both, reading the file from the working tree; v6 keeps the line index).
  writeFileSync(path.join(root, 'long.c'), Array.from({ length: 400 }, (_, i) => `int epsilon_${i}(int zeta_${i}) { return gamma_${i % 12}(zeta_${i}); }\n`).join(''));
  const ax = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  assert.equal(ax('index', '-q').code, 0);
  const file = path.join(root, '.ax', 'index.db');
  const fresh = contentDigest(file);
  const refsFormat = (rel: string) => { const d = new Database(file, { readonly: true }); try { return (d.prepare('SELECT refs_blob FROM files WHERE path = ?').pluck().get(rel) as Uint8Array)[0]; } finally { d.close(); } };
  assert.equal(refsFormat('long.c'), 4, 'a fresh index holds the hashed blob with a line index the migrations must rebuild');
  const refsBefore = JSON.parse(ax('refs', 'zeta_399', '--json').out).results;
  assert.deepEqual(refsBefore.map((r: { line: number; context: string }) => [r.line, r.context]), [[400, 'int epsilon_399(int zeta_399) { return gamma_3(zeta_399); }'], [400, 'int epsilon_399(int zeta_399) { return gamma_3(zeta_399); }']]);
  await downgradeToV1(file, root);
  assert.equal(refsFormat('long.c'), 2);
  assert.equal(version(file), 1);

  // Readers never migrate: a clear error that says what to run.
  for (const args of [['find', 'alpha_3', '--json'], ['status', '--json'], ['refs', 'gamma_2', '--json']]) {
    const r = ax(...args);
    assert.equal(r.code, 1, `${args[0]}: ${r.out}${r.err}`);
    const e = JSON.parse(r.out).error as { code: string; hint: string };
    assert.equal(e.code, 'E_INDEX_OLDER', args[0]);
    assert.match(e.hint, /ax db migrate/);
  }
  const st = JSON.parse(ax('db', 'status', '--json').out);
  assert.deepEqual([st.schemaVersion, st.pending.map((p: { version: number }) => p.version), st.problems], [1, [2, 3, 4, 5, 6], []]);

  // The dry run prints the SQL of each step and leaves the file byte for byte as it was.
  const before = readFileSync(file);
  const dry = JSON.parse(ax('db', 'migrate', '--dry-run', '--json').out);
  assert.deepEqual([dry.from, dry.to, dry.applied, dry.backup], [1, 6, false, null]);
  assert.deepEqual(dry.steps.map((s: { version: number; sql: string; checksum: string }) => [s.version, s.sql, s.checksum]),
    [[2, MIGRATIONS[1]!.sql.trim(), MIGRATIONS[1]!.sha256], [3, migrationText(MIGRATIONS[2]!), MIGRATIONS[2]!.sha256],
      [4, migrationText(MIGRATIONS[3]!), MIGRATIONS[3]!.sha256], [5, migrationText(MIGRATIONS[4]!), MIGRATIONS[4]!.sha256],
      [6, migrationText(MIGRATIONS[5]!), MIGRATIONS[5]!.sha256]]);
  const text = ax('db', 'migrate', '--dry-run');
  assert.match(text.out, /would migrate .* from schema v1 to v6:\n-- v2 calls-clustered-by-file \(sha256 [0-9a-f]{64}\)\nCREATE TABLE calls_v2/);
  assert.match(text.out, /-- v3 calls-as-file-blobs \(sha256 [0-9a-f]{64}\)\nALTER TABLE files ADD COLUMN calls_blob BLOB;\n-- data step calls-rows-to-blobs\/1: .*\nDROP TABLE calls;/);
  assert.match(text.out, /-- v4 files-summary-index \(sha256 [0-9a-f]{64}\)\nCREATE INDEX files_summary ON files/);
  assert.match(text.out, /-- v5 refs-segments-and-line-index \(sha256 [0-9a-f]{64}\)\n-- data step refs-blobs-to-format-3\/1: /);
  assert.match(text.out, /-- v6 refs-hashed-names \(sha256 [0-9a-f]{64}\)\n-- data step refs-blobs-to-format-4\/1: /);
  assert.match(text.out, /dry run: nothing written/);
  assert.ok(readFileSync(file).equals(before), 'a dry run writes nothing');
  assert.equal(existsSync(path.join(root, '.ax', 'backups')), false);

  // A writer (`ax index`) migrates by itself, after a snapshot; the content is then a fresh index's.
  assert.equal(ax('index', '-q').code, 0);
  assert.equal(version(file), 6);
  assert.equal(refsFormat('long.c'), 4);
  const snaps = readdirSync(path.join(root, '.ax', 'backups'));
  assert.equal(snaps.length, 1);
  assert.match(snaps[0]!, /^index\.v1\.pre-migrate\..+\.db$/);
  assert.deepEqual(digestDiff(contentDigest(file), fresh), []);
  assert.deepEqual(JSON.parse(ax('refs', 'zeta_399', '--json').out).results, refsBefore);

  // Rollback restores that snapshot (checked first); readers refuse it again.
  const rb = ax('db', 'rollback', '--json');
  assert.equal(rb.code, 0, rb.out + rb.err);
  assert.deepEqual((({ from, to }) => ({ from, to }))(JSON.parse(rb.out)), { from: 6, to: 1 });
  assert.equal(version(file), 1);
  assert.equal(JSON.parse(ax('find', 'alpha_3', '--json').out).error.code, 'E_INDEX_OLDER');

  // `ax db migrate` does the same as the writer did: backup, one transaction, content of a fresh index.
  const m = ax('db', 'migrate', '--json');
  assert.equal(m.code, 0, m.out + m.err);
  const mj = JSON.parse(m.out);
  assert.deepEqual([mj.from, mj.to, mj.applied], [1, 6, true]);
  assert.ok(mj.freeBytes > 0, 'the pages of the dropped calls table are reported free');
  assert.ok(existsSync(mj.backup) && /\.v1\.pre-migrate\./.test(mj.backup));
  assert.deepEqual(digestDiff(contentDigest(file), fresh), []);
  assert.equal(ax('db', 'verify').code, 0);
  assert.equal(JSON.parse(ax('find', 'alpha_3', '--json').out).results[0].path, 'm3.py');
});

test('an index that lacks only additive steps (injected, as a later ax would have one): readers use it as it is, a writer adds it without a backup, rollback drops it', { timeout: 60_000 }, async (t) => {
  const EXTRA: Migration = { version: NEXT, name: 'test-additive', additive: true, sql: 'CREATE INDEX test_symbols_kind ON symbols(kind);' };
  const LATER = [...MIGRATIONS, EXTRA];
  const root = mkdtempSync(path.join(tmpdir(), 'ax-add-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(path.join(root, 'a.py'), 'def alpha():\n    return beta()\n\ndef beta():\n    return 1\n');
  writeFileSync(path.join(root, 'b.c'), 'int gamma(void) { return 0; }\n');
  const ax = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: 'utf8' });
  assert.equal(ax('index', '-q').status, 0);
  const file = path.join(root, '.ax', 'index.db');
  const hasIndex = () => { const d = new Database(file, { readonly: true }); try { return d.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'test_symbols_kind'").pluck().get() === 1; } finally { d.close(); } };
  // A reader of the later ax reads this index as it is, without migrating.
  const reader = openDatabase(file, { readonly: true, migrations: LATER });
  try { assert.equal(reader.prepare('SELECT count(*) FROM symbols').pluck().get(), 3); } finally { reader.close(); }
  assert.equal(version(file), SCHEMA_VERSION, 'readers do not migrate');
  // Its writer applies the step by itself, with no backup (nothing it changes could need one).
  openDatabase(file, { migrations: LATER }).close();
  assert.equal(version(file), NEXT);
  assert.ok(hasIndex());
  assert.equal(existsSync(path.join(root, '.ax', 'backups')), false);
  assert.equal(dbVerify({ root, migrations: LATER }).ok, true);
  // Rollback of an additive step: its indexes dropped, no backup needed.
  const rb = await dbRollback({ root, migrations: LATER });
  assert.deepEqual([rb.from, rb.to, rb.backup], [NEXT, SCHEMA_VERSION, null]);
  assert.equal(version(file), SCHEMA_VERSION);
  assert.ok(!hasIndex());
  assert.equal(JSON.parse(ax('def', 'beta', '--json').stdout).results[0].path, 'a.py');
  // A non-additive pending step: that reader refuses.
  const LATEST = [...MIGRATIONS, { ...EXTRA, additive: false }];
  assert.throws(() => openDatabase(file, { readonly: true, migrations: LATEST }), (e: unknown) => e instanceof AxError && e.code === 'E_INDEX_OLDER');
});

test('an additive migration only creates indexes, and rollback knows their names', () => {
  for (const m of MIGRATIONS.filter((x) => x.additive)) {
    const statements = m.sql.split(';').map((x) => x.trim()).filter(Boolean);
    assert.ok(statements.every((x) => /^CREATE INDEX /i.test(x)), `v${m.version}: ${m.sql}`);
    assert.ok(!m.data && !m.sqlAfter, `v${m.version} has no data step`);
    assert.equal(additiveIndexNames(m).length, statements.length);
  }
  assert.deepEqual(additiveIndexNames(MIGRATIONS[3]!), ['files_summary']);
  assert.deepEqual(additiveIndexNames({ version: 9, name: 'x', sql: 'CREATE INDEX IF NOT EXISTS "a_b" ON t(x);\ncreate index c ON t(y);' }), ['a_b', 'c']);
});

test('rollback picks the previous version numerically, and its newest backup', () => {
  const b = (v: number, stamp: string) => `/r/.ax/backups/index.v${v}.pre-migrate.${stamp}.db`;
  const files = [b(9, '2026-01-02T00-00-00-000Z'), b(10, '2026-01-01T00-00-00-000Z'), b(10, '2026-01-03T00-00-00-000Z'), b(11, '2026-01-04T00-00-00-000Z'),
    '/r/.ax/backups/index.2026-01-05T00-00-00-000Z.db'];
  assert.deepEqual(rollbackCandidates(files, 11).map((c) => c.f), [b(10, '2026-01-03T00-00-00-000Z'), b(10, '2026-01-01T00-00-00-000Z'), b(9, '2026-01-02T00-00-00-000Z')]);
  assert.deepEqual(rollbackCandidates(files, 9), []);
});
