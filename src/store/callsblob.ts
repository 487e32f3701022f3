// Compact per-file encoding of call sites, stored in files.calls_blob like refs in refs_blob. Linux has
// ~4.6M call sites: as rows of a `calls` table with indexes by callee name and by caller they took
// 430 MB (93 bytes each, a quarter of the index) and two index sorts at the end of every bulk load.
// Call sites are read in two ways only, and both work per file: the callees of a function (its own
// file, inside its span) and the callers of a name (the files the FTS index names as containing the
// name's tokens, as for refs). As varints with a per-file string table they take ~3-5 bytes each.
//
// Layout: one format byte, then (format 1) raw or (format 2) raw-deflated:
// varint stringCount, then per string: varint byteLength, UTF-8 bytes (callee names and receivers);
// varint callCount, then per call, ordered by (line, col, name) and unique on that key:
// varint lineDelta, varint col, varint nameIndex, varint receiverIndex + 1 (0: no receiver),
// varint caller + 1 (0: top level; caller = index of the enclosing function in the file's symbols, in
// the order they were written, which is also their id order).

import { deflateRaw, inflateRawShared, withFormat } from './raw-deflate.js';

export interface StoredCall {
  name: string;
  /** Receiver text (`obj` in `obj.f()`), '' for a plain call. */
  receiver: string;
  line: number;
  col: number;
  /** Index of the enclosing function among the file's symbols, or -1 at top level. */
  caller: number;
}

/** The fields of a call site the blob keeps (core CallSite names the callee `callee`). */
export interface CallInput { callee: string; receiver: string; line: number; col: number; caller: number }

const RAW = 1, DEFLATED = 2;
const COMPRESS_FROM = 256;
const enc = new TextEncoder();
const dec = new TextDecoder();

/** The encoded call sites of one file; null when it has none (stored as NULL). */
export function encodeCalls(calls: readonly CallInput[]): Uint8Array | null {
  if (calls.length === 0) return null;
  const sorted = [...calls].sort((a, b) => a.line - b.line || a.col - b.col || (a.callee < b.callee ? -1 : a.callee > b.callee ? 1 : 0));
  const strings = new Map<string, number>();
  const idx = (s: string) => { let i = strings.get(s); if (i === undefined) { i = strings.size; strings.set(s, i); } return i; };
  const rows: number[] = [];
  let prevLine = 0, count = 0;
  let last: CallInput | undefined;
  for (const c of sorted) {
    if (last && last.line === c.line && last.col === c.col && last.callee === c.callee) continue; // one call per name position
    last = c;
    rows.push(c.line - prevLine, c.col, idx(c.callee), c.receiver ? idx(c.receiver) + 1 : 0, c.caller >= 0 ? c.caller + 1 : 0);
    prevLine = c.line;
    count++;
  }
  const w = new Writer();
  w.varint(strings.size);
  for (const s of strings.keys()) w.bytes(enc.encode(s));
  w.varint(count);
  for (const v of rows) w.varint(v);
  const raw = w.done();
  if (raw.length < COMPRESS_FROM) return withFormat(RAW, raw);
  return withFormat(DEFLATED, deflateRaw(raw));
}

/** Every call site in a blob, in (line, col, name) order. */
export function decodeCalls(stored: Uint8Array | null | undefined): StoredCall[] {
  return decode(stored, undefined);
}

/** The call sites of `name` in a blob ([] without decoding the rows when the name is not there). */
export function callsNamed(stored: Uint8Array | null | undefined, name: string): StoredCall[] {
  return decode(stored, name);
}

/** How many call sites a blob holds (reads the string table's lengths and the count, not the rows). */
export function countCalls(stored: Uint8Array | null | undefined): number {
  if (!stored || stored.length === 0) return 0;
  const r = new Reader(payload(stored));
  for (let i = r.varint(); i > 0; i--) { const len = r.varint(); r.i += len; }
  return r.varint();
}

function decode(stored: Uint8Array | null | undefined, only: string | undefined): StoredCall[] {
  if (!stored || stored.length === 0) return [];
  const b = payload(stored);
  const r = new Reader(b);
  const strings: string[] = new Array(r.varint());
  let want = -1;
  for (let i = 0; i < strings.length; i++) {
    const len = r.varint();
    strings[i] = dec.decode(b.subarray(r.i, r.i + len));
    r.i += len;
    if (strings[i] === only) want = i;
  }
  if (only !== undefined && want < 0) return [];
  const n = r.varint();
  const out: StoredCall[] = [];
  let line = 0;
  for (let k = 0; k < n; k++) {
    line += r.varint();
    const col = r.varint(), name = r.varint(), recv = r.varint(), caller = r.varint();
    if (want >= 0 && name !== want) continue;
    const s = strings[name], rs = recv > 0 ? strings[recv - 1] : '';
    if (s === undefined || rs === undefined) throw new Error('calls blob refers to a string it does not hold');
    out.push({ name: s, receiver: rs, line, col, caller: caller - 1 });
  }
  if (r.i !== b.length) throw new Error('calls blob has trailing bytes');
  return out;
}

function payload(blob: Uint8Array): Uint8Array {
  const body = blob.subarray(1);
  if (blob[0] === RAW) return body;
  if (blob[0] === DEFLATED) return inflateRawShared(body); // a shared view: every decoder here is done with it before returning
  throw new Error(`calls blob has unknown format ${blob[0]}`);
}

class Writer {
  private buf = new Uint8Array(256);
  private n = 0;
  private grow(need: number): void {
    if (this.n + need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.n + need) size *= 2;
    const b = new Uint8Array(size); b.set(this.buf.subarray(0, this.n)); this.buf = b;
  }
  varint(v: number): void {
    this.grow(10);
    while (v >= 0x80) { this.buf[this.n++] = (v % 0x80) | 0x80; v = Math.floor(v / 0x80); }
    this.buf[this.n++] = v;
  }
  bytes(b: Uint8Array): void {
    this.varint(b.length);
    this.grow(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }
  done(): Uint8Array { return this.buf.slice(0, this.n); }
}

class Reader {
  i = 0;
  constructor(private readonly b: Uint8Array) {}
  varint(): number {
    let v = 0, mul = 1, byte: number;
    do {
      if (this.i >= this.b.length) throw new Error('calls blob is truncated');
      byte = this.b[this.i++]!;
      v += (byte & 0x7f) * mul;
      mul *= 0x80;
    } while (byte & 0x80);
    return v;
  }
}
