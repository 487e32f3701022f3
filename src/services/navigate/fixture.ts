// Test support for the navigation tests: a temporary tree indexed by the built CLI, positions found by
// the text at them (so a fixture edit does not shift hand-counted columns), and the top definition.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { definitions } from './index.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'ax.cjs');

/** Writes `files` under a new temporary directory and indexes it with `ax index`; returns the root. */
export function indexedTree(prefix: string, files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  const r = spawnSync(process.execPath, [BIN, 'index', '.', '--quiet'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return root;
}

/** `at(file, needle, n, offset)`: `file:line:col` of the n-th `needle` in a fixture file, plus `offset` columns. */
export function positions(files: Record<string, string>) {
  return (file: string, needle: string, n = 0, offset = 0): string => {
    const lines = files[file]!.split('\n');
    let seen = 0;
    for (let i = 0; i < lines.length; i++) {
      for (let c = lines[i]!.indexOf(needle); c >= 0; c = lines[i]!.indexOf(needle, c + 1)) {
        if (seen++ === n) return `${file}:${i + 1}:${c + 1 + offset}`;
      }
    }
    throw new Error(`${needle} #${n} not in ${file}`);
  };
}

/** `file:line:col` of the top answer of `def --at pos`. */
export async function topDefinition(root: string, pos: string): Promise<string | undefined> {
  const top = (await definitions({ root, at: pos })).results[0];
  return top ? `${top.path}:${top.line}:${top.column}` : undefined;
}

/**
 * A test file's tree: indexed before its tests, removed after them. `at` finds positions by text,
 * `def` answers `def --at`, `root()` is the tree (set once the tests run).
 */
export function navTree(prefix: string, files: Record<string, string>) {
  let root = '';
  before(() => { root = indexedTree(prefix, files); });
  after(() => rmSync(root, { recursive: true, force: true }));
  return { at: positions(files), def: (pos: string) => topDefinition(root, pos), root: () => root };
}
