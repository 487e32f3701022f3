// Per-file table of line starts, stored inside the file's refs blob (format 3, schema v5): the byte
// offset of every 32nd line, so a reader can show line N of a large file by reading a block of at
// most 32 lines instead of reading the file and counting the newlines before N. Counting was the
// floor of `ax refs NAME`: ~70 ns a line in a fresh process however it is done, and a common name's
// hits sit deep in headers of 100k lines. 4 bytes per 32 lines is ~4 MB for all of Linux (~0.3% of
// its index).
//
// Layout: one format byte (1), one byte log2(step), then uint32 little-endian offsets of lines
// 1 + step, 1 + 2*step, ... that hold at least one byte (line 1 starts at 0 and is not stored).
// Files of at most `step` lines (the files table's `lines`) and files of 4 GiB or more have no table
// (null): readers scan them.

const FORMAT = 1;
const STEP_LOG2 = 5;
/** Lines per block: the most a reader scans to reach a line. */
export const LINE_BLOCK = 1 << STEP_LOG2;

/**
 * The table for a file's bytes. `text` is the same bytes decoded as UTF-8, when the caller has it:
 * when it is as long as the bytes and holds no U+FFFD, every character is one byte (ASCII), so the
 * newlines are found in the string (cheaper than Buffer#indexOf per line). `stepLog2`: tests use
 * small blocks; the format records it.
 */
export function encodeLineIndex(buf: Uint8Array, text?: string, stepLog2 = STEP_LOG2): Uint8Array | null {
  if (buf.length >= 2 ** 32) return null;
  const starts: number[] = [];
  const step = 2 ** stepLog2;
  let line = 1;
  if (text !== undefined && text.length === buf.length && !text.includes('\uFFFD')) {
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
      if ((++line - 1) % step === 0 && nl + 1 < buf.length) starts.push(nl + 1);
    }
  } else {
    const b = Buffer.from(buf.buffer, buf.byteOffset, buf.length);
    for (let nl = b.indexOf(10); nl !== -1; nl = b.indexOf(10, nl + 1)) {
      if ((++line - 1) % step === 0 && nl + 1 < buf.length) starts.push(nl + 1);
    }
  }
  if (starts.length === 0) return null;
  const out = new Uint8Array(2 + 4 * starts.length);
  out[0] = FORMAT;
  out[1] = stepLog2;
  const view = new DataView(out.buffer);
  for (let i = 0; i < starts.length; i++) view.setUint32(2 + 4 * i, starts[i]!, true);
  return out;
}

/** A stored table, read in place. */
export class LineIndex {
  private readonly view: DataView;
  private readonly step: number;
  private readonly count: number;

  private constructor(blob: Uint8Array) {
    this.view = new DataView(blob.buffer, blob.byteOffset, blob.length);
    this.step = 2 ** blob[1]!;
    this.count = (blob.length - 2) >>> 2;
  }

  /** The table, or undefined for null or a format this ax does not know (readers then scan). */
  static of(blob: Uint8Array | null | undefined): LineIndex | undefined {
    if (!blob || blob.length < 6 || blob[0] !== FORMAT || blob[1]! > 20 || (blob.length - 2) % 4 !== 0) return undefined;
    return new LineIndex(blob);
  }

  /** Number of the first line of the block holding `line` (1-based). */
  blockLine(line: number): number {
    return Math.min(Math.floor((line - 1) / this.step), this.count) * this.step + 1;
  }

  /** Byte offset where line blockLine(line) starts. */
  blockStart(line: number): number {
    const k = Math.min(Math.floor((line - 1) / this.step), this.count);
    return k === 0 ? 0 : this.view.getUint32(2 + 4 * (k - 1), true);
  }

  /** Byte offset where the block after the one holding `line` starts, or undefined for the last block. */
  blockEnd(line: number): number | undefined {
    const k = Math.floor((line - 1) / this.step) + 1;
    return k <= this.count ? this.view.getUint32(2 + 4 * (k - 1), true) : undefined;
  }
}
