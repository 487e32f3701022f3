// Scope analysis for Java (see ../scopes.ts). Classes, interfaces, enums and records are member tables
// (fields with their declared types, methods, nested types); methods, constructors, lambdas, blocks,
// for and catch clauses are scopes; locals and parameters always carry their declared type (`var`
// takes the `new X()` initializer's), so receivers are usually typed. Single-type imports bind the
// class name to its qualified name; the navigation service maps it to `a/b/C.java` under an ancestor
// source root, finds same-package classes as sibling files, and resolves unqualified names inside a
// class to its members (implicit `this`). Methods carry their return type (what a call chain
// `a.b().c()` continues with) and their parameter count, and calls their argument count, so that of a
// method's overloads the one that fits is chosen.

import type { Node } from 'web-tree-sitter';
import { colOf, emptyScopes, lineOf, lookup, type FileScopes, type LocalsAnalyzer, type MemberRef, type Occ, declarer } from '../scopes.js';

const SCOPES = new Set(['method_declaration', 'constructor_declaration', 'lambda_expression', 'block', 'for_statement',
  'enhanced_for_statement', 'catch_clause', 'class_body', 'interface_body', 'enum_body', 'try_with_resources_statement', 'switch_block',
  // Pattern variables (`if (o instanceof Foo f)`, `case Foo f ->`) live in their if or switch rule.
  'if_statement', 'switch_rule']);
const TYPES = new Set(['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration', 'annotation_type_declaration']);

function typeNameOf(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'type_identifier') return n.text === 'var' ? undefined : n.text;
  if (n.type === 'scoped_type_identifier') return n.namedChildren[n.namedChildren.length - 1]?.text;
  if (n.type === 'generic_type') return typeNameOf(n.namedChildren[0]);
  return undefined;
}

/** A parameter's or argument's type as overloads compare them: primitives and arrays too (`int`, `long[]`). */
function typeTextOf(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  switch (n.type) {
    case 'integral_type': case 'floating_point_type': case 'boolean_type': return n.text;
    case 'array_type': { const e = typeTextOf(n.childForFieldName('element')); return e ? `${e}[]` : undefined; }
    default: return typeNameOf(n);
  }
}

/** A base type as written, qualified (`Sink.ChainedInt`), without type arguments: a nested class of another file is found through its outer class. */
function qualifiedTypeOf(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'generic_type') return qualifiedTypeOf(n.namedChildren[0]);
  if (n.type === 'scoped_type_identifier') return n.text.replace(/<[^>]*>/g, '').replace(/\s+/g, '');
  return typeNameOf(n);
}

/** The type of a literal argument, or undefined. */
function literalType(n: Node): string | undefined {
  switch (n.type) {
    case 'decimal_integer_literal': case 'hex_integer_literal': case 'octal_integer_literal': case 'binary_integer_literal':
      return /[lL]$/.test(n.text) ? 'long' : 'int';
    case 'decimal_floating_point_literal': case 'hex_floating_point_literal': return /[fF]$/.test(n.text) ? 'float' : 'double';
    case 'string_literal': case 'text_block': return 'String';
    case 'character_literal': return 'char';
    case 'true': case 'false': return 'boolean';
    default: return undefined;
  }
}

export function analyzeJava(root: Node, lang: string): FileScopes {
  const fs = emptyScopes(lang);
  const scopeOf = new Map<number, number>();
  scopeOf.set(root.id, 0);
  const classOfNode = new Map<number, number>();
  const fnOfNode = new Map<number, number>();

  const { declAt, declare, member } = declarer(fs);
  const params = (list: Node | null, scope: number, container: string) => {
    for (const p of list?.namedChildren ?? []) {
      if (!p) continue;
      if (p.type === 'identifier') { declare(p, 'parameter', scope, p, container); continue; }
      const nm = p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'variable_declarator')?.childForFieldName('name') ?? null;
      if (nm) { const typeName = typeTextOf(p.childForFieldName('type') ?? p.namedChildren.find((c) => c?.type === 'catch_type')?.namedChildren[0]); declare(nm, 'parameter', scope, p, container, typeName ? { typeName } : {}); }
    }
  };

  /** `<R extends Temporal>`: R stands for its first bound where a type is looked up (`r.plus()`). */
  const typeParameter = (tp: Node, scope: number, container: string) => {
    const nm = tp.namedChildren.find((c) => c?.type === 'type_identifier' || c?.type === 'identifier');
    const bound = typeNameOf(tp.namedChildren.find((c) => c?.type === 'type_bound')?.namedChildren[0]);
    if (nm) declare(nm, 'typeParameter', scope, tp, container, bound ? { typeName: bound } : {});
  };
  /** An enum constant is of its enum's type (`ChronoField.YEAR.range()`, an argument of type ChronoField). */
  const enumConstant = (n: Node, cls: number, container: string) => {
    const nm = n.childForFieldName('name');
    if (nm && cls >= 0) member(cls, nm, 'constant', n, container, fs.classes[cls]!.name || undefined);
  };
  const pass1 = (n: Node, scope: number, container: string, cls: number) => {
    const t = n.type;
    let inner = scope, innerContainer = container, innerCls = cls;
    if (SCOPES.has(t)) {
      // A class body's scope is made with its class, which declares its type parameters in it.
      const made = scopeOf.get(n.id);
      if (made !== undefined) inner = made;
      else {
        inner = fs.scopes.length;
        fs.scopes.push({ parent: scope, names: new Map() });
        scopeOf.set(n.id, inner);
      }
    }
    if (TYPES.has(t)) {
      const name = n.childForFieldName('name');
      const ci = fs.classes.length;
      const bases: string[] = [];
      const sup = n.childForFieldName('superclass');
      if (sup) { const b = qualifiedTypeOf(sup.namedChildren[0]); if (b) bases.push(b); }
      const ifs = n.childForFieldName('interfaces') ?? n.namedChildren.find((c) => c?.type === 'extends_interfaces') ?? null;
      for (const tl of ifs?.namedChildren ?? []) for (const x of tl?.namedChildren ?? []) { const b = qualifiedTypeOf(x); if (b) bases.push(b); }
      fs.classes.push({ name: name?.text ?? '', decl: -1, bases, members: new Map(), outerScope: scope, ...(cls >= 0 ? { outer: cls } : {}) });
      if (name) {
        const id = cls >= 0 ? member(cls, name, 'class', n, container) : declare(name, t === 'interface_declaration' ? 'interface' : 'class', scope, n, container);
        fs.decls[id]!.classIdx = ci;
        fs.classes[ci]!.decl = id;
        if (cls < 0 && scope === 0) fs.exports.set(name.text, { decl: id });
      }
      classOfNode.set(n.id, ci);
      innerCls = ci;
      innerContainer = container ? `${container}.${name?.text ?? ''}` : name?.text ?? '';
      const body = n.childForFieldName('body');
      const tps = n.childForFieldName('type_parameters');
      if (body && tps) {
        const bodyScope = fs.scopes.length;
        fs.scopes.push({ parent: scope, names: new Map() });
        scopeOf.set(body.id, bodyScope);
        fs.classes[ci]!.typeScope = bodyScope;
        for (const tp of tps.namedChildren) if (tp?.type === 'type_parameter') typeParameter(tp, bodyScope, innerContainer);
      }
      if (t === 'record_declaration') params(n.childForFieldName('parameters'), scope, innerContainer);
    }
    if (t === 'object_creation_expression' || t === 'enum_constant') {
      // An anonymous class (`new Sink.ChainedInt<T>(sink) { ... }`, an enum constant with a body): its
      // body sees the members of the type it extends (`downstream`), then those of the classes around it.
      const body = t === 'enum_constant' ? n.childForFieldName('body') : n.namedChildren.find((c) => c?.type === 'class_body');
      const base = t === 'enum_constant' ? fs.classes[cls]?.name || undefined : qualifiedTypeOf(n.childForFieldName('type'));
      if (body) {
        if (t === 'enum_constant') enumConstant(n, cls, container);
        for (const c of n.namedChildren) if (c && c.id !== body.id) pass1(c, scope, container, cls);
        const ci = fs.classes.length;
        fs.classes.push({ name: '', decl: -1, bases: base ? [base] : [], members: new Map(), outerScope: scope, ...(cls >= 0 ? { outer: cls } : {}) });
        classOfNode.set(body.id, ci);
        pass1(body, scope, container, ci);
        return;
      }
    }
    switch (t) {
      case 'type_parameter': typeParameter(n, scope, container); break;
      case 'field_declaration': case 'constant_declaration': {
        const typeName = typeTextOf(n.childForFieldName('type'));
        for (const d of n.childrenForFieldName('declarator')) {
          const nm = d?.childForFieldName('name');
          if (!nm || cls < 0) continue;
          const id = member(cls, nm, 'field', n, container, typeName ?? typeNameOf(d?.childForFieldName('value')?.childForFieldName('type')));
          const fields = (fs.classes[cls]!.fields ??= new Map());
          if (!fields.has(nm.text)) fields.set(nm.text, id);
        }
        break;
      }
      case 'enum_constant': enumConstant(n, cls, container); break;
      case 'method_declaration': case 'constructor_declaration': {
        const nm = n.childForFieldName('name');
        if (nm && cls >= 0) {
          const ps = (n.childForFieldName('parameters')?.namedChildren ?? []).filter((x) => x?.type === 'formal_parameter' || x?.type === 'spread_parameter');
          const paramTypes = ps.map((x) => typeTextOf(x?.childForFieldName('type') ?? x?.namedChildren[0]) ?? '');
          const varargs = ps[ps.length - 1]?.type === 'spread_parameter';
          if (varargs) paramTypes[paramTypes.length - 1] += '[]';
          const id = member(cls, nm, t === 'constructor_declaration' ? 'constructor' : 'method', n, container, typeTextOf(n.childForFieldName('type')),
            { arity: ps.length, varargs, paramTypes });
          // A field and a method of one name (`range` and `range()`): a call means the method, other uses
          // the field (ClassInfo.fields).
          const c = fs.classes[cls]!;
          if (c.fields?.get(nm.text) === c.members.get(nm.text)) c.members.set(nm.text, id);
          fnOfNode.set(n.id, fs.fns.length);
          fs.fns.push({ name: nm.text, kind: t === 'constructor_declaration' ? 'constructor' : 'method', line: lineOf(nm), col: colOf(nm), startLine: lineOf(n), endLine: n.endPosition.row + 1, cls, container });
          innerContainer = container ? `${container}.${nm.text}` : nm.text;
        }
        params(n.childForFieldName('parameters'), inner, innerContainer);
        break;
      }
      case 'lambda_expression': {
        const p = n.childForFieldName('parameters');
        if (p?.type === 'identifier') declare(p, 'parameter', inner, n, container);
        else params(p, inner, container);
        break;
      }
      case 'local_variable_declaration': {
        const typeName = typeTextOf(n.childForFieldName('type'));
        for (const d of n.childrenForFieldName('declarator')) {
          const nm = d?.childForFieldName('name');
          const v = d?.childForFieldName('value');
          const tn = typeName ?? (v?.type === 'object_creation_expression' ? typeNameOf(v.childForFieldName('type')) : undefined);
          if (nm) declare(nm, 'variable', scope, n, container, tn ? { typeName: tn } : {});
        }
        break;
      }
      case 'enhanced_for_statement': {
        const nm = n.childForFieldName('name');
        const tn = typeTextOf(n.childForFieldName('type'));
        if (nm) declare(nm, 'variable', inner, n, container, tn ? { typeName: tn } : {});
        break;
      }
      case 'catch_clause': {
        const p = n.namedChildren.find((c) => c?.type === 'catch_formal_parameter');
        const nm = p?.childForFieldName('name');
        const tn = typeNameOf(p?.namedChildren.find((c) => c?.type === 'catch_type')?.namedChildren[0]);
        if (p && nm) declare(nm, 'variable', inner, p, container, tn ? { typeName: tn } : {});
        break;
      }
      case 'instanceof_expression': case 'type_pattern': {
        const nm = t === 'type_pattern' ? n.namedChildren.find((c) => c?.type === 'identifier') : n.childForFieldName('name');
        const tn = qualifiedTypeOf(t === 'type_pattern' ? n.namedChildren[0] : n.childForFieldName('right'));
        if (nm) declare(nm, 'variable', scope, n, container, tn ? { typeName: tn } : {});
        break;
      }
      case 'resource': { const nm = n.childForFieldName('name'); if (nm) declare(nm, 'variable', scope, n, container, typeNameOf(n.childForFieldName('type')) ? { typeName: typeNameOf(n.childForFieldName('type'))! } : {}); break; }
      case 'import_declaration': {
        const isStatic = n.children.some((c) => c?.type === 'static');
        const path = n.namedChildren.find((c) => c?.type === 'scoped_identifier' || c?.type === 'identifier');
        const star = n.namedChildren.some((c) => c?.type === 'asterisk');
        if (!path) return;
        fs.imports.push({ module: path.text + (star ? '.*' : ''), line: lineOf(n) });
        if (star) { fs.stars.push(path.text); return; }
        const last = path.type === 'scoped_identifier' ? path.childForFieldName('name') : path;
        if (last && !isStatic) declare(last, 'import', 0, n, '', { importFrom: path.text, importName: last.text });
        else if (last && isStatic) {
          const owner = path.childForFieldName('scope');
          if (owner) declare(last, 'import', 0, n, '', { importFrom: owner.text, importName: last.text });
        }
        return;
      }
      case 'package_declaration': return;
      default: break;
    }
    for (const c of n.namedChildren) if (c) pass1(c, inner, innerContainer, innerCls);
  };
  pass1(root, 0, '', -1);

  /**
   * memberChain() that also passes through calls, whose return types the chain continues with:
   * `a.b().c` -> ['b()'] under `a`; `b().c` -> ['b()'] under `this` (a method of the class).
   */
  const chainOf = (object: Node): { path: string[]; root: Node | 'this' | null } => {
    let o: Node | null = object;
    while (o?.type === 'parenthesized_expression') o = o.namedChildren[0] ?? null;
    // `new T(..).m()`: the chain starts from an instance of T.
    // `new T(..).m()` and `((T) x).m()`: the chain starts from an instance of T.
    if (o?.type === 'object_creation_expression' || o?.type === 'cast_expression') {
      const ty = o.childForFieldName('type');
      return { path: [], root: ty?.type === 'generic_type' ? ty.namedChildren[0] ?? null : ty };
    }
    if (o?.type !== 'method_invocation' && o?.type !== 'field_access') return { path: [], root: o };
    const call = o.type === 'method_invocation';
    const inner = o.childForFieldName('object');
    const below: { path: string[]; root: Node | 'this' | null } = inner ? chainOf(inner) : { path: [], root: 'this' };
    return { path: [...below.path, `${o.childForFieldName(call ? 'name' : 'field')?.text ?? ''}${call ? '()' : ''}`], root: below.root };
  };
  const memberRef = (object: Node, scope: number): MemberRef => {
    const { path, root: o } = chainOf(object);
    const text = object.text.slice(0, 80);
    if (o === 'this' || o?.type === 'this') return { root: 'this', path, text };
    if (o?.type === 'super') return { root: 'super', path, text };
    if (o?.type === 'identifier' || o?.type === 'type_identifier') return { root: 'ident', rootName: o.text, rootDecl: lookup(fs, scope, o.text), path, text };
    return { root: 'other', path, text };
  };
  /** What an argument's type is, as far as this file shows it (Occ.argTypes). */
  const argType = (a: Node, scope: number): NonNullable<Occ['argTypes']>[number] => {
    let x = a;
    while (x.type === 'parenthesized_expression' && x.namedChildren[0]) x = x.namedChildren[0];
    if (x.type === 'unary_expression' && x.childForFieldName('operand')) { const lt = literalType(x.childForFieldName('operand')!); if (lt) return lt; }
    const lt = literalType(x);
    if (lt) return lt;
    if (x.type === 'null_literal') return 'null';
    if (x.type === 'assignment_expression' && x.childForFieldName('left')) return argType(x.childForFieldName('left')!, scope);
    if (x.type === 'object_creation_expression' || x.type === 'cast_expression') return typeTextOf(x.childForFieldName('type')) ?? null;
    if (x.type === 'identifier') {
      const d = lookup(fs, scope, x.text);
      return d >= 0 ? fs.decls[d]!.typeName ?? null : [lineOf(x), colOf(x)];
    }
    if (x.type === 'array_access' && x.childForFieldName('array')) {
      // `array[i]`: the element type of the array's declared type.
      const a = argType(x.childForFieldName('array')!, scope);
      return typeof a === 'string' ? (a.endsWith('[]') ? a.slice(0, -2) : null) : a ? [a[0], a[1], 'element'] : null;
    }
    const name = x.type === 'field_access' ? x.childForFieldName('field') : x.type === 'method_invocation' ? x.childForFieldName('name') : null;
    return name ? [lineOf(name), colOf(name)] : null;
  };
  // The parent is passed down: web-tree-sitter's `parent` getter walks from the root on every call.
  const pass2 = (n: Node, p: Node | null, scope: number, fn: number, cls: number) => {
    const s = scopeOf.get(n.id);
    if (s !== undefined) scope = s;
    const f = fnOfNode.get(n.id);
    if (f !== undefined) fn = f;
    const c = classOfNode.get(n.id);
    if (c !== undefined) cls = c;
    const t = n.type;
    if (t === 'identifier' || t === 'type_identifier') {
      const d = declAt.get(n.startIndex);
      const base = { name: n.text, line: lineOf(n), col: colOf(n), fn, cls, scope, call: false };
      if (d !== undefined) fs.occs.push({ ...base, decl: d, isDecl: true });
      else if (p?.type === 'method_invocation' && p.childForFieldName('name')?.id === n.id) {
        const obj = p.childForFieldName('object');
        const argNodes = (p.childForFieldName('arguments')?.namedChildren ?? []).filter((x): x is Node => !!x && !x.type.endsWith('comment'));
        const call = { call: true, args: argNodes.length, argTypes: argNodes.map((a) => argType(a, scope)) };
        if (obj) fs.occs.push({ ...base, decl: -1, isDecl: false, ...call, member: memberRef(obj, scope) });
        else fs.occs.push({ ...base, decl: lookup(fs, scope, n.text), isDecl: false, ...call });
      } else if (p?.type === 'field_access' && p.childForFieldName('field')?.id === n.id) {
        fs.occs.push({ ...base, decl: -1, isDecl: false, member: memberRef(p.childForFieldName('object')!, scope) });
      } else if (p?.type === 'scoped_identifier' || p?.type === 'package_declaration' || p?.type === 'import_declaration') {
        /* package path */
      } else {
        const call = p?.type === 'object_creation_expression' && p.childForFieldName('type')?.id === n.id;
        fs.occs.push({ ...base, decl: lookup(fs, scope, n.text), isDecl: false, call });
      }
    }
    for (const ch of n.namedChildren) if (ch) pass2(ch, n, scope, fn, cls);
  };
  pass2(root, null, 0, -1, -1);
  return fs;
}

export const javaLocals: LocalsAnalyzer = {
  grammarFor: (relPath: string) => (relPath.toLowerCase().endsWith('.java') ? 'tree-sitter-java.wasm' : undefined),
  analyze: analyzeJava,
};
