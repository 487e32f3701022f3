// The built-in rule catalogue (rules/README.md) is current with the rule files, and docs/lint.md's
// rule table lists exactly the built-in rules with their severities.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderCatalog } from './catalog.js';
import { builtinPacks, loadPack } from './loader.js';
import type { Rule } from './schema.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

async function builtins(): Promise<Rule[]> {
  const rules: Rule[] = [];
  for (const p of builtinPacks()) rules.push(...(await loadPack(p)));
  return rules;
}

test('rules/README.md is generated from the rule files (run `node scripts/rules-doc.mjs` after changing a rule)', async () => {
  const rules = await builtins();
  const doc = readFileSync(path.join(REPO, 'rules', 'README.md'), 'utf8');
  assert.equal(doc, renderCatalog(rules));
  for (const r of rules) assert.ok(doc.includes(`### ${r.id}\n`) && r.examples.invalid.length > 0 && r.examples.valid.length > 0, r.id);
});

test('docs/lint.md lists every built-in rule with its severity, and no other', async () => {
  const rules = await builtins();
  const doc = readFileSync(path.join(REPO, 'docs', 'lint.md'), 'utf8');
  const rows = [...doc.matchAll(/^\| `([a-z]+\/[a-z-]+)` \| (error|warning|info) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(rows.sort(), rules.map((r) => `${r.id} ${r.severity}`).sort());
});
