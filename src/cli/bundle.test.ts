// The CLI bundle carries better-sqlite3's JavaScript (scripts/build.mjs) and must use it only with the
// version of the package it was built from: the JavaScript has to match the installed native addon.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const REAL_SQLITE = path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
const LIST_CJS = "process.on('exit', () => process.stderr.write('CJS ' + Object.keys(require.cache).join(' ') + '\\n'));";

test('the bundled better-sqlite3 JavaScript is used with the same version only', (t) => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'ax-bundle-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const repo = path.join(tmp, 'repo');
  mkdirSync(repo);
  writeFileSync(path.join(repo, 'a.py'), 'def f():\n    return 1\n');
  writeFileSync(path.join(tmp, 'list.cjs'), LIST_CJS);
  const run = (bin: string, args: string[]) => spawnSync(process.execPath, ['-r', path.join(tmp, 'list.cjs'), bin, ...args], {
    cwd: repo, encoding: 'utf8', env: { ...process.env, AX_CODE_CACHE_DIR: path.join(tmp, 'cc') },
  });
  const bin = path.join(ROOT, 'bin', 'ax.cjs');
  assert.equal(run(bin, ['index', '.', '--quiet']).status, 0);
  const same = run(bin, ['status', '--json']);
  assert.equal(same.status, 0, same.stderr);
  assert.equal(JSON.parse(same.stdout).files, 1);
  const loaded = /CJS (.*)/.exec(same.stderr)![1]!.split(' ');
  assert.ok(loaded.some((f) => f.endsWith('better_sqlite3.node')), 'the addon is loaded from the package');
  assert.ok(!loaded.some((f) => f.includes(`${path.sep}better-sqlite3${path.sep}lib${path.sep}`)), 'its JavaScript comes from the bundle');

  // A copy of ax whose node_modules holds another version of better-sqlite3: that package is used.
  const pkg = path.join(tmp, 'pkg');
  for (const d of ['bin', 'dist/cli', 'node_modules/better-sqlite3/lib']) mkdirSync(path.join(pkg, d), { recursive: true });
  copyFileSync(bin, path.join(pkg, 'bin', 'ax.cjs'));
  copyFileSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
  copyFileSync(path.join(ROOT, 'dist', 'cli', 'main.bundle.cjs'), path.join(pkg, 'dist', 'cli', 'main.bundle.cjs'));
  const other = path.join(pkg, 'node_modules', 'better-sqlite3');
  writeFileSync(path.join(other, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '0.0.0-other', main: 'lib/index.js' }));
  writeFileSync(path.join(other, 'lib', 'index.js'), `process.stderr.write('OTHER better-sqlite3\\n');\nmodule.exports = require(${JSON.stringify(REAL_SQLITE)});\n`);
  const diff = run(path.join(pkg, 'bin', 'ax.cjs'), ['status', '--json']);
  assert.equal(diff.status, 0, diff.stderr);
  assert.match(diff.stderr, /OTHER better-sqlite3/);
  assert.equal(JSON.parse(diff.stdout).files, 1);
  assert.ok(readFileSync(path.join(pkg, 'dist', 'cli', 'main.bundle.cjs'), 'utf8').startsWith('// ax-bundle '));
});
