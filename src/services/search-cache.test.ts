import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LruTtlCache } from './search-cache.js';

test('LRU: the least recently used entry is evicted first', () => {
  const c = new LruTtlCache<number>({ maxEntries: 2, ttlMs: 1000, now: () => 0 });
  c.set('a', 1, 1);
  c.set('b', 1, 2);
  assert.equal(c.get('a', 1), 1); // a is now the most recent
  c.set('c', 1, 3); // evicts b
  assert.equal(c.get('b', 1), undefined);
  assert.equal(c.get('a', 1), 1);
  assert.equal(c.get('c', 1), 3);
  assert.equal(c.size, 2);
  assert.equal(c.evictions, 1);
});

test('TTL: an entry expires', () => {
  let now = 0;
  const c = new LruTtlCache<string>({ maxEntries: 10, ttlMs: 100, now: () => now });
  c.set('q', 1, 'x');
  now = 99;
  assert.equal(c.get('q', 1), 'x');
  now = 100;
  assert.equal(c.get('q', 1), undefined);
  assert.equal(c.size, 0);
});

test('a new index generation invalidates entries', () => {
  const c = new LruTtlCache<string>({ maxEntries: 10, ttlMs: 1000, now: () => 0 });
  c.set('q', 1, 'old');
  assert.equal(c.get('q', 2), undefined);
  assert.equal(c.size, 0);
  c.set('q', 2, 'new');
  assert.equal(c.get('q', 2), 'new');
  assert.equal(c.hits, 1);
});

test('maxEntries 0 disables the cache', () => {
  const c = new LruTtlCache<string>({ maxEntries: 0, ttlMs: 1000 });
  c.set('q', 1, 'x');
  assert.equal(c.get('q', 1), undefined);
});
