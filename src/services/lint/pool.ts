// The lint worker pool: node:worker_threads, one per core by default, each holding the rule set. Work
// is handed out in small batches with bounded in-flight depth, so a slow file never idles the others
// and memory stays flat. A worker that dies is replaced; its batch is reported as file errors.

import { Worker } from 'node:worker_threads';
import type { LintTask, LintTaskResult, PoolData } from './task.js';
import type { LintRequest, LintResponse } from './worker.js';

export async function runLintPool(tasks: readonly LintTask[], data: PoolData, workers: number, onResults: (r: LintTaskResult[]) => void): Promise<void> {
  if (tasks.length === 0) return;
  const batchSize = Math.max(1, Math.min(32, Math.ceil(tasks.length / (workers * 8))));
  const depth = 2;
  const url = new URL('./worker.js', import.meta.url);
  let next = 0, nextId = 0;
  const inflight = new Map<number, { worker: Worker; tasks: LintTask[] }>();
  await new Promise<void>((resolve, reject) => {
    const pool: Worker[] = [];
    let finished = false;
    const finish = (err?: unknown) => {
      if (finished) return;
      finished = true;
      for (const w of pool) void w.terminate();
      if (err) reject(err); else resolve();
    };
    const feed = (w: Worker) => {
      if (next >= tasks.length) { if (inflight.size === 0) finish(); return; }
      const batch = tasks.slice(next, next + batchSize);
      next += batch.length;
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
    for (let i = 0; i < Math.max(1, workers); i++) {
      const w = spawn();
      for (let d = 0; d < depth; d++) feed(w);
    }
  });
}
