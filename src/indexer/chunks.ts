// Split a file into full-text documents ("chunks"): one per outermost function/method, and blocks of
// at most BLOCK_LINES for the lines between them. Ranking then works on the unit users look for (a
// function) while every line of the file is indexed exactly once.

import { CALLABLE_KINDS, type RefTable, type SymbolDef } from '../core/types.js';
import type { ChunkRecord } from '../store/records.js';

export const BLOCK_LINES = 60;
const MAX_NAMES = 200;

/** `getUserById` -> `get User By Id`; `HTTPServer` -> `HTTP Server`; '' when nothing to split. */
export function splitIdentifier(name: string): string {
  const s = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return s === name ? '' : s;
}

function isOutermostCallable(symbols: readonly SymbolDef[], i: number): boolean {
  if (!CALLABLE_KINDS.has(symbols[i]!.kind)) return false;
  for (let p = symbols[i]!.parent; p >= 0; p = symbols[p]!.parent) if (CALLABLE_KINDS.has(symbols[p]!.kind)) return false;
  return true;
}

export function chunkFile(lines: readonly string[], symbols: readonly SymbolDef[], refs: RefTable): ChunkRecord[] {
  const n = lines.length;
  const ranges: Array<{ start: number; end: number; fn: number }> = [];
  let cursor = 1;
  const pushText = (from: number, to: number) => {
    for (let s = from; s <= to; s += BLOCK_LINES) ranges.push({ start: s, end: Math.min(to, s + BLOCK_LINES - 1), fn: -1 });
  };
  symbols.forEach((d, i) => {
    if (!isOutermostCallable(symbols, i)) return;
    const start = d.span.start.line, end = Math.min(d.span.end.line, n);
    if (start < cursor) return; // overlaps the previous chunk (e.g. two definitions on one line)
    if (start > cursor) pushText(cursor, start - 1);
    ranges.push({ start, end, fn: i });
    cursor = end + 1;
  });
  if (cursor <= n) pushText(cursor, n);

  // Which chunk each line belongs to, to place definitions and identifier sub-words.
  const chunkOfLine = new Int32Array(n + 2);
  ranges.forEach((r, k) => chunkOfLine.fill(k, r.start, r.end + 1));

  const names: string[][] = ranges.map(() => []);
  const sigs: string[][] = ranges.map(() => []);
  const docs: string[][] = ranges.map(() => []);
  const firstSym = ranges.map((r) => r.fn);
  symbols.forEach((d, i) => {
    const k = chunkOfLine[Math.min(d.span.start.line, n)]!;
    if (names[k]!.length < MAX_NAMES) names[k]!.push(d.name);
    // Only a function chunk gets signature/doc columns: in other blocks they would repeat the body
    // (a header of #defines would be indexed twice) and the names column already carries the symbols.
    if (ranges[k]!.fn === i) {
      if (d.signature) sigs[k]!.push(d.signature);
      if (d.doc) docs[k]!.push(d.doc);
    }
    if (firstSym[k] === -1) firstSym[k] = i;
  });
  const words: Array<Set<string>> = ranges.map(() => new Set());
  for (const [name, pos] of refs) {
    const split = splitIdentifier(name);
    if (!split) continue;
    for (let j = 0; j < pos.length; j += 2) words[chunkOfLine[Math.min(pos[j]!, n)]!]!.add(split);
  }
  return ranges.map((r, k) => ({
    startLine: r.start,
    endLine: r.end,
    symbol: firstSym[k]!,
    name: names[k]!.join(' '),
    signature: sigs[k]!.join('\n'),
    doc: docs[k]!.join('\n'),
    body: lines.slice(r.start - 1, r.end).join('\n'),
    words: [...words[k]!].join(' '),
  }));
}
