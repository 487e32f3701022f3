// The CLI's standard output and error, written straight to the file descriptor. process.stdout and
// process.stderr are getters that build a stream on first use (for a pipe, a net.Socket and the
// stream modules): with node:zlib, that was ~4 ms of an `ax def` whose output goes to a pipe, on a
// 2-core VM where the whole command takes ~100 ms. Commands write whole strings, so a synchronous
// write(2) does the job (Node writes to files, pipes and terminals synchronously on Linux too).
// Whether the output is a terminal (colours, a progress bar) is asked of the descriptor, not of a
// stream: a pipe or a file is no character device, so only a terminal loads node:tty.
import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

/** What a command writes to: the subset of a WriteStream the CLI uses. */
export interface Out {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  /** Colour decided by whoever reads the output (a query client answered by `ax watch`), not by this process. */
  readonly color?: boolean;
}

/** A reader that went away (`ax find x | head`) ends the run quietly, as it does for `head` itself. */
function closedStdout(): never {
  process.exit(process.exitCode ?? 0);
}

/** isatty(fd), without loading node:tty (and with it node:net) for a pipe or a file. */
export function isTerminal(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice()) return false;
    // Linux's memory devices (major 1: /dev/null, /dev/zero) are no terminals either. Output to
    // /dev/null is how hyperfine times a command: node:tty cost it ~4 ms.
    if (process.platform === 'linux' && Math.floor(st.rdev / 256) % 4096 === 1) return false;
  } catch {
    return false;
  }
  const tty = createRequire(import.meta.url)('node:tty') as typeof import('node:tty');
  return tty.isatty(fd);
}

export function directOut(fd: 1 | 2): Out {
  let tty: boolean | undefined;
  return {
    get isTTY() { return (tty ??= isTerminal(fd)); },
    write(chunk: string) {
      writeAll(fd, chunk);
      return true;
    },
  };
}

let pause: Int32Array | undefined;

function writeAll(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let off = 0; off < bytes.length;) {
    try {
      off += writeSync(fd, bytes, off, bytes.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A non-blocking pipe or terminal that is full: wait a millisecond for the reader.
      if (code === 'EAGAIN') { Atomics.wait((pause ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 1); continue; }
      if (code === 'EPIPE') { if (fd === 1) closedStdout(); return; }
      throw e;
    }
  }
}
