// The CLI writes its output straight to file descriptors 1 and 2 (stdio.ts): output must arrive whole
// and in order through a pipe whatever its size, and a reader that goes away ends the run quietly
// (`ax refs x --json | head`), as it did when the output went through process.stdout.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isTerminal } from './stdio.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ax.cjs');
const STDIO_JS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'stdio.js');
const ENV = { ...process.env, NO_COLOR: '1', AX_WORKERS: '1' };

function repo(t: { after: (fn: () => void) => void }): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-stdio-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  // ~6,000 uses of one name: the JSON of `ax refs` is ~700 KB, many times a pipe's buffer.
  for (let f = 0; f < 30; f++) {
    writeFileSync(path.join(root, `m${f}.py`), Array.from({ length: 200 }, (_, i) => `x_${i} = shared_name + ${i}  # ${'pad '.repeat(10)}`).join('\n') + '\nshared_name = 1\n');
  }
  assert.equal(spawnSync(process.execPath, [BIN, 'index', '-q'], { cwd: root, env: ENV }).status, 0);
  return root;
}

/** The whole stdout of `ax ARGS`, read slowly (the writer must wait for the pipe, not drop or reorder anything). */
async function readSlowly(root: string, args: string[]): Promise<Buffer> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: root, env: ENV });
  const chunks: Buffer[] = [];
  let err = '';
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  child.stdout.on('data', (d: Buffer) => { chunks.push(d); child.stdout.pause(); setTimeout(() => child.stdout.resume(), 2); });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, err);
  assert.equal(err, '');
  return Buffer.concat(chunks);
}

// The human form once went through process.stdout (asked whether it was a terminal), whose writes to
// a full pipe are queued, and a query exits as soon as it returns: the tail of a long answer was lost.
test('large human-readable output reaches a slow pipe reader whole', { timeout: 60_000 }, async (t) => {
  const root = repo(t);
  const lines = (await readSlowly(root, ['refs', 'shared_name'])).toString('utf8').split('\n');
  assert.equal(lines.at(-1), '');
  assert.equal(lines.at(-2), `${30 * 201} reference(s)`);
  assert.equal(lines.length, 30 * 201 + 2);
  assert.match(lines[0]!, /^m0\.py:1:\d+ x_0 = shared_name \+ 0/);
});

test('large output reaches a slow pipe reader whole and in order', { timeout: 60_000 }, async (t) => {
  const root = repo(t);
  const out = await readSlowly(root, ['refs', 'shared_name', '--json']);
  assert.ok(out.length > 256 * 1024, `${out.length} bytes`);
  const results = (JSON.parse(out.toString('utf8')) as { results: Array<{ path: string; line: number }> }).results;
  assert.equal(results.length, 30 * 201);
  assert.deepEqual(results.slice(0, 2).map((r) => [r.path, r.line]), [['m0.py', 1], ['m0.py', 2]]);
});

test('a reader that closes the pipe early ends the run quietly with the command\'s exit code', { timeout: 60_000 }, async (t) => {
  const root = repo(t);
  for (const args of [['refs', 'shared_name', '--json'], ['refs', 'shared_name'], ['--help']]) {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: root, env: ENV });
    child.stdout.destroy(); // like `| head -0`: every write meets a closed pipe
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, `${args.join(' ')}: ${err}`);
    assert.equal(err, '', args.join(' '));
  }
});

test('isTerminal: a file, a pipe and /dev/null are no terminals', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-tty-'));
  try {
    const file = path.join(dir, 'f');
    writeFileSync(file, 'x');
    const fds = [openSync(file, 'r'), openSync('/dev/null', 'w')];
    try { for (const fd of fds) assert.equal(isTerminal(fd), false); } finally { for (const fd of fds) closeSync(fd); }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(STDIO_JS).href)}); process.stdout.write(String(m.isTerminal(1)))`], { encoding: 'utf8' });
  assert.equal(child.stdout, 'false');
});

// Colour is for a terminal only, and a terminal is still told apart from a pipe without a stream.
test('human output is coloured on a terminal and plain through a pipe', { timeout: 60_000 }, (t) => {
  const root = repo(t);
  const env = { ...ENV, TERM: 'xterm' };
  delete (env as Record<string, string | undefined>).NO_COLOR;
  const piped = spawnSync(process.execPath, [BIN, 'refs', 'shared_name', '--limit', '3'], { cwd: root, env, encoding: 'utf8' });
  assert.equal(piped.status, 0, piped.stderr);
  assert.ok(!piped.stdout.includes('\x1b['), piped.stdout);
  assert.match(piped.stdout, /^m0\.py:1:\d+ /);
  // util-linux `script` runs the command on a pseudo-terminal of its own.
  const cmd = [process.execPath, BIN, 'refs', 'shared_name', '--limit', '3'].map((a) => `'${a}'`).join(' ');
  const tty = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: root, env, encoding: 'utf8' });
  if (tty.error) { t.skip('no `script` (util-linux) to run a terminal'); return; }
  assert.equal(tty.status, 0, tty.stderr);
  assert.ok(tty.stdout.includes('\x1b[36mm0.py:1:'), JSON.stringify(tty.stdout.slice(0, 200)));
});
