// `ax find QUERY`: full-text and symbol search, definitions first.
import { defineCommand, JSON_FLAG, ROOT_FLAG } from '../spec.js';
import { paint, printJson, useColor } from '../output.js';
import { AxError } from '../../core/errors.js';

function int(v: unknown, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new AxError('E_USAGE', `--${name} must be a non-negative integer, got "${String(v)}"`);
  return n;
}

export const findCommand = defineCommand({
  name: 'find',
  summary: 'Search code: identifiers, phrases, filters',
  positionals: [{ name: 'QUERY', description: 'Search terms (all must match)', variadic: true }],
  flags: [
    ROOT_FLAG, JSON_FLAG,
    { name: 'limit', short: 'n', type: 'string', value: 'N', description: 'Results to show (default 20)' },
    { name: 'offset', type: 'string', value: 'N', description: 'Skip the first N results' },
  ],
  async run({ flags, positionals, stdout }) {
    const { search } = await import('../../services/search.js');
    const r = search({
      query: positionals.join(' '),
      ...(typeof flags.root === 'string' ? { root: flags.root } : {}),
      limit: int(flags.limit, 'limit', 20),
      offset: int(flags.offset, 'offset', 0),
    });
    if (flags.json) { printJson(stdout, r); return 0; }
    const c = paint(useColor(stdout));
    let lastPath = '';
    for (const h of r.results) {
      if (h.path !== lastPath) { stdout.write(`${lastPath ? '\n' : ''}${c.magenta(h.path)}\n`); lastPath = h.path; }
      const sym = h.symbol ? ` ${c.dim(h.kind ?? '')} ${c.bold(h.symbol)}` : '';
      stdout.write(`${c.cyan(`${h.path}:${h.line}`)}${sym}\n    ${h.snippet}\n`);
    }
    stdout.write(`${r.results.length ? '\n' : ''}${c.dim(`${r.total} matching chunk(s), showing ${r.results.length}, ${r.tookMs} ms`)}\n`);
    return 0;
  },
});
