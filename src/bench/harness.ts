// The benchmark harness shared by every suite (`npm run bench -- <suite>`): corpus lookup through
// ../shared/corpora/get.sh, timed child processes with peak RSS (GNU time), statistics, and one result
// document per run written to bench-results/ (or --out DIR). Timing lives here, never in unit tests.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const AX_BIN = path.join(REPO_ROOT, 'bin', 'ax.cjs');

export interface Stats { n: number; min: number; p50: number; p95: number; p99: number; mean: number; stddev: number; max: number }

export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  const q = (p: number) => (n === 0 ? NaN : s[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n, min: r(s[0] ?? NaN), p50: r(q(50)), p95: r(q(95)), p99: r(q(99)), mean: r(mean), stddev: r(sd), max: r(s[n - 1] ?? NaN) };
}

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

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

/** Path of a corpus from ../shared/corpora/get.sh (built on first use, cached afterwards). */
export function corpus(name: string): string {
  const getSh = path.resolve(REPO_ROOT, '..', 'shared', 'corpora', 'get.sh');
  if (!existsSync(getSh)) throw new Error(`corpus ${name}: ${getSh} not found`);
  const out = execFileSync('bash', [getSh, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').pop()!;
}

export function environment(): Record<string, unknown> {
  const pkg = JSON.parse(execFileSync('cat', [path.join(REPO_ROOT, 'package.json')], { encoding: 'utf8' })) as { version: string };
  let commit = '';
  try { commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim(); } catch { /* not a checkout */ }
  return { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, ax: pkg.version, commit, date: new Date().toISOString() };
}

export interface SuiteContext {
  /** Repetitions requested (--reps), each suite picks its own default. */
  reps: number | undefined;
  /** Corpora requested (--corpus a,b), else the suite's defaults. */
  corpora: string[] | undefined;
  /** --quick: the short variant (CI guard). */
  quick: boolean;
  log(msg: string): void;
}

export interface SuiteResult {
  suite: string;
  /** Free-form but JSON: metrics with Stats, ratios against peers, per-corpus tables. */
  results: unknown;
  /** Lines for the human report (markdown table rows or sentences). */
  report: string[];
}

export interface Suite {
  name: string;
  description: string;
  run(ctx: SuiteContext): Promise<SuiteResult>;
}

export function saveResult(outDir: string, r: SuiteResult): string {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${r.suite}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ environment: environment(), ...r }, null, 2) + '\n');
  return file;
}
