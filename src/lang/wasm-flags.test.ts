import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dominantLanguages, tuneWasmCompiler, wasmWorkload, workloadFor } from './wasm-flags.js';

test('workloadFor: below the threshold a run is short, from it on long', () => {
  assert.equal(workloadFor(0, 1024, 'long'), 'short');
  assert.equal(workloadFor(1023, 1024, 'default'), 'short');
  assert.equal(workloadFor(1024, 1024, 'long'), 'long');
  assert.equal(workloadFor(1e9, 1024, 'default'), 'default');
});

test('tuneWasmCompiler: the first decision of the process wins', () => {
  // node --test runs each test file in its own process: nothing has decided yet.
  assert.equal(wasmWorkload(), undefined);
  tuneWasmCompiler('long');
  tuneWasmCompiler('short');
  assert.equal(wasmWorkload(), 'long');
});

test('dominantLanguages: at least the share of the bytes and the floor, largest first', () => {
  const MB = 1024 * 1024;
  // Linux: C is everything; json, yaml, bash are a few MB each, under 10%.
  assert.deepEqual(dominantLanguages(new Map([['yaml', 8 * MB], ['c', 788 * MB], ['json', 14 * MB], ['bash', 4 * MB]])), ['c']);
  // Two big languages, one large share but under the floor.
  assert.deepEqual(dominantLanguages(new Map([['python', 15 * MB], ['javascript', 1.5 * MB], ['html', 3 * MB]])), ['python', 'html']);
  assert.deepEqual(dominantLanguages(new Map([['go', 1 * MB]])), []);
  assert.deepEqual(dominantLanguages(new Map()), []);
  assert.deepEqual(dominantLanguages(new Map([['a', 10], ['b', 30]]), 0.5, 0), ['b']);
});

