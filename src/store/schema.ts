// The index format. Every change is a new migration with a comment saying why; never edit one that has
// shipped (its SHA-256 checksum is recorded when applied and checked by `ax db status/verify`).
// PRAGMA user_version holds the schema version: an index ahead of SCHEMA_VERSION is refused, one
// behind is migrated forward on open.

import { createRequire } from 'node:module';

export interface Migration { version: number; name: string; sql: string }

export const MIGRATIONS: readonly Migration[] = [
  {
    // v1: files keyed by root-relative POSIX path with content hash; definitions, call sites, imports;
    // full text as FTS5 "chunks" (one per function, or per block of other lines) in a contentless
    // table, so no file's text is stored twice: snippets are read from the working tree. Identifier
    // occurrences (refs) are a compact per-file blob (refsblob.ts), found through the FTS index.
    version: 1,
    name: 'initial',
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
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;


/**
 * SHA-256 of each shipped migration's SQL. Every open compares the applied checksums with these; having
 * them here spares every command loading node:crypto (~20 internal modules, a few ms of each start-up).
 * schema.test.ts checks each against its SQL, so an edited migration still fails loudly.
 */
export const SHIPPED_CHECKSUMS: Readonly<Record<number, string>> = {
  1: 'a9a802cf7cda169e1daca3c9dc43d0eedd629bf63d48d6315189a4c228d4dd10',
  2: '87b310f091c029a517af82d23a817a961af07a57a8d0fa9e8aef9191603bdc1c',
};

export function migrationChecksum(m: Migration): string {
  const shipped = SHIPPED_CHECKSUMS[m.version];
  if (shipped !== undefined && MIGRATIONS[m.version - 1] === m) return shipped;
  return sha256Hex(m.sql);
}

/** SHA-256 (hex) of the text, loading node:crypto only when called. */
export function sha256Hex(text: string): string {
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(text).digest('hex');
}
