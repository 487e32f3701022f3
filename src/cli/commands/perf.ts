// `ax perf run [SUITE...]`, `ax perf compare A.json B.json`, `ax perf report`, `ax perf list`: the
// benchmark suites of src/bench/ as a user-facing command. Everything is imported inside run(), so
// the command costs nothing at start-up for the other commands.
import path from 'node:path';
import { AxError } from '../../core/errors.js';
import { defineCommand, JSON_FLAG } from '../spec.js';
import { printJson } from '../output.js';
import { importDist } from '../dist-import.js';

// src/bench stays outside the CLI bundle: loaded from dist/ as ES modules (see dist-import.ts).
type RunModule = typeof import('../../bench/perf/run.js');
type ResultsModule = typeof import('../../bench/perf/results.js');

const DEFAULT_DIR = path.join('.ax', 'perf');

function count(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new AxError('E_USAGE', `--${name} must be a non-negative integer, got "${String(v)}"`);
  return n;
}

export const perfCommand = defineCommand({
  name: 'perf',
  summary: 'Benchmarks: run suites, compare two runs, write an HTML trend report (run | compare | report | list)',
  positionals: [
    { name: 'ACTION', description: 'run [SUITE...] | compare A.json B.json | report | list' },
    { name: 'ARGS', description: 'suites for run (default: startup), two result files for compare', optional: true, variadic: true },
  ],
  flags: [
    JSON_FLAG,
    { name: 'dir', type: 'string', value: 'DIR', description: `Where results are saved and read (default ${DEFAULT_DIR})` },
    { name: 'reps', type: 'string', value: 'N', description: 'run: timed repetitions (default: per suite)' },
    { name: 'warmup', type: 'string', value: 'N', description: 'run: untimed warm-up rounds (default: per suite)' },
    { name: 'corpus', type: 'string', value: 'LIST', description: 'run: corpora, comma-separated (django, go-std, linux, ...)' },
    { name: 'quick', type: 'boolean', description: 'run: the short variant of each suite' },
    { name: 'out', short: 'o', type: 'string', value: 'FILE', description: 'report: HTML file to write (default DIR/report.html)' },
    { name: 'fail-on-regression', type: 'boolean', description: 'compare: exit 1 when any metric regressed' },
  ],
  details: [
    'Results are JSON documents (environment, options, metrics with their samples) named SUITE-TIMESTAMP.json.',
    'compare: per metric, the median change with a 95% bootstrap interval and a Mann-Whitney U test; a change is a',
    'regression/improvement only when p < 0.05, the interval excludes 0 and it is at least 3%.',
    'Examples:',
    '  ax perf run startup --reps 20',
    '  ax perf compare .ax/perf/startup-A.json .ax/perf/startup-B.json',
    '  ax perf report && open .ax/perf/report.html',
  ].join('\n'),
  async run({ flags, positionals, stdout, stderr }) {
    const [action, ...args] = positionals;
    const dir = typeof flags.dir === 'string' ? flags.dir : DEFAULT_DIR;
    if (action === 'list') {
      const { listSuites, loadSuite } = await importDist<RunModule>('bench/perf/run.js');
      const suites = await Promise.all(listSuites().map(async (n) => ({ name: n, description: (await loadSuite(n)).description })));
      if (flags.json) printJson(stdout, { suites }); else for (const s of suites) stdout.write(`${s.name.padEnd(12)} ${s.description}\n`);
      return 0;
    }
    if (action === 'run') {
      const { listSuites, runSuites } = await importDist<RunModule>('bench/perf/run.js');
      const available = listSuites();
      const names = args.length ? args : ['startup'];
      const unknown = names.filter((n) => !available.includes(n));
      if (unknown.length) throw new AxError('E_USAGE', `unknown suite ${unknown.join(', ')}`, { hint: `suites: ${available.join(', ')}` });
      const done = await runSuites(names, {
        reps: count(flags.reps, 'reps'), warmup: count(flags.warmup, 'warmup'),
        corpora: typeof flags.corpus === 'string' ? flags.corpus.split(',') : undefined,
        quick: flags.quick === true, out: dir,
        log: (n, m) => stderr.write(`[${n}] ${m}\n`),
        onDone: (d) => { if (!flags.json) stdout.write(`\n## ${d.name}\n\n${d.result.report.join('\n')}\n\nsaved ${d.file}\n`); },
      });
      if (flags.json) printJson(stdout, { runs: done.map((d) => ({ suite: d.name, file: d.file, results: d.result.results })) });
      return 0;
    }
    if (action === 'compare') {
      if (args.length !== 2) throw new AxError('E_USAGE', '`ax perf compare` needs two result files', { hint: 'ax perf compare A.json B.json' });
      const { loadResult } = await importDist<ResultsModule>('bench/perf/results.js');
      const { compareResults, formatComparison } = await importDist<typeof import('../../bench/perf/compare.js')>('bench/perf/compare.js');
      const r = compareResults(loadResult(args[0]!), loadResult(args[1]!));
      if (flags.json) printJson(stdout, r); else stdout.write(formatComparison(r));
      return flags['fail-on-regression'] && r.summary.regression > 0 ? 1 : 0;
    }
    if (action === 'report') {
      const { loadRuns } = await importDist<ResultsModule>('bench/perf/results.js');
      const { renderReport } = await importDist<typeof import('../../bench/perf/report.js')>('bench/perf/report.js');
      const { writeFileSync, mkdirSync } = await import('node:fs');
      const runs = loadRuns(dir);
      if (runs.length === 0) throw new AxError('E_USAGE', `no saved runs in ${dir}`, { hint: 'run `ax perf run startup` first, or pass --dir' });
      const out = typeof flags.out === 'string' ? flags.out : path.join(dir, 'report.html');
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(out, renderReport(runs));
      if (flags.json) printJson(stdout, { report: out, runs: runs.length }); else stdout.write(`wrote ${out} (${runs.length} run(s))\n`);
      return 0;
    }
    throw new AxError('E_USAGE', `unknown perf action "${action ?? ''}"`, { hint: 'use run, compare, report or list' });
  },
});
