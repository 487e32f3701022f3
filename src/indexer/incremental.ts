// Incremental updates for `ax watch`: given root-relative paths that a watcher saw change (files or
// directories, existing or gone), bring the store in line with the working tree for exactly those
// paths, with the same rules as a full run (ignore files, size/mtime then hash, prepareFile, skips).
// Each committed transaction holds whole files (definitions, calls, imports, chunks/FTS rows) and
// bumps the generation, so readers (WAL) see a file either before or after, never half-written.
// Small batches are prepared in-process (no worker start-up on the edit-to-queryable path); large
// ones (a branch switch) go through the worker pool with commits bounded by files and bytes.

import { availableParallelism } from 'node:os';
import { lstatSync } from 'node:fs';
import path from 'node:path';
import type { AxConfig } from '../core/config.js';
import type { DB } from '../store/db.js';
import type { FileRecord, FileState, SkippedRecord } from '../store/records.js';
import { IndexReader } from '../store/reader.js';
import { IndexWriter } from '../store/writer.js';
import { extract } from '../lang/engine.js';
import { languageById } from '../lang/registry.js';
import { IgnoreRules, parentOf } from './ignore.js';
import { runPool } from './pool.js';
import { prepareFile, type PrepareResult, type PrepareTask } from './prepare.js';
import { walkFrom } from './walk.js';

const BATCH_BYTES = 16 * 1024 * 1024;
/**
 * Up to this many files are prepared on the calling thread (its grammars are warm; starting the pool
 * costs each worker a grammar load, seconds under load); more go to the worker pool.
 */
const IN_PROCESS_MAX = 256;

export type FileChange =
  | { op: '+' | '~'; path: string; lang: string; symbols: number; ms: number }
  | { op: '-'; path: string; reason?: string; ms: number };

export interface ApplyResult {
  changes: FileChange[];
  added: number;
  updated: number;
  removed: number;
  /** Candidates whose content turned out unchanged (hash equal). */
  unchanged: number;
  /** Files examined (candidates after the size/mtime shortcut). */
  examined: number;
  /** Directories re-walked. */
  dirsScanned: number;
  /** Paths found missing or ignored (a watcher stops following directories there). */
  gone: string[];
  generation: number;
  ms: number;
}

export interface IncrementalOptions {
  root: string;
  db: DB;
  config: AxConfig;
  /** Called for every directory a re-walk enters, before reading it (watchers attach here). */
  onDir?: (rel: string, abs: string) => void;
  /** Override the in-process/pool threshold (tests). */
  inProcessMax?: number;
}

interface Candidate { rel: string; abs: string; size: number; mtimeMs: number; explicit: boolean }

export class IncrementalIndexer {
  readonly rules: IgnoreRules;
  private readonly reader: IndexReader;
  private readonly writer: IndexWriter;
  private known = new Map<string, FileState>();
  /** Directory -> number of indexed files under it: a gone path is a directory only if it is here. */
  private readonly dirFiles = new Map<string, number>();

  constructor(private readonly o: IncrementalOptions) {
    this.rules = new IgnoreRules(o.root, o.config.exclude);
    this.reader = new IndexReader(o.db);
    this.writer = new IndexWriter(o.db);
    this.load();
  }

  private load(): void {
    this.known = new Map();
    this.dirFiles.clear();
    for (const [p, st] of this.reader.fileStates()) this.setKnown(p, st);
  }

  private setKnown(p: string, st: FileState): void {
    if (!this.known.has(p)) for (let d = parentOf(p); d !== ''; d = parentOf(d)) this.dirFiles.set(d, (this.dirFiles.get(d) ?? 0) + 1);
    this.known.set(p, st);
  }

  private deleteKnown(p: string): void {
    if (!this.known.delete(p)) return;
    for (let d = parentOf(p); d !== ''; d = parentOf(d)) {
      const n = (this.dirFiles.get(d) ?? 1) - 1;
      if (n > 0) this.dirFiles.set(d, n); else this.dirFiles.delete(d);
    }
  }

  /** Indexed paths under directory `d` ('' = all). */
  private *knownUnder(d: string): Iterable<string> {
    if (d !== '' && !this.dirFiles.has(d)) return;
    const prefix = d === '' ? '' : d + '/';
    for (const k of this.known.keys()) if (k.startsWith(prefix)) yield k;
  }

  /** Re-read the file states from the store (after another writer, e.g. a full reconcile). */
  reload(): void {
    this.load();
    this.rules.invalidate('');
  }

  get files(): number { return this.known.size; }

  /**
   * Load the grammars (and compile the queries) of the index's most common languages now, so the
   * first edit after start-up does not pay for it on the edit-to-queryable path.
   */
  async warm(maxLanguages = 3): Promise<void> {
    const langs = Object.keys(this.reader.stats().languages).slice(0, maxLanguages);
    for (const id of langs) {
      const spec = languageById(id);
      if (spec) { try { await extract(spec, ''); } catch { /* reported when a file of it is parsed */ } }
    }
  }

  generation(): number { return this.reader.generation(); }

  /**
   * Bring the given paths up to date. A path may name a file or a directory (re-walked), and may be
   * gone (its rows, and those of everything under it, are removed). `onCommit` receives each
   * transaction's changes once they are committed (queryable).
   */
  async apply(paths: Iterable<string>, onCommit?: (changes: FileChange[], generation: number) => void): Promise<ApplyResult> {
    const t0 = performance.now();
    const { root } = this.o;
    const list = [...new Set([...paths].map(normal))];
    // A changed ignore file changes what its directory holds: forget cached rules, re-walk it.
    for (const p of [...list]) {
      const base = p.slice(p.lastIndexOf('/') + 1);
      if (this.rules.ignoreFiles.includes(base)) {
        this.rules.invalidate(parentOf(p));
        list.push(parentOf(p));
      }
    }
    const candidates = new Map<string, Candidate>();
    const gone = new Set<string>();
    const dirs: string[] = [];
    for (const p of new Set(list)) {
      const abs = p ? path.join(root, p) : root;
      let st;
      try { st = lstatSync(abs); } catch { gone.add(p); continue; }
      if (st.isDirectory()) {
        if (p && this.rules.check(p, true)) gone.add(p); else dirs.push(p);
      } else if (st.isFile() && !this.rules.check(p, false)) {
        candidates.set(p, { rel: p, abs, size: st.size, mtimeMs: st.mtimeMs, explicit: true });
      } else {
        gone.add(p);
      }
    }
    // Re-walk directories (outermost only); indexed files under them that the walk no longer finds go.
    const walkSkips: SkippedRecord[] = [];
    const outer = dirs.sort().filter((d, i, a) => !a.slice(0, i).some((o) => o === '' || d === o || d.startsWith(o + '/')));
    for (const d of outer) {
      const w = walkFrom(root, d, {
        ignoreFiles: this.rules.ignoreFiles,
        inherited: d === '' ? this.rules.base : this.rules.matchersFor(parentOf(d)),
        ...(this.o.onDir ? { onDir: this.o.onDir } : {}),
      });
      const seen = new Set<string>();
      for (const f of w.files) {
        seen.add(f.rel);
        if (!candidates.has(f.rel)) candidates.set(f.rel, { ...f, explicit: false });
      }
      walkSkips.push(...w.skipped);
      for (const k of this.knownUnder(d)) if (!seen.has(k)) gone.add(k);
    }

    // Removals: a gone path may have been a file or a whole directory.
    const removals = new Set<string>();
    for (const g of gone) {
      if (this.known.has(g)) removals.add(g);
      if (g !== '') for (const k of this.knownUnder(g)) removals.add(k);
    }

    const tasks: PrepareTask[] = [];
    let unchanged = 0;
    for (const c of candidates.values()) {
      const k = this.known.get(c.rel);
      // A path a watcher named is always hashed (an edit can keep size and mtime); re-walked ones
      // take the indexer's size+mtime shortcut.
      if (k && !c.explicit && k.size === c.size && k.mtimeMs === Math.trunc(c.mtimeMs)) { unchanged++; continue; }
      tasks.push({ rel: c.rel, abs: c.abs, size: c.size, mtimeMs: c.mtimeMs, ...(k ? { knownHash: k.hash } : {}) });
    }

    const res: ApplyResult = { changes: [], added: 0, updated: 0, removed: 0, unchanged, examined: tasks.length,
      dirsScanned: outer.length, gone: [...gone], generation: this.reader.generation(), ms: 0 };
    const w = this.writer;
    let pending: FileChange[] = [];
    let pendingBytes = 0, pendingFiles = 0, dirty = false;
    const commit = () => {
      if (dirty) {
        w.setMeta('indexedAt', new Date().toISOString());
        res.generation = w.bumpGeneration();
      }
      w.commit();
      const done = pending;
      pending = []; pendingBytes = 0; pendingFiles = 0; dirty = false;
      res.changes.push(...done);
      if (done.length) onCommit?.(done, res.generation);
    };
    const write = (r: PrepareResult, ms: number) => {
      pendingFiles++;
      if (r.kind === 'file') {
        const was = this.known.has(r.record.path);
        w.writeFile(r.record);
        this.remember(r.record);
        pendingBytes += r.record.size;
        dirty = true;
        if (was) res.updated++; else res.added++;
        pending.push({ op: was ? '~' : '+', path: r.record.path, lang: r.record.lang, symbols: r.record.symbols.count, ms });
      } else if (r.kind === 'unchanged') {
        res.unchanged++;
        w.touchFile(r.path, r.mtimeMs);
        const k = this.known.get(r.path);
        if (k) k.mtimeMs = Math.trunc(r.mtimeMs);
      } else {
        w.recordSkipped({ path: r.path, reason: r.reason, detail: r.detail });
        if (w.removeByPath(r.path)) {
          this.deleteKnown(r.path);
          dirty = true;
          res.removed++;
          pending.push({ op: '-', path: r.path, reason: r.reason, ms });
        }
      }
    };

    w.begin();
    try {
      w.useIncrementalMerging();
      for (const p of removals) {
        const t = performance.now();
        if (w.removeByPath(p)) { res.removed++; dirty = true; pending.push({ op: '-', path: p, ms: performance.now() - t }); }
        this.deleteKnown(p);
      }
      for (const g of gone) w.forgetSkipped(g);
      for (const s of walkSkips) w.recordSkipped(s);
      const limits = { maxFileSize: this.o.config.maxFileSize, maxLineLength: this.o.config.maxLineLength };
      if (tasks.length <= (this.o.inProcessMax ?? IN_PROCESS_MAX)) {
        for (const t of tasks) {
          const ts = performance.now();
          let r: PrepareResult;
          try { r = await prepareFile(t, limits); } catch (e) { r = { kind: 'skip', path: t.rel, reason: 'parse-failed', detail: (e as Error).message }; }
          write(r, performance.now() - ts);
          // Let the event loop run between files: watcher callbacks must keep draining the kernel's
          // event queue (inotify drops events when it overflows) while a batch is parsed here.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } else {
        let last = performance.now();
        await runPool(tasks, { workers: this.o.config.workers > 0 ? this.o.config.workers : availableParallelism(), limits }, (results) => {
          const now = performance.now();
          for (const r of results) write(r, (now - last) / results.length);
          last = now;
          if (pendingFiles >= this.o.config.batchFiles || pendingBytes >= BATCH_BYTES) { commit(); w.begin(); }
        });
      }
      w.settleFullText(this.known.size);
      commit();
    } catch (e) {
      w.rollback();
      this.load(); // the store is the truth after a rollback
      throw e;
    }
    res.ms = performance.now() - t0;
    return res;
  }

  private remember(r: FileRecord): void {
    const prev = this.known.get(r.path);
    this.setKnown(r.path, { id: prev?.id ?? 0, size: r.size, mtimeMs: Math.trunc(r.mtimeMs), hash: r.hash });
  }
}

function normal(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
}
