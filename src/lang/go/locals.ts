// Scope analysis for Go (see ../scopes.ts). Blocks, function literals and if/for/switch headers are
// scopes; parameters, receivers, `:=`, var/const declarations and range variables bind names. Package
// scope spans every file of a directory: the navigation service consults sibling files for names free
// in this one. Types are class-like (struct fields, interface methods); a method declaration adds a
// member to a class entry named after its receiver type, which may live in another file of the package.
// Imports bind the package name (alias or last path element) to the import path.

import type { Node } from 'web-tree-sitter';
import { colOf, emptyScopes, lineOf, lookup, memberChain, type FileScopes, type LocalsAnalyzer, type MemberRef, type MemberSyntax, declarer } from '../scopes.js';

const MEMBER_SYNTAX: MemberSyntax = { access: { selector_expression: ['field', 'operand'] }, wrappers: new Set(['parenthesized_expression']) };

const SCOPES = new Set(['function_declaration', 'method_declaration', 'func_literal', 'block', 'for_statement', 'if_statement',
  'expression_switch_statement', 'type_switch_statement', 'select_statement', 'expression_case', 'type_case', 'communication_case', 'default_case']);

function typeNameOf(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'type_identifier') return n.text;
  if (n.type === 'qualified_type') return `${n.childForFieldName('package')?.text ?? ''}.${n.childForFieldName('name')?.text ?? ''}`;
  if (n.type === 'pointer_type' || n.type === 'generic_type' || n.type === 'parenthesized_type') {
    for (const c of n.namedChildren) { const t = typeNameOf(c); if (t) return t; }
  }
  return undefined;
}

function valueTypeOf(v: Node | null | undefined): string | undefined {
  if (!v) return undefined;
  if (v.type === 'expression_list') return valueTypeOf(v.namedChildren[0]);
  if (v.type === 'composite_literal') return typeNameOf(v.childForFieldName('type'));
  if (v.type === 'unary_expression') return valueTypeOf(v.childForFieldName('operand'));
  return undefined;
}

export function analyzeGo(root: Node, lang: string): FileScopes {
  const fs = emptyScopes(lang);
  const scopeOf = new Map<number, number>();
  scopeOf.set(root.id, 0);
  const fnOfNode = new Map<number, number>();
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
          const id = declare(name, t === 'method_declaration' ? 'method' : 'function', t === 'method_declaration' ? -1 : 0, n, cont);
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
            if (names.length === 0 && typeName) fs.classes[ci]!.bases.push(typeName); // embedded type
          }
        } else if (ty?.type === 'interface_type') {
          for (const m of ty.namedChildren) {
            const nm = m?.childForFieldName('name');
            if (m && nm && (m.type === 'method_spec' || m.type === 'method_elem')) {
              const id2 = declare(nm, 'method', -1, m, name.text);
              if (!fs.classes[ci]!.members.has(nm.text)) fs.classes[ci]!.members.set(nm.text, id2);
            } else if (m && (m.type === 'type_identifier' || m.type === 'qualified_type' || m.type === 'type_elem')) {
              const b = typeNameOf(m) ?? typeNameOf(m.namedChildren[0]);
              if (b) fs.classes[ci]!.bases.push(b);
            }
          }
        }
        break;
      }
      case 'const_spec': case 'var_spec': {
        const typeName = typeNameOf(n.childForFieldName('type')) ?? valueTypeOf(n.childForFieldName('value'));
        for (const nm of n.childrenForFieldName('name')) if (nm) declare(nm, t === 'const_spec' ? 'constant' : 'variable', scope, n, container, typeName ? { typeName } : {});
        break;
      }
      case 'short_var_declaration': {
        const right = n.childForFieldName('right');
        const left = n.childForFieldName('left');
        const ids = left?.namedChildren ?? [];
        ids.forEach((nm, i) => {
          if (nm?.type !== 'identifier') return;
          const typeName = valueTypeOf(right?.namedChildren[i]);
          declare(nm, 'variable', scope, n, container, typeName ? { typeName } : {});
        });
        break;
      }
      case 'range_clause': {
        if (n.text.includes(':=')) for (const nm of n.childForFieldName('left')?.namedChildren ?? []) if (nm?.type === 'identifier') declare(nm, 'variable', scope, n, container);
        break;
      }
      case 'type_switch_statement': {
        const alias = n.childForFieldName('alias');
        for (const nm of alias?.namedChildren ?? (alias ? [alias] : [])) if (nm?.type === 'identifier') declare(nm, 'variable', inner, n, container);
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
    for (const c of n.namedChildren) if (c) pass1(c, inner, container);
  };
  pass1(root, 0, '');
  for (const [name, id] of fs.scopes[0]!.names) if (fs.decls[id]!.kind !== 'import') fs.exports.set(name, { decl: id });
  for (const c of fs.classes) for (const [name, id] of c.members) if (!fs.exports.has(`${c.name}.${name}`)) fs.exports.set(`${c.name}.${name}`, { decl: id });

  const memberRef = (object: Node, scope: number): MemberRef => {
    const { path, root: o, text } = memberChain(object, MEMBER_SYNTAX);
    if (o && (o.type === 'identifier' || o.type === 'package_identifier')) return { root: 'ident', rootName: o.text, rootDecl: lookup(fs, scope, o.text), path, text };
    return { root: 'other', path, text };
  };
  const pass2 = (n: Node, scope: number, fn: number) => {
    const s = scopeOf.get(n.id);
    if (s !== undefined) scope = s;
    const f = fnOfNode.get(n.id);
    if (f !== undefined) fn = f;
    const t = n.type;
    if (t === 'identifier' || t === 'type_identifier' || t === 'field_identifier' || t === 'package_identifier') {
      const p = n.parent;
      const d = declAt.get(n.startIndex);
      const isCall = (x: Node) => x.parent?.type === 'call_expression' && x.parent.childForFieldName('function')?.id === x.id;
      const base = { name: n.text, line: lineOf(n), col: colOf(n), fn, cls: -1, scope, call: false };
      if (d !== undefined) fs.occs.push({ ...base, decl: d, isDecl: true });
      else if (p?.type === 'selector_expression' && p.childForFieldName('field')?.id === n.id) {
        fs.occs.push({ ...base, decl: -1, isDecl: false, call: isCall(p), member: memberRef(p.childForFieldName('operand')!, scope) });
      } else if (p?.type === 'qualified_type' && p.childForFieldName('name')?.id === n.id) {
        fs.occs.push({ ...base, decl: -1, isDecl: false, member: memberRef(p.childForFieldName('package')!, scope) });
      } else if (t === 'field_identifier') {
        /* keyed literal element or label: no scope meaning */
      } else if (p?.type !== 'import_spec' && p?.type !== 'package_clause') {
        fs.occs.push({ ...base, decl: lookup(fs, scope, n.text), isDecl: false, call: isCall(n) });
      }
    }
    for (const c of n.namedChildren) if (c) pass2(c, scope, fn);
  };
  pass2(root, 0, -1);
  return fs;
}

export const goLocals: LocalsAnalyzer = {
  grammarFor: (relPath: string) => (relPath.toLowerCase().endsWith('.go') ? 'tree-sitter-go.wasm' : undefined),
  analyze: analyzeGo,
};
