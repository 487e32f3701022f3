// `npm run bench -- query`: `ax find` on real corpora (linux, django). Replays workloads/query/<corpus>.txt
// (>= 200 queries: identifiers, phrases, filters, regexes) and reports, in one run:
//   - in-process latency (Searcher, cache off) p50/p95/p99 overall and per category, after a warm-up pass;
//   - the cache-hit latency of a repeated query;
//   - CLI wall time per query (`ax find --json`, a fresh process each time);
//   - `rg -n` on the same terms over the same tree (a per-category subset), and the ratio rg / ax CLI;
//   - ranking quality: MRR@10 and Recall@10 of ax and of the plain FTS5 baseline on the relevance sets
//     (docs/ranking.md), measured here beside the latencies.
// Indexes: <corpus>/.ax of a hard-link copy under $TMPDIR/ax-bench-query (built when missing).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { indexRepository } from '../../services/indexing.js';
import { AxEvaluator, evaluateBaseline } from '../../services/search-eval.js';
import { DEFAULT_RANK, Searcher } from '../../services/search.js';
import { AX_BIN, REPO_ROOT, corpus, hasCommand, stats, timeCommand, type Stats, type Suite } from '../harness.js';
import { prepareRelevance, RELEVANCE_CORPORA } from '../relevance/corpora.js';
import { generateWorkload, readWorkload, type WorkloadQuery } from '../relevance/workload.js';

const DEFAULT_CORPORA = ['django', 'linux'];

async function queryRoot(name: string, log: (m: string) => void): Promise<string> {
  const dir = path.join(process.env.AX_BENCH_QUERY_DIR ?? path.join(tmpdir(), 'ax-bench-query'), name);
  if (!existsSync(dir)) {
    mkdirSync(path.dirname(dir), { recursive: true });
    execFileSync('cp', ['-al', corpus(name), dir]);
  }
  if (!existsSync(path.join(dir, '.ax', 'index.db'))) {
    log(`${name}: indexing ${dir} (once)`);
    await indexRepository({ dir });
  }
  return dir;
}

const median = (xs: number[]) => stats(xs).p50;

export const suite: Suite = {
  name: 'query',
  description: 'ax find: in-process p50/p95/p99, CLI wall per query, rg -n on the same terms; MRR@10/Recall@10 vs an FTS5 baseline',
  async run(ctx) {
    const names = ctx.corpora ?? (ctx.quick ? ['django'] : DEFAULT_CORPORA);
    const reps = ctx.reps ?? (ctx.quick ? 1 : 3);
    const rgPerCategory = ctx.quick ? 3 : 15;
    const haveRg = hasCommand('rg');
    const results: Record<string, unknown> = {};
    const report: string[] = [
      '| corpus | queries | in-process p50 / p95 / p99 (ms) | cache hit p50 (ms) | CLI wall p50 / p95 (ms) | `node -e 0` p50 (ms) | `ax --version` p50 (ms) |',
      '|---|---:|---:|---:|---:|---:|---:|',
    ];
    const catRows: string[] = [
      '| corpus | category | n | in-process p50 / p95 (ms) | CLI p50 (ms) | rg -n p50 (ms) | rg ÷ ax CLI (median of per-query ratios) |',
      '|---|---|---:|---:|---:|---:|---:|',
    ];
    for (const name of names) {
      const root = await queryRoot(name, ctx.log);
      const file = path.join(REPO_ROOT, 'workloads', 'query', `${name}.txt`);
      let wl: WorkloadQuery[];
      if (existsSync(file)) wl = readWorkload(file);
      else { ctx.log(`${name}: generating ${path.relative(REPO_ROOT, file)} (commit it)`); wl = generateWorkload(root, name, file); }
      if (ctx.quick) wl = wl.filter((_, i) => i % 5 === 0);

      // In-process, cache off: one warm-up pass, then `reps` measured passes.
      const s = new Searcher({ root, cache: { maxEntries: 0, ttlMs: 0 } });
      const inproc = new Map<number, number[]>();
      const errors: string[] = [];
      for (let r = 0; r <= reps; r++) {
        wl.forEach((q, i) => {
          const t0 = performance.now();
          try { s.search(q.query, { limit: 20 }); } catch (e) { if (r === 0) errors.push(`${q.query}: ${(e as Error).message}`); }
          const ms = performance.now() - t0;
          if (r > 0) { const l = inproc.get(i) ?? []; l.push(ms); inproc.set(i, l); }
        });
      }
      s.close();
      if (errors.length) ctx.log(`${name}: ${errors.length} queries failed, e.g. ${errors.slice(0, 3).join(' | ')}`);
      // Cache hits (a long-lived process repeating a query).
      const cached = new Searcher({ root });
      const hitMs: number[] = [];
      for (const q of wl.slice(0, 50)) {
        try { cached.search(q.query); } catch { continue; }
        const t0 = performance.now();
        cached.search(q.query);
        hitMs.push(performance.now() - t0);
      }
      cached.close();

      // Process start-up references in the same run: a bare node, and `ax --version` (no ES modules).
      const nodeStart = stats(Array.from({ length: 10 }, () => timeCommand(process.execPath, ['-e', '0']).ms));
      const axVersion = stats(Array.from({ length: 10 }, () => timeCommand(process.execPath, [AX_BIN, '--version']).ms));
      // CLI wall per query.
      const cli = new Map<number, number>();
      wl.forEach((q, i) => {
        const t = timeCommand(process.execPath, [AX_BIN, 'find', '--root', root, '--json', '-n', '20', q.query]);
        if (t.status === 0) cli.set(i, t.ms);
      });

      // rg on the same terms: the first `rgPerCategory` queries of each category.
      const rg = new Map<number, number>();
      if (haveRg) {
        const seen: Record<string, number> = {};
        wl.forEach((q, i) => {
          seen[q.category] = (seen[q.category] ?? 0) + 1;
          if (seen[q.category]! > rgPerCategory) return;
          // A path is always given: without one, rg reads stdin when it is not a terminal.
          const hasPath = q.rg.length > 2 && !q.rg[2]!.startsWith('-') && q.rg[1] !== '-g';
          const t = timeCommand('rg', [...q.rg, '-g', '!.ax', ...(hasPath ? [] : ['.'])], { cwd: root });
          if (t.status === 0 || t.status === 1) rg.set(i, t.ms);
        });
      }

      const all = [...inproc.values()].flat();
      const allStats = stats(all);
      const cliStats = stats([...cli.values()]);
      const hit = stats(hitMs);
      report.push(`| ${name} | ${wl.length} | ${allStats.p50} / ${allStats.p95} / ${allStats.p99} | ${hit.p50} | ${cliStats.p50} / ${cliStats.p95} | ${nodeStart.p50} | ${axVersion.p50} |`);
      const perCat: Record<string, unknown> = {};
      for (const cat of ['ident', 'phrase', 'filter', 'regex'] as const) {
        const idx = wl.map((q, i) => (q.category === cat ? i : -1)).filter((i) => i >= 0);
        if (!idx.length) continue;
        const ip = stats(idx.flatMap((i) => inproc.get(i) ?? []));
        const c = stats(idx.map((i) => cli.get(i)).filter((x): x is number => x !== undefined));
        const rgIdx = idx.filter((i) => rg.has(i) && cli.has(i));
        const rgStats: Stats | null = rgIdx.length ? stats(rgIdx.map((i) => rg.get(i)!)) : null;
        const ratio = rgIdx.length ? median(rgIdx.map((i) => rg.get(i)! / cli.get(i)!)) : NaN;
        perCat[cat] = { n: idx.length, inProcess: ip, cli: c, rg: rgStats, rgQueries: rgIdx.length, rgOverAxCli: ratio };
        catRows.push(`| ${name} | ${cat} | ${idx.length} | ${ip.p50} / ${ip.p95} | ${c.p50} | ${rgStats ? rgStats.p50 : '-'} | ${Number.isNaN(ratio) ? '-' : `${ratio.toFixed(1)}x (${rgIdx.length} queries)`} |`);
      }
      results[name] = { root, workload: path.relative(REPO_ROOT, file), queries: wl.length, reps, inProcess: allStats, cacheHit: hit, cli: cliStats, nodeStart, axVersion, failed: errors.length, categories: perCat };
    }

    // Ranking quality beside the latencies (same run): ax (chosen weights) vs the baseline.
    const relRows = ['| corpus | queries | ax MRR@10 | ax Recall@10 | baseline MRR@10 | baseline Recall@10 | ax ÷ baseline MRR |', '|---|---:|---:|---:|---:|---:|---:|'];
    const relevance: Record<string, unknown> = {};
    const relNames = ctx.quick ? ['django'] : RELEVANCE_CORPORA;
    const mean: { ax: number[]; base: number[] } = { ax: [], base: [] };
    for (const name of relNames) {
      const p = await prepareRelevance(name, ctx.log);
      const ev = new AxEvaluator(p.nodocRoot);
      const ax = ev.run(p.queries, DEFAULT_RANK);
      ev.close();
      const base = evaluateBaseline(p.baselineFile, p.queries);
      relevance[name] = { ax, baseline: base };
      mean.ax.push(ax.mrr); mean.base.push(base.mrr);
      relRows.push(`| ${name} | ${ax.n} (doc ${ax.byKind.doc?.n ?? 0}, ident ${ax.byKind.ident?.n ?? 0}) | ${ax.mrr} | ${ax.recall} | ${base.mrr} | ${base.recall} | ${(ax.mrr / Math.max(1e-9, base.mrr)).toFixed(2)}x |`);
    }
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    relRows.push(`| mean | | ${avg(mean.ax).toFixed(4)} | | ${avg(mean.base).toFixed(4)} | | ${(avg(mean.ax) / Math.max(1e-9, avg(mean.base))).toFixed(2)}x |`);
    return {
      suite: 'query',
      results: { latency: results, relevance, rank: DEFAULT_RANK },
      report: [...report, '', ...catRows, '', ...relRows],
    };
  },
};
