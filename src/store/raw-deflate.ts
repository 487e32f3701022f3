// Raw deflate for the per-file refs and call-site blobs, through one zlib stream reused for every
// blob of a thread, and node:zlib loaded only when a blob is first (de)compressed.
//
// Why not zlib.inflateRawSync: each call builds a whole stream object (a Transform, a native handle,
// a fresh output buffer) and throws it away. `ax refs NAME` inflates one blob per candidate file, and
// in a fresh process that construction plus the new memory it touches (a page fault is ~10 us on the
// 2-core VM we measure on) was most of the inflating: netif_rx's 301 Linux blobs (2.6 MB deflated)
// took 39-51 ms through inflateRawSync and 13-16 ms through one reset handle writing into one reused
// buffer. Loading node:zlib costs ~11 ms of start-up (it pulls in the stream modules), which
// `ax def` and `ax find` then paid for nothing.
//
// This drives the stream's native handle (`_handle.writeSync`, `_writeState`, what zlib's own sync
// path calls). Those are Node internals, stable since Node 10 but not public API, so each use checks
// they are there and otherwise falls back to inflateRawSync/deflateRawSync, and a (de)compression
// error is rethrown as zlib's own error (the fallback, run on the same bytes, throws it).
import { createRequire } from 'node:module';
import type * as Zlib from 'node:zlib';

let zlib: typeof Zlib | undefined;
const load = (): typeof Zlib => (zlib ??= createRequire(import.meta.url)('node:zlib') as typeof Zlib);

interface NativeHandle {
  reset(): void;
  writeSync(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): void;
}

/** One zlib stream whose native handle is reset and reused; its output lands in one growing buffer. */
class ReusedStream {
  private stream: (Zlib.InflateRaw | Zlib.DeflateRaw) & { _handle?: NativeHandle; _writeState?: Uint32Array } | undefined;
  private out = Buffer.allocUnsafe(1 << 16);

  constructor(private readonly create: () => Zlib.InflateRaw | Zlib.DeflateRaw) {}

  /** The output for `input`, a view of the shared buffer valid until the next call; undefined when the internals are missing. */
  run(input: Uint8Array): Buffer | undefined {
    const s = (this.stream ??= this.open());
    const handle = s._handle, state = s._writeState;
    if (typeof handle?.writeSync !== 'function' || typeof handle.reset !== 'function' || !(state instanceof Uint32Array)) return undefined;
    handle.reset();
    const finish = load().constants.Z_FINISH;
    let inOff = 0, inLen = input.length, outOff = 0;
    for (;;) {
      handle.writeSync(finish, input, inOff, inLen, this.out, outOff, this.out.length - outOff);
      if (s.destroyed) {
        // A data error destroys the stream (synchronously; its 'error' event comes later): the next
        // call opens a fresh one, and this one's caller gets zlib's error from the fallback.
        this.stream = undefined;
        return undefined;
      }
      const availOut = state[0]!, availIn = state[1]!;
      inOff += inLen - availIn;
      inLen = availIn;
      outOff = this.out.length - availOut;
      if (availOut !== 0) return this.out.subarray(0, outOff);
      const bigger = Buffer.allocUnsafe(this.out.length * 2);
      this.out.copy(bigger, 0, 0, outOff);
      this.out = bigger;
    }
  }

  private open() {
    const s = this.create() as NonNullable<ReusedStream['stream']>;
    // The 'error' event of a destroyed stream must not go unheard (it would crash the process).
    s.on('error', () => {});
    return s;
  }
}

let inflater: ReusedStream | undefined;
let deflater: ReusedStream | undefined;

/**
 * Raw-inflated bytes of `data`, as a view of a buffer reused by the next call (copy what must
 * outlive it). Throws zlib's error for data that is not raw deflate.
 */
export function inflateRawShared(data: Uint8Array): Buffer {
  const out = (inflater ??= new ReusedStream(() => load().createInflateRaw())).run(data);
  return out ?? load().inflateRawSync(data);
}

/** Raw deflate at level 1 (what the blobs are written with), as a view reused by the next call. */
export function deflateRawShared(data: Uint8Array): Buffer {
  const out = (deflater ??= new ReusedStream(() => load().createDeflateRaw({ level: 1 }))).run(data);
  return out ?? load().deflateRawSync(data, { level: 1 });
}
