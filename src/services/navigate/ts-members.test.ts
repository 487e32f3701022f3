// TypeScript members on a small tree (bin/ax.cjs indexes it; the services answer in-process): keys of
// a destructuring pattern, type literals, a static and an instance member of one name, references
// that reach sibling implementations of one interface member (an object literal of a declared type
// among them), a function's declared `this`, `this` in an arrow function of an object literal, and
// names in doc comments, as the language service counts them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { navTree } from './fixture.js';
import { references } from './index.js';

const TYPES = 'src/types.ts', SUBS = 'src/subs.ts', USE = 'src/use.ts', CLOCK = 'src/clock.ts';
const FILES: Record<string, string> = {
  [TYPES]: [
    'export interface Observer { complete(): void; }',
    'export class Subscription { closed = false; unsubscribe(): void {} }',
    '',
  ].join('\n'),
  [SUBS]: [
    "import { Observer, Subscription } from './types';",
    'export class Subscriber extends Subscription implements Observer {',
    '  complete(): void { const { closed } = this; if (!closed) this.unsubscribe(); }',
    '}',
    'export class Consumer implements Observer {',
    '  complete(): void {}',
    '}',
    'export class Clock {',
    '  static now: () => number = Date.now;',
    '  now: () => number;',
    '  constructor(now: () => number = Clock.now) { this.now = now; }',
    '}',
    '',
  ].join('\n'),
  [USE]: [
    "import { Consumer } from './subs';",
    "import { Subscription } from './types';",
    '',
    'class Decoy { unsubscribe(): void {} }',
    '',
    'export function stop(record: { subs: Subscription }, holder: Holder, c: Consumer) {',
    '  const { subs } = record;',
    '  subs.unsubscribe();',
    '  const { sub: renamed } = holder;',
    '  renamed.unsubscribe();',
    '  c.complete();',
    '}',
    'class Holder { sub: Subscription; }',
    '',
  ].join('\n'),
  [CLOCK]: [
    "import { Observer, Subscription } from './types';",
    '',
    'export interface Provider { now(): number; }',
    '/** Stands in for {@link Provider}: see {@link system}. @param {Provider|number} p unused */',
    'export const system: Provider = { now() { return 0; } };',
    'export function work(this: Subscription, p: Provider) { this.unsubscribe(); return p.now(); }',
    '// Decoy: a name-based answer (same file first) would land here.',
    'class Local { unsubscribe(): void {} }',
    'interface TimerProvider {',
    '  setTimeout(): number;',
    '  delegate: | { setTimeout(): number; } | undefined;',
    '}',
    'export const timers: TimerProvider = { setTimeout() { const { delegate } = timers; return delegate?.setTimeout() ?? 0; }, delegate: undefined };',
    'class Tester {',
    '  out: Subscription;',
    '  kind: typeof Tester.prototype.stop;',
    '  stop(): void { const o = this.out; o.unsubscribe(); }',
    '  run() { const hooks = { later: () => this.stop(), stop() { return 1; } }; return hooks; }',
    '  build(api: { query(x: unknown): void }) { api.query({ query(id: number) { return this.kind; }, kind: 1 }); }',
    '}',
    'export function watch(o: Partial<Observer>, n: number) { o.complete?.(); return n; }',
    'watch({ complete() {} }, 1);',
    'class Early { schedule(): void {} }',
    'export interface Action { schedule(): void; }',
    'export function later(work: (this: Action, n: number) => void) { return work; }',
    'later(function () { this.schedule(); });',
    '',
  ].join('\n'),
};

const { at, def, root } = navTree('ax-nav-ts-members-', FILES);
const refs = async (pos: string) => (await references({ root: root(), at: pos })).results.map((r) => `${r.path}:${r.line}:${r.column}`);

test('TypeScript: a destructured local has the type of the property its key reads', async () => {
  const unsubscribe = at(TYPES, 'unsubscribe');
  assert.equal(await def(at(USE, 'subs.unsubscribe', 0, 5)), unsubscribe, '`const { subs } = record` with record: { subs: Subscription }');
  assert.equal(await def(at(USE, 'renamed.unsubscribe', 0, 8)), unsubscribe, '`const { sub: renamed } = holder`');
});

test('TypeScript: a destructuring key is a reference to the property it reads', async () => {
  const closed = at(TYPES, 'closed');
  assert.equal(await def(at(SUBS, '{ closed }', 0, 2)), closed, 'def on the key goes to the property');
  assert.ok((await refs(closed)).includes(at(SUBS, '{ closed }', 0, 2)), 'refs of the property list the key');
  // The local the key binds is still a local: its use resolves to it, not to the property.
  assert.equal(await def(at(SUBS, '!closed', 0, 1)), at(SUBS, '{ closed }', 0, 2));
});

test('TypeScript: a static and an instance member of one name stay apart', async () => {
  const staticNow = at(SUBS, 'static now', 0, 7), instanceNow = at(SUBS, '  now:', 0, 2);
  assert.equal(await def(staticNow), staticNow);
  assert.equal(await def(instanceNow), instanceNow);
  assert.equal(await def(at(SUBS, 'Clock.now', 0, 6)), staticNow, 'Clock.now is the static');
  assert.equal(await def(at(SUBS, 'this.now', 0, 5)), instanceNow, 'this.now is the instance member');
});

test('TypeScript: references of a member reach the siblings that implement the same interface member', async () => {
  const found = await refs(at(SUBS, 'complete'));
  assert.ok(found.includes(at(TYPES, 'complete')), 'the interface member it implements');
  assert.ok(found.includes(at(SUBS, 'complete', 1)), 'the sibling Consumer.complete');
  assert.ok(found.includes(at(USE, 'c.complete', 0, 2)), 'a use of the sibling');
  const unsub = await refs(at(TYPES, 'unsubscribe'));
  assert.ok(unsub.includes(at(USE, 'subs.unsubscribe', 0, 5)) && unsub.includes(at(SUBS, 'this.unsubscribe', 0, 5)));
  assert.ok(!unsub.includes(at(USE, 'unsubscribe', 0)), 'Decoy.unsubscribe is no member of the family');
});

test('TypeScript: an object literal of a declared type implements that type\'s members', async () => {
  const found = await refs(at(CLOCK, 'now'));
  assert.ok(found.includes(at(CLOCK, 'now()', 1)), 'the literal\'s now() is the interface\'s');
  assert.ok(found.includes(at(CLOCK, 'p.now', 0, 2)), 'a use through the interface');
  // The variable keeps its declared type: a member is looked up there, not in the literal.
  assert.equal(await def(at(CLOCK, 'p.now', 0, 2)), at(CLOCK, 'now'));
});

test('TypeScript: `this` has the type a function declares for it, and an arrow function sees the outer `this`', async () => {
  assert.equal(await def(at(CLOCK, 'this.unsubscribe', 0, 5)), at(TYPES, 'unsubscribe'), '`function work(this: Subscription)`');
  assert.equal(await def(at(CLOCK, 'this.stop', 0, 5)), at(CLOCK, 'stop(): void {'), '`{ later: () => this.stop() }` inside a method of Tester');
});

test('TypeScript: names in doc comments ({@link X}, @param {X}) are references, and def follows them', async () => {
  const provider = at(CLOCK, 'Provider');
  assert.equal(await def(at(CLOCK, '{@link Provider}', 0, 7)), provider);
  const found = await refs(provider);
  assert.ok(found.includes(at(CLOCK, '{@link Provider}', 0, 7)), '{@link Provider}');
  assert.ok(found.includes(at(CLOCK, '{Provider|number}', 0, 1)), '@param {Provider|number}');
  assert.equal(await def(at(CLOCK, '{@link system}', 0, 7)), at(CLOCK, 'system: Provider'));
});

test('TypeScript: a property typed by a type literal (also `| undefined`), `const x = this.a`, and `C.prototype.m`', async () => {
  assert.equal(await def(at(CLOCK, 'delegate?.setTimeout', 0, 11)), at(CLOCK, '{ setTimeout', 0, 2), 'the literal\'s setTimeout, not the interface\'s');
  assert.equal(await def(at(CLOCK, 'o.unsubscribe', 0, 2)), at(TYPES, 'unsubscribe'), '`const o = this.out` has the type of out');
  assert.equal(await def(at(CLOCK, 'prototype.stop', 0, 10)), at(CLOCK, 'stop(): void {'), 'Tester.prototype.stop');
});

test('TypeScript: a method of an object literal passed as an argument is a declaration of its own', async () => {
  const inLiteral = at(CLOCK, 'query(id', 0);
  assert.equal(await def(inLiteral), inLiteral);
  const found = await refs(inLiteral);
  assert.ok(!found.includes(at(CLOCK, 'api.query', 0, 4)), 'a call of another query() is no reference to it');
  // `this` inside the literal's method is the literal.
  assert.equal(await def(at(CLOCK, 'this.kind', 0, 5)), at(CLOCK, 'kind: 1', 0));
});

test('TypeScript: an object literal passed as an argument implements the parameter\'s declared type', async () => {
  // `watch({ complete() {} })` with `watch(o: Partial<Observer>)`: the language service lists the
  // literal's complete among Observer.complete's references, and the other way round.
  const literal = at(CLOCK, 'complete() {}');
  assert.ok((await refs(at(TYPES, 'complete'))).includes(literal));
  assert.ok((await refs(literal)).includes(at(TYPES, 'complete')));
  assert.equal(await def(literal), literal, 'it is a declaration of its own');
});

test('TypeScript: a function passed as an argument has the `this` the parameter\'s function type declares', async () => {
  // `later(function () { this.schedule() })` with `later(work: (this: Action, n: number) => void)`.
  assert.equal(await def(at(CLOCK, 'this.schedule', 0, 5)), at(CLOCK, 'schedule(): void;'));
});
