// Statistics for benchmark samples, kept free of I/O so unit tests can pin them down: percentiles,
// summaries, a Mann-Whitney U test (exact for small untied samples, normal approximation otherwise), a
// seeded bootstrap confidence interval for the ratio of medians, and the verdict `ax perf compare` prints.
// Timings on a shared machine are noisy, so a change is called only when it is both statistically
// significant and larger than a minimum effect; a bare percentage is never a verdict.

export interface Stats { n: number; min: number; p50: number; p95: number; p99: number; mean: number; stddev: number; max: number }

/** Nearest-rank percentile of an ascending array (p in 0..100); NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
}

export function median(samples: readonly number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Summary of samples, rounded to 0.01; p50/p95/p99 are nearest-rank, stddev is the sample stddev. */
export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  return {
    n, min: round2(s[0] ?? NaN), p50: round2(percentile(s, 50)), p95: round2(percentile(s, 95)), p99: round2(percentile(s, 99)),
    mean: round2(n ? mean : NaN), stddev: round2(n > 1 ? sd : 0), max: round2(s[n - 1] ?? NaN),
  };
}

export interface MannWhitney { u: number; z: number; p: number; exact: boolean }

/** Two-sided Mann-Whitney U test of "a and b come from the same distribution". */
export function mannWhitney(a: readonly number[], b: readonly number[]): MannWhitney {
  const n1 = a.length, n2 = b.length;
  if (n1 === 0 || n2 === 0) return { u: NaN, z: NaN, p: NaN, exact: false };
  const all = [...a.map((v) => ({ v, g: 0 })), ...b.map((v) => ({ v, g: 1 }))].sort((x, y) => x.v - y.v);
  const ranks = new Array<number>(all.length);
  let tieTerm = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.v === all[i]!.v) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[k] = r;
    const t = j - i + 1;
    tieTerm += t ** 3 - t;
    i = j + 1;
  }
  let r1 = 0;
  all.forEach((x, i) => { if (x.g === 0) r1 += ranks[i]!; });
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u = Math.min(u1, n1 * n2 - u1);
  const mu = (n1 * n2) / 2;
  const n = n1 + n2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (tieTerm === 0 && n1 * n2 <= 2500) {
    // Exact null distribution of U by counting: c[k] = arrangements with U = k.
    const dist = exactUDistribution(n1, n2);
    const total = dist.reduce((x, y) => x + y, 0);
    let tail = 0;
    for (let k = 0; k <= Math.floor(u); k++) tail += dist[k]!;
    return { u, z: sigma ? (u - mu) / sigma : 0, p: Math.min(1, (2 * tail) / total), exact: true };
  }
  if (sigma === 0) return { u, z: 0, p: 1, exact: false };
  const z = (u - mu + 0.5) / sigma; // continuity correction toward the mean (u <= mu)
  return { u, z, p: Math.min(1, 2 * normalCdf(Math.min(0, z))), exact: false };
}

/** Number of orderings of n1 x's and n2 y's for each U value (recurrence of Mann and Whitney, 1947). */
function exactUDistribution(n1: number, n2: number): number[] {
  // f(i, j, k): ways with i x's and j y's giving U = k; f(i,j,k) = f(i-1,j,k-j) + f(i,j-1,k).
  const max = n1 * n2;
  let prev: number[][] = [];
  for (let i = 0; i <= n1; i++) {
    const cur: number[][] = [];
    for (let j = 0; j <= n2; j++) {
      const row = new Array<number>(max + 1).fill(0);
      if (i === 0 || j === 0) row[0] = 1;
      else for (let k = 0; k <= i * j; k++) row[k] = (k - j >= 0 ? prev[j]![k - j]! : 0) + cur[j - 1]![k]!;
      cur.push(row);
    }
    prev = cur;
  }
  return prev[n2]!;
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 on erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Small deterministic PRNG (mulberry32) so a bootstrap interval is the same on every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Percentile bootstrap CI of median(b) / median(a) (resampling each group independently). */
export function bootstrapRatioCI(a: readonly number[], b: readonly number[], opts: { iterations?: number; confidence?: number; seed?: number } = {}): [number, number] {
  const iters = opts.iterations ?? 2000;
  const conf = opts.confidence ?? 0.95;
  const rand = rng(opts.seed ?? 42);
  if (a.length === 0 || b.length === 0) return [NaN, NaN];
  const resampleMedian = (x: readonly number[]) => {
    const r = new Array<number>(x.length);
    for (let i = 0; i < x.length; i++) r[i] = x[Math.floor(rand() * x.length)]!;
    return median(r);
  };
  const ratios: number[] = [];
  for (let i = 0; i < iters; i++) {
    const ma = resampleMedian(a);
    ratios.push(ma === 0 ? NaN : resampleMedian(b) / ma);
  }
  const ok = ratios.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
  const lo = (1 - conf) / 2;
  return [percentile(ok, lo * 100), percentile(ok, (1 - lo) * 100)];
}

export type Verdict = 'regression' | 'improvement' | 'no change' | 'inconclusive';

export interface Comparison {
  medianA: number;
  medianB: number;
  /** median(B) / median(A) - 1 */
  change: number;
  /** 95% bootstrap interval of median(B) / median(A) - 1 */
  ci: [number, number];
  p: number;
  verdict: Verdict;
  why: string;
}

export interface CompareOptions {
  /** Significance level of the Mann-Whitney test (default 0.05). */
  alpha?: number;
  /** Changes smaller than this fraction are "no change" even when significant (default 0.03). */
  minEffect?: number;
  /** Lower values are better (times, memory); false for throughput. Default true. */
  lowerIsBetter?: boolean;
}

/**
 * Verdict for "B versus A": a regression or improvement needs (1) p < alpha in the Mann-Whitney test,
 * (2) the bootstrap interval of the median ratio excluding 1 and (3) a median change of at least
 * minEffect. Fewer than 3 samples on a side is "inconclusive"; everything else is "no change".
 */
export function compareSamples(a: readonly number[], b: readonly number[], opts: CompareOptions = {}): Comparison {
  const alpha = opts.alpha ?? 0.05;
  const minEffect = opts.minEffect ?? 0.03;
  const lowerIsBetter = opts.lowerIsBetter ?? true;
  const medianA = median(a), medianB = median(b);
  const change = medianA === 0 ? NaN : medianB / medianA - 1;
  const [lo, hi] = bootstrapRatioCI(a, b);
  const ci: [number, number] = [lo - 1, hi - 1];
  const { p } = mannWhitney(a, b);
  const base = { medianA, medianB, change, ci, p };
  if (a.length < 3 || b.length < 3) return { ...base, verdict: 'inconclusive', why: `too few samples (${a.length} vs ${b.length}; need 3+ each)` };
  if (!(p < alpha)) return { ...base, verdict: 'no change', why: `not significant (p=${fmtP(p)} >= ${alpha})` };
  if (ci[0] <= 0 && ci[1] >= 0) return { ...base, verdict: 'no change', why: 'confidence interval includes 0' };
  if (Math.abs(change) < minEffect) return { ...base, verdict: 'no change', why: `significant but below ${(minEffect * 100).toFixed(0)}%` };
  const worse = lowerIsBetter ? change > 0 : change < 0;
  return { ...base, verdict: worse ? 'regression' : 'improvement', why: `p=${fmtP(p)}, CI excludes 0` };
}

export function fmtP(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}
