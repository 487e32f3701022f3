// `ax perf compare A.json B.json`: per metric, median A -> median B, the change with a 95% bootstrap
// interval, a Mann-Whitney p-value and a verdict (stats.compareSamples); summary-only metrics (no
// samples) are listed as "inconclusive". Both documents must come from the same suite.
import { AxError } from '../../core/errors.js';
import { flattenMetrics, flattenRatios, type ResultDoc } from './results.js';
import { compareSamples, fmtP, type Comparison, type CompareOptions } from './stats.js';

export interface MetricComparison extends Comparison { path: string; unit: string; better: 'lower' | 'higher'; nA: number; nB: number }

export interface CompareReport {
  suite: string;
  a: { date: unknown; commit: unknown };
  b: { date: unknown; commit: unknown };
  metrics: MetricComparison[];
  ratios: { path: string; a: number; b: number }[];
  onlyInA: string[];
  onlyInB: string[];
  summary: { regression: number; improvement: number; 'no change': number; inconclusive: number };
}

export function compareResults(a: ResultDoc, b: ResultDoc, opts: CompareOptions = {}): CompareReport {
  if (a.suite !== b.suite) throw new AxError('E_USAGE', `cannot compare suite "${a.suite}" with suite "${b.suite}"`, { hint: 'compare two runs of the same suite' });
  const ma = new Map(flattenMetrics(a.results).map((m) => [m.path, m]));
  const mb = new Map(flattenMetrics(b.results).map((m) => [m.path, m]));
  const metrics: MetricComparison[] = [];
  const summary = { regression: 0, improvement: 0, 'no change': 0, inconclusive: 0 };
  for (const [p, x] of ma) {
    const y = mb.get(p);
    if (!y) continue;
    let c: Comparison;
    if (x.samples && y.samples && x.samples.length && y.samples.length) {
      c = compareSamples(x.samples, y.samples, { ...opts, lowerIsBetter: x.better !== 'higher' });
    } else {
      c = { medianA: x.p50, medianB: y.p50, change: x.p50 ? y.p50 / x.p50 - 1 : NaN, ci: [NaN, NaN], p: NaN, verdict: 'inconclusive', why: 'no samples saved (summary only)' };
    }
    summary[c.verdict]++;
    metrics.push({ path: p, unit: x.unit, better: x.better, nA: x.samples?.length ?? 0, nB: y.samples?.length ?? 0, ...c });
  }
  const ra = new Map(flattenRatios(a.results).map((r) => [r.path, r.value]));
  const ratios = flattenRatios(b.results).filter((r) => ra.has(r.path)).map((r) => ({ path: r.path, a: ra.get(r.path)!, b: r.value }));
  return {
    suite: a.suite,
    a: { date: a.environment.date, commit: a.environment.commit },
    b: { date: b.environment.date, commit: b.environment.commit },
    metrics, ratios,
    onlyInA: [...ma.keys()].filter((k) => !mb.has(k)),
    onlyInB: [...mb.keys()].filter((k) => !ma.has(k)),
    summary,
  };
}

const pct = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%` : 'n/a');
const num = (x: number) => (!Number.isFinite(x) ? 'n/a' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2));

/** Plain-text table for a terminal. */
export function formatComparison(r: CompareReport): string {
  const rows = r.metrics.map((m) => [m.path, `${num(m.medianA)} ${m.unit}`.trim(), `${num(m.medianB)} ${m.unit}`.trim(), pct(m.change),
    Number.isFinite(m.ci[0]) ? `[${pct(m.ci[0])}, ${pct(m.ci[1])}]` : '', fmtP(m.p), m.verdict, m.why]);
  const head = ['metric', 'A p50', 'B p50', 'change', '95% CI', 'p', 'verdict', 'why'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i >= 6 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [
    `suite ${r.suite}: A ${String(r.a.date)} (${String(r.a.commit)})  ->  B ${String(r.b.date)} (${String(r.b.commit)})`,
    '', line(head), ...rows.map(line),
  ];
  if (r.ratios.length) {
    out.push('', 'ratios (ax ÷ peer, measured within each run):');
    for (const x of r.ratios) out.push(`  ${x.path}: ${x.a} -> ${x.b}`);
  }
  if (r.onlyInA.length) out.push('', `only in A: ${r.onlyInA.join(', ')}`);
  if (r.onlyInB.length) out.push('', `only in B: ${r.onlyInB.join(', ')}`);
  const s = r.summary;
  out.push('', `${s.regression} regression(s), ${s.improvement} improvement(s), ${s['no change']} without significant change, ${s.inconclusive} inconclusive`,
    'verdict rule: Mann-Whitney U p < 0.05, 95% bootstrap CI of the median ratio excluding 0, and |change| >= 3%');
  return out.join('\n') + '\n';
}
