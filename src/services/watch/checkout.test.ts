// A `git checkout` of another branch while `ax watch` runs: thousands of files rewritten, deleted and
// created at once (whole directories among them, an ignore file changing too). Once the watcher has
// settled, the store must hold exactly what a from-scratch `ax index` of the tree holds: compared
// table by table by content digest (maintenance-dump: files and refs blobs, symbols, calls, imports,
// chunks, every FTS5 term instance, skips), not by counts. Then back to the first branch, same check.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { defaultConfig } from '../../core/config.js';
import { runIndex } from '../../indexer/run.js';
import { openDatabase } from '../../store/db.js';
import { contentDigest, digestDiff, type ContentDigest } from '../../store/maintenance-dump.js';
import { dbPathFor } from '../root.js';
import { startWatch, type Watch, type WatchEvent } from './service.js';

const FILES = 2000;

function git(root: string, ...args: string[]): Promise<void> {
  // Asynchronous on purpose: the watcher in this process must keep reading events meanwhile.
  return new Promise((resolve, reject) => {
    const c = spawn('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args],
      { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`git ${args.join(' ')}: ${err}`))));
  });
}

const py = (i: number, v: string) => `import os\n\n\nclass Model${i}:\n    """Model ${i} ${v}."""\n\n    def save_${i}(self):\n        return store_${i}(self) + os.sep\n\n\ndef store_${i}(m):\n    return m  # ${v}\n`;
const put = (root: string, rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
};

const FILE_ROWS = 'SELECT path, size, mtime_ms, hash, symbols FROM files ORDER BY path';

/** A fresh index's digest, and its file rows (to name the differing files when digests differ). */
async function fresh(root: string): Promise<{ digest: ContentDigest; files: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-checkout-fresh-'));
  try {
    const db = openDatabase(path.join(dir, 'index.db'), { create: true });
    try {
      await runIndex({ root, db, config: defaultConfig() });
      return { digest: contentDigest(path.join(dir, 'index.db')), files: (db.prepare(FILE_ROWS).raw().all() as unknown[][]).map((r) => JSON.stringify(r)) };
    } finally { db.close(); }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function assertSame(root: string, want: { digest: ContentDigest; files: string[] }, what: string): void {
  const diff = digestDiff(contentDigest(dbPathFor(root)), want.digest);
  if (diff.length === 0) return;
  const db = openDatabase(dbPathFor(root), { readonly: true });
  let have: string[];
  try { have = (db.prepare(FILE_ROWS).raw().all() as unknown[][]).map((r) => JSON.stringify(r)); } finally { db.close(); }
  const a = new Set(have), b = new Set(want.files);
  assert.fail(`${what}: ${diff.join(', ')} differ from a fresh index\nwatch only: ${have.filter((x) => !b.has(x)).slice(0, 10).join('\n')}\nfresh only: ${want.files.filter((x) => !a.has(x)).slice(0, 10).join('\n')}`);
}

function nextUpdate(w: Watch, rel: string, op: '+' | '-'): Promise<void> {
  return new Promise<void>((resolve) => {
    const f = (e: WatchEvent) => { if (e.type === 'update' && e.path === rel && e.op === op) { w.off('event', f); resolve(); } };
    w.on('event', f);
  });
}

let sentinels = 0;
/**
 * Events arrive in order: once a file written after the burst is indexed and nothing is pending, the
 * burst is done. The sentinel is then deleted again (untracked, it would follow us across checkouts).
 */
async function settle(w: Watch, root: string): Promise<void> {
  const rel = `sentinel_${sentinels++}.py`;
  const added = nextUpdate(w, rel, '+');
  writeFileSync(path.join(root, rel), 'def sentinel():\n    pass\n');
  await added;
  await w.settled();
  const removed = nextUpdate(w, rel, '-');
  rmSync(path.join(root, rel));
  await removed;
  await w.settled();
}

test(`git checkout of ${FILES} files while watching ends equal to a fresh index, both ways`, { timeout: 600_000 }, async (t) => {
  let t0 = performance.now();
  const phase = (what: string) => { t.diagnostic(`${what}: ${Math.round(performance.now() - t0)} ms`); t0 = performance.now(); };
  const root = mkdtempSync(path.join(tmpdir(), 'ax-checkout-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  await git(root, 'init', '-q', '-b', 'main');
  for (let i = 0; i < FILES; i++) put(root, `app${i % 10}/mod${i % 7}/m${i}.py`, py(i, 'main'));
  put(root, '.gitignore', 'generated/\n');
  put(root, 'generated/keep.py', py(-1, 'ignored')); // ignored on main, so untracked: survives checkouts
  await git(root, 'add', '-A');
  await git(root, 'commit', '-qm', 'main');
  // The other branch: 1/3 rewritten, 1/10 deleted, a directory renamed, 600 new files in new
  // directories, the ignore rule dropped (generated/ becomes indexed), one file too large to index.
  await git(root, 'checkout', '-q', '-b', 'other');
  for (let i = 0; i < FILES; i++) {
    const rel = `app${i % 10}/mod${i % 7}/m${i}.py`;
    if (i % 10 === 3) rmSync(path.join(root, rel));
    else if (i % 3 === 0) put(root, rel, py(i, 'other') + `\ndef extra_${i}():\n    return ${i}\n`);
  }
  await git(root, 'mv', 'app5/mod2', 'app5/moved');
  for (let i = 0; i < 600; i++) put(root, `feature/f${i % 12}/n${i}.py`, py(10_000 + i, 'new'));
  put(root, '.gitignore', '');
  put(root, 'app0/big.py', 'x = 1\n'.repeat(300_000));
  await git(root, 'add', '-A');
  await git(root, 'commit', '-qm', 'other');
  await git(root, 'checkout', '-q', 'main');
  phase('two branches committed');
  const onMain = await fresh(root);
  phase('fresh index');

  const w = await startWatch({ dir: root, summaryEveryMs: 0 });
  phase('watch start');
  t.after(() => w.close());
  let updates = 0, reconciles = 0;
  w.on('event', (e) => { if (e.type === 'update') updates++; if (e.type === 'reconcile') reconciles++; });
  assertSame(root, onMain, 'after start-up');

  await git(root, 'checkout', '-q', 'other');
  await settle(w, root);
  phase('checkout other, settled');
  const onOther = await fresh(root);
  assertSame(root, onOther, 'after checking out the other branch');
  assert.ok(onOther.digest.sections.files!.rows > FILES, 'the other branch has more files');
  t.diagnostic(`main -> other: ${updates} updates, ${reconciles} reconciles, ${w.dirs} watched directories`);

  updates = 0;
  await git(root, 'checkout', '-q', 'main');
  await settle(w, root);
  // Compared with a fresh index of the tree as it is now: git rewrote files, so their mtimes are new.
  assertSame(root, await fresh(root), 'after checking out main again');
  t.diagnostic(`other -> main: ${updates} updates, ${reconciles} reconciles`);
});
