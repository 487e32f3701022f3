// End-to-end: the built CLI (bin/ax.cjs) on temporary repositories.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import Database from 'better-sqlite3';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ax.cjs');

function ax(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr, json: () => JSON.parse(r.stdout) };
}

function repo(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-e2e-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const PY = `import os\n\nclass Config:\n    """Settings loader."""\n    def load(self, path):\n        return parse_config(open(path).read())\n\ndef parse_config(text):\n    """Parse a config string."""\n    return dict(line.split('=') for line in text.splitlines())\n`;
const C = `#include <stdio.h>\nstruct point { int x; };\nstatic int add(int a, int b) { return a + b; }\nint main(void) { printf("%d", add(1, 2)); return 0; }\n`;

test('index, status --json, find --json on a small repository', (t) => {
  const root = repo({
    'src/config.py': PY,
    'src/main.c': C,
    'README.txt': 'not code',
    'bin/blob.py': Buffer.from([0x70, 0x00, 0x01, 0x02]),
    'dist/app.min.js.py': 'x=1;'.repeat(3000),
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const idx = ax(['index', '.', '--json'], root);
  assert.equal(idx.code, 0, idx.err);
  const s = idx.json();
  assert.equal(s.files, 2);
  assert.deepEqual(s.languages, { c: 1, python: 1 });
  assert.equal(s.added, 2);
  assert.deepEqual(s.skipped, { unsupported: 1, binary: 1, minified: 1 });
  assert.ok(s.symbols >= 6 && s.refs > 10);

  const st = ax(['status', '--json'], path.join(root, 'src'));
  assert.equal(st.code, 0, st.err);
  const sj = st.json();
  for (const k of ['root', 'files', 'symbols', 'refs', 'bytes', 'languages', 'indexedAt', 'generation', 'schemaVersion']) assert.ok(k in sj, k);
  assert.equal(sj.root, root);
  assert.equal(sj.files, 2);
  assert.equal(sj.generation, 1);

  const f = ax(['find', 'parse config', '--json'], root);
  assert.equal(f.code, 0, f.err);
  const fj = f.json();
  assert.equal(fj.query, 'parse config');
  assert.ok(fj.total >= 1);
  const top = fj.results[0];
  assert.equal(top.path, 'src/config.py');
  assert.equal(top.symbol, 'parse_config');
  assert.equal(top.kind, 'function');
  assert.equal(top.line, 8);
  assert.match(top.snippet, /def parse_config/);

  const human = ax(['find', 'add', '--root', root], tmpdir());
  assert.equal(human.code, 0, human.err);
  assert.match(human.out, /src\/main\.c:3 function add/);
});

test('re-index is incremental: unchanged files are not re-parsed, edits and deletions are applied', (t) => {
  const root = repo({ 'a.py': 'def alpha():\n    pass\n', 'b.py': 'def beta():\n    pass\n', 'c.py': 'def gamma():\n    pass\n' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  assert.equal(ax(['index', '--json'], root).code, 0);
  const again = ax(['index', '--json'], root).json();
  assert.equal(again.parsedFiles, 0);
  assert.equal(again.unchanged, 3);
  assert.equal(again.generation, 1, 'a no-op run does not bump the generation');

  writeFileSync(path.join(root, 'a.py'), 'def alpha_renamed():\n    pass\n');
  unlinkSync(path.join(root, 'b.py'));
  const future = new Date(Date.now() + 5000);
  utimesSync(path.join(root, 'c.py'), future, future); // touched, same content
  const r = ax(['index', '--json'], root).json();
  assert.equal(r.updated, 1);
  assert.equal(r.removed, 1);
  assert.equal(r.parsedFiles, 1, 'the touched file is recognised by its hash');
  assert.equal(r.files, 2);
  assert.equal(r.generation, 2);
  assert.equal(ax(['find', 'beta', '--json'], root).json().total, 0);
  assert.equal(ax(['find', 'alpha_renamed', '--json'], root).json().results[0].symbol, 'alpha_renamed');
});

test('errors: no index, nothing indexable, newer schema, bad flags', (t) => {
  const empty = repo({ 'notes.txt': 'hello' });
  t.after(() => rmSync(empty, { recursive: true, force: true }));
  const none = ax(['status', '--json'], empty);
  assert.equal(none.code, 1);
  assert.equal(none.json().error.code, 'E_NO_INDEX');
  const nothing = ax(['index', '--verbose'], empty);
  assert.equal(nothing.code, 2);
  assert.match(nothing.err, /nothing could be indexed/);
  assert.match(nothing.out, /unsupported\s+notes\.txt/);

  const r = repo({ 'a.py': 'x = 1\n' });
  t.after(() => rmSync(r, { recursive: true, force: true }));
  assert.equal(ax(['index'], r).code, 0);
  const db = new Database(path.join(r, '.ax', 'index.db'));
  db.pragma('user_version = 999');
  db.close();
  const newer = ax(['status'], r);
  assert.equal(newer.code, 1);
  assert.match(newer.err, /newer than this ax supports/);
  assert.doesNotMatch(newer.err, /at .*\.js:\d+/, 'no stack trace');

  const bad = ax(['find', '--limit', 'x', 'q'], r);
  assert.equal(bad.code, 2);
  const unknown = ax(['index', '--nope'], r);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /--nope/);
});

test('settings: env and flags reach the indexer (max file size)', (t) => {
  const root = repo({ 'small.py': 'x = 1\n', 'big.py': `y = "${'a'.repeat(2000)}"\n` });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const viaEnv = ax(['index', '--json'], root, { AX_MAX_FILE_SIZE: '1000' }).json();
  assert.equal(viaEnv.files, 1);
  assert.equal(viaEnv.skipped['too-large'], 1);
  const viaFlag = ax(['index', '--json', '--max-file-size', '100000'], root, { AX_MAX_FILE_SIZE: '1000' }).json();
  assert.equal(viaFlag.files, 2);
  const help = ax(['index', '--help'], root);
  assert.match(help.out, /--max-file-size N/);
});
