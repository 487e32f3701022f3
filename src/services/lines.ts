// File text read as bytes, for snippets (`ax find`) and context lines (`ax refs`): only the lines
// shown are decoded, and line starts are found (native memchr) only up to the last of them. Results
// often sit in huge generated files (Linux's register headers run to 5 MB and 100k lines), and a
// heavily used name touches thousands of files: decoding and splitting each whole file was a large
// part of a query. For `ax refs`, a file whose bytes do not hold the name as a token is ruled out
// before its refs blob is read and inflated. The text is the same as splitting the decoded file at
// '\n' (a '\n' byte never sits inside a multi-byte UTF-8 sequence, so decoding a line alone gives the
// same characters).
//
// Memory touched is time here: a page the process has not used before costs a fault, ~10 us on this
// 2-core VM (a 200 MB fill: 51k faults, 528 ms; refilling it: 8 ms). So `ax refs` reads its many
// candidate files into one reused buffer (ScratchReader), and line starts are searched in windows of
// the bytes, not in a copy of the whole file.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { LineIndex } from '../store/lineindex.js';

/** The file's bytes, or undefined when it cannot be read. */
export function readBytes(file: string): Buffer | undefined {
  try { return readFileSync(file); } catch { return undefined; }
}

/**
 * Reads files one after another into one buffer that grows to the largest and is reused: for a
 * query that reads hundreds of files once each, fresh allocations per file (readFileSync) were most
 * of the reading time (page faults). What read() returns is valid until the next read().
 */
export class ScratchReader {
  private buf = Buffer.allocUnsafe(1 << 16);

  /** The file's bytes (a view of the shared buffer), or undefined when it cannot be read. */
  read(file: string): Buffer | undefined {
    let fd: number | undefined;
    try {
      fd = openSync(file, 'r');
      let n = 0;
      // To the end (no fstat first: one system call fewer per file, and the buffer rarely grows).
      for (;;) {
        if (n === this.buf.length) {
          const bigger = Buffer.allocUnsafe(this.buf.length * 2);
          this.buf.copy(bigger, 0, 0, n);
          this.buf = bigger;
        }
        const got = readSync(fd, this.buf, n, this.buf.length - n, null);
        if (got === 0) break;
        n += got;
      }
      return this.buf.subarray(0, n);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}

/** The text of each 1-based line in `lines`, '' past the end (scanned: few lines of many files). */
export function linesOf(buf: Buffer, lines: readonly number[], window?: number): string[] {
  const fl = new FileLines(buf, 0, window);
  return lines.map((l) => fl.line(l) ?? '');
}

/**
 * Finds '\n' bytes going forward through a buffer, searching it as latin1 strings (one character per
 * byte, so offsets are byte offsets): String#indexOf runs inside V8, Buffer#indexOf crosses into C++
 * through two JavaScript wrappers per call, which cost more than the search itself when run once per
 * line in a process that has not warmed up. A window at a time, and only as far as asked: a copy of
 * the whole file was new memory for every file.
 */
class NewlineScanner {
  private window = '';
  private windowAt = 0;

  constructor(private readonly buf: Buffer, private readonly windowSize: number) {}

  /** Offset of the first '\n' at or after `from`, or -1. */
  next(from: number): number {
    for (;;) {
      if (from < this.windowAt || from >= this.windowAt + this.window.length) {
        if (from >= this.buf.length) return -1;
        this.windowAt = from;
        this.window = this.buf.toString('latin1', from, Math.min(this.buf.length, from + this.windowSize));
      }
      const nl = this.window.indexOf('\n', from - this.windowAt);
      if (nl !== -1) return this.windowAt + nl;
      from = this.windowAt + this.window.length;
    }
  }
}

/**
 * linesOf() for lines in ascending order (a name's occurrences in a file): one forward pass that
 * keeps no table of line starts. For `ax refs netif_rx` that table was 7 of the 18 MB a query
 * allocated (the rest: the windows); in a fresh process, allocation is page faults and scavenges.
 */
export function linesAscending(buf: Buffer, lines: readonly number[], windowSize = SCAN_WINDOW): string[] {
  for (let i = 1; i < lines.length; i++) if (!(lines[i - 1]! <= lines[i]!)) return linesOf(buf, lines, windowSize);
  const out: string[] = [];
  const scanner = new NewlineScanner(buf, windowSize);
  let line = 1, start = 0; // `start`: offset of line `line`, or -1 past the last line
  for (const want of lines) {
    if (!Number.isInteger(want) || want < 1) { out.push(''); continue; }
    while (line < want && start >= 0) {
      const nl = scanner.next(start);
      start = nl < 0 ? -1 : nl + 1;
      line++;
    }
    if (start < 0) { out.push(''); continue; }
    const end = scanner.next(start);
    out.push(buf.toString('utf8', start, end < 0 ? buf.length : end));
  }
  return out;
}

/**
 * Lines of files read through their stored line index (store/lineindex.ts): for each line asked for,
 * only the block of at most 32 lines holding it is read (pread into one reused buffer) and searched.
 * A heavily used name's hits sit in files of up to 100k lines; reading and counting them whole was
 * most of `ax refs NAME`. The file must be the one indexed: same size and mtime as stored, else
 * read() answers undefined and the caller reads the file whole.
 */
export class BlockReader {
  private buf = Buffer.allocUnsafe(1 << 14);

  /** The text of each line of `lines` (ascending, 1-based; '' past the end), or undefined (see above). */
  read(file: string, lines: readonly number[], index: LineIndex, size: number, mtimeMs: number): string[] | undefined {
    let fd: number | undefined;
    try {
      fd = openSync(file, 'r');
      const st = fstatSync(fd);
      if (st.size !== size || Math.trunc(st.mtimeMs) !== mtimeMs) return undefined;
      const out: string[] = [];
      let block = -1, text = '', len = 0;
      let line = 0, at = 0; // `at`: offset in the block of line `line`, or -1 past its end
      for (const want of lines) {
        if (!Number.isInteger(want) || want < 1) { out.push(''); continue; }
        const first = index.blockLine(want);
        if (first !== block || want < line) {
          const start = index.blockStart(want);
          len = (index.blockEnd(want) ?? size) - start;
          if (len > this.buf.length) this.buf = Buffer.allocUnsafe(Math.max(len, this.buf.length * 2));
          let n = 0;
          while (n < len) {
            const got = readSync(fd, this.buf, n, len - n, start + n);
            if (got === 0) break;
            n += got;
          }
          len = n;
          text = this.buf.toString('latin1', 0, len); // one character per byte: offsets are byte offsets
          block = first; line = first; at = 0;
        }
        while (line < want && at >= 0) {
          const nl = text.indexOf('\n', at);
          at = nl < 0 ? -1 : nl + 1;
          line++;
        }
        if (at < 0) { out.push(''); continue; }
        const nl = text.indexOf('\n', at);
        out.push(this.buf.toString('utf8', at, nl < 0 ? len : nl));
      }
      return out;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}

/** linesOf() of a file on disk ('' for every line when it cannot be read). */
export function readLines(file: string, lines: readonly number[]): string[] {
  const buf = readBytes(file);
  return buf ? linesOf(buf, lines) : lines.map(() => '');
}

const isWordByte = (b: number | undefined) => b !== undefined && ((b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 95);
const isWordStartByte = (b: number | undefined) => b !== undefined && ((b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 95);

/**
 * Can `name` be an identifier token somewhere in these bytes? False only when every occurrence runs
 * into a longer word: followed by [A-Za-z0-9_] or preceded by [A-Za-z_] (every language's identifier
 * pattern continues through those, so the lexer would have read a longer token). Conservative: a true
 * answer still needs the refs blob.
 */
export function mayHoldToken(buf: Buffer, name: Buffer): boolean {
  const checkBefore = isWordByte(name[0]);
  const checkAfter = isWordByte(name[name.length - 1]);
  for (let at = buf.indexOf(name); at !== -1; at = buf.indexOf(name, at + 1)) {
    if (checkBefore && at > 0 && isWordStartByte(buf[at - 1])) continue;
    if (checkAfter && isWordByte(buf[at + name.length])) continue;
    return true;
  }
  return false;
}

/**
 * Below this size a file is decoded and split in one go for `ax find`'s snippets (measured: ~5% fewer
 * instructions for a Django query than scanning line by line); above it, and always for the context
 * lines of `ax refs` (a few lines from each of many files: ~20% fewer instructions scanned), only the
 * lines asked for are decoded.
 */
const SPLIT_BELOW = 256 * 1024;

/** Bytes decoded at a time when searching for line starts (a young-generation string, reused memory). */
const SCAN_WINDOW = 64 * 1024;

/**
 * The lines of a file as `readFileSync(file, 'utf8').split('\n')` would give them, decoded on demand
 * for a large file; no lines at all when the file cannot be read.
 */
export class FileLines {
  private readonly starts: number[] = [0];
  private complete: boolean;
  private readonly scanner: NewlineScanner | undefined;
  /** All lines, for a file small enough that one native decode and split is the cheapest. */
  private readonly all: string[] | undefined;

  /**
   * `splitBelow`: files shorter than this many bytes are decoded and split at once; `windowSize`:
   * bytes searched per decoded window (a parameter so tests can make windows tiny).
   */
  constructor(private readonly buf: Buffer | undefined, splitBelow = SPLIT_BELOW, windowSize = SCAN_WINDOW) {
    this.complete = buf === undefined;
    if (buf === undefined) this.starts.length = 0;
    else if (buf.length < splitBelow) this.all = buf.toString('utf8').split('\n');
    else this.scanner = new NewlineScanner(buf, windowSize);
  }

  static read(file: string): FileLines {
    return new FileLines(readBytes(file));
  }

  /** Line starts known up to line `n` (1-based), or all of them (found by NewlineScanner, only as far as `n`). */
  private scan(n: number): void {
    if (this.complete || this.starts.length >= n) return;
    while (this.starts.length < n) {
      const nl = this.scanner!.next(this.starts[this.starts.length - 1]!);
      if (nl === -1) { this.complete = true; return; }
      this.starts.push(nl + 1);
    }
  }

  /** Line `n` (1-based), or undefined past the end. */
  line(n: number): string | undefined {
    if (n < 1 || !Number.isInteger(n)) return undefined;
    if (this.all) return this.all[n - 1];
    this.scan(n + 1);
    const start = this.starts[n - 1];
    if (start === undefined) return undefined;
    const next = this.starts[n];
    return this.buf!.toString('utf8', start, next === undefined ? this.buf!.length : next - 1);
  }

  /** Like Array.prototype.slice over the lines (0-based `start`, exclusive `end`). */
  slice(start: number, end: number): string[] {
    const out: string[] = [];
    for (let i = Math.max(0, start); i < end; i++) {
      const l = this.line(i + 1);
      if (l === undefined) break;
      out.push(l);
    }
    return out;
  }
}
