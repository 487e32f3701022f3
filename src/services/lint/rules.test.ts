// Rule semantics end to end on real grammars: the predicates (#match?, #not-match?, #eq?, #not-eq?,
// #any-of?), message and fix interpolation, severities and the exit status, rule files in JSON and
// multi-document YAML, text gates (only sound skips), and the work claiming of the pool.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compileQuery } from '../../lang/query-runner.js';
import { Claimer, segmentsOf } from './claim.js';
import { RuleEngine } from './engine.js';
import { applyEdits } from './fix.js';
import { patternGate, predicatesIn, relaxedRegex } from './gate.js';
import { lint } from './index.js';
import { checkRules, loadRulesFrom } from './loader.js';
import { validateRule, type Rule } from './schema.js';
import type { LintTask } from './task.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'ax-lint-rules-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function engineFor(raw: Record<string, unknown>): Promise<RuleEngine> {
  const rule = validateRule({ id: 't/r', languages: ['javascript'], severity: 'warning', message: 'm', ...raw }, 'r.yaml');
  await checkRules([rule]);
  return new RuleEngine([rule]);
}

async function hits(raw: Record<string, unknown>, code: string): Promise<string[]> {
  return (await (await engineFor(raw)).lint('javascript', code, 'f.js')).findings.map((f) => f.message);
}

test('predicates: #match? #not-match? #eq? #not-eq? #any-of? filter matches by capture text', async () => {
  const code = 'foo(); fooBar(); bar(); baz(); qux();\n';
  const call = (pred: string) => ({ query: `((call_expression function: (identifier) @fn) @match ${pred})`, message: '{{fn}}' });
  assert.deepEqual(await hits(call('(#match? @fn "^foo")'), code), ['foo', 'fooBar']);
  assert.deepEqual(await hits(call('(#not-match? @fn "^foo")'), code), ['bar', 'baz', 'qux']);
  assert.deepEqual(await hits(call('(#eq? @fn "bar")'), code), ['bar']);
  assert.deepEqual(await hits(call('(#not-eq? @fn "bar")'), code), ['foo', 'fooBar', 'baz', 'qux']);
  assert.deepEqual(await hits(call('(#any-of? @fn "baz" "qux")'), code), ['baz', 'qux']);
});

test('messages: {{capture}} is the capture text, first line, at most 80 characters; fixes interpolate in full', async () => {
  const e = await engineFor({
    query: '(call_expression function: (identifier) @fn arguments: (arguments (_) @arg)) @match',
    message: 'call to {{fn}} with {{arg}}',
    fix: '{{fn}}Safe({{arg}})',
  });
  const long = 'x'.repeat(100);
  const code = `run(a);\nrun({\n  b: 1,\n});\nrun(${long});\n`;
  const r = await e.lint('javascript', code, 'f.js');
  assert.deepEqual(r.findings.map((f) => f.message), ['call to run with a', 'call to run with {…', `call to run with ${'x'.repeat(80)}…`]);
  assert.equal(applyEdits(code, r.findings.map((f) => f.fix!)).text, `runSafe(a);\nrunSafe({\n  b: 1,\n});\nrunSafe(${long});\n`);
});

test('rule files: JSON object, JSON list and multi-document YAML; one schema error names file and rule', async () => {
  const dir = path.join(tmp, 'files');
  mkdirSync(dir, { recursive: true });
  const base = { languages: ['js'], severity: 'info', message: 'm', query: '(debugger_statement) @match' };
  writeFileSync(path.join(dir, 'one.json'), JSON.stringify({ id: 'j/one', ...base }));
  writeFileSync(path.join(dir, 'list.json'), JSON.stringify([{ id: 'j/two', ...base }, { id: 'j/three', ...base }]));
  writeFileSync(path.join(dir, 'multi.yml'), 'id: y/a\nlanguages: [js]\nseverity: info\nmessage: m\nquery: "(debugger_statement) @match"\n---\nid: y/b\nlanguages: [py]\nseverity: info\nmessage: m\nquery: "(pass_statement) @match"\n---\n');
  assert.deepEqual((await loadRulesFrom(dir)).map((r) => r.id).sort(), ['j/one', 'j/three', 'j/two', 'y/a', 'y/b']);
  writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ id: 'j/bad', ...base, severity: 'fatal', languages: 'js' }));
  await assert.rejects(loadRulesFrom(dir), /bad\.json: rule "j\/bad": invalid rule:\n {2}- severity must be one of error, warning, info, got "fatal"/);
});

test('severity: only error findings fail the run (exit 1); warnings and info exit 0', () => {
  const dir = path.join(tmp, 'sev');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'a.js'), 'debugger;\n');
  const rule = (severity: string) => { writeFileSync(path.join(dir, 'r.json'), JSON.stringify({ id: 't/d', languages: ['js'], severity, message: 'd', query: '(debugger_statement) @match' })); };
  const ax = () => spawnSync(process.execPath, [path.join(REPO, 'bin', 'ax.cjs'), 'lint', 'a.js', '--rules', 'r.json', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
  for (const [sev, code] of [['info', 0], ['warning', 0], ['error', 1]] as const) {
    rule(sev);
    const r = ax();
    assert.equal(r.status, code, `${sev}: ${r.stderr}`);
    assert.deepEqual((JSON.parse(r.stdout) as { counts: Record<string, number> }).counts, { error: 0, warning: 0, info: 0, [sev]: 1 });
  }
});

test('a broken rule fails the run before any finding, also when workers are started', async () => {
  const dir = path.join(tmp, 'broken');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < 60; i++) writeFileSync(path.join(dir, `f${i}.js`), 'debugger;\n');
  writeFileSync(path.join(dir, 'r.json'), JSON.stringify({ id: 't/bad', languages: ['js'], severity: 'error', message: 'x', query: '(no_such_node) @match' }));
  await assert.rejects(lint({ root: dir, rules: [path.join(dir, 'r.json')], workers: 2 }), /rule "t\/bad".*\n.*Bad node name 'no_such_node'/);
});

test('gates: literals and regexes from positive predicates; none from negated, optional or capture-to-capture ones', async () => {
  assert.deepEqual(predicatesIn('((x) @a (#eq? @a "q\\"x") ; (#eq? @a "comment")\n (#match? @a "^b$"))'), [
    { op: 'eq?', args: [{ capture: 'a' }, { string: 'q"x' }] },
    { op: 'match?', args: [{ capture: 'a' }, { string: '^b$' }] },
  ]);
  assert.equal(relaxedRegex('^(strcpy|gets)$\\b')?.source, '(strcpy|gets)');
  assert.equal(relaxedRegex('[^$]\\$x')?.source, '[^$]\\$x');
  assert.equal(relaxedRegex('a(?=b)'), undefined);
  const gate = async (q: string) => { const c = await compileQuery('javascript', q); return patternGate(c.query, 0, q); };
  const g = await gate('((call_expression function: (identifier) @f) @match (#eq? @f "eval"))');
  assert.ok(g && g('x = eval(y)') && !g('x = run(y)'));
  assert.equal(await gate('((call_expression function: (identifier) @f) @match (#not-eq? @f "eval"))'), undefined);
  assert.equal(await gate('((identifier) @a (#eq? @a @a))'), undefined);
  // `#eq?` holds when its capture matched nothing: an optional capture must not gate.
  assert.equal(await gate('((call_expression function: (identifier)? @f) @match (#eq? @f "eval"))'), undefined);
  // ... and the engine agrees: a file without "eval" still gets the finding from the optional branch.
  assert.deepEqual(await hits({ query: '((new_expression constructor: (identifier) @c arguments: (arguments (identifier)? @a)) @match (#eq? @a "eval"))', message: '{{c}}' }, 'new Foo();\n'), ['Foo']);
  const re = await gate('((comment) @match (#match? @match "TODO|FIXME"))');
  assert.ok(re && re('// FIXME later') && !re('// fine'));
});

test('gates: a file none of whose patterns can match is not parsed', async () => {
  const rules: Rule[] = [validateRule({ id: 't/eval', languages: ['js'], severity: 'error', message: 'e', query: '((call_expression function: (identifier) @f) @match (#eq? @f "eval"))' }, 'r')];
  await checkRules(rules);
  const e = new RuleEngine(rules);
  assert.deepEqual(await e.lint('javascript', 'run(x);\n', 'a.js'), { findings: [], suppressed: 0, parsed: false });
  const r = await e.lint('javascript', 'eval(x);\n', 'a.js');
  assert.equal(r.findings.length, 1);
  assert.equal(r.parsed, true);
  // A rule off for the file (config overrides) does not make it parse either.
  assert.equal((await e.lint('javascript', 'eval(x);\n', 'a.js', new Set(['other/rule']))).parsed, false);
});

test('claiming: every task exactly once across threads; a small language stays with the thread that started it', () => {
  const task = (lang: string, size: number): LintTask => ({ abs: '', rel: '', lang, size, set: -1 });
  const tasks = [task('tsx', 50), task('tsx', 40), ...Array.from({ length: 40 }, (_, i) => task('javascript', 1000 - i))];
  const segments = segmentsOf(tasks);
  assert.deepEqual(segments, [{ from: 0, to: 2 }, { from: 2, to: 42 }]);
  const shared = new SharedArrayBuffer(4 * segments.length);
  const a = new Claimer(tasks, segments, shared), b = new Claimer(tasks, segments, shared);
  const seen: Array<[string, number]> = [];
  const first = a.next(); // a starts the tsx segment
  seen.push(['a', first]);
  seen.push(['b', b.next()]); // b starts javascript, the segment nobody has started
  for (let i = 0; i < 50; i++) { for (const [n, c] of [['a', a], ['b', b]] as const) { const x = c.next(); if (x >= 0) seen.push([n, x]); } }
  assert.deepEqual(seen.map(([, i]) => i).sort((x, y) => x - y), tasks.map((_, i) => i));
  assert.deepEqual(seen.filter(([, i]) => i < 2).map(([n]) => n), ['a', 'a'], 'both tsx files on thread a');
  assert.ok(a.exhausted() && b.next() === -1);
});

test('patterns map to their rules by UTF-8 offset: non-ASCII text in one rule does not shift the next', async () => {
  const rules = [
    // Two patterns; the second starts past the next rule's start when counted in characters, not bytes.
    validateRule({ id: 't/uni', languages: ['js'], severity: 'info', message: 'uni', query: `((string) @match (#match? @match "${'é'.repeat(40)}"))\n(comment) @match` }, 'r'),
    validateRule({ id: 't/dbg', languages: ['js'], severity: 'info', message: 'dbg', query: '(debugger_statement) @match' }, 'r'),
  ];
  await checkRules(rules);
  const r = await new RuleEngine(rules).lint('javascript', 'debugger;\n// note\n', 'a.js');
  assert.deepEqual(r.findings.map((f) => f.rule), ['t/dbg', 't/uni']);
});
