// The worker pool with and without a warm-up of the dominant languages' grammars: the warm-up must
// finish (onWarm, once) before any batch is answered, and change nothing in what the files yield.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runPool } from './pool.js';
import type { PrepareResult, PrepareTask } from './prepare.js';
import { SYMBOL_INTS } from '../store/records.js';

const limits = { maxFileSize: 1 << 20, maxLineLength: 10_000 };

function tree(): { dir: string; tasks: PrepareTask[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-pool-'));
  const files: Record<string, string> = {
    'a.c': 'int add(int a, int b) { return a + b; }\nint twice(int x) { return add(x, x); }\n',
    'b.c': 'struct point { int x, y; };\nstatic int norm(struct point p) { return p.x * p.x + p.y * p.y; }\n',
    'c.py': 'def greet(name):\n    return "hi " + name\n\nclass Greeter:\n    def run(self):\n        return greet("x")\n',
    'd.sh': '#!/bin/sh\nhello() { echo hi; }\nhello\n',
  };
  const tasks = Object.entries(files).map(([rel, text]) => {
    const abs = path.join(dir, rel);
    writeFileSync(abs, text);
    const st = statSync(abs);
    return { rel, abs, size: st.size, mtimeMs: st.mtimeMs };
  });
  return { dir, tasks };
}

const summary = (rs: PrepareResult[]) => rs.map((r) => r.kind === 'file'
  ? `${r.record.path} ${JSON.stringify(r.record.symbols.names.map((n, i) => [n, r.record.symbols.kindTable[r.record.symbols.kinds[i]!], r.record.symbols.ints[i * SYMBOL_INTS + 5], r.record.symbols.ints[i * SYMBOL_INTS + 6]]))}`
  : `${r.kind} ${JSON.stringify(r)}`).sort();

test('runPool: a warm-up compiles grammars before the first batch and changes no result', { timeout: 60_000 }, async () => {
  const { dir, tasks } = tree();
  try {
    const plain: PrepareResult[] = [];
    await runPool(tasks, { workers: 2, limits, batchSize: 1 }, (rs) => plain.push(...rs));

    const events: string[] = [];
    const warmed: PrepareResult[] = [];
    // An unknown id in the list is ignored (the language simply is not warm).
    await runPool(tasks, { workers: 2, limits, batchSize: 1, warm: ['c', 'no-such-language'], onWarm: () => events.push('warm') }, (rs) => {
      events.push('results');
      warmed.push(...rs);
    });
    assert.equal(events[0], 'warm');
    assert.equal(events.filter((e) => e === 'warm').length, 1);
    assert.equal(events.filter((e) => e === 'results').length, tasks.length);
    assert.equal(plain.length, tasks.length);
    assert.ok(plain.every((r) => r.kind === 'file'), JSON.stringify(plain.filter((r) => r.kind !== 'file')));
    assert.deepEqual(summary(warmed), summary(plain));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runPool: an onWarm that throws fails the run instead of hanging it', { timeout: 60_000 }, async () => {
  const { dir, tasks } = tree();
  try {
    await assert.rejects(runPool(tasks, { workers: 1, limits, warm: ['c'], onWarm: () => { throw new Error('boom'); } }, () => {}), /boom/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runPool: no batch goes out before every worker has finished its warm-up', { timeout: 60_000 }, async () => {
  const tasks = Array.from({ length: 12 }, (_, i) => ({ rel: `f${i}.c`, abs: `/nonexistent/f${i}.c`, size: 10, mtimeMs: 0 }));
  const workerUrl = new URL('./testdata/slow-warm-worker.js', import.meta.url);
  const seen: string[] = [];
  let warmCalls = 0;
  await runPool(tasks, { workers: 2, limits, batchSize: 1, warm: ['c'], onWarm: () => warmCalls++, workerUrl }, (rs) => {
    for (const r of rs) if (r.kind === 'skip') seen.push(r.detail);
  });
  assert.equal(warmCalls, 1);
  assert.equal(seen.length, tasks.length);
  assert.deepEqual([...new Set(seen)], ['after warm-up']);
  // Without a warm-up list the same worker is fed at once.
  const cold: string[] = [];
  await runPool(tasks, { workers: 2, limits, batchSize: 1, workerUrl }, (rs) => { for (const r of rs) if (r.kind === 'skip') cold.push(r.detail); });
  assert.deepEqual([...new Set(cold)], ['before warm-up']);
});

test('runPool: tasks for one worker all go to the same worker, the rest to any; nothing is lost', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-pool-solo-'));
  try {
    // A stand-in worker that answers each task with the id of the thread that got it.
    const script = path.join(dir, 'echo-worker.mjs');
    writeFileSync(script, `import { parentPort, threadId } from 'node:worker_threads';
parentPort.on('message', (m) => {
  if (m.warm) { parentPort.postMessage({ warmed: true }); return; }
  setTimeout(() => parentPort.postMessage({ id: m.id, results: m.tasks.map((t) => ({ kind: 'skip', path: t.rel, reason: 'unsupported', detail: String(threadId) })) }), 2);
});\n`);
    const tasks: PrepareTask[] = Array.from({ length: 60 }, (_, i) => ({ rel: `f${i}.${i % 3 === 0 ? 'yaml' : 'c'}`, abs: '', size: 10, mtimeMs: 0 }));
    const isSolo = (t: PrepareTask) => t.rel.endsWith('.yaml');
    for (const soloTask of [isSolo, () => true, () => false]) {
      const got: PrepareResult[] = [];
      await runPool(tasks, { workers: 3, limits, batchSize: 2, soloTask, workerUrl: new URL(`file://${script}`) }, (rs) => got.push(...rs));
      const by = new Map(got.map((r) => [r.kind === 'skip' ? r.path : '', r.kind === 'skip' ? r.detail : '']));
      assert.equal(by.size, tasks.length, 'every task answered once');
      const soloThreads = new Set(tasks.filter(soloTask).map((t) => by.get(t.rel)));
      assert.ok(soloThreads.size <= 1, `solo tasks on one worker: ${[...soloThreads].join(',')}`);
      if (soloTask === isSolo) assert.ok(new Set(tasks.filter((t) => !isSolo(t)).map((t) => by.get(t.rel))).size > 1, 'shared tasks spread');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
