// `ax watch` as a user sees it (bin/ax.cjs in a child process): the start line, one line per update
// (`+ path N symbols T ms`, `~ ...`, `- ...`), the periodic summary, the same as JSON lines with
// generations that grow with every commit, a long-lived searcher whose cache follows them, and a clean
// exit on Ctrl-C.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { Searcher } from '../services/search.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ax.cjs');

function start(root: string, args: string[]) {
  const child = spawn(process.execPath, [BIN, 'watch', root, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const lines: string[] = [];
  const waiters: Array<{ re: RegExp; resolve: (l: string) => void }> = [];
  readline.createInterface({ input: child.stdout }).on('line', (l) => {
    lines.push(l);
    for (const w of [...waiters]) if (w.re.test(l)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(l); }
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const line = (re: RegExp, ms = 30_000) => {
    const have = lines.find((l) => re.test(l));
    if (have) return Promise.resolve(have);
    return new Promise<string>((resolve, reject) => {
      const w = { re, resolve: (l: string) => { clearTimeout(timer); resolve(l); } };
      const timer = setTimeout(() => { waiters.splice(waiters.indexOf(w), 1); reject(new Error(`no line matching ${re} in:\n${lines.join('\n')}`)); }, ms);
      waiters.push(w);
    });
  };
  return { child, lines, line, exited };
}

function repo(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-watch-cli-'));
  writeFileSync(path.join(root, 'a.py'), 'def alpha():\n    return 1\n');
  writeFileSync(path.join(root, 'b.py'), 'def beta():\n    return 2\n');
  return root;
}

test('ax watch prints a line per update and a summary; Ctrl-C exits 0', { timeout: 120_000 }, async (t) => {
  const root = repo();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const w = start(root, ['--summary', '1']);
  t.after(() => { w.child.kill('SIGKILL'); });
  await w.line(/^watching /);
  assert.match(w.lines[0]!, new RegExp(`^watching ${root.replace(/[/.]/g, '\\$&')}: 2 files in 1 directory; caught up \\(2 added, 0 updated, 0 removed\\) in \\d+ ms\\. Ctrl-C to stop\\.$`));
  writeFileSync(path.join(root, 'c.py'), 'def gamma():\n    return 3\n\ndef delta():\n    return 4\n');
  await w.line(/^\+ c\.py /);
  writeFileSync(path.join(root, 'a.py'), 'def alpha():\n    return 1\n\ndef alpha2():\n    return 5\n');
  await w.line(/^~ a\.py /);
  rmSync(path.join(root, 'b.py'));
  await w.line(/^- b\.py /);
  const summary = await w.line(/^= /);
  w.child.kill('SIGINT');
  assert.equal(await w.exited, 0);
  assert.ok(w.lines.some((l) => /^\+ c\.py 2 symbols \d+ ms$/.test(l)), w.lines.join('\n'));
  assert.ok(w.lines.some((l) => /^~ a\.py 2 symbols \d+ ms$/.test(l)), w.lines.join('\n'));
  assert.ok(w.lines.some((l) => /^- b\.py \d+ ms$/.test(l)), w.lines.join('\n'));
  // The updates may be summarised in one period or spread over two; their sum is what happened.
  const sums = w.lines.filter((l) => l.startsWith('= ')).map((l) => /^= (\d+) update\(s\) in the last \d+ s \((\d+) added, (\d+) updated, (\d+) removed\); (\d+) files, generation \d+, \d+ MB$/.exec(l));
  assert.ok(sums.every(Boolean), `summary format: ${summary}`);
  const total = (i: number) => sums.reduce((n, m) => n + Number(m![i]), 0);
  assert.deepEqual([total(1), total(2), total(3), total(4)], [3, 1, 1, 1]);
});

test('ax watch --json: generations grow with each commit and a long-lived searcher follows them', { timeout: 120_000 }, async (t) => {
  const root = repo();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const w = start(root, ['--json', '--summary', '0']);
  t.after(() => { w.child.kill('SIGKILL'); });
  const watching = JSON.parse(await w.line(/"type":"watching"/)) as { generation: number; files: number };
  assert.equal(watching.files, 2);
  const searcher = new Searcher({ root });
  t.after(() => searcher.close());
  assert.equal(searcher.search('epsilon_new').total, 0); // cached as "no result" for this generation
  const gens: number[] = [watching.generation];
  for (const [i, name] of ['epsilon_new', 'zeta_new'].entries()) {
    writeFileSync(path.join(root, `n${i}.py`), `def ${name}():\n    return ${i}\n`);
    const u = JSON.parse(await w.line(new RegExp(`"path":"n${i}\\.py"`))) as { type: string; op: string; generation: number; latencyMs: number; ms: number };
    assert.deepEqual([u.type, u.op], ['update', '+']);
    assert.ok(u.latencyMs >= u.ms && u.ms >= 0, JSON.stringify(u));
    gens.push(u.generation);
    assert.equal(searcher.search(name).total, 1, `${name} is found through the same searcher once committed`);
  }
  assert.ok(gens[1]! > gens[0]! && gens[2]! > gens[1]!, `generations ${gens.join(', ')}`);
  w.child.kill('SIGTERM');
  assert.equal(await w.exited, 0);
});
