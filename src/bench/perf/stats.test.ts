// Unit tests for the benchmark statistics and the compare verdicts (no timing: fixed samples only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapRatioCI, compareSamples, mannWhitney, median, normalCdf, percentile, rng, stats } from './stats.js';
import { compareResults } from './compare.js';
import { flattenMetrics, flattenRatios, type ResultDoc } from './results.js';
import { markdownToHtml } from './report.js';

const near = (a: number, b: number, eps = 1e-3) => assert.ok(Math.abs(a - b) <= eps, `${a} != ${b} (±${eps})`);
const noisy = (center: number, n: number, spread: number, seed: number) => {
  const r = rng(seed);
  return Array.from({ length: n }, () => center + (r() - 0.5) * 2 * spread);
};

test('percentiles are nearest-rank; stats summarise', () => {
  const s = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(s, 50), 50);
  assert.equal(percentile(s, 95), 95);
  assert.equal(percentile(s, 99), 99);
  assert.equal(percentile(s, 100), 100);
  assert.ok(Number.isNaN(percentile([], 50)));
  const st = stats([3, 1, 2, 4]);
  assert.deepEqual([st.n, st.min, st.p50, st.max, st.mean], [4, 1, 2, 4, 2.5]);
  near(st.stddev, 1.29, 0.01);
  assert.equal(stats([7]).stddev, 0);
  assert.equal(median([1, 3, 2, 10]), 2.5);
});

test('normal CDF', () => {
  near(normalCdf(0), 0.5, 1e-7);
  near(normalCdf(1.959964), 0.975, 1e-6);
  near(normalCdf(-1.644854), 0.05, 1e-6);
});

test('Mann-Whitney U: exact p-values for small untied samples', () => {
  const full = mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
  assert.equal(full.u, 0);
  assert.ok(full.exact);
  near(full.p, 2 / 252, 1e-9);
  near(mannWhitney([1, 2, 3], [4, 5, 6]).p, 0.1, 1e-9);
  // scipy.stats.mannwhitneyu([19, 22, 16, 29, 24], [20, 11, 17, 12]) -> U=17, p=0.1111 (exact)
  const r = mannWhitney([19, 22, 16, 29, 24], [20, 11, 17, 12]);
  assert.equal(r.u, 3);
  near(r.p, 14 / 126, 1e-9);
  // symmetric in its arguments
  near(mannWhitney([20, 11, 17, 12], [19, 22, 16, 29, 24]).p, r.p, 1e-12);
});

test('Mann-Whitney U: ties use the normal approximation with tie correction', () => {
  const r = mannWhitney([1, 2, 2, 3, 3, 3, 4, 4, 5, 5], [3, 4, 4, 5, 5, 5, 6, 6, 7, 7]);
  assert.equal(r.exact, false);
  assert.ok(r.p > 0.001 && r.p < 0.05, `p=${r.p}`);
  assert.equal(mannWhitney([1, 1, 1], [1, 1, 1]).p, 1);
  assert.ok(Number.isNaN(mannWhitney([], [1]).p));
});

test('bootstrap CI of the median ratio is seeded and brackets the true ratio', () => {
  const a = noisy(100, 30, 5, 1), b = noisy(150, 30, 5, 2);
  const ci = bootstrapRatioCI(a, b);
  assert.deepEqual(ci, bootstrapRatioCI(a, b));
  assert.ok(ci[0] < 1.5 && ci[1] > 1.5 && ci[0] > 1.35 && ci[1] < 1.65, `ci=${ci}`);
});

test('compare verdicts: regression, improvement, no change, inconclusive', () => {
  const base = noisy(100, 20, 3, 3);
  assert.equal(compareSamples(base, noisy(130, 20, 3, 4)).verdict, 'regression');
  assert.equal(compareSamples(base, noisy(80, 20, 3, 5)).verdict, 'improvement');
  assert.equal(compareSamples(base, noisy(100, 20, 3, 6)).verdict, 'no change');
  // significant but tiny (1%) is still "no change"
  const tiny = compareSamples(noisy(100, 40, 0.2, 7), noisy(101, 40, 0.2, 8));
  assert.equal(tiny.verdict, 'no change');
  assert.match(tiny.why, /below 3%/);
  // a big jump in the median with huge noise and few samples is not called
  assert.equal(compareSamples([100, 300, 50, 500], [400, 90, 600, 80]).verdict, 'no change');
  assert.equal(compareSamples([1, 2], [3, 4]).verdict, 'inconclusive');
  // for throughput, higher is better
  assert.equal(compareSamples(base, noisy(130, 20, 3, 9), { lowerIsBetter: false }).verdict, 'improvement');
});

const doc = (samples: number[], ratio: number): ResultDoc => ({
  suite: 's', environment: { date: '2026-01-01T00:00:00Z', commit: 'abc' },
  results: {
    corpus: { files: 3, bytes: 10 },
    workloads: { 'ax find': { wall: { unit: 'ms', better: 'lower', ...stats(samples), samples } } },
    legacy: { wallMs: stats(samples) },
    ratios: { 'ax find / rg': ratio },
  },
});

test('result documents: metrics and ratios are found by path; compare labels each', () => {
  const d = doc([10, 11, 12], 2);
  assert.deepEqual(flattenMetrics(d.results).map((m) => [m.path, m.unit, m.samples?.length]), [['workloads.ax find.wall', 'ms', 3], ['legacy.wallMs', 'ms', undefined]]);
  assert.deepEqual(flattenRatios(d.results), [{ path: 'ratios.ax find / rg', value: 2 }]);
  const r = compareResults(doc(noisy(100, 12, 2, 10), 2), doc(noisy(140, 12, 2, 11), 2.6));
  assert.equal(r.metrics[0]!.verdict, 'regression');
  assert.equal(r.metrics[1]!.verdict, 'inconclusive');
  assert.deepEqual(r.summary, { regression: 1, improvement: 0, 'no change': 0, inconclusive: 1 });
  assert.deepEqual(r.ratios, [{ path: 'ratios.ax find / rg', a: 2, b: 2.6 }]);
  assert.throws(() => compareResults(d, { ...d, suite: 'other' }), /cannot compare/);
});

test('report markdown: tables, list items, code, escaping', () => {
  const html = markdownToHtml(['| a | b |', '|---|--:|', '| `x<y` | 2 |', '', '- item', 'text & more']);
  assert.match(html, /<th>a<\/th><th>b<\/th>/);
  assert.match(html, /<td><code>x&lt;y<\/code><\/td><td>2<\/td>/);
  assert.match(html, /<li>item<\/li>/);
  assert.match(html, /<p>text &amp; more<\/p>/);
});
