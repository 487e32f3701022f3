// The vendored grammars (grammars/*.wasm, built by scripts/build-grammars.sh) are the files the manifest
// describes, every language that uses one finds it, and the package ships the folder.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { VENDORED, VENDORED_DIR } from './grammar-file.js';
import { LANGUAGES } from './registry.js';

interface Entry { package: string; version: string; integrity: string; abi: number; bytes: number; sha256: string }
const manifest = JSON.parse(readFileSync(path.join(VENDORED_DIR, 'manifest.json'), 'utf8')) as { grammars: Record<string, Entry> };

test('every vendored .wasm matches its manifest entry (sha256, size, ABI 13-15, pinned source)', () => {
  const files = readdirSync(VENDORED_DIR).filter((f) => f.endsWith('.wasm')).sort();
  assert.deepEqual(files, Object.keys(manifest.grammars).sort());
  for (const f of files) {
    const bytes = readFileSync(path.join(VENDORED_DIR, f));
    const e = manifest.grammars[f]!;
    assert.equal(bytes.length, e.bytes, f);
    assert.equal(createHash('sha256').update(bytes).digest('hex'), e.sha256, `${f} differs from the manifest: rebuild with scripts/build-grammars.sh`);
    assert.ok(e.abi >= 13 && e.abi <= 15, `${f} ABI ${e.abi}`);
    assert.match(e.version, /^\d+\.\d+\.\d+$/, `${f} pins an exact version`);
    assert.match(e.integrity, /^sha512-/, `${f} records the npm tarball integrity`);
    assert.ok(existsSync(path.join(VENDORED_DIR, 'licenses', f.replace(/\.wasm$/, '.txt'))),
      `${f}: the grammar's licence is copied beside it`);
  }
});

test('languages with a vendored grammar name a file in grammars/, and package.json ships the folder', () => {
  const vendored = LANGUAGES.filter((l) => l.grammarPackage === VENDORED);
  assert.ok(vendored.length > 0);
  for (const l of vendored) assert.ok(manifest.grammars[l.grammar], `${l.id}: ${l.grammar} is in grammars/manifest.json`);
  const pkg = JSON.parse(readFileSync(path.join(VENDORED_DIR, '..', 'package.json'), 'utf8')) as { files: string[] };
  assert.ok(pkg.files.includes('grammars'), 'package.json "files" includes grammars');
});
