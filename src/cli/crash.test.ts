// Crash safety, quick version (the 50-trial run on a real corpus is scripts/crash-trials.mjs, see
// docs/db.md): SIGKILL `ax index` at seeded random moments on a generated tree; after each kill
// `ax db verify` passes, and a following `ax index` leaves exactly the content of a fresh index
// (compared table by table with maintenance-dump's canonical digest, not by counts).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { contentDigest, digestDiff } from '../store/maintenance-dump.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ax.cjs');
/** Small batches and one worker: many commits per run, so kills land between and inside them. */
const ENV = { ...process.env, NO_COLOR: '1', AX_WORKERS: '1', AX_BATCH_FILES: '4' };

function ax(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: ENV });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generated tree of Python and C files with classes, functions, calls and imports. */
export function generateTree(root: string, files: number, seed: number): void {
  const r = rng(seed);
  const word = () => ['parse', 'load', 'config', 'user', 'index', 'token', 'write', 'read', 'node', 'tree'][Math.floor(r() * 10)]!;
  for (let i = 0; i < files; i++) {
    const dir = path.join(root, `pkg${i % 7}`);
    mkdirSync(dir, { recursive: true });
    const lines: string[] = [];
    if (i % 3 === 2) {
      lines.push('#include <stdio.h>', `struct s${i} { int ${word()}; int n; };`);
      for (let f = 0; f < 12; f++) lines.push(`/* ${word()} ${word()} */`, `static int ${word()}_${i}_${f}(int a) {`, `  return ${word()}_${i}_${Math.max(0, f - 1)}(a + ${f});`, '}');
      writeFileSync(path.join(dir, `m${i}.c`), lines.join('\n') + '\n');
    } else {
      lines.push('import os', `from pkg${(i + 1) % 7} import ${word()}`, '', `class ${word().toUpperCase()}${i}:`, `    """${word()} ${word()}."""`);
      for (let f = 0; f < 12; f++) lines.push(`    def ${word()}_${f}(self, x):`, `        return self.${word()}_${Math.max(0, f - 1)}(x) + ${f}`, '');
      writeFileSync(path.join(dir, `m${i}.py`), lines.join('\n') + '\n');
    }
  }
}

/** Start `ax index` and SIGKILL it after `ms` (or let it finish first). Resolves with how it ended. */
export function indexAndKill(root: string, ms: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'index', root, '--quiet', '--json'], { env: ENV, stdio: 'ignore' });
    let killed = false;
    const timer = setTimeout(() => { killed = child.kill('SIGKILL'); }, ms);
    child.on('exit', () => { clearTimeout(timer); resolve(killed ? 'killed' : 'finished'); });
  });
}

test('SIGKILL during `ax index`: verify passes and a resumed index equals a fresh one', { timeout: 180_000 }, async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-crash-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  generateTree(root, 90, 7);
  const db = path.join(root, '.ax', 'index.db');
  const t0 = performance.now();
  const fresh = ax(['index', '--quiet', '--json'], root);
  const freshMs = performance.now() - t0;
  assert.equal(fresh.code, 0, fresh.out + fresh.err);
  const reference = contentDigest(db);
  const r = rng(42);
  let killed = 0;
  for (let trial = 0; trial < 4; trial++) {
    if (trial % 2 === 0) rmSync(path.join(root, '.ax'), { recursive: true, force: true });
    // Kill somewhere in the first 1.1x of a fresh run's wall time (start-up included).
    const at = Math.round(50 + r() * freshMs * 1.1);
    const how = await indexAndKill(root, at);
    if (how === 'killed') killed++;
    if (existsSync(db)) {
      const v = ax(['db', 'verify', '--json', '--no-hashes'], root);
      assert.equal(v.code, 0, `trial ${trial} (kill at ${at} ms): verify failed\n${v.out}${v.err}`);
      assert.equal(JSON.parse(v.out).ok, true);
    }
    const again = ax(['index', '--quiet', '--json'], root);
    assert.equal(again.code, 0, `trial ${trial}: resumed index failed\n${again.out}${again.err}`);
    assert.deepEqual(digestDiff(contentDigest(db), reference), [], `trial ${trial} (kill at ${at} ms): content differs from a fresh index`);
  }
  assert.ok(killed >= 1, 'at least one trial killed a running index');
});
