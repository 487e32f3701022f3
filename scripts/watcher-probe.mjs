// The measurement behind ax watch's choice of watcher (docs/watch.md, "Choosing the watcher"):
// correctness cases and cost of @parcel/watcher, chokidar, recursive fs.watch and fs.watch per
// directory (what ax does), each in its own process, on a copy of a corpus.
//   node scripts/watcher-probe.mjs DIR [--modules DIR] [--only a,b] [--burst N]
// DIR: a hard-link copy (cp -al ~/.cache/ax-corpora/go-std /tmp/probe-gostd); the probe writes only
// under DIR/__probe__/ and replaces (never edits in place) the burst files, so the cache is untouched.
// --modules: a node_modules holding @parcel/watcher and chokidar (they are not ax dependencies:
// `npm install --prefix /tmp/ax-watchprobe @parcel/watcher@2.6.0 chokidar@5`); missing ones are skipped.
// Prints one JSON line per candidate and a Markdown table. Linux only (reads /proc for inotify watches).
import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const SKIP = /(^|\/)(\.git|node_modules|\.ax)(\/|$)/;

/** The child: one watcher, printing {ready} then one {p} per reported path. */
async function child() {
  const [, , , name, dir, modules] = process.argv;
  const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');
  const t0 = performance.now();
  const req = createRequire(path.join(modules || HERE, 'x.js'));
  const ready = () => out({ ready: Math.round(performance.now() - t0) });
  if (name === 'parcel') {
    const w = req('@parcel/watcher');
    await w.subscribe(dir, (err, events) => { if (!err) for (const e of events) out({ p: e.path }); }, { ignore: ['.git', 'node_modules', '.ax'] });
    ready();
  } else if (name === 'chokidar') {
    const c = req('chokidar');
    c.watch(dir, { ignoreInitial: true, ignored: (p) => SKIP.test(path.relative(dir, p)) })
      .on('all', (_ev, p) => out({ p })).on('ready', ready);
  } else if (name === 'recursive') {
    const { watch } = await import('node:fs');
    watch(dir, { recursive: true }, (_ev, f) => { if (f && !SKIP.test(f)) out({ p: path.join(dir, f.toString()) }); });
    ready();
  } else if (name === 'perdir') {
    // ax's DirWatcher with its ignore rules; a reported directory is re-walked (watchers attached,
    // its files reported), which is what ax's engine does with such an event.
    const { DirWatcher } = await import(pathToFileURL(path.join(HERE, 'dist/services/watch/dirwatcher.js')).href);
    const { IgnoreRules } = await import(pathToFileURL(path.join(HERE, 'dist/indexer/ignore.js')).href);
    const rules = new IgnoreRules(dir, []);
    const { lstatSync } = await import('node:fs');
    const walkNew = (rel) => {
      const abs = rel ? path.join(dir, rel) : dir;
      if (!dw.add(rel, abs)) return;
      let entries = [];
      try { entries = readdirSync(abs, { withFileTypes: true }); } catch { return; }
      for (const e of entries) {
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) { if (!SKIP.test(r)) walkNew(r); } else out({ p: path.join(dir, r) });
      }
    };
    const dw = new DirWatcher({
      root: dir, onFatal: (e) => { out({ fatal: e.message }); process.exit(1); },
      onPath: (rel) => {
        out({ p: path.join(dir, rel) });
        try { if (rel && lstatSync(path.join(dir, rel)).isDirectory()) walkNew(rel); } catch { /* gone */ }
      },
    });
    dw.addTree(rules);
    ready();
  }
  setInterval(() => {}, 1 << 30);
  process.stdout.on('error', () => process.exit(0)); // the parent is gone
}

function inotifyWatches(pid) {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (!readlinkSync(`/proc/${pid}/fd/${fd}`).includes('inotify')) continue;
      n += readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8').split('\n').filter((l) => l.startsWith('inotify wd:')).length;
    } catch { /* closed meanwhile */ }
  }
  return n;
}
const rssMb = (pid) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const args = process.argv.slice(2);
  const opt = (k, d) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : d; };
  const dir = path.resolve(args[0] ?? '');
  if (!args[0] || !existsSync(dir)) { console.error('usage: node scripts/watcher-probe.mjs DIR [--modules DIR] [--only a,b] [--burst N]'); process.exit(2); }
  const modules = opt('--modules', '');
  const only = opt('--only', 'parcel,chokidar,recursive,perdir').split(',');
  const burstN = Number(opt('--burst', '2000'));
  const burstFiles = execFileSync('find', [dir, '-path', `${dir}/.git`, '-prune', '-o', '-path', `${dir}/__probe__`, '-prune', '-o', '-type', 'f', '-size', '-64k', '-print'],
    { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n').filter((f) => f && !SKIP.test(path.relative(dir, f))).sort();
  const step = Math.max(1, Math.floor(burstFiles.length / burstN));
  const burst = burstFiles.filter((_, i) => i % step === 0).slice(0, burstN);
  const rows = [];
  for (const name of only) {
    if ((name === 'parcel' || name === 'chokidar') && !existsSync(path.join(modules, name === 'parcel' ? '@parcel/watcher' : 'chokidar'))) {
      console.log(JSON.stringify({ candidate: name, skipped: `not installed under --modules ${modules || '(none)'}` }));
      continue;
    }
    rows.push(await probe(name, dir, modules, burst));
    console.log(JSON.stringify(rows.at(-1)));
  }
  console.log('\n| watcher | ready (ms) | inotify watches | RSS (MB) | ' + CASES.map((c) => c.name).join(' | ') + ` | burst ${burst.length}: all seen after (s) |`);
  console.log('|---|---:|---:|---:|' + CASES.map(() => '---').join('|') + '|---:|');
  for (const r of rows) {
    console.log(`| ${r.candidate} | ${r.readyMs} | ${r.watches} | ${r.rssMb} | ${CASES.map((c) => r.cases[c.name]).join(' | ')} | ${r.burst.allSeenMs === null ? `${r.burst.missing} missing after ${r.burst.waitedS} s` : (r.burst.allSeenMs / 1000).toFixed(1)} |`);
  }
}

/** Each case acts under P = DIR/__probe__ and names the paths that must be reported afterwards. */
const CASES = [
  { name: 'create', act: (P) => { writeFileSync(path.join(P, 'a.c'), 'int a;\n'); return ['a.c']; } },
  { name: 'append', act: (P) => { appendFileSync(path.join(P, 'a.c'), 'int b;\n'); return ['a.c']; } },
  { name: 'replace by rename', act: (P) => { writeFileSync(path.join(P, 'a.c.tmp'), 'int c;\n'); renameSync(path.join(P, 'a.c.tmp'), path.join(P, 'a.c')); return ['a.c']; } },
  { name: 'delete', act: (P) => { rmSync(path.join(P, 'a.c')); return ['a.c']; } },
  { name: 'write after mkdir -p', act: (P) => { mkdirSync(path.join(P, 'x/y/z'), { recursive: true }); writeFileSync(path.join(P, 'x/y/z/f.c'), 'int f;\n'); return ['x/y/z/f.c']; } },
  { name: 'dir rename', prep: (P) => { mkdirSync(path.join(P, 'r1')); writeFileSync(path.join(P, 'r1/f.c'), 'int r;\n'); }, act: (P) => { renameSync(path.join(P, 'r1'), path.join(P, 'r2')); return ['r2']; } },
  { name: 'new file in renamed dir', act: (P) => { writeFileSync(path.join(P, 'r2/g.c'), 'int g;\n'); return ['r2/g.c']; } },
  { name: 'modify in renamed dir', act: (P) => { appendFileSync(path.join(P, 'r2/f.c'), 'int h;\n'); return ['r2/f.c']; } },
  { name: 'rm -rf dir', act: (P) => { rmSync(path.join(P, 'r2'), { recursive: true }); return ['r2']; } },
];

async function probe(name, dir, modules, burst) {
  const P = path.join(dir, '__probe__');
  rmSync(P, { recursive: true, force: true });
  mkdirSync(P);
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', name, dir, modules], { stdio: ['ignore', 'pipe', 'inherit'] });
  const seen = new Map(); // path -> first time seen
  let ready = null;
  readline.createInterface({ input: child.stdout }).on('line', (l) => {
    const o = JSON.parse(l);
    if (o.ready !== undefined) ready = o.ready;
    if (o.p && !seen.has(o.p)) seen.set(o.p, performance.now());
  });
  const t0 = performance.now();
  while (ready === null && performance.now() - t0 < 600_000) await sleep(20);
  await sleep(1000); // let a late initial scan settle
  const result = { candidate: name, readyMs: ready, watches: inotifyWatches(child.pid), rssMb: rssMb(child.pid), cases: {}, burst: {} };
  for (const c of CASES) {
    c.prep?.(P);
    await sleep(c.prep ? 1000 : 300);
    seen.clear();
    const want = c.act(P).map((r) => path.join(P, r));
    const end = performance.now() + 3000;
    while (performance.now() < end && !want.every((w) => seen.has(w))) await sleep(20);
    // "ok": the path itself was reported; "dir": only a directory above it (an engine re-walking it
    // would still find it); "missed": nothing at or above it.
    result.cases[c.name] = want.every((w) => seen.has(w)) ? 'ok'
      : want.every((w) => [...seen.keys()].some((s) => s !== P && w.startsWith(s + '/'))) ? 'dir' : '**missed**';
  }
  seen.clear();
  const b0 = performance.now();
  for (const f of burst) { const text = readFileSync(f); writeFileSync(f + '.probe~', text); renameSync(f + '.probe~', f); }
  const writeMs = performance.now() - b0;
  const waitS = 60;
  while (performance.now() - b0 < waitS * 1000 && !burst.every((f) => seen.has(f))) await sleep(50);
  const missing = burst.filter((f) => !seen.has(f)).length;
  result.burst = { files: burst.length, writeMs: Math.round(writeMs), allSeenMs: missing ? null : Math.round(Math.max(...burst.map((f) => seen.get(f))) - b0), missing, waitedS: waitS };
  result.rssAfterMb = rssMb(child.pid);
  child.kill('SIGKILL');
  rmSync(P, { recursive: true, force: true });
  return result;
}

if (process.argv[2] === '--child') await child();
else await main();
