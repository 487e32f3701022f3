// Ctrl-C during `ax index`: the run stops after the current batch, says so, exits 130, and the index
// holds every committed batch; the next run completes it.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import Database from 'better-sqlite3';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ax.cjs');

test('SIGINT stops after a batch; the index stays consistent and resumable', { timeout: 240_000 }, async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-int-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const N = 4000;
  for (let d = 0; d < 40; d++) {
    mkdirSync(path.join(root, `p${d}`));
    for (let i = 0; i < N / 40; i++) writeFileSync(path.join(root, `p${d}`, `m${i}.py`), `def f_${d}_${i}(x):\n    return g(x) + ${i}\n`);
  }
  const child = spawn(process.execPath, [BIN, 'index', '.', '--json'], { cwd: root, env: { ...process.env, AX_BATCH_FILES: '50' } });
  let out = '';
  child.stdout.on('data', (b) => { out += b; });
  const dbFile = path.join(root, '.ax', 'index.db');
  // Wait until at least one batch is committed, then interrupt.
  const deadline = Date.now() + 120_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 50));
    if (existsSync(dbFile)) {
      try {
        const db = new Database(dbFile, { readonly: true, fileMustExist: true });
        const n = (db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
        db.close();
        if (n > 0) break;
      } catch { /* not created yet */ }
    }
    assert.ok(Date.now() < deadline, 'indexing started');
  }
  child.kill('SIGINT');
  const code = await new Promise<number | null>((r) => child.on('close', r));
  const summary = JSON.parse(out);
  if (summary.files === N) { t.diagnostic('run finished before the signal landed; nothing to check'); return; }
  assert.equal(code, 130);
  assert.equal(summary.interrupted, true);
  assert.ok(summary.files > 0 && summary.files < N, `partial: ${summary.files}`);

  const status = spawnSync(process.execPath, [BIN, 'status', '--json'], { cwd: root, encoding: 'utf8' });
  assert.equal(status.status, 0, status.stderr);
  assert.equal(JSON.parse(status.stdout).files, summary.files, 'status sees exactly the committed files');

  const resume = spawnSync(process.execPath, [BIN, 'index', '.', '--json'], { cwd: root, encoding: 'utf8' });
  assert.equal(resume.status, 0, resume.stderr);
  const r = JSON.parse(resume.stdout);
  assert.equal(r.files, N);
  assert.equal(r.unchanged, summary.files, 'committed files are not parsed again');
});
