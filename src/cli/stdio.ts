// The CLI's standard output and error, written straight to the file descriptor. process.stdout and
// process.stderr are getters that build a stream on first use (for a pipe, a net.Socket and the
// stream modules): with node:zlib, that was ~4 ms of an `ax def` whose output goes to a pipe, on a
// 2-core VM where the whole command takes ~100 ms. Commands write whole strings, so a synchronous
// write(2) does the job (Node writes to files and pipes synchronously on Linux too). A command that
// asks for `isTTY` (colours, a progress bar) gets the real stream from then on, so output stays in order.
import { writeSync } from 'node:fs';

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

export function directOut(fd: 1 | 2): Out {
  let stream: NodeJS.WriteStream | undefined;
  const real = (): NodeJS.WriteStream => {
    if (stream) return stream;
    stream = fd === 1 ? process.stdout : process.stderr;
    if (fd === 1) stream.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') closedStdout(); else throw e; });
    return stream;
  };
  return {
    get isTTY() { return real().isTTY === true; },
    write(chunk: string) {
      if (stream) return stream.write(chunk);
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
      // A non-blocking pipe that is full: wait a millisecond for the reader.
      if (code === 'EAGAIN') { Atomics.wait((pause ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 1); continue; }
      if (code === 'EPIPE') { if (fd === 1) closedStdout(); return; }
      throw e;
    }
  }
}
