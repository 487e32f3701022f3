import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tuneWasmCompiler, wasmWorkload, workloadFor } from './wasm-flags.js';

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
