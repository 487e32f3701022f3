// Raw deflate for the per-file refs and call-site blobs: inflating through one zlib handle reused for
// every blob of a thread, deflating through a fresh one (see deflateRaw), and node:zlib loaded only
// when needed.
//
// Why not zlib.inflateRawSync: each call builds a whole stream object (a Transform, a native handle,
// a fresh output buffer) and throws it away. `ax refs NAME` inflates one blob per candidate file, and
// in a fresh process that construction plus the new memory it touches (a page fault is ~10 us on the
// 2-core VM we measure on) was most of the inflating: netif_rx's 301 Linux blobs (2.6 MB deflated)
// took 39-51 ms through inflateRawSync and 13-16 ms through one reset handle writing into one reused
// buffer. Loading node:zlib costs ~11 ms of start-up (it pulls in the stream modules), which
// `ax def` and `ax find` then paid for nothing.
//
// This drives a native zlib handle (`writeSync`, `_writeState`, what zlib's own sync path calls):
// for inflating, one made straight from Node's zlib binding (no node:zlib at all, see
// bindingInflater); otherwise a node:zlib stream's. Those are Node internals, stable since Node 10
// but not public API, so each use checks they are there and otherwise falls back to
// inflateRawSync/deflateRawSync, and a (de)compression error is rethrown as zlib's own error (the
// fallback, run on the same bytes, throws it).
import { createRequire } from 'node:module';
import type * as Zlib from 'node:zlib';

let zlib: typeof Zlib | undefined;
const load = (): typeof Zlib => (zlib ??= createRequire(import.meta.url)('node:zlib') as typeof Zlib);

/** Z_FINISH, and the binding's mode for raw inflate: zlib's and Node's constants, fixed for decades. */
const Z_FINISH = 4, INFLATERAW = 6;

interface NativeHandle {
  reset(): void;
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
}

/** A native zlib handle with its [availOut, availIn] state, and whether the last write failed. */
interface Engine { handle: NativeHandle; state: Uint32Array; failed(): boolean; reset(): void }

interface ZlibBinding { Zlib: new (mode: number) => NativeHandle & { init(...args: unknown[]): unknown; onerror?: unknown } }

/** `ax: raw inflate self-test, ax: raw inflate self-test`, raw-deflated: checks a binding engine once. */
const SELF_TEST = Uint8Array.from([75, 172, 176, 82, 40, 74, 44, 87, 200, 204, 75, 203, 73, 44, 73, 85, 40, 78, 205, 73, 211, 45, 73, 45, 46, 209, 81, 72, 196, 37, 5, 0]);
const SELF_TEST_TEXT = 'ax: raw inflate self-test, ax: raw inflate self-test';

/**
 * An inflate engine straight on Node's zlib binding: `ax refs` then never loads node:zlib, whose
 * stream modules cost ~2.5 ms of a ~100 ms query. process.binding is deprecated (DEP0111, a warning
 * only under --pending-deprecation, when this is not used); where it is missing, differs, or fails
 * the self-test, the node:zlib stream is used instead.
 */
function bindingInflater(): Engine | undefined {
  const pending = process.execArgv.includes('--pending-deprecation') || /--pending-deprecation/.test(process.env.NODE_OPTIONS ?? '');
  const binding = (process as { binding?: (name: string) => unknown }).binding;
  if (pending || typeof binding !== 'function') return undefined;
  try {
    const b = binding('zlib') as Partial<ZlibBinding>;
    if (typeof b.Zlib !== 'function') return undefined;
    const handle = new b.Zlib(INFLATERAW);
    const state = new Uint32Array(2);
    let failed = false;
    handle.onerror = () => { failed = true; };
    handle.init(15, -1, 8, 0, state, () => {}, undefined);
    const engine: Engine = { handle, state, failed: () => failed, reset: () => { failed = false; handle.reset(); } };
    const out = new Uint8Array(128);
    engine.reset();
    handle.writeSync(Z_FINISH, SELF_TEST, 0, SELF_TEST.length, out, 0, out.length);
    const text = Buffer.from(out.buffer, 0, out.length - state[0]!).toString('latin1');
    return !failed && text === SELF_TEST_TEXT ? engine : undefined;
  } catch {
    return undefined;
  }
}

/** An inflate engine on a node:zlib stream's handle (`_handle`, `_writeState`), or undefined if those internals are missing. */
function streamEngine(): Engine | undefined {
  const s = load().createInflateRaw() as Zlib.InflateRaw & { _handle?: NativeHandle; _writeState?: Uint32Array };
  // The 'error' event of a destroyed stream must not go unheard (it would crash the process).
  s.on('error', () => {});
  const handle = s._handle, state = s._writeState;
  if (typeof handle?.writeSync !== 'function' || typeof handle.reset !== 'function' || !(state instanceof Uint32Array)) return undefined;
  // A data error destroys the stream (synchronously; its 'error' event comes later).
  return { handle, state, failed: () => s.destroyed, reset: () => handle.reset() };
}

/** One native zlib handle, reset and reused; its output lands in one growing buffer. */
class ReusedStream {
  private engine: Engine | undefined | null; // null: internals missing, use the one-shot functions
  private out = Buffer.allocUnsafe(1 << 16);

  constructor(private readonly open: () => Engine | undefined) {}

  /** The output for `input`, a view of the shared buffer valid until the next call; undefined when it cannot be used. */
  run(input: Uint8Array): Buffer | undefined {
    if (this.engine === undefined) this.engine = this.open() ?? null;
    const e = this.engine;
    if (!e) return undefined;
    e.reset();
    let inOff = 0, inLen = input.length, outOff = 0;
    for (;;) {
      e.handle.writeSync(Z_FINISH, input, inOff, inLen, this.out, outOff, this.out.length - outOff);
      if (e.failed()) {
        // The next call opens a fresh engine, and this one's caller gets zlib's error from the fallback.
        this.engine = undefined;
        return undefined;
      }
      const availOut = e.state[0]!, availIn = e.state[1]!;
      inOff += inLen - availIn;
      inLen = availIn;
      outOff = this.out.length - availOut;
      if (availOut !== 0) return this.out.subarray(0, outOff);
      const bigger = Buffer.allocUnsafe(this.out.length * 2);
      this.out.copy(bigger, 0, 0, outOff);
      this.out = bigger;
    }
  }
}

let inflater: ReusedStream | undefined;

/**
 * Raw-inflated bytes of `data`, as a view of a buffer reused by the next call (copy what must
 * outlive it). Throws zlib's error for data that is not raw deflate.
 */
export function inflateRawShared(data: Uint8Array): Buffer {
  const out = (inflater ??= new ReusedStream(() => bindingInflater() ?? streamEngine())).run(data);
  return out ?? load().inflateRawSync(data);
}

/**
 * Raw deflate at level 1 (what the blobs are written with), with a fresh stream each call. Not a
 * reused handle, unlike inflating: deflateReset keeps the previous input in the window, and zlib's
 * match search reads window bytes past the current input, so a reused deflater's output depended on
 * the blob compressed before it (valid, but not byte-identical: 12 of this repo's 216 source files,
 * and ~0.2% of Linux's refs tables), and two indexes of one tree differed.
 */
export function deflateRaw(data: Uint8Array): Buffer {
  return load().deflateRawSync(data, { level: 1 });
}

/** `body` after a one-byte format tag: the framing of the refs (formats 1-2) and calls blobs. */
export function withFormat(format: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + 1);
  out[0] = format;
  out.set(body, 1);
  return out;
}
