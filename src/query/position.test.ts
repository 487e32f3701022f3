// The shared --at parser: examples, then properties (fast-check): no input crashes; every failure is
// an AxError with a position inside the input; PATH:LINE:COL round-trips for any path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { AxError } from '../core/errors.js';
import { formatPosition, MAX_COORDINATE, parsePosition } from './position.js';

const errorAt = (input: string): number => {
  try { parsePosition(input); } catch (e) { assert.ok(e instanceof AxError); return e.position!; }
  assert.fail(`expected an error for ${JSON.stringify(input)}`);
};

test('parsePosition: examples', () => {
  assert.deepEqual(parsePosition('src/a.py:12:5'), { path: 'src/a.py', line: 12, col: 5 });
  assert.deepEqual(parsePosition('src/a.py:12'), { path: 'src/a.py', line: 12, col: 1 });
  assert.deepEqual(parsePosition('./src\\win.c:3:7'), { path: 'src/win.c', line: 3, col: 7 });
  assert.deepEqual(parsePosition('C:\\src\\a.c:3:7'), { path: 'C:/src/a.c', line: 3, col: 7 });
  assert.deepEqual(parsePosition('dir:odd/a.py:9'), { path: 'dir:odd/a.py', line: 9, col: 1 });
  assert.deepEqual(parsePosition('with space/ünï 名.py:1:2'), { path: 'with space/ünï 名.py', line: 1, col: 2 });
  assert.equal(errorAt(''), 0);
  assert.equal(errorAt('a.py'), 4);
  assert.equal(errorAt('a.py:'), 5);
  assert.equal(errorAt('a.py:x'), 5);
  assert.equal(errorAt('a.py:3:'), 7);
  assert.equal(errorAt('a.py:3:1x'), 8);
  assert.equal(errorAt('a.py:0:1'), 5);
  assert.equal(errorAt('a.py:1:0'), 7);
  assert.equal(errorAt(`a.py:${MAX_COORDINATE + 1}`), 5);
  assert.equal(errorAt(':3:4'), 0);
  assert.equal(errorAt('a\0b.py:1'), 1);
  assert.equal(errorAt('a.py:-1'), 5);
});

test('parsePosition: no input crashes; every error is an AxError with a position inside the input', () => {
  const alphabet = fc.constantFrom(...'ab./\\: 09-+x\0\n\t\u00e9\u540d'.split(''));
  const input = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')),
    fc.tuple(fc.string({ maxLength: 20 }), fc.bigInt({ min: -10n, max: 10n ** 20n }), fc.bigInt({ min: -10n, max: 10n ** 20n }))
      .map(([p, l, c]) => `${p}:${l}:${c}`),
  );
  fc.assert(fc.property(input, (s) => {
    try {
      const p = parsePosition(s);
      assert.ok(p.path.length > 0);
      assert.ok(Number.isInteger(p.line) && p.line >= 1 && p.line <= MAX_COORDINATE);
      assert.ok(Number.isInteger(p.col) && p.col >= 1 && p.col <= MAX_COORDINATE);
    } catch (e) {
      assert.ok(e instanceof AxError, `not an AxError for ${JSON.stringify(s)}: ${String(e)}`);
      assert.equal(e.code, 'E_USAGE');
      assert.ok(Number.isInteger(e.position) && e.position! >= 0 && e.position! <= s.length, `position ${e.position} for ${JSON.stringify(s)}`);
      assert.ok(e.hint);
    }
  }), { numRuns: 3000, seed: 8 });
});

test('parsePosition: PATH:LINE:COL round-trips for any path without NUL', () => {
  const path = fc.string({ minLength: 1, maxLength: 30 }).filter((p) => !p.includes('\0') && !p.includes('\\') && !/^(\.\/)+/.test(p) && !/^(\.\/)*$/.test(p));
  const coord = fc.integer({ min: 1, max: MAX_COORDINATE });
  fc.assert(fc.property(path, coord, coord, (p, line, col) => {
    assert.deepEqual(parsePosition(formatPosition({ path: p, line, col })), { path: p, line, col });
  }), { numRuns: 2000, seed: 9 });
});
