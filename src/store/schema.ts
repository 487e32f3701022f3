// The index format. Every change is a new migration with a comment saying why; never edit one that has
// shipped (its SHA-256 checksum is recorded when applied and checked by `ax db status/verify`).
// PRAGMA user_version holds the schema version: an index ahead of SCHEMA_VERSION is refused, one
// behind is migrated forward on open.

import { createHash } from 'node:crypto';

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
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * Secondary indexes, by name, as created by the migrations above. A fresh bulk load drops them and
 * builds them once at the end (a sort is cheaper than millions of random B-tree inserts); every
 * writer re-creates any that are missing when it starts, so an interrupted bulk load heals itself.
 */
export const SECONDARY_INDEXES: ReadonlyArray<{ name: string; sql: string }> = [
  ...MIGRATIONS.map((m) => m.sql).join('\n').matchAll(/^CREATE INDEX (\w+) ON .*;$/gm),
].map((m) => ({ name: m[1]!, sql: m[0].replace('CREATE INDEX', 'CREATE INDEX IF NOT EXISTS') }));

export function migrationChecksum(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}
