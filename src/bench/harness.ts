// The benchmark harness shared by every suite (`npm run bench -- <suite>`, `ax perf run <suite>`): corpus
// lookup through ../shared/corpora/get.sh, timed child processes (wall, CPU, peak RSS), alternating
// repetitions after a warm-up, statistics, throughput, environment, and one result document per run
// written to .ax/perf/ (or --out DIR). Timing lives here, never in unit tests.
//
// Result documents: `{ schema, environment, suite, options, results, report }`. Inside `results`, any
// object with `samples: number[]` and `unit` is a metric (see `metric()`): `ax perf compare` tests it and
// `ax perf report` charts it. Plain `Stats` objects are shown but cannot be tested (no samples).

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stats, type Stats } from './perf/stats.js';

export { stats, type Stats } from './perf/stats.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const AX_BIN = path.join(REPO_ROOT, 'bin', 'ax.cjs');
/** Default directory for result documents (the issue's `.ax/perf/`; gitignored). */
export const DEFAULT_OUT = path.join('.ax', 'perf');
export const RESULT_SCHEMA = 'ax-perf/1';

export interface Timed { ms: number; peakRssKb: number; status: number; stdout: string; stderr: string }

/** Run a command to completion; wall time in ms and peak RSS (kB) via GNU time when available. */
export function timeCommand(cmd: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Timed {
  const useTime = existsSync('/usr/bin/time');
  const argv = useTime ? ['-f', '__AXRSS__%M', cmd, ...args] : [...args];
  const t0 = performance.now();
  const r = spawnSync(useTime ? '/usr/bin/time' : cmd, argv, {
    cwd: opts.cwd, env: opts.env ?? process.env, encoding: 'utf8', maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t0;
  let stderr = r.stderr ?? '';
  let peakRssKb = 0;
  const m = /__AXRSS__(\d+)\s*$/.exec(stderr);
  if (m) { peakRssKb = Number(m[1]); stderr = stderr.slice(0, m.index); }
  return { ms, peakRssKb, status: r.status ?? -1, stdout: r.stdout ?? '', stderr };
}

/** One measured process: wall and CPU time of the child alone (not of the harness), peak RSS. */
export interface Sample extends Timed { wallMs: number; cpuMs: number; userMs: number; sysMs: number }

// bash measures the child: $EPOCHREALTIME (µs) around it and `times` (children's user/sys CPU, ms), so
// neither Node's spawn overhead nor bash's own start-up is counted. GNU time adds peak RSS when present.
const WRAPPER = 'LC_NUMERIC=C; t0=$EPOCHREALTIME; "$@"; s=$?; t1=$EPOCHREALTIME; printf "\\n__AXT__ %s %s\\n" "$t0" "$t1" >&2; times >&2; exit $s';
let bashOk: boolean | undefined;

/** Run a command once and measure it. Falls back to timeCommand() (wall from Node, no CPU) without bash 5. */
export function sample(cmd: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; rss?: boolean } = {}): Sample {
  bashOk ??= spawnSync('bash', ['-c', '[ -n "$EPOCHREALTIME" ]']).status === 0;
  if (!bashOk) { const t = timeCommand(cmd, args, opts); return { ...t, wallMs: t.ms, cpuMs: NaN, userMs: NaN, sysMs: NaN }; }
  const useTime = opts.rss !== false && existsSync('/usr/bin/time');
  const argv = ['-c', WRAPPER, 'ax-bench', ...(useTime ? ['/usr/bin/time', '-f', '__AXRSS__%M'] : []), cmd, ...args];
  const t0 = performance.now();
  const r = spawnSync('bash', argv, { cwd: opts.cwd, env: opts.env ?? process.env, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  const outerMs = performance.now() - t0;
  let stderr = r.stderr ?? '';
  const m = /\n__AXT__ ([\d.]+) ([\d.]+)\n\S+ \S+\n(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(stderr);
  let wallMs = outerMs, userMs = NaN, sysMs = NaN, peakRssKb = 0;
  if (m) {
    wallMs = (Number(m[2]) - Number(m[1])) * 1000;
    userMs = (Number(m[3]) * 60 + Number(m[4])) * 1000;
    sysMs = (Number(m[5]) * 60 + Number(m[6])) * 1000;
    stderr = stderr.slice(0, m.index);
  }
  const rss = /__AXRSS__(\d+)\s*$/.exec(stderr);
  if (rss) { peakRssKb = Number(rss[1]); stderr = stderr.slice(0, rss.index); }
  return { ms: wallMs, wallMs, cpuMs: userMs + sysMs, userMs, sysMs, peakRssKb, status: r.status ?? -1, stdout: r.stdout ?? '', stderr };
}

/** A metric: summary statistics plus the raw samples (what `ax perf compare` tests). */
export interface Metric extends Stats { unit: string; better: 'lower' | 'higher'; samples: number[] }

export function metric(samples: readonly number[], unit: string, better: 'lower' | 'higher' = 'lower'): Metric {
  return { unit, better, ...stats(samples), samples: samples.map((x) => Math.round(x * 1000) / 1000) };
}

export function isMetric(x: unknown): x is Metric {
  return typeof x === 'object' && x !== null && Array.isArray((x as Metric).samples) && typeof (x as Metric).unit === 'string';
}

/** One command in an alternating measurement. `setup` runs untimed before every sample (e.g. delete an index). */
export interface Workload {
  name: string;
  cmd: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  setup?: () => void;
  /** Exit codes that count as success (default [0]). */
  okStatus?: readonly number[];
}

export interface Measured {
  name: string;
  command: string;
  wall: Metric;
  cpu: Metric;
  peakRss: Metric;
  failures: number;
  /** The last sample's stdout (e.g. a --json summary to read counts from). */
  lastStdout: string;
}

export interface AlternateOptions { warmup: number; reps: number; log?: (msg: string) => void; rss?: boolean }

/**
 * Run workloads round-robin (A B C, B C A, C A B, ...) after `warmup` untimed rounds, so drift on a shared
 * machine hits every workload alike and no workload always runs first. Like hyperfine per command, but
 * interleaved; failed runs are counted and logged, and left out of the figures.
 */
export function alternate(workloads: readonly Workload[], opts: AlternateOptions): Record<string, Measured> {
  const k = workloads.length;
  const acc = workloads.map(() => ({ wall: [] as number[], cpu: [] as number[], rss: [] as number[], failures: 0, last: '' }));
  for (let round = 0; round < opts.warmup + opts.reps; round++) {
    const timed = round >= opts.warmup;
    for (let j = 0; j < k; j++) {
      const i = (round + j) % k;
      const w = workloads[i]!;
      w.setup?.();
      const s = sample(w.cmd, w.args, { ...(w.cwd ? { cwd: w.cwd } : {}), ...(w.env ? { env: w.env } : {}), ...(opts.rss === false ? { rss: false } : {}) });
      if (!(w.okStatus ?? [0]).includes(s.status)) {
        acc[i]!.failures++;
        opts.log?.(`${w.name}: exit ${s.status}: ${s.stderr.trim().slice(0, 300)}`);
        continue; // a failed run measures something else: counted, never mixed into the figures
      }
      if (!timed) continue;
      acc[i]!.wall.push(s.wallMs);
      if (Number.isFinite(s.cpuMs)) acc[i]!.cpu.push(s.cpuMs);
      if (s.peakRssKb) acc[i]!.rss.push(s.peakRssKb);
      acc[i]!.last = s.stdout;
    }
    if (timed) opts.log?.(`round ${round - opts.warmup + 1}/${opts.reps}`);
  }
  const out: Record<string, Measured> = {};
  workloads.forEach((w, i) => {
    const a = acc[i]!;
    out[w.name] = {
      name: w.name, command: [w.cmd === process.execPath ? 'node' : w.cmd, ...w.args.map((x) => (x === AX_BIN ? 'bin/ax.cjs' : x))].join(' '),
      wall: metric(a.wall, 'ms'), cpu: metric(a.cpu, 'ms'), peakRss: metric(a.rss, 'kB'), failures: a.failures, lastStdout: a.last,
    };
  });
  return out;
}

/** Files/s and MB/s (10^6 bytes) for `files` files of `bytes` bytes processed in `ms`. */
export function throughput(files: number, bytes: number, ms: number): { filesPerSec: number; mbPerSec: number } {
  const s = Math.max(ms, 1e-6) / 1000;
  return { filesPerSec: Math.round((files / s) * 10) / 10, mbPerSec: Math.round((bytes / 1e6 / s) * 100) / 100 };
}

/** Regular files and bytes under dir, skipping `.ax/` and `.git/`. */
export function dirSize(dir: string): { files: number; bytes: number } {
  let files = 0, bytes = 0;
  (function walk(d: string) {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) { if (e.name !== '.ax' && e.name !== '.git') walk(path.join(d, e.name)); }
      else if (e.isFile()) { files++; bytes += statSync(path.join(d, e.name)).size; }
    }
  })(dir);
  return { files, bytes };
}

/** Bytes of an index: DIR/.ax/index.db plus its -wal and -shm files. */
export function indexSize(root: string): number {
  const db = path.join(root, '.ax', 'index.db');
  return ['', '-wal', '-shm'].reduce((a, s) => a + (existsSync(db + s) ? statSync(db + s).size : 0), 0);
}

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

const GET_SH = path.resolve(REPO_ROOT, '..', 'shared', 'corpora', 'get.sh');

/** Path of a corpus from ../shared/corpora/get.sh (built on first use, cached afterwards). */
export function corpus(name: string): string {
  if (!existsSync(GET_SH)) throw new Error(`corpus ${name}: ${GET_SH} not found`);
  const out = execFileSync('bash', [GET_SH, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').pop()!;
}

export interface CorpusInfo { name: string; path: string; source: string; files: number; bytes: number; listDigest: string }

/**
 * What a corpus is: its pinned source (`get.sh list`), size, and a digest of its sorted (path, size)
 * list (cheap enough for linux; get.sh's content digest is in ../shared/corpora/README.md).
 */
export function corpusInfo(name: string, dir: string): CorpusInfo {
  let source = '';
  try {
    const list = execFileSync('bash', [GET_SH, 'list'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    source = list.split('\n').filter((l) => l.split(/\s+/)[0] === name).map((l) => l.split(/\s+/).slice(1, 3).join(' ')).join('; ');
  } catch { /* no get.sh: a tree made by the suite itself */ }
  const entries: string[] = [];
  let bytes = 0;
  (function walk(d: string, rel: string) {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) { if (e.name !== '.ax' && e.name !== '.git') walk(path.join(d, e.name), rel + e.name + '/'); }
      else if (e.isFile()) { const size = statSync(path.join(d, e.name)).size; bytes += size; entries.push(`${rel}${e.name}\t${size}`); }
    }
  })(dir, '');
  entries.sort();
  const listDigest = createHash('sha256').update(entries.join('\n')).digest('hex').slice(0, 16);
  return { name, path: dir, source, files: entries.length, bytes, listDigest };
}

let envCache: Record<string, unknown> | undefined;

export function environment(): Record<string, unknown> {
  if (envCache) return { ...envCache, date: new Date().toISOString() };
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  let commit = '', dirty = false;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
  } catch { /* not a checkout */ }
  const peer = (cmd: string, args: string[]) => {
    try { return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0]!.trim(); } catch { return null; }
  };
  envCache = {
    cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${process.platform} ${release()}`, node: process.version, ax: pkg.version, commit, dirty,
    // Node parses this file's certificates at every start, before any script runs: with a large bundle
    // it was most of `node -e 0` here (docs/benchmarks.md, startup). Recorded, never read.
    nodeExtraCaCerts: process.env.NODE_EXTRA_CA_CERTS !== undefined,
    peers: { rg: peer('rg', ['--version']), ctags: peer('ctags', ['--version']), global: peer('global', ['--version']), hyperfine: peer('hyperfine', ['--version']) },
  };
  return { ...envCache, loadavg: loadavg().map((x) => Math.round(x * 100) / 100), freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10, date: new Date().toISOString() };
}

export interface SuiteContext {
  /** Repetitions requested (--reps), each suite picks its own default. */
  reps: number | undefined;
  /** Warm-up rounds requested (--warmup), each suite picks its own default. */
  warmup?: number | undefined;
  /** Corpora requested (--corpus a,b), else the suite's defaults. */
  corpora: string[] | undefined;
  /** --quick: the short variant (CI guard). */
  quick: boolean;
  log(msg: string): void;
}

export interface SuiteResult {
  suite: string;
  /** Free-form but JSON: metrics (see metric()), ratios against peers, per-corpus tables. */
  results: unknown;
  /** Lines for the human report (markdown table rows or sentences). */
  report: string[];
  /** Corpora measured (corpusInfo()), recorded in the environment of the saved document. */
  corpora?: CorpusInfo[];
}

export interface Suite {
  name: string;
  description: string;
  run(ctx: SuiteContext): Promise<SuiteResult>;
}

export function saveResult(outDir: string, r: SuiteResult, options: Record<string, unknown> = {}): string {
  mkdirSync(outDir, { recursive: true });
  const env = environment();
  const file = path.join(outDir, `${r.suite}-${String(env.date).replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ schema: RESULT_SCHEMA, environment: env, options, ...r }, null, 2) + '\n');
  return file;
}
