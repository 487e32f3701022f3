// Scope analysis for Python (see ../scopes.ts), following the LEGB rule: a name bound anywhere in a
// function (assignment, for/with/except target, import, def, class, parameter) is local to the whole
// function; class bodies are a scope that functions nested in them do not see; comprehensions and
// lambdas have their own scope; `global`/`nonlocal` redirect bindings outwards. The first binding of a
// name in its scope is its definition. `self.x = ...` in a method declares member x of the class.

import type { Node } from 'web-tree-sitter';
import { colOf, emptyScopes, lineOf, lookup, memberChain, type FileScopes, type LocalsAnalyzer, type MemberRef, type MemberSyntax, declarer } from '../scopes.js';

const MEMBER_SYNTAX: MemberSyntax = { access: { attribute: ['attribute', 'object'] }, wrappers: new Set() };

const COMPREHENSIONS = new Set(['list_comprehension', 'dictionary_comprehension', 'set_comprehension', 'generator_expression']);

function typeNameOf(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') return n.childForFieldName('attribute')?.text;
  if (n.type === 'string') return n.text.replace(/^['"]+|['"]+$/g, '').split(/[[.|\s]/)[0] || undefined;
  if (n.type === 'subscript') return typeNameOf(n.childForFieldName('value'));
  for (const c of n.namedChildren) { const t = c ? typeNameOf(c) : undefined; if (t) return t; }
  return undefined;
}

export function analyzePython(root: Node, lang: string): FileScopes {
  const fs = emptyScopes(lang);
  const scopeOf = new Map<number, number>();
  scopeOf.set(root.id, 0);
  const classOfNode = new Map<number, number>();
  const fnOfNode = new Map<number, number>();
  const globals = new Map<number, Map<string, number>>(); // scope -> name -> target scope
  const selfName = new Map<number, string>(); // method scope -> name of its first parameter

  const targetScope = (scope: number, name: string): number => globals.get(scope)?.get(name) ?? scope;
  const { declAt, declare } = declarer(fs, { scopeFor: (scope, name) => targetScope(scope, name) });
  const targets = (p: Node | null, out: Node[]) => {
    if (!p) return;
    if (p.type === 'identifier') { out.push(p); return; }
    if (p.type === 'pattern_list' || p.type === 'tuple_pattern' || p.type === 'list_pattern' || p.type === 'tuple' || p.type === 'list'
      || p.type === 'list_splat_pattern' || p.type === 'parenthesized_expression' || p.type === 'as_pattern_target') {
      for (const c of p.namedChildren) targets(c, out);
    }
  };
  const newScope = (n: Node, parent: number, klass = false): number => {
    const id = fs.scopes.length;
    fs.scopes.push({ parent, names: new Map(), ...(klass ? { klass: true } : {}) });
    scopeOf.set(n.id, id);
    return id;
  };

  const pass1 = (n: Node, scope: number, container: string, cls: number, inClassBody: boolean) => {
    const t = n.type;
    switch (t) {
      case 'function_definition': {
        const name = n.childForFieldName('name');
        const isMethod = inClassBody && cls >= 0;
        if (name) {
          const id = declare(name, isMethod ? 'method' : 'function', scope, n, container);
          if (isMethod && !fs.classes[cls]!.members.has(name.text)) fs.classes[cls]!.members.set(name.text, id);
          fnOfNode.set(n.id, fs.fns.length);
          fs.fns.push({ name: name.text, kind: isMethod ? 'method' : 'function', line: lineOf(name), col: colOf(name), startLine: lineOf(n), endLine: n.endPosition.row + 1, cls: isMethod ? cls : -1, container });
        }
        const inner = newScope(n, scope);
        const params = n.childForFieldName('parameters');
        let first = true;
        for (const p of params?.namedChildren ?? []) {
          if (!p) continue;
          const nm = p.type === 'identifier' ? p
            : p.type === 'default_parameter' || p.type === 'typed_default_parameter' ? p.childForFieldName('name')
            : p.type === 'typed_parameter' || p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern' ? p.namedChildren.find((c) => c?.type === 'identifier') ?? null
            : null;
          if (!nm) continue;
          const typeName = typeNameOf(p.childForFieldName('type'));
          declare(nm, 'parameter', inner, p, container, typeName ? { typeName } : {});
          if (first && isMethod) selfName.set(inner, nm.text);
          first = false;
        }
        const sub = container ? `${container}.${name?.text ?? ''}` : name?.text ?? '';
        const body = n.childForFieldName('body');
        if (body) pass1(body, inner, sub, isMethod ? cls : cls, false);
        // Decorators, defaults and annotations are evaluated in the enclosing scope.
        for (const c of n.namedChildren) if (c && c.id !== body?.id && c.id !== name?.id) pass1(c, scope, container, cls, false);
        return;
      }
      case 'class_definition': {
        const name = n.childForFieldName('name');
        const ci = fs.classes.length;
        const bases: string[] = [];
        for (const b of n.childForFieldName('superclasses')?.namedChildren ?? []) {
          if (b?.type === 'identifier') bases.push(b.text);
          else if (b?.type === 'attribute') bases.push(b.childForFieldName('attribute')?.text ?? '');
        }
        let decl = -1;
        if (name) {
          decl = declare(name, 'class', scope, n, container, { classIdx: ci });
          if (inClassBody && cls >= 0 && !fs.classes[cls]!.members.has(name.text)) fs.classes[cls]!.members.set(name.text, decl);
        }
        fs.classes.push({ name: name?.text ?? '', decl, bases: bases.filter(Boolean), members: new Map(), outerScope: scope });
        classOfNode.set(n.id, ci);
        const inner = newScope(n, scope, true);
        const sub = container ? `${container}.${name?.text ?? ''}` : name?.text ?? '';
        const body = n.childForFieldName('body');
        if (body) pass1(body, inner, sub, ci, true);
        for (const c of n.namedChildren) if (c && c.id !== body?.id && c.id !== name?.id) pass1(c, scope, container, cls, false);
        return;
      }
      case 'lambda': {
        const inner = newScope(n, scope);
        for (const p of n.childForFieldName('parameters')?.namedChildren ?? []) {
          const nm = p?.type === 'identifier' ? p : p?.childForFieldName('name') ?? p?.namedChildren.find((c) => c?.type === 'identifier');
          if (nm) declare(nm, 'parameter', inner, n, container);
        }
        const body = n.childForFieldName('body');
        if (body) pass1(body, inner, container, cls, false);
        return;
      }
      case 'global_statement': case 'nonlocal_statement': {
        for (const c of n.namedChildren) {
          if (c?.type !== 'identifier') continue;
          let target = 0;
          if (t === 'nonlocal_statement') {
            for (let s = fs.scopes[scope]!.parent; s >= 0; s = fs.scopes[s]!.parent) { if (fs.scopes[s]!.names.has(c.text)) { target = s; break; } }
          }
          if (!globals.has(scope)) globals.set(scope, new Map());
          globals.get(scope)!.set(c.text, target);
        }
        break;
      }
      case 'assignment': case 'augmented_assignment': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        const annotated = typeNameOf(n.childForFieldName('type'));
        let typeName = annotated;
        if (!typeName && right?.type === 'call') {
          const fnode = right.childForFieldName('function');
          const tn = fnode?.type === 'identifier' ? fnode.text : fnode?.type === 'attribute' ? fnode.childForFieldName('attribute')?.text : undefined;
          if (tn && /^[A-Z]/.test(tn)) typeName = tn;
        }
        const names: Node[] = [];
        targets(left, names);
        for (const nm of names) {
          const id = declare(nm, scope === 0 && /^[A-Z][A-Z0-9_]*$/.test(nm.text) ? 'constant' : 'variable', scope, n, container, typeName ? { typeName } : {});
          if (inClassBody && cls >= 0 && fs.decls[id]!.scope === scope && !fs.classes[cls]!.members.has(nm.text)) {
            fs.classes[cls]!.members.set(nm.text, id);
            fs.decls[id]!.kind = 'property';
          }
        }
        if (left?.type === 'attribute' && cls >= 0) {
          const obj = left.childForFieldName('object');
          const attr = left.childForFieldName('attribute');
          let s = scope;
          while (s > 0 && !selfName.has(s)) s = fs.scopes[s]!.parent;
          if (obj?.type === 'identifier' && attr && selfName.get(s) === obj.text && !fs.classes[cls]!.members.has(attr.text)) {
            fs.classes[cls]!.members.set(attr.text, declare(attr, 'property', -1, n, fs.classes[cls]!.name, typeName ? { typeName } : {}));
          }
        }
        break;
      }
      case 'for_statement': case 'for_in_clause': {
        const names: Node[] = [];
        targets(n.childForFieldName('left'), names);
        for (const nm of names) declare(nm, 'variable', scope, n, container);
        break;
      }
      case 'as_pattern': {
        const names: Node[] = [];
        targets(n.childForFieldName('alias'), names);
        for (const nm of names) declare(nm, 'variable', scope, n, container);
        break;
      }
      case 'named_expression': {
        const nm = n.childForFieldName('name');
        if (nm) declare(nm, 'variable', scope, n, container);
        break;
      }
      case 'import_statement': {
        for (const c of n.namedChildren) {
          if (!c) continue;
          if (c.type === 'dotted_name') {
            const first = c.namedChildren[0];
            fs.imports.push({ module: c.text, line: lineOf(n) });
            if (first) declare(first, 'import', scope, n, container, { importFrom: first.text, importName: '*' });
          } else if (c.type === 'aliased_import') {
            const mod = c.childForFieldName('name'), alias = c.childForFieldName('alias');
            if (mod) fs.imports.push({ module: mod.text, line: lineOf(n) });
            if (mod && alias) declare(alias, 'import', scope, n, container, { importFrom: mod.text, importName: '*' });
          }
        }
        return;
      }
      case 'import_from_statement': {
        const modNode = n.childForFieldName('module_name');
        const module = modNode ? modNode.text.replace(/\s+/g, '') : '';
        fs.imports.push({ module, line: lineOf(n) });
        for (const c of n.namedChildren) {
          if (!c || c.id === modNode?.id) continue;
          if (c.type === 'wildcard_import') { if (scope === 0) fs.stars.push(module); continue; }
          if (c.type === 'dotted_name') {
            const last = c.namedChildren[c.namedChildren.length - 1];
            if (last) declare(last, 'import', scope, n, container, { importFrom: module, importName: c.text });
          } else if (c.type === 'aliased_import') {
            const nm = c.childForFieldName('name'), alias = c.childForFieldName('alias');
            if (nm && alias) declare(alias, 'import', scope, n, container, { importFrom: module, importName: nm.text });
          }
        }
        return;
      }
      default: break;
    }
    if (COMPREHENSIONS.has(t)) {
      const inner = newScope(n, scope);
      // The first iterable is evaluated in the enclosing scope; everything else in the comprehension's.
      const clauses = n.namedChildren.filter((c) => c?.type === 'for_in_clause');
      for (const c of n.namedChildren) {
        if (!c) continue;
        if (c.id === clauses[0]?.id) {
          const right = c.childForFieldName('right');
          const names: Node[] = [];
          targets(c.childForFieldName('left'), names);
          for (const nm of names) declare(nm, 'variable', inner, c, container);
          for (const x of c.namedChildren) if (x && x.id !== right?.id && x.id !== c.childForFieldName('left')?.id) pass1(x, inner, container, cls, false);
          if (right) pass1(right, scope, container, cls, false);
        } else pass1(c, inner, container, cls, false);
      }
      return;
    }
    for (const c of n.namedChildren) if (c) pass1(c, scope, container, cls, inClassBody && (t === 'block' || t === 'decorated_definition' || t === 'expression_statement' || t === 'if_statement'));
  };
  pass1(root, 0, '', -1, false);
  for (const [name, id] of fs.scopes[0]!.names) fs.exports.set(name, { decl: id });

  // ---- pass 2: occurrences
  const selfScopeFor = (scope: number): string | undefined => {
    for (let s = scope; s > 0; s = fs.scopes[s]!.parent) { const n = selfName.get(s); if (n) return n; if (fs.scopes[s]!.klass) return undefined; }
    return undefined;
  };
  const memberRef = (object: Node, scope: number): MemberRef => {
    const { path, root: o, text } = memberChain(object, MEMBER_SYNTAX);
    if (o?.type === 'identifier') {
      if (o.text === selfScopeFor(scope)) return { root: 'this', path, text };
      return { root: 'ident', rootName: o.text, rootDecl: lookup(fs, scope, o.text), path, text };
    }
    if (o?.type === 'call' && o.childForFieldName('function')?.text === 'super') return { root: 'super', path, text };
    return { root: 'other', path, text };
  };
  // Parents are passed down: web-tree-sitter's `parent` walks from the root on every call.
  const pass2 = (n: Node, scope: number, fn: number, cls: number, parent: Node | null, grand: Node | null) => {
    const s = scopeOf.get(n.id);
    if (s !== undefined) scope = s;
    const f = fnOfNode.get(n.id);
    if (f !== undefined) fn = f;
    const c = classOfNode.get(n.id);
    if (c !== undefined) cls = c;
    if (n.type === 'identifier') {
      const p = parent;
      const d = declAt.get(n.startIndex);
      /** Is `x` (whose parent is `xp`) the function of a call? */
      const isCall = (x: Node, xp: Node | null) => xp?.type === 'call' && xp.childForFieldName('function')?.id === x.id;
      // Names in a def/class header belong to the enclosing scope (pass 1 declared them there).
      const base = { name: n.text, line: lineOf(n), col: colOf(n), fn, cls, scope };
      if (d !== undefined) fs.occs.push({ ...base, decl: d, isDecl: true, call: false, ...(p?.type === 'attribute' ? { member: memberRef(p.childForFieldName('object')!, scope) } : {}) });
      else if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id) {
        fs.occs.push({ ...base, decl: -1, isDecl: false, call: isCall(p, grand), member: memberRef(p.childForFieldName('object')!, scope) });
      } else if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id) {
        /* keyword argument name */
      } else if (p?.type === 'dotted_name' || p?.type === 'aliased_import') {
        /* module path inside an import statement */
      } else if (p?.type === 'global_statement' || p?.type === 'nonlocal_statement') {
        fs.occs.push({ ...base, decl: lookup(fs, 0, n.text), isDecl: false, call: false });
      } else {
        fs.occs.push({ ...base, decl: lookup(fs, scope, n.text), isDecl: false, call: isCall(n, parent) });
      }
    }
    const t = n.type;
    if (t === 'function_definition' || t === 'class_definition') {
      // Header parts other than the body and parameters run in the outer scope.
      const body = n.childForFieldName('body');
      const params = n.childForFieldName('parameters');
      const inner = scopeOf.get(n.id)!;
      const outer = fs.scopes[inner]!.parent;
      for (const ch of n.namedChildren) {
        if (!ch) continue;
        if (ch.id === body?.id || ch.id === params?.id) pass2(ch, inner, fn, cls, n, parent);
        else pass2(ch, outer, fn, cls, n, parent);
      }
      return;
    }
    for (const ch of n.namedChildren) if (ch) pass2(ch, scope, fn, cls, n, parent);
  };
  pass2(root, 0, -1, -1, null, null);
  return fs;
}

export const pythonLocals: LocalsAnalyzer = {
  grammarFor(relPath: string): string | undefined {
    return /\.pyi?$|\.pyw$/i.test(relPath) ? 'tree-sitter-python.wasm' : undefined;
  },
  analyze: analyzePython,
};
