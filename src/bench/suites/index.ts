// `npm run bench -- index`: end-to-end indexing on real corpora beside `ctags -R` and `gtags`, run
// alternately in one invocation (ax, ctags, gtags, ax, ...) so machine drift hits all alike. Reports
// wall time, files/s, MB/s, peak RSS, index size / source size, the no-op re-index, an incremental
// re-index after 1% of the files changed, and ratios. Beside them, the Tree-sitter floor
// (services/parse-floor.ts): the files ax indexed, only parsed, one thread per core, nothing stored:
// what ax's wall time cannot go below while it parses every file with Tree-sitter on these cores.
// Corpora are hard-link copies under the temp dir, so .ax/ and GTAGS never touch the shared cache.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFloor } from '../../services/parse-floor.js';
import { AX_BIN, corpus, hasCommand, metric, stats, timeCommand, type Suite, type Timed } from '../harness.js';

const DEFAULT_CORPORA = ['django', 'go-std', 'linux'];

function dirBytes(dir: string): { files: number; bytes: number } {
  const out = execFileSync('find', [dir, '-type', 'f', '-not', '-path', '*/.ax/*', '-printf', '%s\\n'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  let files = 0, bytes = 0;
  for (const l of out.split('\n')) if (l) { files++; bytes += Number(l); }
  return { files, bytes };
}

function sizeOf(...files: string[]): number {
  return files.reduce((a, f) => a + (existsSync(f) ? statSync(f).size : 0), 0);
}

/** gtags' stock config cannot see Python/Go; point the universal-ctags plug-in label at ctags-universal and skip binaries. */
function gtagsConf(work: string): string {
  const file = path.join(work, 'gtags.conf');
  const stock = existsSync('/etc/gtags/gtags.conf') ? readFileSync('/etc/gtags/gtags.conf', 'utf8') : '';
  writeFileSync(file, stock.replace(':skip=HTML/,', ':skip=*.mo,*.png,*.gif,*.jpg,*.ico,*.woff,*.woff2,*.ttf,*.eot,*.pdf,*.map,HTML/,'));
  return file;
}

interface Run { ms: number[]; rssKb: number[]; size: number }

const EDITABLE = /\.(c|h|py|go|java|rs|js|ts|rb|php|cs|cpp|cc)$/;

/**
 * The incremental workload: 1% of the source files (10..200, every k-th of the sorted list, so a run
 * can be replayed) get a trailing newline, written as a new file renamed over the old one so the
 * hard-linked corpus cache is never modified. Returns a function that puts the originals back.
 */
function editSome(copy: string): { count: number; restore: () => void } {
  const out = execFileSync('find', [copy, '-type', 'f', '-not', '-path', '*/.ax/*'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const all = out.split('\n').filter((f) => EDITABLE.test(f)).sort();
  const n = Math.max(10, Math.min(200, Math.round(all.length / 100)));
  const step = Math.max(1, Math.floor(all.length / n));
  const picked = all.filter((_, i) => i % step === 0).slice(0, n);
  const originals = picked.map((f) => readFileSync(f));
  const replace = (f: string, data: Buffer) => { writeFileSync(`${f}.ax-bench.tmp`, data); renameSync(`${f}.ax-bench.tmp`, f); };
  picked.forEach((f, i) => replace(f, Buffer.concat([originals[i]!, Buffer.from('\n')])));
  return { count: picked.length, restore: () => picked.forEach((f, i) => replace(f, originals[i]!)) };
}

export const suite: Suite = {
  name: 'index',
  description: 'ax index vs ctags -R vs gtags: wall, throughput, peak RSS, index size; no-op and incremental re-index',
  async run(ctx) {
    const names = ctx.corpora ?? (ctx.quick ? ['django'] : DEFAULT_CORPORA);
    const work = path.join(tmpdir(), 'ax-bench-index');
    mkdirSync(work, { recursive: true });
    const conf = gtagsConf(work);
    const peers = { ctags: hasCommand('ctags'), gtags: hasCommand('gtags') };
    const results: Record<string, unknown> = {};
    const report = ['| corpus | files | MB | tool | wall p50 (s) | files/s | MB/s | peak RSS (MiB) | index / source | ax ÷ tool |', '|---|---:|---:|---|---:|---:|---:|---:|---:|---:|'];
    const noop: string[] = [];
    for (const name of names) {
      const src = corpus(name);
      const copy = path.join(work, name);
      if (!existsSync(copy)) execFileSync('cp', ['-al', src, copy]);
      const { files, bytes } = dirBytes(copy);
      const reps = ctx.reps ?? (bytes > 500e6 ? 1 : 3);
      const runs: Record<string, Run> = { ax: { ms: [], rssKb: [], size: 0 } };
      if (peers.ctags) runs.ctags = { ms: [], rssKb: [], size: 0 };
      if (peers.gtags) runs.gtags = { ms: [], rssKb: [], size: 0 };
      let axFiles = 0, axBytes = 0;
      const noopMs: number[] = [], incMs: number[] = [], floorMs: number[] = [];
      let floorFailed = 0;
      let incFiles = 0;
      const check = (t: Timed, tool: string) => { if (t.status !== 0) ctx.log(`${tool} exited ${t.status}: ${t.stderr.slice(0, 400)}`); };
      for (let r = 0; r < reps; r++) {
        rmSync(path.join(copy, '.ax'), { recursive: true, force: true });
        ctx.log(`${name}: ax index (rep ${r + 1}/${reps})`);
        const a = timeCommand(process.execPath, [AX_BIN, 'index', copy, '--json', '--quiet']);
        check(a, 'ax');
        runs.ax!.ms.push(a.ms); runs.ax!.rssKb.push(a.peakRssKb);
        runs.ax!.size = sizeOf(path.join(copy, '.ax', 'index.db'), path.join(copy, '.ax', 'index.db-wal'));
        try { const j = JSON.parse(a.stdout) as { files: number; parsedBytes: number }; axFiles = j.files; axBytes = j.parsedBytes; } catch { /* reported above */ }
        const n = timeCommand(process.execPath, [AX_BIN, 'index', copy, '--json', '--quiet']);
        check(n, 'ax no-op');
        noopMs.push(n.ms);
        const edit = editSome(copy);
        incFiles = edit.count;
        const inc = timeCommand(process.execPath, [AX_BIN, 'index', copy, '--json', '--quiet']);
        edit.restore();
        check(inc, 'ax incremental');
        incMs.push(inc.ms);
        ctx.log(`${name}: Tree-sitter parse only (floor)`);
        const f = await parseFloor(copy);
        floorMs.push(f.wallMs);
        floorFailed = f.failed;
        if (runs.ctags) {
          ctx.log(`${name}: ctags -R`);
          const tags = path.join(work, `${name}.tags`);
          const c = timeCommand('ctags', ['-R', '-f', tags, copy]);
          check(c, 'ctags');
          runs.ctags.ms.push(c.ms); runs.ctags.rssKb.push(c.peakRssKb); runs.ctags.size = sizeOf(tags);
        }
        if (runs.gtags) {
          ctx.log(`${name}: gtags`);
          const db = path.join(work, `${name}.gtags`);
          rmSync(db, { recursive: true, force: true }); mkdirSync(db);
          const g = timeCommand('gtags', ['-q', db], { cwd: copy, env: { ...process.env, GTAGSCONF: conf, GTAGSLABEL: name === 'linux' ? 'default' : 'new-ctags' } });
          check(g, 'gtags');
          runs.gtags.ms.push(g.ms); runs.gtags.rssKb.push(g.peakRssKb);
          runs.gtags.size = sizeOf(path.join(db, 'GTAGS'), path.join(db, 'GRTAGS'), path.join(db, 'GPATH'));
        }
      }
      const axP50 = stats(runs.ax!.ms).p50;
      const per: Record<string, unknown> = {};
      for (const [tool, run] of Object.entries(runs)) {
        const s = stats(run.ms);
        const secs = s.p50 / 1000;
        const tFiles = tool === 'ax' ? axFiles : files;
        const tBytes = tool === 'ax' ? axBytes : bytes;
        per[tool] = { wallMs: metric(run.ms, 'ms'), filesPerSec: tFiles / secs, mbPerSec: tBytes / 1e6 / secs,
          peakRssMb: metric(run.rssKb.map((k) => k / 1024), 'MiB'), indexBytes: run.size, indexToSource: run.size / bytes,
          ...(tool === 'ax' ? {} : { axOverTool: axP50 / s.p50 }) };
        report.push(`| ${name} | ${files} | ${(bytes / 1e6).toFixed(1)} | ${tool} | ${(s.p50 / 1000).toFixed(2)} | ${(tFiles / secs).toFixed(0)} | ${(tBytes / 1e6 / secs).toFixed(1)} | ${(Math.max(...run.rssKb) / 1024).toFixed(0)} | ${(run.size / bytes).toFixed(2)}x | ${tool === 'ax' ? '' : (axP50 / s.p50).toFixed(2)} |`);
      }
      const fs = stats(floorMs);
      const ctagsP50 = runs.ctags ? stats(runs.ctags.ms).p50 : undefined;
      per.parseFloor = { wallMs: metric(floorMs, 'ms'), axOverFloor: axP50 / fs.p50, failed: floorFailed, ...(ctagsP50 ? { floorOverCtags: fs.p50 / ctagsP50 } : {}) };
      noop.push(`- ${name}: Tree-sitter parse only (floor, ${axFiles} files, one thread per core) p50 ${(fs.p50 / 1000).toFixed(2)} s: ax is ${(axP50 / fs.p50).toFixed(2)}x it${ctagsP50 ? `, it is ${(fs.p50 / ctagsP50).toFixed(2)}x ctags -R` : ''}${floorFailed ? ` (${floorFailed} files failed to parse now)` : ''}`);
      const ns = stats(noopMs);
      per.noop = { wallMs: metric(noopMs, 'ms') };
      const is = stats(incMs);
      per.incremental = { wallMs: metric(incMs, 'ms'), changedFiles: incFiles };
      noop.push(`- ${name}: no-op re-index p50 ${(ns.p50 / 1000).toFixed(2)} s; incremental (${incFiles} files changed) p50 ${(is.p50 / 1000).toFixed(2)} s; over ${ns.n} run(s); ax indexed ${axFiles} of ${files} files (${(axBytes / 1e6).toFixed(1)} MB parsed; the rest unsupported or skipped)`);
      results[name] = { files, bytes, reps, ...per };
    }
    return { suite: 'index', results, report: [...report, '', ...noop] };
  },
};
