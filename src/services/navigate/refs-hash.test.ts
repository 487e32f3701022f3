// Refs blobs key names by a 32-bit hash (store/refsblob.ts): two names of one file may share it, and
// a lookup then returns both names' occurrences. `ax refs` must list only the name asked for, by
// name and from a definition (`--at`), in files where the other name sits on lines of its own.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { nameHash } from '../../store/refsblob.js';
import { indexedTree } from './fixture.js';
import { references } from './index.js';

/** Two distinct C identifiers with the same FNV-1a hash (a birthday search, ~10^5 names). */
function collidingNames(): [string, string] {
  const enc = new TextEncoder();
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const name = `v_${i.toString(36)}`;
    const h = nameHash(enc.encode(name));
    const other = seen.get(h);
    if (other !== undefined) return [other, name];
    seen.set(h, name);
  }
}

test('refs of a name whose hash another name of the file shares: only the name asked for', async (t) => {
  const [a, b] = collidingNames();
  const root = indexedTree('ax-refs-hash-', {
    'x.c': `int ${a}(void) { return 0; }\n`,
    // `b` on lines of its own, `a` only in a comment (so the file is a full-text candidate for `a`)
    // and once as a use.
    'y.c': `int ${b}(void) { return 1; }\n/* see ${a} */\nint g(void) { return ${b}() + ${a}(); }\n`,
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const where = (rs: Array<{ path: string; line: number; column: number }>) => rs.map((r) => `${r.path}:${r.line}:${r.column}`);
  assert.deepEqual(where((await references({ root, name: a })).results), ['x.c:1:5', `y.c:3:${27 + b.length}`]);
  assert.deepEqual(where((await references({ root, name: b })).results), ['y.c:1:5', 'y.c:3:22']);
  // From the definition (name-based for C): the same uses, none of `b`'s.
  assert.deepEqual(where((await references({ root, at: 'x.c:1:5' })).results), ['x.c:1:5', `y.c:3:${27 + b.length}`]);
});
