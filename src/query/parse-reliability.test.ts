// Hostile query input through the whole `find` pipeline (parse -> plan -> FTS5 MATCH -> ranking ->
// snippets) on a real index, in-process: whatever the string, the answer is results or an AxError
// E_QUERY whose position lies inside the input. Complements parse.test.ts (parser and planner alone).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import fc from 'fast-check';
import { AxError } from '../core/errors.js';
import { search } from '../services/search.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ax.cjs');

test('find: no query string crashes the pipeline; failures are positioned E_QUERY errors', { timeout: 120_000 }, (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-qrel-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(path.join(root, 'a.py'), 'def parse_config(text):\n    """Parse a config."""\n    return {"k": text}\n\nclass Loader:\n    def load(self):\n        return parse_config("x")\n');
  writeFileSync(path.join(root, 'b.c'), 'int add(int a, int b) { return a + b; }\nint main(void) { return add(1, 2); }\n');
  assert.equal(spawnSync(process.execPath, [BIN, 'index', '-q'], { cwd: root }).status, 0);
  const hostile = [
    '', ' ', '\0', '"', '(', ')', '/', '//', '/(/', '-', 'NOT', 'OR', 'a OR', '((((((((((((((((((((((((((((((((((((((((a',
    '('.repeat(10_000), 'a '.repeat(5_000), 'x'.repeat(100_000), '\ud800', '\udfff\ud800', 'lang:', 'lang:nope', 'kind:', 'path:',
    '/[/', '/a{1,99999}/', '/(a+)+$/', 'sym:"', '"unterminated', 'NEAR(a b)', 'a* b^ c:', '*', '^', 'fts MATCH', "'; DROP TABLE files; --",
  ];
  const alphabet = fc.constantFrom(...'ab_9 ()"/\\-:*^?[]{}|.+\0\n\t\u00e9\ud800'.split(''), 'OR', 'AND', 'NOT', 'lang:', 'sym:', 'kind:', 'path:', 'ext:', 'parse', 'config');
  const generated = fc.sample(fc.oneof(
    fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.array(alphabet, { maxLength: 20 }).map((a) => a.join('')),
  ), { numRuns: 400, seed: 21 });
  let answered = 0, refused = 0;
  for (const q of [...hostile, ...generated]) {
    try {
      const r = search({ query: q, root, limit: 5 });
      assert.ok(Array.isArray(r.results));
      answered++;
    } catch (e) {
      assert.ok(e instanceof AxError, `not an AxError for ${JSON.stringify(q.slice(0, 80))}: ${(e as Error)?.stack ?? String(e)}`);
      assert.ok(['E_QUERY', 'E_USAGE'].includes(e.code), `${e.code} for ${JSON.stringify(q.slice(0, 80))}: ${e.message}`);
      assert.ok(Number.isInteger(e.position) && e.position! >= 0 && e.position! <= q.length, `position ${e.position} for ${JSON.stringify(q.slice(0, 80))}`);
      refused++;
    }
  }
  t.diagnostic(`${answered} answered, ${refused} refused with a position`);
  assert.ok(answered > 0 && refused > 0);
});
