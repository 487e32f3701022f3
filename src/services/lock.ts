// One writer per index: `.ax/writer.lock` names the writer (pid, process start time, host, command).
// A second `ax index`/`ax watch`/`ax db` writer is refused with a clear message. A lock whose process is
// gone is stale and taken over: a SIGKILLed run, a zombie nobody reaped yet (kill(pid, 0) still succeeds
// for it), or a pid the kernel has since given to another process (the start time differs; containers
// hand out the same low pids after every restart). Taking over is serialized by a short-lived guard
// file, so two processes that both find a stale lock cannot both end up holding the lock.
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { AxError } from '../core/errors.js';
import { AX_DIR } from './root.js';

/** What the lock file holds. `start` is the process start time from /proc (Linux; absent elsewhere). */
interface Holder { pid?: number; start?: number; host?: string; purpose?: string; since?: string }

/** Lock files held by this process: a second writer inside one process (a server) is refused too. */
const HELD = new Set<string>();
/** A takeover guard older than this was left by a process that died in the middle of a takeover. */
const GUARD_STALE_MS = 5_000;
const ATTEMPTS = 6;

/** Linux: [state, start time in clock ticks since boot] of a process, or undefined (gone, or no /proc). */
function procStat(pid: number): { state: string; start: number } | undefined {
  let text: string;
  try { text = readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { return undefined; }
  // The command name (field 2) is in parentheses and may itself contain ') ': read after the last one.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const start = Number(rest[19]); // field 22 overall
  return { state: rest[0] ?? '?', start: Number.isFinite(start) ? start : -1 };
}

const HAS_PROC = procStat(process.pid) !== undefined;
const SELF_START = HAS_PROC ? procStat(process.pid)!.start : undefined;

/** Whether the lock's holder is a running process (on this host). */
function holderAlive(h: Holder): boolean {
  const pid = h.pid;
  if (!pid || !Number.isInteger(pid) || pid <= 0) return false;
  if (HAS_PROC) {
    const st = procStat(pid);
    if (!st) return false; // no such process
    if (st.state === 'Z' || st.state === 'X') return false; // killed, not yet reaped
    if (h.start !== undefined && st.start !== h.start) return false; // the pid was reused
    return true;
  }
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function ioError(dir: string, e: unknown): AxError {
  const code = (e as NodeJS.ErrnoException).code;
  return new AxError('E_IO', `cannot write in ${dir}: ${code === 'ENOSPC' ? 'the disk is full' : code === 'EROFS' ? 'read-only file system' : 'permission denied'}`, {
    hint: 'the existing index is untouched; make the .ax directory writable (or free disk space) and re-run', cause: e,
  });
}

const isIoRefusal = (e: unknown) => ['EROFS', 'EACCES', 'EPERM', 'ENOSPC'].includes((e as NodeJS.ErrnoException).code ?? '');

export interface WriterLock { release(): void }

export function acquireWriterLock(root: string, purpose: string): WriterLock {
  const dir = path.join(root, AX_DIR);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new AxError('E_IO', `cannot create ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, {
      hint: 'index a directory you can write to, or fix its permissions', cause: e,
    });
  }
  const file = path.join(dir, 'writer.lock');
  const host = hostname();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      create(file, JSON.stringify({ pid: process.pid, ...(SELF_START !== undefined ? { start: SELF_START } : {}), host, purpose, since: new Date().toISOString() } satisfies Holder));
      HELD.add(file);
      let released = false;
      return { release: () => { if (!released) { released = true; HELD.delete(file); rmSync(file, { force: true }); } } };
    } catch (e) {
      if (isIoRefusal(e)) throw ioError(dir, e);
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let raw = '';
    try { raw = readFileSync(file, 'utf8'); } catch { continue; /* released meanwhile: try again */ }
    let holder: Holder = {};
    try { holder = JSON.parse(raw) as Holder; } catch { /* half-written or garbage: the writer died writing it, or it is not ours */ }
    if (holder.pid === process.pid && HELD.has(file)) {
      throw new AxError('E_INDEX_LOCKED', `the index at ${root} is already being written by this process (\`ax ${holder.purpose ?? '?'}\`, pid ${process.pid})`, {
        hint: 'wait for that operation to finish; queries keep working meanwhile',
      });
    }
    if (holder.host && holder.host !== host) {
      throw new AxError('E_INDEX_LOCKED', `the index at ${root} is being written by \`ax ${holder.purpose ?? '?'}\` (pid ${holder.pid ?? '?'}) on host ${holder.host}`, {
        hint: `wait for it to finish; if no ax runs on ${holder.host}, delete ${file}`,
      });
    }
    // Our own pid without our own lock: left by an earlier process that had the same pid.
    if (holder.pid !== process.pid && holderAlive(holder)) {
      throw new AxError('E_INDEX_LOCKED', `the index at ${root} is being written by \`ax ${holder.purpose ?? '?'}\` (pid ${holder.pid})`, {
        hint: 'wait for it to finish, or stop it; queries keep working meanwhile',
      });
    }
    takeOver(file, raw);
  }
  throw new AxError('E_INDEX_LOCKED', `could not take the writer lock at ${file}: other processes keep taking it`, {
    hint: 'another ax is starting on this index; wait for it, then re-run',
  });
}

/**
 * Create `file` holding `text`, failing with EEXIST if it exists. Written to a private file first and
 * hard-linked into place, so no other process ever reads a half-written lock (and mistakes it for
 * garbage left by a dead one). File systems without hard links get an exclusive create instead.
 */
function create(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    try {
      linkSync(tmp, file);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e;
    }
  } finally {
    rmSync(tmp, { force: true });
  }
  const fd = openSync(file, 'wx');
  try { writeSync(fd, text); } finally { closeSync(fd); }
}

/** Remove a stale lock, but only if it still holds `raw` (another process may have taken over already). */
function takeOver(file: string, raw: string): void {
  const guard = `${file}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch (e) {
    if (isIoRefusal(e)) throw ioError(path.dirname(file), e);
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    let age = 0;
    try { age = Date.now() - statSync(guard).mtimeMs; } catch { return; /* just released: retry */ }
    if (age > GUARD_STALE_MS) rmSync(guard, { force: true });
    else sleepSync(20); // someone else is taking over right now: look again afterwards
    return;
  }
  try {
    let now = '';
    try { now = readFileSync(file, 'utf8'); } catch { return; /* gone already */ }
    if (now === raw) rmSync(file, { force: true });
  } finally {
    closeSync(fd);
    rmSync(guard, { force: true });
  }
}
