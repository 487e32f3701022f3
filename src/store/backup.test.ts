// Online backup while another process keeps committing (`ax watch` saving edits): the copy must finish
// and be a consistent snapshot. One page per backup step (each taking a few ms) makes every step a chance for a
// commit to land in between, which restarted SQLite's backup from page 1 forever before the copy held one read
// transaction throughout.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase } from './db.js';
import { backupTo, checkBackupFile } from './maintenance.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ax.cjs');
const SQLITE = createRequire(import.meta.url).resolve('better-sqlite3');

test('backup finishes and is consistent while another process commits every few ms', { timeout: 120_000 }, async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-backup-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (let i = 0; i < 60; i++) {
    mkdirSync(path.join(root, `p${i % 4}`), { recursive: true });
    writeFileSync(path.join(root, `p${i % 4}`, `m${i}.py`), Array.from({ length: 30 }, (_, f) => `def fn_${i}_${f}(x):\n    return helper_${f}(x)\n`).join('\n'));
  }
  assert.equal(spawnSync(process.execPath, [BIN, 'index', '-q'], { cwd: root }).status, 0);
  const file = path.join(root, '.ax', 'index.db');
  // The writer: a commit every 2 ms, each one changing a page (a meta row and a whole file's symbols).
  const writer = spawn(process.execPath, ['-e', `
    const D = require(${JSON.stringify(SQLITE)}); const db = new D(${JSON.stringify(file)}); db.pragma('busy_timeout = 10000');
    const up = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('backup-test', ?)");
    const sym = db.prepare('UPDATE symbols SET line = line WHERE file_id = ?');
    let n = 0; process.stdout.write('ready\\n');
    setInterval(() => { db.transaction(() => { up.run(String(++n)); sym.run(1 + (n % 60)); })(); }, 2);`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((r) => writer.on('exit', r));
  t.after(() => { writer.kill('SIGKILL'); return exited; });
  await new Promise((r) => writer.stdout.once('data', r));

  const db = openDatabase(file, { readonly: true });
  t.after(() => db.close());
  const dest = path.join(root, 'copy.db');
  let steps = 0;
  // Each step also waits 2 ms (as copying 4096 pages of a large index does), so commits land between steps.
  const done = backupTo(db, dest, { pagesPerStep: 1, onProgress: () => { steps++; const e = Date.now() + 2; while (Date.now() < e) { /* spin */ } } });
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`backup did not finish in 60 s (${steps} steps)`)), 60_000).unref());
  const r = await Promise.race([done, timeout]) as Awaited<typeof done>;
  assert.ok(r.pages > 20, `a multi-page index (${r.pages} pages)`);
  assert.ok(steps >= r.pages, 'one page per step');
  assert.equal(db.inTransaction, false, 'the read transaction is closed afterwards');
  const check = checkBackupFile(dest);
  assert.deepEqual(check.problems, []);
  assert.equal(check.ok, true);
});
