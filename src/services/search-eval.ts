// Use case: measuring ranking quality (docs/ranking.md). Builds a relevance set from an index of a real
// corpus (doc-comment first sentences whose answer is the documented function, and identifiers whose
// answer is their definition), evaluates ax's ranking with given parameters on an index of a copy of
// the corpus with the doc comments blanked out, and evaluates the plain baseline (FTS5 over whole
// functions, default tokenizer, unweighted bm25) in the same run. Metrics: MRR@k and Recall@k.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isAxError } from '../core/errors.js';
import { parseQuery } from '../query/parse.js';
import { planQuery } from '../query/plan.js';
import { STOPWORDS } from '../query/words.js';
import { openDatabase } from '../store/db.js';
import { BaselineIndex, definitionsOfKinds, documentedFunctions, functionSpans, type DefRow } from '../store/search-eval.js';
import { dbPathFor } from './root.js';
import { Searcher, scoreRetrieved, type RankParams, type Retrieved } from './search.js';

export interface RelevanceQuery {
  kind: 'doc' | 'ident';
  query: string;
  /** Any of these definitions (root-relative path, 1-based line) is a right answer. */
  answers: Array<{ path: string; line: number }>;
}

export interface RelevanceMetrics { n: number; mrr: number; recall: number; byKind: Record<string, { n: number; mrr: number; recall: number }> }

const WORD = /[\p{L}\p{N}]+/gu;

function rankKey(s: string, seed: string): string {
  return createHash('sha1').update(seed + s).digest('hex');
}

/** The first sentence of a doc comment, as plain words (kernel-doc `name - ` and Go `Name ` prefixes removed). */
export function docQuery(d: Pick<DefRow, 'name' | 'doc'>): string | null {
  let text = d.doc.replace(/\s+/g, ' ').trim();
  const kd = new RegExp(`^${d.name.replace(/[^\w]/g, '')}\\s*(\\(\\))?\\s*[-:]\\s*`);
  text = text.replace(kd, '');
  const m = /^(.*?[.!?])(\s|$)/.exec(text);
  let sentence = (m ? m[1]! : text).slice(0, 300);
  // Go convention: the comment starts with the name itself.
  if (sentence.startsWith(d.name + ' ')) sentence = sentence.slice(d.name.length + 1);
  const words = (sentence.match(WORD) ?? []).filter((w) => !['OR', 'AND', 'NOT'].includes(w));
  const content = words.filter((w) => !STOPWORDS.has(w.toLowerCase()));
  if (content.length < 3 || words.length > 24) return null;
  return words.join(' ');
}

/** Doc and identifier queries from the index at `root` (a deterministic sample). */
export function buildRelevanceSet(root: string, opts: { docs: number; idents: number; seed?: string }): RelevanceQuery[] {
  const seed = opts.seed ?? 'ax-relevance-1';
  const db = openDatabase(dbPathFor(root), { readonly: true });
  try {
    const out: RelevanceQuery[] = [];
    const docs = documentedFunctions(db)
      .map((d) => ({ d, q: docQuery(d), k: rankKey(`${d.path}:${d.line}`, seed) }))
      .filter((x) => x.q !== null)
      .sort((a, b) => (a.k < b.k ? -1 : 1));
    const seenQ = new Set<string>();
    for (const { d, q } of docs) {
      if (out.length >= opts.docs) break;
      if (seenQ.has(q!)) continue; // identical docs (overloads, copies) have no single answer
      seenQ.add(q!);
      out.push({ kind: 'doc', query: q!, answers: [{ path: d.path, line: d.line }] });
    }
    const byName = new Map<string, DefRow[]>();
    for (const d of definitionsOfKinds(db, ['function', 'method', 'class', 'struct', 'macro', 'type', 'interface', 'enum', 'union'])) {
      if (d.name.length < 4 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(d.name)) continue;
      const l = byName.get(d.name) ?? [];
      l.push(d);
      byName.set(d.name, l);
    }
    const names = [...byName.entries()].filter(([, ds]) => ds.length <= 3)
      .sort((a, b) => (rankKey(a[0], seed) < rankKey(b[0], seed) ? -1 : 1)).slice(0, opts.idents);
    for (const [name, ds] of names) out.push({ kind: 'ident', query: name, answers: ds.map((d) => ({ path: d.path, line: d.line })) });
    return out;
  } finally {
    db.close();
  }
}

function score(queries: readonly RelevanceQuery[], lists: Array<Array<{ path: string; line: number; endLine: number }>>, k: number): RelevanceMetrics {
  const byKind: Record<string, { n: number; mrr: number; recall: number }> = {};
  let mrr = 0, recall = 0;
  queries.forEach((q, i) => {
    const list = lists[i]!.slice(0, k);
    const rank = list.findIndex((r) => q.answers.some((a) => a.path === r.path && r.line <= a.line && a.line <= r.endLine));
    const rr = rank === -1 ? 0 : 1 / (rank + 1);
    mrr += rr;
    recall += rank === -1 ? 0 : 1;
    const b = (byKind[q.kind] ??= { n: 0, mrr: 0, recall: 0 });
    b.n++; b.mrr += rr; b.recall += rank === -1 ? 0 : 1;
  });
  const n = queries.length;
  for (const b of Object.values(byKind)) { b.mrr = r4(b.mrr / b.n); b.recall = r4(b.recall / b.n); }
  return { n, mrr: r4(mrr / Math.max(1, n)), recall: r4(recall / Math.max(1, n)), byKind };
}

function r4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/**
 * A long-lived evaluator on one index (the sweep calls `run` once per parameter setting). Retrieval
 * depends only on the BM25 column weights, so it is cached per weight vector and re-scored.
 */
export class AxEvaluator {
  private readonly searcher: Searcher;
  private readonly retrieved = new Map<string, Array<Retrieved | null>>();
  constructor(root: string) {
    this.searcher = new Searcher({ root, cache: { maxEntries: 0, ttlMs: 0 } });
  }
  run(queries: readonly RelevanceQuery[], rank: RankParams, k = 10): RelevanceMetrics {
    this.searcher.rank = rank;
    const key = `${rank.weights.join(',')}|${rank.candidates}|${queries.length}|${queries[0]?.query ?? ''}`;
    let got = this.retrieved.get(key);
    if (!got) {
      got = queries.map((q) => {
        try {
          return this.searcher.retrieve(planQuery(parseQuery(q.query)), k, { count: false });
        } catch (e) {
          if (isAxError(e)) return null;
          throw e;
        }
      });
      if (this.retrieved.size > 64) this.retrieved.clear();
      this.retrieved.set(key, got);
    }
    const lists = got.map((g) => (g ? scoreRetrieved(g, rank).slice(0, k).map((s) => ({ path: s.c.path, line: s.c.startLine, endLine: s.c.endLine })) : []));
    return score(queries, lists, k);
  }
  close(): void {
    this.searcher.close();
  }
}

/** Build (once) the baseline FTS5 database for the index at `root`: one row per function. */
export function buildBaseline(root: string, file: string): void {
  const b = new BaselineIndex(file);
  try {
    if (!b.isEmpty()) return;
    const db = openDatabase(dbPathFor(root), { readonly: true });
    let spans;
    try { spans = functionSpans(db); } finally { db.close(); }
    const rows: Array<{ path: string; line: number; endLine: number; body: string }> = [];
    let cur = '', lines: string[] = [];
    for (const s of spans) {
      if (s.path !== cur) {
        cur = s.path;
        const abs = path.join(root, s.path);
        lines = existsSync(abs) ? readFileSync(abs, 'utf8').split('\n') : [];
      }
      rows.push({ path: s.path, line: s.line, endLine: s.endLine, body: lines.slice(s.line - 1, s.endLine).join('\n') });
    }
    b.load(rows);
  } finally {
    b.close();
  }
}

/**
 * The baseline's answers: FTS5 over the query's words (default tokenizer), all words first, then any
 * word (the same AND-then-OR strategy ax uses for plain words), unweighted bm25.
 */
export function evaluateBaseline(file: string, queries: readonly RelevanceQuery[], k = 10): RelevanceMetrics {
  const b = new BaselineIndex(file);
  try {
    const lists = queries.map((q) => {
      const words = q.query.match(WORD) ?? [];
      if (!words.length) return [];
      const quoted = words.map((w) => `"${w}"`);
      const all = b.search(quoted.join(' AND '), k);
      if (all.length >= k || words.length === 1) return all;
      const seen = new Set(all.map((r) => `${r.path}:${r.line}`));
      for (const r of b.search(quoted.join(' OR '), k * 2)) {
        if (all.length >= k) break;
        if (!seen.has(`${r.path}:${r.line}`)) all.push(r);
      }
      return all;
    });
    return score(queries, lists, k);
  } finally {
    b.close();
  }
}

export interface WorkloadSeeds {
  /** Definitions (deterministic sample): name, path, kind, language. */
  definitions: Array<{ name: string; path: string; kind: string; lang: string }>;
  /** First sentences of doc comments, as plain words. */
  sentences: string[];
}

/** Material for a benchmark workload (src/bench/relevance/workload.ts) from the index at `root`. */
export function workloadSeeds(root: string, n: number, seed = 'ax-workload-1'): WorkloadSeeds {
  const db = openDatabase(dbPathFor(root), { readonly: true });
  try {
    const byName = new Map<string, DefRow>();
    for (const d of definitionsOfKinds(db, ['function', 'method', 'class', 'struct', 'macro', 'type'])) {
      if (d.name.length >= 5 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(d.name) && !byName.has(d.name)) byName.set(d.name, d);
    }
    const definitions = [...byName.values()].sort((a, b) => (rankKey(a.name, seed) < rankKey(b.name, seed) ? -1 : 1)).slice(0, n)
      .map((d) => ({ name: d.name, path: d.path, kind: d.kind, lang: d.lang }));
    const sentences = documentedFunctions(db).map((d) => docQuery(d)).filter((q): q is string => q !== null)
      .sort((a, b) => (rankKey(a, seed) < rankKey(b, seed) ? -1 : 1)).slice(0, n);
    return { definitions, sentences };
  } finally {
    db.close();
  }
}
