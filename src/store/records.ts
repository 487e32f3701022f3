// Shapes written to and read from the store. The indexer builds FileRecords (in workers); the writer
// persists them; readers return the row types below to services.

import type { ImportFact, SymbolDef } from '../core/types.js';

/** One full-text document: a function, or a block of other lines of a file. */
export interface ChunkRecord {
  startLine: number;
  endLine: number;
  /** Index into FileRecord.symbols of the symbol this chunk is about, or -1. */
  symbol: number;
  /** FTS columns. */
  name: string;
  signature: string;
  doc: string;
  body: string;
  /** Sub-words of camelCase identifiers in the chunk (`getUserById` -> `get user by id`). */
  words: string;
}

export interface FileRecord {
  path: string;
  lang: string;
  size: number;
  mtimeMs: number;
  hash: string;
  lines: number;
  parseErrors: number;
  refCount: number;
  refsBlob: Uint8Array;
  /** Call sites, encoded by callsblob.ts (null: none). */
  callsBlob: Uint8Array | null;
  symbols: SymbolDef[];
  imports: ImportFact[];
  chunks: ChunkRecord[];
}

export interface FileState { id: number; size: number; mtimeMs: number; hash: string }

export interface SkippedRecord { path: string; reason: string; detail: string }
