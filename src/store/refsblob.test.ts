import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeRefs, encodeRefs, findRefs } from './refsblob.js';

test('refs blob round-trips names (incl. non-ASCII) and large line/column numbers', () => {
  const refs = new Map<string, number[]>([
    ['kmalloc', [3, 9, 3, 40, 120000, 2]],
    ['größe', [1, 1]],
    ['x', [7, 300, 9, 1]],
  ]);
  const blob = encodeRefs(refs);
  assert.deepEqual(decodeRefs(blob), refs);
  assert.deepEqual(findRefs(blob, 'kmalloc'), [3, 9, 3, 40, 120000, 2]);
  assert.deepEqual(findRefs(blob, 'größe'), [1, 1]);
  assert.deepEqual(findRefs(blob, 'kmallo'), []);
  assert.deepEqual(findRefs(encodeRefs(new Map()), 'x'), []);
});
