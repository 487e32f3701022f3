// The writer lock: a live holder is refused (also inside one process), stale locks are taken over
// (dead pid, zombie, reused pid, garbage), and processes racing for one stale lock never both hold it.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AxError } from '../core/errors.js';
import { acquireWriterLock } from './lock.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(HERE, '..', '..', 'bin', 'ax.cjs');
const linux = existsSync('/proc/self/stat');

function root(): string {
  const r = mkdtempSync(path.join(tmpdir(), 'ax-lock-'));
  mkdirSync(path.join(r, '.ax'));
  return r;
}
const lockFile = (r: string) => path.join(r, '.ax', 'writer.lock');
const plant = (r: string, holder: object | string) => writeFileSync(lockFile(r), typeof holder === 'string' ? holder : JSON.stringify(holder));
const locked = (e: unknown) => e instanceof AxError && e.code === 'E_INDEX_LOCKED';

/** A pid that certainly belongs to no process any more. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function startTime(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[19]);
}

test('a held lock refuses a second writer, in another process and in this one', (t) => {
  const r = root();
  t.after(() => rmSync(r, { recursive: true, force: true }));
  const lock = acquireWriterLock(r, 'index');
  const held = JSON.parse(readFileSync(lockFile(r), 'utf8')) as { pid: number; purpose: string; host: string };
  assert.deepEqual([held.pid, held.purpose, held.host], [process.pid, 'index', hostname()]);
  assert.throws(() => acquireWriterLock(r, 'watch'), (e) => locked(e) && /already being written by this process \(`ax index`/.test((e as Error).message));
  const other = spawnSync(process.execPath, [BIN, 'index', r], { encoding: 'utf8' });
  assert.equal(other.status, 1);
  assert.match(other.stderr, /being written by `ax index` \(pid \d+\)\n {2}hint: /);
  lock.release();
  assert.equal(existsSync(lockFile(r)), false);
  acquireWriterLock(r, 'index').release();
});

test('stale locks are taken over: dead pid, garbage, our own pid from an earlier process', (t) => {
  const r = root();
  t.after(() => rmSync(r, { recursive: true, force: true }));
  for (const holder of [{ pid: deadPid(), purpose: 'index' }, '', '{"pid":', { pid: process.pid, purpose: 'index' }, { pid: -3 }]) {
    plant(r, holder);
    const lock = acquireWriterLock(r, 'watch');
    assert.equal((JSON.parse(readFileSync(lockFile(r), 'utf8')) as { purpose: string }).purpose, 'watch', JSON.stringify(holder));
    lock.release();
  }
  // A lock from another host cannot be judged by pid: refused, with the way out.
  plant(r, { pid: deadPid(), host: 'elsewhere.example', purpose: 'watch' });
  assert.throws(() => acquireWriterLock(r, 'index'), (e) => locked(e) && /on host elsewhere\.example/.test((e as Error).message) && /delete /.test((e as AxError).hint ?? ''));
});

test('a zombie holder and a reused pid are stale; a live holder with its start time is not', { skip: linux ? false : 'needs /proc' }, async (t) => {
  const r = root();
  t.after(() => rmSync(r, { recursive: true, force: true }));
  // `sleep 0` backgrounded by a shell that then execs `sleep 30`: nobody reaps it, so it stays a zombie
  // (kill(pid, 0) succeeds for it).
  const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
  t.after(() => parent.kill('SIGKILL'));
  const zombie = Number(await new Promise<string>((res) => parent.stdout.once('data', (d: Buffer) => res(d.toString().trim()))));
  for (let i = 0; i < 200 && !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${zombie}/stat`, 'utf8')); i++) await new Promise((res) => setTimeout(res, 10));
  assert.doesNotThrow(() => process.kill(zombie, 0), 'the zombie still answers kill(pid, 0)');
  plant(r, { pid: zombie, purpose: 'index' });
  acquireWriterLock(r, 'index').release();

  const live = parent.pid!;
  plant(r, { pid: live, start: startTime(live), host: hostname(), purpose: 'watch' });
  assert.throws(() => acquireWriterLock(r, 'index'), (e) => locked(e) && new RegExp(`\`ax watch\` \\(pid ${live}\\)`).test((e as Error).message));
  plant(r, { pid: live, start: startTime(live) - 1, host: hostname(), purpose: 'watch' }); // same pid, another process
  acquireWriterLock(r, 'index').release();
});

test('processes racing for one stale lock never hold it at the same time', { timeout: 60_000 }, async (t) => {
  const r = root();
  t.after(() => rmSync(r, { recursive: true, force: true }));
  plant(r, { pid: deadPid(), purpose: 'index' });
  const child = `
    const { acquireWriterLock } = await import(${JSON.stringify(path.join(HERE, 'lock.js'))});
    const go = Number(process.argv[1]);
    while (Date.now() < go) {}
    try {
      const l = acquireWriterLock(${JSON.stringify(r)}, 'race');
      const a = Date.now(); while (Date.now() < a + 150) {}
      const b = Date.now(); l.release();
      console.log(JSON.stringify({ a, b }));
    } catch (e) { console.log(JSON.stringify({ refused: e.code })); }`;
  const go = Date.now() + 1500; // all children spin until the same moment, then race
  const runs = await Promise.all(Array.from({ length: 6 }, () => new Promise<string>((res) => {
    const c = spawn(process.execPath, ['--input-type=module', '-e', child, String(go)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    c.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    c.on('exit', () => res(out.trim()));
  })));
  const got = runs.map((l) => JSON.parse(l) as { a?: number; b?: number; refused?: string });
  const held = got.filter((g) => g.a !== undefined).sort((x, y) => x.a! - y.a!);
  assert.ok(held.length >= 1, JSON.stringify(got));
  for (const g of got) if (g.refused) assert.equal(g.refused, 'E_INDEX_LOCKED');
  for (let i = 1; i < held.length; i++) assert.ok(held[i]!.a! >= held[i - 1]!.b!, `two holders at once: ${JSON.stringify(held)}`);
  assert.equal(existsSync(lockFile(r)), false);
});
