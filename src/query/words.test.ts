// The ASCII fast paths of words.ts must give exactly what the Unicode regexes give.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isIdentifier, wordMatches, wordsOf } from './words.js';

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const IDENT = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

test('wordsOf, wordMatches and isIdentifier agree with the Unicode regexes on any text', () => {
  const ascii = fc.string({ unit: fc.constantFrom(...'aZ09_$ .-()/\\"\'\t\n\x00\x7f'.split('')) });
  const any = fc.string({ unit: 'grapheme' });
  for (const arb of [ascii, any, fc.string()]) {
    fc.assert(fc.property(arb, (s) => {
      assert.deepEqual(wordsOf(s), s.match(WORD) ?? []);
      assert.deepEqual(wordMatches(s).map((m) => [m[0], m.index]), [...s.matchAll(WORD)].map((m) => [m[0], m.index]));
      assert.equal(isIdentifier(s), IDENT.test(s));
    }), { numRuns: 2000 });
  }
  assert.deepEqual(wordsOf('getUserById(x) café naïve 日本'), ['getUserById', 'x', 'café', 'naïve', '日本']);
  assert.equal(isIdentifier('parse_config'), true);
  assert.equal(isIdentifier('été'), true);
  assert.equal(isIdentifier('1x'), false);
});
