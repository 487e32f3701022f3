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

/** The full-text index's stored bytes, and the count of files removed or rewritten since its last whole merge. */
function ftsState(root: string): { bytes: number; churn: string | undefined } {
  const db = new Database(dbPathFor(root), { readonly: true });
  try {
    return {
      bytes: db.prepare('SELECT sum(length(block)) FROM fts_data').pluck().get() as number,
      churn: db.prepare("SELECT value FROM meta WHERE key = 'ftsChurn'").pluck().get() as string | undefined,
    };
  } finally { db.close(); }
}

test('once a fifth of the files were rewritten or removed, the full-text index is merged whole and is as small as a fresh one', async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-churn-'));
  const fresh = mkdtempSync(path.join(tmpdir(), 'ax-churn-fresh-'));
  t.after(() => { rmSync(root, { recursive: true, force: true }); rmSync(fresh, { recursive: true, force: true }); });
  const body = (tag: string, i: number) => Array.from({ length: 30 }, (_, j) => `def ${tag}_${i}_${j}(value_${j}):\n    return value_${j} * ${j}\n`).join('\n');
  for (let i = 0; i < 40; i++) writeFileSync(path.join(root, `m${i}.py`), body('first', i));
  await indexRepository({ dir: root });
  const start = ftsState(root);

  // 6 of 40 files (15%): counted, not merged; the old terms stay behind their tombstones.
  for (let i = 0; i < 6; i++) writeFileSync(path.join(root, `m${i}.py`), body('second', i));
  await indexRepository({ dir: root });
  const some = ftsState(root);
  assert.equal(some.churn, '6');
  assert.ok(some.bytes > start.bytes, `${some.bytes} > ${start.bytes}`);

  // Then every file, and one removed: 6 + 40 rewrites/removals of 39 files, merged whole.
  for (let i = 0; i < 39; i++) writeFileSync(path.join(root, `m${i}.py`), body('third', i));
  rmSync(path.join(root, 'm39.py'));
  const r = await indexRepository({ dir: root });
  assert.equal(r.updated + r.removed, 40);
  assert.ok(r.space.freeBytes > 0 && r.space.freeBytes < r.space.bytes, `the merged-away segments' pages are free: ${JSON.stringify(r.space)}`);
  const after = ftsState(root);
  assert.equal(after.churn, '0');
  for (let i = 0; i < 39; i++) writeFileSync(path.join(fresh, `m${i}.py`), body('third', i));
  await indexRepository({ dir: fresh });
  const base = ftsState(fresh).bytes;
  assert.ok(after.bytes <= base * 1.1, `full-text index ${after.bytes} bytes after the rewrite, ${base} for a fresh index of the same files`);
  const s = new Searcher({ root });
  try {
    assert.equal(s.search('third_7_3').results[0]?.path, 'm7.py');
    assert.equal(s.search('first_7_3').results.length, 0);
    assert.equal(s.search('second_2_3').results.length, 0);
  } finally { s.close(); }
});
