// dropRecordFields: keys defined more than RECORD_FIELD_REPEATS times in a file go; what they enclosed
// is re-parented to the nearest kept ancestor, call sites' callers likewise; other kinds are untouched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FileFacts, SymbolDef } from '../core/types.js';
import { dropRecordFields, RECORD_FIELD_REPEATS } from './inject.js';

const span = { start: { line: 1, col: 1 }, end: { line: 1, col: 2 } };
const sym = (name: string, parent: number, kind: SymbolDef['kind'] = 'key'): SymbolDef =>
  ({ name, kind, span, nameSpan: span, parent, container: '', signature: '', doc: '' });

test('record fields are dropped and their children re-parented', () => {
  const symbols: SymbolDef[] = [sym('events', -1)];
  for (let i = 0; i <= RECORD_FIELD_REPEATS; i++) {
    symbols.push(sym('field', 0));
    if (i === 3) symbols.push(sym('only_once', symbols.length - 1));
  }
  symbols.push(sym('field', -1, 'function')); // another kind with the same name stays
  const facts: FileFacts = { lang: 'json', symbols, refs: [] as unknown as FileFacts['refs'], imports: [], parseErrors: 0,
    calls: [{ callee: 'f', line: 1, col: 1, caller: 5, receiver: '' }, { callee: 'g', line: 1, col: 1, caller: -1, receiver: '' }] };
  assert.equal(symbols[5]!.name, 'only_once');
  dropRecordFields(facts, ['key']);
  assert.deepEqual(facts.symbols.map((s) => [s.name, s.kind, s.parent]), [['events', 'key', -1], ['only_once', 'key', 0], ['field', 'function', -1]]);
  assert.deepEqual(facts.calls.map((c) => c.caller), [1, -1]);
});

test('up to RECORD_FIELD_REPEATS definitions of a key are kept', () => {
  const symbols = Array.from({ length: RECORD_FIELD_REPEATS }, () => sym('name', -1));
  const facts: FileFacts = { lang: 'yaml', symbols, refs: [] as unknown as FileFacts['refs'], imports: [], calls: [], parseErrors: 0 };
  dropRecordFields(facts, ['key']);
  assert.equal(facts.symbols.length, RECORD_FIELD_REPEATS);
  assert.equal(facts.symbols, symbols, 'untouched');
});
