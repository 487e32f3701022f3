// A canonical digest of an index's content, independent of row ids, insertion order and run-specific
// metadata: one SHA-256 per table (files with their refs and call-site blobs, symbols with their parents,
// imports, chunks, every FTS5 term instance mapped back to its chunk, skips, meta). Two indexes of the
// same tree have equal digests exactly when they hold the same content. The crash tests and
// scripts/crash-trials.mjs compare a resumed index with a fresh one through this.

import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

export interface ContentDigest { sections: Record<string, { rows: number; sha256: string }> }

/** Metadata that legitimately differs between two runs over the same tree (ftsChurn: files rewritten since the last full-text merge). */
const VOLATILE_META = new Set(['indexedAt', 'generation', 'root', 'lastVerify', 'ftsChurn']);

const SECTIONS: ReadonlyArray<[string, string]> = [
  ['files', `SELECT path, lang, size, mtime_ms, hash, lines, symbols, refs, parse_errors, hex(refs_blob), hex(calls_blob) FROM files ORDER BY path`],
  ['symbols', `SELECT f.path, s.name, s.kind, s.line, s.col, s.end_line, s.end_col, s.name_line, s.name_col, s.container,
      s.signature, s.doc, p.name, p.line, p.col
    FROM symbols s JOIN files f ON f.id = s.file_id LEFT JOIN symbols p ON p.id = s.parent_id
    ORDER BY 1, 4, 5, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15`],
  ['imports', `SELECT f.path, i.module, i.names, i.line FROM imports i JOIN files f ON f.id = i.file_id ORDER BY 1, 4, 2, 3`],
  ['chunks', `SELECT f.path, c.start_line, c.end_line, s.name, s.line, s.col
    FROM chunks c JOIN files f ON f.id = c.file_id LEFT JOIN symbols s ON s.id = c.symbol_id ORDER BY 1, 2, 3, 4, 5, 6`],
  ['fts rows', 'SELECT count(*) FROM fts'],
  ['skipped', 'SELECT path, reason, detail FROM skipped ORDER BY path'],
  ['meta', 'SELECT key, value FROM meta ORDER BY key'],
  ['indexes', "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"],
];

export function contentDigest(file: string): ContentDigest {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    db.exec("CREATE VIRTUAL TABLE temp.ax_vocab USING fts5vocab(main, 'fts', 'instance')");
    const sections: ContentDigest['sections'] = {};
    for (const [name, sql] of SECTIONS) {
      const h = createHash('sha256');
      let rows = 0;
      for (const row of db.prepare(sql).raw().iterate() as Iterable<unknown[]>) {
        if (name === 'meta' && VOLATILE_META.has(String(row[0]))) continue;
        h.update(JSON.stringify(row));
        h.update('\n');
        rows++;
      }
      sections[name] = { rows, sha256: h.digest('hex') };
    }
    sections.fts = ftsDigest(db);
    return { sections };
  } finally {
    db.close();
  }
}

/** Two independent 32-bit string hashes (murmur-style mixing): cheap per row, 64 bits together. */
function hash64(s: string): [number, number] {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/**
 * Every FTS5 term instance (term, column, offset) keyed by its chunk's path and lines instead of its
 * rowid. Rows are unique, so sums and XORs of per-row hashes make an order-independent digest (no
 * sort of millions of rows needed).
 */
function ftsDigest(db: Database.Database): { rows: number; sha256: string } {
  const chunkKey = new Map<number, string>();
  for (const [id, p, a, b] of db.prepare('SELECT c.id, f.path, c.start_line, c.end_line FROM chunks c JOIN files f ON f.id = c.file_id')
    .raw().iterate() as Iterable<[number, string, number, number]>) chunkKey.set(id, `${p}\0${a}\0${b}`);
  let x1 = 0, x2 = 0, s1 = 0, s2 = 0, rows = 0;
  for (const [term, doc, col, offset] of db.prepare('SELECT term, doc, col, offset FROM temp.ax_vocab').raw()
    .iterate() as Iterable<[string, number, string, number]>) {
    const [a, b] = hash64(`${term}\0${chunkKey.get(doc) ?? `orphan:${doc}`}\0${col}\0${offset}`);
    x1 ^= a; x2 ^= b; s1 = (s1 + a) % 4294967296; s2 = (s2 + b) % 4294967296;
    rows++;
  }
  const sha256 = createHash('sha256').update(`${x1 >>> 0}:${x2 >>> 0}:${s1}:${s2}:${rows}`).digest('hex');
  return { rows, sha256 };
}

/** Names of the sections whose digests differ (empty when the contents are equal). */
export function digestDiff(a: ContentDigest, b: ContentDigest): string[] {
  const names = new Set([...Object.keys(a.sections), ...Object.keys(b.sections)]);
  return [...names].filter((n) => a.sections[n]?.sha256 !== b.sections[n]?.sha256)
    .map((n) => `${n} (${a.sections[n]?.rows ?? 0} vs ${b.sections[n]?.rows ?? 0} rows)`);
}
