// Use case: what is indexed, and how fresh.
import { openDatabase } from '../store/db.js';
import { IndexReader, type IndexStats } from '../store/reader.js';
import type { SkippedRecord } from '../store/records.js';
import { dbPathFor, findIndexRoot } from './root.js';

export interface StatusReport extends IndexStats { root: string }

export function indexStatus(rootFlag: string | undefined): StatusReport {
  const root = findIndexRoot(rootFlag);
  const db = openDatabase(dbPathFor(root), { readonly: true });
  try {
    return { root, ...new IndexReader(db).stats() };
  } finally {
    db.close();
  }
}

export function skippedFiles(rootFlag: string | undefined): SkippedRecord[] {
  const root = findIndexRoot(rootFlag);
  const db = openDatabase(dbPathFor(root), { readonly: true });
  try { return new IndexReader(db).skipped(); } finally { db.close(); }
}
