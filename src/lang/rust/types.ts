// What Rust type and value nodes name, for the scope analysis (locals.ts): the type a declaration
// gives its value (`&T`, `Box<T>`, a struct literal, `T::new()`), what a call returns, and the callee
// of a call. Pure functions of tree-sitter nodes; `self` is the enclosing impl's type, for `Self`.

import type { Node } from 'web-tree-sitter';

/** Types whose methods are reached through auto-deref of a value of them (`Box<T>` has T's methods). */
const SMART_POINTERS = new Set(['Box', 'Rc', 'Arc']);
/** Associated functions that by convention return `Self`: `let x = T::new()` gives x the type T. */
const CONSTRUCTOR = /^(new|default)$|^(new|with)_/;

/** `a::b::C` for a path node (a generic type's path without its arguments). */
export function pathText(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  switch (n.type) {
    case 'identifier': case 'type_identifier': case 'crate': case 'self': case 'super': return n.text;
    case 'scoped_identifier': case 'scoped_type_identifier': {
      const name = n.childForFieldName('name');
      if (!name) return undefined;
      const p = n.childForFieldName('path');
      if (!p) return name.text;
      const pt = pathText(p);
      return pt ? `${pt}::${name.text}` : undefined;
    }
    case 'generic_type': return pathText(n.childForFieldName('type'));
    default: return undefined;
  }
}

/** The type a value of type-node `n` has for member lookup; `Self` is the enclosing impl's type. */
export function typeNameOf(n: Node | null | undefined, self: string | undefined): string | undefined {
  if (!n) return undefined;
  switch (n.type) {
    case 'type_identifier': return n.text === 'Self' ? self : n.text;
    case 'scoped_type_identifier': return pathText(n);
    case 'generic_type': {
      const base = typeNameOf(n.childForFieldName('type'), self);
      if (base && SMART_POINTERS.has(base)) {
        return typeNameOf(n.childForFieldName('type_arguments')?.namedChildren.find((c) => c && c.type !== 'lifetime'), self);
      }
      return base;
    }
    case 'reference_type': case 'pointer_type': return typeNameOf(n.childForFieldName('type'), self);
    case 'dynamic_type': case 'abstract_type': return typeNameOf(n.childForFieldName('trait') ?? n.namedChildren[n.namedChildren.length - 1], self);
    default: return undefined;
  }
}

/** The type of an initializer when it shows: a struct literal, or `T::new(..)`-style constructors. */
export function valueTypeOf(v: Node | null | undefined, self: string | undefined): string | undefined {
  if (!v) return undefined;
  switch (v.type) {
    case 'struct_expression': {
      const name = v.childForFieldName('name');
      return name?.text === 'Self' ? self : typeNameOf(name, self) ?? pathText(name);
    }
    case 'call_expression': {
      const f = v.childForFieldName('function');
      if (f?.type !== 'scoped_identifier' || !CONSTRUCTOR.test(f.childForFieldName('name')?.text ?? '')) return undefined;
      const p = f.childForFieldName('path');
      const t = p?.type === 'generic_type' ? pathText(p) : pathText(p);
      if (!t) return undefined;
      const last = t.slice(t.lastIndexOf(':') + 1);
      if (last === 'Self') return self;
      return /^[A-Z]/.test(last) ? t : undefined;
    }
    case 'reference_expression': return valueTypeOf(v.childForFieldName('value'), self);
    case 'parenthesized_expression': return valueTypeOf(v.namedChildren[0], self);
    default: return undefined;
  }
}


/** What a call returns for member lookup: `Result<T, E>` and `Option<T>` count as T (what `?` yields). */
export function returnTypeOf(n: Node | null | undefined, self: string | undefined): string | undefined {
  if (n?.type === 'generic_type' && /^(Result|Option)$/.test(n.childForFieldName('type')?.text ?? '')) {
    return typeNameOf(n.childForFieldName('type_arguments')?.namedChildren.find((c) => c && c.type !== 'lifetime'), self);
  }
  return typeNameOf(n, self);
}

/** The name node of the function a value is the result of (`f(..)`, `x.m(..)`, `T::f(..)`, with `?`). */
export function calleeOf(v: Node | null | undefined): Node | undefined {
  while (v && (v.type === 'try_expression' || v.type === 'parenthesized_expression' || v.type === 'await_expression')) v = v.namedChildren[0];
  if (v?.type !== 'call_expression') return undefined;
  let f = v.childForFieldName('function');
  if (f?.type === 'generic_function') f = f.childForFieldName('function');
  if (f?.type === 'identifier') return f;
  if (f?.type === 'field_expression') return f.childForFieldName('field') ?? undefined;
  if (f?.type === 'scoped_identifier') return f.childForFieldName('name') ?? undefined;
  return undefined;
}
