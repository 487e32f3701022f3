// Scope analyses kept across queries (long-lived processes only): reused for the same text, never for
// an edited file, bounded by source characters, and off in a process of its own.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { FileScopes } from '../../lang/scopes.js';
import { keepAnalyses, keepAnalysis, keptAnalysesSize, keptAnalysis } from './analysis-cache.js';
import { indexedTree } from './fixture.js';
import { references } from './index.js';

const scopes = (lang: string) => ({ lang }) as unknown as FileScopes;

test('kept analyses: off by default, reused only for the same text, least recently used out first', (t) => {
  t.after(() => keepAnalyses(0));
  keepAnalysis('/r/a.ts', 'let a = 1', scopes('a'));
  assert.equal(keptAnalysis('/r/a.ts', 'let a = 1'), null, 'nothing is kept in a process of its own');
  keepAnalyses(20);
  keepAnalysis('/r/a.ts', 'let a = 1', scopes('a')); // 9 characters
  keepAnalysis('/r/b.ts', 'let b = 2', scopes('b'));
  assert.equal(keptAnalysis('/r/a.ts', 'let a = 1')?.lang, 'a');
  assert.equal(keptAnalysis('/r/a.ts', 'let a = 10'), null, 'an edited file is a miss');
  keepAnalysis('/r/c.ts', 'let c = 3', scopes('c')); // 27 characters held: b (least recently used) goes
  assert.equal(keptAnalysis('/r/b.ts', 'let b = 2'), null);
  assert.equal(keptAnalysis('/r/c.ts', 'let c = 3')?.lang, 'c');
  assert.deepEqual(keptAnalysesSize(), { files: 2, chars: 18 });
  keepAnalysis('/r/big.ts', 'x'.repeat(21), scopes('big'));
  assert.equal(keptAnalysis('/r/big.ts', 'x'.repeat(21)), null, 'a file over the bound alone is not kept');
  keepAnalyses(0);
  assert.deepEqual(keptAnalysesSize(), { files: 0, chars: 0 });
});

test('refs across queries with kept analyses: the same answers, and an edit since is seen', async (t) => {
  const files = {
    'src/a.ts': 'export class Box {\n  get(): number { return 1; }\n}\n',
    'src/b.ts': "import { Box } from './a';\nexport const one = new Box().get();\n",
  };
  const root = indexedTree('ax-kept-', files);
  t.after(() => { keepAnalyses(0); rmSync(root, { recursive: true, force: true }); });
  const refs = async () => (await references({ root, name: 'Box.get' })).results.map((r) => `${r.path}:${r.line}:${r.column}`);
  const cold = await refs();
  assert.deepEqual(cold, ['src/a.ts:2:3', 'src/b.ts:2:30']);
  keepAnalyses(1_000_000);
  assert.deepEqual(await refs(), cold);
  assert.equal(keptAnalysesSize().files, 2, 'both files analysed once and kept');
  assert.deepEqual(await refs(), cold, 'answered from kept analyses');
  // An edit (not re-indexed: the index still names b.ts as the only other candidate) must be seen.
  writeFileSync(path.join(root, 'src/b.ts'), "import { Box } from './a';\nexport const one = new Box().get();\nexport const two = new Box().get();\n");
  assert.deepEqual(await refs(), ['src/a.ts:2:3', 'src/b.ts:2:30', 'src/b.ts:3:30']);
});
