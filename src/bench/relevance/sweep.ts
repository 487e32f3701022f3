// The ranking-weight sweep (docs/ranking.md): coordinate descent over RankParams on the "tune" half of
// the relevance set of each corpus (mean MRR@10 over corpora), then ax with the chosen parameters, ax
// with the defaults and the plain baseline are all measured on the held-out "test" half and on the whole
// set, in this one run. `node dist/bench/relevance/sweep.js [--corpus django,go-std] [--passes N]`
// writes bench-results/relevance-sweep-*.json and prints a markdown report.

import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { AxEvaluator, evaluateBaseline, type RelevanceMetrics, type RelevanceQuery } from '../../services/search-eval.js';
import { DEFAULT_RANK, type RankParams } from '../../services/search.js';
import { REPO_ROOT, saveResult } from '../harness.js';
import { prepareRelevance, RELEVANCE_CORPORA, type PreparedRelevance } from './corpora.js';

export function split(qs: readonly RelevanceQuery[]): { tune: RelevanceQuery[]; test: RelevanceQuery[] } {
  const tune: RelevanceQuery[] = [], test: RelevanceQuery[] = [];
  for (const q of qs) (createHash('sha1').update(q.query).digest()[0]! % 2 === 0 ? tune : test).push(q);
  return { tune, test };
}

type Knob = { name: string; values: number[]; get: (p: RankParams) => number; set: (p: RankParams, v: number) => RankParams };

const W = ['name', 'signature', 'doc', 'body', 'path', 'words'];
const weightKnob = (i: number, values: number[]): Knob => ({
  name: `w.${W[i]}`, values, get: (p) => p.weights[i]!,
  set: (p, v) => ({ ...p, weights: p.weights.map((x, j) => (j === i ? v : x)) }),
});
const knob = (k: 'def' | 'exactCase' | 'callable' | 'demote' | 'allWords', values: number[]): Knob => ({
  name: k, values, get: (p) => p[k], set: (p, v) => ({ ...p, [k]: v }),
});

export const KNOBS: Knob[] = [
  weightKnob(0, [1, 3, 5, 10, 20, 40]),
  weightKnob(1, [0.5, 1, 2, 5, 10]),
  weightKnob(2, [1, 3]),
  weightKnob(4, [0, 0.5, 1, 2, 5]),
  weightKnob(5, [0, 0.5, 1, 2, 4]),
  knob('def', [1, 1.5, 2, 3, 5, 8]),
  knob('exactCase', [1, 1.3, 2]),
  knob('callable', [1, 1.2, 1.5, 2, 3]),
  knob('demote', [0.2, 0.35, 0.5, 0.7, 1]),
  knob('allWords', [1, 1.5, 2, 3, 5]),
];

export interface Evaluated { corpus: string; ax: RelevanceMetrics; defaults: RelevanceMetrics; baseline: RelevanceMetrics }

export function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, passes: { type: 'string' }, out: { type: 'string' } } });
  const names = values.corpus ? values.corpus.split(',') : RELEVANCE_CORPORA;
  const passes = Number(values.passes ?? 2);
  const log = (m: string) => process.stderr.write(`[relevance] ${m}\n`);
  const prepared: PreparedRelevance[] = [];
  for (const n of names) prepared.push(await prepareRelevance(n, log));
  const evals = prepared.map((p) => ({ p, ev: new AxEvaluator(p.nodocRoot), ...split(p.queries) }));
  const objective = (params: RankParams) => mean(evals.map((e) => e.ev.run(e.tune, params).mrr));

  let best: RankParams = { ...DEFAULT_RANK, weights: [...DEFAULT_RANK.weights] };
  let bestScore = objective(best);
  const trace: Array<{ knob: string; value: number; mrr: number }> = [];
  log(`start: tune MRR@10 ${bestScore.toFixed(4)}`);
  for (let pass = 0; pass < passes; pass++) {
    let improved = false;
    for (const k of KNOBS) {
      for (const v of k.values) {
        if (v === k.get(best)) continue;
        const cand = k.set(best, v);
        const s = objective(cand);
        trace.push({ knob: k.name, value: v, mrr: Math.round(s * 10000) / 10000 });
        if (s > bestScore + 1e-4) { best = cand; bestScore = s; improved = true; log(`  ${k.name}=${v}: ${s.toFixed(4)} (new best)`); }
      }
    }
    log(`pass ${pass + 1}: tune MRR@10 ${bestScore.toFixed(4)}`);
    if (!improved) break;
  }

  const rows: Array<{ corpus: string; set: string; ax: RelevanceMetrics; defaults: RelevanceMetrics; baseline: RelevanceMetrics }> = [];
  for (const e of evals) {
    for (const [set, qs] of [['test', e.test], ['all', e.p.queries]] as const) {
      rows.push({ corpus: e.p.name, set, ax: e.ev.run(qs, best), defaults: e.ev.run(qs, DEFAULT_RANK), baseline: evaluateBaseline(e.p.baselineFile, qs) });
    }
    e.ev.close();
  }
  const report = [
    `Chosen parameters: weights(name, signature, doc, body, path, words) = [${best.weights.join(', ')}], def ${best.def}, exactCase ${best.exactCase}, callable ${best.callable}, demote ${best.demote}, allWords ${best.allWords}`,
    '',
    '| corpus | set | queries | ax MRR@10 | ax R@10 | defaults MRR@10 | baseline MRR@10 | baseline R@10 | ax/baseline MRR |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.corpus} | ${r.set} | ${r.ax.n} | ${r.ax.mrr} | ${r.ax.recall} | ${r.defaults.mrr} | ${r.baseline.mrr} | ${r.baseline.recall} | ${(r.ax.mrr / Math.max(1e-9, r.baseline.mrr)).toFixed(2)}x |`),
  ];
  process.stdout.write(report.join('\n') + '\n');
  const file = saveResult(values.out ?? path.join(REPO_ROOT, 'bench-results'), { suite: 'relevance-sweep', results: { best, bestTune: bestScore, rows, trace }, report });
  process.stdout.write(`saved ${file}\n`);
}

if (process.argv[1] && process.argv[1].endsWith(path.join('relevance', 'sweep.js'))) {
  main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack ?? String(e)}\n`); process.exit(1); });
}
