// The lint worker pool: node:worker_threads plus the main thread, which has the grammars and the
// combined queries loaded already (it validated the rules), so `workers` cores cost workers - 1 extra
// grammar loads. Work is handed out in small batches with bounded in-flight depth, so a slow file never
// idles the others and memory stays flat. A worker that dies is replaced; its batch becomes file errors.

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
  let next = 0, nextId = 0;
  let localBusy = false;
  const inflight = new Map<number, { worker: Worker; tasks: LintTask[] }>();
  const take = () => { const b = tasks.slice(next, next + batchSize); next += b.length; return b; };
  await new Promise<void>((resolve, reject) => {
    const pool: Worker[] = [];
    let finished = false;
    const finish = (err?: unknown) => {
      if (finished) return;
      finished = true;
      for (const w of pool) void w.terminate();
      if (err) reject(err); else resolve();
    };
    const maybeDone = () => { if (next >= tasks.length && inflight.size === 0 && !localBusy) finish(); };
    const feed = (w: Worker) => {
      if (next >= tasks.length) { maybeDone(); return; }
      const batch = take();
      const id = nextId++;
      inflight.set(id, { worker: w, tasks: batch });
      w.postMessage({ id, tasks: batch } satisfies LintRequest);
    };
    const spawn = (): Worker => {
      const w = new Worker(url, { workerData: data });
      pool.push(w);
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
        if (!finished) { const fresh = spawn(); for (let d = 0; d < depth; d++) feed(fresh); }
      });
      return w;
    };
    for (let i = 0; i < threads; i++) {
      const w = spawn();
      for (let d = 0; d < depth; d++) feed(w);
    }
    if (local) {
      localBusy = true;
      void (async () => {
        // Between batches, yield so worker messages are answered promptly.
        while (!finished && next < tasks.length) {
          const out: LintTaskResult[] = [];
          for (const t of take()) out.push(await local(t));
          onResults(out);
          await new Promise((r) => setImmediate(r));
        }
        localBusy = false;
        maybeDone();
      })().catch(finish);
    }
  });
}
