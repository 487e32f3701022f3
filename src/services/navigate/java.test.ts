// Java navigation on a small source tree (bin/ax.cjs indexes it; the services answer in-process):
// static imports (single and `.*`), call chains through declared return types, fields of the class
// used as receivers without `this.`, overloads told apart by their number and types of arguments,
// anonymous classes and enum constants with bodies, type parameter bounds, casts and patterns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { navTree } from './fixture.js';

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
  'src/com/ex/time/Consumer.java': 'package com.ex.time;\n\npublic interface Consumer {\n  void accept(Object o);\n}\n',
  'src/com/ex/time/Sink.java': [
    'package com.ex.time;',
    '',
    'public interface Sink extends Consumer {',
    '  void accept(int v);',
    '  void accept(long v);',
    '  abstract class Chained implements Sink {',
    '    protected final Sink downstream;',
    '    public Chained(Sink d) { downstream = d; }',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/com/ex/time/Mode.java': [
    'package com.ex.time;',
    '',
    'enum Mode {',
    '  A { int f() { return g(); } int g() { return 1; } },',
    '  B { int g() { return 2; } };',
    '  int g() { return 0; }',
    '}',
    '',
  ].join('\n'),
  'src/com/ex/time/Ops.java': [
    'package com.ex.time;',
    '',
    'class Sub extends Span {}',
    '',
    'public class Ops {',
    '  static class Range { long min; }',
    '  private final Range range = new Range();',
    '  Range range() { return range; }',
    '  int of(int a) { return 1; }',
    '  int of(long a) { return 2; }',
    '  int of(String s) { return 3; }',
    '  int of(Span s) { return 4; }',
    '  <R extends Span> int len(R r) { return r.length(); }',
    '  int run(Object o, int[] xs) {',
    '    long n = 5L;',
    '    int a = of(n) + of("x") + of(new Sub()) + of(xs[0]);',
    '    int d = ((Span) o).length();',
    '    if (o instanceof Span s) { s.next(); }',
    '    Sink k = new Sink.Chained(null) {',
    '      public void accept(int v) { downstream.accept(v); }',
    '      public void accept(long v) { downstream.accept(o); }',
    '    };',
    '    return range().min > 0 ? a : d;',
    '  }',
    '}',
    '',
  ].join('\n'),
};

const { at, def } = navTree('ax-nav-java-', FILES);
const MAIN = 'src/com/ex/app/Main.java', CLOCK = 'src/com/ex/time/Clock.java', SPAN = 'src/com/ex/time/Span.java', UNIT = 'src/com/ex/time/Unit.java';
const OPS = 'src/com/ex/time/Ops.java', SINK = 'src/com/ex/time/Sink.java', MODE = 'src/com/ex/time/Mode.java';

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

test('Java overloads of one arity, told apart by the arguments\' types; a method a base declares when none here fits', async () => {
  assert.equal(await def(at(OPS, 'of(n)')), at(OPS, 'of(long'), 'a local of a declared type');
  assert.equal(await def(at(OPS, 'of("x")')), at(OPS, 'of(String'), 'a literal');
  assert.equal(await def(at(OPS, 'of(new Sub())')), at(OPS, 'of(Span'), 'a subclass of the parameter type');
  assert.equal(await def(at(OPS, 'of(xs[0])')), at(OPS, 'of(int'), 'an array element');
  assert.equal(await def(at(OPS, 'accept(v)')), at(SINK, 'accept(int'));
  assert.equal(await def(at(OPS, 'accept(o)')), at('src/com/ex/time/Consumer.java', 'accept'), 'Object fits none of Sink\'s: Consumer\'s');
});

test('Java classes: anonymous and enum-constant bodies, type parameter bounds, casts, patterns, a field and a method of one name', async () => {
  assert.equal(await def(at(OPS, 'downstream.accept(v)')), at(SINK, 'downstream'), 'a field of the anonymous class\'s base');
  assert.equal(await def(at(MODE, 'g()', 0)), at(MODE, 'g()', 1), 'the enum constant\'s own method');
  assert.equal(await def(at(OPS, 'r.length()', 0, 2)), at(SPAN, 'length'), 'R extends Span');
  assert.equal(await def(at(OPS, '((Span) o).length()', 0, 11)), at(SPAN, 'length'));
  assert.equal(await def(at(OPS, 's.next()', 0, 2)), at(SPAN, 'next'), 'o instanceof Span s');
  assert.equal(await def(at(OPS, 'range().min')), at(OPS, 'range() {'), 'a call: the method');
  assert.equal(await def(at(OPS, 'range;')), at(OPS, 'range =', 0), 'a name: the field');
  assert.equal(await def(at(OPS, 'range().min', 0, 8)), at(OPS, 'min'));
});
