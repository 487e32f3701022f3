// The Tree-sitter floor of an index run: the files an index holds, read and parsed by one worker
// thread per core, with nothing extracted, encoded or stored. `npm run bench -- index` times it beside
// `ax index` and `ctags -R` in the same run: it is the part of ax's wall time that no work on
// extraction, storage or full text can remove while every file is parsed with Tree-sitter (issue 2's
// requirement), on this many cores. Files are handed out one at a time from a shared counter, so
// both threads stay busy to the end.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { IndexReader } from '../store/reader.js';
import { readIndex } from './readers.js';
import { findIndexRoot } from './root.js';
import type { FloorTask, FloorWorkerResult } from './parse-floor-worker.js';

export interface ParseFloor {
  files: number;
  /** UTF-8 bytes parsed. */
  bytes: number;
  /** Files that could not be read or parsed now (changed or removed since they were indexed). */
  failed: number;
  wallMs: number;
  workers: number;
}

/** Parse every file the index of `rootArg` holds, with `workers` threads (default: one per core). */
export async function parseFloor(rootArg: string | undefined, workers = availableParallelism()): Promise<ParseFloor> {
  const root = findIndexRoot(rootArg);
  const files = readIndex(root, (h) => [...new IndexReader(h.db).indexedFiles()].map(([rel, f]) => [rel, f.lang] as [string, string]));
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const t0 = performance.now();
  const parts = await Promise.all(Array.from({ length: workers }, () => new Promise<FloorWorkerResult>((resolve, reject) => {
    const w = new Worker(new URL('./parse-floor-worker.js', import.meta.url), { workerData: { root, files, counter } satisfies FloorTask });
    w.once('message', resolve);
    w.once('error', reject);
  })));
  const wallMs = performance.now() - t0;
  return {
    files: files.length, workers, wallMs,
    bytes: parts.reduce((a, p) => a + p.bytes, 0),
    failed: parts.reduce((a, p) => a + p.failed, 0),
  };
}
