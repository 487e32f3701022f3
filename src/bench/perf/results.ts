// Reading saved result documents (`ax perf run`, `npm run bench`): load one file or every run in a
// directory, and flatten a document's `results` into metrics addressed by their JSON path
// (e.g. `workloads.ax find QuerySet.wall`). A metric is an object with `samples` and `unit`
// (harness.metric()); plain Stats objects (p50 without samples) are kept as summary-only metrics.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AxError } from '../../core/errors.js';
import type { Stats } from './stats.js';

export interface ResultDoc {
  schema?: string;
  suite: string;
  environment: { date?: string; commit?: string; ax?: string; cpu?: string; cores?: number; node?: string; [k: string]: unknown };
  options?: Record<string, unknown>;
  results: unknown;
  report?: string[];
}

export interface FlatMetric {
  path: string;
  unit: string;
  better: 'lower' | 'higher';
  p50: number;
  p95: number;
  samples: number[] | undefined;
}

export function loadResult(file: string): ResultDoc {
  let doc: ResultDoc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as ResultDoc;
  } catch (e) {
    throw new AxError('E_IO', `cannot read result ${file}: ${(e as Error).message}`, { hint: 'pass a JSON file written by `ax perf run`' });
  }
  if (!doc || typeof doc.suite !== 'string' || typeof doc.environment !== 'object') {
    throw new AxError('E_USAGE', `${file} is not an ax perf result (no suite/environment)`, { hint: 'pass a JSON file written by `ax perf run`' });
  }
  return doc;
}

/** Every result document in dir (not recursive), oldest first; unreadable files are skipped. */
export function loadRuns(dir: string): { file: string; doc: ResultDoc }[] {
  if (!existsSync(dir)) return [];
  const out: { file: string; doc: ResultDoc }[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!name.endsWith('.json') || !statSync(file).isFile()) continue;
    try { out.push({ file, doc: loadResult(file) }); } catch { /* not ours */ }
  }
  return out.sort((a, b) => String(a.doc.environment.date ?? '').localeCompare(String(b.doc.environment.date ?? '')));
}

const isStats = (x: Record<string, unknown>) => typeof x.p50 === 'number' && typeof x.n === 'number';

/** Metrics of a document's results, keyed by JSON path, in document order. */
export function flattenMetrics(results: unknown): FlatMetric[] {
  const out: FlatMetric[] = [];
  (function walk(x: unknown, at: string[]) {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return;
    const o = x as Record<string, unknown>;
    if (Array.isArray(o.samples) && typeof o.unit === 'string') {
      out.push({ path: at.join('.'), unit: o.unit, better: o.better === 'higher' ? 'higher' : 'lower', p50: Number(o.p50), p95: Number(o.p95), samples: (o.samples as unknown[]).map(Number) });
      return;
    }
    if (isStats(o)) {
      const s = o as unknown as Stats;
      const name = at[at.length - 1] ?? '';
      out.push({ path: at.join('.'), unit: /ms$/i.test(name) ? 'ms' : '', better: 'lower', p50: s.p50, p95: s.p95, samples: undefined });
      return;
    }
    for (const [k, v] of Object.entries(o)) walk(v, [...at, k]);
  })(results, []);
  return out;
}

/** Numeric leaves under any key named `ratios` (ax ÷ peer), keyed by path. */
export function flattenRatios(results: unknown): { path: string; value: number }[] {
  const out: { path: string; value: number }[] = [];
  (function walk(x: unknown, at: string[], inRatios: boolean) {
    if (typeof x === 'number' && inRatios && Number.isFinite(x)) { out.push({ path: at.join('.'), value: x }); return; }
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return;
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) walk(v, [...at, k], inRatios || /ratio/i.test(k));
  })(results, [], false);
  return out;
}
