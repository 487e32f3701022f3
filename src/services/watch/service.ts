// Use case: keep an index in step with its working tree (`ax watch`; the HTTP and MCP servers reuse it).
// startWatch() takes the writer lock (a second watcher or `ax index` on the root is refused), attaches
// directory watchers, reconciles what changed while nothing was watching (a full incremental run),
// then follows events: paths are coalesced in a pending set, processed after a quiet period (debounce)
// or a maximum wait, in batches of bounded size; a flood beyond MAX_PENDING paths collapses into one
// full reconcile, so memory stays bounded however many events arrive. Updates are reported as events
// once committed (queryable): `watch.on('event', fn)` or `for await (const e of watch)`.

import { EventEmitter, on } from 'node:events';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { AxConfig } from '../../core/config.js';
import { AxError, isAxError } from '../../core/errors.js';
import { ALWAYS_SKIPPED_DIRS, IgnoreRules } from '../../indexer/ignore.js';
import { IncrementalIndexer, type FileChange } from '../../indexer/incremental.js';
import { runIndex } from '../../indexer/run.js';
import { openDatabase, translate, truncateWal, type DB } from '../../store/db.js';
import { CONFIG_FILES, loadConfig } from '../config.js';
import { acquireWriterLock, type WriterLock } from '../lock.js';
import { AX_DIR, dbPathFor, indexRoot } from '../root.js';
import { DirWatcher, type WatchFn } from './dirwatcher.js';
import { tuneWasmCompiler } from '../../lang/wasm-flags.js';

/** Pending distinct paths beyond which events are dropped in favour of one full reconcile. */
const MAX_PENDING = 50_000;
/** WAL pages before SQLite checkpoints on its own (16k pages of 4 KiB = 64 MiB). */
const AUTOCHECKPOINT_PAGES = 16_384;
/** Quiet time after the last batch before the WAL is checkpointed. */
const IDLE_CHECKPOINT_MS = 1_000;
/** Roots watched by this process. */
const ACTIVE = new Set<string>();
/** How often .ax/config.json is looked at (it is outside the watched tree). */
const CONFIG_POLL_MS = 2_000;
/** The configuration files (services/config.ts), root-relative. */
const CONFIG_IN_ROOT = CONFIG_FILES[0];
const CONFIG_IN_AX = `${AX_DIR}/config.json`;
/** Paths handed to the engine per batch. */
const MAX_BATCH = 2_000;

export type WatchEvent =
  | { type: 'watching'; root: string; dirs: number; files: number; generation: number; ms: number;
      reconciled: { added: number; updated: number; removed: number; unchanged: number; ms: number } }
  | { type: 'update'; op: '+' | '~' | '-'; path: string; lang?: string; symbols?: number; reason?: string;
      ms: number; latencyMs: number; generation: number }
  | { type: 'reconcile'; reason: string; added: number; updated: number; removed: number; ms: number; generation: number }
  | { type: 'summary'; periodMs: number; updates: number; added: number; updated: number; removed: number;
      files: number; dirs: number; generation: number; pending: number; rssMb: number }
  | { type: 'error'; code: string; message: string; hint?: string; fatal: boolean };

export interface WatchOptions {
  dir?: string;
  flags?: Partial<Record<keyof AxConfig, string>>;
  /** Quiet period after the last event before a batch is processed (default 20 ms). */
  debounceMs?: number;
  /** Longest a pending path waits while events keep arriving (default 200 ms). */
  maxWaitMs?: number;
  /** Interval of summary events; 0 = none (default 60 s). Only emitted when something changed. */
  summaryEveryMs?: number;
  /** Replaceable fs.watch (tests). */
  watchFn?: WatchFn;
  /** Threshold of the in-process/worker-pool switch (tests). */
  inProcessMax?: number;
  /** Pending distinct paths beyond which one full reconcile replaces them (default 50,000; tests). */
  maxPending?: number;
  /** Events in one poll phase taken as a full kernel queue, answered by a full reconcile (tests). */
  overflowAt?: number;
}

export interface WatchCounters { updates: number; added: number; updated: number; removed: number; batches: number; reconciles: number }

export class Watch extends EventEmitter {
  readonly root: string;
  readonly counters: WatchCounters = { updates: 0, added: 0, updated: 0, removed: 0, batches: 0, reconciles: 0 };
  private readonly pending = new Map<string, number>();
  /** Why the next drain must be a full re-scan instead of the pending paths (undefined: it need not). */
  private overflow: string | undefined;
  /** A configuration file changed: reload it before the next batch. */
  private configChanged = false;
  private configTimer: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | undefined;
  private summaryTimer: NodeJS.Timeout | undefined;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private firstPending = 0;
  private lastEvent = 0;
  private draining: Promise<void> | undefined;
  private closing = false;
  private readonly abort = new AbortController();
  private engine!: IncrementalIndexer;
  private watcher!: DirWatcher;
  private period: WatchCounters = { updates: 0, added: 0, updated: 0, removed: 0, batches: 0, reconciles: 0 };
  private periodStart = performance.now();
  private closedResolve!: () => void;
  /** Resolves when the watch has stopped (close(), or a fatal error). */
  readonly closed: Promise<void> = new Promise((r) => { this.closedResolve = r; });
  /** The 'watching' event: what start-up found and did. */
  info!: WatchEvent;

  private constructor(
    root: string,
    private readonly db: DB,
    private readonly lock: WriterLock,
    private config: AxConfig,
    private readonly o: WatchOptions,
  ) {
    super();
    this.root = root;
  }

  static async start(o: WatchOptions = {}): Promise<Watch> {
    const t0 = performance.now();
    const root = indexRoot(o.dir);
    const { config } = loadConfig(root, o.flags);
    // The PID lock treats its own process as stale; a second watcher inside one process (a server) is
    // refused here.
    if (ACTIVE.has(root)) {
      throw new AxError('E_INDEX_LOCKED', `the index at ${root} is already being watched by this process (pid ${process.pid})`, {
        hint: 'use the running watcher; queries keep working meanwhile',
      });
    }
    const lock = acquireWriterLock(root, 'watch');
    ACTIVE.add(root);
    let db: DB | undefined;
    try {
      db = openDatabase(dbPathFor(root), { create: true });
      // Checkpoint the WAL when idle, not inside an edit's commit (a checkpoint of a large index costs
      // tens to hundreds of ms); the raised automatic threshold (64 MiB) still bounds the WAL in long bursts.
      db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      const w = new Watch(root, db, lock, config, o);
      await w.init(t0);
      return w;
    } catch (e) {
      db?.close();
      lock.release();
      ACTIVE.delete(root);
      throw e;
    }
  }

  private async init(t0: number): Promise<void> {
    let fatal: AxError | undefined;
    this.watcher = new DirWatcher({
      root: this.root,
      onPath: (rel) => this.enqueue(rel),
      onFatal: (e) => { if (this.engine) this.fail(e); else fatal ??= e; },
      onOverflow: (n) => {
        this.overflow ??= `${n} file-system events arrived at once: the kernel's event queue (fs.inotify.max_queued_events) may have dropped some`;
        this.pending.clear();
        if (this.engine) this.schedule();
      },
      ...(this.o.overflowAt !== undefined ? { overflowAt: this.o.overflowAt } : {}),
      ...(this.o.watchFn ? { watchFn: this.o.watchFn } : {}),
    });
    // Watch first, then reconcile: whatever changes during the reconcile is pending afterwards.
    this.watcher.addTree(new IgnoreRules(this.root, this.config.exclude));
    if (fatal) { this.watcher.close(); throw fatal; }
    this.pollConfigInAx();
    // A long-lived process: V8's default tiering (lang/wasm-flags.ts), whatever the first run parses.
    tuneWasmCompiler('default');
    const rec = await runIndex({ root: this.root, db: this.db, config: this.config });
    this.engine = this.makeEngine();
    if (fatal) { this.watcher.close(); clearInterval(this.configTimer); throw fatal; }
    await this.engine.warm();
    // Emitted on the next turn, so a caller that attaches listeners after `await startWatch()` sees it.
    const info: WatchEvent = {
      type: 'watching', root: this.root, dirs: this.watcher.count, files: this.engine.files,
      generation: this.engine.generation(), ms: Math.round(performance.now() - t0),
      reconciled: { added: rec.added, updated: rec.updated, removed: rec.removed, unchanged: rec.unchanged, ms: Math.round(rec.durationMs) },
    };
    this.info = info;
    this.periodStart = performance.now(); // the first summary period starts when watching does
    setImmediate(() => this.emitEvent(info));
    const every = this.o.summaryEveryMs ?? 60_000;
    if (every > 0) {
      this.summaryTimer = setInterval(() => this.summary(), every);
      this.summaryTimer.unref();
    }
    if (this.pending.size > 0 || this.overflow) this.schedule();
  }

  private makeEngine(): IncrementalIndexer {
    return new IncrementalIndexer({
      root: this.root, db: this.db, config: this.config,
      onDir: (rel, abs) => { this.watcher.add(rel, abs); },
      ...(this.o.inProcessMax !== undefined ? { inProcessMax: this.o.inProcessMax } : {}),
    });
  }

  /**
   * `.ax/` is not watched (every commit writes there, and those events would share the kernel queue
   * with the tree's); its config.json is polled instead, a stat every CONFIG_POLL_MS. ax.config.json
   * sits in the root and arrives as an ordinary event.
   */
  private pollConfigInAx(): void {
    const file = path.join(this.root, AX_DIR, 'config.json');
    const sig = () => { try { const st = statSync(file); return `${st.mtimeMs}:${st.size}:${st.ino}`; } catch { return 'none'; } };
    let last = sig();
    this.configTimer = setInterval(() => {
      const now = sig();
      if (now !== last) { last = now; this.enqueue(CONFIG_IN_AX); }
    }, CONFIG_POLL_MS);
    this.configTimer.unref();
  }

  /**
   * A configuration file changed: reload it. If what is indexed may differ (exclude, size limits...),
   * a new engine with the new settings re-scans everything, as `ax index` with them would. An invalid
   * file is reported (not fatal) and the settings in force stay.
   */
  private reloadConfig(): void {
    let next: AxConfig;
    try {
      next = loadConfig(this.root, this.o.flags).config;
    } catch (e) {
      const err = isAxError(e) ? e : new AxError('E_CONFIG', String((e as Error).message ?? e));
      this.emitEvent({ type: 'error', code: err.code, message: `${err.message} (the previous settings stay in force)`, ...(err.hint ? { hint: err.hint } : {}), fatal: false });
      return;
    }
    if (JSON.stringify(next) === JSON.stringify(this.config)) return;
    this.config = next;
    this.engine = this.makeEngine();
    this.overflow ??= 'the configuration changed';
  }

  get dirs(): number { return this.watcher.count; }
  get files(): number { return this.engine.files; }
  get pendingPaths(): number { return this.pending.size; }

  /** Resolves once no path is pending and nothing is being processed. */
  async settled(): Promise<void> {
    while (this.draining || this.timer || this.pending.size > 0 || this.overflow) {
      if (this.closing) return;
      if (this.draining) await this.draining;
      else await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** The events as an async iterator (ends when the watch closes). */
  async *[Symbol.asyncIterator](): AsyncIterator<WatchEvent> {
    try {
      for await (const [e] of on(this, 'event', { signal: this.abort.signal })) yield e as WatchEvent;
    } catch (e) {
      if ((e as Error).name !== 'AbortError') throw e;
    }
  }

  async close(): Promise<void> {
    if (this.closing) return this.closed;
    this.closing = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    clearInterval(this.summaryTimer);
    clearTimeout(this.checkpointTimer);
    this.watcher.close();
    clearInterval(this.configTimer);
    if (this.draining) await this.draining.catch(() => undefined);
    this.summary();
    truncateWal(this.db);
    this.db.close();
    this.lock.release();
    ACTIVE.delete(this.root);
    this.abort.abort();
    this.closedResolve();
    return this.closed;
  }

  private emitEvent(e: WatchEvent): void {
    this.emit('event', e);
  }

  private fail(e: unknown): void {
    // SQLite's failures (disk full, read-only, busy past the timeout, a damaged page) become the AxError
    // the rest of ax gives for them, with its hint; anything else is an internal error.
    const t = translate(e, dbPathFor(this.root));
    const err = isAxError(t) ? t : new AxError('E_INTERNAL', (e as Error).message ?? String(e), { cause: e });
    this.emitEvent({ type: 'error', code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}), fatal: true });
    void this.close(); // not awaited: close() waits for the drain this may be running inside
  }

  private enqueue(rel: string): void {
    if (this.closing) return;
    if (rel === CONFIG_IN_ROOT || rel === CONFIG_IN_AX) this.configChanged = true; // stays pending: it wakes the drain
    const first = rel.split('/', 1)[0]!;
    if (ALWAYS_SKIPPED_DIRS.has(first) && rel !== CONFIG_IN_AX) return;
    const now = performance.now();
    if (this.pending.size === 0) this.firstPending = now;
    this.lastEvent = now;
    if (!this.pending.has(rel)) {
      if (this.pending.size >= (this.o.maxPending ?? MAX_PENDING)) {
        this.overflow ??= `more than ${this.o.maxPending ?? MAX_PENDING} paths changed at once`;
        this.pending.clear();
      }
      else this.pending.set(rel, now);
    }
    if (this.engine) this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.draining || this.closing) return;
    const debounce = this.o.debounceMs ?? 20;
    const maxWait = this.o.maxWaitMs ?? 200;
    const tick = () => {
      this.timer = undefined;
      const now = performance.now();
      const quiet = now - this.lastEvent;
      if (quiet < debounce && now - this.firstPending < maxWait) {
        this.timer = setTimeout(tick, Math.max(1, Math.min(debounce - quiet, maxWait - (now - this.firstPending))));
        return;
      }
      this.draining = this.drain().finally(() => {
        this.draining = undefined;
        if (this.pending.size > 0 || this.overflow) this.schedule();
        else { this.emit('idle'); this.scheduleCheckpoint(); }
      });
    };
    this.timer = setTimeout(tick, debounce);
  }

  private scheduleCheckpoint(): void {
    clearTimeout(this.checkpointTimer);
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = undefined;
      if (this.closing || this.draining || this.timer || this.pending.size > 0) return;
      try { this.db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* a reader holds old pages: next time */ }
    }, IDLE_CHECKPOINT_MS);
    this.checkpointTimer.unref();
  }

  private async drain(): Promise<void> {
    try {
      while (!this.closing && (this.pending.size > 0 || this.overflow)) {
        if (this.configChanged) {
          this.configChanged = false;
          this.pending.delete(CONFIG_IN_AX);
          this.reloadConfig();
        }
        if (this.overflow) {
          const reason = this.overflow;
          this.overflow = undefined;
          this.pending.clear();
          // Watch first (directories whose creation was among the lost events too), then re-scan.
          this.engine.rules.invalidate('');
          this.watcher.addTree(this.engine.rules);
          const r = await runIndex({ root: this.root, db: this.db, config: this.config });
          this.engine.reload();
          this.count('reconciles');
          this.emitEvent({ type: 'reconcile', reason, added: r.added,
            updated: r.updated, removed: r.removed, ms: Math.round(r.durationMs), generation: r.stats.generation });
          continue;
        }
        const batch = new Map<string, number>();
        for (const [p, t] of this.pending) {
          batch.set(p, t);
          this.pending.delete(p);
          if (batch.size >= MAX_BATCH) break;
        }
        const since = Math.min(...batch.values());
        const res = await this.engine.apply(batch.keys(), (changes, generation) => this.report(changes, generation, batch, since));
        for (const g of res.gone) this.watcher.removeUnder(g);
        this.count('batches');
      }
    } catch (e) {
      this.fail(e);
    }
  }

  private report(changes: FileChange[], generation: number, batch: Map<string, number>, since: number): void {
    const now = performance.now();
    for (const c of changes) {
      const t0 = batch.get(c.path) ?? since;
      this.count('updates');
      this.count(c.op === '+' ? 'added' : c.op === '~' ? 'updated' : 'removed');
      const base = { type: 'update' as const, op: c.op, path: c.path, ms: round(c.ms), latencyMs: round(now - t0), generation };
      this.emitEvent(c.op === '-' ? { ...base, ...(c.reason ? { reason: c.reason } : {}) } : { ...base, lang: c.lang, symbols: c.symbols });
    }
  }

  private count(k: keyof WatchCounters): void {
    this.counters[k]++;
    this.period[k]++;
  }

  /** Emit a summary of the period just ended (only if it changed something). */
  summary(force = false): void {
    const p = this.period;
    if (!force && p.updates === 0 && p.reconciles === 0) return;
    const now = performance.now();
    this.emitEvent({
      type: 'summary', periodMs: Math.round(now - this.periodStart), updates: p.updates, added: p.added, updated: p.updated,
      removed: p.removed, files: this.engine.files, dirs: this.watcher.count, generation: this.engine.generation(),
      pending: this.pending.size, rssMb: Math.round(process.memoryUsage().rss / 1048576),
    });
    this.period = { updates: 0, added: 0, updated: 0, removed: 0, batches: 0, reconciles: 0 };
    this.periodStart = now;
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Start watching `o.dir` (default: the working directory). */
export function startWatch(o: WatchOptions = {}): Promise<Watch> {
  return Watch.start(o);
}

