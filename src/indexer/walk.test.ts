import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { walk } from './walk.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-walk-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

test('walk honours nested .gitignore with negations inside a git repo', (t) => {
  const root = tree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': '*.log\nbuild/\n',
    'a.py': '', 'debug.log': '', 'build/out.py': '',
    'sub/.gitignore': '!keep.log\n*.tmp.py\n',
    'sub/keep.log': '', 'sub/x.tmp.py': '', 'sub/y.py': '',
    'node_modules/m/index.js': '',
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const r = walk(root);
  const files = r.files.map((f) => f.rel).sort();
  assert.deepEqual(files, ['.gitignore', 'a.py', 'sub/.gitignore', 'sub/keep.log', 'sub/y.py']);
  const why = Object.fromEntries(r.skipped.map((s) => [s.path, `${s.reason}:${s.detail}`]));
  assert.equal(why['debug.log'], 'ignored:.gitignore');
  assert.equal(why['build/'], 'ignored:.gitignore');
  assert.equal(why['sub/x.tmp.py'], 'ignored:sub/.gitignore');
  assert.equal(why['node_modules/'], 'ignored:built-in');
  assert.equal(why['.git/'], undefined, '.git is skipped silently');
});

test('outside a git repo .gitignore is not applied but .axignore always is', (t) => {
  const root = tree({ '.gitignore': '/*\n', '.axignore': 'gen/\n', 'a.c': '', 'gen/b.c': '' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const files = walk(root).files.map((f) => f.rel).sort();
  assert.deepEqual(files, ['.axignore', '.gitignore', 'a.c']);
});

test('config exclude patterns apply; symlinks are reported, not followed', (t) => {
  const root = tree({ 'a.py': 'x = 1\n', 'vendor/v.py': '' });
  symlinkSync(path.join(root, 'a.py'), path.join(root, 'link.py'));
  symlinkSync(root, path.join(root, 'loop'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const r = walk(root, ['vendor/']);
  assert.deepEqual(r.files.map((f) => f.rel), ['a.py']);
  const why = Object.fromEntries(r.skipped.map((s) => [s.path, `${s.reason}:${s.detail}`]));
  assert.equal(why['vendor/'], 'ignored:config exclude');
  assert.equal(why['link.py'], 'not-regular:symlink');
  assert.equal(why['loop'], 'not-regular:symlink');
});
