// Suppression comments in every language ax has a grammar for: the language's grammar parses the
// example as a comment node (so the syntax claimed in suppress.ts and docs/lint.md is real), and the
// scanner finds the directive in it; plus the closers and rule-list edge cases, and an end-to-end run.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { compileQuery, queryLanguageIds, runQueries } from '../../lang/query-runner.js';
import { lint } from './index.js';
import { isSuppressed, parseSuppressions } from './suppress.js';

/** [language, snippet whose first comment holds `ax-ignore-next-line a/b`, the grammar's comment node type]. */
const CASES: Array<[string, string, string]> = [
  ['bash', '# ax-ignore-next-line a/b\necho x\n', 'comment'],
  ['c', '// ax-ignore-next-line a/b\nint x;\n', 'comment'],
  ['c', '/* ax-ignore-next-line a/b */\nint x;\n', 'comment'],
  ['clojure', ';; ax-ignore-next-line a/b\n(def x 1)\n', 'comment'],
  ['cpp', '// ax-ignore-next-line a/b\nint x;\n', 'comment'],
  ['csharp', '/* ax-ignore-next-line a/b */\nclass A {}\n', 'comment'],
  ['css', '/* ax-ignore-next-line a/b */\na { color: red }\n', 'comment'],
  ['cuda', '// ax-ignore-next-line a/b\nint x;\n', 'comment'],
  ['dart', '// ax-ignore-next-line a/b\nvar x = 1;\n', 'comment'],
  ['elisp', ';; ax-ignore-next-line a/b\n(setq x 1)\n', 'comment'],
  ['elixir', '# ax-ignore-next-line a/b\nx = 1\n', 'comment'],
  ['elm', '-- ax-ignore-next-line a/b\nx = 1\n', 'line_comment'],
  ['elm', '{- ax-ignore-next-line a/b -}\nx = 1\n', 'block_comment'],
  ['erlang', '% ax-ignore-next-line a/b\n-module(a).\n', 'comment'],
  ['fsharp', '// ax-ignore-next-line a/b\nlet x = 1\n', 'line_comment'],
  ['fsharp', '(* ax-ignore-next-line a/b *)\nlet x = 1\n', 'block_comment'],
  ['go', '// ax-ignore-next-line a/b\npackage p\n', 'comment'],
  ['groovy', '// ax-ignore-next-line a/b\ndef x = 1\n', 'line_comment'],
  ['haskell', '-- ax-ignore-next-line a/b\nx = 1\n', 'comment'],
  ['haskell', '{- ax-ignore-next-line a/b -}\nx = 1\n', 'comment'],
  ['hcl', '# ax-ignore-next-line a/b\na = 1\n', 'comment'],
  ['hcl', '// ax-ignore-next-line a/b\na = 1\n', 'comment'],
  ['html', '<!-- ax-ignore-next-line a/b -->\n<p>x</p>\n', 'comment'],
  ['java', '/*\n * ax-ignore-next-line a/b\n */\nclass A {}\n', 'block_comment'],
  ['javascript', '// ax-ignore-next-line a/b\nx();\n', 'comment'],
  ['json', '// ax-ignore-next-line a/b\n{"a": 1}\n', 'comment'],
  ['julia', '# ax-ignore-next-line a/b\nx = 1\n', 'line_comment'],
  ['julia', '#= ax-ignore-next-line a/b =#\nx = 1\n', 'block_comment'],
  ['kotlin', '// ax-ignore-next-line a/b\nval x = 1\n', 'line_comment'],
  ['lua', '-- ax-ignore-next-line a/b\nx = 1\n', 'comment'],
  ['lua', '--[[ ax-ignore-next-line a/b ]]\nx = 1\n', 'comment'],
  ['make', '# ax-ignore-next-line a/b\nx = 1\n', 'comment'],
  ['markdown', '<!-- ax-ignore-next-line a/b -->\n# Title\n', 'html_block'],
  ['objc', '// ax-ignore-next-line a/b\nint x = 1;\n', 'comment'],
  ['ocaml', '(* ax-ignore-next-line a/b *)\nlet x = 1\n', 'comment'],
  ['perl', '# ax-ignore-next-line a/b\nmy $x = 1;\n', 'comment'],
  ['php', '<?php\n# ax-ignore-next-line a/b\n$x = 1;\n', 'comment'],
  ['php', '<?php\n// ax-ignore-next-line a/b\n$x = 1;\n', 'comment'],
  ['powershell', '# ax-ignore-next-line a/b\n$x = 1\n', 'comment'],
  ['powershell', '<# ax-ignore-next-line a/b #>\n$x = 1\n', 'comment'],
  ['python', '# ax-ignore-next-line a/b\nx = 1\n', 'comment'],
  ['r', '# ax-ignore-next-line a/b\nx <- 1\n', 'comment'],
  ['rescript', '// ax-ignore-next-line a/b\nlet x = 1\n', 'comment'],
  ['ruby', '# ax-ignore-next-line a/b\nx = 1\n', 'comment'],
  ['rust', '// ax-ignore-next-line a/b\nfn f() {}\n', 'line_comment'],
  ['scala', '// ax-ignore-next-line a/b\nval x = 1\n', 'comment'],
  ['scss', '// ax-ignore-next-line a/b\na { color: red; }\n', 'js_comment'],
  ['scss', '/* ax-ignore-next-line a/b */\na { color: red; }\n', 'comment'],
  ['solidity', '// ax-ignore-next-line a/b\ncontract A {}\n', 'comment'],
  ['sql', '-- ax-ignore-next-line a/b\nSELECT 1;\n', 'comment'],
  ['sql', '/* ax-ignore-next-line a/b */\nSELECT 1;\n', 'marginalia'],
  ['svelte', '<!-- ax-ignore-next-line a/b -->\n<p>x</p>\n', 'comment'],
  ['swift', '// ax-ignore-next-line a/b\nlet x = 1\n', 'comment'],
  ['terraform', '/* ax-ignore-next-line a/b */\na = 1\n', 'comment'],
  ['thrift', '// ax-ignore-next-line a/b\nstruct A {}\n', 'comment'],
  ['thrift', '# ax-ignore-next-line a/b\nstruct A {}\n', 'comment'],
  ['toml', '# ax-ignore-next-line a/b\na = 1\n', 'comment'],
  ['tsx', '// ax-ignore-next-line a/b\nx();\n', 'comment'],
  ['typescript', '// ax-ignore-next-line a/b\nx();\n', 'comment'],
  ['vue', '<!-- ax-ignore-next-line a/b -->\n<template><p>x</p></template>\n', 'comment'],
  ['yaml', '# ax-ignore-next-line a/b\na: 1\n', 'comment'],
  ['zig', '// ax-ignore-next-line a/b\nconst x = 1;\n', 'comment'],
];

test('suppression: every language with a grammar has a case', () => {
  const covered = new Set(CASES.map((c) => c[0]));
  assert.deepEqual(queryLanguageIds().filter((l) => !covered.has(l)), []);
});

for (const [lang, text, node] of CASES) {
  test(`suppression in ${lang}: ${JSON.stringify(text.split('\n').find((l) => l.includes('ax-ignore')))}`, async () => {
    const at = text.indexOf('ax-ignore');
    const [comments] = await runQueries(lang, text, [await compileQuery(lang, `(${node}) @c`)]);
    assert.ok(comments!.some((m) => m.captures.some((c) => c.start <= at && at < c.end)), `the ${lang} grammar parses the directive as a ${node}`);
    const line = text.slice(0, at).split('\n').length;
    // The next line that is not part of the comment: after the comment's closing line.
    // (Some grammars, Clojure's and Markdown's html_block, end the comment node after its newline.)
    const closing = text.slice(0, comments!.flatMap((m) => m.captures).find((c) => c.start <= at && at < c.end)!.end).replace(/\n$/, '').split('\n').length;
    const s = parseSuppressions(text);
    assert.ok(s, 'directive found');
    assert.ok(isSuppressed(s, 'a/b', Math.max(line, closing) + 1), `a/b silenced on line ${Math.max(line, closing) + 1}`);
    assert.ok(!isSuppressed(s, 'c/d', Math.max(line, closing) + 1), 'only the named rule');
  });
}

test('suppression: closers glued to a rule id, packs, reasons, several ids', () => {
  const s = parseSuppressions(['(* ax-ignore-next-line ocaml/x*)', 'a', '{- ax-ignore-next-line h/y-}', 'b', '<!-- ax-ignore-file web/* -- generated -->', '/* ax-ignore-next-line a/b, c/d: legacy */', 'c'].join('\n'))!;
  assert.ok(isSuppressed(s, 'ocaml/x', 2) && !isSuppressed(s, 'other/z', 2), 'a closer glued to the id does not widen it to every rule');
  assert.ok(isSuppressed(s, 'h/y', 4) && !isSuppressed(s, 'other/z', 4));
  assert.ok(isSuppressed(s, 'web/anything', 99) && !isSuppressed(s, 'webx/a', 99));
  assert.ok(isSuppressed(s, 'a/b', 7) && isSuppressed(s, 'c/d', 7) && !isSuppressed(s, 'legacy', 7));
});

const tmp = mkdtempSync(path.join(tmpdir(), 'ax-lint-suppress-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('suppression end to end: next-line and file directives in Python, Go and Lua rules', async () => {
  const rules = path.join(tmp, 'rules.yaml');
  writeFileSync(rules, [
    'id: t/lua-print', 'languages: [lua]', 'severity: error', 'message: "print"',
    'query: \'((function_call name: (identifier) @f) @match (#eq? @f "print"))\'',
    'examples: { invalid: ["print(1)"] }',
  ].join('\n'));
  writeFileSync(path.join(tmp, 'a.py'), '# ax-ignore-next-line common/debug-print -- CLI output\nprint("ok")\nprint("debug")\n');
  writeFileSync(path.join(tmp, 'b.go'), '// ax-ignore-file common/todo\npackage p\n\n// TODO: one\n// TODO: two\n');
  writeFileSync(path.join(tmp, 'c.lua'), '--[[ ax-ignore-next-line t/lua-print ]]\nprint(1)\nprint(2)\n');
  const r = await lint({ root: tmp, packs: ['common'], rules: [rules] });
  assert.deepEqual(r.findings.map((f) => `${f.path}:${f.line} ${f.rule}`), ['a.py:3 common/debug-print', 'c.lua:3 t/lua-print']);
  assert.equal(r.suppressed, 4);
});
