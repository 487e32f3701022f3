// Read side for navigation (`ax def/refs/flow/deps`): definitions by name, files that contain an
// identifier token (through the FTS index over chunks), per-file refs and call-site blobs, and
// imports. Plain rows only; resolution logic lives in services/navigate.

import type { Statement } from 'better-sqlite3';
import type { DB } from './db.js';
import { callsNamed, decodeCalls } from './callsblob.js';
import { LineIndex } from './lineindex.js';
import { inflateRawShared } from './raw-deflate.js';
import { findRefsLegacy, locate } from './refsblob-legacy.js';
import { lookupHashed, nameHash } from './refsblob.js';

const utf8 = new TextEncoder();

/** A name as findRefsFast looks for it: its UTF-8 bytes, their hash, and the entry header (length byte + bytes). */
interface NameKey { name: string; want: Uint8Array; hash: number; needle: Buffer }
let lastKey: NameKey | undefined;
/** The key of `name`, kept for the next call (a query looks one name up in hundreds of blobs). */
function keyOf(name: string): NameKey {
  if (lastKey?.name === name) return lastKey;
  const want = utf8.encode(name);
  const needle = Buffer.alloc(want.length + 1);
  needle[0] = want.length;
  needle.set(want, 1);
  return (lastKey = { name, want, hash: nameHash(want), needle });
}

/**
 * refsblob.findRefs for a name looked up in many blobs (its hash computed once). Format 4: by hash
 * (another name's occurrences when they collide: callers check the source line). Formats 1-3 (an
 * index not yet migrated to v6): in the name's segment, the name's header (length byte + UTF-8
 * bytes) found with a native search instead of decoding every preceding varint, then the entry
 * checked to be well formed up to the next header; the full decoder for short names.
 */
export function findRefsFast(blob: Uint8Array, name: string): number[] {
  return lookup(blob, keyOf(name)).pos;
}

function findInTable(stored: Uint8Array, key: NameKey): number[] {
  const { want, needle } = key;
  if (want.length < 4 || want.length > 127 || stored.length === 0 || (stored[0] !== 1 && stored[0] !== 2)) return findRefsLegacy(stored, key.name);
  const body = stored.subarray(1);
  const raw = stored[0] === 2 ? inflateRawShared(body) : Buffer.from(body.buffer, body.byteOffset, body.length);
  for (let at = raw.indexOf(needle); at >= 0; at = raw.indexOf(needle, at + 1)) {
    let i = at + needle.length;
    const varint = (): number => {
      let v = 0, shift = 0, byte: number;
      do { if (i >= raw.length) return -1; byte = raw[i++]!; v += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
      return v;
    };
    const count = varint();
    if (count <= 0) continue;
    const out: number[] = [];
    let line = 0, ok = true;
    for (let j = 0; j < count; j++) {
      const d = varint(), c = varint();
      if (d < 0 || c <= 0) { ok = false; break; }
      line += d;
      out.push(line, c);
    }
    if (!ok || out[0] === 0) continue;
    // The entry must end at the blob's end or at another well-formed header.
    if (i === raw.length) return out;
    const len = raw[i]!;
    if (len > 0 && len < 128 && i + 1 + len <= raw.length) return out;
  }
  return [];
}

export interface NavFile { id: number; path: string; lang: string }

/**
 * A name's occurrences in one file ([line, col, ...]) with what a reader needs to show their lines:
 * the file's line index (undefined when it has none) and the size and mtime it was indexed with.
 * `ambiguous`: another name of the file shares the name's hash, and the occurrences may be its too.
 */
export interface RefsWithLines { pos: number[]; ambiguous: boolean; lines: LineIndex | undefined; size: number; mtimeMs: number }

/** A name's occurrences and the line index (when it has any) from a refs blob of any format. */
function lookup(blob: Uint8Array, key: NameKey): Pick<RefsWithLines, 'pos' | 'ambiguous' | 'lines'> {
  if (blob[0] === 4) {
    const { pos, lineIndex, ambiguous } = lookupHashed(blob, key.hash);
    return { pos, ambiguous, lines: pos.length ? LineIndex.of(lineIndex) : undefined };
  }
  const at = locate(blob, key.hash);
  const pos = findInTable(at.table, key);
  return { pos, ambiguous: false, lines: pos.length ? LineIndex.of(at.lineIndex) : undefined };
}

export interface NavSymbol {
  id: number;
  fileId: number;
  path: string;
  lang: string;
  name: string;
  kind: string;
  line: number;
  col: number;
  startLine: number;
  endLine: number;
  container: string;
}

export interface NavCall { fileId: number; path: string; lang: string; callerId: number | null; name: string; receiver: string; line: number; col: number }

export interface NavImport { fileId: number; path: string; lang: string; module: string; names: string; line: number }

const SYMBOL_COLS = `s.id AS id, s.file_id AS fileId, f.path AS path, f.lang AS lang, s.name AS name, s.kind AS kind,
  s.name_line AS line, s.name_col AS col, s.line AS startLine, s.end_line AS endLine, s.container AS container`;

/** FTS5 phrase for an identifier: the tokenizer splits on `_` and punctuation, so `a_b` is "a b". */
export function identifierPhrase(name: string): string | undefined {
  // An ASCII name splits the same on ASCII classes, without compiling the Unicode ones (costly at start-up).
  const words = name.split(/^[\x00-\x7f]*$/.test(name) ? /[^A-Za-z0-9]+/ : /[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return undefined;
  return `body : "${words.join(' ').replace(/"/g, '""')}"`;
}

export class NavReader {
  /** Prepared statements by SQL: preparing costs more than running most of these queries. */
  private readonly stmts = new Map<string, Statement<unknown[]>>();

  constructor(private readonly db: DB) {}

  private prep(sql: string): Statement<unknown[]> {
    let s = this.stmts.get(sql);
    if (!s) { s = this.db.prepare<unknown[]>(sql); this.stmts.set(sql, s); }
    return s;
  }

  fileByPath(path: string): NavFile | undefined {
    return this.prep('SELECT id, path, lang FROM files WHERE path = ?').get(path) as NavFile | undefined;
  }

  /** Paths ending in `/suffix` (or equal to it), at most `limit`. */
  filesBySuffix(suffix: string, limit = 50): NavFile[] {
    const esc = suffix.replace(/[\\%_]/g, (c) => `\\${c}`);
    return this.prep(`SELECT id, path, lang FROM files WHERE path = ? OR path LIKE ? ESCAPE '\\' LIMIT ?`)
      .all(suffix, `%/${esc}`, limit) as NavFile[];
  }

  symbolsByName(name: string, limit = 500): NavSymbol[] {
    return this.prep(`SELECT ${SYMBOL_COLS} FROM symbols s JOIN files f ON f.id = s.file_id
      WHERE s.name = ? COLLATE NOCASE AND s.name = ? LIMIT ?`).all(name, name, limit) as NavSymbol[];
  }

  symbolsInFile(fileId: number): NavSymbol[] {
    return this.prep(`SELECT ${SYMBOL_COLS} FROM symbols s JOIN files f ON f.id = s.file_id WHERE s.file_id = ? ORDER BY s.line`).all(fileId) as NavSymbol[];
  }

  symbolById(id: number): NavSymbol | undefined {
    return this.prep(`SELECT ${SYMBOL_COLS} FROM symbols s JOIN files f ON f.id = s.file_id WHERE s.id = ?`).get(id) as NavSymbol | undefined;
  }

  /** Files whose text contains the identifier's token sequence (a superset of the files using it). */
  candidateFiles(name: string): NavFile[] {
    const phrase = identifierPhrase(name);
    if (!phrase) return [];
    return this.prep(`SELECT DISTINCT f.id AS id, f.path AS path, f.lang AS lang
      FROM fts JOIN chunks c ON c.id = fts.rowid JOIN files f ON f.id = c.file_id WHERE fts MATCH ?`).all(phrase) as NavFile[];
  }

  /**
   * The same files as candidateFiles(), in no particular order: each file looked up once rather than
   * once per matching chunk (cheaper for a common name; callers that sort need nothing else).
   */
  candidateFileSet(name: string): NavFile[] {
    const phrase = identifierPhrase(name);
    if (!phrase) return [];
    return this.prep(`SELECT id, path, lang FROM files WHERE id IN
      (SELECT c.file_id FROM fts JOIN chunks c ON c.id = fts.rowid WHERE fts MATCH ?)`).all(phrase) as NavFile[];
  }

  /**
   * Occurrences ([line, col, ...]) of `name` in one file, from its refs blob. `ambiguous`: they may
   * include another name's that shares its hash (refsblob.ts); callers then keep those where the
   * source holds the name at that column.
   */
  refsInFile(fileId: number, name: string): { pos: number[]; ambiguous: boolean } {
    const row = this.prep('SELECT refs_blob AS b FROM files WHERE id = ?').get(fileId) as { b: Uint8Array | null } | undefined;
    if (!row?.b?.length) return { pos: [], ambiguous: false };
    const { pos, ambiguous } = lookup(row.b, keyOf(name));
    return { pos, ambiguous };
  }

  /**
   * refsInFile() with what a reader needs to show the hits' lines without counting them: the file's
   * line index (stored with its refs since schema v5; undefined when it has none), and the size and
   * mtime it had when indexed.
   */
  refsWithLines(fileId: number, name: string): RefsWithLines {
    const row = this.prep('SELECT refs_blob AS b, size, mtime_ms AS mtimeMs FROM files WHERE id = ?').get(fileId) as
      { b: Uint8Array | null; size: number; mtimeMs: number } | undefined;
    if (!row?.b?.length) return { pos: [], ambiguous: false, lines: undefined, size: 0, mtimeMs: 0 };
    return { ...lookup(row.b, keyOf(name)), size: row.size, mtimeMs: row.mtimeMs };
  }

  /**
   * refsWithLines() for every candidate file of `name` (candidateFileSet()), in one statement, in no
   * particular order: each file's row is looked up once rather than once for its path and again for
   * its blob (~2 of ~6 ms of a median name's SQL in a fresh process). Rows are visited as SQLite
   * steps through them, so no more than one blob is held at a time.
   */
  *candidateRefs(name: string): Generator<NavFile & RefsWithLines> {
    const phrase = identifierPhrase(name);
    if (!phrase) return;
    const key = keyOf(name);
    const rows = this.prep(`SELECT id, path, lang, size, mtime_ms AS mtimeMs, refs_blob AS b FROM files WHERE id IN
      (SELECT c.file_id FROM fts JOIN chunks c ON c.id = fts.rowid WHERE fts MATCH ?)`).iterate(phrase) as IterableIterator<NavFile & { size: number; mtimeMs: number; b: Uint8Array | null }>;
    for (const row of rows) {
      if (!row.b?.length) continue;
      const hit = lookup(row.b, key);
      if (hit.pos.length) yield { id: row.id, path: row.path, lang: row.lang, ...hit, size: row.size, mtimeMs: row.mtimeMs };
    }
  }

  /** The call sites inside function `callerId` (its file's calls blob, those it encloses). */
  callsByCaller(callerId: number): NavCall[] {
    const f = this.prep(`SELECT s.file_id AS fileId, f.path AS path, f.lang AS lang, f.calls_blob AS blob,
      (SELECT count(*) FROM symbols o WHERE o.file_id = s.file_id AND o.id < s.id) AS ordinal
      FROM symbols s JOIN files f ON f.id = s.file_id WHERE s.id = ?`).get(callerId) as
      { fileId: number; path: string; lang: string; blob: Uint8Array | null; ordinal: number } | undefined;
    if (!f) return [];
    return decodeCalls(f.blob).filter((c) => c.caller === f.ordinal)
      .map((c) => ({ fileId: f.fileId, path: f.path, lang: f.lang, callerId, name: c.name, receiver: c.receiver, line: c.line, col: c.col }));
  }

  /**
   * Call sites of `name`, at most `limit`: the calls blobs of the files whose text holds the name's
   * tokens (FTS), each filtered by name. Callers are returned as symbol ids.
   */
  callsByName(name: string, limit = 2000): NavCall[] {
    const out: NavCall[] = [];
    const blobOf = this.prep('SELECT calls_blob AS b FROM files WHERE id = ?');
    const symbolIds = this.prep('SELECT id FROM symbols WHERE file_id = ? ORDER BY id').pluck();
    for (const f of this.candidateFiles(name)) {
      const row = blobOf.get(f.id) as { b: Uint8Array | null } | undefined;
      let ids: number[] | undefined; // callers are ordinals among the file's symbols: looked up once per file
      for (const c of callsNamed(row?.b, name)) {
        const callerId = c.caller >= 0 ? (ids ??= symbolIds.all(f.id) as number[])[c.caller] ?? null : null;
        out.push({ fileId: f.id, path: f.path, lang: f.lang, callerId, name: c.name, receiver: c.receiver, line: c.line, col: c.col });
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  importsOfFile(fileId: number): NavImport[] {
    return this.prep(`SELECT i.file_id AS fileId, f.path AS path, f.lang AS lang, i.module AS module, i.names AS names, i.line AS line
      FROM imports i JOIN files f ON f.id = i.file_id WHERE i.file_id = ? ORDER BY i.line`).all(fileId) as NavImport[];
  }

  /** Import rows whose module specifier contains `fragment` (candidates for reverse dependencies). */
  importsMentioning(fragment: string, limit = 5000): NavImport[] {
    const esc = fragment.replace(/[\\%_]/g, (c) => `\\${c}`);
    return this.prep(`SELECT i.file_id AS fileId, f.path AS path, f.lang AS lang, i.module AS module, i.names AS names, i.line AS line
      FROM imports i JOIN files f ON f.id = i.file_id WHERE i.module LIKE ? ESCAPE '\\' LIMIT ?`).all(`%${esc}%`, limit) as NavImport[];
  }
}
