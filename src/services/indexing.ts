// Use case: index a repository. Takes the writer lock, opens (or creates) the store, runs the indexer.
import { AxError } from '../core/errors.js';
import { openDatabase } from '../store/db.js';
import { runIndex, type IndexProgress, type IndexRunSummary } from '../indexer/run.js';
import { loadConfig } from './config.js';
import { acquireWriterLock } from './lock.js';
import { dbPathFor, indexRoot } from './root.js';
import type { AxConfig } from '../core/config.js';

export type { IndexProgress, IndexRunSummary };

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
      if (summary.stats.files === 0 && !summary.interrupted) {
        throw new AxError('E_NOTHING_INDEXED', `nothing could be indexed in ${root}`, {
          hint: `${summary.skipped.length} paths were skipped; run with --verbose to see why`,
        });
      }
      return { ...summary, root };
    } finally {
      db.close();
    }
  } finally {
    lock.release();
  }
}
