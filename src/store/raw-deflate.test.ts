import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { deflateRaw, inflateRawShared } from './raw-deflate.js';

/** Bytes that compress somewhat, like a refs blob (repeated names, small varints). */
function sample(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) >>> 0; b[i] = (x >>> 24) % 7 === 0 ? (x >>> 16) & 0xff : 97 + ((x >>> 20) % 5); }
  return b;
}

test('raw deflate: round trips, and interoperates with zlib in both directions, across sizes that make the shared buffer grow', () => {
  for (const [i, n] of [0, 1, 255, 4096, 70_000, 300_000, 1_500_000].entries()) {
    const data = sample(n, i + 1);
    const packed = Buffer.from(deflateRaw(data));
    assert.deepEqual(inflateRawSync(packed), data, `zlib inflates ours (${n} bytes)`);
    assert.deepEqual(Buffer.from(inflateRawShared(packed)), data, `ours inflates ours (${n} bytes)`);
    assert.deepEqual(Buffer.from(inflateRawShared(deflateRawSync(data, { level: 1 }))), data, `ours inflates zlib's (${n} bytes)`);
    assert.deepEqual(Buffer.from(inflateRawShared(deflateRawSync(data, { level: 9 }))), data, `any level (${n} bytes)`);
  }
});

test('raw deflate: the output is a view of one reused buffer (the point of the module)', () => {
  const a = inflateRawShared(deflateRawSync(sample(1000, 7)));
  const b = inflateRawShared(deflateRawSync(sample(2000, 8)));
  assert.equal(a.buffer, b.buffer);
  assert.deepEqual(Buffer.from(b), sample(2000, 8));
});

test('raw deflate: bytes that are not raw deflate throw zlib\'s error, and the next blob still decodes', () => {
  const good = deflateRawSync(sample(5000, 3));
  for (const bad of [Buffer.from([0xff, 0xff, 0xff, 0xff]), good.subarray(0, 10), Buffer.alloc(0)]) {
    assert.throws(() => inflateRawShared(bad), (e: NodeJS.ErrnoException) => typeof e.code === 'string' && e.code.startsWith('Z_'));
    assert.deepEqual(Buffer.from(inflateRawShared(good)), sample(5000, 3));
  }
});

test('raw inflate in a fresh process goes straight to the zlib binding: node:zlib is not loaded, and --pending-deprecation gets no warning', () => {
  const mod = new URL('./raw-deflate.js', import.meta.url).href;
  const packed = deflateRawSync(sample(20_000, 5)).toString('base64');
  const script = `import { inflateRawShared } from ${JSON.stringify(mod)};
    import { createHash } from 'node:crypto';
    const out = inflateRawShared(Buffer.from(${JSON.stringify(packed)}, 'base64'));
    process.stdout.write(JSON.stringify({ sha: createHash('sha1').update(out).digest('hex'), zlib: process.moduleLoadList.includes('NativeModule zlib') }));`;
  const want = createHash('sha1').update(sample(20_000, 5)).digest('hex');
  const run = (...flags: string[]) => spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  const plain = run();
  assert.equal(plain.status, 0, plain.stderr);
  assert.deepEqual(JSON.parse(plain.stdout), { sha: want, zlib: typeof (process as { binding?: unknown }).binding !== 'function' });
  const strict = run('--pending-deprecation');
  assert.equal(strict.status, 0, strict.stderr);
  assert.doesNotMatch(strict.stderr, /DEP0111|DeprecationWarning/);
  assert.deepEqual(JSON.parse(strict.stdout), { sha: want, zlib: true }, 'the node:zlib stream instead');
});

test('raw deflate is deterministic: the bytes of a blob do not depend on the blob deflated before it', () => {
  // This repository's own sources: with one reused deflate handle, 12 of 216 came out differently
  // when the order changed.
  const root = new URL('../../src/', import.meta.url);
  const files: Buffer[] = [];
  const walk = (dir: URL) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(new URL(`${e.name}/`, dir));
      else if (e.name.endsWith('.ts')) files.push(readFileSync(new URL(e.name, dir)));
    }
  };
  walk(root);
  assert.ok(files.length > 100);
  const hex = (b: Buffer) => Buffer.from(deflateRaw(b)).toString('hex');
  const forward = files.map(hex);
  const backward = files.slice().reverse().map(hex).reverse();
  assert.equal(forward.filter((x, i) => x !== backward[i]).length, 0);
});
