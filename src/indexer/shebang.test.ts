// Extension-less files: indexed when their first line is a #! of a supported language, skipped as
// unsupported otherwise, and kept in step when that first line changes between runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ax.cjs');

interface IndexJson { languages: Record<string, number>; added: number; removed: number; unchanged: number; parsedFiles: number; skipped: Record<string, number> }

function index(root: string): IndexJson {
  const r = spawnSync(process.execPath, [BIN, 'index', root, '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as IndexJson;
}

function put(root: string, rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

test('extension-less files: #! decides, and a changed first line is picked up', (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-shebang-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  put(root, 'bin/tool', '#!/usr/bin/env python3\ndef tool_main():\n    return 1\n');
  put(root, 'bin/run', '#!/bin/sh\nrun_all() { echo hi; }\n');
  put(root, 'README', 'Just words, no script.\n');
  put(root, 'bin/odd', '#!/usr/bin/env no-such-language\nwhatever\n');
  put(root, 'lib.py', 'def helper():\n    return 2\n');

  const first = index(root);
  assert.deepEqual(first.languages, { bash: 1, python: 2 });
  assert.equal(first.skipped.unsupported, 2);

  const again = index(root);
  assert.equal(again.parsedFiles, 0);
  assert.equal(again.unchanged, 3);
  assert.equal(again.skipped.unsupported, 2);

  // bin/tool loses its #! line (it is no script any more), README gains one.
  put(root, 'bin/tool', 'def tool_main():\n    return 1\n');
  put(root, 'README', '#!/usr/bin/env python3\nprint("now a script")\n');
  const third = index(root);
  assert.equal(third.removed, 1);
  assert.equal(third.added, 1);
  assert.deepEqual(third.languages, { bash: 1, python: 2 });
});
