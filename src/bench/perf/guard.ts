// CI performance guard (`node dist/bench/perf/guard.js`, run by .ci/run after the tests; ~30-60 s on
// 2 cores). It indexes and queries a small fixed tree (the C runtime of web-tree-sitter, pinned by
// package-lock, its .c files copied 3 times) and fails when a metric regresses beyond the tolerance against the
// committed baseline (bench/baseline.json).
//
// Noise control, because CI machines are shared and absolute times drift:
// - every metric is the CPU time (user+sys) of the ax child process, which waiting for a CPU does not
//   inflate, divided by the CPU time of a reference process measured in the same round (round-robin
//   order): `node -e 0` for start-up-bound commands, a fixed JS loop for indexing;
// - the value is the median of those per-round ratios over 7 rounds (after a warm-up round);
// - a metric over the limit is measured again (11 rounds) and fails only if it is still over.
// `--update` rewrites the baseline from the median of 3 runs. `--runs N` repeats the check (flakiness test).

import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AX_BIN, REPO_ROOT, corpusInfo, environment, sample, type Sample } from '../harness.js';
import { median } from './stats.js';

export const BASELINE_FILE = path.join(REPO_ROOT, 'bench', 'baseline.json');
/** A metric fails when its normalized value exceeds baseline × (1 + TOLERANCE). */
export const TOLERANCE = 0.5;
const ROUNDS = 7, CONFIRM_ROUNDS = 11, WARMUP = 1;

// A fixed single-threaded JS workload (~150 ms): string building, hashing and a sort, like a parser's mix.
const CPU_LOOP = 'let h=0;const a=[];for(let i=0;i<400000;i++){const s="k"+(i*2654435761>>>0).toString(36);for(let j=0;j<s.length;j++)h=(h*31+s.charCodeAt(j))|0;if(i%8===0)a.push(s)}a.sort();if(h===42)console.log(a.length)';

interface Step { name: string; args: string[]; setup?: () => void; okStatus?: number[] }
interface GuardMetric { name: string; ref: 'node' | 'cpu'; steps: Step[]; description: string }

export interface GuardValue { name: string; value: number; ref: string; wallRatio: number; rounds: number }

function buildTree(work: string): string {
  const src = path.join(REPO_ROOT, 'node_modules', 'web-tree-sitter', 'lib');
  const tree = path.join(work, 'tree');
  if (existsSync(path.join(tree, '.ok'))) return tree;
  rmSync(tree, { recursive: true, force: true });
  // .c only: which language a .h file is (C or C++) is a heuristic that may change, and a second
  // grammar costs seconds of WASM compilation; the guard's workload must stay the same.
  const files = readdirSync(src).filter((f) => /\.c$/.test(f)).sort();
  if (files.length === 0) throw new Error(`guard: no C sources in ${src} (was npm install run?)`);
  for (const copy of ['a', 'b', 'c']) {
    mkdirSync(path.join(tree, copy), { recursive: true });
    for (const f of files) cpSync(path.join(src, f), path.join(tree, copy, f));
  }
  writeFileSync(path.join(tree, '.ok'), '');
  return tree;
}

function metrics(tree: string): GuardMetric[] {
  const ax = (...args: string[]) => [AX_BIN, ...args];
  return [
    { name: 'version', ref: 'node', description: 'ax --version', steps: [{ name: 'version', args: ax('--version') }] },
    { name: 'status', ref: 'node', description: 'ax status', steps: [{ name: 'status', args: ax('status', '--root', tree) }] },
    {
      name: 'find', ref: 'node', description: 'ax find, 3 queries (summed)',
      steps: ['ts_parser_parse', 'subtree balance', 'lexer advance'].map((q, i) => ({ name: `find${i}`, args: ax('find', q, '--root', tree, '--limit', '10') })),
    },
    {
      name: 'index-cold', ref: 'cpu', description: 'ax index from scratch (1 worker)',
      steps: [{ name: 'index-cold', args: ax('index', tree, '--quiet', '--workers', '1'), setup: () => rmSync(path.join(tree, '.ax'), { recursive: true, force: true }) }],
    },
    { name: 'index-noop', ref: 'node', description: 'ax index, nothing changed', steps: [{ name: 'index-noop', args: ax('index', tree, '--quiet', '--workers', '1') }] },
  ];
}

/** Measure the given metrics round-robin with both references; per metric, the median per-round ratio. */
function measure(ms: readonly GuardMetric[], rounds: number, log: (m: string) => void): Map<string, GuardValue> {
  const node = process.execPath;
  const refs: Record<string, string[]> = { node: ['-e', '0'], cpu: ['-e', CPU_LOOP] };
  type Job = { key: string; run: () => Sample };
  const jobs: Job[] = [
    ...Object.entries(refs).map(([k, args]) => ({ key: `ref:${k}`, run: () => sample(node, args, { rss: false }) })),
    ...ms.map((m) => ({
      key: m.name,
      run: () => {
        const acc = { wallMs: 0, cpuMs: 0 } as Sample;
        for (const s of m.steps) {
          s.setup?.();
          const r = sample(node, s.args, { rss: false });
          if (!(s.okStatus ?? [0]).includes(r.status)) throw new Error(`guard: \`ax ${s.args.slice(1).join(' ')}\` exited ${r.status}: ${r.stderr.slice(0, 500)}`);
          acc.wallMs += r.wallMs; acc.cpuMs += r.cpuMs;
        }
        return acc;
      },
    })),
  ];
  const per = new Map<string, { cpu: number[]; wall: number[] }>(jobs.map((j) => [j.key, { cpu: [], wall: [] }]));
  for (let round = 0; round < WARMUP + rounds; round++) {
    for (let j = 0; j < jobs.length; j++) {
      const job = jobs[(round + j) % jobs.length]!;
      const s = job.run();
      if (round >= WARMUP) { per.get(job.key)!.cpu.push(s.cpuMs); per.get(job.key)!.wall.push(s.wallMs); }
    }
    if (round >= WARMUP) log(`round ${round - WARMUP + 1}/${rounds}`);
  }
  const out = new Map<string, GuardValue>();
  for (const m of ms) {
    const a = per.get(m.name)!, r = per.get(`ref:${m.ref}`)!;
    const ratios = a.cpu.map((x, i) => x / r.cpu[i]!);
    const wall = a.wall.map((x, i) => x / r.wall[i]!);
    out.set(m.name, { name: m.name, value: Math.round(median(ratios) * 1000) / 1000, ref: m.ref === 'node' ? 'node -e 0' : 'fixed JS loop', wallRatio: Math.round(median(wall) * 1000) / 1000, rounds });
  }
  for (const [k, v] of Object.entries(refs)) out.set(`ref:${k}`, { name: `ref:${k}`, value: median(per.get(`ref:${k}`)!.cpu), ref: `${v[0]} (CPU ms)`, wallRatio: NaN, rounds });
  return out;
}

interface Baseline {
  schema: 'ax-perf-baseline/1';
  tolerance: number;
  note: string;
  created: string;
  environment: Record<string, unknown>;
  corpus: { files: number; bytes: number; listDigest: string };
  metrics: Record<string, { value: number; description: string; ref: string }>;
}

export interface GuardOutcome { ok: boolean; lines: string[]; values: Map<string, GuardValue> }

export function runGuard(opts: { log: (m: string) => void; baselineFile?: string }): GuardOutcome {
  const work = path.join(tmpdir(), 'ax-ci-guard');
  mkdirSync(work, { recursive: true });
  const tree = buildTree(work);
  const info = corpusInfo('web-tree-sitter-c-x3', tree);
  const all = metrics(tree);
  const file = opts.baselineFile ?? BASELINE_FILE;
  const base = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Baseline) : undefined;
  const lines = [`guard tree: ${info.files} files, ${(info.bytes / 1e6).toFixed(2)} MB (${info.listDigest}); ${ROUNDS} rounds after ${WARMUP} warm-up`];
  const first = sample(process.execPath, [AX_BIN, 'index', tree, '--quiet', '--workers', '1'], { rss: false });
  if (first.status !== 0) throw new Error(`guard: ax index ${tree} exited ${first.status}: ${first.stderr.slice(0, 500)}`);
  const st = sample(process.execPath, [AX_BIN, 'status', '--root', tree, '--json'], { rss: false });
  try { lines.push(`indexed: ${JSON.stringify((JSON.parse(st.stdout) as { languages: unknown }).languages)}`); } catch { /* reported by the status metric */ }
  const values = measure(all, ROUNDS, opts.log);
  if (!Number.isFinite(values.get('ref:node')!.value)) {
    lines.push('SKIPPED: no per-process CPU times (the harness needs bash >= 5 for $EPOCHREALTIME and `times`)');
    return { ok: true, lines, values };
  }
  if (!base) {
    lines.push(`no baseline at ${file}: nothing to compare (create it with --update)`);
    for (const v of values.values()) lines.push(`  ${v.name.padEnd(11)} ${v.value.toFixed(3)}  (wall ratio ${v.wallRatio.toFixed(3)}, ÷ ${v.ref})`);
    return { ok: true, lines, values };
  }
  const sameTree = base.corpus.listDigest === info.listDigest;
  if (!sameTree) lines.push(`note: the guard tree changed (baseline ${base.corpus.listDigest}, now ${info.listDigest}): index metrics not compared; refresh with --update`);
  const tol = base.tolerance ?? TOLERANCE;
  const check = (names: readonly string[]) => names.filter((n) => {
    const b = base.metrics[n];
    const v = values.get(n);
    return b && v && (sameTree || !n.startsWith('index')) && v.value > b.value * (1 + tol);
  });
  let failing = check(all.map((m) => m.name));
  if (failing.length) {
    opts.log(`over the limit: ${failing.join(', ')}; measuring them again (${CONFIRM_ROUNDS} rounds)`);
    const again = measure(all.filter((m) => failing.includes(m.name)), CONFIRM_ROUNDS, opts.log);
    for (const [k, v] of again) if (!k.startsWith('ref:')) values.set(k, { ...v, name: `${k}` });
    failing = check(failing);
  }
  lines.push('', `metric       now     baseline  limit (+${(tol * 100).toFixed(0)}%)  change   verdict   (CPU time ÷ reference CPU time, median of per-round ratios)`);
  for (const m of all) {
    const v = values.get(m.name)!, b = base.metrics[m.name];
    if (!b) { lines.push(`${m.name.padEnd(11)} ${v.value.toFixed(3).padStart(7)}  (no baseline)`); continue; }
    const skipped = !sameTree && m.name.startsWith('index');
    const change = v.value / b.value - 1;
    const verdict = skipped ? 'skipped' : failing.includes(m.name) ? 'REGRESSED' : change < -tol ? 'ok (faster: consider --update)' : 'ok';
    lines.push(`${m.name.padEnd(11)} ${v.value.toFixed(3).padStart(7)}  ${b.value.toFixed(3).padStart(8)}  ${(b.value * (1 + tol)).toFixed(3).padStart(10)}  ${`${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`.padStart(7)}   ${verdict}   ${m.description} ÷ ${v.ref}`);
  }
  lines.push('', `references (CPU ms, median): node -e 0 ${values.get('ref:node')!.value.toFixed(1)}, fixed JS loop ${values.get('ref:cpu')!.value.toFixed(1)}`);
  return { ok: failing.length === 0, lines, values };
}

function writeBaseline(runs: Map<string, GuardValue>[], tree: string): void {
  const info = corpusInfo('web-tree-sitter-c-x3', tree);
  const names = [...runs[0]!.keys()].filter((k) => !k.startsWith('ref:'));
  const defs = new Map(metrics(tree).map((m) => [m.name, m]));
  const env = environment();
  const doc: Baseline = {
    schema: 'ax-perf-baseline/1', tolerance: TOLERANCE,
    note: 'Values are CPU time of the ax process ÷ CPU time of a reference process measured in the same round (median over rounds; median of the runs here). Regenerate with `node dist/bench/perf/guard.js --update` after an intended change.',
    created: String(env.date), environment: { cpu: env.cpu, cores: env.cores, node: env.node, commit: env.commit },
    corpus: { files: info.files, bytes: info.bytes, listDigest: info.listDigest },
    metrics: Object.fromEntries(names.map((n) => [n, {
      value: Math.round(median(runs.map((r) => r.get(n)!.value)) * 1000) / 1000,
      description: defs.get(n)!.description, ref: runs[0]!.get(n)!.ref,
    }])),
  };
  mkdirSync(path.dirname(BASELINE_FILE), { recursive: true });
  writeFileSync(BASELINE_FILE, JSON.stringify(doc, null, 2) + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Child processes run without NODE_EXTRA_CA_CERTS: when it is set (as in this project's sandbox), Node
  // parses the whole CA bundle at every start (~85 ms of CPU here), which would shrink every start-up
  // ratio by an amount that depends on the environment, not on ax. ax makes no TLS connections.
  delete process.env.NODE_EXTRA_CA_CERTS;
  const { values } = parseArgs({ options: { update: { type: 'boolean' }, runs: { type: 'string' }, quiet: { type: 'boolean' } } });
  const log = (m: string) => { if (!values.quiet) process.stderr.write(`[perf guard] ${m}\n`); };
  const t0 = performance.now();
  if (values.update) {
    const runs: Map<string, GuardValue>[] = [];
    for (let i = 0; i < 3; i++) { log(`baseline run ${i + 1}/3`); runs.push(runGuard({ log, baselineFile: '/nonexistent' }).values); }
    writeBaseline(runs, path.join(tmpdir(), 'ax-ci-guard', 'tree'));
    process.stdout.write(`wrote ${path.relative(process.cwd(), BASELINE_FILE)}\n${readFileSync(BASELINE_FILE, 'utf8')}`);
  } else {
    const n = Number(values.runs ?? 1);
    let failed = 0;
    for (let i = 0; i < n; i++) {
      const r = runGuard({ log });
      process.stdout.write(`${n > 1 ? `\n== guard run ${i + 1}/${n}: ${r.ok ? 'PASS' : 'FAIL'}\n` : ''}${r.lines.join('\n')}\n`);
      if (!r.ok) failed++;
    }
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    process.stdout.write(failed ? `perf guard: FAIL (${failed}/${n} run(s) regressed beyond tolerance; ${secs} s)\n` : `perf guard: PASS (${n} run(s), ${secs} s)\n`);
    process.exitCode = failed ? 1 : 0;
  }
}
