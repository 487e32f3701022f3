// Scope analysis for C# (see ../scopes.ts). Classes, structs, interfaces, records and enums are member
// tables (fields and properties with declared types, methods, constructors); methods, lambdas, blocks,
// for/foreach/using/catch are scopes; locals and parameters carry declared types (`var` takes the
// `new X()` initializer's). `using` names namespaces, not files, so types from other files are found
// by the navigation service through the index (name-ranked), then their members through their file.

import type { Node } from 'web-tree-sitter';
import { colOf, emptyScopes, lineOf, lookup, memberChain, type FileScopes, type LocalsAnalyzer, type MemberRef, type MemberSyntax, declarer } from '../scopes.js';

const MEMBER_SYNTAX: MemberSyntax = { access: { member_access_expression: ['name', 'expression'] }, wrappers: new Set(['parenthesized_expression']) };

const SCOPES = new Set(['method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression', 'block',
  'for_statement', 'for_each_statement', 'catch_clause', 'using_statement', 'declaration_list', 'switch_section', 'accessor_declaration']);
const TYPES = new Set(['class_declaration', 'struct_declaration', 'interface_declaration', 'record_declaration', 'enum_declaration']);

function typeNameOf(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'qualified_name') return n.namedChildren[n.namedChildren.length - 1]?.text;
  if (n.type === 'generic_name') return n.namedChildren[0]?.text;
  if (n.type === 'nullable_type') return typeNameOf(n.namedChildren[0]);
  return undefined;
}

export function analyzeCsharp(root: Node, lang: string): FileScopes {
  const fs = emptyScopes(lang);
  const scopeOf = new Map<number, number>();
  scopeOf.set(root.id, 0);
  const classOfNode = new Map<number, number>();
  const fnOfNode = new Map<number, number>();

  const { declAt, declare, member } = declarer(fs);
  const declaratorName = (d: Node | null | undefined) => d?.childForFieldName('name') ?? d?.namedChildren.find((c) => c?.type === 'identifier') ?? null;
  const initType = (d: Node | null | undefined) => {
    const v = d?.namedChildren.find((c) => c?.type === 'equals_value_clause')?.namedChildren[0];
    return v?.type === 'object_creation_expression' ? typeNameOf(v.childForFieldName('type')) : undefined;
  };

  const pass1 = (n: Node, scope: number, container: string, cls: number) => {
    const t = n.type;
    let inner = scope, innerContainer = container, innerCls = cls;
    if (SCOPES.has(t)) {
      inner = fs.scopes.length;
      fs.scopes.push({ parent: scope, names: new Map() });
      scopeOf.set(n.id, inner);
    }
    if (TYPES.has(t)) {
      const name = n.childForFieldName('name');
      const ci = fs.classes.length;
      const bases: string[] = [];
      for (const b of n.childForFieldName('bases')?.namedChildren ?? n.namedChildren.find((c) => c?.type === 'base_list')?.namedChildren ?? []) { const x = typeNameOf(b); if (x) bases.push(x); }
      fs.classes.push({ name: name?.text ?? '', decl: -1, bases, members: new Map(), outerScope: scope });
      if (name) {
        const id = cls >= 0 ? member(cls, name, 'class', n, container) : declare(name, t === 'interface_declaration' ? 'interface' : 'class', 0, n, container);
        fs.decls[id]!.classIdx = ci;
        fs.classes[ci]!.decl = id;
        if (cls < 0) fs.exports.set(name.text, { decl: id });
      }
      classOfNode.set(n.id, ci);
      innerCls = ci;
      innerContainer = container ? `${container}.${name?.text ?? ''}` : name?.text ?? '';
    }
    switch (t) {
      case 'field_declaration': case 'event_field_declaration': {
        const vd = n.namedChildren.find((c) => c?.type === 'variable_declaration');
        const typeName = typeNameOf(vd?.childForFieldName('type'));
        for (const d of vd?.namedChildren ?? []) {
          if (d?.type !== 'variable_declarator') continue;
          const nm = declaratorName(d);
          if (nm && cls >= 0) member(cls, nm, 'field', n, container, typeName ?? initType(d));
        }
        break;
      }
      case 'property_declaration': { const nm = n.childForFieldName('name'); if (nm && cls >= 0) member(cls, nm, 'property', n, container, typeNameOf(n.childForFieldName('type'))); break; }
      case 'enum_member_declaration': { const nm = n.childForFieldName('name'); if (nm && cls >= 0) member(cls, nm, 'constant', n, container); break; }
      case 'method_declaration': case 'constructor_declaration': case 'local_function_statement': {
        const nm = n.childForFieldName('name');
        if (nm) {
          if (t === 'local_function_statement') declare(nm, 'function', scope, n, container);
          else if (cls >= 0) member(cls, nm, t === 'constructor_declaration' ? 'constructor' : 'method', n, container, typeNameOf(n.childForFieldName('type') ?? n.childForFieldName('returns')));
          fnOfNode.set(n.id, fs.fns.length);
          fs.fns.push({ name: nm.text, kind: t === 'method_declaration' ? 'method' : t === 'constructor_declaration' ? 'constructor' : 'function', line: lineOf(nm), col: colOf(nm), startLine: lineOf(n), endLine: n.endPosition.row + 1, cls, container });
          innerContainer = container ? `${container}.${nm.text}` : nm.text;
        }
        for (const p of n.childForFieldName('parameters')?.namedChildren ?? []) {
          const pn = p?.childForFieldName('name');
          const tn = typeNameOf(p?.childForFieldName('type'));
          if (p && pn) declare(pn, 'parameter', inner, p, innerContainer, tn ? { typeName: tn } : {});
        }
        break;
      }
      case 'lambda_expression': {
        const ps = n.childForFieldName('parameters');
        if (ps?.type === 'identifier') declare(ps, 'parameter', inner, n, container);
        for (const p of ps?.type === 'parameter_list' ? ps.namedChildren : []) { const pn = p?.childForFieldName('name'); if (p && pn) declare(pn, 'parameter', inner, p, container); }
        break;
      }
      case 'variable_declaration': {
        if (n.parent?.type === 'field_declaration' || n.parent?.type === 'event_field_declaration') break;
        const typeName = typeNameOf(n.childForFieldName('type'));
        for (const d of n.namedChildren) {
          if (d?.type !== 'variable_declarator') continue;
          const nm = declaratorName(d);
          const tn = typeName ?? initType(d);
          if (nm) declare(nm, 'variable', scope, n, container, tn ? { typeName: tn } : {});
        }
        break;
      }
      case 'for_each_statement': {
        const nm = n.childForFieldName('left');
        const tn = typeNameOf(n.childForFieldName('type'));
        if (nm?.type === 'identifier') declare(nm, 'variable', inner, n, container, tn ? { typeName: tn } : {});
        break;
      }
      case 'catch_declaration': {
        const nm = n.childForFieldName('name');
        const tn = typeNameOf(n.childForFieldName('type'));
        if (nm) declare(nm, 'variable', scope, n, container, tn ? { typeName: tn } : {});
        break;
      }
      case 'using_directive': {
        const q = n.namedChildren[n.namedChildren.length - 1];
        if (q) fs.imports.push({ module: q.text, line: lineOf(n) });
        return;
      }
      default: break;
    }
    for (const c of n.namedChildren) if (c) pass1(c, inner, innerContainer, innerCls);
  };
  pass1(root, 0, '', -1);

  const memberRef = (object: Node, scope: number): MemberRef => {
    const { path, root: o, text } = memberChain(object, MEMBER_SYNTAX);
    if (o?.type === 'this_expression' || o?.type === 'this') return { root: 'this', path, text };
    if (o?.type === 'base_expression' || o?.type === 'base') return { root: 'super', path, text };
    if (o?.type === 'identifier') return { root: 'ident', rootName: o.text, rootDecl: lookup(fs, scope, o.text), path, text };
    return { root: 'other', path, text };
  };
  const pass2 = (n: Node, scope: number, fn: number, cls: number) => {
    const s = scopeOf.get(n.id);
    if (s !== undefined) scope = s;
    const f = fnOfNode.get(n.id);
    if (f !== undefined) fn = f;
    const c = classOfNode.get(n.id);
    if (c !== undefined) cls = c;
    if (n.type === 'identifier') {
      const p = n.parent;
      const d = declAt.get(n.startIndex);
      const base = { name: n.text, line: lineOf(n), col: colOf(n), fn, cls, scope, call: false };
      const isCall = (x: Node) => (x.parent?.type === 'invocation_expression' && x.parent.childForFieldName('function')?.id === x.id)
        || (x.parent?.type === 'object_creation_expression' && x.parent.childForFieldName('type')?.id === x.id);
      if (d !== undefined) fs.occs.push({ ...base, decl: d, isDecl: true });
      else if (p?.type === 'member_access_expression' && p.childForFieldName('name')?.id === n.id) {
        fs.occs.push({ ...base, decl: -1, isDecl: false, call: isCall(p), member: memberRef(p.childForFieldName('expression')!, scope) });
      } else if (p?.type === 'qualified_name' || p?.type === 'using_directive' || p?.type === 'namespace_declaration') {
        /* namespace path */
      } else {
        fs.occs.push({ ...base, decl: lookup(fs, scope, n.text), isDecl: false, call: isCall(n) });
      }
    }
    for (const ch of n.namedChildren) if (ch) pass2(ch, scope, fn, cls);
  };
  pass2(root, 0, -1, -1);
  return fs;
}

export const csharpLocals: LocalsAnalyzer = {
  grammarFor: (relPath: string) => (relPath.toLowerCase().endsWith('.cs') ? 'tree-sitter-c_sharp.wasm' : undefined),
  analyze: analyzeCsharp,
};
