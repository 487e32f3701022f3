// `ax --version` and `ax status` must not load Tree-sitter or grammars (start-up cost). A module
// resolution hook makes any import of web-tree-sitter fail, and a preloaded script any require() of it
// (the CLI bundle is CommonJS); those commands must still succeed, and a command that parses must fail
// under the same hooks (proving they work).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ax.cjs');
const HOOK = `
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
export async function resolve(spec, ctx, next) {
  if (spec.includes('web-tree-sitter') || spec.endsWith('.wasm')) throw new Error('FORBIDDEN tree-sitter load: ' + spec);
  return next(spec, ctx);
}\`));
`;

const REQUIRE_HOOK = `
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request.includes('web-tree-sitter') || request.endsWith('.wasm')) throw new Error('FORBIDDEN tree-sitter load: ' + request);
  return load.call(this, request, ...rest);
};
`;

test('--version and status do not load Tree-sitter; index does', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-startup-'));
  const hookDir = mkdtempSync(path.join(tmpdir(), 'ax-hook-'));
  t.after(() => { rmSync(dir, { recursive: true, force: true }); rmSync(hookDir, { recursive: true, force: true }); });
  writeFileSync(path.join(dir, 'a.py'), 'def f():\n    return 1\n');
  const hook = path.join(hookDir, 'hook.mjs');
  writeFileSync(hook, HOOK);
  const requireHook = path.join(hookDir, 'hook.cjs');
  writeFileSync(requireHook, REQUIRE_HOOK);
  const run = (args: string[], guarded: boolean) => spawnSync(process.execPath, [...(guarded ? ['--import', hook, '--require', requireHook] : []), BIN, ...args], { cwd: dir, encoding: 'utf8' });

  assert.equal(run(['index', '.', '--quiet'], false).status, 0);
  const v = run(['--version'], true);
  assert.equal(v.status, 0, v.stderr);
  const s = run(['status', '--json'], true);
  assert.equal(s.status, 0, s.stderr);
  assert.equal(JSON.parse(s.stdout).files, 1);
  const h = run(['--help'], true);
  assert.equal(h.status, 0, h.stderr);

  writeFileSync(path.join(dir, 'b.py'), 'def g():\n    return 2\n');
  const i = run(['index', '.', '--json'], true);
  assert.match(i.stdout + i.stderr, /FORBIDDEN tree-sitter load|parse-failed|grammar/, 'the hook does block Tree-sitter');
  // In this process (not a worker): `def --at` on Python parses the file here, through require().
  const d = run(['def', '--at', 'a.py:1:5', '--json'], true);
  assert.notEqual(JSON.parse(d.stdout).results?.[0]?.resolution, 'scope', 'the require() hook does block Tree-sitter');
  assert.equal(JSON.parse(run(['def', '--at', 'a.py:1:5', '--json'], false).stdout).results[0].resolution, 'scope');
});
