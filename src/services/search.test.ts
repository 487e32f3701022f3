// Search behaviour on a small temporary repository: ranking rules, filters, regex, errors, caching.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { AxError } from '../core/errors.js';
import { indexRepository } from './indexing.js';
import { Searcher } from './search.js';

let root = '';
let s: Searcher;

const FILES: Record<string, string> = {
  'app/users.py': `class UserStore:
    def get_user_by_id(self, user_id):
        return self.rows[user_id]

def getUserById(uid):
    return UserStore().get_user_by_id(uid)

def list_users():
    # calls getUserById for each
    return [getUserById(i) for i in range(3)]
`,
  'app/email.py': `import re

def check_address(value):
    return re.match(r"[^@]+@[^@]+", value) is not None

def send_mail(to, body):
    if not check_address(to):
        raise ValueError("bad email address")
`,
  'tests/test_users.py': `from app.users import getUserById

def test_get_user_by_id():
    assert getUserById(1) is not None
`,
  'lib/alloc.c': `#include <stdlib.h>
static void *kmalloc_node(int size, int flags) { return malloc(size); }
void *kmalloc(int size, int flags) { return kmalloc_node(size, flags); }
int use(void) { char *p = kmalloc(10, GFP_KERNEL); free(p); return 0; }
`,
};

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'ax-search-'));
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  await indexRepository({ dir: root });
  s = new Searcher({ root });
});

after(() => {
  s?.close();
  rmSync(root, { recursive: true, force: true });
});

test('an identifier finds its definition first, exact case above other spellings', () => {
  const r = s.search('getUserById');
  assert.equal(r.results[0]!.symbol, 'getUserById');
  assert.equal(r.results[0]!.path, 'app/users.py');
  assert.equal(r.results[0]!.line, 5);
  const snake = s.search('get_user_by_id');
  assert.equal(snake.results[0]!.symbol, 'get_user_by_id');
});

test('identifier splitting: a word and a phrase of words find camelCase and snake_case', () => {
  const r = s.search('user');
  const syms = new Set(r.results.map((x) => x.symbol));
  assert.ok(syms.has('getUserById') && syms.has('get_user_by_id'), JSON.stringify([...syms]));
  const ph = s.search('"get user by id"');
  assert.ok(ph.results.some((x) => x.symbol === 'getUserById'));
});

test('tests are demoted below the code they test', () => {
  const r = s.search('getUserById');
  const iTest = r.results.findIndex((x) => x.path.startsWith('tests/'));
  const iDef = r.results.findIndex((x) => x.symbol === 'getUserById');
  assert.ok(iTest === -1 || iDef < iTest);
});

test('filters, negation, sym:, regex and kind', () => {
  assert.ok(s.search('kmalloc lang:c').results.every((x) => x.lang === 'c'));
  assert.equal(s.search('kmalloc lang:python').results.length, 0);
  assert.ok(s.search('user -path:tests/**').results.every((x) => !x.path.startsWith('tests/')));
  assert.ok(s.search('user ext:py').results.length > 0);
  const sym = s.search('sym:kmalloc');
  assert.equal(sym.results[0]!.symbol, 'kmalloc');
  assert.ok(sym.results.every((x) => x.symbol?.toLowerCase().startsWith('kmalloc')));
  const re = s.search('/kmalloc\\(\\d+, GFP_/');
  assert.equal(re.results.length, 1);
  assert.equal(re.results[0]!.line, 4);
  assert.deepEqual(re.results[0]!.ranges.length > 0, true);
  assert.ok(s.search('kind:class user').results.some((x) => x.symbol === 'UserStore'));
  assert.equal(s.search('kmalloc OR check_address').results.length >= 2, true);
});

test('natural-language words fall back to any word, best first', () => {
  const r = s.search('validate email address');
  assert.ok(r.results.length > 0);
  assert.equal(r.results[0]!.path, 'app/email.py');
});

test('hostile input runs or fails with E_QUERY, never an SQL error', () => {
  for (const q of ['"', 'NEAR(a b)', 'a AND', '*', '^x', 'a:b', "'; DROP TABLE files; --", 'x{', '->', 'user ->', 'col:"x"', '"a" "b"']) {
    try {
      s.search(q);
    } catch (e) {
      assert.ok(e instanceof AxError && e.code === 'E_QUERY' && typeof e.position === 'number', `${q}: ${String(e)}`);
    }
  }
});

test('limit and offset page through the same ranking; the cache serves repeats', () => {
  const all = s.search('user', { limit: 50 }).results;
  const page = s.search('user', { limit: 2, offset: 1 }).results;
  assert.deepEqual(page.map((x) => `${x.path}:${x.line}`), all.slice(1, 3).map((x) => `${x.path}:${x.line}`));
  const hits = s.cache.hits;
  s.search('user', { limit: 2, offset: 1 });
  s.search('  user ', { limit: 2, offset: 1 });
  assert.equal(s.cache.hits, hits + 2);
});

test('property: any query string runs against a real index or fails with a positioned E_QUERY', () => {
  const piece = fc.constantFrom('user', 'kmalloc', 'OR', 'AND', 'NOT', '-', '(', ')', '"', '/', '\\', '*', '^', ':', 'NEAR', '{', '}',
    'lang:c', 'lang:', 'kind:function', 'path:app/**', 'ext:py', 'sym:get*', ' ', '  ', '.', "'", ';', '[', ']', '$', '|', '+', '?');
  const input = fc.oneof(fc.string({ maxLength: 30 }), fc.array(piece, { maxLength: 12 }).map((a) => a.join('')));
  fc.assert(fc.property(input, (q) => {
    try {
      s.search(q, { limit: 5 });
      return true;
    } catch (e) {
      return e instanceof AxError && e.code === 'E_QUERY' && typeof e.position === 'number' && e.position >= 0 && e.position <= q.length;
    }
  }), { numRuns: 400 });
});
