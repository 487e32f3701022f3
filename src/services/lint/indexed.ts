// The index's record of a project's files (language, size, mtime) for `ax lint` (languages.ts decides
// when an entry is fresh enough to use). Read once, in the main thread.

import path from 'node:path';
import { openDatabase } from '../../store/db.js';
import { IndexReader, type IndexedFile } from '../../store/reader.js';
import { dbPathFor } from '../root.js';

/**
 * The index's view of the files under `root`, keyed by path relative to `root`, from the nearest
 * `.ax/index.db` at or above it. Undefined without a usable index (none, damaged, locked, newer schema):
 * linting never fails because of the index.
 */
export function indexedFiles(root: string): Map<string, IndexedFile> | undefined {
  let dir = root;
  for (;;) {
    let db;
    try { db = openDatabase(dbPathFor(dir), { readonly: true }); } catch { db = undefined; }
    if (db) {
      try {
        const prefix = path.relative(dir, root).split(path.sep).join('/');
        const out = new Map<string, IndexedFile>();
        for (const [p, v] of new IndexReader(db).indexedFiles()) {
          if (!prefix) out.set(p, v);
          else if (p.startsWith(prefix + '/')) out.set(p.slice(prefix.length + 1), v);
        }
        return out;
      } catch {
        return undefined;
      } finally {
        db.close();
      }
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}
