// `ax perf report` in a real browser (Debian's chromium through playwright-core): the page loads with
// no script error and every chart canvas holds a drawn Chart.js chart with the saved runs' points.
// The string checks in perf-cli.test.ts cannot see a chart that fails to render.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { metric } from '../harness.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'ax.cjs');
const CHROMIUM = [process.env.AX_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));

function doc(date: string, find: number, status: number) {
  const m = (c: number) => metric(Array.from({ length: 9 }, (_, i) => c + i), 'ms');
  return { schema: 'ax-perf/1', suite: 'startup', environment: { date, commit: date.slice(8, 10), cpu: 'test', cores: 2, node: 'v20' },
    results: { workloads: { 'ax find': { wall: m(find) }, 'ax status': { wall: m(status) } }, ratios: { 'ax find / rg -nw': find / 50 } },
    report: ['| a | b |', '|---|---|', '| 1 | 2 |'] };
}

test('ax perf report renders its charts in chromium', {
  timeout: 120_000,
  skip: CHROMIUM ? false : 'needs Debian chromium (.ci/run installs it; or set AX_CHROMIUM)',
}, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-report-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const runs = [['2026-01-01T00:00:00Z', 100, 60], ['2026-01-02T00:00:00Z', 90, 70], ['2026-01-03T00:00:00Z', 95, 65]] as const;
  runs.forEach(([d, f, s], i) => writeFileSync(path.join(dir, `startup-${i}.json`), JSON.stringify(doc(d, f, s))));
  const out = path.join(dir, 'report.html');
  const r = spawnSync(process.execPath, [BIN, 'perf', 'report', '--dir', dir, '--out', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM!, args: ['--no-sandbox'] });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  // file:// and no network: a self-contained page must not need any request but its own.
  await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  await page.goto(pathToFileURL(out).href);
  const charts = await page.evaluate(() => {
    // Runs in the page (this project compiles without the DOM library: the types are spelled out).
    interface Canvas { id: string; width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null }
    const C = (globalThis as unknown as { Chart: { instances: Record<string, { canvas: Canvas; data: { labels: unknown[]; datasets: Array<{ label: string; data: unknown[] }> } }> } }).Chart;
    return Object.values(C.instances).map((c) => {
      const g = c.canvas.getContext('2d')!;
      const px = g.getImageData(0, 0, c.canvas.width, c.canvas.height).data;
      let drawn = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) drawn++;
      return { id: c.canvas.id, labels: c.data.labels.length, series: c.data.datasets.map((d) => `${d.label}:${d.data.length}`), drawn, w: c.canvas.width };
    });
  });
  assert.deepEqual(errors, []);
  const canvases = await page.locator('canvas').count();
  assert.ok(canvases >= 2, `charts on the page: ${canvases}`);
  assert.equal(charts.length, canvases, 'every canvas holds a chart');
  for (const c of charts) {
    assert.equal(c.labels, runs.length, `${c.id}: one point per saved run`);
    assert.ok(c.w > 100 && c.drawn > 500, `${c.id} is drawn (${c.drawn} painted pixels)`);
  }
  assert.ok(charts.some((c) => c.series.some((s) => s.startsWith('ax find') && s.endsWith(`:${runs.length}`))), JSON.stringify(charts));
});
