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

test('large tables are stored deflated and still round-trip', () => {
  const refs = new Map<string, number[]>();
  for (let i = 0; i < 500; i++) refs.set(`name_${i}`, [i + 1, 3, i + 2, 7]);
  const blob = encodeRefs(refs);
  assert.equal(blob[0], 2, 'deflated format');
  assert.ok(blob.length < 4000, `compressed size ${blob.length}`);
  assert.deepEqual(decodeRefs(blob), refs);
  assert.deepEqual(findRefs(blob, 'name_499'), [500, 3, 501, 7]);
});
