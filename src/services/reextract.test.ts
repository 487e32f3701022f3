// An index made by an ax whose extractors produced other facts (lang/extractor-version.ts): the next
// `ax index` re-parses every file, unchanged ones included, stamps the index, and the run after that
// is a no-op again. Without a stamp change, unchanged files keep whatever facts the index holds.
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

function read(root: string): { symbols: number; stamp: string | undefined } {
  const db = new Database(dbPathFor(root), { readonly: true });
  try {
    return {
      symbols: db.prepare("SELECT count(*) FROM symbols s JOIN files f ON f.id = s.file_id WHERE f.path = 'a.py'").pluck().get() as number,
      stamp: db.prepare("SELECT value FROM meta WHERE key = 'extractor'").pluck().get() as string | undefined,
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
  assert.deepEqual(read(root), { symbols: 2, stamp: String(EXTRACTOR_VERSION) });

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
    assert.equal(again.updated, 2, 'both files re-parsed although unchanged');
    assert.equal(again.unchanged, 0);
    assert.deepEqual(read(root), { symbols: 2, stamp: String(EXTRACTOR_VERSION) });
  }

  const after = await indexRepository({ dir: root });
  assert.equal(after.reextracted, undefined);
  assert.equal(after.updated, 0);
  assert.equal(after.unchanged, 2);
});
