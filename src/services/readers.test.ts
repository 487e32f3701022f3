// Read connections kept across queries (readers.ts): a kept connection answers with what was committed
// after it opened, an index file replaced underneath it gets a new connection, memoized objects live
// as long as their connection, and a one-shot connection is closed after its query (sync or async);
// kept connections have a larger page cache than one-shot ones; a one-shot query reads one snapshot.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openDatabase, type DB } from '../store/db.js';
import { indexRepository } from './indexing.js';
import { keepReadersOpen, readIndex } from './readers.js';
import { dbPathFor } from './root.js';
import { search } from './search.js';

const count = (db: DB) => db.prepare('SELECT count(*) FROM files').pluck().get() as number;

test('kept readers follow commits and replaced files; one-shot readers close', async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-readers-'));
  const other = mkdtempSync(path.join(tmpdir(), 'ax-readers-'));
  t.after(() => { keepReadersOpen(false); rmSync(root, { recursive: true, force: true }); rmSync(other, { recursive: true, force: true }); });
  writeFileSync(path.join(root, 'a.py'), 'def alpha():\n    return 1\n');
  await indexRepository({ dir: root });
  for (const n of ['x', 'y', 'z']) writeFileSync(path.join(other, `${n}.py`), `def ${n}():\n    return 0\n`);
  await indexRepository({ dir: other });

  // One-shot: closed after the query, and after an async one once it has settled.
  let seen: DB | undefined;
  assert.equal(readIndex(root, (h) => { seen = h.db; return count(h.db); }), 1);
  assert.equal(seen!.open, false);
  assert.equal(await readIndex(root, async (h) => { seen = h.db; await new Promise((r) => setTimeout(r, 5)); assert.equal(h.db.open, true); return count(h.db); }), 1);
  assert.equal(seen!.open, false);
  let made = 0;
  readIndex(root, (h) => h.memo('k', () => ++made));
  readIndex(root, (h) => h.memo('k', () => ++made));
  assert.equal(made, 2, 'nothing is memoized on one-shot connections');
  // A one-shot query reads one snapshot: a commit made while it runs is not seen half-way through.
  const seenDuring = await readIndex(root, async (h) => {
    const before = count(h.db);
    const w = openDatabase(dbPathFor(root));
    w.prepare("INSERT INTO meta (key, value) VALUES ('probe', '1')").run();
    w.close();
    await new Promise((r) => setTimeout(r, 1));
    return [before, count(h.db), h.db.prepare("SELECT count(*) FROM meta WHERE key = 'probe'").pluck().get()];
  });
  assert.deepEqual(seenDuring, [1, 1, 0]);
  assert.equal(readIndex(root, (h) => h.db.prepare("SELECT count(*) FROM meta WHERE key = 'probe'").pluck().get()), 1, 'the next query sees it');
  const cacheKiB = (db: DB) => -(db.pragma('cache_size', { simple: true }) as number);
  assert.equal(readIndex(root, (h) => cacheKiB(h.db)), 2 * 1024, 'a one-shot reader has a small page cache');

  keepReadersOpen(true);
  const first = readIndex(root, (h) => h.db);
  assert.equal(cacheKiB(first), 64 * 1024, 'a kept reader has a large one');
  assert.equal(readIndex(root, (h) => h.db), first, 'the same connection');
  assert.equal(readIndex(root, (h) => h.memo('k', () => ++made)), 3);
  assert.equal(readIndex(root, (h) => h.memo('k', () => ++made)), 3, 'memoized with the connection');
  assert.equal(search({ root, query: 'alpha' }).results.length, 1);

  // A commit by another connection is visible to the kept one.
  writeFileSync(path.join(root, 'b.py'), 'def beta():\n    return alpha()\n');
  await indexRepository({ dir: root });
  assert.equal(readIndex(root, (h) => count(h.db)), 2);
  assert.equal(search({ root, query: 'beta' }).results.length, 1);

  // The index file replaced (a restore): a new connection reads the new file.
  const file = dbPathFor(root);
  copyFileSync(dbPathFor(other), file + '.new');
  rmSync(file + '-wal', { force: true });
  rmSync(file + '-shm', { force: true });
  renameSync(file + '.new', file);
  assert.equal(readIndex(root, (h) => count(h.db)), 3);
  assert.equal(first.open, false, 'the stale connection is closed');
  assert.equal(readIndex(root, (h) => h.memo('k', () => ++made)), 4, 'memoized objects go with their connection');

  keepReadersOpen(false);
  const last = readIndex(root, (h) => h.db);
  assert.equal(last.open, false);
});
