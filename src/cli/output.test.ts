// formatCount must print what toLocaleString('en-US') prints (it replaces it to keep ICU out of start-up).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatCount } from './output.js';

test('formatCount equals toLocaleString("en-US")', () => {
  fc.assert(fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.maxSafeInteger().map((x) => -x), fc.integer({ min: -1e6, max: 1e6 })), (n) => {
    assert.equal(formatCount(n), n.toLocaleString('en-US'));
  }), { numRuns: 5000 });
  for (const n of [0, -0, 7, 999, 1000, -1000, 12345, 1234567, 2 ** 53 - 1, 2 ** 60, 1.5, Number.NaN, Infinity]) assert.equal(formatCount(n), n.toLocaleString('en-US'), String(n));
});
