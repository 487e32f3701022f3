// A small LRU cache with a time-to-live, for query results in long-lived processes (server, watch,
// MCP). Entries carry the index generation they were computed at; a lookup at another generation is a
// miss (and drops the entry), so a re-index never serves stale results.

export interface CacheOptions {
  /** Most entries kept; the least recently used goes first. */
  maxEntries: number;
  /** Milliseconds an entry stays valid. */
  ttlMs: number;
  /** Clock (tests pass a fake one). */
  now?: () => number;
}

interface Entry<V> { value: V; generation: number; expires: number }

export class LruTtlCache<V> {
  private readonly map = new Map<string, Entry<V>>();
  private readonly now: () => number;
  hits = 0;
  misses = 0;
  evictions = 0;

  constructor(private readonly opts: CacheOptions) {
    this.now = opts.now ?? (() => Date.now());
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string, generation: number): V | undefined {
    const e = this.map.get(key);
    if (!e) { this.misses++; return undefined; }
    if (e.generation !== generation || e.expires <= this.now()) {
      this.map.delete(key);
      this.misses++;
      return undefined;
    }
    // Refresh recency: Map iteration order is insertion order.
    this.map.delete(key);
    this.map.set(key, e);
    this.hits++;
    return e.value;
  }

  set(key: string, generation: number, value: V): void {
    if (this.opts.maxEntries <= 0) return;
    this.map.delete(key);
    this.map.set(key, { value, generation, expires: this.now() + this.opts.ttlMs });
    while (this.map.size > this.opts.maxEntries) {
      const oldest = this.map.keys().next().value as string;
      this.map.delete(oldest);
      this.evictions++;
    }
  }

  clear(): void {
    this.map.clear();
  }
}
