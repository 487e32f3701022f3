// Expressions as the TypeScript scope analysis (locals.ts) follows them: a member access's receiver
// chain, and where a variable's value comes from (for its type).

import type { Node } from 'web-tree-sitter';

/** Syntax that wraps an expression without changing what it names (`a!`, `(a)`). */
const WRAPPERS: ReadonlySet<string> = new Set(['non_null_expression', 'parenthesized_expression']);

/** An expression without the `await`, `!` and parentheses around it. */
function unwrapped(v: Node | null): Node | null {
  while (v && (v.type === 'await_expression' || WRAPPERS.has(v.type))) v = v.namedChildren[0] ?? null;
  return v;
}

/**
 * A member expression's object and property, by position rather than by field: in a type query
 * (`typeof A.b.c`) web-tree-sitter 0.25 answers the inner expression's fields for the outer one's, so
 * `c` was taken for no member at all.
 */
export const objectOf = (m: Node): Node | null => m.firstNamedChild;
export const propertyOf = (m: Node): Node | null => m.lastNamedChild;

/**
 * Where a variable's value comes from, for its type (Decl.typeFrom): the method of `a.b(...)` or the
 * function of `f(...)` (also awaited), whose return type it gets, or the property or name it reads
 * (`this._output`, `y`), whose type it has.
 */
export function valueSource(v: Node | null): Node | undefined {
  v = unwrapped(v);
  const f = v?.type === 'call_expression' ? v.childForFieldName('function') : null;
  if (f?.type === 'identifier') return f; // `const x = f()`: a function's typeName is its return type
  if (f?.type === 'member_expression') return propertyOf(f) ?? undefined;
  // Not a call: `const observer = this._output` or `const x = y` has the type of what it reads.
  if (v?.type === 'member_expression') return propertyOf(v) ?? undefined;
  return v?.type === 'identifier' ? v : undefined;
}

/** `xs[i]` (also awaited or in parentheses): what valueSource() gives for xs. */
export function subscriptSource(v: Node | null): Node | undefined {
  v = unwrapped(v);
  return v?.type === 'subscript_expression' ? valueSource(v.childForFieldName('object')) : undefined;
}

/**
 * The receiver chain of a member access, through method calls and indexing: `a.b().c` -> ['b()', 'c']
 * under `a`, `a.xs[0].c` -> ['xs', '[]', 'c'],
 * whose return types the resolver follows. A call of a plain function is its root (`f().c` -> ['c']
 * under `f`): a function's typeName is its return type. Other calls (`f()()`, `(a || b)()`) end the
 * chain.
 */
export function chainOf(object: Node): { path: string[]; root: Node | null } {
  // `(await p).m`: a Promise stands for what it resolves to (types.ts, SEE_THROUGH), so awaiting changes no type.
  const o = unwrapped(object);
  if (o?.type === 'subscript_expression') {
    // `xs[i].m`: the element type of what xs holds (the resolver's `[]` step).
    const x = o.childForFieldName('object');
    if (!x) return { path: [], root: null };
    const below = chainOf(x);
    return { path: [...below.path, '[]'], root: below.root };
  }
  if (o?.type === 'member_expression') {
    const below = chainOf(objectOf(o)!);
    return { path: [...below.path, propertyOf(o)?.text ?? ''], root: below.root };
  }
  if (o?.type === 'call_expression') {
    const f = o.childForFieldName('function');
    if (f?.type === 'identifier') return { path: [], root: f };
    if (f?.type !== 'member_expression' || !objectOf(f)) return { path: [], root: null };
    const below = chainOf(objectOf(f)!);
    return { path: [...below.path, `${propertyOf(f)?.text ?? ''}()`], root: below.root };
  }
  return { path: [], root: o };
}
