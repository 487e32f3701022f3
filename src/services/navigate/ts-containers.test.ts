// TypeScript containers on a small tree: a declared `X[]`, `Set<X>`, `Map<K, X>` or `Promise<X>` gives
// an X where the language service gives one (an index, `for..of`, `shift()`/`get()`, an array
// method's callback, `await`), and the container's own methods (`push`) and the members of runtime
// globals (`Object.assign`) are not taken for some file's declarations of the name. Each
// use of `run` has a decoy class of the same member name that a name-based answer would pick first
// (it is in the same file).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { navTree } from './fixture.js';
import { references } from './index.js';

const TASK = 'src/task.ts', USE = 'src/use.ts', UTIL = 'src/util.ts', REG = 'src/registry.ts';
const FILES: Record<string, string> = {
  [TASK]: [
    'export class Task { run(): void {} push(): void {} }',
    '',
  ].join('\n'),
  [REG]: [
    "import { Task } from './task';",
    'export class Registry implements Map<string, Task> {',
    '  private data = new Map<string, Task>();',
    '  private list: Task[] = [];',
    '  keys(): IterableIterator<string> { return this.data.keys(); }',
    '  size(): number { return this.list.keys().length; }',
    '}',
    '',
  ].join('\n'),
  [UTIL]: [
    'const { assign } = Object;',
    'export function merge<T>(a: T, b: Partial<T>): T { return assign(a, b); }',
    '',
  ].join('\n'),
  'src/use.test.ts': [
    'declare global { interface Window { AbortController: AbortController } }',
    '',
  ].join('\n'),
  [USE]: [
    "import { Task } from './task';",
    '',
    'class Decoy { run(): void {} push(): void {} }',
    '',
    'export class Queue {',
    '  tasks: Task[] = [];',
    '  byName = new Map<string, Task>();',
    '  pending: Set<Task> | undefined;',
    '  async load(): Promise<Task> { return this.tasks[0]!; }',
    '',
    '  drain(): void {',
    '    this.tasks[0].run();',
    '    this.tasks.shift()!.run();',
    '    this.byName.get("a")?.run();',
    '    for (const t of this.tasks) t.run();',
    '    this.tasks.forEach((t) => t.run());',
    '    this.tasks.filter((t) => !!t).map((t) => t.run());',
    '    const first = this.tasks[1];',
    '    first.run();',
    '    const live = this.tasks.filter(Boolean);',
    '    for (const t of live) t.run();',
    '    const popped = this.tasks.pop();',
    '    popped?.run();',
    '    this.tasks.push(new Task());',
    '    Object.assign(this, {});',
    '    const c = new AbortController();',
    '  }',
    '',
    '  async later(): Promise<void> {',
    '    (await this.load()).run();',
    '    const t = await this.load();',
    '    t.run();',
    '  }',
    '}',
    '',
  ].join('\n'),
};

const { at, def, root } = navTree('ax-ts-containers-', FILES);
const RUN = at(TASK, 'run');

test('an element of a declared container has the element type', async () => {
  // `run` uses of drain(), in order: index, shift(), Map get(), for..of, forEach, filter().map callback,
  // const from index, for..of over a filtered copy, const from pop().
  for (let n = 1; n <= 9; n++) assert.equal(await def(at(USE, 'run()', n)), RUN, `use ${n} of run in drain()`);
});

test('an awaited Promise<X> is an X', async () => {
  assert.equal(await def(at(USE, 'run()', 10)), RUN);
  assert.equal(await def(at(USE, 'run()', 11)), RUN);
});

test("a container's own methods and a runtime global's members get no definition from the tree", async () => {
  // `this.tasks.push(...)`: Array's push, which no file of the tree declares. Before, tasks counted as
  // a Task and the answer was Task.push; a name-based answer would be Decoy.push.
  assert.equal(await def(at(USE, 'push(new')), undefined);
  // `Object.assign`: not util.ts's module-local `assign`.
  assert.equal(await def(at(USE, 'assign')), undefined);
  // A name the file does not declare is no other file's member (a test's `Window.AbortController`).
  assert.equal(await def(at(USE, 'AbortController')), undefined);
  // util.ts's own use of its local still resolves to it.
  assert.equal(await def(at(UTIL, 'assign(a')), at(UTIL, 'assign'));
});

test('a member implementing a library container\'s counts its uses on declared containers of that kind', async () => {
  // `Registry implements Map`: `this.data.keys()` (a Map) is a use of Registry.keys, as the language
  // service lists it; `this.list.keys()` (an array) is not.
  const got = (await references({ root: root(), at: at(REG, 'keys') })).results.map((r) => `${r.path}:${r.line}:${r.column}`);
  assert.deepEqual(got, [at(REG, 'keys'), at(REG, 'keys', 1)]);
});
