// Scope analysis for Rust (see ../scopes.ts). Items (fn, struct, enum, trait, type, const, static, mod,
// macro_rules, use) are visible throughout their block or module, so each block's items are declared
// before its statements are walked; a `let` opens a scope for the statements after it, which is how a
// later `let x` shadows an earlier one while `let x = x + 1` still reads the earlier. Patterns bind
// in `let`, parameters, closures, `for`, `if let`/`while let` (and let chains) and match arms; a
// capitalised identifier in a pattern (after any leading `_`) is a path (`None`, a const), not a binding.
// Structs, unions, enums and traits are member tables; every `impl` adds its items to the table of its
// self type (created here when the type lives in another file) and an `impl Trait for T` makes the
// trait a base of T. `self.x` and `Self::f` are members of the enclosing impl's type. `use` trees
// become imports (module path + name, or the alias); `mod m;` is an import of the module file; an
// inline `mod m { }` is a scope of its own whose items are the members of `m`. Paths (`a::b::f`,
// `crate::x`, `super::y`) are recorded as member chains for the navigation service to follow.

import type { Node } from 'web-tree-sitter';
import { colOf, declarer, emptyScopes, lineOf, lookup, lookupType, memberChain, type Decl, type DeclKind, type FileScopes, type LocalsAnalyzer, type MemberRef, type MemberSyntax } from '../scopes.js';
import { calleeOf, pathText, returnTypeOf, typeNameOf, valueTypeOf } from './types.js';

const MEMBER_SYNTAX: MemberSyntax = {
  access: { field_expression: ['field', 'value'], scoped_identifier: ['name', 'path'], scoped_type_identifier: ['name', 'path'] },
  wrappers: new Set(['parenthesized_expression', 'try_expression']),
};

const NAMES = new Set(['identifier', 'type_identifier', 'field_identifier', 'shorthand_field_identifier']);

interface Ctx { fn: number; cls: number; container: string; self?: string }
interface Typed { typeName?: string | undefined; typeFrom?: { line: number; col: number; field?: number } }

const ITEM_KIND: Readonly<Record<string, DeclKind>> = { struct_item: 'struct', union_item: 'union', enum_item: 'enum', trait_item: 'trait' };
const join = (a: string, b: string) => (a ? `${a}.${b}` : b);

export function analyzeRust(root: Node, lang: string): FileScopes {
  const fs = emptyScopes(lang);
  const { declAt, declare, member } = declarer(fs);
  const classByName = new Map<string, number>();
  const classOfNode = new Map<number, number>(); // impl/trait/struct node -> class
  const modScope = new Map<number, number>(); // inline mod node -> its scope

  const newScope = (parent: number, module = false): number => {
    fs.scopes.push(module ? { parent, names: new Map(), module: true } : { parent, names: new Map() });
    return fs.scopes.length - 1;
  };
  const classFor = (name: string, outerScope: number): number => {
    let ci = classByName.get(name);
    if (ci === undefined) {
      ci = fs.classes.length;
      fs.classes.push({ name, decl: -1, bases: [], members: new Map(), outerScope });
      classByName.set(name, ci);
    }
    return ci;
  };
  const lastSeg = (p: string) => p.slice(p.lastIndexOf(':') + 1);

  // ------------------------------------------------------------------ use trees
  const importAs = (name: string, at: Node, scope: number, whole: Node, container: string, from: string, what: string): void => {
    if (!name || name === '_') return;
    const id = fs.decls.length;
    fs.decls.push({ name, kind: 'import', line: lineOf(at), col: colOf(at), startLine: lineOf(whole), endLine: whole.endPosition.row + 1, scope, container, importFrom: from, importName: what });
    declAt.set(at.startIndex, id);
    if (!fs.scopes[scope]!.names.has(name)) fs.scopes[scope]!.names.set(name, id);
  };
  /** `prefix::path` split into the module part and the last name ('*' when the path is a module). */
  const split = (full: string): [string, string] => {
    const i = full.lastIndexOf('::');
    return i < 0 ? [full, '*'] : [full.slice(0, i), full.slice(i + 2)];
  };
  const cat = (a: string, b: string) => (a && b ? `${a}::${b}` : a || b);
  const useTree = (n: Node, prefix: string, scope: number, whole: Node, container: string, inlineMod: boolean): void => {
    switch (n.type) {
      case 'identifier': case 'scoped_identifier': case 'crate': case 'super': case 'self': {
        const full = n.type === 'self' ? prefix : cat(prefix, pathText(n) ?? '');
        const [from, what] = split(full);
        const at = n.type === 'scoped_identifier' ? n.childForFieldName('name') ?? n : n;
        importAs(lastSeg(full), at, scope, whole, container, from, what);
        return;
      }
      case 'use_as_clause': {
        const alias = n.childForFieldName('alias');
        const [from, what] = split(cat(prefix, pathText(n.childForFieldName('path')) ?? ''));
        if (alias) importAs(alias.text, alias, scope, whole, container, from, what);
        return;
      }
      case 'scoped_use_list': {
        const p = cat(prefix, pathText(n.childForFieldName('path')) ?? '');
        for (const c of n.childForFieldName('list')?.namedChildren ?? []) if (c) useTree(c, p, scope, whole, container, inlineMod);
        return;
      }
      case 'use_list': for (const c of n.namedChildren) if (c) useTree(c, prefix, scope, whole, container, inlineMod); return;
      case 'use_wildcard': {
        const m = cat(prefix, pathText(n.namedChildren[0]) ?? '');
        // `use super::*` in an inline module names this file, whose items its scope already sees.
        if (!m || (inlineMod && m === 'super')) return;
        if (scope === 0) fs.stars.push(m);
        else (fs.scopes[scope]!.globs ??= []).push(m);
        return;
      }
      default: return;
    }
  };

  // ------------------------------------------------------------------ items (declared before statements)
  const hoist = (list: Node, scope: number, ctx: Ctx, inlineMod: boolean): void => {
    let cfgs: string[] = []; // `#[cfg(...)]` predicates of the attributes right before the item
    for (const c of list.namedChildren) {
      if (!c) continue;
      if (c.type === 'attribute_item') {
        const a = c.namedChildren[0];
        if (a?.namedChildren[0]?.text === 'cfg') cfgs.push(a.childForFieldName('arguments')?.text.slice(1, -1) ?? '');
        continue;
      }
      const cfg = cfgs.length ? { cfg: cfgs.length === 1 ? cfgs[0]! : `all(${cfgs.join(', ')})` } : {};
      cfgs = [];
      const name = c.childForFieldName('name');
      switch (c.type) {
        case 'function_item': case 'function_signature_item': {
          if (!name) break;
          // A function's typeName is its return type: the type of a call to it.
          const rt = returnTypeOf(c.childForFieldName('return_type'), ctx.self);
          if (ctx.cls >= 0) member(ctx.cls, name, 'method', c, ctx.container, rt, cfg);
          else declare(name, 'function', scope, c, ctx.container, rt ? { typeName: rt, ...cfg } : cfg);
          break;
        }
        case 'const_item': case 'static_item': {
          if (!name) break;
          const tn = typeNameOf(c.childForFieldName('type'), ctx.self);
          const kind: DeclKind = c.type === 'const_item' ? 'constant' : 'variable';
          if (ctx.cls >= 0) member(ctx.cls, name, kind, c, ctx.container, tn);
          else declare(name, kind, scope, c, ctx.container, tn ? { typeName: tn } : {});
          break;
        }
        case 'type_item': case 'associated_type': {
          if (!name) break;
          if (ctx.cls >= 0) { member(ctx.cls, name, 'type', c, ctx.container); break; }
          const ci = classFor(name.text, scope);
          const id = declare(name, 'type', scope, c, ctx.container, { classIdx: ci });
          if (fs.classes[ci]!.decl < 0) fs.classes[ci]!.decl = id;
          const aliased = typeNameOf(c.childForFieldName('type'), ctx.self);
          if (aliased) fs.classes[ci]!.bases.push(aliased); // `type A = B;`: A has B's members
          break;
        }
        case 'struct_item': case 'union_item': case 'enum_item': case 'trait_item': {
          if (!name) break;
          const ci = classFor(name.text, scope);
          classOfNode.set(c.id, ci);
          const body = c.childForFieldName('body');
          const id = declare(name, ITEM_KIND[c.type]!, scope, c, ctx.container, { classIdx: ci, ...positionalOf(body, name.text) });
          const cls = fs.classes[ci]!;
          if (cls.decl < 0) cls.decl = id;
          if (c.type === 'enum_item') {
            for (const v of body?.namedChildren ?? []) {
              const vn = v?.childForFieldName('name');
              if (v && vn) member(ci, vn, 'enumerator', v, name.text, undefined, positionalOf(v.childForFieldName('body'), name.text));
            }
          } else if (c.type === 'trait_item') {
            for (const b of c.childForFieldName('bounds')?.namedChildren ?? []) { const bn = typeNameOf(b, undefined); if (bn) cls.bases.push(bn); }
            if (body) hoist(body, scope, { ...ctx, cls: ci, container: name.text, self: name.text }, false);
          } else if (body?.type === 'field_declaration_list') {
            for (const f of body.namedChildren) {
              const fn = f?.childForFieldName('name');
              if (f?.type !== 'field_declaration' || !fn) continue;
              const tn = typeNameOf(f.childForFieldName('type'), name.text);
              const id = declare(fn, 'field', -1, f, name.text, tn ? { typeName: tn } : {});
              if (!(cls.fields ??= new Map()).has(fn.text)) cls.fields.set(fn.text, id);
            }
          }
          break;
        }
        case 'impl_item': {
          const tn = typeNameOf(c.childForFieldName('type'), undefined);
          if (!tn) break;
          const own = lastSeg(tn);
          const ci = classFor(own, scope);
          classOfNode.set(c.id, ci);
          const trait = typeNameOf(c.childForFieldName('trait'), undefined);
          if (trait && !fs.classes[ci]!.bases.includes(trait)) fs.classes[ci]!.bases.push(trait);
          const body = c.childForFieldName('body');
          if (body) hoist(body, scope, { ...ctx, cls: ci, container: own, self: own }, false);
          break;
        }
        case 'mod_item': {
          if (!name) break;
          const body = c.childForFieldName('body');
          fs.imports.push({ module: name.text, line: lineOf(c) });
          if (!body) { importAs(name.text, name, scope, c, ctx.container, name.text, '*'); break; }
          const ms = newScope(scope, true);
          modScope.set(c.id, ms);
          const ci = fs.classes.length;
          // The module's members are its scope's names (one map): `inner::f` finds what `mod inner` declares.
          fs.classes.push({ name: name.text, decl: -1, bases: [], members: fs.scopes[ms]!.names, outerScope: scope });
          fs.classes[ci]!.decl = declare(name, 'namespace', scope, c, ctx.container, { classIdx: ci });
          hoist(body, ms, { ...ctx, container: join(ctx.container, name.text) }, true);
          break;
        }
        case 'use_declaration': {
          const arg = c.childForFieldName('argument');
          if (arg) {
            useTree(arg, '', scope, c, ctx.container, inlineMod);
            fs.imports.push({ module: pathText(arg.type === 'scoped_use_list' ? arg.childForFieldName('path') : arg.type === 'use_as_clause' ? arg.childForFieldName('path') : arg) ?? arg.text, line: lineOf(c) });
          }
          break;
        }
        case 'extern_crate_declaration': {
          const alias = c.childForFieldName('alias');
          if (name) importAs((alias ?? name).text, alias ?? name, scope, c, ctx.container, name.text, '*');
          break;
        }
        case 'macro_definition': if (name) declare(name, 'macro', scope, c, ctx.container); break;
        case 'foreign_mod_item': { const body = c.childForFieldName('body'); if (body) hoist(body, scope, ctx, inlineMod); break; }
        default: break;
      }
    }
  };

  /** A tuple struct's or variant's field types (Decl.positional), for the bindings of `V(a, b)` patterns. */
  const positionalOf = (body: Node | null | undefined, self: string): Partial<Decl> =>
    body?.type === 'ordered_field_declaration_list' ? { positional: body.childrenForFieldName('type').map((t) => typeNameOf(t, self) ?? '') } : {};

  // ------------------------------------------------------------------ patterns
  /** The identifier a pattern of one binding binds (`x`, `mut x`, `ref mut x`), or null. */
  const bindingName = (p: Node): Node | null => {
    let x: Node | null | undefined = p;
    while (x && (x.type === 'ref_pattern' || x.type === 'mut_pattern')) x = x.namedChildren.find((c) => c?.type !== 'mutable_specifier');
    return x?.type === 'identifier' && !/^_*[A-Z]/.test(x.text) ? x : null;
  };
  /** The names a pattern binds (declared in `scope`). */
  const bind = (p: Node | null | undefined, scope: number, kind: DeclKind, whole: Node, ctx: Ctx, typed: Typed = {}): number[] => {
    const ids: number[] = [];
    // A type belongs to the binding only when the pattern is one name (`let x: T`, not `let (a, b): (T, U)`).
    const one = p?.type === 'identifier' || (p?.type === 'mut_pattern' && p.namedChildren[1]?.type === 'identifier');
    const extra = one ? { ...(typed.typeName ? { typeName: typed.typeName } : {}), ...(typed.typeFrom ? { typeFrom: typed.typeFrom } : {}) } : {};
    const visit = (n: Node): void => {
      switch (n.type) {
        case 'identifier': if (!/^_*[A-Z]/.test(n.text) && n.text !== 'self') ids.push(declare(n, kind, scope, whole, ctx.container, extra)); return;
        case 'shorthand_field_identifier': ids.push(declare(n, kind, scope, whole, ctx.container)); return;
        case 'scoped_identifier': case 'scoped_type_identifier': case 'type_identifier': case 'generic_type': return;
        case 'field_pattern': { const sub = n.childForFieldName('pattern'); if (sub) visit(sub); else for (const c of n.namedChildren) if (c?.type === 'shorthand_field_identifier') visit(c); return; }
        case 'match_pattern': { for (const c of n.namedChildren) if (c && n.childForFieldName('condition')?.id !== c.id) visit(c); return; }
        case 'parameter': { const sub = n.childForFieldName('pattern'); if (sub) visit(sub); return; }
        default: break;
      }
      const typeField = n.type === 'tuple_struct_pattern' || n.type === 'struct_pattern' ? n.childForFieldName('type') : null;
      if (n.type === 'tuple_struct_pattern' && typeField) {
        // `Class::Unicode(ref mut x)`: x has the type of that field of the variant (Decl.positional).
        const last = typeField.type === 'scoped_identifier' ? typeField.childForFieldName('name') : typeField.type === 'identifier' ? typeField : null;
        let i = 0;
        for (const c of n.children) {
          // Every element counts for the position, `_` too; after `..` positions are unknown.
          if (!c || c.id === typeField.id || c.type === '(' || c.type === ')' || c.type === ',') continue;
          if (c.type === 'remaining_field_pattern' || c.type === '..') i = -Infinity;
          const id = c.isNamed ? bindingName(c) : null;
          if (id && last && i >= 0) ids.push(declare(id, kind, scope, whole, ctx.container, { typeFrom: { line: lineOf(last), col: colOf(last), field: i } }));
          else if (c.isNamed) visit(c);
          i++;
        }
        return;
      }
      for (const c of n.namedChildren) if (c && c.id !== typeField?.id) visit(c);
    };
    if (p) visit(p);
    return ids;
  };

  // ------------------------------------------------------------------ occurrences
  /** memberChain() that also passes through calls: `self.flags().unicode` -> ['flags()'] under `self`. */
  const chain = (object: Node): { path: string[]; root: Node | null; text: string } => {
    const path: string[] = [];
    let o: Node | null = object;
    while (o?.type === 'call_expression' || o?.type === 'parenthesized_expression' || o?.type === 'try_expression' || o?.type === 'await_expression') {
      if (o.type !== 'call_expression') { o = o.namedChildren[0] ?? null; continue; }
      let f = o.childForFieldName('function');
      if (f?.type === 'generic_function') f = f.childForFieldName('function');
      // A plain `make()` root stays the function: its type is what it returns.
      if (f?.type === 'identifier') { o = f; break; }
      const inner = f?.type === 'field_expression' ? [f.childForFieldName('field'), f.childForFieldName('value')] : f?.type === 'scoped_identifier' ? [f.childForFieldName('name'), f.childForFieldName('path')] : undefined;
      if (!inner) break;
      const below: { path: string[]; root: Node | null } = inner[1] ? chain(inner[1]) : { path: [], root: null };
      return { path: [...below.path, `${inner[0]?.text ?? ''}()`, ...path], root: below.root, text: object.text.slice(0, 80) };
    }
    if (!o) return { path, root: null, text: object.text.slice(0, 80) };
    const c = memberChain(o, MEMBER_SYNTAX);
    // A call inside the chain (`a.b().c`): continue below it.
    if (c.root?.type === 'call_expression' || c.root?.type === 'try_expression') {
      const below = chain(c.root);
      return { path: [...below.path, ...c.path, ...path], root: below.root, text: object.text.slice(0, 80) };
    }
    return { path: [...c.path, ...path], root: c.root, text: object.text.slice(0, 80) };
  };
  const memberRef = (object: Node, scope: number): MemberRef => {
    const { path, root: o, text } = chain(object);
    let r = o;
    if (r?.type === 'generic_type') r = r.childForFieldName('type');
    if (!r) return { root: 'other', path, text };
    if (r.type === 'self') return r.parent?.type === 'field_expression' ? { root: 'this', path, text } : { root: 'ident', rootName: 'self', rootDecl: -1, path, text };
    if (r.text === 'Self' && (r.type === 'identifier' || r.type === 'type_identifier')) return { root: 'this', path, text };
    if (r.type === 'crate' || r.type === 'super') return { root: 'ident', rootName: r.type, rootDecl: -1, path, text };
    if (r.type === 'identifier' || r.type === 'type_identifier') {
      // The root of `a::b` is a module or type; the root of `a.b` is a value.
      const typePath = r.parent?.type === 'scoped_identifier' || r.parent?.type === 'scoped_type_identifier' || r.parent?.type === 'generic_type';
      return { root: 'ident', rootName: r.text, rootDecl: (typePath ? lookupType : lookup)(fs, scope, r.text), path, text };
    }
    return { root: 'other', path, text };
  };
  const isCallee = (x: Node): boolean => {
    const p = x.parent;
    // Inside a macro's tokens (`assert_eq!(area(&s), 4.0)`) a call is a name before a `(...)` group.
    if (p?.type === 'token_tree') return x.nextSibling?.type === 'token_tree' && x.nextSibling.text.startsWith('(');
    if (p?.type === 'call_expression') return p.childForFieldName('function')?.id === x.id;
    if (p?.type === 'generic_function' && p.childForFieldName('function')?.id === x.id) return isCallee(p);
    return p?.type === 'macro_invocation' && p.childForFieldName('macro')?.id === x.id;
  };
  /** A field named in a struct literal or pattern: a member of the literal's type. */
  const structField = (typeNode: Node | null | undefined, scope: number): MemberRef => {
    if (!typeNode) return { root: 'other', path: [], text: '' };
    if (typeNode.text === 'Self') return { root: 'this', path: [], text: 'Self' };
    if (typeNode.type === 'scoped_type_identifier' || typeNode.type === 'scoped_identifier') {
      // `Shape::Circle { r }`: a variant's fields are not tracked; the chain still names the enum.
      return memberRef(typeNode, scope);
    }
    const t = typeNode.type === 'generic_type' ? typeNode.childForFieldName('type') : typeNode;
    return t ? { root: 'ident', rootName: t.text, rootDecl: lookupType(fs, scope, t.text), path: [], text: t.text } : { root: 'other', path: [], text: '' };
  };
  const occ = (n: Node, scope: number, ctx: Ctx): void => {
    const name = n.text;
    if (name === 'Self') return;
    const base = { name, line: lineOf(n), col: colOf(n), fn: ctx.fn, cls: ctx.cls, scope, call: false };
    const d = declAt.get(n.startIndex);
    if (d !== undefined) { fs.occs.push({ ...base, decl: d, isDecl: true }); return; }
    const p = n.parent;
    const field = (f: string) => p?.childForFieldName(f)?.id === n.id;
    if ((p?.type === 'scoped_identifier' || p?.type === 'scoped_type_identifier') && field('name')) {
      const path = p.childForFieldName('path');
      fs.occs.push({ ...base, decl: -1, isDecl: false, call: isCallee(p), ...(path ? { member: { ...memberRef(path, scope), assoc: true } } : {}) });
    } else if (p?.type === 'field_expression' && field('field')) {
      fs.occs.push({ ...base, decl: -1, isDecl: false, call: isCallee(p), member: memberRef(p.childForFieldName('value')!, scope) });
    } else if (p?.type === 'field_initializer' && field('name')) {
      fs.occs.push({ ...base, decl: -1, isDecl: false, member: structField(p.parent?.parent?.childForFieldName('name'), scope) });
    } else if (p?.type === 'field_pattern' && field('name')) {
      fs.occs.push({ ...base, decl: -1, isDecl: false, member: structField(p.parent?.childForFieldName('type'), scope) });
    } else if (n.type === 'field_identifier' || n.type === 'shorthand_field_identifier') {
      /* a field elsewhere (offset_of!, labels): no scope meaning */
    } else if (p?.type === 'token_tree' && (n.previousSibling?.type === '.' || n.previousSibling?.type === '::')) {
      // Inside a macro's tokens (`assert_eq!(self.char(), 'a')`) `a.b` and `a::b` are not parsed: a
      // member of `self` or of a name just before it, else some member found by name.
      const r = n.previousSibling.previousSibling;
      const member: MemberRef = r?.type === 'self' && n.previousSibling.type === '.' ? { root: 'this', path: [], text: 'self' }
        : r?.type === 'identifier' ? { root: 'ident', rootName: r.text, rootDecl: (n.previousSibling.type === '::' ? lookupType : lookup)(fs, scope, r.text), path: [], text: r.text }
          : { root: 'other', path: [], text: '' };
      fs.occs.push({ ...base, decl: -1, isDecl: false, call: isCallee(n), member });
    } else {
      const typeNs = n.type === 'type_identifier' || ((p?.type === 'scoped_identifier' || p?.type === 'scoped_type_identifier') && field('path'));
      fs.occs.push({ ...base, decl: (typeNs ? lookupType : lookup)(fs, scope, name), isDecl: false, call: isCallee(n) });
    }
  };

  // ------------------------------------------------------------------ the walk
  const walkSeq = (n: Node, scope: number, ctx: Ctx): void => {
    let cur = scope;
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'let_declaration') cur = walkLet(c, cur, ctx);
      else walk(c, cur, ctx);
    }
  };
  /**
   * `let`, `if let`, `for`: what `read` holds is walked in `scope` (the value cannot see the new
   * names), then the `pattern` of `n` binds in a new scope, which is returned.
   */
  const bindAfter = (n: Node, scope: number, ctx: Ctx, read: ReadonlyArray<Node | null>, typed: Typed = {}): number => {
    for (const x of read) if (x) walk(x, scope, ctx);
    const ns = newScope(scope);
    const pat = n.childForFieldName('pattern');
    bind(pat, ns, 'variable', n, ctx, typed);
    if (pat) walk(pat, ns, ctx);
    return ns;
  };
  const walkLet = (c: Node, scope: number, ctx: Ctx): number => {
    const type = c.childForFieldName('type');
    const value = c.childForFieldName('value');
    const typeName = typeNameOf(type, ctx.self) ?? valueTypeOf(value, ctx.self);
    const callee = typeName ? undefined : calleeOf(value);
    return bindAfter(c, scope, ctx, [type, value, c.childForFieldName('alternative')],
      typeName ? { typeName } : callee ? { typeFrom: { line: lineOf(callee), col: colOf(callee) } } : {});
  };
  /** `if let` / `while let` / let chains: each condition's bindings are seen by the next and the body. */
  const walkCondition = (c: Node, scope: number, ctx: Ctx): number => {
    if (c.type === 'let_condition') return bindAfter(c, scope, ctx, [c.childForFieldName('value')]);
    if (c.type === 'let_chain') {
      let cur = scope;
      for (const x of c.namedChildren) if (x) cur = walkCondition(x, cur, ctx);
      return cur;
    }
    walk(c, scope, ctx);
    return scope;
  };
  const typeParams = (n: Node, scope: number, ctx: Ctx): void => {
    for (const tp of n.childForFieldName('type_parameters')?.namedChildren ?? []) {
      const nm = tp?.type === 'type_identifier' ? tp : tp?.type === 'constrained_type_parameter' ? tp.childForFieldName('left') : tp?.childForFieldName('name');
      if (tp && nm?.type === 'type_identifier') declare(nm, 'typeParameter', scope, tp, ctx.container);
    }
  };
  const walkChildren = (n: Node, scope: number, ctx: Ctx, skip?: Node | null): void => {
    for (const c of n.namedChildren) if (c && c.id !== skip?.id) walk(c, scope, ctx);
  };

  const walk = (n: Node, scope: number, ctx: Ctx): void => {
    const t = n.type;
    if (NAMES.has(t)) { occ(n, scope, ctx); return; }
    switch (t) {
      // Items of a block are its own, never members of an enclosing impl.
      case 'block': { const s = newScope(scope); hoist(n, s, { ...ctx, cls: -1 }, false); walkSeq(n, s, ctx); return; }
      case 'let_declaration': walkLet(n, scope, ctx); return;
      case 'function_item': case 'function_signature_item': {
        const name = n.childForFieldName('name');
        const ps = newScope(scope);
        const d = name ? declAt.get(name.startIndex) : undefined;
        let inner = ctx;
        if (name) {
          occ(name, scope, ctx);
          const isMethod = d !== undefined && fs.decls[d]!.scope < 0;
          inner = { ...ctx, fn: fs.fns.length, container: ctx.container };
          fs.fns.push({ name: name.text, kind: isMethod ? 'method' : 'function', line: lineOf(name), col: colOf(name), startLine: lineOf(n), endLine: n.endPosition.row + 1, cls: ctx.cls, container: ctx.container });
        }
        typeParams(n, ps, inner);
        const tps = n.childForFieldName('type_parameters');
        if (tps) walk(tps, ps, inner);
        const params: number[] = [];
        for (const p of n.childForFieldName('parameters')?.namedChildren ?? []) {
          if (!p) continue;
          if (p.type === 'parameter') {
            const type = p.childForFieldName('type');
            if (type) walk(type, ps, inner);
            params.push(...bind(p.childForFieldName('pattern'), ps, 'parameter', p, inner, { typeName: typeNameOf(type, ctx.self) }));
            const pat = p.childForFieldName('pattern');
            if (pat) walk(pat, ps, inner);
          } else if (p.type === 'self_parameter') {
            // `self` is the receiver: a parameter of the impl's type (`ax def` on a later `self` lands here).
            const self = p.namedChildren.find((c) => c?.type === 'self');
            if (self) declare(self, 'parameter', ps, p, inner.container, ctx.self ? { typeName: ctx.self } : {});
            if (self) occ(self, ps, inner);
          } else walk(p, ps, inner);
        }
        if (d !== undefined) fs.decls[d]!.params = params;
        for (const f of ['return_type', 'body']) { const x = n.childForFieldName(f); if (x) walk(x, ps, inner); }
        for (const c of n.namedChildren) if (c?.type === 'where_clause') walk(c, ps, inner);
        return;
      }
      case 'impl_item': case 'trait_item': case 'struct_item': case 'union_item': case 'enum_item': case 'type_item': {
        const ci = classOfNode.get(n.id);
        const s = newScope(scope);
        const own = ci !== undefined ? fs.classes[ci]!.name : ctx.self;
        const inner: Ctx = ci !== undefined && (t === 'impl_item' || t === 'trait_item') ? { ...ctx, cls: ci, container: own ?? '', self: own } : { ...ctx, self: own };
        typeParams(n, s, inner);
        const body = n.childForFieldName('body');
        walkChildren(n, s, inner, body);
        if (body) {
          // Members were declared by hoist(); their bodies and types are walked here.
          if (t === 'impl_item' || t === 'trait_item') walkChildren(body, s, inner);
          else walk(body, s, { ...ctx, self: own });
        }
        return;
      }
      case 'mod_item': {
        const name = n.childForFieldName('name');
        if (name) occ(name, scope, ctx);
        const body = n.childForFieldName('body');
        const ms = modScope.get(n.id);
        if (body && ms !== undefined) walkSeq(body, ms, { ...ctx, container: join(ctx.container, name?.text ?? '') });
        return;
      }
      case 'use_declaration': case 'extern_crate_declaration': {
        // The names a `use` binds, and the segments of its paths, except inside a `{...}` list: there a
        // path continues a prefix its own nodes do not show, so only the bound names are occurrences.
        const visit = (x: Node, inList: boolean) => {
          if (NAMES.has(x.type) && (!inList || declAt.has(x.startIndex))) occ(x, scope, ctx);
          for (const c of x.namedChildren) if (c) visit(c, inList || x.type === 'use_list');
        };
        visit(n, false);
        return;
      }
      case 'macro_definition': { const name = n.childForFieldName('name'); if (name) occ(name, scope, ctx); return; }
      case 'attribute_item': case 'inner_attribute_item': case 'lifetime': case 'label': return;
      // The receiver as a value (`self`, `self.x`, `f(self)`); `self::x` names this module (memberRef).
      case 'self': if (n.parent?.type !== 'scoped_identifier') occ(n, scope, ctx); return;
      // A macro's tokens read `self.char()` as `self . char ( )`, with `char` a primitive type token.
      case 'primitive_type': if (n.parent?.type === 'token_tree' && n.previousSibling?.type === '.') occ(n, scope, ctx); return;
      case 'closure_expression': {
        const cs = newScope(scope);
        for (const p of n.childForFieldName('parameters')?.namedChildren ?? []) {
          if (!p) continue;
          const type = p.type === 'parameter' ? p.childForFieldName('type') : null;
          const pat = p.type === 'parameter' ? p.childForFieldName('pattern') : p;
          if (type) walk(type, cs, ctx);
          bind(pat, cs, 'parameter', p, ctx, { typeName: typeNameOf(type, ctx.self) });
          if (pat) walk(pat, cs, ctx);
        }
        for (const f of ['return_type', 'body']) { const x = n.childForFieldName(f); if (x) walk(x, cs, ctx); }
        return;
      }
      case 'for_expression': {
        const s = bindAfter(n, scope, ctx, [n.childForFieldName('value')]);
        const body = n.childForFieldName('body');
        if (body) walk(body, s, ctx);
        return;
      }
      case 'if_expression': case 'while_expression': {
        const cond = n.childForFieldName('condition');
        const s = cond ? walkCondition(cond, scope, ctx) : scope;
        const body = n.childForFieldName(t === 'if_expression' ? 'consequence' : 'body');
        if (body) walk(body, s, ctx);
        const alt = n.childForFieldName('alternative');
        if (alt) walk(alt, scope, ctx);
        return;
      }
      case 'match_arm': {
        const s = newScope(scope);
        const pat = n.childForFieldName('pattern');
        bind(pat, s, 'variable', n, ctx);
        walkChildren(n, s, ctx);
        return;
      }
      case 'source_file': hoist(n, 0, ctx, false); walkSeq(n, 0, ctx); return;
      default: walkChildren(n, scope, ctx);
    }
  };

  walk(root, 0, { fn: -1, cls: -1, container: '' });
  for (const [name, id] of fs.scopes[0]!.names) fs.exports.set(name, { decl: id });
  return fs;
}

export const rustLocals: LocalsAnalyzer = {
  grammarFor: (relPath: string) => (relPath.toLowerCase().endsWith('.rs') ? 'tree-sitter-rust.wasm' : undefined),
  analyze: analyzeRust,
};
