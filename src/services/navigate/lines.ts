// File text for `ax refs` by name, read as bytes: the context column decodes only the lines it shows,
// finding line starts (native memchr) only up to the last of them, and a file whose bytes do not hold
// the name as a token is ruled out before its refs blob is read and inflated. A heavily used name
// touches thousands of files; decoding each whole file and every candidate's blob was most of the
// time. The text is the same as slicing the decoded file at '\n' (a '\n' byte never sits inside a
// multi-byte UTF-8 sequence, so decoding a line alone gives the same characters).
import { readFileSync } from 'node:fs';

/** The file's bytes, or undefined when it cannot be read. */
export function readBytes(file: string): Buffer | undefined {
  try { return readFileSync(file); } catch { return undefined; }
}

/** The text of each 1-based line in `lines`, '' past the end. */
export function linesOf(buf: Buffer, lines: readonly number[]): string[] {
  const wanted = [...new Set(lines)].sort((a, b) => a - b);
  const text = new Map<number, string>();
  let line = 1, start = 0; // `start`: byte offset where `line` begins, -1 past the end
  for (const want of wanted) {
    if (want < 1) continue;
    while (line < want && start !== -1) {
      const nl = buf.indexOf(10, start);
      start = nl === -1 ? -1 : nl + 1;
      line++;
    }
    if (start === -1) break;
    const nl = buf.indexOf(10, start);
    text.set(want, buf.toString('utf8', start, nl === -1 ? buf.length : nl));
  }
  return lines.map((l) => text.get(l) ?? '');
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
