// Scope analysis for JavaScript/TypeScript/TSX (see ../scopes.ts). Two passes over the tree: the first
// creates scopes and declarations (so hoisted functions, classes and later `var`s are visible from
// anywhere in their scope), the second records every identifier occurrence with the declaration it
// names, member accesses with their receiver chain (`this.a.b`), call sites, and the enclosing named
// function and class. Types and values share one namespace here; that is close enough for navigation.

import type { Node } from 'web-tree-sitter';
import { colOf, emptyScopes, lineOf, lookup, type ClassInfo, type DeclKind, type FileScopes, type LocalsAnalyzer, type MemberRef, declarer } from '../scopes.js';
import { chainOf, objectOf, propertyOf, subscriptSource, valueSource } from './chains.js';
import { docCommentNames, positionIn } from './doc-links.js';
import { declaredType, fnParamTypesOf, fnThisTypeOf, typeNameOf, valueTypeOf } from './types.js';

const SCOPE_TYPES = new Set([
  'program', 'statement_block', 'for_statement', 'for_in_statement', 'catch_clause', 'arrow_function',
  'function_declaration', 'function_expression', 'function', 'generator_function_declaration',
  'generator_function', 'method_definition', 'class_declaration', 'abstract_class_declaration', 'class',
  'interface_declaration', 'type_alias_declaration', 'function_signature', 'method_signature',
  'abstract_method_signature', 'construct_signature', 'call_signature', 'function_type', 'constructor_type',
  'switch_body',
]);
const FUNCTION_SCOPES = new Set([
  'program', 'arrow_function', 'function_declaration', 'function_expression', 'function',
  'generator_function_declaration', 'generator_function', 'method_definition',
]);
const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);

function stringValue(n: Node | null): string {
  return n ? n.text.replace(/^['"`]|['"`]$/g, '') : '';
}

function hasToken(n: Node, tok: string): boolean {
  for (let i = 0; i < n.childCount; i++) if (n.child(i)?.type === tok) return true;
  return false;
}

/** A function value passed as argument i of a call or `new`: the callee's name position and i. */
function callContext(fn: Node): { line: number; col: number; arg: number } | undefined {
  return FUNCTION_VALUES.has(fn.type) ? argContext(fn) : undefined;
}

/** A value passed as argument i of a call or `new` (`f(a, { .. })`): the callee's name position and i. */
function argContext(value: Node): { line: number; col: number; arg: number } | undefined {
  const args = value.parent;
  if (args?.type !== 'arguments') return undefined;
  const call = args.parent;
  if (!call || (call.type !== 'call_expression' && call.type !== 'new_expression')) return undefined;
  let callee = call.childForFieldName(call.type === 'call_expression' ? 'function' : 'constructor');
  if (callee?.type === 'member_expression') callee = propertyOf(callee);
  if (!callee || (callee.type !== 'identifier' && callee.type !== 'property_identifier')) return undefined;
  const arg = args.namedChildren.findIndex((c) => c?.id === value.id);
  return arg < 0 ? undefined : { line: lineOf(callee), col: colOf(callee), arg };
}

export function analyzeJs(root: Node, lang: string): FileScopes {
  const fs = emptyScopes(lang);
  const scopeOf = new Map<number, number>(); // node id -> scope id
  scopeOf.set(root.id, 0);
  const classOfNode = new Map<number, number>(); // class node id -> class idx
  const fnOfNode = new Map<number, number>(); // function-ish node id -> fn idx
  const pendingExports: Array<{ name: string; local: string }> = [];
  const reexportAt = new Map<number, number>(); // re-exported name node start -> hidden import decl
  // `const { a, b: c } = value`: each key of the pattern (node start) -> the expression it is read
  // from. The key is a use of property `a` of value's type (the language service lists it among the
  // property's references), and the local it binds has that property's type.
  const destructured = new Map<number, Node>();

  const { declAt, declare } = declarer(fs);

  /** The declaration owning a function node: its name, or the variable/property it is assigned to. */
  const fnDeclOf = (fnNode: Node | null): number | undefined => {
    if (!fnNode) return undefined;
    const name = fnNode.childForFieldName('name');
    if (name) return declAt.get(name.startIndex);
    const p = fnNode.parent;
    if (p?.type === 'variable_declarator' || p?.type === 'public_field_definition' || p?.type === 'pair') {
      const nm = p.childForFieldName('name') ?? p.childForFieldName('key');
      return nm ? declAt.get(nm.startIndex) : undefined;
    }
    return undefined;
  };

  const patternNames = (p: Node | null, out: Node[]) => {
    if (!p) return;
    switch (p.type) {
      case 'identifier': case 'shorthand_property_identifier_pattern': out.push(p); return;
      case 'pair_pattern': patternNames(p.childForFieldName('value'), out); return;
      case 'assignment_pattern': case 'object_assignment_pattern': patternNames(p.childForFieldName('left'), out); return;
      case 'required_parameter': case 'optional_parameter': patternNames(p.childForFieldName('pattern'), out); return;
      case 'rest_pattern': case 'object_pattern': case 'array_pattern':
        for (const c of p.namedChildren) if (c) patternNames(c, out);
        return;
      default: return;
    }
  };

  /** A new member table (ClassInfo) for what pass 1 finds inside `node`; its decl is set once declared. */
  const newClass = (node: Node, name: string, scope: number, bases: string[] = []): number => {
    const ci = fs.classes.length;
    fs.classes.push({ name, decl: -1, bases, members: new Map(), outerScope: scope });
    classOfNode.set(node.id, ci);
    return ci;
  };

  /**
   * For a parameter or variable annotated with a type literal (`record: { subs: Subscription }`): a
   * class of its own, which the literal's property signatures join (pass 1 reaches them later).
   */
  const typeLiteralClass = (annotation: Node | null, scope: number): number | undefined => {
    let literal = annotation?.type === 'type_annotation' ? annotation.namedChildren[0] : annotation;
    // `{ ... } | undefined` (or `| null`): the literal is what a member access can reach.
    if (literal?.type === 'union_type') {
      const parts: Node[] = [];
      const flatten = (u: Node) => { for (const c of u.namedChildren) if (c) { if (c.type === 'union_type') flatten(c); else if (!/^(undefined|null)$/.test(c.text)) parts.push(c); } };
      flatten(literal);
      literal = parts.length === 1 ? parts[0]! : null;
    }
    return literal?.type === 'object_type' ? newClass(literal, '', scope) : undefined;
  };

  /** The keys of an object pattern's own properties, by the start of the local each binds (nested patterns: none). */
  const patternKeys = (pattern: Node): Map<number, Node> => {
    const out = new Map<number, Node>();
    for (const c of pattern.namedChildren) {
      if (!c) continue;
      if (c.type === 'shorthand_property_identifier_pattern') out.set(c.startIndex, c);
      else if (c.type === 'object_assignment_pattern') {
        const left = c.childForFieldName('left');
        if (left?.type === 'shorthand_property_identifier_pattern') out.set(left.startIndex, left);
      } else if (c.type === 'pair_pattern') {
        const key = c.childForFieldName('key');
        let local = c.childForFieldName('value');
        if (local?.type === 'assignment_pattern') local = local.childForFieldName('left');
        if (key?.type === 'property_identifier' && local?.type === 'identifier') out.set(local.startIndex, key);
      }
    }
    return out;
  };

  const addMember = (ci: number, nameNode: Node, kind: DeclKind, whole: Node, container: string, typeName?: string, isStatic = false) => {
    const cls = fs.classes[ci]!;
    const id = declare(nameNode, kind, -1, whole, container, typeName ? { typeName } : {});
    const table = isStatic ? (cls.statics ??= new Map()) : cls.members;
    if (!table.has(nameNode.text)) table.set(nameNode.text, id);
    return id;
  };

  // ---- pass 1: scopes and declarations
  const pass1 = (n: Node, scope: number, fnScope: number, container: string, cls: number) => {
    const t = n.type;
    let inner = scope, innerFn = fnScope, innerContainer = container, innerCls = cls;
    if (SCOPE_TYPES.has(t) && n.id !== root.id) {
      inner = fs.scopes.length;
      fs.scopes.push({ parent: scope, names: new Map() });
      scopeOf.set(n.id, inner);
      if (FUNCTION_SCOPES.has(t)) innerFn = inner;
    }
    switch (t) {
      case 'function_declaration': case 'generator_function_declaration': case 'function_signature': {
        const name = n.childForFieldName('name');
        if (name) {
          // As for methods, a function's typeName is its declared return type: what `f()` gives, in
          // `const x = f()` and in chains `f().m()` (which chainOf records as `f.m`, see there).
          const returns = declaredType(n.childForFieldName('return_type'));
          declare(name, 'function', scope, n, container, returns ? { typeName: returns } : {});
          if (t !== 'function_signature') {
            fnOfNode.set(n.id, fs.fns.length);
            fs.fns.push({ name: name.text, kind: 'function', line: lineOf(name), col: colOf(name), startLine: lineOf(n), endLine: n.endPosition.row + 1, cls, container });
            innerContainer = container ? `${container}.${name.text}` : name.text;
          }
        }
        break;
      }
      case 'function_expression': case 'function': case 'generator_function': {
        const name = n.childForFieldName('name');
        if (name) declare(name, 'function', inner, n, container);
        break;
      }
      case 'class_declaration': case 'abstract_class_declaration': case 'class': case 'interface_declaration': case 'enum_declaration': {
        const name = n.childForFieldName('name');
        const kind: DeclKind = t === 'interface_declaration' ? 'interface' : t === 'enum_declaration' ? 'enum' : 'class';
        const ci = fs.classes.length;
        const bases: string[] = [];
        for (const c of n.namedChildren) {
          if (!c) continue;
          if (c.type === 'class_heritage' || c.type === 'extends_type_clause') {
            const walkBases = (h: Node) => {
              for (const b of h.namedChildren) {
                if (!b) continue;
                if (b.type === 'extends_clause' || b.type === 'implements_clause' || b.type === 'extends_type_clause') { walkBases(b); continue; }
                if (b.type === 'identifier' || b.type === 'type_identifier') bases.push(b.text);
                else if (b.type === 'generic_type' || b.type === 'nested_type_identifier') { const tn = typeNameOf(b); if (tn) bases.push(tn); }
                else if (b.type === 'member_expression') bases.push(propertyOf(b)?.text ?? '');
              }
            };
            walkBases(c);
          }
        }
        let decl = -1;
        if (name) decl = declare(name, kind, t === 'class' ? inner : scope, n, container, { classIdx: ci });
        fs.classes.push({ name: name?.text ?? '', decl, bases: bases.filter(Boolean), members: new Map(), outerScope: scope });
        classOfNode.set(n.id, ci);
        innerCls = ci;
        if (name) innerContainer = container ? `${container}.${name.text}` : name.text;
        if (t === 'enum_declaration') {
          const body = n.childForFieldName('body');
          for (const m of body?.namedChildren ?? []) {
            if (!m) continue;
            const nm = m.type === 'property_identifier' ? m : m.type === 'enum_assignment' ? m.childForFieldName('name') : null;
            if (nm) addMember(ci, nm, 'property', m, innerContainer);
          }
        }
        break;
      }
      case 'type_alias_declaration': case 'internal_module': case 'module': {
        const name = n.childForFieldName('name');
        if (name && (name.type === 'identifier' || name.type === 'type_identifier')) declare(name, t === 'type_alias_declaration' ? 'type' : 'namespace', scope, n, container);
        break;
      }
      case 'type_parameter': {
        const name = n.childForFieldName('name');
        const owner = n.parent?.parent;
        const s = owner ? scopeOf.get(owner.id) : undefined;
        if (name) declare(name, 'typeParameter', s ?? scope, n, container);
        break;
      }
      case 'variable_declarator': {
        const decl = n.parent;
        const isVar = decl?.type === 'variable_declaration';
        const isConst = decl?.type === 'lexical_declaration' && hasToken(decl, 'const');
        const names: Node[] = [];
        const pattern = n.childForFieldName('name');
        patternNames(pattern, names);
        const value = n.childForFieldName('value');
        // Locals bound by `{ key }` or `{ key: local }`, by the local's start: their key.
        const keyOf = pattern?.type === 'object_pattern' && value ? patternKeys(pattern) : undefined;
        if (keyOf) for (const k of keyOf.values()) destructured.set(k.startIndex, value!);
        // `const x: { a: T } = ...`: the type literal is the class of x.
        const literalClass = names.length === 1 ? typeLiteralClass(n.childForFieldName('type'), scope) : undefined;
        const typeName = keyOf || literalClass !== undefined ? undefined : declaredType(n.childForFieldName('type')) ?? valueTypeOf(value);
        // `const sub = source.subscribe(...)`: the declared return type of the method called.
        const from = typeName || keyOf || names.length !== 1 ? undefined : valueSource(value);
        // `const x = xs[i]`: an element of what xs holds.
        const indexed = from || typeName || keyOf || names.length !== 1 ? undefined : subscriptSource(value);
        const isFn = value !== null && FUNCTION_VALUES.has(value.type);
        const varFnTypes = fnParamTypesOf(n.childForFieldName('type'));
        // An object literal bound to the variable is a member table named after it. Without a declared
        // type it is the variable's type; with one (`const p: TimestampProvider = { now() {...} }`) the
        // checker (and we) resolve members through the type, and the literal's members implement it.
        let objClass = literalClass, valueClass: number | undefined;
        if (literalClass === undefined && value?.type === 'object' && names.length === 1) {
          valueClass = newClass(value, names[0]!.text, scope, typeName ? [typeName] : []);
          if (!n.childForFieldName('type')) objClass = valueClass;
        }
        for (const nm of names) {
          // A destructured local is typed by the property its key reads (the key's member occurrence).
          const key = keyOf?.get(nm.startIndex);
          const id = declare(nm, isFn ? 'function' : isConst ? 'constant' : 'variable', isVar ? fnScope : scope, n, container,
            objClass !== undefined ? { classIdx: objClass } : typeName ? { typeName, ...(varFnTypes ? { fnParamTypes: varFnTypes } : {}) }
              : from ? { typeFrom: { line: lineOf(from), col: colOf(from) } } : key ? { typeFrom: { line: lineOf(key), col: colOf(key) } }
                : indexed ? { typeFrom: { line: lineOf(indexed), col: colOf(indexed), element: 'value' } } : {});
          const owned = objClass ?? valueClass;
          if (owned !== undefined) fs.classes[owned]!.decl = id;
        }
        if (isFn && names.length === 1 && value) {
          fnOfNode.set(value.id, fs.fns.length);
          fs.fns.push({ name: names[0]!.text, kind: 'function', line: lineOf(names[0]!), col: colOf(names[0]!), startLine: lineOf(n), endLine: n.endPosition.row + 1, cls, container });
        }
        break;
      }
      case 'formal_parameters': {
        const fnNode = n.parent;
        const s = fnNode ? scopeOf.get(fnNode.id) ?? scope : scope;
        const owner = fnDeclOf(fnNode);
        const ctxCall = fnNode ? callContext(fnNode) : undefined;
        let index = 0, explicitThis = false;
        const isCtor = fnNode?.type === 'method_definition' && fnNode.childForFieldName('name')?.text === 'constructor';
        for (const p of n.namedChildren) {
          if (!p) continue;
          const names: Node[] = [];
          patternNames(p.type === 'identifier' ? p : p, names);
          const typeNode = p.childForFieldName('type');
          const literal = names.length === 1 ? typeLiteralClass(typeNode, scope) : undefined;
          const typeName = literal === undefined ? declaredType(typeNode) : undefined;
          const fnTypes = fnParamTypesOf(typeNode);
          const fnThis = fnThisTypeOf(typeNode);
          const isThis = p.childForFieldName('pattern')?.type === 'this';
          if (isThis) explicitThis = true;
          // `function (this: SchedulerAction<T>, ...)`: `this` in the body has that type (see memberRef).
          const thisNode = isThis ? p.childForFieldName('pattern') : null;
          if (thisNode && typeName) declare(thisNode, 'parameter', s, p, container, { typeName });
          for (const nm of names) {
            const extra: Partial<FileScopes['decls'][number]> = typeName ? { typeName } : literal !== undefined ? { classIdx: literal } : {};
            if (fnTypes) extra.fnParamTypes = fnTypes;
            if (fnThis) extra.fnThisType = fnThis;
            if (!typeNode && ctxCall && names.length === 1) extra.contextual = { ...ctxCall, param: index };
            const id = declare(nm, 'parameter', s, p, container, extra);
            if (literal !== undefined) fs.classes[literal]!.decl = id;
            if (owner !== undefined && names.length === 1) (fs.decls[owner]!.params ??= []).push(id);
          }
          if (!isThis) index++;
          if (isCtor && cls >= 0 && (hasToken(p, 'accessibility_modifier') || p.namedChildren.some((c) => c?.type === 'accessibility_modifier' || c?.type === 'override_modifier') || hasToken(p, 'readonly'))) {
            const pat = p.childForFieldName('pattern');
            if (pat?.type === 'identifier') {
              const cl = fs.classes[cls]!;
              if (!cl.members.has(pat.text)) cl.members.set(pat.text, declAt.get(pat.startIndex)!);
              fs.decls[declAt.get(pat.startIndex)!]!.kind = 'property';
            }
          }
        }
        // `schedule(function () { this.schedule() })`: a function (not an arrow) passed as an argument
        // has the `this` the callee's parameter type declares (`work: (this: SchedulerAction<T>) => void`).
        if (ctxCall && !explicitThis && fnNode && fnNode.type !== 'arrow_function') {
          fs.decls.push({ name: 'this', kind: 'parameter', line: lineOf(n), col: colOf(n), startLine: lineOf(fnNode),
            endLine: fnNode.endPosition.row + 1, scope: s, container, contextual: { ...ctxCall, param: -1 } });
          if (!fs.scopes[s]!.names.has('this')) fs.scopes[s]!.names.set('this', fs.decls.length - 1);
        }
        break;
      }
      case 'arrow_function': {
        const p = n.childForFieldName('parameter');
        const ctxCall = callContext(n);
        if (p?.type === 'identifier') declare(p, 'parameter', inner, n, container, ctxCall ? { contextual: { ...ctxCall, param: 0 } } : {});
        break;
      }
      case 'catch_clause': {
        const names: Node[] = [];
        patternNames(n.childForFieldName('parameter'), names);
        for (const nm of names) declare(nm, 'variable', inner, n, container);
        break;
      }
      case 'for_in_statement': {
        if (n.childForFieldName('kind')) {
          const names: Node[] = [];
          const left = n.childForFieldName('left');
          patternNames(left, names);
          // `for (const x of xs)`: x is an element of what xs holds (its declared container type).
          const from = left?.type === 'identifier' && hasToken(n, 'of') ? valueSource(n.childForFieldName('right')) : undefined;
          for (const nm of names) {
            declare(nm, 'variable', hasToken(n, 'var') ? fnScope : inner, n, container,
              from ? { typeFrom: { line: lineOf(from), col: colOf(from), element: 'value' } } : {});
          }
        }
        break;
      }
      case 'import_statement': {
        const module = stringValue(n.childForFieldName('source'));
        fs.imports.push({ module, line: lineOf(n) });
        const clause = n.namedChildren.find((c) => c?.type === 'import_clause');
        for (const c of clause?.namedChildren ?? []) {
          if (!c) continue;
          if (c.type === 'identifier') declare(c, 'import', 0, n, '', { importFrom: module, importName: 'default' });
          else if (c.type === 'namespace_import') {
            const id = c.namedChildren.find((x) => x?.type === 'identifier');
            if (id) declare(id, 'import', 0, n, '', { importFrom: module, importName: '*' });
          } else if (c.type === 'named_imports') {
            for (const s of c.namedChildren) {
              if (s?.type !== 'import_specifier') continue;
              const nm = s.childForFieldName('name'), alias = s.childForFieldName('alias');
              if (nm) declare(alias ?? nm, 'import', 0, n, '', { importFrom: module, importName: nm.text });
            }
          }
        }
        break;
      }
      case 'export_statement': {
        const source = n.childForFieldName('source');
        const isDefault = hasToken(n, 'default');
        const declNode = n.childForFieldName('declaration');
        if (source) {
          const module = stringValue(source);
          fs.imports.push({ module, line: lineOf(n) });
          const clause = n.namedChildren.find((c) => c?.type === 'export_clause');
          const nsExport = n.namedChildren.find((c) => c?.type === 'namespace_export');
          if (clause) {
            for (const s of clause.namedChildren) {
              if (s?.type !== 'export_specifier') continue;
              const nm = s.childForFieldName('name'), alias = s.childForFieldName('alias');
              if (!nm) continue;
              fs.exports.set((alias ?? nm).text, { from: module, fromName: nm.text });
              // A hidden import (scope -1: visible to no lookup) so the specifier navigates like an import.
              reexportAt.set(nm.startIndex, declare(alias ?? nm, 'import', -1, n, '', { importFrom: module, importName: nm.text }));
            }
          } else if (nsExport) {
            const id = nsExport.namedChildren.find((c) => c?.type === 'identifier' || c?.type === 'string');
            if (id) fs.exports.set(stringValue(id), { from: module, fromName: '*' });
          } else fs.stars.push(module);
        } else if (!declNode) {
          const clause = n.namedChildren.find((c) => c?.type === 'export_clause');
          for (const s of clause?.namedChildren ?? []) {
            if (s?.type !== 'export_specifier') continue;
            const nm = s.childForFieldName('name'), alias = s.childForFieldName('alias');
            if (nm) pendingExports.push({ name: (alias ?? nm).text, local: nm.text });
          }
          const value = n.childForFieldName('value');
          if (isDefault && value?.type === 'identifier') pendingExports.push({ name: 'default', local: value.text });
        }
        break;
      }
      case 'method_definition': case 'method_signature': case 'abstract_method_signature': case 'public_field_definition':
      case 'property_signature': case 'field_definition': {
        const name = n.childForFieldName('name') ?? n.childForFieldName('property');
        if (name && cls >= 0 && n.parent && (n.parent.type === 'class_body' || n.parent.type === 'interface_body' || n.parent.type === 'object_type' || n.parent.type === 'object')) {
          const isMethod = t === 'method_definition' || t === 'method_signature' || t === 'abstract_method_signature';
          const value = n.childForFieldName('value');
          // `delegate: { setTimeout: F } | undefined`: the type literal is the property's class.
          const literal = isMethod ? undefined : typeLiteralClass(n.childForFieldName('type'), scope);
          // A method's typeName is its declared return type: the type of a call to it (`a.pipe().subscribe()`).
          const typeName = literal !== undefined ? undefined : declaredType(n.childForFieldName('type')) ?? valueTypeOf(value) ?? (isMethod ? declaredType(n.childForFieldName('return_type')) : undefined);
          const id = addMember(cls, name, isMethod ? 'method' : 'property', n, container, typeName, hasToken(n, 'static'));
          if (literal !== undefined) { fs.decls[id]!.classIdx = literal; fs.classes[literal]!.decl = id; }
          const fnValue = value && FUNCTION_VALUES.has(value.type) ? value : null;
          if (t === 'method_definition' || fnValue) {
            innerContainer = container ? `${container}.${name.text}` : name.text;
            fnOfNode.set((fnValue ?? n).id, fs.fns.length);
            fs.fns.push({ name: name.text, kind: 'method', line: lineOf(name), col: colOf(name), startLine: lineOf(n), endLine: n.endPosition.row + 1, cls, container });
          }
        }
        break;
      }
      default: break;
    }
    // A type literal inside an interface is not the interface's body: its members belong to no class
    // unless it types a parameter, variable or property (typeLiteralClass).
    if ((t === 'object_type' && n.parent?.type !== 'interface_declaration')) innerCls = classOfNode.get(n.id) ?? -1;
    if (t === 'object') {
      // Every object literal is a member table: one bound to a variable is named after it (see
      // variable_declarator), any other is anonymous, so that its methods (`build.query({ query(id)
      // {...} })`) are declarations of their own rather than names that `refs` would look up everywhere.
      const bound = classOfNode.get(n.id);
      const anonymous = bound === undefined;
      innerCls = bound ?? newClass(n, '', scope);
      // `subscribe({ complete() {} })`: the literal implements the parameter's type (resolved at query time).
      const arg = anonymous ? argContext(n) : undefined;
      if (arg) fs.classes[innerCls]!.argOf = arg;
      for (const m of n.namedChildren) {
        if (m?.type !== 'pair') continue; // `{ a }`: the member is the variable a, resolved through scope
        const k = m.childForFieldName('key');
        if (k?.type !== 'property_identifier') continue;
        const v = m.childForFieldName('value');
        addMember(innerCls, k, v && FUNCTION_VALUES.has(v.type) ? 'method' : 'property', m, container, valueTypeOf(v));
        // A function value of an anonymous literal (`subscribe({ next: (v) => ... })`) is a callback:
        // its calls count for the enclosing function, as for any other callback.
        if (v && FUNCTION_VALUES.has(v.type) && !anonymous) {
          fnOfNode.set(v.id, fs.fns.length);
          fs.fns.push({ name: k.text, kind: 'method', line: lineOf(k), col: colOf(k), startLine: lineOf(m), endLine: m.endPosition.row + 1, cls: innerCls, container });
        }
      }
    }
    if (t === 'export_statement' && n.childForFieldName('declaration')) {
      const d = n.childForFieldName('declaration')!;
      const isDefault = hasToken(n, 'default');
      const names: Node[] = [];
      if (d.type === 'lexical_declaration' || d.type === 'variable_declaration') {
        for (const vd of d.namedChildren) if (vd?.type === 'variable_declarator') patternNames(vd.childForFieldName('name'), names);
      } else {
        const nm = d.childForFieldName('name');
        if (nm) names.push(nm);
      }
      // Declarations are created when the walk reaches them: record the exports after the subtree.
      for (const c of n.children) if (c) pass1(c, inner, innerFn, innerContainer, innerCls);
      for (const nm of names) {
        const id = declAt.get(nm.startIndex);
        if (id !== undefined && !fs.exports.has(isDefault ? 'default' : nm.text)) fs.exports.set(isDefault ? 'default' : nm.text, { decl: id });
      }
      return;
    }
    for (const c of n.children) if (c) pass1(c, inner, innerFn, innerContainer, innerCls);
  };
  pass1(root, 0, 0, '', -1);
  for (const p of pendingExports) {
    const d = lookup(fs, 0, p.local);
    if (d >= 0) fs.exports.set(p.name, { decl: d });
  }

  // ---- pass 2: occurrences
  const memberRef = (object: Node, scope: number): MemberRef => {
    const { path, root: o } = chainOf(object);
    const text = object.text.slice(0, 80);
    if (!o) return { root: 'other', path, text };
    if (o.type === 'this') {
      // A function that declares the type of its `this` (a parameter named this) types the receiver.
      const typed = lookup(fs, scope, 'this');
      return typed >= 0 ? { root: 'ident', rootName: 'this', rootDecl: typed, path, text } : { root: 'this', path, text };
    }
    if (o.type === 'super') return { root: 'super', path, text };
    if (o.type === 'identifier') return { root: 'ident', rootName: o.text, rootDecl: lookup(fs, scope, o.text), path, text };
    return { root: 'other', path, text };
  };
  /** Is `n` (whose parent and grandparent are `p` and `g`) the callee of a call or `new`? */
  const isCallee = (n: Node, p: Node | null, g: Node | null): boolean => {
    let target: Node = n;
    let q = p;
    if (p?.type === 'member_expression' && propertyOf(p)?.id === n.id) { target = p; q = g; }
    else if (p?.type === 'nested_type_identifier') return false;
    if (!q) return false;
    if (q.type === 'call_expression') return q.childForFieldName('function')?.id === target.id;
    if (q.type === 'new_expression') return q.childForFieldName('constructor')?.id === target.id;
    return false;
  };

  /** A pattern key's use of the property it reads, recorded before the local it binds (occAt finds it first). */
  const pushDestructured = (n: Node, scope: number, fn: number, cls: number) => {
    const value = destructured.get(n.startIndex);
    if (value) fs.occs.push({ name: n.text, line: lineOf(n), col: colOf(n), call: false, fn, cls, scope, decl: -1, isDecl: false, member: memberRef(value, scope) });
  };

  /** Names in a doc comment that name a declaration in scope (doc-links.ts): references, as the language service counts them. */
  const docLinks = (n: Node, scope: number, fn: number, cls: number) => {
    for (const { at, name } of docCommentNames(n.text)) {
      const decl = lookup(fs, scope, name);
      if (decl < 0) continue;
      const { line, col } = positionIn(n.text, n.startPosition.row, n.startPosition.column, at);
      fs.occs.push({ name, line, col, call: false, fn, cls, scope, decl, isDecl: false });
    }
  };

  const literalThis = new Map<number, number>(); // method or function node in an object literal -> the literal's class
  // Parents are passed down rather than asked of the node: web-tree-sitter's `parent` walks from the
  // root and, for nodes under an aliased rule, can answer a wrong ancestor (in `typeof A.b.c` the
  // parent it gives `c` is the inner `A.b`, so `c` was no member occurrence at all).
  const pass2 = (n: Node, scope: number, fn: number, cls: number, parent: Node | null, grand: Node | null) => {
    const s = scopeOf.get(n.id);
    if (s !== undefined) scope = s;
    const f = fnOfNode.get(n.id);
    if (f !== undefined) fn = f;
    const c = classOfNode.get(n.id);
    if (c !== undefined) {
      // `this` is an object literal only inside its methods (`{ m() {} }`, `{ m: function () {} }`):
      // elsewhere in it, arrow functions included (`{ a: this.x, f: () => this.y }`), it is the outer one.
      if (n.type === 'object') {
        for (const m of n.namedChildren) {
          if (m?.type === 'method_definition') literalThis.set(m.id, c);
          const v = m?.type === 'pair' ? m.childForFieldName('value') : null;
          if (v && (v.type === 'function_expression' || v.type === 'function' || v.type === 'generator_function')) literalThis.set(v.id, c);
        }
      } else cls = c;
    }
    const own = literalThis.get(n.id);
    if (own !== undefined) cls = own;
    const t = n.type;
    if (t === 'comment') {
      if (n.text.startsWith('/**')) docLinks(n, scope, fn, cls);
    } else if (t === 'shorthand_property_identifier_pattern') {
      pushDestructured(n, scope, fn, cls);
      const d = declAt.get(n.startIndex);
      if (d !== undefined) fs.occs.push({ name: n.text, line: lineOf(n), col: colOf(n), call: false, fn, cls, scope, decl: d, isDecl: true });
    } else if (t === 'property_identifier' && parent?.type === 'pair_pattern' && parent.childForFieldName('key')?.id === n.id) {
      pushDestructured(n, scope, fn, cls);
    } else if (t === 'identifier' || t === 'type_identifier' || t === 'shorthand_property_identifier' || t === 'property_identifier' || t === 'private_property_identifier') {
      const p = parent;
      const d = declAt.get(n.startIndex);
      const base = { name: n.text, line: lineOf(n), col: colOf(n), call: false, fn, cls, scope };
      if (d !== undefined && reexportAt.get(n.startIndex) === d) {
        fs.occs.push({ ...base, decl: d, isDecl: false });
      } else if (d !== undefined) {
        fs.occs.push({ ...base, decl: d, isDecl: true });
      } else if (t === 'property_identifier' || t === 'private_property_identifier') {
        if (p?.type === 'member_expression' && propertyOf(p)?.id === n.id) {
          fs.occs.push({ ...base, decl: -1, isDecl: false, call: isCallee(n, p, grand), member: memberRef(objectOf(p)!, scope) });
        }
      } else if (p?.type === 'nested_type_identifier' && p.childForFieldName('name')?.id === n.id) {
        const mod = p.childForFieldName('module');
        fs.occs.push({ ...base, decl: -1, isDecl: false, member: mod ? memberRef(mod, scope) : { root: 'other', path: [], text: '' } });
      } else if (p?.type === 'import_specifier' && p.childForFieldName('name')?.id === n.id) {
        const alias = p.childForFieldName('alias');
        const id = alias ? declAt.get(alias.startIndex) : undefined;
        if (id !== undefined) fs.occs.push({ ...base, decl: id, isDecl: false });
      } else if (p?.type === 'export_specifier') {
        const stmt = p.parent?.parent;
        if (p.childForFieldName('name')?.id !== n.id) { /* alias: a new export name */ }
        else if (stmt?.childForFieldName('source')) {
          const id = reexportAt.get(n.startIndex);
          if (id !== undefined) fs.occs.push({ ...base, decl: id, isDecl: false });
        }
        else fs.occs.push({ ...base, decl: lookup(fs, 0, n.text), isDecl: false });
      } else if (p?.type === 'statement_identifier' || p?.type === 'labeled_statement') {
        /* label */
      } else {
        fs.occs.push({ ...base, decl: lookup(fs, scope, n.text), isDecl: false, call: isCallee(n, p, grand) });
      }
    }
    // `children` marshals a node's children in one call; child(i) per index (and childCount per
    // test) cost ~10% more on effect's 280 KB stream.ts (analysis 0.94-1.01 s -> 0.84-1.00 s median,
    // 3 alternating runs of 8).
    for (const ch of n.children) if (ch) pass2(ch, scope, fn, cls, n, parent);
  };
  pass2(root, 0, -1, -1, null, null);
  return fs;
}

export const jsLocals: LocalsAnalyzer = {
  grammarFor(relPath: string): string | undefined {
    const ext = relPath.slice(relPath.lastIndexOf('.')).toLowerCase();
    if (ext === '.ts' || ext === '.mts' || ext === '.cts') return 'tree-sitter-typescript.wasm';
    if (ext === '.tsx') return 'tree-sitter-tsx.wasm';
    if (ext === '.js' || ext === '.jsx' || ext === '.mjs' || ext === '.cjs') return 'tree-sitter-tsx.wasm';
    return undefined;
  },
  analyze: analyzeJs,
};

export type { ClassInfo };
