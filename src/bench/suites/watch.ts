// `npm run bench -- watch [--corpus linux] [--reps N]`: how quickly `ax watch` makes an edit findable,
// and how it absorbs a burst. On a hard-link copy of the corpus (edits replace files, never write in
// place, so the shared cache is untouched): index once, start `ax watch --json` as a child process,
// then (1) N times (default 100) write a new unique identifier into a file and poll a separate
// read-only Searcher until the identifier is found: edit-to-queryable latency p50/p95; (2) rewrite
// 5,000 files unchanged ("touch": new inode and mtime, same bytes) and (3) append an identifier to
// 5,000 files: time until the index is consistent again and the watcher's peak RSS (VmHWM).
// Finally stops the watcher and runs `ax index`, which must find nothing to change.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Searcher } from '../../services/search.js';
import { AX_BIN, corpus, stats, timeCommand, type Suite } from '../harness.js';

const BURST = 5000;
/** Poll interval of the reader: frequent enough to resolve ms, sparse enough not to starve the watcher of CPU. */
const POLL_MS = 5;

interface Line { type: string; path?: string; op?: string; ms?: number; latencyMs?: number; [k: string]: unknown }

/** A /proc/PID/status memory figure in MiB (the kernel reports KiB; the JSON keys say Mb for history). */
function vm(pid: number, key: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch { return NaN; }
}

/** Replace a file (new inode) with `text`: the hard-linked original in the cache keeps its bytes. */
function replaceFile(file: string, text: string | Buffer): void {
  const tmp = `${file}.axbench~`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const suite: Suite = {
  name: 'watch',
  description: 'ax watch: edit-to-queryable latency (p50/p95), 5,000-file bursts (time to consistent, peak RSS)',
  async run(ctx) {
    const name = (ctx.corpora ?? [ctx.quick ? 'go-std' : 'linux'])[0]!;
    const edits = ctx.reps ?? (ctx.quick ? 20 : 100);
    const burstN = ctx.quick ? 500 : BURST;
    const work = path.join(tmpdir(), 'ax-bench-watch');
    mkdirSync(work, { recursive: true });
    const copy = path.join(work, name);
    if (!existsSync(copy)) execFileSync('cp', ['-al', corpus(name), copy]);

    ctx.log(`${name}: ax index (incremental if already indexed)`);
    const ix = timeCommand(process.execPath, [AX_BIN, 'index', copy, '--json', '--quiet']);
    if (ix.status !== 0 && ix.status !== 2) throw new Error(`ax index failed: ${ix.stderr.slice(0, 500)}`);
    const ixJson = JSON.parse(ix.stdout) as { files: number; durationMs: number };
    ctx.log(`${name}: ${ixJson.files} files indexed (${Math.round(ix.ms / 1000)} s)`);

    // Candidate files: C/Go/Python sources of moderate size, in a fixed order.
    const ext = name === 'linux' ? '*.c' : name === 'go-std' ? '*.go' : '*.py';
    const all = execFileSync('find', [copy, '-path', `${copy}/.ax`, '-prune', '-o', '-type', 'f', '-name', ext, '-size', '-48k', '-print'],
      { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n').filter(Boolean).sort();
    const pick = (n: number, offset: number) => Array.from({ length: Math.min(n, all.length) }, (_, i) => all[(offset + Math.floor((i * all.length) / n)) % all.length]!);

    ctx.log(`${name}: starting ax watch`);
    const t0 = performance.now();
    const child = spawn(process.execPath, [AX_BIN, 'watch', copy, '--json', '--summary', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const lines: Line[] = [];
    const updated = new Map<string, number>();
    /** Start times of full re-scans (a flood or a possibly overflowed kernel queue): they cover files written before. */
    const rescans: Array<{ start: number; end: number }> = [];
    const rl = readline.createInterface({ input: child.stdout });
    rl.on('line', (l) => {
      const o = JSON.parse(l) as Line;
      lines.push(o);
      if (o.type === 'update' && o.path) updated.set(o.path, performance.now());
      if (o.type === 'reconcile') { const end = performance.now(); rescans.push({ start: end - Number(o.ms ?? 0), end }); ctx.log(`watch re-scan: ${l}`); }
      if (o.type === 'error') ctx.log(`watch error: ${l}`);
    });
    const until = async (cond: () => boolean, ms: number, what: string) => {
      const end = performance.now() + ms;
      while (!cond()) {
        if (performance.now() > end) throw new Error(`timed out: ${what}; watch stderr: ${stderr.slice(-500)}`);
        if (child.exitCode !== null) throw new Error(`ax watch exited ${child.exitCode}: ${stderr.slice(-500)}`);
        await sleep(2);
      }
    };
    try {
      await until(() => lines.some((l) => l.type === 'watching'), 600_000, 'watch start');
      const startMs = performance.now() - t0;
      const watching = lines.find((l) => l.type === 'watching')!;
      const rssIdle = vm(child.pid!, 'VmRSS');
      ctx.log(`${name}: watching after ${Math.round(startMs)} ms (${String(watching.dirs)} dirs), RSS ${rssIdle} MiB`);

      // (1) Edit-to-queryable latency.
      const searcher = new Searcher({ root: copy });
      const run = Date.now().toString(36);
      const latency: number[] = [];
      const engineMs: number[] = [];
      try {
        for (const [i, file] of pick(edits, 7).entries()) {
          const ident = `axwb${run}e${i}`;
          const text = readFileSync(file);
          const rel = path.relative(copy, file);
          const e0 = performance.now();
          replaceFile(file, Buffer.concat([text, Buffer.from(`\nint ${ident};\n`)]));
          while (searcher.search(ident, { limit: 1 }).total === 0) {
            if (performance.now() - e0 > 30_000) throw new Error(`edit ${i}: ${ident} not findable after 30 s`);
            await sleep(POLL_MS);
          }
          latency.push(performance.now() - e0);
          await until(() => updated.has(rel), 5000, `update line for ${rel}`);
          const u = [...lines].reverse().find((l) => l.type === 'update' && l.path === rel);
          if (u?.ms !== undefined) engineMs.push(u.ms);
          updated.clear();
          await sleep(20); // let the watcher go idle between edits
        }
      } finally {
        searcher.close();
      }
      const lat = stats(latency);
      ctx.log(`${name}: edit-to-queryable p50 ${lat.p50} ms, p95 ${lat.p95} ms over ${lat.n} edits`);

      // (2) and (3): bursts. Completion: a sentinel written after the burst is indexed (events are
      // processed in arrival order), and for (3) every edited file has been reported.
      const bursts: Record<string, unknown> = {};
      // AX_BENCH_WATCH_BURSTS=0 measures latency only (the bursts take minutes on linux).
      const kinds = process.env.AX_BENCH_WATCH_BURSTS === '0' ? [] : (['touch', 'append'] as const);
      for (const kind of kinds) {
        const files = pick(burstN, kind === 'touch' ? 3 : 5);
        updated.clear();
        const sentinel = path.join(copy, `axbench_sentinel_${kind}_${run}.c`);
        const b0 = performance.now();
        const written = new Map<string, number>();
        rescans.length = 0;
        for (const [i, f] of files.entries()) {
          const text = readFileSync(f);
          replaceFile(f, kind === 'touch' ? text : Buffer.concat([text, Buffer.from(`\nint axwb${run}b${i};\n`)]));
          written.set(path.relative(copy, f), performance.now());
        }
        const writeMs = performance.now() - b0;
        writeFileSync(sentinel, `int axwb${run}${kind}_sentinel;\n`);
        const rels = files.map((f) => path.relative(copy, f));
        const relSentinel = path.relative(copy, sentinel);
        written.set(relSentinel, performance.now());
        // Done for a file: its update was reported, or a full re-scan started after it was written
        // (the re-scan reports counts, not paths) and has finished.
        const doneAt = (r: string) => updated.get(r) ?? rescans.find((x) => x.start >= written.get(r)!)?.end;
        const need = [relSentinel, ...(kind === 'touch' ? [] : rels)];
        await until(() => need.every((r) => doneAt(r) !== undefined), 1_200_000, `${kind} burst`);
        const doneMs = Math.max(...need.map((r) => doneAt(r)!)) - b0;
        const r = { files: files.length, writeMs: Math.round(writeMs), consistentMs: Math.round(doneMs), peakRssMb: vm(child.pid!, 'VmHWM'),
          updatesReported: rels.filter((x) => updated.has(x)).length, rescans: rescans.length };
        bursts[kind] = r;
        ctx.log(`${name}: ${kind} burst of ${files.length}: consistent after ${r.consistentMs} ms (writing took ${r.writeMs} ms), peak RSS ${r.peakRssMb} MiB`);
      }

      const peakRssMb = vm(child.pid!, 'VmHWM');
      child.kill('SIGINT');
      await exited;
      const check = timeCommand(process.execPath, [AX_BIN, 'index', copy, '--json', '--quiet']);
      const c = JSON.parse(check.stdout) as { added: number; updated: number; removed: number };
      // Files the bench changed are only ever updated or removed by a lagging index; `added` can also
      // count files of a language that became supported since the first index (a rebuilt ax).
      const drift = c.updated + c.removed;
      ctx.log(`${name}: ax index after the watch: ${c.added} added, ${c.updated} updated, ${c.removed} removed`);

      const results = { corpus: name, files: ixJson.files, startMs: Math.round(startMs), watchedDirs: watching.dirs, rssIdleMb: rssIdle,
        editToQueryableMs: lat, engineMsPerEdit: stats(engineMs), bursts, peakRssMb, driftAfter: c };
      const b = bursts as Record<string, { files: number; consistentMs: number; writeMs: number; peakRssMb: number } | undefined>;
      const secs = (x: { consistentMs: number } | undefined) => (x ? (x.consistentMs / 1000).toFixed(1) : '-');
      const report = [
        `| corpus | files | watched dirs | start (s) | edit→queryable p50 / p95 (ms) | edits | engine ms/edit p50 | touch ${b.touch?.files ?? 0}: consistent (s) | append ${b.append?.files ?? 0}: consistent (s) | peak RSS (MiB) | drift (updated+removed) |`,
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
        `| ${name} | ${ixJson.files} | ${String(watching.dirs)} | ${(startMs / 1000).toFixed(1)} | ${lat.p50} / ${lat.p95} | ${lat.n} | ${stats(engineMs).p50} | ${secs(b.touch)} | ${secs(b.append)} | ${peakRssMb} | ${drift} |`,
      ];
      return { suite: 'watch', results, report };
    } finally {
      if (child.exitCode === null) { child.kill('SIGINT'); await exited; }
    }
  },
};
