// bin/ax.cjs runs the CLI bundle with a V8 code cache (one file per command, named after the bundle's
// content hash). A cache is only a hint: missing, damaged, truncated, foreign or stale files must be
// ignored (same output, exit 0) and replaced; a cache directory that cannot be written is no error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { crc32 } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'bin', 'ax.cjs');
const BUNDLE_ID = /^\/\/ ax-bundle ([0-9a-f]{16})\n/.exec(readFileSync(path.join(ROOT, 'dist', 'cli', 'main.bundle.cjs'), 'utf8'))![1]!;

test('a missing, damaged, foreign or stale code cache is ignored and replaced', (t) => {
  const repo = mkdtempSync(path.join(tmpdir(), 'ax-cc-repo-'));
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'ax-cc-'));
  t.after(() => { rmSync(repo, { recursive: true, force: true }); rmSync(cacheDir, { recursive: true, force: true }); });
  writeFileSync(path.join(repo, 'a.py'), 'def parse_config(path):\n    return path\n\nparse_config("x")\n');
  const run = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: repo, encoding: 'utf8', env: { ...process.env, AX_CODE_CACHE_DIR: cacheDir, AX_CODE_CACHE_DEBUG: '1', ...env },
    });
    const state = /ax: code cache (\w+)/.exec(r.stderr)?.[1];
    return { status: r.status, stdout: r.stdout, state };
  };
  assert.equal(run(['index', '.', '--quiet']).status, 0);
  const file = path.join(cacheDir, `find-${BUNDLE_ID}.bin`);
  const find = ['find', 'parse_config', '--json'];
  // tookMs differs run to run; everything else must not.
  const norm = (s: string) => s.replace(/"tookMs": [\d.]+/, '"tookMs": 0');

  const first = run(find);
  assert.equal(first.status, 0);
  assert.equal(first.state, 'none');
  assert.equal(JSON.parse(first.stdout).results[0].symbol, 'parse_config');
  assert.ok(existsSync(file), 'written after a successful run');
  const good = readFileSync(file);
  assert.equal(good.toString('latin1', 0, 4), 'AXCC');
  const second = run(find);
  assert.equal(second.state, 'used');
  assert.equal(norm(second.stdout), norm(first.stdout));

  const damaged: Array<[string, Buffer, string]> = [
    ['a flipped payload byte', Buffer.from(good.map((b, i) => (i === good.length - 100 ? b ^ 0xff : b))), 'damaged'],
    ['a truncated file', good.subarray(0, good.length >> 1), 'damaged'],
    ['an empty file', Buffer.alloc(0), 'damaged'],
    ['garbage with a valid header', withHeader(Buffer.from('not V8 cached data at all, just some bytes'.repeat(50))), 'rejected'],
  ];
  for (const [what, bytes, state] of damaged) {
    writeFileSync(file, bytes);
    const r = run(find);
    assert.equal(r.status, 0, what);
    assert.equal(r.state, state, what);
    assert.equal(norm(r.stdout), norm(first.stdout), what);
    assert.equal(run(find).state, 'used', `${what}: replaced by a good cache`);
  }

  // A cache of another build of the bundle is never read, and goes when this build writes its own.
  rmSync(file);
  const stale = path.join(cacheDir, 'find-0123456789abcdef.bin');
  writeFileSync(stale, good);
  assert.equal(run(find).state, 'none');
  assert.ok(!existsSync(stale), 'stale cache removed');
  assert.ok(existsSync(file));

  // Off, and an unwritable cache location: the command works and writes nothing.
  rmSync(file);
  assert.equal(run(find, { AX_NO_CODE_CACHE: '1' }).state, 'off');
  assert.deepEqual(readdirSync(cacheDir).filter((f) => f.startsWith('find-')), []);
  const blocked = path.join(cacheDir, 'a-file');
  writeFileSync(blocked, '');
  const r = run(find, { AX_CODE_CACHE_DIR: path.join(blocked, 'sub') });
  assert.equal(r.status, 0);
  assert.equal(norm(r.stdout), norm(first.stdout));
  // A failed command writes no cache.
  assert.notEqual(run(['find', '"unclosed', '--json']).status, 0);
  assert.ok(!existsSync(file));
});

/** A cache file header ("AXCC", length, CRC-32) around `payload`, as bin/ax.cjs writes it. */
function withHeader(payload: Buffer): Buffer {
  const head = Buffer.alloc(12);
  head.write('AXCC', 0, 'latin1');
  head.writeUInt32LE(payload.length, 4);
  head.writeUInt32LE(crc32(payload), 8);
  return Buffer.concat([head, payload]);
}

test('commands that change V8 flags at run time (index workers, WASM tiering) still get a usable cache', (t) => {
  const repo = mkdtempSync(path.join(tmpdir(), 'ax-cc-flags-'));
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'ax-cc-'));
  t.after(() => { rmSync(repo, { recursive: true, force: true }); rmSync(cacheDir, { recursive: true, force: true }); });
  writeFileSync(path.join(repo, 'a.py'), 'def parse_config(path):\n    return path\n');
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: repo, encoding: 'utf8', env: { ...process.env, AX_CODE_CACHE_DIR: cacheDir, AX_CODE_CACHE_DEBUG: '1' },
    });
    assert.equal(r.status, 0, r.stderr);
    return /ax: code cache (\w+)/.exec(r.stderr)?.[1];
  };
  // Each run parses a changed file: `index` starts workers (they set --expose-gc) and picks WASM
  // flags; `def --at` parses with Liftoff-only flags. A cache written after such a change would be
  // rejected by the next, unchanged process.
  for (const [i, args] of [['index', '.', '--quiet'], ['def', '--at', 'a.py:2:12', '--json']].entries()) {
    writeFileSync(path.join(repo, 'a.py'), `def parse_config(path):\n    return path\n# edit ${i}\n`);
    assert.equal(run(args), 'none', args.join(' '));
    writeFileSync(path.join(repo, 'a.py'), `def parse_config(path):\n    return path\n# edit ${i} again\n`);
    assert.equal(run(args), 'used', args.join(' '));
  }
});
