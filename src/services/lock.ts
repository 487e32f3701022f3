// One writer per index: `.ax/writer.lock` holds the writer's PID. A second `ax index`/`ax watch` is
// refused with a clear message; a lock whose process is gone (crash, SIGKILL) is stale and taken over.
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { AxError } from '../core/errors.js';
import { AX_DIR } from './root.js';

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

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
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, purpose, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return { release: () => { if (!released) { released = true; rmSync(file, { force: true }); } } };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code === 'ENOSPC') {
        throw new AxError('E_IO', `cannot write in ${dir}: ${code === 'ENOSPC' ? 'the disk is full' : code === 'EROFS' ? 'read-only file system' : 'permission denied'}`, {
          hint: 'the existing index is untouched; make the .ax directory writable (or free disk space) and re-run', cause: e,
        });
      }
      if (code !== 'EEXIST') throw e;
      let holder: { pid?: number; purpose?: string } = {};
      try { holder = JSON.parse(readFileSync(file, 'utf8')) as typeof holder; } catch { /* unreadable: treat as stale */ }
      if (holder.pid && holder.pid !== process.pid && alive(holder.pid)) {
        throw new AxError('E_INDEX_LOCKED', `the index at ${root} is being written by \`ax ${holder.purpose ?? '?'}\` (pid ${holder.pid})`, {
          hint: 'wait for it to finish, or stop it; queries keep working meanwhile',
        });
      }
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new AxError('E_INDEX_LOCKED', `could not take the writer lock at ${file}`);
}
