// packSymbols carries every stored field of every definition, in order, and nothing the store does
// not keep (signatures), with docs cut as the store cuts them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SymbolDef } from '../core/types.js';
import { MAX_DOC, packSymbols, SYMBOL_INTS } from './records.js';

const span = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, col: c1 }, end: { line: l2, col: c2 } });

test('packSymbols keeps each symbol\'s stored fields, kinds through a table', () => {
  const symbols: SymbolDef[] = [
    { name: 'Outer', kind: 'class', span: span(1, 1, 40, 2), nameSpan: span(1, 7, 1, 12), parent: -1, container: '', signature: 'class Outer {', doc: 'An outer class.' },
    { name: 'run', kind: 'method', span: span(3, 3, 9, 4), nameSpan: span(3, 10, 3, 13), parent: 0, container: 'Outer', signature: 'run() {', doc: 'x'.repeat(MAX_DOC + 50) },
    { name: 'größe', kind: 'method', span: span(120000, 1, 130000, 9), nameSpan: span(120000, 5, 120000, 10), parent: 0, container: 'Outer', signature: '', doc: '' },
  ];
  const p = packSymbols(symbols);
  assert.equal(p.count, 3);
  assert.deepEqual(p.kindTable, ['class', 'method']);
  assert.deepEqual([...p.kinds], [0, 1, 1]);
  assert.deepEqual(p.names, ['Outer', 'run', 'größe']);
  assert.deepEqual(p.containers, ['', 'Outer', 'Outer']);
  assert.deepEqual(p.docs, ['An outer class.', 'x'.repeat(MAX_DOC), '']);
  symbols.forEach((d, i) => {
    assert.deepEqual([...p.ints.subarray(i * SYMBOL_INTS, (i + 1) * SYMBOL_INTS)],
      [d.parent, d.span.start.line, d.span.start.col, d.span.end.line, d.span.end.col, d.nameSpan.start.line, d.nameSpan.start.col]);
  });
  assert.deepEqual(packSymbols([]), { count: 0, ints: new Int32Array(0), names: [], kinds: new Uint8Array(0), kindTable: [], containers: [], docs: [] });
});
