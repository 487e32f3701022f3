// parseFloor parses what the index holds, counts its bytes, and counts (does not fail on) files that
// have gone or no longer parse since they were indexed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { indexRepository } from './indexing.js';
import { parseFloor } from './parse-floor.js';

test('parseFloor parses every indexed file once, across threads, and counts vanished ones', async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-floor-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const texts: Record<string, string> = {
    'a.c': 'int add(int a, int b) { return a + b; }\n',
    'b.py': 'def beta():\n    return "é"\n',
    'c.go': 'package c\n\nfunc C() int { return 1 }\n',
    'd.c': 'static int d;\n',
    'notes.txt': 'not parsed\n',
  };
  for (const [f, s] of Object.entries(texts)) writeFileSync(path.join(root, f), s);
  await indexRepository({ dir: root });
  const indexed = ['a.c', 'b.py', 'c.go', 'd.c'];
  const bytes = indexed.reduce((a, f) => a + Buffer.byteLength(texts[f]!), 0);
  assert.deepEqual({ ...(await parseFloor(root, 2)), wallMs: 0 }, { files: 4, bytes, failed: 0, wallMs: 0, workers: 2 });
  rmSync(path.join(root, 'd.c'));
  const after = await parseFloor(root, 3);
  assert.deepEqual([after.files, after.bytes, after.failed, after.workers], [4, bytes - Buffer.byteLength(texts['d.c']!), 1, 3]);
});
