// Hostile and broken input: a generated adversarial tree. ax must finish, report every skip with its
// reason, and index the rest correctly. Unreadable files and directories need a user that mode bits
// stop: as root, that test runs ax as uid 65534; cases that cannot be produced at all are reported as
// skipped tests, never passed silently.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { prepareFile } from './prepare.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ax.cjs');
const LIMITS = { maxFileSize: 1 << 20, maxLineLength: 4096 };

function ax(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr, json: () => JSON.parse(r.stdout) };
}

function put(root: string, rel: string, data: string | Buffer): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), data);
}

/** 50 MB on one line, written in 1 MB pieces. */
function writeHugeLine(file: string): void {
  const fd = openSync(file, 'w');
  const piece = Buffer.from('var a=1;'.repeat(131072));
  for (let i = 0; i < 50; i++) writeSync(fd, piece);
  closeSync(fd);
}

test('adversarial tree: every hostile file is skipped with a reason or indexed correctly', { timeout: 240_000 }, (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-adv-'));
  t.after(() => { try { chmodSync(path.join(root, 'locked.py'), 0o644); } catch { /* gone */ } rmSync(root, { recursive: true, force: true }); });
  const N = 100_000;
  put(root, 'ok.py', 'def fine_function():\n    return 1\n');
  put(root, 'bad_utf8.py', Buffer.concat([Buffer.from('def latin_one():\n    return "'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"\n')]));
  put(root, 'utf16le.py', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('def wide():\n    return 1\n', 'utf16le')]));
  put(root, 'utf16be.c', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('int wide(void);\n', 'utf16le').swap16()]));
  writeHugeLine(path.join(root, 'huge.min.py'));
  put(root, 'deep/nest.c', 'int deeply_nested(void) {\n' + '{\n'.repeat(N) + '}\n'.repeat(N) + 'return 0;\n}\n');
  put(root, 'deep/nest.py', 'deep_value = ' + '(\n'.repeat(N) + '1' + ')\n'.repeat(N));
  put(root, 'blob.c', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0xff, 0]));
  put(root, 'blob.py', Buffer.alloc(4096, 0));
  symlinkSync('.', path.join(root, 'loop'));
  symlinkSync('b', path.join(root, 'a-link'));
  symlinkSync('a-link', path.join(root, 'b'));
  put(root, 'with space/ünïcødé 名前.py', 'def unicode_named():\n    return 1\n');
  put(root, 'new\nline.py', 'def newline_named():\n    return 1\n');
  put(root, 'locked.py', 'def locked_out():\n    return 1\n');
  chmodSync(path.join(root, 'locked.py'), 0);
  const many = 10_000;
  mkdirSync(path.join(root, 'flat'));
  for (let i = 0; i < many; i++) writeFileSync(path.join(root, 'flat', `f${i}.py`), `def flat_${i}():\n    return ${i}\n`);

  const r = ax(['index', '.', '--json', '--verbose'], root, { AX_MAX_FILE_SIZE: String(64 << 20) });
  assert.equal(r.code, 0, r.out + r.err);
  const s = r.json();
  const skip = new Map<string, { reason: string; detail: string }>((s.skippedFiles as Array<{ path: string; reason: string; detail: string }>).map((k) => [k.path, k]));
  const reasonOf = (p: string) => skip.get(p)?.reason;
  assert.equal(reasonOf('utf16le.py'), 'encoding');
  assert.match(skip.get('utf16le.py')!.detail, /UTF-16LE/);
  assert.equal(reasonOf('utf16be.c'), 'encoding');
  assert.equal(reasonOf('huge.min.py'), 'minified');
  assert.equal(reasonOf('blob.c'), 'binary');
  assert.equal(reasonOf('blob.py'), 'binary');
  for (const l of ['loop', 'a-link', 'b']) assert.deepEqual(skip.get(l), { path: l, reason: 'not-regular', detail: 'symlink' });
  assert.ok(s.warnings.some((w: string) => w.startsWith('bad_utf8.py: not valid UTF-8')), JSON.stringify(s.warnings));

  const unreadableAsRoot = (() => { try { readFileSync(path.join(root, 'locked.py')); return true; } catch { return false; } })();
  if (unreadableAsRoot) t.diagnostic('running as root: chmod 000 does not block reads, so locked.py is (correctly) indexed; the unreadable case runs as uid 65534 in the last test of this file');
  else assert.deepEqual(skip.get('locked.py'), { path: 'locked.py', reason: 'unreadable', detail: 'EACCES' });

  // Every file not skipped is indexed; skipped + indexed covers the tree.
  const indexed = 1 /* ok */ + 1 /* bad_utf8 */ + 2 /* deep */ + 2 /* odd names */ + many + (unreadableAsRoot ? 1 : 0);
  assert.equal(s.files, indexed);
  const find = (q: string) => ax(['find', q, '--json'], root).json().results as Array<{ path: string; symbol: string; line: number }>;
  assert.equal(find('deeply_nested')[0]?.path, 'deep/nest.c');
  assert.equal(find('deep_value')[0]?.path, 'deep/nest.py');
  assert.equal(find('unicode_named')[0]?.path, 'with space/ünïcødé 名前.py');
  assert.equal(find('newline_named')[0]?.path, 'new\nline.py');
  assert.equal(find('latin_one')[0]?.path, 'bad_utf8.py');
  assert.equal(find('flat_9999')[0]?.path, 'flat/f9999.py');
  assert.equal(find('fine_function')[0]?.line, 1);
  // The index is sound, and an unchanged re-run changes nothing. With the default maxFileSize the
  // 50 MB file is now too large (it is not even read).
  const v = ax(['db', 'verify', '--json'], root);
  assert.equal(v.code, 0, v.out + v.err);
  const again = ax(['index', '.', '--json', '--verbose'], root).json();
  assert.equal(again.parsedFiles, 0);
  assert.equal((again.skippedFiles as Array<{ path: string; reason: string }>).find((k) => k.path === 'huge.min.py')?.reason, 'too-large');
});

test('files that vanish or change while the walk and the parse run', { timeout: 120_000 }, async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-churn-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (let i = 0; i < 600; i++) put(root, `churn/d${i % 10}/f${i}.py`, `def churn_${i}():\n    return ${i}\n`);
  // A second process deletes, recreates and rewrites files for the whole run.
  const churner = spawn(process.execPath, ['-e', `
    const fs = require('fs'); const p = require('path'); let i = 0;
    setInterval(() => { for (let k = 0; k < 20; k++, i++) {
      const f = p.join(${JSON.stringify(root)}, 'churn', 'd' + (i % 10), 'f' + ((i * 7) % 600) + '.py');
      try { if (i % 3 === 0) fs.rmSync(f, { force: true }); else fs.writeFileSync(f, 'def churn_' + i + '():\\n    return ' + i + '\\n' + '#'.repeat(i % 50) + '\\n'); } catch {}
    } }, 2);`], { stdio: 'ignore' });
  try {
    const r = ax(['index', '.', '--json', '--verbose'], root);
    assert.equal(r.code, 0, r.out + r.err);
    for (const k of r.json().skippedFiles as Array<{ reason: string; detail: string }>) {
      assert.ok(['unreadable', 'not-regular'].includes(k.reason), JSON.stringify(k));
    }
  } finally {
    churner.kill('SIGKILL');
  }
  await new Promise((res) => setTimeout(res, 100));
  // Once the tree is still, one more run brings the index to exactly a fresh index's content.
  assert.equal(ax(['index', '.', '--quiet'], root).code, 0);
  const { contentDigest, digestDiff } = await import('../store/maintenance-dump.js');
  const resumed = contentDigest(path.join(root, '.ax', 'index.db'));
  rmSync(path.join(root, '.ax'), { recursive: true, force: true });
  assert.equal(ax(['index', '.', '--quiet'], root).code, 0);
  assert.deepEqual(digestDiff(resumed, contentDigest(path.join(root, '.ax', 'index.db'))), []);
});

test('prepareFile: a file that vanished or became a FIFO or directory is a skip with a reason', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-prep-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const gone = await prepareFile({ rel: 'gone.py', abs: path.join(dir, 'gone.py'), size: 10, mtimeMs: 0 }, LIMITS);
  assert.deepEqual(gone, { kind: 'skip', path: 'gone.py', reason: 'unreadable', detail: 'ENOENT: vanished during the run' });
  const asDir = path.join(dir, 'nowdir.py');
  mkdirSync(asDir);
  const d = await prepareFile({ rel: 'nowdir.py', abs: asDir, size: 10, mtimeMs: 0 }, LIMITS);
  assert.equal(d.kind, 'skip');
  const fifo = path.join(dir, 'pipe.py');
  if (spawnSync('mkfifo', [fifo]).status === 0) {
    // Without O_NONBLOCK + fstat this read would block forever.
    assert.deepEqual(await prepareFile({ rel: 'pipe.py', abs: fifo, size: 0, mtimeMs: 0 }, LIMITS),
      { kind: 'skip', path: 'pipe.py', reason: 'not-regular', detail: 'no longer a regular file' });
  } else t.diagnostic('mkfifo unavailable: FIFO case not exercised');
});

const rootReadsAnything = typeof process.getuid === 'function' && process.getuid() === 0;

test('prepareFile: an unreadable file is skipped as unreadable (EACCES)', { skip: rootReadsAnything ? 'running as root: chmod 000 does not block reads, so EACCES cannot be produced here' : false }, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-prep-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const locked = path.join(dir, 'locked.py');
  writeFileSync(locked, 'x = 1\n');
  chmodSync(locked, 0);
  assert.deepEqual(await prepareFile({ rel: 'locked.py', abs: locked, size: 6, mtimeMs: 0 }, LIMITS), { kind: 'skip', path: 'locked.py', reason: 'unreadable', detail: 'EACCES' });
});

test('unreadable files and directories are skipped with EACCES (as an unprivileged user when run as root)', { timeout: 60_000 }, (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-perm-'));
  t.after(() => { for (const p of ['locked.py', 'closed']) { try { chmodSync(path.join(root, p), 0o755); } catch { /* gone */ } } rmSync(root, { recursive: true, force: true }); });
  put(root, 'ok.py', 'def still_fine():\n    return 1\n');
  put(root, 'locked.py', 'def locked_out():\n    return 1\n');
  put(root, 'closed/inner.py', 'def behind_a_door():\n    return 1\n');
  // Root reads anything regardless of mode bits; nobody (65534) does not. Run ax as nobody then.
  const asRoot = rootReadsAnything;
  if (asRoot) spawnSync('chown', ['-R', '65534:65534', root]);
  chmodSync(path.join(root, 'locked.py'), 0);
  chmodSync(path.join(root, 'closed'), 0);
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', HOME: root },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const r = run(['index', '.', '--json', '--verbose']);
  if (asRoot && r.code !== 0 && /EACCES.*ax\.cjs|Cannot find module/.test(r.err)) { t.skip(`this checkout is not readable by uid 65534: ${r.err.slice(0, 200)}`); return; }
  assert.equal(r.code, 0, r.out + r.err);
  const s = JSON.parse(r.out) as { files: number; skippedFiles: Array<{ path: string; reason: string; detail: string }> };
  assert.equal(s.files, 1);
  const skip = new Map(s.skippedFiles.map((k) => [k.path, k]));
  assert.deepEqual(skip.get('locked.py'), { path: 'locked.py', reason: 'unreadable', detail: 'EACCES' });
  assert.deepEqual(skip.get('closed'), { path: 'closed', reason: 'unreadable', detail: 'EACCES' });
  const f = JSON.parse(run(['find', 'still_fine', '--json']).out) as { results: Array<{ path: string }> };
  assert.equal(f.results[0]?.path, 'ok.py');
  assert.equal(run(['db', 'verify']).code, 0);
});
