// Read connections to an index, for the query use cases (find, def, refs, flow, deps). A command run
// in its own process opens the index, queries it and closes it. A long-lived process that answers
// query after query (`ax watch` answering for the CLI, src/cli/query-server.ts) keeps them open
// instead (keepReadersOpen): SQLite's page cache (64 MB for them, 2 MB for a one-shot connection)
// and the prepared statements then outlive a query.
// Measured on Linux's index in a warm watcher, `ax refs netif_rx --json`: 31.7 -> 28.0 ms median,
// kobject_put 20.8 -> 12.4 ms (docs/benchmarks.md#nav).
//
// A kept connection is checked against the file on every use (device and inode): an index replaced
// since (restored, rebuilt after `rm -rf .ax`) gets a new connection. SQLite notices commits of other
// connections by itself (WAL), so a kept connection always reads the latest committed state.
import { statSync } from 'node:fs';
import { KEPT_READER_CACHE_MIB, openDatabase, type DB } from '../store/db.js';
import { dbPathFor } from './root.js';

/** What a query gets: the connection, and a per-connection memo for objects built on it (statements). */
export interface IndexHandle {
  readonly db: DB;
  memo<V>(key: string, make: () => V): V;
}

interface Kept { db: DB; dev: number; ino: number; memo: Map<string, unknown> }

let keep = false;
const kept = new Map<string, Kept>();

/** Keep read connections open across queries (on), or close them all (off). */
export function keepReadersOpen(on: boolean): void {
  keep = on;
  if (!on) {
    for (const k of kept.values()) k.db.close();
    kept.clear();
  }
}

/**
 * Run `use` on a read connection to the index of `root`; a promise it returns is awaited before a
 * one-shot connection closes. `oneShotCacheMiB`: the page cache of a one-shot connection (default
 * store/db.ts's READER_CACHE_MIB); kept connections have theirs.
 */
export function readIndex<T>(root: string, use: (h: IndexHandle) => T, oneShotCacheMiB?: number): T {
  const file = dbPathFor(root);
  if (!keep) {
    const db = openDatabase(file, { readonly: true, ...(oneShotCacheMiB === undefined ? {} : { cacheMiB: oneShotCacheMiB }) });
    // One read transaction for the whole query: one snapshot, and SQLite takes its WAL read lock and
    // checks the file once instead of around every statement (a name's refs run one per candidate file).
    db.exec('BEGIN');
    const close = () => { if (db.inTransaction) db.exec('COMMIT'); db.close(); };
    let result: T;
    try {
      result = use({ db, memo: (_key, make) => make() });
    } catch (e) {
      close();
      throw e;
    }
    if (result instanceof Promise) return result.finally(close) as T;
    close();
    return result;
  }
  return use(keptHandle(file));
}

function keptHandle(file: string): IndexHandle {
  let st: { dev: number; ino: number } | undefined;
  try { st = statSync(file); } catch { st = undefined; }
  let k = kept.get(file);
  if (k && !(st && k.dev === st.dev && k.ino === st.ino)) {
    k.db.close();
    kept.delete(file);
    k = undefined;
  }
  if (!k) {
    // The same errors as a one-shot open (E_NO_INDEX...); a larger page cache, kept warm across queries.
    const db = openDatabase(file, { readonly: true, cacheMiB: KEPT_READER_CACHE_MIB });
    k = { db, dev: st?.dev ?? -1, ino: st?.ino ?? -1, memo: new Map() };
    if (st) kept.set(file, k);
  }
  const memo = k.memo;
  return {
    db: k.db,
    memo<V>(key: string, make: () => V): V {
      if (!memo.has(key)) memo.set(key, make());
      return memo.get(key) as V;
    },
  };
}
