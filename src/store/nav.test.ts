// findRefsFast must agree with the reference decoder (refsblob.findRefs) on every format: hashed (4),
// and raw, deflated and segmented (1-3, an index not yet migrated).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RefTable } from '../core/types.js';
import { findRefsFast, identifierPhrase } from './nav.js';
import { encodeRefsLegacy } from './refsblob-legacy.js';
import { encodeRefs, findRefs } from './refsblob.js';

test('findRefsFast equals findRefs', () => {
  let seed = 7;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) >>> 0; return (seed >>> 16) % n; }; // high bits: the low ones of an LCG cycle
  const formats = new Set<number>();
  for (let round = 0; round < 40; round++) {
    const refs: RefTable = new Map();
    const names = rand(2) ? 3 : 300;
    for (let k = 0; k < names; k++) {
      const name = `${['kmalloc', 'k', 'list_add', 'x', 'éclair', 'malloc'][rand(6)]}${rand(50)}`;
      const pos: number[] = [];
      let line = 1;
      for (let j = 0, c = 1 + rand(20); j < c; j++) { line += rand(300); pos.push(line, 1 + rand(200)); }
      refs.set(name, pos);
    }
    const lineIndex = rand(2) ? new Uint8Array([1, 5, 9, 0, 0, 0]) : null;
    for (const blob of [encodeRefs(refs, lineIndex), encodeRefsLegacy(refs, lineIndex)]) {
      if (names === 300) formats.add(blob[0]!);
      for (const name of [...refs.keys()].slice(0, 20).concat(['kmalloc999', 'absent_name', 'k'])) {
        assert.deepEqual(findRefsFast(blob, name), findRefs(blob, name), name);
        assert.deepEqual(findRefsFast(blob, name), refs.get(name) ?? [], name);
      }
    }
  }
  assert.ok(formats.has(4) && formats.has(3), 'large tables: hashed (4) and, as written before v6, segmented (3)');
});

test('identifierPhrase splits like the FTS tokenizer', () => {
  assert.equal(identifierPhrase('list_add_tail'), 'body : "list add tail"');
  assert.equal(identifierPhrase('$'), undefined);
});

test('identifierPhrase: ASCII names split as the Unicode classes split them', () => {
  const re = /[^\p{L}\p{N}]+/u;
  for (const name of ['list_add_tail', '__init__', 'a$b', 'x1_y2', 'getUserById', 'a--b', 'élan_vital', '日本_語', '_']) {
    const words = name.split(re).filter(Boolean);
    assert.equal(identifierPhrase(name), words.length ? `body : "${words.join(' ')}"` : undefined, name);
  }
});
