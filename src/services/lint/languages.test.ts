// Where `ax lint` takes a file's language from: a fresh index entry (same size and mtime), else disk
// (path, `#!` line, `.h` content); a damaged index is ignored, never fatal. Real `ax index` runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { lint } from './index.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'ax-lint-lang-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const langs = async (root: string, paths?: string[]) =>
  (await lint({ root, ...(paths ? { paths } : {}), packs: ['common'] })).findings.map((f) => `${f.path} ${f.lang} ${f.rule}`);

test('from disk: `#!` scripts without an extension, `.h` files by content, binary files skipped', async () => {
  const dir = tree('disk', {
    'bin/tool': '#!/usr/bin/env python3\nimport pdb\npdb.set_trace()\n',
    'bin/run': '#!/usr/bin/env node\ndebugger;\n',
    'bin/blob': '\x7fELF\x00\x01\x02 not a script',
    'inc/c.h': '// TODO: c\nint f(void);\n',
    'inc/cpp.h': 'namespace a {\n// TODO: cpp\n}\n',
  });
  assert.deepEqual(await langs(dir), [
    'bin/run javascript common/debugger',
    'bin/tool python common/debugger',
    'inc/c.h c common/todo',
    'inc/cpp.h cpp common/todo',
  ]);
  assert.equal((await lint({ root: dir, packs: ['common'] })).files, 4, 'the binary file is not counted as checked');
});

test('from the index where its entry is fresh, from disk where it is not', async () => {
  const dir = tree('indexed', { 'inc/z.h': '// TODO: c header\nint g(void);\n', 'src/a.c': '// TODO: a\n' });
  const file = path.join(dir, 'inc', 'z.h');
  const when = 1_700_000_000; // whole seconds: set and read back exactly
  utimesSync(file, when, when);
  const ix = spawnSync(process.execPath, [path.join(REPO, 'bin', 'ax.cjs'), 'index'], { cwd: dir, encoding: 'utf8' });
  assert.equal(ix.status, 0, ix.stderr);
  // Same size and mtime, C++ content: the indexer would call it unchanged, and so does lint.
  const cpp = 'namespace q {\n// TODO\n}\n';
  writeFileSync(file, cpp + ' '.repeat(statSync(file).size - cpp.length));
  utimesSync(file, when, when);
  assert.deepEqual(await langs(dir), ['inc/z.h c common/todo', 'src/a.c c common/todo']);
  // From a subfolder root, paths are matched against the index's.
  assert.deepEqual(await langs(path.join(dir, 'inc')), ['z.h c common/todo']);
  // Touched: stale, so disk decides.
  utimesSync(file, when, when + 5);
  assert.deepEqual(await langs(dir), ['inc/z.h cpp common/todo', 'src/a.c c common/todo']);
});

test('a damaged index does not fail a lint run', async () => {
  const dir = tree('damaged', { 'a.py': 'breakpoint()\n', '.ax/index.db': 'not a database at all, just text' });
  assert.deepEqual(await langs(dir), ['a.py python common/debugger']);
});
