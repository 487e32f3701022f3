// A first `ax index` runs in a child Node process with a smaller young generation (reexec.ts): the
// child is really there with the flag, its exit status and output are the command's, signals sent
// to the launcher reach it, and later runs stay in the launcher's process.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { INDEX_CHILD_FLAG } from './reexec.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ax.cjs');
const procfs = existsSync('/proc/self/stat');

function tree(t: { after: (f: () => void) => void }, files: number): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-reexec-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (let d = 0; d < Math.ceil(files / 100); d++) {
    mkdirSync(path.join(root, `p${d}`));
    for (let i = 0; i < Math.min(100, files - d * 100); i++) writeFileSync(path.join(root, `p${d}`, `m${i}.py`), `def f_${d}_${i}(x):\n    return g(x) + ${i}\n`);
  }
  return root;
}

/** Command lines of the live children of `pid` (Linux /proc). */
function childrenOf(pid: number): string[][] {
  const out: string[][] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').filter(Boolean));
    } catch { /* gone */ }
  }
  return out;
}

async function waitFor(cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!cond()) {
    assert.ok(Date.now() < deadline, what);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a first index runs in a child with the flag; the next one in the launcher', { skip: !procfs && 'needs /proc' }, async (t) => {
  const root = tree(t, 1500);
  const run = spawn(process.execPath, [BIN, 'index', root, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  run.stdout.on('data', (b) => { out += b; });
  let seen: string[][] = [];
  await waitFor(() => (seen = childrenOf(run.pid!)).some((c) => c.includes(INDEX_CHILD_FLAG)) || run.exitCode !== null, 'the child starts');
  const child = seen.find((c) => c.includes(INDEX_CHILD_FLAG));
  assert.ok(child, `a child with ${INDEX_CHILD_FLAG}: ${JSON.stringify(seen)}`);
  assert.deepEqual(child.slice(child.indexOf(BIN)), [BIN, 'index', root, '--json']);
  const code = await new Promise<number | null>((r) => run.on('close', r));
  assert.equal(code, 0);
  assert.equal(JSON.parse(out).files, 1500, 'the summary is printed once, by the child');

  writeFileSync(path.join(root, 'p0', 'new.py'), 'def h():\n    pass\n');
  const again = spawn(process.execPath, [BIN, 'index', root, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let children: string[][] = [];
  const poll = setInterval(() => { children = children.concat(childrenOf(again.pid!)); }, 5);
  let out2 = '';
  again.stdout.on('data', (b) => { out2 += b; });
  assert.equal(await new Promise<number | null>((r) => again.on('close', r)), 0);
  clearInterval(poll);
  assert.equal(JSON.parse(out2).added, 1);
  assert.ok(!children.some((c) => c.includes(INDEX_CHILD_FLAG)), 'an update stays in the launcher');
});

test('`npx ax index` (a link to the launcher) starts the child too', { skip: !procfs && 'needs /proc' }, async (t) => {
  const root = tree(t, 1500);
  const bin = mkdtempSync(path.join(tmpdir(), 'ax-reexec-bin-'));
  t.after(() => rmSync(bin, { recursive: true, force: true }));
  symlinkSync(BIN, path.join(bin, 'ax'));
  const run = spawn(process.execPath, [path.join(bin, 'ax'), 'index', root, '--quiet'], { stdio: 'ignore' });
  let seen = false;
  await waitFor(() => (seen = childrenOf(run.pid!).some((c) => c.includes(INDEX_CHILD_FLAG))) || run.exitCode !== null, 'the child starts');
  assert.equal(await new Promise<number | null>((r) => run.on('close', r)), 0);
  assert.ok(seen, 'a child with the flag');
});

test("the child's exit status is the command's: nothing to index exits 2, reported once", (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-reexec-empty-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(path.join(root, 'notes.txt'), 'no code here\n');
  const r = spawnSync(process.execPath, [BIN, 'index', root], { encoding: 'utf8' });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr.split('nothing could be indexed').length - 1, 1, r.stderr);
  const bad = spawnSync(process.execPath, [BIN, 'index', path.join(root, 'notes.txt')], { encoding: 'utf8' });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /not a directory/);
});

test('SIGTERM sent to the launcher ends the child and the launcher the same way', { skip: !procfs && 'needs /proc' }, async (t) => {
  const root = tree(t, 3000);
  const run = spawn(process.execPath, [BIN, 'index', root, '--quiet'], { stdio: 'ignore' });
  let pids: number[] = [];
  await waitFor(() => childrenOf(run.pid!).some((c) => c.includes(INDEX_CHILD_FLAG)) || run.exitCode !== null, 'the child starts');
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try { const s = readFileSync(`/proc/${p}/stat`, 'utf8'); if (Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]) === run.pid) pids.push(Number(p)); } catch { /* gone */ }
  }
  if (run.exitCode !== null) { t.diagnostic('the run finished before the signal; nothing to check'); return; }
  run.kill('SIGTERM');
  const [code, signal] = await new Promise<[number | null, string | null]>((r) => run.on('close', (c, s) => r([c, s])));
  assert.equal(signal, 'SIGTERM', `exit ${code}`);
  pids = pids.filter((p) => existsSync(`/proc/${p}`) && !readFileSync(`/proc/${p}/stat`, 'utf8').includes(') Z '));
  assert.deepEqual(pids, [], 'the child is gone');
});
