// The lint worker pool: node:worker_threads plus the main thread, which has the grammars and the
// combined queries loaded already (it validated the rules), so `workers` cores cost workers - 1 extra
// grammar loads. Work is handed out in small batches with bounded in-flight depth, so a slow file never
// idles the others and memory stays flat. A worker that dies is replaced; its batch becomes file errors.
//
// Language affinity: each thread loads, compiles and warms up (WASM tier-up) every grammar it meets, so
// tasks arrive sorted by language and each consumer takes batches from its own contiguous range; one
// that runs dry steals the back half of the largest range left. A thread therefore sees one or two
// languages instead of all of them (fewer grammar loads and less memory per thread in many-language
// trees; on node-mix's two grammars the end-to-end time did not change measurably).

import { Worker } from 'node:worker_threads';
import type { LintTask, LintTaskResult, PoolData } from './task.js';
import type { LintRequest, LintResponse } from './worker.js';

export async function runLintPool(
  tasks: readonly LintTask[],
  data: PoolData,
  workers: number,
  onResults: (r: LintTaskResult[]) => void,
  local?: (t: LintTask) => Promise<LintTaskResult>,
): Promise<void> {
  if (tasks.length === 0) return;
  const threads = Math.max(local ? 0 : 1, workers - (local ? 1 : 0));
  const batchSize = Math.max(1, Math.min(32, Math.ceil(tasks.length / (Math.max(1, workers) * 8))));
  const depth = 2;
  const url = new URL('./worker.js', import.meta.url);
  let nextId = 0;
  let localBusy = false;
  const inflight = new Map<number, { worker: Worker; tasks: LintTask[] }>();
  // Consumer 0 is the main thread when `local` is given; ranges are [from, to) into tasks.
  const consumers = threads + (local ? 1 : 0);
  const ranges = Array.from({ length: consumers }, (_, i) => ({
    from: Math.floor((i * tasks.length) / consumers),
    to: Math.floor(((i + 1) * tasks.length) / consumers),
  }));
  let remaining = tasks.length;
  const take = (c: number): LintTask[] => {
    let r = ranges[c]!;
    if (r.from >= r.to) {
      let big = r;
      for (const x of ranges) if (x.to - x.from > big.to - big.from) big = x;
      if (big.to - big.from <= 0) return [];
      const mid = big.to - Math.max(1, Math.floor((big.to - big.from) / 2));
      r = ranges[c] = { from: mid, to: big.to };
      big.to = mid;
    }
    const b = tasks.slice(r.from, Math.min(r.to, r.from + batchSize));
    r.from += b.length;
    remaining -= b.length;
    return b;
  };
  await new Promise<void>((resolve, reject) => {
    const pool: Worker[] = [];
    let finished = false;
    const finish = (err?: unknown) => {
      if (finished) return;
      finished = true;
      for (const w of pool) void w.terminate();
      if (err) reject(err); else resolve();
    };
    const maybeDone = () => { if (remaining <= 0 && inflight.size === 0 && !localBusy) finish(); };
    const consumerOf = new Map<Worker, number>();
    const feed = (w: Worker) => {
      const batch = take(consumerOf.get(w)!);
      if (batch.length === 0) { maybeDone(); return; }
      const id = nextId++;
      inflight.set(id, { worker: w, tasks: batch });
      w.postMessage({ id, tasks: batch } satisfies LintRequest);
    };
    const spawn = (consumer: number): Worker => {
      const w = new Worker(url, { workerData: data });
      pool.push(w);
      consumerOf.set(w, consumer);
      w.on('message', (msg: LintResponse) => {
        inflight.delete(msg.id);
        try { onResults(msg.results); } catch (e) { finish(e); return; }
        feed(w);
      });
      w.on('error', (err) => {
        for (const [id, b] of inflight) {
          if (b.worker !== w) continue;
          inflight.delete(id);
          onResults(b.tasks.map((t) => ({ path: t.rel, findings: [], suppressed: 0, error: `worker crashed: ${err.message}` })));
        }
        pool.splice(pool.indexOf(w), 1);
        if (!finished) { const fresh = spawn(consumerOf.get(w)!); for (let d = 0; d < depth; d++) feed(fresh); }
      });
      return w;
    };
    for (let i = 0; i < threads; i++) {
      const w = spawn(i + (local ? 1 : 0));
      for (let d = 0; d < depth; d++) feed(w);
    }
    if (local) {
      localBusy = true;
      void (async () => {
        // Between batches, yield so worker messages are answered promptly.
        for (;;) {
          if (finished) break;
          const batch = take(0);
          if (batch.length === 0) break;
          const out: LintTaskResult[] = [];
          for (const t of batch) out.push(await local(t));
          onResults(out);
          await new Promise((r) => setImmediate(r));
        }
        localBusy = false;
        maybeDone();
      })().catch(finish);
    }
  });
}
