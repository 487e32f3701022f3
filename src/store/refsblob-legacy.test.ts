import assert from 'node:assert/strict';
import { test } from 'node:test';
// Formats 1-3, as ax up to schema v5 wrote them: still read (an index not yet migrated, the v6 migration).
import { decodeRefsLegacy as decodeRefs, encodeRefsLegacy as encodeRefs, findRefsLegacy as findRefs, lineIndexOfLegacy as lineIndexOf, nameHash, SEGMENT_BYTES, tableFor } from './refsblob-legacy.js';

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
  const blob = encodeRefs(refs, null, Infinity);
  assert.equal(blob[0], 2, 'deflated format');
  assert.ok(blob.length < 4000, `compressed size ${blob.length}`);
  assert.deepEqual(decodeRefs(blob), refs);
  assert.deepEqual(findRefs(blob, 'name_499'), [500, 3, 501, 7]);
  const segmented = encodeRefs(refs);
  assert.equal(segmented[0], 3, 'segmented past SEGMENT_BYTES raw bytes');
  assert.ok(segmented.length < blob.length * 1.5, `segmented size ${segmented.length} vs ${blob.length}`);
});

test('format 3: tables split by name into segments, with the line index, read back whole and name by name', () => {
  const fc = (seed: number) => { let s = seed; return (n: number) => { s = (s * 1103515245 + 12345) >>> 0; return (s >>> 16) % n; }; };
  for (let round = 0; round < 60; round++) {
    const rand = fc(round + 1);
    const refs = new Map<string, number[]>();
    for (let k = 0, n = rand(400); k < n; k++) {
      const pos: number[] = [];
      let line = 1;
      for (let j = 0, c = 1 + rand(8); j < c; j++) { line += rand(90); pos.push(line, 1 + rand(120)); }
      refs.set(`${['kmalloc', 'x', 'größe', 'list_add', '日本'][rand(5)]}_${k}`, pos);
    }
    const lineIndex = rand(2) ? new Uint8Array([1, 5, rand(256), 0, 0, 0]) : null;
    const segmentBytes = [64, 512, SEGMENT_BYTES, Infinity][rand(4)]!;
    const blob = encodeRefs(refs, lineIndex, segmentBytes);
    if (lineIndex || blob.length > segmentBytes + 8) assert.equal(blob[0], 3, `round ${round}`);
    assert.deepEqual(decodeRefs(blob), refs);
    assert.deepEqual(lineIndexOf(blob), lineIndex ?? undefined);
    for (const name of [...refs.keys()].concat(['absent', 'kmalloc_'])) assert.deepEqual(findRefs(blob, name), refs.get(name) ?? [], name);
  }
  // Each name sits in the segment its hash names.
  const big = new Map(Array.from({ length: 2000 }, (_, i) => [`identifier_${i}`, [i + 1, 5]] as [string, number[]]));
  const blob = encodeRefs(big);
  assert.equal(blob[0], 3);
  const seg = tableFor(blob, new TextEncoder().encode('identifier_77'));
  assert.ok(seg.length < blob.length / 4, `one segment of several: ${seg.length} of ${blob.length}`);
  assert.deepEqual(findRefs(seg, 'identifier_77'), [78, 5]);
  assert.equal(nameHash(new TextEncoder().encode('a')), 0xe40c292c, 'FNV-1a, as written by every ax that writes format 3');
  // Written as before v5 when asked (tests that build older indexes do).
  assert.notEqual(encodeRefs(big, null, Infinity)[0], 3);
});

test('format 3 with a damaged header is refused, not misread', () => {
  const blob = encodeRefs(new Map([['alpha', [1, 1]]]), new Uint8Array([1, 5, 0, 0, 0, 0]));
  assert.equal(blob[0], 3);
  assert.throws(() => decodeRefs(blob.subarray(0, blob.length - 1)), /malformed/);
  assert.throws(() => findRefs(Uint8Array.from([3, 0, 0]), 'alpha'), /malformed/);
});
