// Scope analysis for navigation (`ax def/refs/flow`): one file's declarations, the scopes they live in,
// and every identifier occurrence linked to the declaration it names inside the file (or marked free,
// imported, or a member access with its receiver chain). Cross-file steps (following an import to the
// exporting file, members of a base class in another file, ranking by proximity) belong to the
// navigation service; this module is pure (path, text) -> FileScopes, run at query time on the few
// files a question touches. Per-language walkers live beside each family (js/locals.ts,
// python/locals.ts); languages without one get name-based answers, labelled so.

import { createRequire } from 'node:module';
import path from 'node:path';
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { initRuntime } from './runtime.js';

export type DeclKind =
  | 'function' | 'class' | 'interface' | 'type' | 'enum' | 'variable' | 'constant' | 'parameter'
  | 'import' | 'method' | 'constructor' | 'property' | 'field' | 'namespace' | 'typeParameter' | 'module'
  // Rust's item kinds, named as the indexer names them (a scope answer and a name answer agree on `kind`).
  | 'struct' | 'union' | 'enumerator' | 'trait' | 'macro';

export interface Decl {
  name: string;
  kind: DeclKind;
  line: number;
  col: number;
  /** Start and end line of the whole declaration (for context and function bodies). */
  startLine: number;
  endLine: number;
  scope: number;
  /** For kind 'import': module specifier and the name imported ('default', '*' for a namespace/module). */
  importFrom?: string;
  importName?: string;
  /** Declared type (first type name of an annotation, or `new X()`), when visible. */
  typeName?: string;
  /** For a function/method: its parameters' declarations, in order. */
  params?: number[];
  /** For a value annotated with a function type: the type names of that type's parameters ('' unknown). */
  fnParamTypes?: string[];
  /** And the type it declares for `this` (`(this: SchedulerAction<T>, state?: T) => void`), when it does. */
  fnThisType?: string;
  /**
   * For an unannotated parameter of a callback passed as an argument: the callee's name position, the
   * argument index and this parameter's index (the type comes from the callee's declared parameter).
   */
  contextual?: { line: number; col: number; arg: number; param: number };  // param -1: the callback's `this` (fnThisType)
  /**
   * For a variable initialised by a call (`let p = self.parser()`): the callee's name position; the type
   * is its return type. Go: `result` picks one of several results (`r, w := io.Pipe()`), and
   * `element` takes the key or value type of what the position names (`for k, v := range m`). Rust:
   * `field` is a binding of a tuple pattern, typed by that field of the struct or variant named at
   * the position (`Class::Unicode(ref x)`).
   */
  typeFrom?: { line: number; col: number; result?: number; element?: 'key' | 'value'; field?: number };
  /** For a tuple struct or tuple variant (Rust `Unicode(ClassUnicode)`): its fields' type names by position ('' unknown). */
  positional?: string[];
  /** Rust: the `#[cfg(...)]` predicate the item is compiled under (several attributes joined by `all(..)`). */
  cfg?: string;
  /** For a function of several results (Go): each result's type name ('' unknown). */
  results?: string[];
  /** For a method of a language with overloads (Java): its parameter count, and whether the last is `T...`. */
  arity?: number;
  varargs?: boolean;
  /** And its parameters' types as written (`int`, `long[]`, `Clock`; type arguments dropped): which overload an argument list fits. */
  paramTypes?: string[];
  /** Index into FileScopes.classes when this declares a class/interface. */
  classIdx?: number;
  /** For a member: index into FileScopes.classes of the class it belongs to (anonymous classes have no name to tell them apart). */
  owner?: number;
  /** Enclosing class name chain, '' at top level (for the `container` field). */
  container: string;
}


export interface ClassInfo {
  name: string;
  decl: number;
  /** Base names as written (extends/implements/Python bases), rightmost identifier of each. */
  bases: string[];
  /** Member name -> declaration index (members are decls with scope -1). */
  members: Map<string, number>;
  /** Static members (JS/TS), seen only through the class itself (`Foo.x`). */
  statics?: Map<string, number>;
  /** Fields kept apart from methods of the same name (Rust: `self.len` is a field, `self.len()` a method). */
  fields?: Map<string, number>;
  /** Scope in which the class name and its bases are looked up. */
  outerScope: number;
  /** The class this one is nested in (Java: its members are in scope too), when the language records it. */
  outer?: number;
  /** The scope of the class's body where its type parameters are declared (Java `class C<D extends X>`), when it has some. */
  typeScope?: number;
  /**
   * An object literal passed as argument `arg` of a call whose callee's name is at line:col (TS/JS,
   * `subscribe({ complete() {} })`): the parameter's declared type is its base, found at query time.
   */
  argOf?: { line: number; col: number; arg: number };
}

export interface MemberRef {
  /** Root of the receiver chain: `this`/`self`, `super`, an identifier, or anything else. */
  root: 'this' | 'super' | 'ident' | 'other';
  /** For root 'ident': the identifier and the declaration it names in this file (-1: free). */
  rootName?: string;
  rootDecl?: number;
  /**
   * Intermediate property names between the root and this name (`this.a.b.name` -> ['a', 'b']); a
   * name ending in `()` is a method called on the way (`self.flags().unicode()` -> ['flags()']), whose
   * return type the chain continues with (Rust).
   */
  path: string[];
  /** The name follows `::` (Rust): an associated item or variant, never a field of the same name. */
  assoc?: boolean;
  /** Text of the receiver expression, for display and name-based fallback. */
  text: string;
}

export interface Occ {
  name: string;
  line: number;
  col: number;
  /** Declaration in this file this identifier names (-1: free or member). */
  decl: number;
  /** This occurrence is the name of a declaration (or member declaration). */
  isDecl: boolean;
  member?: MemberRef;
  /** The callee of a call (or `new`) expression. */
  call: boolean;
  /** For a call in a language with overloads (Java): the number of arguments, which picks the overload. */
  args?: number;
  /**
   * And what each argument's type is, as far as the file shows it: a type name (a literal, a local of a
   * declared type, `new T()`, a cast), the position of the occurrence whose resolution types it (a
   * field, a call's result; with 'element', the element type of that array), or null when unknown.
   */
  argTypes?: Array<string | [line: number, col: number, of?: 'element'] | null>;
  /** Index into FileScopes.fns of the innermost enclosing named function, -1 at top level. */
  fn: number;
  /** Index into FileScopes.classes of the innermost enclosing class, -1 outside classes. */
  cls: number;
  /** Scope the occurrence is in (for looking up type names). */
  scope: number;
}

export interface FnInfo {
  name: string;
  kind: DeclKind;
  line: number;
  col: number;
  startLine: number;
  endLine: number;
  cls: number;
  container: string;
}

export interface Scope {
  parent: number;
  names: Map<string, number>;
  /** A Python class body: visible from its own statements, not from functions nested in it. */
  klass?: boolean;
  /** A Rust inline module (`mod m { ... }`): its items are reachable from other files by path. */
  module?: boolean;
  /** Rust glob imports (`use m::*`) of a block or inline module; the file's own are FileScopes.stars. */
  globs?: string[];
}

export interface ExportEntry {
  /** Local declaration exported under this name. */
  decl?: number;
  /** Or a re-export: module and the name there ('*' for `export * as ns from`). */
  from?: string;
  fromName?: string;
}

export interface FileScopes {
  lang: string;
  decls: Decl[];
  scopes: Scope[];
  occs: Occ[];
  classes: ClassInfo[];
  fns: FnInfo[];
  exports: Map<string, ExportEntry>;
  /** `export * from 'm'` (JS) / `from m import *` (Python) modules. */
  stars: string[];
  /** Module specifiers imported, in source order. */
  imports: Array<{ module: string; line: number }>;
}

export interface LocalsAnalyzer {
  /** Grammar file (tree-sitter-wasms) for a path this analyzer handles. */
  grammarFor(relPath: string): string | undefined;
  analyze(root: Node, lang: string): FileScopes;
}

// Made on first parse (see wasm-flags.ts: a module-level createRequire cost every navigation query).
let requireFn: NodeJS.Require | undefined;
const grammars = new Map<string, Promise<Parser>>();

async function parserFor(grammar: string): Promise<Parser> {
  let p = grammars.get(grammar);
  if (!p) {
    p = (async () => {
      // Loaded on first parse: name-only navigation never pays for the WASM runtime.
      await initRuntime();
      const { Language, Parser } = await import('web-tree-sitter');
      const dir = path.dirname((requireFn ??= createRequire(import.meta.url)).resolve('tree-sitter-wasms/package.json'));
      const lang = await Language.load(path.join(dir, 'out', grammar));
      const parser = new Parser();
      parser.setLanguage(lang);
      return parser;
    })();
    grammars.set(grammar, p);
  }
  return p;
}

/** Parse `text` with a tree-sitter-wasms grammar; the caller deletes the tree. */
export async function parseText(grammar: string, text: string): Promise<Tree> {
  const parser = await parserFor(grammar);
  const tree = parser.parse(text);
  if (!tree) throw new Error(`tree-sitter returned no tree (${grammar})`);
  return tree;
}

export function emptyScopes(lang: string): FileScopes {
  return { lang, decls: [], scopes: [{ parent: -1, names: new Map() }], occs: [], classes: [], fns: [], exports: new Map(), stars: [], imports: [] };
}

/** Look a name up from a scope outwards; -1 when free. */
export function lookup(fs: FileScopes, scope: number, name: string): number {
  for (let s = scope; s >= 0; s = fs.scopes[s]!.parent) {
    if (s !== scope && fs.scopes[s]!.klass) continue;
    const d = fs.scopes[s]!.names.get(name);
    if (d !== undefined) return d;
  }
  return -1;
}

/** Kinds that live in the value namespace: a path's leading segment (`ast::Flags`) never names one. */
const VALUE_KINDS: ReadonlySet<DeclKind> = new Set<DeclKind>(['variable', 'parameter', 'constant', 'function', 'method', 'macro']);

/**
 * lookup() in the type namespace (modules, types, traits, imports): what the first segment of a
 * Rust path names. A parameter `ast: &ast::Flags` must not capture the module `ast` of its own type.
 */
export function lookupType(fs: FileScopes, scope: number, name: string): number {
  for (let s = scope; s >= 0; s = fs.scopes[s]!.parent) {
    const d = fs.scopes[s]!.names.get(name);
    if (d !== undefined && !VALUE_KINDS.has(fs.decls[d]!.kind)) return d;
  }
  return -1;
}

/** The occurrence covering (line, col): an identifier starting at or before col on that line. */
export function occAt(fs: FileScopes, line: number, col: number): Occ | undefined {
  let best: Occ | undefined;
  for (const o of fs.occs) {
    if (o.line !== line || o.col > col || col > o.col + o.name.length) continue;
    if (!best || o.col > best.col) best = o;
  }
  return best;
}

/** The occurrence whose name starts exactly at (line, col): what a recorded position (Decl.typeFrom) names. */
export function occStartingAt(fs: FileScopes, line: number, col: number): Occ | undefined {
  const o = occAt(fs, line, col);
  return o && o.line === line && o.col === col ? o : undefined;
}

/** How a grammar spells member access: node type -> [property field, object field]; `wrappers` are
 *  passed through to their first named child (parentheses, TypeScript's `x!`). */
export interface MemberSyntax {
  access: Readonly<Record<string, readonly [property: string, object: string]>>;
  wrappers: ReadonlySet<string>;
}

/**
 * The chain of a member access (`this.a.b` -> path ['a', 'b'] under root `this`): what every analyzer
 * records as an occurrence's MemberRef, once the language says what its root node means.
 */
export function memberChain(object: Node, syntax: MemberSyntax): { path: string[]; root: Node | null; text: string } {
  const path: string[] = [];
  let o: Node | null = object;
  while (o) {
    const fields = syntax.access[o.type];
    if (fields) { path.unshift(o.childForFieldName(fields[0])?.text ?? ''); o = o.childForFieldName(fields[1]); }
    else if (syntax.wrappers.has(o.type)) o = o.namedChildren[0] ?? null;
    else break;
  }
  return { path, root: o, text: object.text.slice(0, 80) };
}

/** 1-based position helpers shared by the walkers. */
export const lineOf = (n: Node) => n.startPosition.row + 1;
export const colOf = (n: Node) => n.startPosition.column + 1;

export interface DeclarerOptions {
  /** Whether a name gets bound in its scope at all (Go's blank identifier `_` does not). */
  binds?: (name: string) => boolean;
  /** The scope a name really lands in (Python: `global`/`nonlocal` and class-body rules). */
  scopeFor?: (scope: number, name: string) => number;
}

/**
 * The declaration recorder every analyzer shares: one Decl per name node (the first call wins), and
 * the first declaration of a name in a scope is what the name resolves to there (overloads, merged
 * declarations). `member` also lists the declaration among a class's members.
 */
export function declarer(fs: FileScopes, opts: DeclarerOptions = {}) {
  const declAt = new Map<number, number>(); // name node startIndex -> decl id
  const declare = (nameNode: Node, kind: DeclKind, scope: number, whole: Node, container: string, extra: Partial<Decl> = {}): number => {
    const prior = declAt.get(nameNode.startIndex);
    if (prior !== undefined) return prior;
    const name = nameNode.text;
    const s = scope >= 0 && opts.scopeFor ? opts.scopeFor(scope, name) : scope;
    const id = fs.decls.length;
    fs.decls.push({ name, kind, line: lineOf(nameNode), col: colOf(nameNode), startLine: lineOf(whole), endLine: whole.endPosition.row + 1, scope: s, container, ...extra });
    declAt.set(nameNode.startIndex, id);
    if (s >= 0 && (opts.binds?.(name) ?? true) && !fs.scopes[s]!.names.has(name)) fs.scopes[s]!.names.set(name, id);
    return id;
  };
  const member = (cls: number, nameNode: Node, kind: DeclKind, whole: Node, container: string, typeName?: string, extra: Partial<Decl> = {}): number => {
    const id = declare(nameNode, kind, -1, whole, container, typeName ? { ...extra, typeName, owner: cls } : { ...extra, owner: cls });
    const c = fs.classes[cls]!;
    if (!c.members.has(nameNode.text)) c.members.set(nameNode.text, id);
    return id;
  };
  return { declAt, declare, member };
}

