import assert from 'node:assert/strict';
import { test } from 'node:test';
import { overloadScore } from './overloads.js';

/** Index of the best-scoring overload (first on ties), as the resolver picks. */
const pick = (overloads: string[][], args: Array<string | undefined>, supers: Array<Set<string> | undefined> = []) => {
  const scores = overloads.map((p) => overloadScore(p, args, false, supers));
  return scores.indexOf(Math.max(...scores));
};

test('overloads: exact types beat widening and boxing; primitives and references do not meet', () => {
  assert.equal(pick([['int'], ['long']], ['long']), 1);
  assert.equal(pick([['long'], ['int']], ['int']), 1, 'exact int over widening to long');
  assert.equal(pick([['Clock'], ['long']], ['int']), 1, 'int widens to long, never becomes a Clock');
  assert.equal(pick([['int'], ['Integer']], ['Integer']), 1);
  assert.equal(pick([['int'], ['String']], ['null']), 1, 'null is a reference');
  assert.equal(pick([['long'], ['char']], ['int']), 0, 'no narrowing');
  assert.equal(pick([['ZoneId'], ['Clock']], ['Clock']), 1);
  assert.equal(pick([['TemporalField'], ['NumberPrinterParser']], ['WeekBased'], [new Set(['NumberPrinterParser'])]), 1, 'a subclass fits its base');
  assert.equal(pick([['int'], ['long']], [undefined]), 0, 'unknown: the first');
  assert.ok(overloadScore(['int'], ['Object']) < 0, 'no overload fits: the caller looks at the bases');
});

test('overloads: a varargs parameter takes its element type for trailing arguments, or an array', () => {
  assert.equal(overloadScore(['String', 'Object[]'], ['String', 'int', 'int'], true), 3 + 1 + 1, 'String exact, each int boxed to Object');
  assert.ok(overloadScore(['String', 'int[]'], ['String', 'String'], true) < overloadScore(['String', 'String'], ['String', 'String']), 'a String is no int');
  assert.equal(overloadScore(['int[]'], ['int[]'], true), 3);
  assert.ok(overloadScore(['int[]'], ['int'], false) < 0, 'not varargs: an int is no int[]');
});
