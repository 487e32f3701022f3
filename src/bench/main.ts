// `npm run bench -- <suite> [--reps N] [--corpus a,b] [--quick] [--out DIR]`. Each suite is a module in
// suites/ exporting `suite: Suite`; they are loaded by name, so adding one touches no shared file.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { REPO_ROOT, saveResult, type Suite } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(path.join(here, 'suites')).filter((f) => f.endsWith('.js') && !f.endsWith('.test.js')).map((f) => f.slice(0, -3));

const { values, positionals } = parseArgs({
  args: process.argv.slice(2), allowPositionals: true,
  options: { reps: { type: 'string' }, corpus: { type: 'string' }, quick: { type: 'boolean' }, out: { type: 'string' } },
});
const names = positionals.length ? positionals : [];
if (names.length === 0 || names.some((n) => !available.includes(n))) {
  process.stderr.write(`usage: npm run bench -- <suite...> [--reps N] [--corpus a,b] [--quick] [--out DIR]\nsuites: ${available.join(', ')}\n`);
  process.exit(names.length === 0 ? 0 : 2);
}
for (const name of names) {
  const mod = (await import(`./suites/${name}.js`)) as { suite: Suite };
  const r = await mod.suite.run({
    reps: values.reps ? Number(values.reps) : undefined,
    corpora: values.corpus ? values.corpus.split(',') : undefined,
    quick: values.quick === true,
    log: (m) => process.stderr.write(`[${name}] ${m}\n`),
  });
  process.stdout.write(`\n## ${name}\n\n${r.report.join('\n')}\n`);
  const file = saveResult(values.out ?? path.join(REPO_ROOT, 'bench-results'), r);
  process.stdout.write(`\nsaved ${path.relative(process.cwd(), file)}\n`);
}
