// Types as the TypeScript scope analysis (locals.ts) records them in Decl.typeName: the first type
// name of an annotation, with containers written as Go's are (`[]X`, `map[K]X`: lang/go/type-text.ts)
// so the resolver can ask for their elements, and types that stand for their argument (`Promise<X>`)
// seen through.

import type { Node } from 'web-tree-sitter';
import { propertyOf } from './chains.js';

/** The first type name in a type annotation (`Foo<T> | null` -> Foo; `ns.Foo` -> Foo). */
export function typeNameOf(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'type_identifier') return n.text;
  if (n.type === 'predefined_type' || n.type === 'literal_type') return undefined;
  if (n.type === 'nested_type_identifier') return n.childForFieldName('name')?.text;
  if (n.type === 'generic_type') return typeNameOf(n.childForFieldName('name'));
  for (const c of n.namedChildren) {
    if (!c) continue;
    const t = typeNameOf(c);
    if (t) return t;
  }
  return undefined;
}

/**
 * Generic types that hold values of their first type argument: `X[]` and these are written as the
 * container `[]X` (Go's notation, lang/go/type-text.ts), so indexing, `for..of`, element methods
 * (`shift()`) and callbacks (`forEach((x) => ..)`) give an X, and the container's own methods are
 * not looked up in X.
 */
const LIST_TYPES = new Set(['Array', 'ReadonlyArray', 'Set', 'ReadonlySet', 'WeakSet', 'Iterable', 'IterableIterator',
  'AsyncIterable', 'AsyncIterableIterator']);
/** Keyed containers, written `map[K]V`: `get(k)` and callbacks give a V. */
const MAP_TYPES = new Set(['Map', 'ReadonlyMap', 'WeakMap', 'Record']);
/** Types with the members of their first type argument: a Promise is awaited to it, the others map its properties. */
const SEE_THROUGH = new Set(['Promise', 'PromiseLike', 'Readonly', 'Partial', 'Required', 'NonNullable']);

/**
 * The type a variable, parameter, property or return annotation gives (Decl.typeName): as
 * typeNameOf(), with containers and see-through types above taken apart, and the first non-null
 * member of a union (`Foo[] | undefined` -> `[]Foo`).
 */
export function declaredType(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  switch (n.type) {
    case 'type_annotation': case 'parenthesized_type': case 'readonly_type': case 'optional_type':
      return declaredType(n.namedChildren[0]);
    case 'union_type':
      for (const c of n.namedChildren) { const t = declaredType(c); if (t) return t; }
      return undefined;
    case 'array_type': {
      const e = single(declaredType(n.namedChildren[0]));
      return e ? `[]${e}` : undefined;
    }
    case 'generic_type': {
      const name = n.childForFieldName('name');
      const special = genericType(name?.type === 'type_identifier' ? name.text : '', n.childForFieldName('type_arguments'));
      return special !== null ? special : typeNameOf(n);
    }
    default:
      return typeNameOf(n);
  }
}

/** A type of one name: not a container of containers (nested element types are not followed). */
const single = (t: string | undefined): string | undefined => (t && !t.startsWith('[') && !t.startsWith('map[') ? t : undefined);

/** `base<args>` as declaredType() gives it: a container, a see-through type's argument, or null when base is neither. */
function genericType(base: string, typeArgs: Node | null): string | undefined | null {
  const args = typeArgs?.namedChildren ?? [];
  if (LIST_TYPES.has(base)) { const e = single(declaredType(args[0])); return e ? `[]${e}` : undefined; }
  if (MAP_TYPES.has(base)) { const v = single(declaredType(args[1])); return v ? `map[${typeNameOf(args[0]) ?? 'string'}]${v}` : undefined; }
  if (SEE_THROUGH.has(base)) return declaredType(args[0]);
  return null;
}

export function valueTypeOf(v: Node | null): string | undefined {
  if (!v) return undefined;
  if (v.type === 'new_expression') {
    const c = v.childForFieldName('constructor');
    // `new Map<string, Task>()`: a container of Task (a bare `new Map()` has no element type to give).
    const special = c?.type === 'identifier' ? genericType(c.text, v.childForFieldName('type_arguments')) : null;
    if (special !== null) return special;
    if (c?.type === 'identifier') return c.text;
    if (c?.type === 'member_expression') return propertyOf(c)?.text;
  }
  if (v.type === 'as_expression' || v.type === 'satisfies_expression') return declaredType(v.namedChildren[1]);
  return undefined;
}

/** `(a: A, b: B) => R` -> ['A', 'B'] (a leading `this` parameter skipped); undefined for other types. */
export function fnParamTypesOf(t: Node | null): string[] | undefined {
  const params = functionTypeParams(t);
  if (!params) return undefined;
  const out: string[] = [];
  for (const p of params) {
    if (p.childForFieldName('pattern')?.type === 'this') continue;
    out.push(declaredType(p.childForFieldName('type')) ?? '');
  }
  return out;
}

/** `(this: A, b: B) => R` -> 'A': the type a function type declares for `this`; undefined when none. */
export function fnThisTypeOf(t: Node | null): string | undefined {
  const p = functionTypeParams(t)?.find((x) => x.childForFieldName('pattern')?.type === 'this');
  return p ? declaredType(p.childForFieldName('type')) : undefined;
}

/** The parameters of a function type annotation (also parenthesized or optional); undefined for other types. */
function functionTypeParams(t: Node | null): Node[] | undefined {
  let n = t?.type === 'type_annotation' ? t.namedChildren[0] : t;
  while (n && (n.type === 'parenthesized_type' || n.type === 'optional_type')) n = n.namedChildren[0] ?? null;
  if (!n || n.type !== 'function_type') return undefined;
  return (n.childForFieldName('parameters')?.namedChildren ?? []).filter((p): p is Node => p !== null);
}
