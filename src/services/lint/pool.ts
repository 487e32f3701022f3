// The lint worker pool: node:worker_threads plus the main thread, which has the grammars and the
// combined queries loaded already (it validated the rules), so `workers` cores cost workers - 1 extra
// threads. Compiled WASM is shared by every thread of the process (V8 keeps one native module per
// grammar while any thread uses it), so a worker's grammar load is an instantiation, not a compile.
//
// Workers are started before the rules are loaded and the tasks known (startLintPool), so their
// start-up (module loading, the Tree-sitter runtime) overlaps the main thread's; `prepare` has them
// load the grammars the run needs, and `run` sends them the rules and the task list. The main thread
// starts parsing only once the workers are ready (or after READY_WAIT_MS): V8 shares compiled WASM
// between threads, and a worker instantiating a grammar while the main thread's TurboFan jobs for it
// were running sat idle for 1-2 s on node-mix (a third of the worker's run).
//
// Work is claimed, not handed out: every thread takes its next task from shared atomic counters
// (claim.ts), so no thread ever waits for another to give it work. (Before: batches handed out by the
// main thread between its own files left the worker idle for half of a node-mix run while the main
// thread parsed react-dom's 1 MB bundles.)
//
// Workers report results in small groups; the main thread lints one file at a time and yields between
// files to receive them. A worker that dies is replaced; tasks it claimed without reporting become file
// errors.

import { Worker } from 'node:worker_threads';
import { Claimer, segmentsOf } from './claim.js';
import type { LintTask, LintTaskResult, PoolData } from './task.js';
import type { WorkerMessage, WorkerPrepare, WorkerSetup } from './worker.js';

/** How long the main thread waits for workers to have their grammars before it starts parsing. */
const READY_WAIT_MS = 3000;

export interface LintPool {
  /** Have the workers load these languages' grammars now. */
  prepare(langs: readonly string[]): void;
  /**
   * Lint `tasks` on the workers and, when `local` is given, on the calling thread too, after `first`
   * (which runs once the workers have their tasks; if it throws, the run fails).
   */
  run(
    tasks: readonly LintTask[], data: PoolData, onResults: (r: LintTaskResult[]) => void,
    local?: (t: LintTask) => Promise<LintTaskResult>, first?: () => Promise<void>,
  ): Promise<void>;
  /** Stop the workers (after run, or instead of it). */
  close(): void;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

export function startLintPool(threads: number): LintPool {
  const idle: Worker[] = [];
  const spawn = () => new Worker(WORKER_URL);
  for (let i = 0; i < threads; i++) idle.push(spawn());
  // An error before run() (a worker failing to start) is handled there: the worker is replaced.
  const early = new Map<Worker, Error>();
  for (const w of idle) w.once('error', (e) => early.set(w, e));
  // Resolves when every worker has loaded the prepared grammars (or failed).
  let ready: Promise<void> = Promise.resolve();
  let closed = false;
  const live = new Set<Worker>(idle);
  // Replacements for workers that die; a worker that cannot start at all must not respawn forever.
  let respawns = Math.max(2, threads);
  const close = () => {
    closed = true;
    for (const w of live) void w.terminate();
    live.clear();
  };
  return {
    close,
    prepare(langs) {
      ready = Promise.all(idle.map((w) => new Promise<void>((resolve) => {
        const onMsg = (m: WorkerMessage) => { if (m.type === 'ready') { w.off('message', onMsg); resolve(); } };
        w.on('message', onMsg);
        w.once('error', () => resolve());
        w.once('exit', () => resolve());
        w.postMessage({ type: 'prepare', langs: [...langs] } satisfies WorkerPrepare);
      }))).then(() => undefined);
    },
    async run(tasks, data, onResults, local, first) {
      if (closed) throw new Error('lint pool closed');
      const segments = segmentsOf(tasks);
      const counters = new SharedArrayBuffer(4 * Math.max(1, segments.length));
      const claimer = new Claimer(tasks, segments, counters);
      const reported = new Uint8Array(tasks.length);
      const report = (results: LintTaskResult[], indices: number[]) => {
        for (const i of indices) reported[i] = 1;
        onResults(results);
      };
      const setup: WorkerSetup = { type: 'setup', ...data, tasks, segments, counters };
      await new Promise<void>((resolve, reject) => {
        const running = new Set<Worker>();
        let localBusy = false;
        let finished = false;
        let crash: string | undefined;
        const finish = (err?: unknown) => {
          if (finished) return;
          finished = true;
          close();
          if (err) { reject(err); return; }
          // Tasks claimed by a worker that died before reporting them.
          const lost: LintTaskResult[] = [];
          for (let i = 0; i < tasks.length; i++) if (!reported[i]) lost.push({ path: tasks[i]!.rel, findings: [], suppressed: 0, error: `worker crashed: ${crash ?? 'no result'}` });
          if (lost.length) onResults(lost);
          resolve();
        };
        const maybeDone = () => { if (running.size === 0 && !localBusy && claimer.exhausted()) finish(); };
        const onError = (w: Worker, err: Error) => {
          crash = err.message;
          running.delete(w);
          live.delete(w);
          // Replace it while work is left; its unreported tasks are reported as errors at the end.
          if (!finished && respawns > 0 && !claimer.exhausted()) { respawns--; const fresh = spawn(); live.add(fresh); attach(fresh); }
          // Nobody left to claim the rest: report it as lost.
          if (running.size === 0 && !localBusy) claimer.drain();
          maybeDone();
        };
        const attach = (w: Worker) => {
          running.add(w);
          w.on('message', (msg: WorkerMessage) => {
            if (msg.type !== 'results') return;
            try { report(msg.results, msg.indices); } catch (e) { finish(e); return; }
            if (msg.done) { running.delete(w); live.delete(w); void w.terminate(); maybeDone(); }
          });
          w.on('error', (err) => onError(w, err));
          w.postMessage(setup);
        };
        for (const w of idle.splice(0)) {
          const err = early.get(w);
          if (err) { running.add(w); onError(w, err); } else attach(w);
        }
        if (running.size === 0 && !local && !finished) { const w = spawn(); live.add(w); attach(w); }
        if (local || first) {
          localBusy = true;
          void (async () => {
            await first?.();
            let timer: NodeJS.Timeout | undefined;
            await Promise.race([ready, new Promise<void>((r) => { timer = setTimeout(r, READY_WAIT_MS); })]);
            clearTimeout(timer);
            for (;;) {
              if (!local) break;
              if (finished) break;
              const i = claimer.next();
              if (i < 0) break;
              report([await local(tasks[i]!)], [i]);
              // Receive worker results between files.
              await new Promise((r) => setImmediate(r));
            }
            localBusy = false;
            maybeDone();
          })().catch(finish);
        }
        maybeDone();
      });
    },
  };
}
