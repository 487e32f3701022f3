// An index that never lies: damaged files are refused on open with a clear error and a fix (never a
// stack trace), `ax db restore` checks a backup before using it, readers work while `ax index` writes,
// a second writer is refused, and a full disk or read-only directory stops a run cleanly with the
// previous index intact. End-to-end through bin/ax.cjs.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import Database from 'better-sqlite3';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ax.cjs');

function ax(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tree(files: number): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-rel-'));
  for (let i = 0; i < files; i++) {
    const dir = path.join(root, `p${i % 5}`);
    mkdirSync(dir, { recursive: true });
    const body = Array.from({ length: 20 }, (_, f) => `def handler_${i}_${f}(request):\n    """Handle request ${f}."""\n    return dispatch_${f}(request)\n`).join('\n');
    writeFileSync(path.join(dir, `m${i}.py`), `import os\n\n${body}`);
  }
  return root;
}

/** A command failed the way a user should see: AxError text with a hint (or the --json error), no stack, no SQLite code. */
function cleanFailure(r: { code: number | null; out: string; err: string }, code: string, what: string, exit = 1): void {
  assert.equal(r.code, exit, `${what}: exit ${r.code}\n${r.out}${r.err}`);
  assert.doesNotMatch(r.out + r.err, /internal error|\n\s+at |SQLITE_BUSY/, `${what}: ${r.out}${r.err}`);
  let j: { error?: { code: string; hint?: string } } | undefined;
  try { j = JSON.parse(r.out) as typeof j; } catch { j = undefined; }
  if (j?.error) {
    assert.equal(j.error.code, code, what);
    assert.ok(j.error.hint, `${what}: no hint`);
  } else {
    assert.match(r.err, /^ax: error: .+\n {2}hint: /m, `${what}: ${r.err}`);
  }
}

test('damaged index files are refused on open with a clear error; restore checks a backup first', { timeout: 180_000 }, (t) => {
  const root = tree(40);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  assert.equal(ax(['index', '-q'], root).code, 0);
  const db = path.join(root, '.ax', 'index.db');
  const backup = path.join(root, 'good-backup.db');
  const b = ax(['db', 'backup', backup, '--json'], root);
  assert.equal(b.code, 0, b.err);
  assert.equal(JSON.parse(b.out).file, backup);
  const pristine = readFileSync(db);
  const size = pristine.length;
  const damage: Array<[string, () => void, string]> = [
    ['truncated mid-page', () => truncateSync(db, Math.floor(size / 2) + 100), 'E_INDEX_CORRUPT'],
    ['truncated at a page boundary', () => truncateSync(db, 4096 * Math.floor(size / 8192)), 'E_INDEX_CORRUPT'],
    ['0 bytes', () => truncateSync(db, 0), 'E_INDEX_CORRUPT'],
    ['not SQLite', () => writeFileSync(db, 'this is not a database\n'.repeat(500)), 'E_INDEX_CORRUPT'],
    ['header overwritten', () => { const fd = openSync(db, 'r+'); writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0); closeSync(fd); }, 'E_INDEX_CORRUPT'],
    ['newer schema version', () => { const d = new Database(db); d.pragma('user_version = 99'); d.close(); }, 'E_INDEX_NEWER'],
    ['schema version 0 with tables', () => { const d = new Database(db); d.pragma('user_version = 0'); d.close(); }, 'E_INDEX_CORRUPT'],
    ['a table dropped', () => { const d = new Database(db); d.exec('DROP TABLE imports'); d.close(); }, 'E_INDEX_CORRUPT'],
    ['edited migration', () => { const d = new Database(db); d.exec("UPDATE migrations SET checksum = 'deadbeef' WHERE version = 1"); d.close(); }, 'E_MIGRATION'],
  ];
  for (const [what, harm, code] of damage) {
    writeFileSync(db, pristine);
    for (const ext of ['-wal', '-shm']) rmSync(db + ext, { force: true });
    harm();
    cleanFailure(ax(['status'], root), code, `${what}: status`);
    cleanFailure(ax(['find', 'handler', '--json'], root), code, `${what}: find`);
    if (code !== 'E_INDEX_CORRUPT' || what === 'not SQLite') cleanFailure(ax(['index', '-q'], root), code, `${what}: index`);
  }
  // Random pages overwritten: queries answer or fail cleanly, and verify finds the damage.
  writeFileSync(db, pristine);
  const pages = size / 4096;
  const fd = openSync(db, 'r+');
  let seed = 12345;
  const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
  for (let i = 0; i < 8; i++) {
    const junk = Buffer.alloc(4096);
    for (let k = 0; k < junk.length; k++) junk[k] = Math.floor(rnd() * 256);
    writeSync(fd, junk, 0, 4096, 4096 * (1 + Math.floor(rnd() * (pages - 1))));
  }
  closeSync(fd);
  for (const q of ['handler', 'request', 'dispatch', 'os']) {
    const r = ax(['find', q], root);
    assert.doesNotMatch(r.err, /internal error|\n\s+at /, r.err);
    if (r.code !== 0) cleanFailure(r, 'E_INDEX_CORRUPT', `find ${q} on damaged pages`);
  }
  const v = ax(['db', 'verify', '--json'], root);
  assert.equal(v.code, 1, v.out + v.err);
  assert.equal(JSON.parse(v.out).ok === true, false);
  // A damaged backup is refused and the index left alone; a good one is checked and restored.
  const badBackup = path.join(root, 'bad-backup.db');
  copyFileSync(db, badBackup);
  const refused = ax(['db', 'restore', badBackup], root);
  cleanFailure(refused, 'E_INDEX_CORRUPT', 'restore of a damaged backup');
  assert.match(refused.err, /refusing to restore/);
  const restored = ax(['db', 'restore', backup, '--json'], root);
  assert.equal(restored.code, 0, restored.out + restored.err);
  assert.equal(JSON.parse(restored.out).check.ok, true);
  assert.equal(ax(['db', 'verify'], root).code, 0);
  const f = ax(['find', 'handler_3_4', '--json'], root);
  assert.equal(f.code, 0, f.err);
  assert.equal(JSON.parse(f.out).results[0].path, 'p3/m3.py');
  // Restore also works when the live file is beyond opening (not SQLite at all).
  writeFileSync(db, 'garbage');
  rmSync(db + '-wal', { force: true }); rmSync(db + '-shm', { force: true });
  assert.equal(ax(['db', 'restore', backup], root).code, 0);
  assert.equal(ax(['status'], root).code, 0);
});

test('ax db status/verify/backup/vacuum/migrate --json', { timeout: 120_000 }, (t) => {
  const root = tree(10);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  assert.equal(ax(['index', '-q'], root).code, 0);
  const s = JSON.parse(ax(['db', 'status', '--json'], root).out);
  const latest = s.migrations.length;
  assert.ok(latest >= 1);
  assert.equal(s.schemaVersion, latest);
  assert.equal(s.migrations[0].state, 'ok');
  assert.match(s.migrations[0].checksum, /^[0-9a-f]{64}$/);
  assert.equal(s.rows.files, 10);
  assert.equal(s.rows.calls, 200, 'call sites counted from the per-file blobs');
  assert.deepEqual(s.problems, []);
  const v = JSON.parse(ax(['db', 'verify', '--json'], root).out);
  assert.equal(v.ok, true);
  assert.equal(v.filesChecked, 10);
  assert.deepEqual(v.stale, []);
  writeFileSync(path.join(root, 'p1', 'm1.py'), 'def changed():\n    pass\n');
  rmSync(path.join(root, 'p2', 'm2.py'));
  const v2 = ax(['db', 'verify', '--json'], root);
  assert.equal(v2.code, 0, 'stale files are reported, not damage');
  assert.deepEqual(JSON.parse(v2.out).stale, [{ path: 'p1/m1.py', state: 'modified' }, { path: 'p2/m2.py', state: 'missing' }]);
  assert.equal(JSON.parse(ax(['db', 'status', '--json'], root).out).lastVerify.stale, 2);
  const m = JSON.parse(ax(['db', 'migrate', '--dry-run', '--json'], root).out);
  assert.deepEqual([m.from, m.to, m.steps.length, m.applied], [latest, latest, 0, false]);
  const vac = ax(['db', 'vacuum', '--json'], root);
  assert.equal(vac.code, 0, vac.err);
  // No backup, and the last step (v5) is not additive: a clear refusal (additive steps: db-reliability.test.ts).
  const rb = ax(['db', 'rollback'], root);
  cleanFailure(rb, 'E_MIGRATION', 'rollback without a pre-migration backup');
  cleanFailure(ax(['db', 'frobnicate'], root), 'E_USAGE', 'unknown action', 2);
});

test('readers (and ax db backup) work while `ax index` writes; a second writer is refused clearly; no SQLITE_BUSY', { timeout: 180_000 }, async (t) => {
  const root = tree(150);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  assert.equal(ax(['index', '-q'], root).code, 0);
  // Change every file so the next run rewrites the whole index, slowly (one worker, small batches).
  for (let i = 0; i < 150; i++) writeFileSync(path.join(root, `p${i % 5}`, `m${i}.py`), `def renamed_${i}(x):\n    return handler_${i}(x)\n`.repeat(60));
  const env = { ...process.env, NO_COLOR: '1', AX_WORKERS: '1', AX_BATCH_FILES: '2' };
  const writer = spawn(process.execPath, [BIN, 'index', '-q'], { cwd: root, env, stdio: 'ignore' });
  const done = new Promise<number | null>((res) => writer.on('exit', (c) => res(c)));
  let finished = false;
  void done.then(() => { finished = true; });
  // Wait until the writer holds its lock (start-up takes a while on a loaded machine), not a fixed delay.
  const lock = path.join(root, '.ax', 'writer.lock');
  const deadline = Date.now() + 30_000;
  while (!finished && !existsSync(lock) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 5));
  assert.ok(existsSync(lock) && !finished, 'the writer took its lock and is still running');
  let reads = 0, refusals = 0;
  const tick = () => new Promise((res) => setImmediate(res));
  // The writer is still running (one worker, 150 files of 2-file batches): a second one is refused.
  const second = ax(['index', '-q'], root);
  cleanFailure(second, 'E_INDEX_LOCKED', 'second writer');
  assert.match(second.err, /being written by `ax index` \(pid \d+\)/);
  refusals++;
  await tick();
  while (!finished && reads < 30) {
    for (const args of [['status', '--json'], ['find', 'handler', '--json'], ['db', 'status', '--json'], ['db', 'backup', path.join(root, `during-${reads}.db`), '--json']]) {
      const r = ax(args, root);
      assert.doesNotMatch(r.out + r.err, /SQLITE_BUSY|internal error/);
      assert.equal(r.code, 0, `${args.join(' ')} during a write: ${r.out}${r.err}`);
      reads++;
    }
    await tick();
  }
  assert.equal(await done, 0);
  assert.ok(reads >= 4);
  // A backup taken mid-write is a consistent snapshot: restore accepts it (it checks the file first).
  const restored = ax(['db', 'restore', path.join(root, 'during-0.db'), '--json'], root);
  assert.equal(restored.code, 0, restored.out + restored.err);
  assert.equal(JSON.parse(restored.out).check.ok, true);
  assert.equal(ax(['index', '-q'], root).code, 0);
  t.diagnostic(`${reads} reads during the write, ${refusals} second writers refused`);
  assert.equal(JSON.parse(ax(['find', 'renamed_7', '--json'], root).out).results[0].path, 'p2/m7.py');
});

const canUnshare = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt 2>/dev/null || mount -t tmpfs -o size=1m tmpfs "$TMPDIR" && echo ok'],
  { encoding: 'utf8', env: { ...process.env, TMPDIR: tmpdir() } }).stdout?.includes('ok') === true;

test('disk full and read-only directory (ax index and ax watch): clear error, previous index intact and usable', { timeout: 180_000, skip: canUnshare ? false : 'needs unshare -rm (user + mount namespaces) to make a small tmpfs and a read-only bind mount' }, (t) => {
  const root = tree(60);
  const mnt = mkdtempSync(path.join(tmpdir(), 'ax-full-'));
  const outs = path.join(mkdtempSync(path.join(tmpdir(), 'ax-full-out-')), 'out'); // outside the small tmpfs
  t.after(() => { for (const d of [root, mnt, path.dirname(outs)]) rmSync(d, { recursive: true, force: true }); });
  const node = JSON.stringify(process.execPath), bin = JSON.stringify(BIN);
  // Everything runs inside one user+mount namespace: a 6 MB tmpfs, then a read-only bind mount.
  const script = `
    set -u; M=${JSON.stringify(mnt)}; O=${JSON.stringify(outs)}; AX="${node.slice(1, -1)} ${bin.slice(1, -1)}"
    mount -t tmpfs -o size=6m tmpfs "$M" || exit 99
    cp -r ${JSON.stringify(root)} "$M/t" && cd "$M/t"
    $AX index -q; echo "first=$?"
    for i in $(seq 0 59); do printf 'def grown_%s_%s():\\n    return 1\\n' $i $(seq -s _ 1 300) >> p$((i % 5))/m$i.py; done
    avail=$(df -k --output=avail "$M" | tail -1); dd if=/dev/zero of="$M/filler" bs=1k count=$((avail - 200)) 2>/dev/null
    $AX index -q 2>full.err; echo "full=$?"; cat full.err >&2
    $AX find handler_7_3 --json | grep -c '"path": "p2/m7.py"' | sed 's/^/found=/'
    $AX db verify >/dev/null; echo "verify=$?"
    rm "$M/filler"
    $AX index -q; echo "caughtup=$?"
    # ax watch running when the disk fills up: a fatal error event, exit 1, the index still answers.
    $AX watch --json > "$O.watch" 2>&1 & WP=$!
    i=0; until grep -q '"type":"watching"' "$O.watch" 2>/dev/null; do i=$((i+1)); [ $i -gt 600 ] && break; sleep 0.1; done
    avail=$(df -k --output=avail "$M" | tail -1); dd if=/dev/zero of="$M/filler" bs=1k count=$((avail - 100)) 2>/dev/null
    for i in $(seq 0 59); do printf 'def watched_%s_%s():\n    return 2\n' $i $(seq -s _ 1 100) >> p$((i % 5))/m$i.py 2>/dev/null; done
    wait $WP; echo "watch=$?"
    $AX find handler_7_3 --json | grep -c '"path": "p2/m7.py"' | sed 's/^/wfound=/'
    $AX db verify --no-hashes >/dev/null; echo "wverify=$?"
    rm "$M/filler"
    mount --bind "$M/t" "$M/t" && mount -o remount,bind,ro "$M/t"
    $AX index -q 2>/dev/null; echo "ro=$?"; $AX index -q
    $AX watch --json > "$O.rowatch"; echo "rowatch=$?"
    $AX find handler_7_3 --json | grep -c '"path": "p2/m7.py"' | sed 's/^/rofound=/'
  `;
  const r = spawnSync('unshare', ['-rm', 'sh', '-c', script], { encoding: 'utf8' });
  assert.match(r.stdout, /first=0/, r.stdout + r.stderr);
  assert.match(r.stdout, /full=1/, r.stdout + r.stderr);
  assert.match(r.stderr, /ax: error: .*disk is full\n {2}hint: /, r.stderr);
  assert.match(r.stdout, /found=1/, 'the previous index answers queries after the failed run');
  assert.match(r.stdout, /verify=0/, r.stdout + r.stderr);
  assert.match(r.stdout, /caughtup=0/, r.stdout + r.stderr);
  const events = readFileSync(outs + '.watch', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; code?: string; message?: string; hint?: string; fatal?: boolean });
  const fatal = events.find((e) => e.type === 'error');
  assert.ok(fatal && fatal.fatal && fatal.code === 'E_IO' && /disk is full/.test(fatal.message ?? '') && fatal.hint, JSON.stringify(events.slice(-3)));
  assert.match(r.stdout, /watch=1/, r.stdout + r.stderr);
  assert.match(r.stdout, /wfound=1/, 'the index answers after the watcher stopped on a full disk');
  assert.match(r.stdout, /wverify=0/, r.stdout + r.stderr);
  const ro = JSON.parse(readFileSync(outs + '.rowatch', 'utf8')) as { error: { code: string; message: string; hint: string } };
  assert.equal(ro.error.code, 'E_IO');
  assert.match(ro.error.message, /read-only file system/);
  assert.match(r.stdout, /rowatch=1/, r.stdout + r.stderr);
  assert.match(r.stdout, /ro=1/, r.stdout + r.stderr);
  assert.match(r.stderr, /ax: error: .*read-only file system\n {2}hint: /, r.stderr);
  assert.match(r.stdout, /rofound=1/, 'readers still answer from a read-only mount');
  assert.doesNotMatch(r.stderr, /internal error|SQLITE_/);
  assert.ok(existsSync(root) && statSync(root).isDirectory());
});
