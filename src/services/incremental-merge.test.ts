// A re-index of an existing index turns FTS5's automerge off (store/writer.ts useIncrementalMerging:
// merges set off by deletes made commits on large indexes take seconds), and the index still answers
// with the changed content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { indexRepository } from './indexing.js';
import { dbPathFor } from './root.js';
import { Searcher } from './search.js';

function automerge(root: string): unknown {
  const db = new Database(dbPathFor(root), { readonly: true });
  try { return db.prepare("SELECT v FROM fts_config WHERE k = 'automerge'").pluck().get(); } finally { db.close(); }
}

test('re-indexing an existing index runs with FTS5 automerge off and finds the changed code', async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-merge-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (let i = 0; i < 20; i++) writeFileSync(path.join(root, `m${i}.py`), `def original_${i}(x):\n    return x\n`);
  await indexRepository({ dir: root });
  // Back to FTS5's default (as a bulk load into an empty index leaves it), then change some files.
  const db = new Database(dbPathFor(root));
  db.prepare("INSERT INTO fts(fts, rank) VALUES('automerge', 4)").run();
  db.close();
  assert.equal(automerge(root), 4);
  for (let i = 0; i < 20; i += 4) writeFileSync(path.join(root, `m${i}.py`), `def renamed_${i}(x):\n    return x + 1\n`);
  const r = await indexRepository({ dir: root });
  assert.equal(r.updated, 5);
  assert.equal(automerge(root), 0);
  const s = new Searcher({ root });
  try {
    assert.equal(s.search('renamed_8').results[0]?.path, 'm8.py');
    assert.equal(s.search('original_8').results.length, 0, 'the replaced rows are gone from the full-text index');
    assert.equal(s.search('original_9').results[0]?.path, 'm9.py');
  } finally { s.close(); }
});
