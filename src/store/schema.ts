// The index format. Every change is a new migration with a comment saying why; never edit one that has
// shipped. Each carries the SHA-256 of its text (`sha256`, see migrationChecksum(), checked by schema.test.ts, so an edit fails
// the tests); the checksum is also recorded in the index when applied, and an index whose recorded
// checksum differs from this ax's migration is refused on open and by `ax db migrate/status/verify`.
// PRAGMA user_version holds the schema version: an index ahead of SCHEMA_VERSION is refused, one
// behind is migrated forward on open by a writer. A migration that only adds indexes is `additive`:
// readers read an index that lacks it as it is, and writers apply it without a backup first.

import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { encodeCalls } from './callsblob.js';
import { encodeLineIndex, LINE_BLOCK } from './lineindex.js';
import { decodeRefsLegacy, encodeRefsLegacy } from './refsblob-legacy.js';
import { decodeLegacy, encodeRefs, isCurrentFormat, lineIndexOf } from './refsblob.js';

/**
 * One schema step: `sql`, then an optional data conversion SQL cannot express (`data`), then
 * `sqlAfter`, all in the migration's transaction. The checksum covers both SQL texts and the data
 * step's name, which is versioned by hand (`name/1`): change the conversion, change its name.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  data?: { name: string; describe: string; run: (db: Database.Database) => void };
  sqlAfter?: string;
  /**
   * The step only adds indexes (no table, column or data changes): an index without it answers every
   * query the same, only slower, so readers open it, and a writer applies it without a backup.
   */
  additive?: boolean;
  /** migrationChecksum() as shipped (hex). Shipped migrations must carry it; injected test ones may not. */
  sha256?: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    // v1: files keyed by root-relative POSIX path with content hash; definitions, call sites, imports;
    // full text as FTS5 "chunks" (one per function, or per block of other lines) in a contentless
    // table, so no file's text is stored twice: snippets are read from the working tree. Identifier
    // occurrences (refs) are a compact per-file blob (refsblob.ts), found through the FTS index.
    version: 1,
    name: 'initial',
    sha256: 'a9a802cf7cda169e1daca3c9dc43d0eedd629bf63d48d6315189a4c228d4dd10',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  lang TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  hash TEXT NOT NULL,
  lines INTEGER NOT NULL,
  symbols INTEGER NOT NULL,
  refs INTEGER NOT NULL,
  parse_errors INTEGER NOT NULL,
  refs_blob BLOB
);
CREATE TABLE symbols (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL,
  parent_id INTEGER,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  end_line INTEGER NOT NULL,
  end_col INTEGER NOT NULL,
  name_line INTEGER NOT NULL,
  name_col INTEGER NOT NULL,
  container TEXT NOT NULL,
  signature TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX symbols_name ON symbols(name COLLATE NOCASE);
CREATE INDEX symbols_file ON symbols(file_id);
CREATE TABLE calls (
  file_id INTEGER NOT NULL,
  caller_id INTEGER,
  name TEXT NOT NULL,
  receiver TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL
);
CREATE INDEX calls_name ON calls(name);
CREATE INDEX calls_file ON calls(file_id);
CREATE INDEX calls_caller ON calls(caller_id);
CREATE TABLE imports (
  file_id INTEGER NOT NULL,
  module TEXT NOT NULL,
  names TEXT NOT NULL,
  line INTEGER NOT NULL
);
CREATE INDEX imports_file ON imports(file_id);
CREATE INDEX imports_module ON imports(module);
CREATE TABLE chunks (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL,
  start_line INTEGER NOT NULL,
  end_line INTEGER NOT NULL,
  symbol_id INTEGER
);
CREATE INDEX chunks_file ON chunks(file_id);
CREATE VIRTUAL TABLE fts USING fts5(
  name, signature, doc, body, path, words,
  content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE skipped (path TEXT PRIMARY KEY, reason TEXT NOT NULL, detail TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL);
`,
  },
  {
    // v2: call sites clustered by file (WITHOUT ROWID, key file_id, line, col, name). Writing a file's
    // calls is an append, deleting them a range, and the separate calls_file index (~52 MB on Linux)
    // is gone. A name position holds one call, so duplicates from overlapping patterns collapse.
    version: 2,
    name: 'calls-clustered-by-file',
    sha256: '87b310f091c029a517af82d23a817a961af07a57a8d0fa9e8aef9191603bdc1c',
    sql: `
CREATE TABLE calls_v2 (
  file_id INTEGER NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  name TEXT NOT NULL,
  receiver TEXT NOT NULL,
  caller_id INTEGER,
  PRIMARY KEY (file_id, line, col, name)
) WITHOUT ROWID;
INSERT OR IGNORE INTO calls_v2(file_id, line, col, name, receiver, caller_id)
  SELECT file_id, line, col, name, receiver, caller_id FROM calls;
DROP TABLE calls;
ALTER TABLE calls_v2 RENAME TO calls;
CREATE INDEX calls_name ON calls(name);
CREATE INDEX calls_caller ON calls(caller_id);
`,
  },
  {
    // v3: call sites move from the `calls` table into a per-file blob (files.calls_blob, callsblob.ts).
    // On Linux the table and its two indexes (by callee name, by caller) were 430 MB, a quarter of the
    // index, and two sorts of 4.6M rows at the end of each bulk load. Both ways calls are read work
    // per file: a function's callees from its own file, a name's callers from the files the FTS index
    // names as holding its tokens (as refs do). Writers also stop storing signatures: a signature is
    // the definition's first source line and readers take it from the file.
    version: 3,
    name: 'calls-as-file-blobs',
    sha256: '26104791d665767a130a7122bae56484323857f27b3e377ad484c3072762edff',
    sql: `
ALTER TABLE files ADD COLUMN calls_blob BLOB;
`,
    data: {
      name: 'calls-rows-to-blobs/1',
      describe: "encode each file's rows of `calls` into files.calls_blob (callers as the index of their symbol in the file)",
      run: callsRowsToBlobs,
    },
    sqlAfter: `
DROP TABLE calls;
`,
  },
  {
    // v4: a covering index for the per-file counters. `ax status` sums them over every file, and
    // the files table's rows carry their refs and call-site blobs inline: on Linux the scan read
    // ~200 MB of pages (`ax status` 205 ms); over this index it reads a few MB (60 ms).
    version: 4,
    name: 'files-summary-index',
    sha256: 'd969cbb510c34f3331beca3fe52f098ff159f411dd7495bb049f92e41552be82',
    additive: true,
    sql: `
CREATE INDEX files_summary ON files(lang, size, symbols, refs, parse_errors);
`,
  },
  {
    // v5: refs blobs in format 3 (refsblob.ts): a file's table split by name hash into segments of
    // ~4 KiB raw, and the byte offsets of every 32nd line (lineindex.ts) stored with them. `ax refs
    // NAME` reads one name from each of hundreds of files and prints each hit's line: inflating
    // whole tables and counting newlines up to the hits were most of a query. The data step re-encodes
    // every blob, with a line index for the files the working tree still holds as indexed (same size
    // and mtime; the others get theirs when a re-index rewrites them). Not additive: ax before v5
    // cannot read format 3.
    version: 5,
    name: 'refs-segments-and-line-index',
    sha256: 'e14506434221337206e0ff87d9eb7a839e134c0c0f238b2cd8d85b2c5275203e',
    sql: '',
    data: {
      name: 'refs-blobs-to-format-3/1',
      describe: "re-encode each file's refs blob in segments, with the offsets of every 32nd line of the file when it is unchanged on disk",
      run: refsBlobsToFormat3,
    },
  },
  {
    // v6: refs blobs in format 4 (refsblob.ts): names keyed by a 32-bit hash instead of spelled out,
    // nothing deflated. `ax refs NAME` looks one name up in each of hundreds of files, and inflating
    // a segment of each was the largest part of that lookup; a hash is smaller than a deflated name,
    // so the blobs do not grow (~3% smaller on Linux). The data step re-encodes every blob, keeping
    // its line index. Not additive: ax before v6 cannot read format 4.
    version: 6,
    name: 'refs-hashed-names',
    sha256: '9069c749e31e79948dcf3dd4c05524de1068476df8ef574494e6d9233f581016',
    sql: '',
    data: {
      name: 'refs-blobs-to-format-4/1',
      describe: "re-encode each file's refs blob with hashed names and no compression, keeping its line index",
      run: refsBlobsToFormat4,
    },
  },
];

/**
 * v5's data step, in batches of rows (a statement cannot write while another iterates). The index
 * sits at ROOT/.ax/index.db, and paths are relative to ROOT.
 */
function refsBlobsToFormat3(db: Database.Database): void {
  const root = db.name && !db.memory ? path.dirname(path.dirname(db.name)) : undefined;
  const batch = db.prepare('SELECT id, path, size, mtime_ms AS mtimeMs, lines, refs_blob AS blob FROM files WHERE id > ? AND refs_blob IS NOT NULL ORDER BY id LIMIT 500');
  const update = db.prepare('UPDATE files SET refs_blob = ? WHERE id = ?');
  for (let after = 0; ;) {
    const rows = batch.all(after) as Array<{ id: number; path: string; size: number; mtimeMs: number; lines: number; blob: Uint8Array }>;
    if (rows.length === 0) return;
    for (const r of rows) {
      let lineIndex: Uint8Array | null = null;
      if (root !== undefined && r.lines > LINE_BLOCK) {
        try {
          const file = path.join(root, r.path);
          const st = statSync(file);
          if (st.size === r.size && Math.trunc(st.mtimeMs) === r.mtimeMs) {
            const buf = readFileSync(file);
            if (buf.length === r.size) lineIndex = encodeLineIndex(buf);
          }
        } catch { /* gone or unreadable: no line index */ }
      }
      const blob = encodeRefsLegacy(decodeRefsLegacy(r.blob), lineIndex);
      if (!Buffer.from(blob).equals(Buffer.from(r.blob.buffer, r.blob.byteOffset, r.blob.length))) update.run(blob, r.id);
    }
    after = rows[rows.length - 1]!.id;
  }
}

/** v6's data step, in batches of rows (a statement cannot write while another iterates). */
function refsBlobsToFormat4(db: Database.Database): void {
  const batch = db.prepare('SELECT id, refs_blob AS blob FROM files WHERE id > ? AND refs_blob IS NOT NULL ORDER BY id LIMIT 1000');
  const update = db.prepare('UPDATE files SET refs_blob = ? WHERE id = ?');
  for (let after = 0; ;) {
    const rows = batch.all(after) as Array<{ id: number; blob: Uint8Array }>;
    if (rows.length === 0) return;
    for (const r of rows) {
      if (r.blob.length === 0 || isCurrentFormat(r.blob)) continue;
      update.run(encodeRefs(decodeLegacy(r.blob), lineIndexOf(r.blob) ?? null), r.id);
    }
    after = rows[rows.length - 1]!.id;
  }
}

function callsRowsToBlobs(db: Database.Database): void {
  const fileIds = db.prepare('SELECT DISTINCT file_id FROM calls').pluck().all() as number[];
  const symbolIds = db.prepare('SELECT id FROM symbols WHERE file_id = ? ORDER BY id').pluck();
  const rows = db.prepare('SELECT name, receiver, line, col, caller_id AS callerId FROM calls WHERE file_id = ?');
  const update = db.prepare('UPDATE files SET calls_blob = ? WHERE id = ?');
  for (const fileId of fileIds) {
    const ordinal = new Map((symbolIds.all(fileId) as number[]).map((id, i) => [id, i]));
    const calls = (rows.all(fileId) as Array<{ name: string; receiver: string; line: number; col: number; callerId: number | null }>)
      .map((c) => ({ callee: c.name, receiver: c.receiver, line: c.line, col: c.col, caller: c.callerId === null ? -1 : ordinal.get(c.callerId) ?? -1 }));
    update.run(encodeCalls(calls), fileId);
  }
}

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;


/**
 * The checksum recorded for a migration: its pinned `sha256` when it is this ax's own shipped object
 * (every open compares applied checksums; using the pinned value spares every command loading
 * node:crypto, ~20 internal modules), else computed. schema.test.ts checks each pin against
 * hashMigration(), so an edited migration still fails loudly.
 */
export function migrationChecksum(m: Migration): string {
  if (m.sha256 !== undefined && MIGRATIONS[m.version - 1] === m) return m.sha256;
  return hashMigration(m);
}

/** SHA-256 over the SQL, plus the data step's name and `sqlAfter` when present (v1/v2 hash their SQL alone). */
export function hashMigration(m: Migration): string {
  const extra = m.data || m.sqlAfter ? `\n-- data: ${m.data?.name ?? ''}\n${m.sqlAfter ?? ''}` : '';
  return sha256Hex(m.sql + extra);
}

/** The whole of a migration as text: what `ax db migrate --dry-run` prints. */
export function migrationText(m: Migration): string {
  const parts = [m.sql.trim()];
  if (m.data) parts.push(`-- data step ${m.data.name}: ${m.data.describe}`);
  if (m.sqlAfter) parts.push(m.sqlAfter.trim());
  return parts.filter(Boolean).join('\n');
}

/** SHA-256 (hex) of the text, loading node:crypto only when called. */
export function sha256Hex(text: string): string {
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(text).digest('hex');
}
