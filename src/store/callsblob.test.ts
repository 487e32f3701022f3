import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callsNamed, countCalls, decodeCalls, encodeCalls, type CallInput } from './callsblob.js';

const call = (callee: string, line: number, col: number, caller = -1, receiver = ''): CallInput => ({ callee, receiver, line, col, caller });

test('calls blob round-trips call sites in (line, col, name) order, one per name position', () => {
  const blob = encodeCalls([call('g', 5, 1, 1, 'obj'), call('f', 3, 4), call('f', 3, 4), call('f', 2, 2, 0), call('h', 3, 4)]);
  assert.deepEqual(decodeCalls(blob), [
    { name: 'f', receiver: '', line: 2, col: 2, caller: 0 },
    { name: 'f', receiver: '', line: 3, col: 4, caller: -1 },
    { name: 'h', receiver: '', line: 3, col: 4, caller: -1 },
    { name: 'g', receiver: 'obj', line: 5, col: 1, caller: 1 },
  ]);
  assert.deepEqual(callsNamed(blob, 'g').map((c) => c.line), [5]);
  assert.deepEqual(callsNamed(blob, 'absent'), []);
  assert.equal(countCalls(blob), 4);
  assert.equal(countCalls(null), 0);
});

test('no calls is no blob; large tables are deflated, keep non-ASCII names and large numbers', () => {
  assert.equal(encodeCalls([]), null);
  assert.deepEqual(decodeCalls(null), []);
  const many = Array.from({ length: 3000 }, (_, i) => call(i % 2 ? 'größe' : `fn_${i % 50}`, 100_000 + i, 1 + (i % 300), i % 7 ? i : -1, i % 3 ? '' : 'self.ctx'));
  const blob = encodeCalls(many)!;
  assert.equal(blob[0], 2, 'deflated');
  assert.ok(blob.length < many.length * 4, `~${(blob.length / many.length).toFixed(1)} bytes per call`);
  const back = decodeCalls(blob);
  assert.equal(back.length, many.length);
  assert.equal(countCalls(blob), many.length);
  assert.deepEqual(back.map((c) => [c.name, c.line, c.col, c.caller, c.receiver]),
    many.map((c) => [c.callee, c.line, c.col, c.caller, c.receiver]));
});

test('a damaged calls blob is an error, never wrong rows', () => {
  const blob = encodeCalls([call('f', 1, 1), call('g', 2, 1, 0, 'r')])!;
  assert.throws(() => decodeCalls(blob.subarray(0, blob.length - 2)), /truncated|trailing|string/);
  assert.throws(() => decodeCalls(Uint8Array.of(9, 0, 0)), /unknown format/);
});
