// One indexing run: walk, diff against the store (size+mtime, then content hash), prepare changed files
// on the worker pool, write them in batched transactions, remove what disappeared, record skips.
// Re-running on an unchanged tree costs the walk, one stat per file and a 200-byte read of each
// extension-less file that is not indexed (to see whether it starts with a #! line).

import { availableParallelism } from 'node:os';
import type { AxConfig } from '../core/config.js';
import type { DB } from '../store/db.js';
import type { FileRecord, SkippedRecord } from '../store/records.js';
import { IndexReader, type IndexStats } from '../store/reader.js';
import { IndexWriter } from '../store/writer.js';
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { detectByPath, detectByShebangBytes, mayHaveShebang } from '../lang/detect.js';
import { EXTRACTOR_VERSION, UNSTAMPED_EXTRACTOR_VERSION } from '../lang/extractor-version.js';
import { baselineOnlyFromNow, dominantLanguages, INDEX_SHORT_BELOW, tuneWasmCompiler, workloadFor } from '../lang/wasm-flags.js';
import { collectAfterCommit } from './index-memory.js';
import { runPool } from './pool.js';
import type { PrepareTask } from './prepare.js';
import { walk } from './walk.js';

/** Fresh runs with at least this many files to parse use bulk mode (deferred secondary indexes). */
const BULK_MIN_FILES = 1000;
const BATCH_BYTES = 16 * 1024 * 1024;
/** Largest share of a run's bytes that its minor languages may have for one worker to take them all. */
const SOLO_MAX_SHARE = 0.25;

/**
 * When a run has dominant languages and the rest is small (at most SOLO_MAX_SHARE of the bytes),
 * the rest goes to one worker: a grammar costs each worker that compiles it its code and tables (the
 * C++ grammar is 3.4 MB of WASM, Ruby's 2.1 MB), and on Linux a dozen minor languages (YAML, JSON,
 * Make, shell, Python, Perl, Rust, C++...) were compiled by both workers for 3.6% of the bytes.
 */
function minorLanguagesToOneWorker(dominant: readonly string[], bytesByLanguage: ReadonlyMap<string, number>,
  bytesTotal: number): ((t: PrepareTask) => boolean) | undefined {
  if (dominant.length === 0) return undefined;
  const major = new Set(dominant);
  let minorBytes = bytesTotal;
  for (const id of dominant) minorBytes -= bytesByLanguage.get(id) ?? 0;
  if (minorBytes <= 0 || minorBytes > bytesTotal * SOLO_MAX_SHARE) return undefined;
  return (t) => !major.has(detectByPath(t.rel)?.id ?? '');
}

export interface IndexProgress {
  phase: 'walk' | 'parse' | 'finish';
  done: number;
  total: number;
  bytesDone: number;
  bytesTotal: number;
  elapsedMs: number;
}

export interface IndexRunOptions {
  root: string;
  db: DB;
  config: AxConfig;
  onProgress?: (p: IndexProgress) => void;
  /** Checked between batches; when true the run commits what it has and stops. */
  shouldStop?: () => boolean;
}

export interface IndexRunSummary {
  stats: IndexStats;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  parsedFiles: number;
  parsedBytes: number;
  skipped: SkippedRecord[];
  skippedByReason: Record<string, number>;
  warnings: string[];
  interrupted: boolean;
  durationMs: number;
  walkMs: number;
  /** Set when the index was made by an ax that extracts other facts: every file was re-parsed. */
  reextracted?: { from: number; to: number };
  /** The index file's size and its free pages, after the run. */
  space: { bytes: number; freeBytes: number };
}

/** meta key: the extractor version (lang/extractor-version.ts) the index's files were extracted with. */
export const EXTRACTOR_META_KEY = 'extractor';

/**
 * Makes the index's facts this ax's: an index whose files another extractor version produced
 * (lang/extractor-version.ts; an unstamped one is version 1) is emptied, in one transaction with
 * its new stamp and a generation bump, and the run then loads every file as into a fresh index.
 * Re-parsing the files in place instead left a full set of deleted rows and FTS5 tombstones
 * behind: Linux's index grew from 1.26 to 1.77 GB. Stamped first, an interrupted rebuild resumes
 * like any interrupted run. Returns the versions when it emptied the index.
 */
function stampExtractor(reader: IndexReader, writer: IndexWriter): { from: number; to: number } | undefined {
  const stored = reader.meta(EXTRACTOR_META_KEY);
  const from = Number(stored ?? UNSTAMPED_EXTRACTOR_VERSION);
  if (from === EXTRACTOR_VERSION && stored !== undefined) return undefined;
  const rebuild = from !== EXTRACTOR_VERSION && !reader.isEmpty();
  writer.begin();
  try {
    if (rebuild) { writer.clearAll(); writer.bumpGeneration(); }
    writer.setMeta(EXTRACTOR_META_KEY, String(EXTRACTOR_VERSION));
    writer.commit();
  } catch (e) {
    writer.rollback();
    throw e;
  }
  return rebuild ? { from, to: EXTRACTOR_VERSION } : undefined;
}

export async function runIndex(o: IndexRunOptions): Promise<IndexRunSummary> {
  const t0 = performance.now();
  const reader = new IndexReader(o.db);
  const writer = new IndexWriter(o.db);
  const reextracted = stampExtractor(reader, writer);
  const known = reader.fileStates();
  const w = walk(o.root, o.config.exclude);
  const walkMs = performance.now() - t0;

  const tasks: PrepareTask[] = [];
  const seen = new Set<string>();
  const skipped: SkippedRecord[] = [...w.skipped];
  let unchanged = 0, bytesTotal = 0;
  const bytesByLanguage = new Map<string, number>();
  for (const f of w.files) {
    // Decided by path alone, without a trip to a worker (extension-less files may have a #! line).
    const byPath = detectByPath(f.rel);
    if (!byPath && !mayHaveShebang(f.rel)) {
      skipped.push({ path: f.rel, reason: 'unsupported', detail: 'no language for this file type' });
      continue;
    }
    const k = known.get(f.rel);
    const same = k !== undefined && k.size === f.size && k.mtimeMs === Math.trunc(f.mtimeMs);
    // An extension-less file goes to a worker only when its first line is a #! we know: a README or a
    // LICENSE made every no-op run start the worker pool (two workers, ~80 ms of CPU) to look at it.
    if (!byPath && !same && !hasKnownShebang(f.abs)) {
      skipped.push({ path: f.rel, reason: 'unsupported', detail: 'no language for this file type' });
      continue;
    }
    seen.add(f.rel);
    if (same) { unchanged++; continue; }
    tasks.push({ rel: f.rel, abs: f.abs, size: f.size, mtimeMs: f.mtimeMs, ...(k ? { knownHash: k.hash } : {}) });
    bytesTotal += f.size;
    if (byPath) bytesByLanguage.set(byPath.id, (bytesByLanguage.get(byPath.id) ?? 0) + f.size);
  }
  o.onProgress?.({ phase: 'walk', done: 0, total: tasks.length, bytesDone: 0, bytesTotal, elapsedMs: walkMs });

  // Before the workers start (they inherit process-wide V8 flags): see lang/wasm-flags.ts.
  tuneWasmCompiler(workloadFor(bytesTotal, INDEX_SHORT_BELOW, 'default'));
  const sizeOf = new Map(tasks.map((t) => [t.rel, t.size]));
  const warnings: string[] = [];
  const grammarWarned = new Set<string>();
  let added = 0, updated = 0, removed = 0, done = 0, bytesDone = 0, parsedFiles = 0, parsedBytes = 0, pending = 0;
  let interrupted = false;
  const stop = () => {
    if (!interrupted && o.shouldStop?.()) interrupted = true;
    return interrupted;
  };

  // A large load into an empty index builds its secondary indexes once at the end.
  const bulk = known.size === 0 && tasks.length >= BULK_MIN_FILES;
  writer.begin();
  if (bulk) writer.dropSecondaryIndexes(); else { writer.ensureSecondaryIndexes(); writer.useIncrementalMerging(); }
  // Commit every batchFiles files or BATCH_BYTES of source, whichever comes first: SQLite holds a
  // transaction's pending FTS terms in memory, so bytes bound the memory as much as files do.
  let pendingBytes = 0;
  const flushIfFull = () => {
    if (pending >= o.config.batchFiles || pendingBytes >= BATCH_BYTES) {
      writer.commit(); writer.begin(); pending = 0; pendingBytes = 0;
      collectAfterCommit();
    }
  };
  const write = (r: FileRecord) => {
    if (known.has(r.path)) updated++; else added++;
    writer.writeFile(r);
    pendingBytes += r.size;
    parsedFiles++;
    parsedBytes += r.size;
  };
  // The dominant languages' grammars compile first with V8's defaults, the rest Liftoff only.
  let restoreTiering = () => {};
  const dominant = dominantLanguages(bytesByLanguage);
  const solo = minorLanguagesToOneWorker(dominant, bytesByLanguage, bytesTotal);
  try {
    await runPool(tasks, {
      workers: o.config.workers > 0 ? o.config.workers : availableParallelism(),
      limits: { maxFileSize: o.config.maxFileSize, maxLineLength: o.config.maxLineLength },
      warm: dominant,
      onWarm: () => { restoreTiering = baselineOnlyFromNow(); },
      ...(solo ? { soloTask: solo } : {}),
    }, (results) => {
      for (const r of results) {
        done++;
        bytesDone += sizeOf.get(r.kind === 'file' ? r.record.path : r.path) ?? 0;
        if (r.kind === 'file') {
          write(r.record);
          if (r.decodeWarning) warnings.push(`${r.record.path}: not valid UTF-8; indexed with replacement characters`);
        } else if (r.kind === 'unchanged') {
          unchanged++;
          writer.touchFile(r.path, r.mtimeMs);
        } else {
          skipped.push({ path: r.path, reason: r.reason, detail: r.detail });
          if (r.reason === 'grammar-unavailable' && !grammarWarned.has(r.detail)) {
            grammarWarned.add(r.detail);
            warnings.push(r.detail);
          }
          if (writer.removeByPath(r.path)) removed++;
        }
        pending++;
      }
      flushIfFull();
      o.onProgress?.({ phase: 'parse', done, total: tasks.length, bytesDone, bytesTotal, elapsedMs: performance.now() - t0 });
    }, stop).finally(() => restoreTiering());

    if (!interrupted) {
      for (const path of known.keys()) {
        if (!seen.has(path) && writer.removeByPath(path)) removed++;
      }
      writer.replaceSkipped(skipped);
    }
    if (bulk) writer.ensureSecondaryIndexes();
    writer.setMeta('indexedAt', new Date().toISOString());
    writer.setMeta('root', o.root);
    if (added + updated + removed > 0 || reader.meta('generation') === undefined) writer.bumpGeneration();
    writer.settleFullText(known.size + added - removed);
    writer.commit();
  } catch (e) {
    writer.rollback();
    throw e;
  }
  o.onProgress?.({ phase: 'finish', done, total: tasks.length, bytesDone, bytesTotal, elapsedMs: performance.now() - t0 });

  const skippedByReason: Record<string, number> = {};
  for (const s of skipped) skippedByReason[s.reason] = (skippedByReason[s.reason] ?? 0) + 1;
  return {
    stats: reader.stats(), added, updated, removed, unchanged, parsedFiles, parsedBytes, skipped, skippedByReason,
    warnings, interrupted, durationMs: performance.now() - t0, walkMs,
    ...(reextracted ? { reextracted } : {}),
    space: reader.space(),
  };
}

/**
 * Does the file start with a #! line naming an interpreter of a supported language? True when it
 * cannot be read here, so that a worker reports why. Non-blocking open: a FIFO put in place of the
 * file since the walk must not hang the run.
 */
function hasKnownShebang(abs: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
    const head = Buffer.alloc(200);
    const n = readSync(fd, head, 0, head.length, 0);
    return detectByShebangBytes(head.subarray(0, n)) !== undefined;
  } catch {
    return true;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
