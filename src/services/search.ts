// Use case: full-text search. The store ranks chunks by BM25; this service reads the matching lines
// from the working tree for snippets (the index does not keep a second copy of every file).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AxError } from '../core/errors.js';
import { termsToFtsMatch } from '../query/simple.js';
import { openDatabase } from '../store/db.js';
import { IndexReader } from '../store/reader.js';
import { dbPathFor, findIndexRoot } from './root.js';

export interface SearchResult {
  path: string;
  line: number;
  endLine: number;
  lang: string;
  kind: string | null;
  symbol: string | null;
  score: number;
  snippet: string;
}

export interface SearchResponse { query: string; total: number; tookMs: number; results: SearchResult[] }

export interface SearchRequest { query: string; root?: string; limit?: number; offset?: number }

export function search(req: SearchRequest): SearchResponse {
  const t0 = performance.now();
  const root = findIndexRoot(req.root);
  const match = termsToFtsMatch(req.query);
  if (!match) throw new AxError('E_QUERY', 'the query has no searchable words', { position: 0 });
  const db = openDatabase(dbPathFor(root), { readonly: true });
  try {
    const reader = new IndexReader(db);
    const hits = reader.searchChunks(match, req.limit ?? 20, req.offset ?? 0);
    const total = reader.countChunks(match);
    const words = req.query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const results = hits.map((h) => {
      const { line, snippet } = locate(root, h.path, h.startLine, h.endLine, words);
      return { path: h.path, line, endLine: h.endLine, lang: h.lang, kind: h.kind, symbol: h.symbol, score: -h.score, snippet };
    });
    return { query: req.query, total, tookMs: Math.round((performance.now() - t0) * 100) / 100, results };
  } finally {
    db.close();
  }
}

/** The first line of the chunk that contains a query word (else its first line), read from disk. */
function locate(root: string, rel: string, start: number, end: number, words: string[]): { line: number; snippet: string } {
  let lines: string[];
  try {
    lines = readFileSync(path.join(root, rel), 'utf8').split('\n');
  } catch {
    return { line: start, snippet: '' };
  }
  for (let l = start; l <= Math.min(end, lines.length); l++) {
    const text = lines[l - 1]!.toLowerCase();
    if (words.some((w) => text.includes(w))) return { line: l, snippet: lines[l - 1]!.trim().slice(0, 240) };
  }
  return { line: start, snippet: (lines[start - 1] ?? '').trim().slice(0, 240) };
}
