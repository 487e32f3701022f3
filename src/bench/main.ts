// `npm run bench -- <suite...> [--reps N] [--warmup N] [--corpus a,b] [--quick] [--out DIR]`: the same
// runner as `ax perf run`. Each suite is a module in suites/ exporting `suite: Suite`; they are loaded by
// name, so adding one touches no shared file. Results go to .ax/perf/ of this checkout unless --out.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_OUT, REPO_ROOT } from './harness.js';
import { listSuites, runSuites } from './perf/run.js';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2), allowPositionals: true,
  options: { reps: { type: 'string' }, warmup: { type: 'string' }, corpus: { type: 'string' }, quick: { type: 'boolean' }, out: { type: 'string' } },
});
const available = listSuites();
const names = positionals.length ? positionals : [];
if (names.length === 0 || names.some((n) => !available.includes(n))) {
  process.stderr.write(`usage: npm run bench -- <suite...> [--reps N] [--warmup N] [--corpus a,b] [--quick] [--out DIR]\nsuites: ${available.join(', ')}\n`);
  process.exit(names.length === 0 ? 0 : 2);
}
await runSuites(names, {
  reps: values.reps ? Number(values.reps) : undefined,
  warmup: values.warmup ? Number(values.warmup) : undefined,
  corpora: values.corpus ? values.corpus.split(',') : undefined,
  quick: values.quick === true,
  out: values.out ?? path.join(REPO_ROOT, DEFAULT_OUT),
  log: (name, m) => process.stderr.write(`[${name}] ${m}\n`),
  onDone: (d) => process.stdout.write(`\n## ${d.name}\n\n${d.result.report.join('\n')}\n\nsaved ${path.relative(process.cwd(), d.file)}\n`),
});
