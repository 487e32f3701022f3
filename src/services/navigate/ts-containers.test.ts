// TypeScript containers on a small tree: a declared `X[]`, `Set<X>`, `Map<K, X>` or `Promise<X>` gives
// an X where the language service gives one (an index, `for..of`, `shift()`/`get()`, an array
// method's callback, `await`), and the container's own methods (`push`) are not taken for X's. Each
// use of `run` has a decoy class of the same member name that a name-based answer would pick first
// (it is in the same file).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { navTree } from './fixture.js';

const TASK = 'src/task.ts', USE = 'src/use.ts';
const FILES: Record<string, string> = {
  [TASK]: [
    'export class Task { run(): void {} push(): void {} }',
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

const { at, def } = navTree('ax-ts-containers-', FILES);
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

test("a container's own method is not looked up in its element type", async () => {
  // `this.tasks.push(...)`: Array's push, which no file of the tree declares; before, tasks counted as
  // a Task and the answer was Task.push.
  assert.notEqual(await def(at(USE, 'push(new')), at(TASK, 'push'));
});
