// `ax perf report`: one self-contained HTML page (no network: Chart.js is inlined from node_modules)
// with, per suite, trend charts of every metric's median over the saved runs, the ax ÷ peer ratios, the
// latest run's table and each run's environment. Metrics are grouped by their last path segment
// (`wall`, `cpu`, `peakRss`, ...), one line per workload.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { flattenMetrics, flattenRatios, type ResultDoc } from './results.js';

interface Series { label: string; data: (number | null)[] }
interface Chart { title: string; unit: string; series: Series[] }
interface SuitePage { name: string; labels: string[]; charts: Chart[]; latest: string[]; runs: { date: string; commit: string; env: string; file: string }[] }

function chartLibrary(): string {
  const req = createRequire(import.meta.url);
  return readFileSync(path.join(path.dirname(req.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The subset of markdown the suites print: tables, list items, `code`, paragraphs. */
export function markdownToHtml(lines: readonly string[]): string {
  const out: string[] = [];
  let table: string[][] | undefined;
  const inline = (s: string) => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');
  const flush = () => {
    if (!table) return;
    const [head, ...body] = table;
    out.push('<table><thead><tr>' + head!.map((c) => `<th>${inline(c)}</th>`).join('') + '</tr></thead><tbody>' +
      body.map((r) => '<tr>' + r.map((c) => `<td>${inline(c)}</td>`).join('') + '</tr>').join('') + '</tbody></table>');
    table = undefined;
  };
  for (const l of lines) {
    if (l.startsWith('|')) {
      const cells = l.replace(/^\|/, '').replace(/\|\s*$/, '').split('|').map((c) => c.trim());
      if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
      (table ??= []).push(cells);
      continue;
    }
    flush();
    if (l.startsWith('- ')) out.push(`<li>${inline(l.slice(2))}</li>`);
    else if (l.trim()) out.push(`<p>${inline(l)}</p>`);
  }
  flush();
  return out.join('\n');
}

export function buildPages(runs: readonly { file: string; doc: ResultDoc }[]): SuitePage[] {
  const bySuite = new Map<string, { file: string; doc: ResultDoc }[]>();
  for (const r of runs) bySuite.set(r.doc.suite, [...(bySuite.get(r.doc.suite) ?? []), r]);
  const pages: SuitePage[] = [];
  for (const [name, list] of [...bySuite].sort((a, b) => a[0].localeCompare(b[0]))) {
    const labels = list.map((r) => `${String(r.doc.environment.date ?? '').slice(0, 16).replace('T', ' ')} ${String(r.doc.environment.commit ?? '')}`.trim());
    const charts = new Map<string, Chart>();
    const put = (title: string, unit: string, label: string, i: number, v: number) => {
      let c = charts.get(title);
      if (!c) { c = { title, unit, series: [] }; charts.set(title, c); }
      let s = c.series.find((x) => x.label === label);
      if (!s) { s = { label, data: list.map(() => null) }; c.series.push(s); }
      s.data[i] = Number.isFinite(v) ? v : null;
    };
    list.forEach((r, i) => {
      for (const m of flattenMetrics(r.doc.results)) {
        const parts = m.path.split('.');
        const leaf = parts.pop()!;
        put(`${leaf} p50${m.unit ? ` (${m.unit})` : ''}`, m.unit, parts.join(' / ') || leaf, i, m.p50);
      }
      for (const x of flattenRatios(r.doc.results)) {
        const parts = x.path.split('.');
        const leaf = parts.pop()!;
        put('ratios ax ÷ peer (×)', '×', [...parts.filter((p) => !/ratio/i.test(p)), leaf].join(' / '), i, x.value);
      }
    });
    const last = list[list.length - 1]!.doc;
    pages.push({
      name, labels, charts: [...charts.values()], latest: last.report ?? [],
      runs: list.map((r) => {
        const e = r.doc.environment;
        return { date: String(e.date ?? ''), commit: String(e.commit ?? ''), env: `${String(e.cpu ?? '')} ×${String(e.cores ?? '')}, node ${String(e.node ?? '')}, ax ${String(e.ax ?? '')}${Array.isArray(e.loadavg) ? `, load ${(e.loadavg as number[]).join(' ')}` : ''}`, file: path.basename(r.file) };
      }),
    });
  }
  return pages;
}

export function renderReport(runs: readonly { file: string; doc: ResultDoc }[], title = 'ax perf report'): string {
  const pages = buildPages(runs);
  const data = JSON.stringify(pages.map((p) => ({ name: p.name, labels: p.labels, charts: p.charts }))).replace(/</g, '\\u003c');
  const sections = pages.map((p, si) => `
<section id="suite-${esc(p.name)}">
<h2>${esc(p.name)} <small>${p.runs.length} run(s)</small></h2>
<div class="charts">${p.charts.map((_, ci) => `<div class="chart"><canvas id="c-${si}-${ci}"></canvas></div>`).join('')}</div>
<h3>Latest run</h3>
${markdownToHtml(p.latest)}
<details><summary>Runs</summary><table><thead><tr><th>date</th><th>commit</th><th>environment</th><th>file</th></tr></thead><tbody>
${p.runs.map((r) => `<tr><td>${esc(r.date)}</td><td>${esc(r.commit)}</td><td>${esc(r.env)}</td><td>${esc(r.file)}</td></tr>`).join('\n')}
</tbody></table></details>
</section>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#222}
h2{border-bottom:1px solid #ddd;padding-bottom:.2rem}h2 small{color:#888;font-weight:normal;font-size:.6em}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:1rem}
.chart{border:1px solid #eee;border-radius:4px;padding:.5rem;height:320px}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:right}
td:first-child,th:first-child{text-align:left}code{background:#f4f4f4;padding:0 .2rem}nav a{margin-right:1rem}
</style></head><body>
<h1>${esc(title)}</h1>
<p>Generated ${esc(new Date().toISOString())} from ${runs.length} saved run(s). Each point is a run's median (p50); absolute times drift on shared
machines, so read them beside the ratios (ax ÷ peer, measured within one run). <code>ax perf compare A.json B.json</code> tests a change.</p>
<nav>${pages.map((p) => `<a href="#suite-${esc(p.name)}">${esc(p.name)}</a>`).join('')}</nav>
${sections || '<p>No runs found. Run <code>ax perf run startup</code> first.</p>'}
<script>${chartLibrary()}</script>
<script>
const pages = ${data};
pages.forEach((p, si) => p.charts.forEach((c, ci) => {
  new Chart(document.getElementById('c-' + si + '-' + ci), {
    type: 'line',
    data: { labels: p.labels, datasets: c.series.map((s) => ({ label: s.label, data: s.data, spanGaps: true, tension: 0.1, pointRadius: 3 })) },
    options: { maintainAspectRatio: false, animation: false, interaction: { mode: 'nearest', intersect: false },
      plugins: { title: { display: true, text: p.name + ': ' + c.title }, legend: { position: 'bottom', labels: { boxWidth: 12 } } },
      scales: { y: { beginAtZero: true, title: { display: !!c.unit, text: c.unit } } } },
  });
}));
</script>
</body></html>
`;
}
