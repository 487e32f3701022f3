// What the resolver knows of JavaScript's own library (lib.d.ts, the DOM), which no file of a tree
// declares: the containers a TypeScript declaration can name (`X[]`, `Set<X>`, `Map<K, X>`, written
// `[]X` and `map[K]X` in Decl.typeName by lang/js/types.ts) and what their methods give, and the
// runtime's globals. Tables only; resolve.ts applies them.

export const isJs = (lang: string): boolean => lang === 'typescript' || lang === 'tsx' || lang === 'javascript';

/** Container methods that give one of its elements (`xs.shift()`, `m.get(k)`). */
export const JS_ELEMENT_METHODS: ReadonlySet<string> = new Set(['shift', 'pop', 'at', 'find', 'findLast', 'get']);

/** Container methods that give a container of the same elements back (`xs.filter(..)`). */
export const JS_SAME_CONTAINER: ReadonlySet<string> = new Set(['filter', 'slice', 'concat', 'reverse', 'sort', 'splice',
  'toReversed', 'toSorted', 'toSpliced']);

/** Container methods whose callback (first argument) gets an element as its parameter number (value). */
export const JS_ELEMENT_CALLBACKS: ReadonlyMap<string, number> = new Map([
  ...['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap'].map((m) => [m, 0] as const),
  ['reduce', 1], ['reduceRight', 1],
]);

/** Library container types a class may implement (`implements Map<K, V>`), by the kind of their notation. */
export const LIB_CONTAINERS: ReadonlyMap<string, 'map' | 'list'> = new Map([
  ...['Map', 'ReadonlyMap', 'WeakMap'].map((n) => [n, 'map'] as const),
  ...['Set', 'ReadonlySet', 'WeakSet', 'Array', 'ReadonlyArray'].map((n) => [n, 'list'] as const),
]);

/**
 * Globals of the JavaScript runtime and the DOM whose members only the language's libraries declare:
 * `Object.assign(..)` or `JSON.parse(..).x` on a name the file does not declare or import gets no
 * name-based answer (it was another file's `assign` or `x`).
 */
export const JS_GLOBALS: ReadonlySet<string> = new Set(['Object', 'Array', 'Math', 'JSON', 'Promise', 'Reflect', 'Number',
  'String', 'Boolean', 'Symbol', 'BigInt', 'Date', 'RegExp', 'Error', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Intl', 'console',
  'globalThis', 'window', 'document', 'navigator', 'process', 'Buffer']);
