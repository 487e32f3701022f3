// An index made by an ax whose extractors produced other facts (lang/extractor-version.ts): the next
// `ax index` rebuilds it from empty (every file re-parsed, unchanged ones included, no deleted rows
// or FTS5 tombstones left behind), stamps it, and the run after that is a no-op again. Without a
// stamp change, unchanged files keep whatever facts the index holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { EXTRACTOR_VERSION } from '../lang/extractor-version.js';
import { indexRepository } from './indexing.js';
import { dbPathFor } from './root.js';

/** What an older extractor might have left: no symbols for one file, and the given stamp (undefined: none). */
function ageIndex(root: string, stamp: string | undefined): void {
  const db = new Database(dbPathFor(root));
  try {
    db.prepare("DELETE FROM symbols WHERE file_id = (SELECT id FROM files WHERE path = 'a.py')").run();
    if (stamp === undefined) db.prepare("DELETE FROM meta WHERE key = 'extractor'").run();
    else db.prepare("UPDATE meta SET value = ? WHERE key = 'extractor'").run(stamp);
  } finally { db.close(); }
}

/** What the test looks at: a.py's symbols, the stamp, and the full-text index's stored records and bytes. */
function read(root: string): { symbols: number; stamp: string | undefined; fts: { rows: number; bytes: number } } {
  const db = new Database(dbPathFor(root), { readonly: true });
  try {
    return {
      symbols: db.prepare("SELECT count(*) FROM symbols s JOIN files f ON f.id = s.file_id WHERE f.path = 'a.py'").pluck().get() as number,
      stamp: db.prepare("SELECT value FROM meta WHERE key = 'extractor'").pluck().get() as string | undefined,
      fts: db.prepare('SELECT count(*) AS rows, sum(length(block)) AS bytes FROM fts_data').get() as { rows: number; bytes: number },
    };
  } finally { db.close(); }
}

test('an index extracted by another extractor version is re-parsed whole once, then stamped', async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-reextract-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(path.join(root, 'a.py'), 'def alpha():\n    return 1\n\n\nclass Beta:\n    pass\n');
  writeFileSync(path.join(root, 'b.py'), 'def gamma():\n    return 2\n');
  const first = await indexRepository({ dir: root });
  assert.equal(first.reextracted, undefined, 'a fresh index is not a re-extraction');
  const fresh = read(root);
  assert.equal(fresh.symbols, 2);
  assert.equal(fresh.stamp, String(EXTRACTOR_VERSION));

  // Same stamp: the unchanged files are skipped, so the aged facts stay (what the stamp is for).
  ageIndex(root, String(EXTRACTOR_VERSION));
  const same = await indexRepository({ dir: root });
  assert.equal(same.reextracted, undefined);
  assert.equal(same.updated, 0);
  assert.equal(read(root).symbols, 0);

  // An older stamp, and no stamp at all (an index made before stamps): every file is re-parsed.
  for (const [stamp, from] of [['1', 1], [undefined, 1]] as const) {
    ageIndex(root, stamp);
    const again = await indexRepository({ dir: root });
    assert.deepEqual(again.reextracted, { from, to: EXTRACTOR_VERSION });
    assert.equal(again.added, 2, 'both files re-parsed although unchanged, into an emptied index');
    assert.equal(again.updated + again.unchanged + again.removed, 0);
    assert.deepEqual(read(root), fresh, 'symbols and stamp back, and the full-text index is as a fresh one, without the old rows');
  }

  const after = await indexRepository({ dir: root });
  assert.equal(after.reextracted, undefined);
  assert.equal(after.updated, 0);
  assert.equal(after.unchanged, 2);
});
