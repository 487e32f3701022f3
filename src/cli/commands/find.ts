// `ax find QUERY`: full-text and symbol search, definitions first. The grammar lives in src/query; this
// file only turns flags into a request and prints the response (grouped per file, colour on a TTY).
import { defineCommand, JSON_FLAG, ROOT_FLAG } from '../spec.js';
import { paint, printJson, useColor } from '../output.js';
import { AxError } from '../../core/errors.js';

function int(v: unknown, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new AxError('E_USAGE', `--${name} must be a non-negative integer, got "${String(v)}"`);
  return n;
}

export const FIND_DETAILS = `Query language (docs/query.md):
  word word          both must match (implicit AND); identifiers are split, so
                     getUserById also matches "user" and "get user by id"
  a OR b             either
  -word, NOT word    exclude (also -lang:c, NOT path:tests/**)
  ( ... )            grouping, e.g. (alloc OR free) page
  "exact phrase"     words adjacent, in order
  /regex/  /regex/i  verified line by line against the files (JavaScript syntax);
                     literal words in it narrow the search through the index
  sym:NAME           definitions named NAME (case-insensitive; * and ? wildcards)
  lang:ID            language (python, c, ...); a bad value lists the valid ones
  kind:KIND          chunks defining a KIND (function, method, class, struct, macro, ...)
  path:GLOB          root-relative path glob (src/**/*.py); without * ? [ it matches
                     any path containing the text (path:drivers/net)
  ext:EXT            file extension (ext:h)
Plain words found together in too few chunks fall back to any of them (BM25 order).

Ranking (docs/ranking.md): weighted BM25 (symbol name > signature > doc > body,
path words count), definitions of a typed identifier first, exact case boosted,
tests/vendored/generated code demoted.

Examples:
  ax find getUserById
  ax find "validate email" lang:python -path:tests/**
  ax find 'sym:kmalloc*' kind:function
  ax find '/spin_lock\\(&\\w+->lock\\)/' path:drivers/net
  ax find parse config --json --limit 5`;

export const findCommand = defineCommand({
  name: 'find',
  summary: 'Search code: identifiers, phrases, regexes, filters',
  details: FIND_DETAILS,
  positionals: [{ name: 'QUERY', description: 'Query (words are joined with spaces; see below)', variadic: true }],
  flags: [
    ROOT_FLAG, JSON_FLAG,
    { name: 'limit', short: 'n', type: 'string', value: 'N', description: 'Results to show (default 20)' },
    { name: 'offset', type: 'string', value: 'N', description: 'Skip the first N results' },
  ],
  async run({ flags, positionals, stdout }) {
    const { search } = await import('../../services/search.js');
    const limit = int(flags.limit, 'limit', 20), offset = int(flags.offset, 'offset', 0);
    const r = search({
      query: positionals.join(' '),
      ...(typeof flags.root === 'string' ? { root: flags.root } : {}),
      limit, offset,
    });
    if (flags.json) {
      printJson(stdout, {
        query: r.query, total: r.total, tookMs: r.tookMs,
        results: r.results.map((h) => ({ path: h.path, line: h.line, endLine: h.endLine, lang: h.lang, kind: h.kind, symbol: h.symbol, score: h.score, snippet: h.snippet })),
      });
      return 0;
    }
    const c = paint(useColor(stdout));
    let lastPath = '';
    const out: string[] = [];
    for (const h of r.results) {
      if (h.path !== lastPath) { out.push(`${lastPath ? '\n' : ''}${c.magenta(c.bold(h.path))}`); lastPath = h.path; }
      const sym = h.symbol ? ` ${c.dim(h.kind ?? '')} ${c.bold(h.symbol)}` : '';
      let snip = '';
      let at = 0;
      for (const [a, b] of h.ranges) { snip += h.snippet.slice(at, a) + c.yellow(c.bold(h.snippet.slice(a, b))); at = b; }
      snip += h.snippet.slice(at);
      out.push(`${c.cyan(`${h.path}:${h.line}`)}${sym}`, `    ${snip}`);
    }
    const shown = r.results.length ? `${offset + 1}-${offset + r.results.length}` : 'none';
    out.push(`${r.results.length ? '\n' : ''}${c.dim(`${r.total} match(es), showing ${shown}, ${r.tookMs} ms`)}`);
    stdout.write(out.join('\n') + '\n');
    return 0;
  },
});
