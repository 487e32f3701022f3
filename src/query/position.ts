// The one parser for `--at PATH:LINE[:COL]` positions (def, refs, flow, ... share it). It reads from
// the right, so a path may itself contain ':' (`C:\src\a.c:3:7`, `dir:odd/a.py:12`). Lines and columns
// are 1-based (columns in UTF-16 code units, as everywhere in ax); COL defaults to 1. Every failure is
// an AxError (E_USAGE) whose `position` is the 0-based offset in the input where the problem is.

import { AxError } from '../core/errors.js';

export interface SourcePosition { path: string; line: number; col: number }

/** Largest line or column accepted (SQLite INTEGER-safe, far beyond any real file). */
export const MAX_COORDINATE = 2 ** 31 - 1;

const fail = (msg: string, position: number, input: string): AxError =>
  new AxError('E_USAGE', `--at ${msg} (at offset ${position} of "${printable(input)}")`, {
    position, hint: 'write --at PATH:LINE:COL (1-based), e.g. --at src/main.c:42:7',
  });

function printable(s: string): string {
  const cut = s.length > 200 ? s.slice(0, 200) + '…' : s;
  return cut.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function coordinate(text: string, start: number, what: 'line' | 'column', input: string): number {
  if (text === '') throw fail(`is missing the ${what} number`, start, input);
  const bad = text.search(/[^0-9]/);
  if (bad >= 0) throw fail(`${what} must be a positive integer, found "${printable(text[bad]!)}"`, start + bad, input);
  const n = Number(text);
  if (n < 1) throw fail(`${what} numbers start at 1`, start, input);
  if (n > MAX_COORDINATE) throw fail(`${what} ${text.length > 12 ? text.slice(0, 12) + '…' : text} is too large`, start, input);
  return n;
}

const isDigits = (s: string) => s.length > 0 && /^[0-9]+$/.test(s);

/** Where in the input each part starts (0-based offsets): for errors found after parsing (line past the end...). */
export interface PositionOffsets { path: number; line: number; col: number | undefined }

export function parsePosition(input: string): SourcePosition {
  return parsePositionWithOffsets(input).pos;
}

export function parsePositionWithOffsets(input: string): { pos: SourcePosition; offsets: PositionOffsets } {
  if (typeof input !== 'string' || input.length === 0) throw fail('is empty', 0, String(input ?? ''));
  const nul = input.indexOf('\0');
  if (nul >= 0) throw fail('contains a NUL character', nul, input);
  const last = input.lastIndexOf(':');
  if (last < 0) throw fail('has no :LINE after the path', input.length, input);
  const tail = input.slice(last + 1);
  const before = input.slice(0, last);
  const prev = before.lastIndexOf(':');
  let pathEnd: number, line: number, col: number, colAt: number | undefined;
  if (prev >= 0 && isDigits(before.slice(prev + 1))) {
    // PATH:LINE:COL
    pathEnd = prev;
    line = coordinate(before.slice(prev + 1), prev + 1, 'line', input);
    col = coordinate(tail, last + 1, 'column', input);
    colAt = last + 1;
  } else {
    // PATH:LINE
    pathEnd = last;
    line = coordinate(tail, last + 1, 'line', input);
    col = 1;
  }
  const raw = input.slice(0, pathEnd);
  if (raw.length === 0) throw fail('has no PATH before the line number', 0, input);
  const path = raw.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  if (path.length === 0) throw fail('has no file name in its PATH', 0, input);
  return { pos: { path, line, col }, offsets: { path: 0, line: pathEnd + 1, col: colAt } };
}

/** An AxError about a parsed position, pointing at `offset` in the user's input. */
export function positionError(input: string, offset: number, msg: string, hint?: string): AxError {
  const e = fail(msg, offset, input);
  return hint ? new AxError(e.code, e.message, { position: offset, hint }) : e;
}

export function formatPosition(p: SourcePosition): string {
  return `${p.path}:${p.line}:${p.col}`;
}
