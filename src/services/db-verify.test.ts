// `ax db verify` finds each kind of damage it claims to: an FTS5 segment gone (the FTS5 integrity
// check), full-text rows without a chunk and chunks without full-text rows, rows pointing at missing
// files or symbols, a file's symbol count that disagrees with its rows, a dropped index, and files
// changed on disk (stale, not damage). Each case starts from a copy of one sound index.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { dbVerify } from './db.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ax.cjs');

test('verify names each kind of damage; a sound index passes', { timeout: 120_000 }, (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-verify-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (let i = 0; i < 20; i++) {
    mkdirSync(path.join(root, `d${i % 3}`), { recursive: true });
    writeFileSync(path.join(root, `d${i % 3}`, `m${i}.py`), `import os\n\nclass C${i}:\n    def run_${i}(self):\n        return helper_${i}(self)\n\n\ndef helper_${i}(x):\n    return os.sep\n`);
  }
  assert.equal(spawnSync(process.execPath, [BIN, 'index', '-q'], { cwd: root }).status, 0);
  const file = path.join(root, '.ax', 'index.db');
  const pristine = path.join(root, 'pristine.db');
  const d0 = new Database(file);
  d0.pragma('wal_checkpoint(TRUNCATE)');
  d0.close();
  copyFileSync(file, pristine);
  const sound = dbVerify({ root });
  assert.equal(sound.ok, true, JSON.stringify(sound));
  assert.equal(sound.filesChecked, 20);

  const cases: Array<[string, string, (r: ReturnType<typeof dbVerify>) => boolean]> = [
    ['an FTS5 segment deleted', 'DELETE FROM fts_data WHERE id = (SELECT max(id) FROM fts_data WHERE id > 10 AND id < 9000000000000000)',
      (r) => r.fts !== 'ok' || r.integrity[0] !== 'ok'],
    ['a full-text row without chunk', "INSERT INTO fts(rowid, name, signature, doc, body, path, words) VALUES (999999, 'ghost', '', '', 'ghost', 'nowhere.py', 'ghost')",
      (r) => r.orphans['full-text rows without chunk'] === 1],
    ['a chunk without full-text row', 'DELETE FROM fts WHERE rowid = (SELECT min(id) FROM chunks)', (r) => r.orphans['chunks without full-text row'] === 1],
    ['a symbol without file', 'UPDATE symbols SET file_id = 424242 WHERE id = (SELECT min(id) FROM symbols)',
      (r) => r.orphans['symbols without file'] === 1 && r.orphans['files whose symbol count disagrees'] === 1],
    ['a call-site blob that does not decode', "UPDATE files SET calls_blob = x'02ffffff' WHERE id = (SELECT id FROM files WHERE calls_blob IS NOT NULL LIMIT 1)", (r) => r.orphans['call-site blobs that do not decode or name a missing caller'] === 1],
    ['a chunk pointing at a missing symbol', 'UPDATE chunks SET symbol_id = 888888 WHERE id = (SELECT min(id) FROM chunks WHERE symbol_id IS NOT NULL)',
      (r) => r.orphans['chunks with missing symbol'] === 1],
    ['a path both indexed and skipped', "INSERT INTO skipped(path, reason, detail) SELECT path, 'binary', 'x' FROM files LIMIT 1", (r) => r.orphans['paths both indexed and skipped'] === 1],
    ['a table dropped', 'DROP TABLE imports', (r) => r.schema.some((s) => /imports/.test(s))],
  ];
  for (const [what, sql, found] of cases) {
    copyFileSync(pristine, file);
    for (const ext of ['-wal', '-shm']) rmSync(file + ext, { force: true });
    const d = new Database(file);
    d.unsafeMode(true); // lifts SQLite's defensive mode: FTS5's shadow tables become writable
    try { d.exec(sql); } finally { d.close(); }
    const r = dbVerify({ root });
    assert.equal(r.ok, false, `${what}: verify passed`);
    assert.ok(found(r), `${what}: ${JSON.stringify({ integrity: r.integrity, fts: r.fts, orphans: r.orphans, schema: r.schema })}`);
    const cli = spawnSync(process.execPath, [BIN, 'db', 'verify'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(cli.status, 1, `${what}: ${cli.stdout}${cli.stderr}`);
    assert.match(cli.stdout + cli.stderr, /DAMAGED: restore a backup|ax: error: .*\n {2}hint: /, what);
    assert.doesNotMatch(cli.stderr, /\n\s+at |internal error/, what);
  }

  // Files changed since indexing are stale, not damage.
  copyFileSync(pristine, file);
  for (const ext of ['-wal', '-shm']) rmSync(file + ext, { force: true });
  writeFileSync(path.join(root, 'd0', 'm0.py'), 'x = 1\n');
  const stale = dbVerify({ root });
  assert.equal(stale.ok, true);
  assert.deepEqual(stale.stale, [{ path: 'd0/m0.py', state: 'modified' }]);
});
