// Crash trials on a real tree (docs/db.md): SIGKILL `ax index` at random moments; after each kill
// `ax db verify` must pass and a following `ax index` must leave exactly the content of a fresh
// index (dist/store/maintenance-dump.js digests every table, FTS5 term instances included).
//   node scripts/crash-trials.mjs DIR [TRIALS=50] [SEED=1]
// DIR is indexed in place (its .ax/ is replaced): use a hard-link copy, e.g.
//   cp -al ~/.cache/ax-corpora/django /tmp/crash-django
// Env: AX_BIN (default bin/ax.cjs of this checkout), AX_WORKERS / AX_BATCH_FILES pass through.
// Prints one JSON line per trial and a summary line; exit status 1 if any trial failed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const BIN = process.env.AX_BIN ?? path.join(here, 'bin', 'ax.cjs');
const { contentDigest, digestDiff } = await import(path.join(path.dirname(path.dirname(BIN)), 'dist', 'store', 'maintenance-dump.js'));
const [dirArg, trialsArg = '50', seedArg = '1'] = process.argv.slice(2);
if (!dirArg) { console.error('usage: node scripts/crash-trials.mjs DIR [TRIALS] [SEED]'); process.exit(2); }
const root = path.resolve(dirArg);
const trials = Number(trialsArg);
const db = path.join(root, '.ax', 'index.db');

let seed = Number(seedArg) >>> 0;
const rand = () => { seed = (seed + 0x6d2b79f5) >>> 0; let t = seed; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const ax = (args) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 28 });
const killAt = (ms) => new Promise((resolve) => {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'index', root, '--quiet', '--json'], { stdio: 'ignore' });
  let killed = false;
  const timer = setTimeout(() => { killed = child.kill('SIGKILL'); }, ms);
  child.on('exit', () => { clearTimeout(timer); resolve({ killed, ranMs: Math.round(performance.now() - t0) }); });
});

rmSync(path.join(root, '.ax'), { recursive: true, force: true });
let t0 = performance.now();
const fresh = ax(['index', root, '--quiet', '--json']);
const freshMs = performance.now() - t0;
if (fresh.status !== 0) { console.error(fresh.stdout, fresh.stderr); process.exit(1); }
t0 = performance.now();
const reference = contentDigest(db);
console.log(JSON.stringify({ fresh: { ms: Math.round(freshMs), files: JSON.parse(fresh.stdout).files, digestMs: Math.round(performance.now() - t0) } }));

// A trial counts only when the kill lands mid-run; a run that finished first just recalibrates the
// window (machine load changes how long a run takes). Up to 2x TRIALS attempts.
let passed = 0, killed = 0, attempts = 0, window = freshMs, resumeNext = false;
while (killed < trials && attempts < trials * 2) {
  attempts++;
  // Half the trials start from nothing; the others kill a run that resumes a killed one.
  if (!resumeNext) rmSync(path.join(root, '.ax'), { recursive: true, force: true });
  const fromScratch = !resumeNext;
  const at = Math.round(rand() * window);
  const k = await killAt(at);
  if (!k.killed) {
    if (fromScratch) window = k.ranMs;
    const row = { attempt: attempts, killAtMs: at, finishedFirstMs: k.ranMs, window: Math.round(window) };
    if (!fromScratch) {
      // This run completed the previous trial's killed state: that is its comparison.
      row.diff = digestDiff(contentDigest(db), reference);
      row.completesPreviousTrial = row.diff.length === 0 ? 'equal' : 'DIFFERENT';
      if (row.diff.length > 0) passed--;
    }
    resumeNext = false;
    console.log(JSON.stringify(row));
    continue;
  }
  killed++;
  const row = { trial: killed, killAtMs: at, fromScratch, verify: 'no index yet', resumed: false, equal: false, diff: [] };
  if (existsSync(db)) {
    const v = ax(['db', 'verify', '--root', root, '--json']);
    let ok = false;
    try { ok = v.status === 0 && JSON.parse(v.stdout).ok === true; } catch { /* not JSON */ }
    row.verify = ok ? 'ok' : `FAILED: ${v.stdout.slice(0, 2000)}${v.stderr.slice(0, 2000)}`;
  }
  // Every other trial is killed again while resuming before the completing run.
  if (fromScratch && killed % 2 === 1) { resumeNext = true; console.log(JSON.stringify({ ...row, pass: row.verify !== 'FAILED' && !row.verify.startsWith('FAILED'), note: 'next trial resumes this state' })); if (!row.verify.startsWith('FAILED')) passed++; continue; }
  resumeNext = false;
  const again = ax(['index', root, '--quiet', '--json']);
  row.resumed = again.status === 0;
  if (row.resumed) { row.diff = digestDiff(contentDigest(db), reference); row.equal = row.diff.length === 0; }
  const pass = (row.verify === 'ok' || row.verify === 'no index yet') && row.resumed && row.equal;
  if (pass) passed++;
  console.log(JSON.stringify({ ...row, pass }));
}
console.log(JSON.stringify({ summary: { corpus: root, attempts, killedMidRun: killed, passed, failed: killed - passed } }));
process.exit(passed === killed && killed === trials ? 0 : 1);
