// Formats 1-3 of the per-file refs blob, as ax wrote them up to schema v5 (refsblob.ts has format 4,
// what ax writes now). Kept to read an index written before v6 (the v6 migration re-encodes its
// blobs), for the v5 migration step, and for tests that build older indexes.
//
// Formats 1 and 2 (a table): one format byte, then (1) raw or (2) raw-deflated: varint nameCount,
// then per name: varint byteLength, UTF-8 bytes, varint count, then count x (varint lineDelta,
// varint col), lines ascending per name. Deflate (level 1) takes the Linux blobs to about half.
//
// Format 3 (schema v5), for a table of more than SEGMENT_BYTES raw bytes or a file with a line index:
// 3, varint K, K x varint segment length, varint line-index length, the line index (lineindex.ts),
// then K segments, each a format 1 or 2 blob holding the names whose FNV-1a hash (of their UTF-8
// bytes) is that segment's number modulo K. `ax refs NAME` reads one name from each of hundreds of
// files: inflating whole tables was the largest part of it (netif_rx: 19 of ~95 ms); a segment is
// ~1/K of that, for ~14% more bytes than one deflate stream (measured on Linux, 4 KiB segments). The
// line index rides along so a reader gets it in the same row read.

import { deflateRaw, inflateRawShared, withFormat } from './raw-deflate.js';
import type { RefTable } from '../core/types.js';

const RAW = 1, DEFLATED = 2, SEGMENTED = 3;
/** Below this many bytes compression does not pay for its header and CPU. */
const COMPRESS_FROM = 256;
/** Raw bytes per segment of a format 3 blob (K = raw size / this, rounded, at least 1). */
export const SEGMENT_BYTES = 4096;

const enc = new TextEncoder();
const dec = new TextDecoder();

/** FNV-1a (32 bits) of the bytes: which segment a name is in (format 3), a name's key (format 4). */
export function nameHash(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/**
 * The blob for a file's refs and its line index (null: none). `segmentBytes`: the table is split
 * past this many raw bytes (Infinity: never, the format 1/2 blob of schema v4 and before).
 */
export function encodeRefsLegacy(refs: RefTable, lineIndex: Uint8Array | null = null, segmentBytes = SEGMENT_BYTES): Uint8Array {
  const entries = encodeEntries(refs);
  const rawLength = varintLength(entries.ends.length) + entries.end;
  if (rawLength <= segmentBytes && !lineIndex) return table(rawTable(entries, entries.ends.map((_, i) => i)));
  const k = Math.max(1, Math.round(rawLength / segmentBytes));
  const groups: number[][] = Array.from({ length: k }, () => []);
  entries.hashes.forEach((h, i) => groups[h % k]!.push(i));
  const segments = groups.map((g) => table(rawTable(entries, g)));
  const head: number[] = [SEGMENTED];
  const varint = (v: number) => { while (v >= 0x80) { head.push((v & 0x7f) | 0x80); v >>>= 7; } head.push(v); };
  varint(k);
  for (const seg of segments) varint(seg.length);
  varint(lineIndex?.length ?? 0);
  let size = head.length + (lineIndex?.length ?? 0);
  for (const seg of segments) size += seg.length;
  const out = new Uint8Array(size);
  out.set(head, 0);
  let at = head.length;
  if (lineIndex) { out.set(lineIndex, at); at += lineIndex.length; }
  for (const seg of segments) { out.set(seg, at); at += seg.length; }
  return out;
}

/** A format 1 or 2 blob of raw table bytes. */
function table(raw: Uint8Array): Uint8Array {
  return raw.length < COMPRESS_FROM ? withFormat(RAW, raw) : withFormat(DEFLATED, deflateRaw(raw));
}

/** A format 3 header: segment lengths, where the line index sits, where the segments start. */
interface Header { lengths: number[]; liStart: number; liLength: number; dataStart: number }

/** Reads a format 3 blob's header (numbers only: no views). Throws on a malformed header. */
function header(stored: Uint8Array): Header {
  let i = 1;
  const varint = (): number => {
    let v = 0, shift = 0, byte: number;
    do {
      if (i >= stored.length) throw new Error('refs blob (format 3) is malformed');
      byte = stored[i++]!; v += (byte & 0x7f) * 2 ** shift; shift += 7;
    } while (byte & 0x80);
    return v;
  };
  const k = varint();
  const lengths: number[] = [];
  let total = 0;
  for (let j = 0; j < k; j++) { const len = varint(); lengths.push(len); total += len; }
  const liLength = varint();
  const liStart = i;
  if (k === 0 || liStart + liLength + total !== stored.length) throw new Error('refs blob (format 3) is malformed');
  return { lengths, liStart, liLength, dataStart: liStart + liLength };
}

/**
 * The format 1/2 table that holds names hashing to `hash` (the blob itself below format 3) and the
 * line index, from one pass over the header: a view of that segment only (a query reads one name
 * from each of hundreds of blobs, some with dozens of segments). Throws on a malformed header.
 */
export function locate(stored: Uint8Array, hash: number): { table: Uint8Array; lineIndex: Uint8Array | undefined } {
  if (stored[0] !== SEGMENTED) return { table: stored, lineIndex: undefined };
  const h = header(stored);
  const pick = hash % h.lengths.length;
  let at = h.dataStart;
  for (let j = 0; j < pick; j++) at += h.lengths[j]!;
  return {
    table: stored.subarray(at, at + h.lengths[pick]!),
    lineIndex: h.liLength > 0 ? stored.subarray(h.liStart, h.liStart + h.liLength) : undefined,
  };
}

/** The format 1/2 blob holding `name`: the blob itself, or the segment of a format 3 blob. */
export function tableFor(stored: Uint8Array, nameBytes: Uint8Array): Uint8Array {
  return locate(stored, nameHash(nameBytes)).table;
}

/** The line index stored with the refs (format 3), or undefined. */
export function lineIndexOfLegacy(stored: Uint8Array | null | undefined): Uint8Array | undefined {
  return stored ? locate(stored, 0).lineIndex : undefined;
}

function payload(blob: Uint8Array): Uint8Array {
  if (blob.length === 0) return blob;
  const body = blob.subarray(1);
  if (blob[0] === RAW) return body;
  if (blob[0] === DEFLATED) return inflateRawShared(body); // a shared view: every decoder here is done with it before returning
  throw new Error(`refs blob has unknown format ${blob[0]}`);
}

/**
 * Each name's entry (varint byteLength, UTF-8 bytes, varint count, count x (lineDelta, col)), encoded
 * once into one buffer: `ends[i]` is where entry i ends, `hashes[i]` its name's nameHash(), `end` the
 * bytes used. Tables and segments are then assembled from these bytes (rawTable).
 */
interface Entries { bytes: Uint8Array; end: number; ends: number[]; hashes: number[] }

function encodeEntries(refs: RefTable): Entries {
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
  const ends: number[] = [], hashes: number[] = [];
  for (const [name, pos] of refs) {
    const bytes = enc.encode(name);
    varint(bytes.length); grow(bytes.length); buf.set(bytes, n); n += bytes.length;
    varint(pos.length / 2);
    let prev = 0;
    for (let i = 0; i < pos.length; i += 2) { varint(pos[i]! - prev); prev = pos[i]!; varint(pos[i + 1]!); }
    ends.push(n);
    hashes.push(nameHash(bytes));
  }
  return { bytes: buf, end: n, ends, hashes };
}

const varintLength = (v: number): number => { let n = 1; while (v >= 0x80) { v = Math.floor(v / 128); n++; } return n; };

/** The raw table (varint nameCount, then the entries) of entries `pick` (ascending indices). */
function rawTable(e: Entries, pick: readonly number[]): Uint8Array {
  let size = 0;
  for (const i of pick) size += e.ends[i]! - (i === 0 ? 0 : e.ends[i - 1]!);
  const head: number[] = [];
  for (let v = pick.length; ; v >>>= 7) { if (v < 0x80) { head.push(v); break; } head.push((v & 0x7f) | 0x80); }
  const out = new Uint8Array(head.length + size);
  out.set(head, 0);
  let at = head.length;
  for (const i of pick) {
    const start = i === 0 ? 0 : e.ends[i - 1]!;
    out.set(e.bytes.subarray(start, e.ends[i]), at);
    at += e.ends[i]! - start;
  }
  return out;
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
export function findRefsLegacy(stored: Uint8Array, name: string): number[] {
  const want = enc.encode(name);
  const blob = payload(tableFor(stored, want));
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

export function decodeRefsLegacy(stored: Uint8Array): RefTable {
  if (stored[0] === SEGMENTED) {
    const out: RefTable = new Map();
    const h = header(stored);
    let at = h.dataStart;
    for (const len of h.lengths) {
      for (const [name, pos] of decodeRefsLegacy(stored.subarray(at, at + len))) out.set(name, pos);
      at += len;
    }
    return out;
  }
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
