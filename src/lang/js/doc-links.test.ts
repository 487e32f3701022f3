import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docCommentNames, positionIn } from './doc-links.js';

test('docCommentNames: links and the names in tag types, with their offsets', () => {
  const text = '/**\n * See {@link Observer} and {@linkcode pipe}.\n * @param {string|Config} x the {@link  Other thing}\n */';
  const got = docCommentNames(text).map((n) => [n.name, text.slice(n.at, n.at + n.name.length)]);
  assert.deepEqual(got, [['Observer', 'Observer'], ['pipe', 'pipe'], ['string', 'string'], ['Config', 'Config'], ['Other', 'Other']]);
  assert.deepEqual(docCommentNames('/** @returns nothing {not a type} */'), []);
  assert.deepEqual(docCommentNames('// {@link X}'.slice(2)), [{ at: 8, name: 'X' }]);
});

test('positionIn: the first line continues the comment\'s own column, later lines start at column 1', () => {
  const text = '/** a\n * {@link B}\n */';
  assert.deepEqual(positionIn(text, 9, 4, 2), { line: 10, col: 7 });
  assert.deepEqual(positionIn(text, 9, 4, text.indexOf('B')), { line: 11, col: 11 });
});
