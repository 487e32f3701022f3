// Format 4 of the refs blob (hashed names): every name's occurrences read back, the line index kept,
// collisions answered with both names' occurrences, the same bytes for the same table, damage refused;
// and a legacy blob re-encoded by the v6 step answers as it did.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RefTable } from '../core/types.js';
import { encodeRefsLegacy } from './refsblob-legacy.js';
import { decodeHashed, decodeLegacy, encodeRefs, findRefs, isCurrentFormat, lineIndexOf, nameHash } from './refsblob.js';

const enc = new TextEncoder();

test('format 4 reads back each name (non-ASCII, large numbers), no more', () => {
  const refs: RefTable = new Map([
    ['kmalloc', [3, 9, 3, 40, 120000, 2]],
    ['größe', [1, 1]],
    ['x', [7, 300, 9, 1]],
  ]);
  const blob = encodeRefs(refs);
  assert.equal(blob[0], 4);
  assert.ok(isCurrentFormat(blob));
  assert.deepEqual(findRefs(blob, 'kmalloc'), [3, 9, 3, 40, 120000, 2]);
  assert.deepEqual(findRefs(blob, 'größe'), [1, 1]);
  assert.deepEqual(findRefs(blob, 'x'), [7, 300, 9, 1]);
  assert.deepEqual(findRefs(blob, 'kmallo'), []);
  assert.deepEqual(findRefs(encodeRefs(new Map()), 'x'), []);
  assert.equal(decodeHashed(blob).size, 3);
  assert.equal(lineIndexOf(blob), undefined);
});

test('format 4 on random tables, with and without a line index, wide offsets included', () => {
  const fc = (seed: number) => { let s = seed; return (n: number) => { s = (s * 1103515245 + 12345) >>> 0; return (s >>> 16) % n; }; };
  const widths = new Set<number>();
  for (let round = 0; round < 60; round++) {
    const rand = fc(round + 1);
    const refs: RefTable = new Map();
    const names = [3, 40, 400, 4000][rand(4)]!;
    for (let k = 0; k < names; k++) {
      const pos: number[] = [];
      let line = 1;
      for (let j = 0, c = 1 + rand(names > 1000 ? 12 : 40); j < c; j++) { line += rand(900); pos.push(line, 1 + rand(300)); }
      refs.set(`${['kmalloc', 'x', 'größe', 'list_add', '日本'][rand(5)]}_${k}`, pos);
    }
    const lineIndex = rand(2) ? new Uint8Array([1, 5, rand(256), 0, 0, 0]) : null;
    const blob = encodeRefs(refs, lineIndex);
    let at = 1;
    while (blob[at]! & 0x80) at++; // past varint N: the next byte is the offsets' width
    widths.add(blob[at + 1]!);
    assert.deepEqual(lineIndexOf(blob), lineIndex ?? undefined);
    for (const name of [...refs.keys()].concat(['absent', 'kmalloc_'])) assert.deepEqual(findRefs(blob, name), refs.get(name) ?? [], name);
    assert.equal(decodeHashed(blob).size, refs.size);
  }
  assert.deepEqual([...widths].sort(), [1, 2, 3], 'offsets 1, 2 and 3 bytes wide');
});

test('format 4: the same table in any order gives the same bytes; two names with one hash answer with both', () => {
  // Two distinct names with the same FNV-1a hash (a birthday search over short names).
  const seen = new Map<number, string>();
  let pair: [string, string] | undefined;
  for (let i = 0; !pair; i++) {
    const name = `n${i.toString(36)}`;
    const h = nameHash(enc.encode(name));
    const other = seen.get(h);
    if (other !== undefined) pair = [other, name];
    else seen.set(h, name);
  }
  const [a, b] = pair;
  const one: RefTable = new Map([[a, [5, 2, 9, 1]], ['other', [1, 1]], [b, [5, 1, 7, 3]]]);
  const two: RefTable = new Map([[b, [5, 1, 7, 3]], [a, [5, 2, 9, 1]], ['other', [1, 1]]]);
  assert.deepEqual(encodeRefs(one), encodeRefs(two));
  // Both names' occurrences, in line then column order: readers keep those whose line holds the name.
  assert.deepEqual(findRefs(encodeRefs(one), a), [5, 1, 5, 2, 7, 3, 9, 1]);
  assert.deepEqual(findRefs(encodeRefs(one), b), [5, 1, 5, 2, 7, 3, 9, 1]);
  assert.deepEqual(findRefs(encodeRefs(one), 'other'), [1, 1]);
});

test('format 4 with damage is refused, not misread', () => {
  const blob = encodeRefs(new Map([['alpha', [1, 1, 4, 2]], ['beta', [2, 7]]]), new Uint8Array([1, 5, 0, 0, 0, 0]));
  assert.throws(() => findRefs(blob.subarray(0, 9), 'alpha'), /malformed/);
  assert.throws(() => findRefs(Uint8Array.from([4, 2, 9, 0]), 'alpha'), /malformed/, 'offset width out of range');
  const cut = blob.slice();
  cut[cut.length - 1] = 0x80; // a varint that runs past the end
  assert.throws(() => findRefs(cut, 'beta'), /malformed/);
});

test('a legacy blob re-encoded (the v6 step) answers every name as before and keeps its line index', () => {
  const refs: RefTable = new Map(Array.from({ length: 900 }, (_, i) => [`identifier_${i}`, [i + 1, 5, i + 40, 2]] as [string, number[]]));
  const lineIndex = new Uint8Array([1, 5, 44, 1, 0, 0]);
  const legacy = encodeRefsLegacy(refs, lineIndex);
  assert.equal(legacy[0], 3);
  const v4 = encodeRefs(decodeLegacy(legacy), lineIndexOf(legacy) ?? null);
  assert.deepEqual(v4, encodeRefs(refs, lineIndex), 'the bytes of a fresh index');
  for (const name of ['identifier_0', 'identifier_899', 'identifier_9000']) assert.deepEqual(findRefs(v4, name), findRefs(legacy, name), name);
  assert.deepEqual(lineIndexOf(v4), lineIndex);
});
