// The shared extractor suite: every language must pass the same table of small real snippets and the
// facts expected from them (definitions with kind and container, one reference, imports, calls).
// Add a row per language in cases.ts; this file never changes per language.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refOccurrences } from '../core/types.js';
import { extract, matchRange } from './engine.js';
import { LANGUAGES, languageById } from './registry.js';
import { CASES } from './testdata/cases.js';

for (const c of CASES) {
  test(`extractor ${c.lang}: ${c.title}`, async () => {
    const spec = languageById(c.lang);
    assert.ok(spec, `language ${c.lang} is registered`);
    const facts = await extract(spec, c.source);
    const defs = facts.symbols.map((s) => `${s.kind} ${s.container ? s.container + '.' : ''}${s.name}`);
    for (const want of c.defs ?? []) assert.ok(defs.includes(want), `definition "${want}" in [${defs.join(', ')}]`);
    for (const bad of c.notDefs ?? []) assert.ok(!defs.includes(bad), `"${bad}" must not be a definition`);
    const refs = refOccurrences(facts.refs);
    for (const r of c.refs ?? []) {
      assert.ok(refs.some((x) => x.name === r.name && x.line === r.line && (r.col === undefined || x.col === r.col)),
        `reference ${r.name} at ${r.line}:${r.col ?? '*'} in ${JSON.stringify(refs.filter((x) => x.name === r.name))}`);
    }
    for (const n of c.notRefs ?? []) assert.ok(!refs.some((x) => x.name === n), `"${n}" (keyword, comment or string) must not be a reference`);
    const imports = facts.imports.map((i) => `${i.module}${i.names.length ? ':' + i.names.join(',') : ''}`);
    for (const want of c.imports ?? []) assert.ok(imports.includes(want), `import "${want}" in [${imports.join(' | ')}]`);
    const calls = facts.calls.map((k) => `${k.caller >= 0 ? facts.symbols[k.caller]!.name : '<top>'}->${k.callee}`);
    for (const want of c.calls ?? []) assert.ok(calls.includes(want), `call "${want}" in [${calls.join(', ')}]`);
    for (const [name, doc] of Object.entries(c.docs ?? {})) {
      const s = facts.symbols.find((x) => x.name === name);
      assert.ok(s && s.doc.includes(doc), `doc of ${name} contains "${doc}", got ${JSON.stringify(s?.doc)}`);
    }
    if (c.clean !== false) assert.equal(facts.parseErrors, 0, 'snippet parses without errors');
  });
}

test('every registered language has at least one case in the shared suite', () => {
  const covered = new Set(CASES.map((c) => c.lang));
  const missing = LANGUAGES.map((l) => l.id).filter((id) => !covered.has(id));
  assert.deepEqual(missing, []);
});

test('query matches taken in ranges give the same facts as all at once, for every case', async () => {
  const saved = { ...matchRange };
  try {
    for (const c of CASES) {
      const spec = languageById(c.lang)!;
      matchRange.above = Infinity;
      const whole = JSON.stringify(await extract(spec, c.source));
      // Ranges far smaller than any definition: most matches cross a boundary.
      for (const chars of [7, 64]) {
        matchRange.above = 0;
        matchRange.chars = chars;
        assert.equal(JSON.stringify(await extract(spec, c.source)), whole, `${c.lang}: ${c.title} (ranges of ${chars})`);
      }
    }
  } finally {
    Object.assign(matchRange, saved);
  }
});
