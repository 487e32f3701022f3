// End-to-end: `ax perf compare` and `ax perf report` on generated result documents (no timing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { metric } from '../harness.js';
import { rng } from './stats.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'ax.cjs');
const ax = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

function doc(date: string, center: number, seed: number) {
  const r = rng(seed);
  const samples = Array.from({ length: 15 }, () => center + r() * 4);
  return { schema: 'ax-perf/1', suite: 'startup', environment: { date, commit: 'c' + seed, cpu: 'test', cores: 2, node: 'v20' },
    results: { workloads: { 'ax find': { wall: metric(samples, 'ms') } }, ratios: { 'ax find / rg -nw': center / 10 } }, report: ['| a | b |', '|---|---|', '| 1 | 2 |'] };
}

test('ax perf compare: verdicts, --json, --fail-on-regression; ax perf report writes one HTML page', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-perf-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const a = path.join(dir, 'startup-a.json'), b = path.join(dir, 'startup-b.json');
  writeFileSync(a, JSON.stringify(doc('2026-01-01T00:00:00Z', 100, 1)));
  writeFileSync(b, JSON.stringify(doc('2026-01-02T00:00:00Z', 130, 2)));
  const text = ax('perf', 'compare', a, b);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /workloads\.ax find\.wall .* regression/);
  assert.match(text.stdout, /ratios\.ax find \/ rg -nw: 10 -> 13/);
  const json = ax('perf', 'compare', a, b, '--json');
  assert.equal(JSON.parse(json.stdout).summary.regression, 1);
  assert.equal(ax('perf', 'compare', a, b, '--fail-on-regression').status, 1);
  assert.equal(ax('perf', 'compare', b, a, '--fail-on-regression').status, 0);
  const bad = ax('perf', 'compare', a);
  assert.equal(bad.status, 2);
  const out = path.join(dir, 'r.html');
  const rep = ax('perf', 'report', '--dir', dir, '--out', out);
  assert.equal(rep.status, 0, rep.stderr);
  const html = readFileSync(out, 'utf8');
  assert.match(html, /<canvas id="c-0-0">/);
  assert.match(html, /Chart\.js v4/i);
  assert.ok(!/<script src=/.test(html), 'self-contained');
  assert.equal(ax('perf', 'report', '--dir', path.join(dir, 'none')).status, 2);
});
