// A fixed pool of parser workers with bounded in-flight work: at most `depth` batches per worker are
// outstanding, and a batch holds at most `batchSize` files and `batchBytes` of source (a batch's
// results live in the worker's heap until it is posted, then in the main thread until written: eight
// 1 MiB files in one batch took a worker's heap past 300 MB), so memory stays flat however many and
// however large the files are. Results stream back in completion
// order; a worker that dies is replaced and its batch reported as failed files, never lost silently.

import { Worker } from 'node:worker_threads';
import { beforeV8FlagChange } from '../lang/wasm-flags.js';
import type { PrepareLimits, PrepareResult, PrepareTask } from './prepare.js';
import type { WorkerRequest, WorkerResponse } from './worker.js';

/**
 * A worker's young generation (V8's default is ~48 MB). A worker's allocations are a batch's results,
 * short-lived and posted away, so a small nursery is enough: on go-std (5,726 files, 2 workers, three
 * alternating runs) 12 MB took the process's peak RSS from 529-578 MB to 484-494 MB for wall times
 * within the runs' spread (35.1-38.6 s before, 35.4-39.6 s after); 4 MB saved no more and cost time.
 */
const WORKER_YOUNG_GENERATION_MB = 12;

export interface PoolOptions {
  workers: number; limits: PrepareLimits; batchSize?: number; batchBytes?: number; depth?: number;
  /**
   * Languages whose grammars every worker compiles before its first batch; `onWarm` runs once all
   * of the first workers have done so, before any batch is sent (see baselineOnlyFromNow).
   */
  warm?: readonly string[];
  onWarm?: () => void;
  /**
   * Tasks only the pool's first worker prepares (its replacement, if it dies): files of minor
   * languages, so that their grammars are compiled and held by one worker instead of every one.
   */
  soloTask?: (t: PrepareTask) => boolean;
  /** The worker script (tests substitute one); default ./worker.js. */
  workerUrl?: URL;
}

export async function runPool(
  tasks: readonly PrepareTask[],
  opts: PoolOptions,
  onResults: (results: PrepareResult[]) => void,
  shouldStop: () => boolean = () => false,
): Promise<void> {
  if (tasks.length === 0) return;
  const batchSize = opts.batchSize ?? 8;
  const batchBytes = opts.batchBytes ?? 256 * 1024;
  const depth = opts.depth ?? 3;
  const workerUrl = opts.workerUrl ?? new URL('./worker.js', import.meta.url);
  // Workers set --expose-gc, a process-wide V8 flag.
  beforeV8FlagChange();
  const solo: PrepareTask[] = [], others: PrepareTask[] = [];
  if (opts.soloTask) for (const t of tasks) (opts.soloTask(t) ? solo : others).push(t);
  const shared = opts.soloTask ? others : tasks;
  let nextShared = 0, nextSolo = 0, nextId = 0;
  let soloWorker: Worker | undefined;
  const inflight = new Map<number, { worker: Worker; tasks: PrepareTask[] }>();

  await new Promise<void>((resolve, reject) => {
    const workers: Worker[] = [];
    let finished = false;
    const finish = (err?: unknown) => {
      if (finished) return;
      finished = true;
      for (const w of workers) void w.terminate();
      if (err) reject(err); else resolve();
    };
    const feed = (w: Worker) => {
      if (shouldStop()) { nextShared = shared.length; nextSolo = solo.length; }
      const fromSolo = w === soloWorker && nextSolo < solo.length;
      const list = fromSolo ? solo : shared;
      const next = fromSolo ? nextSolo : nextShared;
      if (next >= list.length) {
        if (inflight.size === 0 && nextSolo >= solo.length && nextShared >= shared.length) finish();
        return;
      }
      // At least one file; then more while the batch stays under both limits.
      let end = next + 1, bytes = list[next]!.size;
      while (end < list.length && end - next < batchSize && bytes + list[end]!.size <= batchBytes) bytes += list[end++]!.size;
      const batch = list.slice(next, end);
      if (fromSolo) nextSolo = end; else nextShared = end;
      const id = nextId++;
      inflight.set(id, { worker: w, tasks: batch });
      w.postMessage({ id, tasks: batch } satisfies WorkerRequest);
    };
    const spawn = () => {
      const w = new Worker(workerUrl, { workerData: opts.limits, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      workers.push(w);
      w.on('message', (msg: WorkerResponse) => {
        if ('warmed' in msg) { if (warming.delete(w)) warmed(); return; }
        inflight.delete(msg.id);
        try { onResults(msg.results); } catch (e) { finish(e); return; }
        feed(w);
      });
      w.on('error', (err) => {
        // Report the dead worker's batches as failed files, then carry on with a fresh worker.
        for (const [id, b] of inflight) {
          if (b.worker !== w) continue;
          inflight.delete(id);
          onResults(b.tasks.map((t) => ({ kind: 'skip', path: t.rel, reason: 'parse-failed', detail: `worker crashed: ${err.message}` })));
        }
        const i = workers.indexOf(w);
        if (i >= 0) workers.splice(i, 1);
        if (warming.delete(w)) warmed();
        if (!finished) {
          const fresh = spawn();
          if (w === soloWorker) soloWorker = fresh;
          for (let d = 0; d < depth; d++) feed(fresh);
        }
      });
      return w;
    };
    // Workers still compiling the warm grammars; batches go out once none is (a worker that dies
    // while warming counts as done, its replacement starts cold).
    const warming = new Set<Worker>();
    function warmed() {
      if (warming.size > 0) return;
      try { opts.onWarm?.(); } catch (e) { finish(e); return; }
      const busy = new Set([...inflight.values()].map((b) => b.worker));
      for (const x of workers) if (!busy.has(x)) for (let d = 0; d < depth; d++) feed(x);
    }
    for (let i = 0; i < Math.max(1, opts.workers); i++) {
      const w = spawn();
      if (i === 0) soloWorker = w;
      if (opts.warm?.length) { warming.add(w); w.postMessage({ warm: [...opts.warm] } satisfies WorkerRequest); }
      else for (let d = 0; d < depth; d++) feed(w);
    }
  });
}
