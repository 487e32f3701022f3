// Scope analysis for Go (see ../scopes.ts). Blocks, function literals and if/for/switch headers are
// scopes; parameters, receivers, `:=`, var/const declarations and range variables bind names. Package
// scope spans every file of a directory: the navigation service consults sibling files for names free
// in this one. Types are class-like (struct fields, interface methods); a method declaration adds a
// member to a class entry named after its receiver type, which may live in another file of the package.
// Imports bind the package name (alias or last path element) to the import path.
// A local declared by a statement of a block is in scope from the next statement on (`x := f(x)` reads
// the outer `x`), and `:=` of a name the block already declared assigns it (`a, err := ...` twice).
// Types come from declarations, composite literals, type assertions, `new(T)`, conversions and the
// result type of a called function (`x := pkg.Open()`, chains like `a.b().c()`); keys of a keyed
// composite literal (`T{Name: v}`, also with the type elided inside an outer literal) are fields of T.

import type { Node } from 'web-tree-sitter';
import { colOf, emptyScopes, lineOf, lookup, type Decl, type FileScopes, type LocalsAnalyzer, type MemberRef, declarer } from '../scopes.js';
import { elementType } from './type-text.js';

const SCOPES = new Set(['function_declaration', 'method_declaration', 'func_literal', 'block', 'for_statement', 'if_statement',
  'expression_switch_statement', 'type_switch_statement', 'select_statement', 'expression_case', 'type_case', 'communication_case', 'default_case']);
/** Nodes whose children are statements, and the statements that declare locals for the ones after them. */
const STATEMENT_LISTS = new Set(['block', 'expression_case', 'type_case', 'default_case', 'communication_case']);
const LOCAL_DECLS = new Set(['short_var_declaration', 'var_declaration', 'const_declaration']);

function typeNameOf(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'type_identifier') return n.text;
  // Containers keep their element types (type-text.ts): ranging over them and indexing them are typed.
  if (n.type === 'slice_type' || n.type === 'array_type' || n.type === 'implicit_length_array_type') {
    const e = typeNameOf(n.childForFieldName('element'));
    return e ? `[]${e}` : undefined;
  }
  if (n.type === 'map_type') {
    const k = typeNameOf(n.childForFieldName('key')) ?? '', v = typeNameOf(n.childForFieldName('value')) ?? '';
    return k || v ? `map[${k}]${v}` : undefined;
  }
  if (n.type === 'channel_type') { const v = typeNameOf(n.childForFieldName('value')); return v ? `chan ${v}` : undefined; }
  if (n.type === 'qualified_type') return `${n.childForFieldName('package')?.text ?? ''}.${n.childForFieldName('name')?.text ?? ''}`;
  if (n.type === 'pointer_type' || n.type === 'generic_type' || n.type === 'parenthesized_type') {
    for (const c of n.namedChildren) { const t = typeNameOf(c); if (t) return t; }
  }
  return undefined;
}

function valueTypeOf(v: Node | null | undefined): string | undefined {
  if (!v) return undefined;
  if (v.type === 'expression_list') return valueTypeOf(v.namedChildren[0]);
  if (v.type === 'composite_literal' || v.type === 'type_assertion_expression') return typeNameOf(v.childForFieldName('type'));
  if (v.type === 'unary_expression' || v.type === 'parenthesized_expression') return valueTypeOf(v.childForFieldName('operand') ?? v.namedChildren[0]);
  if (v.type === 'call_expression' && v.childForFieldName('function')?.text === 'new') return typeNameOf(v.childForFieldName('arguments')?.namedChildren[0]);
  return undefined;
}

/** Where a value's type can be looked up: the position of the name it is, or of the function it calls. */
function typeSource(v: Node | null | undefined): { line: number; col: number } | undefined {
  while (v?.type === 'parenthesized_expression') v = v.namedChildren[0];
  const n = v?.type === 'identifier' ? v : v?.type === 'selector_expression' ? v.childForFieldName('field')
    : v?.type === 'call_expression' ? (() => { const f = v.childForFieldName('function'); return f?.type === 'selector_expression' ? f.childForFieldName('field') : f?.type === 'identifier' ? f : null; })()
    : null;
  return n ? { line: lineOf(n), col: colOf(n) } : undefined;
}

/**
 * What the names on the left of `names := values` (or `var names = values`) get from the values:
 * name i from value i, or from result i of the one call on the right (`r, w := io.Pipe()`).
 */
function typedByValues(values: ReadonlyArray<Node | null>, names: number, i: number): Partial<Decl> {
  if (values.length !== 1 || names < 2) return typedBy(values[i]);
  const v = values[0];
  if (i === 0) return typedBy(v);
  if (v?.type !== 'call_expression') return {};
  const from = typeSource(v);
  return from ? { typeFrom: { ...from, result: i } } : {};
}

/** The types a range clause gives its key and value variables: the key or value type of what it ranges over. */
function rangeTyped(right: Node | null | undefined, which: 'key' | 'value'): Partial<Decl> {
  const written = valueTypeOf(right);
  if (written) { const e = elementType(written, which); return e ? { typeName: e } : {}; }
  const from = typeSource(right);
  return from ? { typeFrom: { ...from, element: which } } : {};
}

/** What a declaration gets from its value: a type written there, or the name or call whose type it is (`le := binary.LittleEndian`, `c := pkg.Open()`). */
function typedBy(v: Node | null | undefined): Partial<Decl> {
  const typeName = valueTypeOf(v);
  if (typeName) return { typeName };
  const from = typeSource(v);
  return from ? { typeFrom: from } : {};
}

/** The declared result type of a function (the first one of several): the type of a call to it. */
function resultTypeOf(result: Node | null): string | undefined {
  if (result?.type !== 'parameter_list') return typeNameOf(result);
  return typeNameOf(result.namedChildren.find((c) => c?.type === 'parameter_declaration')?.childForFieldName('type'));
}

/** What a function declares about a call to it: its first result type, and every result's when there are several. */
function resultsOf(result: Node | null): Partial<Decl> {
  const first = resultTypeOf(result);
  const out: Partial<Decl> = first ? { typeName: first } : {};
  if (result?.type !== 'parameter_list') return out;
  const all: string[] = [];
  for (const p of result.namedChildren) {
    if (p?.type !== 'parameter_declaration') continue;
    const tn = typeNameOf(p.childForFieldName('type')) ?? '';
    for (let k = Math.max(1, p.childrenForFieldName('name').length); k > 0; k--) all.push(tn);
  }
  if (all.length > 1) out.results = all;
  return out;
}

/** Strips `*T` and `T[A]` to the named type a member lookup needs. */
function namedType(n: Node | null | undefined): Node | undefined {
  while (n && (n.type === 'pointer_type' || n.type === 'parenthesized_type' || n.type === 'generic_type')) n = n.type === 'generic_type' ? n.childForFieldName('type') : n.namedChildren[0];
  return n && (n.type === 'type_identifier' || n.type === 'qualified_type') ? n : undefined;
}

/**
 * The type of a composite literal's value list: the literal's own type, or for an elided one
 * (`[]T{{...}}`, `map[K]*T{k: {...}}`) the element type of the enclosing literal's type.
 */
function literalType(lv: Node | null): Node | undefined {
  const p = lv?.parent;
  if (p?.type === 'composite_literal') return p.childForFieldName('type') ?? undefined;
  if (p?.type !== 'literal_element') return undefined;
  const kv = p.parent?.type === 'keyed_element' ? p.parent : null;
  let outer = literalType(kv ? kv.parent : p.parent);
  while (outer?.type === 'generic_type' || outer?.type === 'parenthesized_type') outer = outer.type === 'generic_type' ? outer.childForFieldName('type') ?? undefined : outer.namedChildren[0] ?? undefined;
  if (!outer) return undefined;
  if (outer.type === 'map_type') return (kv && kv.namedChildren[0]?.id === p.id ? outer.childForFieldName('key') : outer.childForFieldName('value')) ?? undefined;
  if (outer.type === 'slice_type' || outer.type === 'array_type' || outer.type === 'implicit_length_array_type') return outer.childForFieldName('element') ?? undefined;
  return undefined;
}

export function analyzeGo(root: Node, lang: string): FileScopes {
  const fs = emptyScopes(lang);
  const scopeOf = new Map<number, number>();
  scopeOf.set(root.id, 0);
  const fnOfNode = new Map<number, number>();
  const switchAlias = new Map<number, number[]>(); // type switch node id -> its alias declarations
  const classByName = new Map<string, number>();

  const { declAt, declare } = declarer(fs, { binds: (name) => name !== '_' });
  const classFor = (name: string): number => {
    let ci = classByName.get(name);
    if (ci === undefined) {
      ci = fs.classes.length;
      fs.classes.push({ name, decl: -1, bases: [], members: new Map(), outerScope: 0 });
      classByName.set(name, ci);
    }
    return ci;
  };
  const params = (list: Node | null, scope: number, container: string) => {
    for (const p of list?.namedChildren ?? []) {
      if (!p || (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration')) continue;
      const typeName = typeNameOf(p.childForFieldName('type'));
      for (const nm of p.childrenForFieldName('name')) if (nm) declare(nm, 'parameter', scope, p, container, typeName ? { typeName } : {});
    }
  };

  const pass1 = (n: Node, scope: number, container: string) => {
    const t = n.type;
    let inner = scope;
    if (SCOPES.has(t)) {
      inner = fs.scopes.length;
      fs.scopes.push({ parent: scope, names: new Map() });
      scopeOf.set(n.id, inner);
    }
    switch (t) {
      case 'function_declaration': case 'method_declaration': {
        const name = n.childForFieldName('name');
        let cls = -1;
        let cont = container;
        if (t === 'method_declaration') {
          const recv = n.childForFieldName('receiver');
          const rt = typeNameOf(recv?.namedChildren[0]?.childForFieldName('type'));
          if (rt) { cls = classFor(rt); cont = rt; }
          params(recv, inner, cont);
        }
        if (name) {
          // A function's typeName is its (first) result type: the type of a call to it.
          const id = declare(name, t === 'method_declaration' ? 'method' : 'function', t === 'method_declaration' ? -1 : 0, n, cont, resultsOf(n.childForFieldName('result')));
          if (cls >= 0 && !fs.classes[cls]!.members.has(name.text)) fs.classes[cls]!.members.set(name.text, id);
          fnOfNode.set(n.id, fs.fns.length);
          fs.fns.push({ name: name.text, kind: t === 'method_declaration' ? 'method' : 'function', line: lineOf(name), col: colOf(name), startLine: lineOf(n), endLine: n.endPosition.row + 1, cls, container: cont });
        }
        for (const tp of n.childForFieldName('type_parameters')?.namedChildren ?? []) {
          for (const nm of tp?.childrenForFieldName('name') ?? []) if (nm) declare(nm, 'typeParameter', inner, tp!, cont);
        }
        params(n.childForFieldName('parameters'), inner, cont);
        const result = n.childForFieldName('result');
        if (result?.type === 'parameter_list') params(result, inner, cont);
        break;
      }
      case 'func_literal': params(n.childForFieldName('parameters'), inner, container); break;
      case 'type_case': {
        // `case *ast.Ident:` of `switch x := v.(type)`: in this clause x is an *ast.Ident. The clause's
        // x is a copy of the alias's declaration (same position, so references to either are one).
        const types = n.childrenForFieldName('type');
        const typeName = types.length === 1 ? typeNameOf(types[0]) : undefined;
        const aliases = typeName ? switchAlias.get(n.parent?.id ?? -1) : undefined;
        for (const a of aliases ?? []) {
          fs.decls.push({ ...fs.decls[a]!, scope: inner, typeName });
          fs.scopes[inner]!.names.set(fs.decls[a]!.name, fs.decls.length - 1);
        }
        break;
      }
      case 'type_spec': case 'type_alias': {
        const name = n.childForFieldName('name');
        if (!name) break;
        const ci = classFor(name.text);
        const id = declare(name, 'type', scope, n, container, { classIdx: ci });
        fs.classes[ci]!.decl = id;
        const ty = n.childForFieldName('type');
        if (ty?.type === 'struct_type') {
          for (const f of ty.namedChildren[0]?.namedChildren ?? []) {
            if (f?.type !== 'field_declaration') continue;
            const typeName = typeNameOf(f.childForFieldName('type'));
            const names = f.childrenForFieldName('name').filter((x): x is Node => !!x);
            for (const nm of names) {
              const m = declare(nm, 'field', -1, f, name.text, typeName ? { typeName } : {});
              if (!fs.classes[ci]!.members.has(nm.text)) fs.classes[ci]!.members.set(nm.text, m);
            }
            if (names.length === 0 && typeName) {
              // An embedded type is a base, and a field named after the type (`T{Buffer: b}`, `x.Buffer`).
              // The decl is not bound to the token, which stays a use of the type.
              fs.classes[ci]!.bases.push(typeName);
              const tn = namedType(f.childForFieldName('type'));
              const nm = tn?.type === 'qualified_type' ? tn.childForFieldName('name') : tn;
              if (nm && !fs.classes[ci]!.members.has(nm.text)) {
                fs.decls.push({ name: nm.text, kind: 'field', line: lineOf(nm), col: colOf(nm), startLine: lineOf(f), endLine: f.endPosition.row + 1, scope: -1, container: name.text, typeName });
                fs.classes[ci]!.members.set(nm.text, fs.decls.length - 1);
              }
            }
          }
        } else if (ty && namedType(ty)) {
          // `type PathError = fs.PathError`, `type T U`: the fields (and for an alias the methods) of the other type.
          const b = typeNameOf(ty);
          if (b) fs.classes[ci]!.bases.push(b);
        } else if (ty?.type === 'interface_type') {
          for (const m of ty.namedChildren) {
            const nm = m?.childForFieldName('name');
            if (m && nm && (m.type === 'method_spec' || m.type === 'method_elem')) {
              const id2 = declare(nm, 'method', -1, m, name.text, resultsOf(m.childForFieldName('result')));
              if (!fs.classes[ci]!.members.has(nm.text)) fs.classes[ci]!.members.set(nm.text, id2);
            } else if (m && (m.type === 'type_identifier' || m.type === 'qualified_type' || m.type === 'type_elem' || m.type === 'constraint_elem')) {
              const b = typeNameOf(m) ?? typeNameOf(m.namedChildren[0]);
              if (b) fs.classes[ci]!.bases.push(b);
            }
          }
        }
        break;
      }
      case 'const_spec': case 'var_spec': declareSpec(n, scope, container); break;
      case 'short_var_declaration': {
        // Outside a statement list (an `if`/`for`/`switch` header): in scope for the whole statement.
        const right = n.childForFieldName('right')?.namedChildren ?? [];
        const left = n.childForFieldName('left')?.namedChildren ?? [];
        left.forEach((nm, i) => {
          if (nm?.type === 'identifier') declare(nm, 'variable', scope, n, container, typedByValues(right, left.length, i));
        });
        break;
      }
      case 'range_clause': {
        if (n.text.includes(':=')) {
          (n.childForFieldName('left')?.namedChildren ?? []).forEach((nm, i) => {
            if (nm?.type === 'identifier') declare(nm, 'variable', scope, n, container, rangeTyped(n.childForFieldName('right'), i === 0 ? 'key' : 'value'));
          });
        }
        break;
      }
      case 'type_switch_statement': {
        const alias = n.childForFieldName('alias');
        const names: number[] = [];
        for (const nm of alias?.namedChildren ?? (alias ? [alias] : [])) if (nm?.type === 'identifier') names.push(declare(nm, 'variable', inner, n, container));
        if (names.length) switchAlias.set(n.id, names);
        // `switch x := x.(type)`: the asserted `x` is the outer one.
        const value = n.childForFieldName('value');
        if (value) scopeOf.set(value.id, scope);
        break;
      }
      case 'import_spec': {
        const p = n.childForFieldName('path');
        const module = p ? p.text.replace(/^["`]|["`]$/g, '') : '';
        fs.imports.push({ module, line: lineOf(n) });
        const alias = n.childForFieldName('name');
        if (alias && alias.type === 'package_identifier') declare(alias, 'import', 0, n, '', { importFrom: module, importName: '*' });
        else if (!alias) {
          const last = module.split('/').pop() ?? module;
          const name = /^v\d+$/.test(last) ? module.split('/').slice(-2, -1)[0] ?? last : last;
          // An implicit package name has no token of its own: bind it at the path string.
          if (p) {
            const id = fs.decls.length;
            fs.decls.push({ name: name.replace(/^go-|[.-].*$/g, ''), kind: 'import', line: lineOf(p), col: colOf(p), startLine: lineOf(n), endLine: lineOf(n), scope: 0, container: '', importFrom: module, importName: '*' });
            if (!fs.scopes[0]!.names.has(fs.decls[id]!.name)) fs.scopes[0]!.names.set(fs.decls[id]!.name, id);
          }
        }
        return;
      }
      default: break;
    }
    if (STATEMENT_LISTS.has(t)) {
      let cur = inner;
      for (const c of n.namedChildren) {
        if (!c) continue;
        if (cur !== inner && !SCOPES.has(c.type)) scopeOf.set(c.id, cur);
        if (LOCAL_DECLS.has(c.type)) cur = localDecl(c, cur, container);
        else pass1(c, cur, container);
      }
      return;
    }
    for (const c of n.namedChildren) if (c) pass1(c, inner, container);
  };
  const declareSpec = (spec: Node, into: number, container: string) => {
    const typeName = typeNameOf(spec.childForFieldName('type'));
    const values = spec.childForFieldName('value')?.namedChildren ?? [];
    const names = spec.childrenForFieldName('name');
    names.forEach((nm, i) => {
      if (nm) declare(nm, spec.type === 'const_spec' ? 'constant' : 'variable', into, spec, container, typeName ? { typeName } : typedByValues(values, names.length, i));
    });
  };
  /** Scopes that continue a block after a declaration statement, and whether a block already declared a name. */
  const chained = new Set<number>();
  const chain = (from: number): number => {
    fs.scopes.push({ parent: from, names: new Map() });
    chained.add(fs.scopes.length - 1);
    return fs.scopes.length - 1;
  };
  const declaredInBlock = (cur: number, name: string): boolean => {
    for (let x = cur; ; x = fs.scopes[x]!.parent) {
      if (fs.scopes[x]!.names.has(name)) return true;
      if (!chained.has(x)) return false;
    }
  };
  /** A declaration statement in a block: its values read `cur`, its names are seen by the statements after it. */
  const localDecl = (stmt: Node, cur: number, container: string): number => {
    if (stmt.type === 'short_var_declaration') {
      const right = stmt.childForFieldName('right');
      if (right) pass1(right, cur, container);
      const next = chain(cur);
      const left = stmt.childForFieldName('left')?.namedChildren ?? [];
      left.forEach((nm, i) => {
        // `:=` of a name this block already declared assigns it.
        if (nm?.type === 'identifier' && !declaredInBlock(cur, nm.text)) declare(nm, 'variable', next, stmt, container, typedByValues(right?.namedChildren ?? [], left.length, i));
      });
      return next;
    }
    const specs = (x: Node): Node[] => x.namedChildren.flatMap((c) => (!c ? [] : c.type === 'var_spec' || c.type === 'const_spec' ? [c] : c.type.endsWith('_spec_list') ? specs(c) : []));
    let at = cur;
    for (const spec of specs(stmt)) {
      if (at !== cur) scopeOf.set(spec.id, at);
      const next = chain(at);
      declareSpec(spec, next, container);
      for (const c of spec.namedChildren) if (c) pass1(c, at, container);
      at = next;
    }
    return at;
  };
  pass1(root, 0, '');
  for (const [name, id] of fs.scopes[0]!.names) if (fs.decls[id]!.kind !== 'import') fs.exports.set(name, { decl: id });
  for (const c of fs.classes) for (const [name, id] of c.members) if (!fs.exports.has(`${c.name}.${name}`)) fs.exports.set(`${c.name}.${name}`, { decl: id });

  /** The receiver chain below a selector: `a.b().c` -> ['b()', 'c'] under `a`; `f(x).c` roots at `f`, whose result type it continues with; `a.xs[i]` -> ['xs', '[]']. */
  const chainOf = (object: Node): { path: string[]; root: Node | null } => {
    let o: Node | null = object;
    while (o?.type === 'parenthesized_expression') o = o.namedChildren[0] ?? null;
    // `xs[i].f`: an element of what `xs` is ('[]' in the path).
    if (o?.type === 'index_expression' && o.childForFieldName('operand')) {
      const below = chainOf(o.childForFieldName('operand')!);
      return { path: [...below.path, '[]'], root: below.root };
    }
    if (o?.type !== 'selector_expression' && o?.type !== 'call_expression') return { path: [], root: o };
    const call = o.type === 'call_expression';
    const sel = call ? o.childForFieldName('function') : o;
    if (sel?.type !== 'selector_expression') return { path: [], root: sel?.type === 'identifier' ? sel : null };
    const below = chainOf(sel.childForFieldName('operand')!);
    return { path: [...below.path, `${sel.childForFieldName('field')?.text ?? ''}${call ? '()' : ''}`], root: below.root };
  };
  const memberRef = (object: Node, scope: number): MemberRef => {
    const { path, root: o } = chainOf(object);
    const text = object.text.slice(0, 80);
    if (o && (o.type === 'identifier' || o.type === 'package_identifier')) return { root: 'ident', rootName: o.text, rootDecl: lookup(fs, scope, o.text), path, text };
    return { root: 'other', path, text };
  };
  /** A member of a named type (`T`, `pkg.T`): what a key of a keyed composite literal names. */
  const typeMember = (ty: Node, scope: number): MemberRef | undefined => {
    if (ty.type === 'type_identifier') return { root: 'ident', rootName: ty.text, rootDecl: lookup(fs, scope, ty.text), path: [], text: ty.text };
    const pkg = ty.childForFieldName('package'), name = ty.childForFieldName('name');
    return pkg && name ? { root: 'ident', rootName: pkg.text, rootDecl: lookup(fs, scope, pkg.text), path: [name.text], text: ty.text } : undefined;
  };
  // The parent is passed down: web-tree-sitter's `parent` getter walks from the root on every call.
  const pass2 = (n: Node, p: Node | null, scope: number, fn: number) => {
    const s = scopeOf.get(n.id);
    if (s !== undefined) scope = s;
    const f = fnOfNode.get(n.id);
    if (f !== undefined) fn = f;
    const t = n.type;
    if (t === 'identifier' || t === 'type_identifier' || t === 'field_identifier' || t === 'package_identifier') {
      const d = declAt.get(n.startIndex);
      const isCall = (x: Node, xp: Node | null) => xp?.type === 'call_expression' && xp.childForFieldName('function')?.id === x.id;
      const base = { name: n.text, line: lineOf(n), col: colOf(n), fn, cls: -1, scope, call: false };
      if (d !== undefined) fs.occs.push({ ...base, decl: d, isDecl: true });
      else if (p?.type === 'selector_expression' && p.childForFieldName('field')?.id === n.id) {
        fs.occs.push({ ...base, decl: -1, isDecl: false, call: isCall(p, p.parent), member: memberRef(p.childForFieldName('operand')!, scope) });
      } else if (p?.type === 'qualified_type' && p.childForFieldName('name')?.id === n.id) {
        fs.occs.push({ ...base, decl: -1, isDecl: false, member: memberRef(p.childForFieldName('package')!, scope) });
      } else if (p?.type === 'literal_element' && p.parent?.type === 'keyed_element' && p.parent.namedChildren[0]?.id === p.id && t === 'identifier') {
        const ty = namedType(literalType(p.parent.parent));
        const member = ty ? typeMember(ty, scope) : undefined;
        fs.occs.push(member ? { ...base, decl: -1, isDecl: false, member } : { ...base, decl: lookup(fs, scope, n.text), isDecl: false });
      } else if (t === 'field_identifier') {
        /* keyed literal element or label: no scope meaning */
      } else if (p?.type !== 'import_spec' && p?.type !== 'package_clause') {
        fs.occs.push({ ...base, decl: lookup(fs, scope, n.text), isDecl: false, call: isCall(n, p) });
      }
    }
    for (const c of n.namedChildren) if (c) pass2(c, n, scope, fn);
  };
  pass2(root, null, 0, -1);
  return fs;
}

export const goLocals: LocalsAnalyzer = {
  grammarFor: (relPath: string) => (relPath.toLowerCase().endsWith('.go') ? 'tree-sitter-go.wasm' : undefined),
  analyze: analyzeGo,
};
