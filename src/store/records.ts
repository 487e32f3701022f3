// Shapes written to and read from the store. The indexer builds FileRecords (in workers); the writer
// persists them; readers return the row types below to services.

import type { ImportFact, SymbolDef } from '../core/types.js';

/** Stored doc comments are cut here; the full text stays in the source. */
export const MAX_DOC = 1000;

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
  symbols: PackedSymbols;
  imports: ImportFact[];
  chunks: ChunkRecord[];
}

export interface FileState { id: number; size: number; mtimeMs: number; hash: string }

export interface SkippedRecord { path: string; reason: string; detail: string }

/**
 * A file's definitions as the store writes them, in a few flat arrays instead of one object (and six
 * span objects) per symbol. Records cross from the workers to the writer thread by structured clone,
 * and wait there for their batch: on Linux (3.7M symbols) the objects were ~2x the source bytes of
 * allocation on the writer thread, and what outlived a scavenge while a batch was written was
 * promoted, growing its heap to ~160 MB for ~30 MB live. Signatures are not stored (schema v3).
 */
export interface PackedSymbols {
  count: number;
  /** SYMBOL_INTS per symbol: parent (-1: none), line, col, endLine, endCol, nameLine, nameCol. */
  ints: Int32Array;
  names: string[];
  /** Index of each symbol's kind in `kindTable`. */
  kinds: Uint8Array;
  kindTable: string[];
  containers: string[];
  /** Cut at MAX_DOC characters. */
  docs: string[];
}

export const SYMBOL_INTS = 7;

export function packSymbols(symbols: readonly SymbolDef[]): PackedSymbols {
  const n = symbols.length;
  const ints = new Int32Array(n * SYMBOL_INTS);
  const kinds = new Uint8Array(n);
  const kindTable: string[] = [];
  const names: string[] = new Array(n), containers: string[] = new Array(n), docs: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const d = symbols[i]!;
    const o = i * SYMBOL_INTS;
    ints[o] = d.parent; ints[o + 1] = d.span.start.line; ints[o + 2] = d.span.start.col; ints[o + 3] = d.span.end.line;
    ints[o + 4] = d.span.end.col; ints[o + 5] = d.nameSpan.start.line; ints[o + 6] = d.nameSpan.start.col;
    let k = kindTable.indexOf(d.kind);
    if (k < 0) k = kindTable.push(d.kind) - 1;
    kinds[i] = k;
    names[i] = d.name;
    containers[i] = d.container;
    docs[i] = d.doc.length > MAX_DOC ? d.doc.slice(0, MAX_DOC) : d.doc;
  }
  return { count: n, ints, names, kinds, kindTable, containers, docs };
}
