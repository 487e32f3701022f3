// Java navigation on a small source tree (bin/ax.cjs indexes it; the services answer in-process):
// static imports (single and `.*`), call chains through declared return types, fields of the class
// used as receivers without `this.`, and overloads told apart by their number of arguments.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { indexedTree, positions, topDefinition } from './fixture.js';

const FILES: Record<string, string> = {
  'src/com/ex/time/Unit.java': 'package com.ex.time;\n\npublic enum Unit {\n  DAYS, HOURS;\n  public static final int SCALE = 60;\n}\n',
  'src/com/ex/time/Span.java': 'package com.ex.time;\n\npublic class Span {\n  public int length() { return 0; }\n  public Span next() { return this; }\n}\n',
  'src/com/ex/time/Lock.java': [
    'package com.ex.time;',
    '',
    'class Decoy2 { long getState() { return 1; } }',
    '',
    'public class Lock {',
    '  abstract static class Sync extends Base {}',
    '  static final class Fair extends Sync {',
    '    int b() { return getState(); }',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/com/ex/time/Base.java': 'package com.ex.time;\n\npublic abstract class Base {\n  protected final int getState() { return 0; }\n}\n',
  'src/com/ex/time/Clock.java': [
    'package com.ex.time;',
    '',
    'public class Clock {',
    '  private final Span span;',
    '  public Clock(Span span) { this.span = span; }',
    '  public Span span() { return span; }',
    '  public int length() { return -1; }',
    '  public int ticks() { return span.length(); }',
    '  public int plus(int a) { return a; }',
    '  public int plus(int a, int b) { return a + b; }',
    '  public int sum() { return plus(1, 2); }',
    '}',
    '',
  ].join('\n'),
  'src/com/ex/app/Main.java': [
    'package com.ex.app;',
    '',
    'import static com.ex.time.Unit.DAYS;',
    'import static com.ex.time.Unit.*;',
    'import com.ex.time.Clock;',
    'import com.ex.time.Span;',
    '',
    '// Decoys: a name-based answer (same file first) would land here.',
    'class Decoy {',
    '  static final int SCALE = 1;',
    '  int length() { return 1; }',
    '  Decoy next() { return this; }',
    '}',
    '',
    'public class Main {',
    '  int run(Clock c) {',
    '    Object d = DAYS;',
    '    int s = SCALE;',
    '    return c.span().next().length();',
    '  }',
    '  Span fresh() { return new Span().next(); }',
    '}',
    '',
  ].join('\n'),
};

let root = '';
before(() => { root = indexedTree('ax-nav-java-', FILES); });
after(() => rmSync(root, { recursive: true, force: true }));

const at = positions(FILES);
const def = (pos: string) => topDefinition(root, pos);
const MAIN = 'src/com/ex/app/Main.java', CLOCK = 'src/com/ex/time/Clock.java', SPAN = 'src/com/ex/time/Span.java', UNIT = 'src/com/ex/time/Unit.java';

test('Java static imports: a member of the class, single and on demand', async () => {
  assert.equal(await def(at(MAIN, 'DAYS;', 1)), at(UNIT, 'DAYS'));
  assert.equal(await def(at(MAIN, 'SCALE;', 0)), at(UNIT, 'SCALE'));
});

test('Java receivers: return types through a chain, fields without this., overloads by argument count', async () => {
  assert.equal(await def(at(MAIN, 'next()', 1)), at(SPAN, 'next'));
  assert.equal(await def(at(MAIN, 'length()', 1)), at(SPAN, 'length'));
  assert.equal(await def(at(CLOCK, 'span.length', 0, 5)), at(SPAN, 'length'));
  assert.equal(await def(at(CLOCK, 'plus(1, 2)')), at(CLOCK, 'plus', 1));
  assert.equal(await def(at(MAIN, 'next()', 2)), at(SPAN, 'next'), 'new Span().next()');
  assert.equal(await def(at('src/com/ex/time/Lock.java', 'getState()', 1)), 'src/com/ex/time/Base.java:4:23', 'through Sync, a class nested in the same file');
});
