import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { AxError } from '../core/errors.js';
import { normalizeKey, type QueryNode } from './ast.js';
import { parseQuery } from './parse.js';
import { planQuery } from './plan.js';
import { regexNeeds } from './regex.js';

const shape = (n: QueryNode): unknown => {
  switch (n.type) {
    case 'term': return n.text;
    case 'phrase': return `"${n.text}"`;
    case 'regex': return `/${n.source}/${n.flags}`;
    case 'sym': return `sym:${n.name}`;
    case 'filter': return `${n.field}:${n.value}`;
    case 'not': return ['NOT', shape(n.child)];
    case 'and': return ['AND', ...n.children.map(shape)];
    case 'or': return ['OR', ...n.children.map(shape)];
  }
};
const p = (s: string) => shape(parseQuery(s));

function qerr(s: string): AxError {
  try {
    parseQuery(s);
  } catch (e) {
    assert.ok(e instanceof AxError, `not an AxError: ${String(e)}`);
    return e;
  }
  assert.fail(`expected an error for ${JSON.stringify(s)}`);
}

test('terms, implicit AND, OR precedence, NOT and -, groups', () => {
  assert.deepEqual(p('getUserById'), 'getUserById');
  assert.deepEqual(p('a b'), ['AND', 'a', 'b']);
  assert.deepEqual(p('a AND b'), ['AND', 'a', 'b']);
  assert.deepEqual(p('a b OR c'), ['OR', ['AND', 'a', 'b'], 'c']);
  assert.deepEqual(p('a (b OR c)'), ['AND', 'a', ['OR', 'b', 'c']]);
  assert.deepEqual(p('-a b'), ['AND', ['NOT', 'a'], 'b']);
  assert.deepEqual(p('NOT a b'), ['AND', ['NOT', 'a'], 'b']);
  assert.deepEqual(p('a -(b c)'), ['AND', 'a', ['NOT', ['AND', 'b', 'c']]]);
  assert.deepEqual(p('or and not'), ['AND', 'or', 'and', 'not']);
  assert.deepEqual(p('a - b'), ['AND', 'a', '-', 'b']);
});

test('code fragments stay terms: parentheses inside a word, unbalanced ones only at word start', () => {
  assert.deepEqual(p('foo.bar('), 'foo.bar(');
  assert.deepEqual(p('f(x) y'), ['AND', 'f(x)', 'y']);
  assert.deepEqual(p('(f(x) OR g)'), ['OR', 'f(x)', 'g']);
  assert.deepEqual(p('(a b)'), ['AND', 'a', 'b']);
  assert.deepEqual(p('std::vector'), 'std::vector');
  assert.deepEqual(p('a->b'), 'a->b');
});

test('phrases, regexes, sym and filters', () => {
  assert.deepEqual(p('"exact phrase" x'), ['AND', '"exact phrase"', 'x']);
  assert.deepEqual(p('"say \\"hi\\""'), '"say "hi""');
  assert.deepEqual(p('/foo\\(\\d+\\)/i'), '/foo\\(\\d+\\)/i');
  assert.deepEqual(p('/a[/]b/'), '/a[/]b/');
  assert.deepEqual(p('sym:parse_config'), 'sym:parse_config');
  assert.deepEqual(p('x lang:PY kind:Function path:src/**/*.py ext:.H'), ['AND', 'x', 'lang:python', 'kind:function', 'path:src/**/*.py', 'ext:h']);
  assert.deepEqual(p('x -lang:c NOT path:"my dir/*"'), ['AND', 'x', ['NOT', 'lang:c'], ['NOT', 'path:my dir/*']]);
  assert.deepEqual(p('http://x'), 'http://x');
});

test('errors carry the offending position', () => {
  const cases: Array<[string, number, RegExp]> = [
    ['', 0, /empty/],
    ['   ', 0, /empty/],
    ['foo (bar', 4, /unmatched "\("/],
    ['foo )', 4, /unmatched "\)"/],
    ['a OR', 2, /OR needs/],
    ['OR a', 0, /OR needs/],
    ['a OR OR b', 5, /OR needs/],
    ['a NOT', 2, /NOT needs/],
    ['x "abc', 2, /unterminated quote/],
    ['x /ab', 2, /unterminated regex/],
    ['/a(/', 1, /invalid regex/],
    ['/a/g', 3, /flag/],
    ['()', 0, /empty parentheses/],
    ['x lang:', 7, /needs a value/],
    ['x kind:gizmo', 7, /unknown kind/],
    ['x ext:"a b"', 6, /extension/],
  ];
  for (const [q, pos, re] of cases) {
    const e = qerr(q);
    assert.equal(e.code, 'E_QUERY', q);
    assert.equal(e.position, pos, `${q}: ${e.message}`);
    assert.match(e.message, re, q);
  }
});

test('lang:klingon lists the valid values', () => {
  const e = qerr('parse lang:klingon');
  assert.equal(e.position, 11);
  assert.match(e.message, /unknown language "klingon"/);
  assert.match(e.hint ?? '', /valid values: .*c.*python/);
});

test('plan: FTS5 strings only from quoted words; NOT, filters and regex narrowing', () => {
  const pl = (s: string) => planQuery(parseQuery(s));
  assert.equal(pl('getUserById').match, '("getUserById" OR "get User By Id")');
  assert.equal(pl('parse_config').match, '"parse config"');
  assert.equal(pl('a b -c').match, '("a" AND "b") NOT ("c")');
  assert.equal(pl('a OR "x y"').match, '("a" OR "x y")');
  assert.equal(pl('NEAR( AND "OR" {x} ^y *').match?.includes('NEAR'), true);
  const f = pl('x lang:c -path:tests/**');
  assert.deepEqual(f.filter, { op: 'and', children: [{ op: 'lang', value: 'c' }, { op: 'not', child: { op: 'glob', value: 'tests/**' } }] });
  // A word at an open left edge may be the end of a longer token: only `\b` or `^` make it usable.
  assert.equal(pl('/kmalloc\\(.*GFP_KERNEL/').match, '("KERNEL"*)');
  const r = pl('/\\bkmalloc\\(.*GFP_KERNEL/');
  assert.equal(r.match, '("kmalloc" AND "KERNEL"*)');
  assert.equal(pl('/\\bvar_update\\s*\\(/').match, '("var update"*)');
  assert.equal(pl('/\\bvar_update\\(/').match, '("var update")');
  assert.equal(r.verify.length, 1);
  assert.equal(pl('/.*/').match, null);
  assert.equal(pl('sym:parse_config').match, '(name : "parse config")');
  assert.deepEqual(pl('validate email address').relaxed, '"validate" OR "email" OR "address"');
  assert.throws(() => pl('-a'), (e: AxError) => e.code === 'E_QUERY' && e.position === 0);
  assert.throws(() => pl('lang:c'), (e: AxError) => e.code === 'E_QUERY');
});

test('regex narrowing only over-approximates', () => {
  assert.deepEqual(regexNeeds('foo_bar'), [[{ words: ['bar'], prefix: true }]]);
  assert.deepEqual(regexNeeds('\\bfoo_bar'), [[{ words: ['foo', 'bar'], prefix: true }]]);
  assert.deepEqual(regexNeeds('\\bfoo_bar_baz'), [[{ words: ['foo', 'bar'], prefix: false }]]);
  assert.deepEqual(regexNeeds('\\bfoo_bar_baz\\('), [[{ words: ['foo', 'bar', 'baz'], prefix: false }]]);
  assert.deepEqual(regexNeeds('\\bkmalloc\\b'), [[{ words: ['kmalloc'], prefix: false }]]);
  assert.equal(regexNeeds('a|b.*'), null);
  assert.deepEqual(regexNeeds('^spin_lock|^mutex_lock'), [[{ words: ['spin', 'lock'], prefix: true }], [{ words: ['mutex', 'lock'], prefix: true }]]);
  assert.equal(regexNeeds('colou?r'), null);
  assert.equal(regexNeeds('(abc)?def'), null);
  assert.deepEqual(regexNeeds('^return (x)'), [[{ words: ['return'], prefix: false }]]);
});

test('normalized key: same meaning, same key', () => {
  const k = (s: string) => normalizeKey(parseQuery(s));
  assert.equal(k('a b'), k(' b   AND a '));
  assert.equal(k('(a OR b) c'), k('c (b OR a)'));
  assert.equal(k('"X  Y"'), k('"x y"'));
  assert.notEqual(k('a b'), k('a OR b'));
  assert.notEqual(k('Parse'), k('parse'));
});

test('double negation cancels out, so the planner never sees NOT of NOT', () => {
  const k = (s: string) => normalizeKey(parseQuery(s));
  assert.equal(k('NOT -a'), k('a'));
  assert.equal(k('NOT\t-a'), k('a'));
  assert.equal(k('-(-a) b'), k('a b'));
  assert.equal(k('x NOT -y'), k('x y'));
  for (const s of ['NOT -a', 'x NOT -y', '-(-a OR b)']) assert.doesNotThrow(() => planQuery(parseQuery(s)), s);
});

test('property: any input parses or fails with an AxError carrying a position inside the input', () => {
  const alphabet = fc.constantFrom(...'ab_Z9 ()"/\\-:*?[]{}^$|.+OR AND NOT lang: sym: path: kind: ext: \t\n\u00e9'.split(''),
    'OR', 'AND', 'NOT', 'lang:', 'sym:', 'path:', 'kind:', 'ext:', 'lang:c', 'kind:function', '"', '/', '(', ')');
  const input = fc.oneof(fc.string({ maxLength: 40 }), fc.array(alphabet, { maxLength: 24 }).map((a) => a.join('')), fc.string({ unit: 'binary', maxLength: 20 }));
  fc.assert(fc.property(input, (s) => {
    let ast: QueryNode;
    try {
      ast = parseQuery(s);
    } catch (e) {
      if (!(e instanceof AxError) || e.code !== 'E_QUERY') return false;
      return typeof e.position === 'number' && e.position >= 0 && e.position <= s.length;
    }
    try {
      const plan = planQuery(ast);
      // Whatever reaches FTS5 is built from quoted strings: no raw quote survives unpaired.
      if (plan.match !== null) assert.equal((plan.match.match(/"/g) ?? []).length % 2, 0);
    } catch (e) {
      if (!(e instanceof AxError) || e.code !== 'E_QUERY') return false;
      return typeof e.position === 'number' && e.position >= 0 && e.position <= s.length;
    }
    return true;
  }), { numRuns: 3000 });
});
