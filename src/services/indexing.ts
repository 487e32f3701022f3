// Use case: index a repository. Takes the writer lock, opens (or creates) the store, runs the indexer.
import { openDatabase } from '../store/db.js';
import { runIndex, type IndexProgress, type IndexRunSummary } from '../indexer/run.js';
import { loadConfig } from './config.js';
import { acquireWriterLock } from './lock.js';
import { dbPathFor, indexRoot } from './root.js';
import type { AxConfig } from '../core/config.js';

export type { IndexProgress, IndexRunSummary };
/** For a process that indexes and exits (the `ax index` command): see indexer/index-memory.ts. */
export { keepYoungGenerationsSmall } from '../indexer/index-memory.js';

/** The run found nothing it could index (exit status 2): every path was skipped or unsupported. */
export function nothingIndexed(s: IndexRunSummary): boolean {
  return s.stats.files === 0 && !s.interrupted;
}

export interface IndexRequest {
  dir?: string;
  flags?: Partial<Record<keyof AxConfig, string>>;
  onProgress?: (p: IndexProgress) => void;
  shouldStop?: () => boolean;
}

export async function indexRepository(req: IndexRequest): Promise<IndexRunSummary & { root: string }> {
  const root = indexRoot(req.dir);
  const { config } = loadConfig(root, req.flags);
  const lock = acquireWriterLock(root, 'index');
  try {
    const db = openDatabase(dbPathFor(root), { create: true });
    try {
      const summary = await runIndex({ root, db, config, ...(req.onProgress ? { onProgress: req.onProgress } : {}),
        ...(req.shouldStop ? { shouldStop: req.shouldStop } : {}) });
      return { ...summary, root };
    } finally {
      db.close();
    }
  } finally {
    lock.release();
  }
}
