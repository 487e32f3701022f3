// Compact per-file encoding of identifier occurrences (RefTable). Linux has ~10^8 of them: one SQLite
// row each would make the index larger than the source and the build minutes slower. As varints they
// take ~2-3 bytes each and are decoded only for the files the FTS index names as candidates.
//
// Layout: one format byte, then (format 1) raw or (format 2) raw-deflated:
// varint nameCount, then per name: varint byteLength, UTF-8 bytes, varint count,
// then count x (varint lineDelta, varint col), lines ascending per name.
// Deflate (level 1) takes the Linux blobs from 284 MB to about a third for ~2 s of worker CPU.

import { deflateRawShared, inflateRawShared } from './raw-deflate.js';
import type { RefTable } from '../core/types.js';

const RAW = 1, DEFLATED = 2;
/** Below this many bytes compression does not pay for its header and CPU. */
const COMPRESS_FROM = 256;

const enc = new TextEncoder();
const dec = new TextDecoder();

export function encodeRefs(refs: RefTable): Uint8Array {
  const raw = encodeRaw(refs);
  if (raw.length < COMPRESS_FROM) return withFormat(RAW, raw);
  return withFormat(DEFLATED, deflateRawShared(raw));
}

function withFormat(format: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + 1);
  out[0] = format;
  out.set(body, 1);
  return out;
}

function payload(blob: Uint8Array): Uint8Array {
  if (blob.length === 0) return blob;
  const body = blob.subarray(1);
  if (blob[0] === RAW) return body;
  if (blob[0] === DEFLATED) return inflateRawShared(body); // a shared view: every decoder here is done with it before returning
  throw new Error(`refs blob has unknown format ${blob[0]}`);
}

function encodeRaw(refs: RefTable): Uint8Array {
  let buf = new Uint8Array(1024);
  let n = 0;
  const grow = (need: number) => {
    if (n + need <= buf.length) return;
    let size = buf.length * 2;
    while (size < n + need) size *= 2;
    const b = new Uint8Array(size); b.set(buf.subarray(0, n)); buf = b;
  };
  const varint = (v: number) => {
    grow(5);
    while (v >= 0x80) { buf[n++] = (v & 0x7f) | 0x80; v >>>= 7; }
    buf[n++] = v;
  };
  varint(refs.size);
  for (const [name, pos] of refs) {
    const bytes = enc.encode(name);
    varint(bytes.length); grow(bytes.length); buf.set(bytes, n); n += bytes.length;
    varint(pos.length / 2);
    let prev = 0;
    for (let i = 0; i < pos.length; i += 2) { varint(pos[i]! - prev); prev = pos[i]!; varint(pos[i + 1]!); }
  }
  return buf.slice(0, n);
}

class Cursor {
  i = 0;
  constructor(readonly b: Uint8Array) {}
  varint(): number {
    let v = 0, shift = 0, byte: number;
    do { byte = this.b[this.i++]!; v += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return v;
  }
}

/** Positions ([line, col, ...]) of `name` in an encoded blob, or [] when absent. */
export function findRefs(stored: Uint8Array, name: string): number[] {
  const blob = payload(stored);
  const want = enc.encode(name);
  const c = new Cursor(blob);
  const names = c.varint();
  for (let k = 0; k < names; k++) {
    const len = c.varint();
    let same = len === want.length;
    if (same) for (let j = 0; j < len; j++) if (blob[c.i + j] !== want[j]) { same = false; break; }
    c.i += len;
    const count = c.varint();
    if (!same) { for (let j = 0; j < count * 2; j++) c.varint(); continue; }
    const out: number[] = [];
    let line = 0;
    for (let j = 0; j < count; j++) { line += c.varint(); out.push(line, c.varint()); }
    return out;
  }
  return [];
}

export function decodeRefs(stored: Uint8Array): RefTable {
  const blob = payload(stored);
  const c = new Cursor(blob);
  const out: RefTable = new Map();
  const names = c.varint();
  for (let k = 0; k < names; k++) {
    const len = c.varint();
    const name = dec.decode(blob.subarray(c.i, c.i + len)); c.i += len;
    const count = c.varint();
    const pos: number[] = [];
    let line = 0;
    for (let j = 0; j < count; j++) { line += c.varint(); pos.push(line, c.varint()); }
    out.set(name, pos);
  }
  return out;
}
