// The catalogue of built-in rules (rules/README.md), generated from the rule files themselves so it
// cannot drift: per pack, each rule's severity, languages, tags, description, and its own examples (the
// first snippet it flags, with the fixed text when the rule has a fix, and the first it accepts), the
// same snippets `ax lint test` checks. `node scripts/rules-doc.mjs` rewrites the file; catalog.test.ts
// fails when it is out of date.

import { compareStrings } from '../../core/types.js';
import type { Rule, RuleExample } from './schema.js';

const FENCE: Readonly<Record<string, string>> = { javascript: 'js', typescript: 'ts', csharp: 'cs' };

function snippet(rule: Rule, ex: RuleExample, text = ex.code): string {
  const lang = ex.lang ?? rule.languages[0]!;
  return '```' + (FENCE[lang] ?? lang) + '\n' + text.replace(/\n+$/, '') + '\n```';
}

export function renderCatalog(rules: readonly Rule[]): string {
  const packs = new Map<string, Rule[]>();
  for (const r of [...rules].sort((a, b) => compareStrings(a.id, b.id))) {
    const p = r.pack ?? '(no pack)';
    packs.set(p, [...(packs.get(p) ?? []), r]);
  }
  const out = [
    '# Built-in rule packs for `ax lint`',
    '',
    '<!-- Generated from the rule files by `node scripts/rules-doc.mjs`; do not edit by hand. -->',
    '',
    'One folder per pack, one rule per YAML file; the format is documented in [docs/lint.md](../docs/lint.md).',
    '`ax lint test rules/` checks every example below (`npm test` runs it). Select packs with `--pack NAME`',
    'or the `lint` setting of the project config; without either, every pack is active.',
    '',
    ...[...packs].map(([p, rs]) => `- \`${p}\` (${rs.length}): ${rs.map((r) => `[\`${r.id}\`](#${r.id.replace(/[^a-z0-9-]/g, '')})`).join(', ')}`),
  ];
  for (const [p, rs] of packs) {
    out.push('', `## ${p}`);
    for (const r of rs) {
      out.push('', `### ${r.id}`, '');
      out.push(`**${r.severity}** · ${r.languages.join(', ')}${r.fix !== undefined ? ' · has a fix (`--fix`)' : ''}${r.tags.length ? ` · tags: ${r.tags.join(', ')}` : ''}`);
      if (r.description) out.push('', r.description.trim());
      const bad = r.examples.invalid[0];
      if (bad) {
        out.push('', 'Flagged:', '', snippet(r, bad));
        if (bad.output !== undefined) out.push('', 'After `ax lint --fix`:', '', snippet(r, bad, bad.output));
      }
      const good = r.examples.valid[0];
      if (good) out.push('', 'Not flagged:', '', snippet(r, good));
    }
  }
  return out.join('\n') + '\n';
}
