import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isAxError } from '../../core/errors.js';
import { IgnoreRules } from '../../indexer/ignore.js';
import { runIndex } from '../../indexer/run.js';
import { walk } from '../../indexer/walk.js';
import { openDatabase, type DB } from '../../store/db.js';
import { loadConfig } from '../config.js';
import { dbPathFor } from '../root.js';
import { maxQueuedEvents } from './dirwatcher.js';
import { startWatch, type Watch, type WatchEvent } from './service.js';

const AX_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'ax.cjs');

function py(i: number, extra = ''): string {
  return `import os\nfrom sys import path as p${i}\n\n\nclass Thing${i}:\n    """Doc ${i}."""\n\n    def method_${i}(self, x):\n        return helper_${i}(x) + os.sep\n\n\ndef helper_${i}(y):\n    return y * ${i}\n${extra}`;
}
function c(i: number, extra = ''): string {
  return `#include <stdio.h>\n#define LIMIT_${i} ${i}\n\nstruct rec_${i} { int a; int b; };\n\nstatic int add_${i}(int a, int b) { return a + b; }\n\nint run_${i}(void) {\n  printf("%d", add_${i}(1, LIMIT_${i}));\n  return 0;\n}\n${extra}`;
}

function makeTree(n: number): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-watch-'));
  for (let i = 0; i < n; i++) {
    const dir = path.join(root, `pkg${i % 7}`, `sub${i % 3}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, i % 2 ? `m${i}.py` : `m${i}.c`), i % 2 ? py(i) : c(i));
  }
  writeFileSync(path.join(root, 'NOTES.txt'), 'not code\n');
  return root;
}

/** Store content as sorted text rows, independent of row ids: what a query can observe. */
function dump(db: DB): Record<string, string[]> {
  const rows = (sql: string) => (db.prepare(sql).raw().all() as unknown[][]).map((r) => JSON.stringify(r.map((v) => (v instanceof Buffer ? v.toString('hex') : v)))).sort();
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.ax_vocab USING fts5vocab(main, 'fts', 'instance')");
  return {
    files: rows('SELECT path, lang, size, mtime_ms, hash, lines, symbols, refs, parse_errors, refs_blob, calls_blob FROM files'),
    symbols: rows(`SELECT f.path, s.name, s.kind, s.line, s.col, s.end_line, s.end_col, s.name_line, s.name_col, s.container, s.signature, s.doc,
      p.name, p.line FROM symbols s JOIN files f ON f.id = s.file_id LEFT JOIN symbols p ON p.id = s.parent_id`),
    imports: rows('SELECT f.path, i.module, i.names, i.line FROM imports i JOIN files f ON f.id = i.file_id'),
    chunks: rows(`SELECT f.path, c.start_line, c.end_line, s.name, s.line FROM chunks c JOIN files f ON f.id = c.file_id
      LEFT JOIN symbols s ON s.id = c.symbol_id`),
    fts: rows(`SELECT f.path, c.start_line, v.term, v.col, v.offset FROM temp.ax_vocab v JOIN chunks c ON c.id = v.doc
      JOIN files f ON f.id = c.file_id`),
  };
}

async function freshDump(root: string): Promise<Record<string, string[]>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-watch-fresh-'));
  const db = openDatabase(path.join(dir, 'index.db'), { create: true });
  try {
    await runIndex({ root, db, config: loadConfig(root).config }); // what `ax index` would use
    return dump(db);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function storeDump(root: string): Record<string, string[]> {
  const db = openDatabase(dbPathFor(root), { readonly: true });
  try { return dump(db); } finally { db.close(); }
}

function waitFor(w: Watch, pred: (e: WatchEvent) => boolean, ms = 20_000): Promise<WatchEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { w.off('event', f); reject(new Error('timed out waiting for a watch event')); }, ms);
    const f = (e: WatchEvent) => { if (pred(e)) { clearTimeout(timer); w.off('event', f); resolve(e); } };
    w.on('event', f);
  });
}

let sentinels = 0;
/** Write a sentinel file last, wait until it is indexed (events arrive in order), then until idle. */
async function settle(w: Watch, root: string): Promise<void> {
  const rel = `zz_sentinel_${sentinels++}.py`;
  const seen = waitFor(w, (e) => e.type === 'update' && e.path === rel);
  writeFileSync(path.join(root, rel), 'def sentinel():\n    pass\n');
  await seen;
  await w.settled();
}

function compare(a: Record<string, string[]>, b: Record<string, string[]>): void {
  for (const k of Object.keys(b)) {
    assert.ok(b[k]!.length > 0 || k === 'imports', `fresh index has rows in ${k}`);
    assert.deepEqual(a[k], b[k], `table ${k} differs from a fresh index`);
  }
}

test('after a burst of changes the store equals a fresh index of the same tree', async (t) => {
  const root = makeTree(240);
  // inProcessMax 16: bursts take the worker-pool path, single edits the in-process one.
  const w = await startWatch({ dir: root, summaryEveryMs: 0, inProcessMax: 16 });
  t.after(async () => { await w.close(); rmSync(root, { recursive: true, force: true }); });
  const updates: WatchEvent[] = [];
  w.on('event', (e) => { if (e.type === 'update') updates.push(e); });

  // One edit: visible with its new symbol, reported as '~'.
  const one = path.join(root, 'pkg1', 'sub1', 'm1.py');
  const seen = waitFor(w, (e) => e.type === 'update' && e.path === 'pkg1/sub1/m1.py');
  writeFileSync(one, py(1, '\n\ndef brand_new_name():\n    pass\n'));
  const ev = await seen;
  assert.equal(ev.type === 'update' && ev.op, '~');
  assert.equal(ev.type === 'update' && ev.symbols, 4);

  // The burst: rewrite, append, touch, delete, create in new nested dirs, rename and delete directories,
  // an ignore file that hides a directory, a file that becomes too large, a non-code file.
  for (let i = 0; i < 240; i += 3) {
    const f = path.join(root, `pkg${i % 7}`, `sub${i % 3}`, i % 2 ? `m${i}.py` : `m${i}.c`);
    if (i % 9 === 0) { writeFileSync(f + '.tmp', i % 2 ? py(i, '# v2\n') : c(i, '// v2\n')); renameSync(f + '.tmp', f); }
    else if (i % 9 === 3) appendFileSync(f, i % 2 ? `\ndef appended_${i}():\n    return ${i}\n` : `\nint appended_${i};\n`);
    else utimesSync(f, new Date(), new Date(Date.now() + 5000));
  }
  for (let i = 1; i < 240; i += 23) rmSync(path.join(root, `pkg${i % 7}`, `sub${i % 3}`, i % 2 ? `m${i}.py` : `m${i}.c`));
  for (let i = 0; i < 40; i++) {
    const d = path.join(root, 'new', `deep${i % 4}`, 'er');
    mkdirSync(d, { recursive: true });
    writeFileSync(path.join(d, `n${i}.py`), py(1000 + i));
  }
  renameSync(path.join(root, 'pkg5', 'sub2', 'm5.py'), path.join(root, 'pkg5', 'sub2', 'm5_moved.py'));
  renameSync(path.join(root, 'pkg2'), path.join(root, 'pkg2_renamed'));
  appendFileSync(path.join(root, 'pkg2_renamed', 'sub0', 'm30.c'), '\nint after_rename;\n');
  rmSync(path.join(root, 'pkg3'), { recursive: true });
  writeFileSync(path.join(root, '.axignore'), 'pkg4/sub1/\n');
  writeFileSync(path.join(root, 'pkg5', 'sub0', 'big.py'), '# ' + 'x'.repeat(100) + '\n' + 'y = 1\n'.repeat(200_000));
  writeFileSync(path.join(root, 'notes.txt'), 'hello\n');
  await settle(w, root);

  compare(storeDump(root), await freshDump(root));
  assert.ok(updates.some((e) => e.type === 'update' && e.op === '+' && e.path === 'new/deep0/er/n0.py'), 'files under mkdir -p are added');
  assert.ok(updates.some((e) => e.type === 'update' && e.op === '+' && e.path.startsWith('pkg2_renamed/')), 'renamed directory contents are added');
  assert.ok(updates.some((e) => e.type === 'update' && e.op === '-' && e.path.startsWith('pkg4/sub1/')), 'newly ignored files are removed');

  // Undo the ignore rule: the directory's files come back.
  rmSync(path.join(root, '.axignore'));
  await settle(w, root);
  compare(storeDump(root), await freshDump(root));
  assert.ok(storeDump(root).files!.some((r) => r.includes('"pkg4/sub1/')));
});

test('start-up reconciles changes made while not watching; a second watcher is refused', async (t) => {
  const root = makeTree(20);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const w1 = await startWatch({ dir: root, summaryEveryMs: 0 });
  const first = w1.info;
  assert.equal(first.type === 'watching' && first.reconciled.added, 20);
  await assert.rejects(startWatch({ dir: root }), (e) => isAxError(e) && e.code === 'E_INDEX_LOCKED' && /already being watched/.test(e.message));
  await w1.close();

  // Another process: `ax watch` holds the lock until it exits; this process is refused meanwhile.
  const child = spawn(process.execPath, [AX_BIN, 'watch', root, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((r) => child.on('exit', r));
  t.after(() => { child.kill(); return exited; });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('ax watch did not start')), 30_000);
    let buf = '';
    child.stdout.on('data', (d: Buffer) => { buf += d.toString(); if (buf.includes('"type":"watching"')) { clearTimeout(timer); resolve(); } });
  });
  await assert.rejects(startWatch({ dir: root }), (e) => isAxError(e) && e.code === 'E_INDEX_LOCKED' && /`ax watch` \(pid \d+\)/.test(e.message));
  // The CLI prints one JSON object per update.
  const line = new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no update line from ax watch')), 30_000);
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const hit = buf.split('\n').find((l) => l.includes('"path":"cli_added.py"'));
      if (hit) { clearTimeout(timer); resolve(JSON.parse(hit) as Record<string, unknown>); }
    });
  });
  writeFileSync(path.join(root, 'cli_added.py'), py(9));
  const u = await line;
  assert.deepEqual({ type: u.type, op: u.op, lang: u.lang, symbols: u.symbols }, { type: 'update', op: '+', lang: 'python', symbols: 3 });
  child.kill('SIGINT');
  assert.equal(await exited, 0, 'Ctrl-C stops ax watch cleanly');

  writeFileSync(path.join(root, 'pkg0', 'sub0', 'm0.c'), c(0, 'int offline_edit;\n'));
  rmSync(path.join(root, 'pkg1', 'sub1', 'm1.py'));
  writeFileSync(path.join(root, 'offline.py'), py(77));
  const w2 = await startWatch({ dir: root, summaryEveryMs: 0 });
  t.after(() => w2.close());
  const info = w2.info;
  assert.ok(info.type === 'watching');
  assert.deepEqual({ ...info.reconciled, ms: 0 }, { added: 1, updated: 1, removed: 1, unchanged: 19, ms: 0 });
  assert.equal(info.files, 21); // 20 + cli_added.py
  compare(storeDump(root), await freshDump(root));
});

test('readers are not blocked while the watcher writes', async (t) => {
  const root = makeTree(10);
  const w = await startWatch({ dir: root, summaryEveryMs: 0 });
  t.after(async () => { await w.close(); rmSync(root, { recursive: true, force: true }); });
  const reader = openDatabase(dbPathFor(root), { readonly: true });
  t.after(() => reader.close());
  reader.exec('BEGIN');
  const before = (reader.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
  const seen = waitFor(w, (e) => e.type === 'update' && e.path === 'added.py');
  writeFileSync(path.join(root, 'added.py'), py(5));
  await seen; // the writer committed while a read transaction was open
  assert.equal((reader.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n, before, 'the reader keeps its snapshot');
  reader.exec('COMMIT');
  assert.equal((reader.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n, before + 1);
});

test('a stopped watcher leaves no WAL behind, even while a reader still has the index open', async (t) => {
  const root = makeTree(10);
  const w = await startWatch({ dir: root, summaryEveryMs: 0 });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const reader = openDatabase(dbPathFor(root), { readonly: true }); // as a watcher's kept readers are
  t.after(() => reader.close());
  const seen = waitFor(w, (e) => e.type === 'update' && e.path === 'added.py');
  writeFileSync(path.join(root, 'added.py'), py(5));
  await seen;
  const wal = `${dbPathFor(root)}-wal`;
  assert.ok(statSync(wal).size > 0, 'the edit was committed to the WAL');
  await w.close();
  assert.equal(statSync(wal, { throwIfNoEntry: false })?.size ?? 0, 0, 'the WAL was checkpointed and truncated');
  assert.equal((reader.prepare("SELECT count(*) AS n FROM files WHERE path = 'added.py'").get() as { n: number }).n, 1, 'the edit is in the index');
});

test('the inotify limit (ENOSPC) is a clear error with the fix, and releases the lock', async (t) => {
  const root = makeTree(3);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const watchFn = () => { throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' }); };
  await assert.rejects(startWatch({ dir: root, watchFn }), (e) => isAxError(e) && /inotify/.test(e.message) && /max_user_watches/.test(e.hint ?? ''));
  const w = await startWatch({ dir: root, summaryEveryMs: 0 });
  await w.close();
});

test('IgnoreRules.check agrees with walk for every path', (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-ignore-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const files: Record<string, string> = {
    '.git/HEAD': '', '.gitignore': '*.log\nbuild/\n', 'a.py': '', 'debug.log': '', 'build/out.py': '',
    'sub/.gitignore': '!keep.log\n*.tmp.py\n', 'sub/keep.log': '', 'sub/x.tmp.py': '', 'sub/y.py': '',
    'node_modules/m/index.js': '', 'gen/.axignore': '*\n!*.c\n', 'gen/a.c': '', 'gen/b.py': '', 'vendor/v.py': '',
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  const walked = new Set(walk(root, ['vendor/']).files.map((f) => f.rel));
  const rules = new IgnoreRules(root, ['vendor/']);
  for (const rel of Object.keys(files)) assert.equal(rules.check(rel, false) === undefined, walked.has(rel), rel);
  assert.equal(readFileSync(path.join(root, 'a.py'), 'utf8'), '');
});

test('a flood beyond maxPending becomes one full reconcile; events are also an async iterator', async (t) => {
  const root = makeTree(30);
  const w = await startWatch({ dir: root, summaryEveryMs: 0, maxPending: 5 });
  t.after(async () => { await w.close(); rmSync(root, { recursive: true, force: true }); });
  const reconciled = waitFor(w, (e) => e.type === 'reconcile');
  for (let i = 0; i < 30; i += 2) writeFileSync(path.join(root, `pkg${i % 7}`, `sub${i % 3}`, `m${i}.c`), c(i, `int flood_${i};\n`));
  for (let i = 0; i < 10; i++) writeFileSync(path.join(root, `flood${i}.py`), py(i));
  const r = await reconciled;
  assert.ok(r.type === 'reconcile' && r.added + r.updated > 0);
  await settle(w, root);
  compare(storeDump(root), await freshDump(root));

  const it = w[Symbol.asyncIterator]();
  writeFileSync(path.join(root, 'iterated.py'), py(3));
  for (;;) {
    const { value } = await it.next();
    if (value.type === 'update' && value.path === 'iterated.py') break;
  }
});

const QUEUE = maxQueuedEvents();

test('a full kernel event queue (events lost) is answered by a full reconcile', { skip: QUEUE > 65_536 ? `fs.inotify.max_queued_events is ${QUEUE}: too many events to generate here` : false }, async (t) => {
  const root = makeTree(30);
  const w = await startWatch({ dir: root, summaryEveryMs: 0 });
  t.after(async () => { await w.close(); rmSync(root, { recursive: true, force: true }); });
  const reconciled = waitFor(w, (e) => e.type === 'reconcile', 60_000);
  // spawnSync blocks this process's event loop, as a long parse or commit in the watcher would: the
  // kernel queues events until it is full and drops the rest, the edits made last among them.
  const junk = Math.ceil(QUEUE / 3) + 2000; // create + modify + delete each
  const r = spawnSync(process.execPath, ['-e', `
    const fs = require('fs'), p = require('path'), d = ${JSON.stringify(path.join(root, 'pkg0', 'sub0'))};
    for (let i = 0; i < ${junk}; i++) { const f = p.join(d, 'junk' + i + '.txt'); fs.writeFileSync(f, 'x'); fs.unlinkSync(f); }
    fs.appendFileSync(p.join(d, 'm0.c'), '\\nint after_overflow;\\n');
    fs.writeFileSync(${JSON.stringify(path.join(root, 'late.py'))}, 'def late_arrival():\\n    pass\\n');`]);
  assert.equal(r.status, 0, String(r.stderr));
  const e = await reconciled;
  assert.ok(e.type === 'reconcile' && /max_queued_events/.test(e.reason), JSON.stringify(e));
  assert.ok(e.type === 'reconcile' && e.added === 1 && e.updated === 1, `the lost edits are found: ${JSON.stringify(e)}`);
  await settle(w, root);
  compare(storeDump(root), await freshDump(root));
});

test('a changed ax.config.json or .ax/config.json (exclude, limits) re-scans with the new settings; an invalid one is reported', async (t) => {
  const root = makeTree(30);
  const w = await startWatch({ dir: root, summaryEveryMs: 0 });
  t.after(async () => { await w.close(); rmSync(root, { recursive: true, force: true }); });
  let reconciled = waitFor(w, (e) => e.type === 'reconcile');
  writeFileSync(path.join(root, 'ax.config.json'), JSON.stringify({ exclude: ['pkg1/'] }));
  let e = await reconciled;
  assert.ok(e.type === 'reconcile' && /configuration changed/.test(e.reason) && e.removed > 0, JSON.stringify(e));
  await settle(w, root);
  compare(storeDump(root), await freshDump(root));
  assert.ok(!storeDump(root).files!.some((r) => r.includes('"pkg1/')), 'excluded files left the index');

  // A broken file: reported, not fatal; the settings in force stay.
  const bad = waitFor(w, (x) => x.type === 'error');
  writeFileSync(path.join(root, 'ax.config.json'), '{ not json');
  e = await bad;
  assert.ok(e.type === 'error' && !e.fatal && e.code === 'E_CONFIG' && /previous settings/.test(e.message), JSON.stringify(e));
  writeFileSync(path.join(root, 'ax.config.json'), JSON.stringify({ exclude: ['pkg1/'] }));

  // .ax/config.json (not part of the watched tree) counts as well.
  reconciled = waitFor(w, (x) => x.type === 'reconcile');
  writeFileSync(path.join(root, '.ax', 'config.json'), JSON.stringify({ exclude: ['pkg1/', 'pkg2/'] }));
  e = await reconciled;
  assert.ok(e.type === 'reconcile' && e.removed > 0, JSON.stringify(e));
  await settle(w, root);
  compare(storeDump(root), await freshDump(root));
});
