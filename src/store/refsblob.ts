// Compact per-file encoding of identifier occurrences (RefTable). Linux has ~10^8 of them: one SQLite
// row each would make the index larger than the source and the build minutes slower. As varints they
// take ~2-3 bytes each and are read only for the files the FTS index names as candidates.
//
// Format 4 (schema v6), what ax writes: names are keyed by their FNV-1a hash instead of spelled out,
// and nothing is deflated.
//   4, varint N (names), varint W (bytes per offset, 1-4), varint L (line index length),
//   the line index (lineindex.ts, L bytes),
//   N x uint32 LE: the names' hashes, ascending (equal hashes adjacent),
//   N x W-byte LE: where each name's occurrences start in the area below (ascending),
//   the area: per name, (varint lineDelta, varint col) pairs, lines ascending, up to the next start.
// Why: `ax refs NAME` looks one name up in each of hundreds of files. With names spelled out, the
// table had to be deflated to stay small (names are ~60% of its raw bytes), and inflating a segment
// of every candidate was the largest part of the lookup (netif_rx: ~10 of ~50 ms of query work in a
// fresh process). A 4-byte hash is smaller than a deflated name, so format 4 is ~3% smaller than
// format 3 on Linux, and a lookup is a binary search and a few varints. Collisions: two names of one
// file share a hash with probability ~names^2 / 2^33 (about 1 in 10^4 files); a lookup then returns
// both names' occurrences, and readers keep only those whose source line holds the name (they read
// the line anyway, to show it).
//
// Formats 1-3 (refsblob-legacy.ts) are read for indexes not yet migrated and for the v6 migration.

import { decodeRefsLegacy, findRefsLegacy, lineIndexOfLegacy, nameHash } from './refsblob-legacy.js';
import type { RefTable } from '../core/types.js';

export { nameHash };

const HASHED = 4;
const enc = new TextEncoder();

/** The format 4 blob for a file's refs and its line index (null: none). */
export function encodeRefs(refs: RefTable, lineIndex: Uint8Array | null = null): Uint8Array {
  const entries: Array<{ name: string; hash: number; pos: number[] }> = [];
  for (const [name, pos] of refs) entries.push({ name, hash: nameHash(enc.encode(name)), pos });
  // Equal hashes in name order: the same table gives the same bytes whatever order it was built in.
  entries.sort((a, b) => a.hash - b.hash || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const area: number[] = [];
  const starts: number[] = [];
  const varint = (out: number[], v: number) => { while (v >= 0x80) { out.push((v & 0x7f) | 0x80); v = Math.floor(v / 128); } out.push(v); };
  for (const e of entries) {
    starts.push(area.length);
    let prev = 0;
    for (let i = 0; i < e.pos.length; i += 2) { varint(area, e.pos[i]! - prev); prev = e.pos[i]!; varint(area, e.pos[i + 1]!); }
  }
  const w = area.length < 0x100 ? 1 : area.length < 0x10000 ? 2 : area.length < 0x1000000 ? 3 : 4;
  const head: number[] = [HASHED];
  varint(head, entries.length);
  varint(head, w);
  varint(head, lineIndex?.length ?? 0);
  const n = entries.length;
  const out = new Uint8Array(head.length + (lineIndex?.length ?? 0) + n * (4 + w) + area.length);
  out.set(head, 0);
  let at = head.length;
  if (lineIndex) { out.set(lineIndex, at); at += lineIndex.length; }
  const view = new DataView(out.buffer);
  for (const e of entries) { view.setUint32(at, e.hash, true); at += 4; }
  for (const s of starts) { for (let b = 0; b < w; b++) out[at++] = Math.floor(s / 2 ** (8 * b)) & 0xff; }
  out.set(area, at);
  return out;
}

/** Where a format 4 blob's parts are. */
interface Layout { n: number; w: number; liStart: number; liLength: number; hashes: number; starts: number; area: number }

function layout(b: Uint8Array): Layout {
  let i = 1;
  const varint = (): number => {
    let v = 0, shift = 0, byte: number;
    do {
      if (i >= b.length || shift > 28) throw new Error('refs blob (format 4) is malformed');
      byte = b[i++]!; v += (byte & 0x7f) * 2 ** shift; shift += 7;
    } while (byte & 0x80);
    return v;
  };
  const n = varint(), w = varint(), liLength = varint();
  const liStart = i, hashes = liStart + liLength, starts = hashes + 4 * n, area = starts + w * n;
  if (w < 1 || w > 4 || area > b.length) throw new Error('refs blob (format 4) is malformed');
  return { n, w, liStart, liLength, hashes, starts, area };
}

const u32 = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

function startOf(b: Uint8Array, l: Layout, k: number): number {
  let v = 0;
  for (let j = l.w - 1, at = l.starts + k * l.w; j >= 0; j--) v = v * 256 + b[at + j]!;
  return v;
}

/**
 * Occurrences ([line, col, ...], line order) of the names whose hash is `hash`, and the line index,
 * from a format 4 blob: usually one name's; two or more names' when they collide (`ambiguous`: the
 * caller keeps the occurrences where the source holds its name at that column). Throws on a
 * malformed blob.
 */
export function lookupHashed(b: Uint8Array, hash: number): { pos: number[]; lineIndex: Uint8Array | undefined; ambiguous: boolean } {
  const l = layout(b);
  const lineIndex = l.liLength > 0 ? b.subarray(l.liStart, l.liStart + l.liLength) : undefined;
  let lo = 0, hi = l.n;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (u32(b, l.hashes + 4 * mid) < hash) lo = mid + 1; else hi = mid; }
  const pos: number[] = [];
  let merged = false;
  for (let k = lo; k < l.n && u32(b, l.hashes + 4 * k) === hash; k++) {
    let i = l.area + startOf(b, l, k);
    const end = k + 1 < l.n ? l.area + startOf(b, l, k + 1) : b.length;
    if (i > end || end > b.length) throw new Error('refs blob (format 4) is malformed');
    merged = pos.length > 0;
    let line = 0;
    while (i < end) {
      let v = 0, shift = 0, byte: number;
      do { if (i >= end) throw new Error('refs blob (format 4) is malformed'); byte = b[i++]!; v += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
      if ((pos.length & 1) === 0) { line += v; pos.push(line); } else pos.push(v);
    }
  }
  if (merged) return { pos: sortedPairs(pos), lineIndex, ambiguous: true };
  return { pos, lineIndex, ambiguous: false };
}

/** [line, col, ...] pairs in line, then column, order (a collision's merged lists). */
function sortedPairs(pos: number[]): number[] {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < pos.length; i += 2) pairs.push([pos[i]!, pos[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return pairs.flat();
}

/**
 * Positions ([line, col, ...]) of `name` in a blob of any format, or [] when absent. For format 4
 * these may include another name's that shares its hash (see above).
 */
export function findRefs(stored: Uint8Array, name: string): number[] {
  if (stored.length === 0) return [];
  if (stored[0] === HASHED) return lookupHashed(stored, nameHash(enc.encode(name))).pos;
  return findRefsLegacy(stored, name);
}

/** The line index stored with the refs (formats 3 and 4), or undefined. */
export function lineIndexOf(stored: Uint8Array | null | undefined): Uint8Array | undefined {
  if (!stored || stored.length === 0) return undefined;
  if (stored[0] !== HASHED) return lineIndexOfLegacy(stored);
  const l = layout(stored);
  return l.liLength > 0 ? stored.subarray(l.liStart, l.liStart + l.liLength) : undefined;
}

/** Is this blob in the format this ax writes? */
export const isCurrentFormat = (stored: Uint8Array): boolean => stored[0] === HASHED;

/** Every entry of a format 4 blob, by hash (for checks and tests: names are not stored). */
export function decodeHashed(b: Uint8Array): Map<number, number[]> {
  const l = layout(b);
  const out = new Map<number, number[]>();
  for (let k = 0; k < l.n; k++) {
    const h = u32(b, l.hashes + 4 * k);
    if (!out.has(h)) out.set(h, lookupHashed(b, h).pos);
  }
  return out;
}

/** A legacy (format 1-3) blob's table by name: the v6 migration re-encodes it. */
export const decodeLegacy = decodeRefsLegacy;
