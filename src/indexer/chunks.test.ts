import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SymbolDef } from '../core/types.js';
import { BLOCK_LINES, chunkFile, splitIdentifier } from './chunks.js';

const def = (name: string, kind: SymbolDef['kind'], start: number, end: number, parent = -1): SymbolDef => ({
  name, kind, parent, container: '', signature: `sig ${name}`, doc: `doc ${name}`,
  span: { start: { line: start, col: 1 }, end: { line: end, col: 1 } },
  nameSpan: { start: { line: start, col: 5 }, end: { line: start, col: 5 + name.length } },
});

test('identifier splitting', () => {
  assert.equal(splitIdentifier('getUserById'), 'get User By Id');
  assert.equal(splitIdentifier('HTTPServer'), 'HTTP Server');
  assert.equal(splitIdentifier('parse_config'), '');
  assert.equal(splitIdentifier('x'), '');
});

test('every line lands in exactly one chunk; functions are their own chunks', () => {
  const lines = Array.from({ length: 150 }, (_, i) => `line ${i + 1}`);
  const symbols = [def('Outer', 'class', 1, 40), def('m', 'method', 5, 10, 0), def('inner', 'function', 7, 8, 1), def('f', 'function', 100, 120)];
  const chunks = chunkFile(lines, symbols, new Map([['getUserById', [6, 3]]]));
  const covered: number[] = [];
  for (const c of chunks) for (let l = c.startLine; l <= c.endLine; l++) covered.push(l);
  assert.deepEqual(covered, Array.from({ length: 150 }, (_, i) => i + 1));
  for (const c of chunks) assert.ok(c.endLine - c.startLine < BLOCK_LINES || c.symbol >= 0);
  const m = chunks.find((c) => c.startLine === 5)!;
  assert.equal(m.endLine, 10);
  assert.equal(symbols[m.symbol]!.name, 'm');
  assert.match(m.name, /\bm\b.*\binner\b/);
  assert.equal(m.signature, 'sig m');
  assert.equal(m.words, 'get User By Id');
  const f = chunks.find((c) => c.startLine === 100)!;
  assert.equal(f.endLine, 120);
  assert.equal(f.body.split('\n').length, 21);
});
