// The file-system watcher behind `ax watch`: one non-recursive fs.watch (one inotify watch) per
// directory that `ax index` would enter, so ignored trees (node_modules, .git, gitignored build output)
// are never watched. Chosen over @parcel/watcher (missed files in renamed directories), chokidar and
// recursive fs.watch (a watch per file: 11x the inotify watches, slower start); see docs/watch.md.
// It reports bare root-relative paths; deciding what a path now is (file, directory, gone) is the
// engine's job, which calls add() for every directory it walks (before reading it, so nothing created
// in a new directory is missed) and removeUnder() for paths that are gone.
// Lost events: the kernel queues at most fs.inotify.max_queued_events (16,384) events per inotify
// instance (one per process: libuv shares it among all fs.watch handles) and drops the rest when the
// process does not read in time; its IN_Q_OVERFLOW notice never reaches JavaScript (libuv discards
// it). libuv reads the whole queue in one poll phase, so a phase that delivers at least that many
// events followed a full queue, and events may be gone: onOverflow tells the engine, which then
// re-scans everything. Fewer than that in a phase means nothing was dropped since the previous one.
// (Measured: a loop blocked while 30,000 files were replaced saw exactly 16,384 events, naming 4,096.)

import { watch as fsWatch, lstatSync, readdirSync, readFileSync, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { AxError } from '../../core/errors.js';
import { ALWAYS_SKIPPED_DIRS, ignoredBy, type IgnoreRules } from '../../indexer/ignore.js';

export type WatchFn = (dir: string, listener: (event: string, filename: string | Buffer | null) => void) => FSWatcher;

export interface DirWatcherOptions {
  root: string;
  /** A path (root-relative, '' = the root) that may have changed. */
  onPath: (rel: string) => void;
  /** A failure that makes watching incomplete (inotify limit): the watch must stop. */
  onFatal: (e: AxError) => void;
  /** The kernel's event queue may have overflowed: some events are lost (re-scan to be sure). */
  onOverflow?: (events: number) => void;
  /** Replaceable for tests. */
  watchFn?: WatchFn;
  /** Events in one poll phase that count as a full queue (default max_queued_events; tests). */
  overflowAt?: number;
}

/** The kernel's per-instance event queue length (Linux), or its default. */
export function maxQueuedEvents(): number {
  try {
    const n = Number(readFileSync('/proc/sys/fs/inotify/max_queued_events', 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : 16_384;
  } catch { return 16_384; }
}

export function inotifyLimitError(cause: unknown): AxError {
  return new AxError('E_IO', 'the system limit on watched directories (inotify watches) is reached', {
    hint: 'raise it: `sudo sysctl fs.inotify.max_user_watches=524288` (make it permanent with a line '
      + '`fs.inotify.max_user_watches=524288` in /etc/sysctl.d/90-ax.conf), or exclude large directories in .axignore',
    cause,
  });
}

export class DirWatcher {
  private readonly watchers = new Map<string, { w: FSWatcher; ino: number }>();
  private readonly watchFn: WatchFn;
  private closed = false;
  /** Events delivered in the current poll phase (reset by a setImmediate, which runs right after it). */
  private inPhase = 0;
  private readonly overflowAt: number;

  constructor(private readonly o: DirWatcherOptions) {
    this.watchFn = o.watchFn ?? ((dir, listener) => fsWatch(dir, { persistent: true }, listener));
    this.overflowAt = o.overflowAt ?? maxQueuedEvents();
  }

  /** Count one event of this process's inotify queue (call it from any other fs.watch in the process). */
  countEvent(): void {
    if (this.inPhase++ === 0) {
      setImmediate(() => {
        const n = this.inPhase;
        this.inPhase = 0;
        if (n >= this.overflowAt && !this.closed) this.o.onOverflow?.(n);
      });
    }
  }

  get count(): number { return this.watchers.size; }

  /** Watch every directory under the root that the rules let the indexer enter. */
  addTree(rules: IgnoreRules): void {
    const visit = (rel: string) => {
      const abs = rel ? path.join(this.o.root, rel) : this.o.root;
      if (!this.add(rel, abs)) return;
      let entries;
      try { entries = readdirSync(abs, { withFileTypes: true }); } catch { return; }
      const matchers = rules.matchersFor(rel);
      for (const e of entries) {
        if (!e.isDirectory() || ALWAYS_SKIPPED_DIRS.has(e.name)) continue;
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (!ignoredBy(matchers, child, true)) visit(child);
      }
    };
    visit('');
  }

  /** Watch one directory (again, if the path now holds a different directory). False if it cannot be. */
  add(rel: string, abs: string): boolean {
    if (this.closed) return false;
    let ino: number;
    try { ino = lstatSync(abs).ino; } catch { return false; }
    const cur = this.watchers.get(rel);
    if (cur) {
      if (cur.ino === ino) return true;
      cur.w.close(); // the directory there was renamed away; its watcher follows the old inode
      this.watchers.delete(rel);
    }
    let w: FSWatcher;
    try {
      w = this.watchFn(abs, (_event, filename) => {
        if (this.closed) return;
        this.countEvent();
        const name = filename == null ? '' : filename.toString();
        this.o.onPath(name ? (rel ? `${rel}/${name}` : name) : rel);
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EMFILE') { this.o.onFatal(inotifyLimitError(e)); return false; }
      return false; // gone or unreadable meanwhile: the engine sees it as such
    }
    w.on('error', () => {
      // The directory went away under the watcher: forget it and let the engine look at the path.
      if (this.watchers.get(rel)?.w === w) this.watchers.delete(rel);
      w.close();
      if (!this.closed) this.o.onPath(rel);
    });
    this.watchers.set(rel, { w, ino });
    return true;
  }

  /** Stop watching `rel` and every directory below it (they are gone or now ignored). */
  removeUnder(rel: string): void {
    if (rel !== '' && !this.watchers.has(rel)) return; // not a watched directory: nothing below it is watched
    for (const [k, v] of this.watchers) {
      if (k === rel || rel === '' || k.startsWith(rel + '/')) { v.w.close(); this.watchers.delete(k); }
    }
  }

  close(): void {
    this.closed = true;
    for (const v of this.watchers.values()) v.w.close();
    this.watchers.clear();
  }
}
