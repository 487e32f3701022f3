// TypeScript navigation on a small tree (bin/ax.cjs indexes it; the services answer in-process): a
// method's or a function's declared return type types what its call gives, in `const x = a.m()`,
// `const x = f()` and in chains.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { navTree } from './fixture.js';

const SUB = 'src/sub.ts', APP = 'src/app.ts';
const FILES: Record<string, string> = {
  [SUB]: [
    'export class Subscription { unsubscribe(): void {} }',
    'export class Observable {',
    '  pipe(): Observable { return this; }',
    '  subscribe(): Subscription { return new Subscription(); }',
    '}',
    'export function innerFrom(input: unknown): Observable;',
    'export function innerFrom(input: unknown): Observable { return new Observable(); }',
    '',
  ].join('\n'),
  [APP]: [
    "import { Observable, innerFrom } from './sub';",
    '',
    '// Decoy: a name-based answer (same file first) would land here.',
    'class Decoy { unsubscribe(): void {} subscribe(): void {} pipe(): void {} }',
    '',
    'export async function run(source: Observable) {',
    '  const sub = source.subscribe();',
    '  sub.unsubscribe();',
    '  source.pipe().subscribe().unsubscribe();',
    '  const later = await source.pipe().subscribe();',
    '  later.unsubscribe();',
    '  innerFrom(later).subscribe();',
    '  const made = innerFrom(later);',
    '  made.pipe();',
    '}',
    '',
  ].join('\n'),
};

const { at, def } = navTree('ax-nav-ts-', FILES);

test('TypeScript: a method\'s declared return type types `const x = a.m()` and chains `a.m().n()`', async () => {
  const unsubscribe = at(SUB, 'unsubscribe');
  assert.equal(await def(at(APP, 'sub.unsubscribe', 0, 4)), unsubscribe, 'const sub = source.subscribe()');
  assert.equal(await def(at(APP, 'pipe().subscribe', 0, 7)), at(SUB, '  subscribe', 0, 2), 'source.pipe() is an Observable');
  assert.equal(await def(at(APP, 'subscribe().unsubscribe', 0, 12)), unsubscribe, 'through two calls');
  assert.equal(await def(at(APP, 'later.unsubscribe', 0, 6)), unsubscribe, 'an awaited call');
});

test('TypeScript: a plain function\'s declared return type types `f().m()` and `const x = f()`', async () => {
  assert.equal(await def(at(APP, 'innerFrom(later).subscribe', 0, 17)), at(SUB, '  subscribe', 0, 2), 'innerFrom() is an Observable');
  assert.equal(await def(at(APP, 'made.pipe', 0, 5)), at(SUB, '  pipe', 0, 2), 'const made = innerFrom(later)');
});
