// `npm run bench -- startup` / `ax perf run startup`: cold-process latency of the CLI on the django
// index: `ax --version`, `ax status`, `ax find QuerySet`, run round-robin with their peers in the same
// invocation (`node -e 0` as the floor any Node CLI pays, `rg --version`, `rg -nw QuerySet`,
// `global -x QuerySet`), so the ratios hold even when absolute times drift on a shared machine.
// Targets (issue 7): `ax --version` median < 60 ms, `ax find` on django < 120 ms wall.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AX_BIN, alternate, corpus, corpusInfo, hasCommand, indexSize, type Measured, type Suite, type Workload } from '../harness.js';

const QUERY = 'QuerySet';
const TARGETS: Record<string, number> = { 'ax --version': 60, [`ax find ${QUERY}`]: 120 };

/** gtags' stock configuration cannot parse Python: use universal-ctags through its plug-in, skip binaries. */
function gtagsConf(work: string): string {
  const file = path.join(work, 'gtags.conf');
  const stock = existsSync('/etc/gtags/gtags.conf') ? readFileSync('/etc/gtags/gtags.conf', 'utf8') : '';
  writeFileSync(file, stock.replace(':skip=HTML/,', ':skip=*.mo,*.png,*.gif,*.jpg,*.ico,*.woff,*.woff2,*.ttf,*.eot,*.pdf,*.map,HTML/,'));
  return file;
}

export const suite: Suite = {
  name: 'startup',
  description: 'cold-process latency: ax --version, ax status, ax find (django) beside node -e 0, rg, global',
  async run(ctx) {
    const name = ctx.corpora?.[0] ?? 'django';
    const reps = ctx.reps ?? (ctx.quick ? 10 : 30);
    const warmup = ctx.warmup ?? 3;
    const work = path.join(tmpdir(), 'ax-bench-startup');
    mkdirSync(work, { recursive: true });
    const src = corpus(name);
    const copy = path.join(work, name);
    if (!existsSync(copy)) execFileSync('cp', ['-al', src, copy]);
    ctx.log(`${name}: ax index (untimed; a no-op when the index is fresh)`);
    const ix = spawnSync(process.execPath, [AX_BIN, 'index', copy, '--quiet', '--json'], { encoding: 'utf8' });
    if (ix.status !== 0) throw new Error(`ax index ${copy} failed (${ix.status}): ${ix.stderr.slice(0, 400)}`);
    const node = process.execPath;
    const ax = (...args: string[]): Workload => ({ name: `ax ${args.join(' ')}`, cmd: node, args: [AX_BIN, ...args], cwd: copy });
    const workloads: Workload[] = [
      { name: 'node -e 0', cmd: node, args: ['-e', '0'], cwd: copy },
      ax('--version'), ax('status'), ax('find', QUERY),
    ];
    if (hasCommand('rg')) {
      workloads.push({ name: 'rg --version', cmd: 'rg', args: ['--version'], cwd: copy });
      workloads.push({ name: `rg -nw ${QUERY}`, cmd: 'rg', args: ['-nw', QUERY], cwd: copy });
    }
    if (hasCommand('gtags') && hasCommand('global')) {
      const db = path.join(work, `${name}.gtags`);
      if (!existsSync(path.join(db, 'GTAGS'))) {
        ctx.log(`${name}: gtags (untimed, for global -x)`);
        mkdirSync(db, { recursive: true });
        spawnSync('gtags', ['-q', db], { cwd: copy, env: { ...process.env, GTAGSCONF: gtagsConf(work), GTAGSLABEL: 'new-ctags' } });
      }
      if (existsSync(path.join(db, 'GTAGS'))) {
        workloads.push({ name: `global -x ${QUERY}`, cmd: 'global', args: ['-x', QUERY], cwd: copy, env: { ...process.env, GTAGSROOT: copy, GTAGSDBPATH: db } });
      }
    }
    ctx.log(`${workloads.length} workloads, ${warmup} warm-up + ${reps} rounds, alternating`);
    const m = alternate(workloads, { warmup, reps, log: ctx.log });
    const p50 = (n: string) => m[n]?.wall.p50 ?? NaN;
    const ratio = (a: string, b: string) => (m[a] && m[b] ? Math.round((p50(a) / p50(b)) * 100) / 100 : null);
    const ratios: Record<string, number | null> = {
      'ax --version / node -e 0': ratio('ax --version', 'node -e 0'),
      'ax status / node -e 0': ratio('ax status', 'node -e 0'),
      [`ax find ${QUERY} / node -e 0`]: ratio(`ax find ${QUERY}`, 'node -e 0'),
      'ax --version / rg --version': ratio('ax --version', 'rg --version'),
      [`ax find ${QUERY} / rg -nw ${QUERY}`]: ratio(`ax find ${QUERY}`, `rg -nw ${QUERY}`),
      [`ax find ${QUERY} / global -x ${QUERY}`]: ratio(`ax find ${QUERY}`, `global -x ${QUERY}`),
    };
    for (const k of Object.keys(ratios)) if (ratios[k] === null) delete ratios[k];
    const targets = Object.fromEntries(Object.entries(TARGETS).map(([n, t]) => [n, { targetMs: t, p50: p50(n), met: p50(n) < t }]));
    const info = corpusInfo(name, copy);
    const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
    const report = [
      `corpus ${name} (${info.files} files, ${(info.bytes / 1e6).toFixed(1)} MB, ${info.source || 'local'}), index ${(indexSize(copy) / 1e6).toFixed(1)} MB; ${warmup} warm-up + ${reps} alternating rounds`,
      '',
      '| command | wall p50 (ms) | p95 | p99 | mean ± sd | CPU p50 (ms) | peak RSS (MiB) | ÷ node -e 0 |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      ...Object.values(m).map((x: Measured) => `| \`${x.name}\` | ${f(x.wall.p50)} | ${f(x.wall.p95)} | ${f(x.wall.p99)} | ${f(x.wall.mean)} ± ${f(x.wall.stddev)} | ${f(x.cpu.p50)} | ${f(x.peakRss.p50 / 1024)} | ${(x.wall.p50 / p50('node -e 0')).toFixed(2)} |${x.failures ? ` ${x.failures} failed` : ''}`),
      '',
      ...Object.entries(ratios).map(([k, v]) => `- ${k}: ${v}x (wall p50)`),
      ...Object.entries(targets).map(([n, t]) => `- target \`${n}\` < ${t.targetMs} ms: p50 ${f(t.p50)} ms, ${t.met ? 'met' : 'NOT met'}`),
    ];
    const results = {
      corpus: info, indexBytes: indexSize(copy), reps, warmup,
      workloads: Object.fromEntries(Object.entries(m).map(([k, x]) => [k, { command: x.command, wall: x.wall, cpu: x.cpu, peakRss: x.peakRss, failures: x.failures }])),
      ratios, targets,
    };
    return { suite: 'startup', results, report, corpora: [info] };
  },
};
