// A grammar that is missing or broken disables its language only: extraction of that language fails
// with E_GRAMMAR (once; the failure is cached, not retried per file), every other language keeps
// working, and an index run reports the failure as exactly one warning while indexing the rest.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isAxError } from '../core/errors.js';
import { extract, grammarPath } from './engine.js';
import { languageById } from './registry.js';
import type { LanguageSpec } from './spec.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(here, '..', '..', 'bin', 'ax.cjs');

test('a missing grammar or a corrupt wasm disables only its language', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-grammar-'));
  try {
    const corrupt = path.join(dir, 'corrupt.wasm');
    writeFileSync(corrupt, 'not a wasm module');
    const toml = languageById('toml')!;
    const outDir = path.dirname(grammarPath(toml));
    const broken: LanguageSpec[] = [
      { ...toml, id: 'broken-missing', name: 'BrokenMissing', grammar: 'tree-sitter-does-not-exist.wasm' },
      { ...toml, id: 'broken-corrupt', name: 'BrokenCorrupt', grammar: path.relative(outDir, corrupt) },
      { ...toml, id: 'broken-query', name: 'BrokenQuery', query: '(no_such_node) @definition.function' },
    ];
    for (const spec of broken) {
      for (let i = 0; i < 2; i++) {
        await assert.rejects(extract(spec, 'a = 1\n'), (e) => isAxError(e) && e.code === 'E_GRAMMAR' && e.message.includes(spec.name));
      }
    }
    const py = await extract(languageById('python')!, 'def f():\n    return g()\n');
    assert.deepEqual(py.symbols.map((s) => s.name), ['f']);
    const real = await extract(toml, '[a]\nb = 1\n');
    assert.deepEqual(real.symbols.map((s) => `${s.container}.${s.name}`), ['.a', 'a.b']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ax index with one broken grammar: one warning, the other languages indexed', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-grammar-run-'));
  try {
    const repo = path.join(dir, 'repo');
    spawnSync('mkdir', ['-p', repo]);
    for (let i = 0; i < 5; i++) writeFileSync(path.join(repo, `conf${i}.toml`), `[s${i}]\nk = ${i}\n`);
    writeFileSync(path.join(repo, 'a.py'), 'def main():\n    pass\n');
    writeFileSync(path.join(repo, 'b.json'), '{"k": 1}\n');
    // Preloaded in the CLI process and (through inherited execArgv) in every parser worker: point the
    // TOML spec at a grammar file that does not exist before anything loads it.
    const preload = path.join(dir, 'break-toml.mjs');
    const registry = pathToFileURL(path.join(here, 'registry.js')).href;
    writeFileSync(preload, `import { languageById } from ${JSON.stringify(registry)};\nlanguageById('toml').grammar = 'tree-sitter-toml-missing.wasm';\n`);
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(preload).href, BIN, 'index', repo, '--json'],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { files: number; languages: Record<string, number>; warnings: string[]; skipped: Record<string, number> };
    assert.equal(out.warnings.filter((w) => /TOML/.test(w)).length, 1, JSON.stringify(out.warnings));
    assert.equal(out.skipped['grammar-unavailable'], 5);
    assert.equal(out.languages.python, 1);
    assert.equal(out.languages.json, 1);
    assert.equal(out.languages.toml, undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
