// Use cases `ax def`, `ax refs`, `ax flow`, `ax deps` (see docs/navigation.md). Each opens the index
// read-only, builds a Resolver for the one query (files are parsed on demand and cached meanwhile)
// and returns plain JSON-ready results that say how they were resolved.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { AxError } from '../../core/errors.js';
import { comparePaths } from '../../core/types.js';
import { occAt } from '../../lang/scopes.js';
import { NavReader } from '../../store/nav.js';
import { findIndexRoot } from '../root.js';
import { readIndex } from '../readers.js';
import { BlockReader, linesAscending, mayHoldToken, ScratchReader } from '../lines.js';
import { langOfPath, Resolver, targetKey, type Resolution, type Target } from './resolve.js';
import { parsePosition, parsePositionWithOffsets, positionError } from '../../query/position.js';

export type { Resolution } from './resolve.js';

export interface Position { path: string; line: number; col: number }

export interface DefResult {
  path: string; line: number; column: number; endLine: number; name: string; kind: string;
  container: string; signature: string; lang: string; resolution: Resolution;
}
export interface RefResult { path: string; line: number; column: number; context: string; resolution: Resolution }
export interface FlowNode {
  path: string; line: number; column: number; name: string; kind: string; resolution: Resolution;
  callSite?: { path: string; line: number; column: number };
  cycle?: boolean;
  children: FlowNode[];
}
export interface FlowResponse { root: FlowNode | null; callers: FlowNode[]; callees: FlowNode[] }
export interface DepNode { module: string; path: string | null; line: number; resolution: Resolution; children: DepNode[] }
export interface ReverseDepNode { path: string; line: number; module: string; resolution: Resolution; children: ReverseDepNode[] }

export interface NavRequest { root?: string; name?: string; at?: string; limit?: number }

/** `--at PATH:LINE[:COL]`, through the shared parser (errors carry the offset of the problem). */
export function parseAt(at: string): Position {
  return parsePosition(at);
}

/**
 * Parse `--at` and check it against the tree: the file exists inside the index root, the line and
 * column exist in it. Every failure is an E_USAGE AxError whose position points into `at`.
 */
export function resolveAt(r: Resolver, root: string, at: string): { pos: Position; rel: string } {
  const { pos, offsets } = parsePositionWithOffsets(at);
  const rel = relPath(root, pos.path);
  if (rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) {
    // A plain relative path that exists under neither the root nor the working directory is simply missing.
    const explicit = path.isAbsolute(pos.path) || pos.path.split('/').includes('..') || existsSync(path.resolve(pos.path));
    if (!explicit) throw positionError(at, offsets.path, `points at no such file: ${pos.path}`, 'give a path relative to the index root or the working directory, e.g. --at src/main.c:42:7');
    throw positionError(at, offsets.path, `points outside the index root: ${pos.path} is not under ${root}`, 'give a path inside the indexed tree (relative to its root or to the working directory)');
  }
  const text = r.text(rel);
  if (text === undefined) {
    throw positionError(at, offsets.path, `points at no such file: ${rel || pos.path}`, 'give a path relative to the index root or the working directory, e.g. --at src/main.c:42:7');
  }
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  if (pos.line > Math.max(1, lines.length)) {
    throw positionError(at, offsets.line, `line ${pos.line} is past the end of ${rel} (${lines.length} lines)`);
  }
  const width = (lines[pos.line - 1] ?? '').replace(/\r$/, '').length;
  if (offsets.col !== undefined && pos.col > width + 1) {
    throw positionError(at, offsets.col, `column ${pos.col} is past the end of line ${pos.line} of ${rel} (${width} characters)`);
  }
  return { pos, rel };
}

/**
 * SQLite page cache of a navigation query in a process of its own, in MiB. Its reads are mostly
 * pages it reads once (refs blobs' overflow pages, doclists), and every page a cache takes in before
 * it fills is memory the process touches for the first time (~4.5 us a page fault here): with
 * SQLite's 2 MB, `ax refs netif_rx` took ~1,250 faults in its SQL phase, with 128 KiB ~750
 * (docs/benchmarks.md, nav). `ax find` keeps the default: its ranking revisits pages.
 */
const NAV_ONE_SHOT_CACHE_MIB = 0.125;

async function withResolver<T>(rootArg: string | undefined, fn: (r: Resolver, root: string) => Promise<T>): Promise<T> {
  const root = findIndexRoot(rootArg);
  // A NavReader holds prepared statements: kept with a kept connection (services/readers.ts).
  return readIndex(root, (h) => fn(new Resolver(root, h.memo('nav', () => new NavReader(h.db))), root), NAV_ONE_SHOT_CACHE_MIB);
}

/** A path as given: absolute, relative to the index root, or relative to the working directory. */
function relPath(root: string, p: string): string {
  const abs = path.resolve(p);
  const fromRoot = !path.isAbsolute(p) && !p.startsWith('..') && existsSync(path.join(root, p));
  const rel = fromRoot ? p : path.relative(root, abs);
  return rel.split(path.sep).join('/');
}

/** A result as printed; an index symbol's signature (its first source line) is read here, for results only. */
const toDef = (r: Resolver, t: Target): DefResult => ({
  path: t.path, line: t.line, column: t.col, endLine: t.endLine, name: t.name, kind: t.kind,
  container: t.container, signature: t.signature || (t.kind === 'module' ? '' : r.lineText(t.path, t.startLine).trim().slice(0, 200)),
  lang: t.lang, resolution: t.resolution,
});

function dedupe(ts: Target[]): Target[] {
  const seen = new Set<string>();
  return ts.filter((t) => { const k = targetKey(t); if (seen.has(k)) return false; seen.add(k); return true; });
}

/** Definitions for a (possibly qualified) name with no context: `Class.method`, `pkg.Func`, `name`. */
async function defsByName(r: Resolver, name: string): Promise<Target[]> {
  const parts = name.split(/\.|::/).filter(Boolean);
  const last = parts[parts.length - 1] ?? name;
  let ts = await r.byNameRanked(last, undefined);
  if (parts.length > 1) {
    const qual = parts.slice(0, -1).join('.');
    const q = ts.filter((t) => t.container === qual || t.container.endsWith(`.${qual}`)
      || path.posix.dirname(t.path).endsWith(parts.slice(0, -1).join('/')) || path.posix.basename(t.path).replace(/\.\w+$/, '') === parts[parts.length - 2]);
    ts = q;
  }
  const kindRank = (k: string) => (/class|interface|struct|trait|enum|type/.test(k) ? 0 : /function|method|macro|constructor/.test(k) ? 1 : 2);
  return ts.sort((a, b) => kindRank(a.kind) - kindRank(b.kind));
}

async function defsAt(r: Resolver, root: string, at: string): Promise<Target[]> {
  const { pos, rel } = resolveAt(r, root, at);
  const fs = await r.analysis(rel);
  if (fs) {
    const o = occAt(fs, pos.line, pos.col);
    if (!o) return [];
    return dedupe(await r.resolveOcc(rel, fs, o));
  }
  const name = r.identifierAt(rel, pos.line, pos.col);
  return name ? r.byNameRanked(name, rel) : [];
}

export async function definitions(req: NavRequest): Promise<{ results: DefResult[] }> {
  return withResolver(req.root, async (r, root) => {
    const ts = req.at ? await defsAt(r, root, req.at) : await defsByName(r, req.name ?? '');
    return { results: ts.slice(0, req.limit === 0 ? undefined : req.limit ?? 20).map((t) => toDef(r, t)) };
  });
}

// ------------------------------------------------------------------ references
interface RefHit {
  path: string; line: number; col: number; resolution: Resolution; call: boolean; fn: number; callerTarget?: Target;
  /** The output's context column, when already read (by-name hits). */
  context?: string;
  /**
   * A name the hit's line must hold at its column, checked when the line is read: set when the hit
   * came from a file where another name shares the name's hash (store/refsblob.ts).
   */
  verify?: string;
}

const byPosition = (a: RefHit, b: RefHit) => comparePaths(a.path, b.path) || a.line - b.line || a.col - b.col;

/** Is `t` a declaration only its own file can see (a local, parameter, non-exported member of a local scope)? */
async function isFileLocal(r: Resolver, t: Target): Promise<boolean> {
  if (t.decl === undefined) return false;
  const fs = await r.analysis(t.path);
  const d = fs?.decls[t.decl];
  return d !== undefined && d.scope > 0 && !fs!.scopes[d.scope]!.module;
}

/**
 * Of the files holding a Go name's token, those that can see the name: an unexported name (`err`,
 * `mu`) never leaves its package (the directory); an exported one reaches the files that import the
 * package (by the index's imports, no parsing). Without this, the refs of a field named `err` parsed
 * every Go file of the tree. Missed by design: a promoted member used from a package that imports only
 * the embedding type's package.
 */
function goCanSee<F extends { id: number; path: string }>(r: Resolver, t: Target, files: F[]): F[] {
  if (t.lang !== 'go') return files;
  const dir = path.posix.dirname(t.path);
  const inPackage = (p: string) => path.posix.dirname(p) === dir;
  if (!/^\p{Lu}/u.test(t.name)) return files.filter((f) => inPackage(f.path));
  return files.filter((f) => inPackage(f.path) || (f.id >= 0 && r.nav.importsOfFile(f.id).some((i) => r.resolveModule(f.path, i.module, 'go') === dir)));
}

/** Does a use's chain of members (`related`) reach `t` (its key), or with `siblings` any member of `t`'s own chain (`want`)? */
function meets(related: Set<string>, want: Set<string>, wantKey: string, siblings: boolean): boolean {
  if (related.has(wantKey)) return true;
  if (siblings) for (const k of related) if (want.has(k)) return true;
  return false;
}

async function refsOf(r: Resolver, t: Target): Promise<RefHit[]> {
  const out: RefHit[] = [];
  const want = await r.relatedOf(t);
  const wantKey = targetKey(t);
  const isMember = t.container !== '' && /method|property|field/.test(t.kind);
  const siblings = t.lang === 'typescript' || t.lang === 'tsx' || t.lang === 'javascript';
  const analysable = (await r.analysis(t.path)) !== undefined;
  const files = (await isFileLocal(r, t)) ? [{ id: -1, path: t.path, lang: t.lang }] : goCanSee(r, t, r.nav.candidateFiles(t.name));
  if (!files.some((f) => f.path === t.path)) files.push({ id: -1, path: t.path, lang: t.lang });
  for (const f of files) {
    const fs = await r.analysis(f.path);
    if (fs) {
      for (const o of fs.occs) {
        if (o.name !== t.name) continue;
        const res = await r.resolveOcc(f.path, fs, o);
        const top = res[0];
        // A use of `t`, of a base member `t` implements, or of a derived member that overrides `t`. In
        // TypeScript and JavaScript also of a sibling that implements the same base member, as the
        // language service counts them (`ConsumerObserver.complete` and `Subscriber.complete` both
        // implement `Observer.complete`): members whose chains of bases meet are one member.
        // Or, for a member implementing a library container's (`ObservableMap.keys` of `implements
        // Map`), a use of that member on a declared container (`this.data_.keys()`): it has no
        // definition in the tree, and the language service lists it.
        const lib = !top && isMember && siblings ? await r.libMemberKey(f.path, fs, o) : undefined;
        if ((top && (want.has(targetKey(top)) || (isMember && top.name === t.name && meets(await r.relatedOf(top), want, wantKey, siblings)))) || (lib && want.has(lib))) {
          out.push({ path: f.path, line: o.line, col: o.col, resolution: o.isDecl ? 'scope' : top?.resolution ?? 'name', call: o.call, fn: o.fn,
            ...(o.fn >= 0 ? { callerTarget: fnTarget(r, f.path, fs, o.fn) } : {}) });
        }
      }
    } else if (!analysable && f.id >= 0) {
      const { pos, ambiguous } = r.nav.refsInFile(f.id, t.name);
      for (let i = 0; i < pos.length; i += 2) {
        out.push({ path: f.path, line: pos[i]!, col: pos[i + 1]!, resolution: 'name', call: false, fn: -1, ...(ambiguous ? { verify: t.name } : {}) });
      }
    }
  }
  return out.sort(byPosition);
}

function fnTarget(r: Resolver, rel: string, fs: NonNullable<Awaited<ReturnType<Resolver['analysis']>>>, fn: number): Target {
  const f = fs.fns[fn]!;
  return { path: rel, line: f.line, col: f.col, startLine: f.startLine, endLine: f.endLine, name: f.name, kind: f.kind, container: f.container, signature: r.lineText(rel, f.startLine).trim().slice(0, 200), lang: fs.lang, resolution: 'scope' };
}

/**
 * Does `line` hold `name` at 1-based column `col` (UTF-16 units, as Tree-sitter counts in the text
 * the indexer parsed)? A byte-order mark the indexer's decoder dropped shifts line 1 by one.
 */
function holdsAt(line: string, name: string, col: number): boolean {
  return line.startsWith(name, col - 1) || (line.charCodeAt(0) === 0xfeff && line.startsWith(name, col));
}

/**
 * Every occurrence of a name, by name only (no definition chosen): the refs blobs of candidate files,
 * with their context lines. With a `limit`, files are visited in output order, so the visit stops once
 * the first `limit` hits are known (a later file sorts after every hit already found); without one, in
 * the order one statement finds them, and the hits are sorted at the end. A hit's line
 * is read through the file's line index (only the block of 32 lines holding it) when the file still
 * has the size and mtime it was indexed with; otherwise the file is read whole (one reused buffer: a
 * fresh buffer per file, with its page faults, was a third of a median name's time) and skipped when
 * its text no longer holds the name as a token. A file that cannot be read now, or a line that no
 * longer holds the name (edited since indexing), gives no hit.
 */
function refsByNameOnly(r: Resolver, name: string, limit = 0): RefHit[] {
  const out: RefHit[] = [];
  const needle = Buffer.from(name, 'utf8');
  const reader = new ScratchReader();
  const blocks = new BlockReader();
  // Root-relative POSIX paths appended, not path.join()ed: normalizing hundreds of paths in a cold
  // process cost ~4 ms of a query (`/` separates on Windows too).
  const prefix = r.root.endsWith(path.sep) ? r.root : r.root + path.sep;
  // With a limit, files are visited in path order (each looked up twice: for its path, then for its
  // refs); without one, in one statement, in whatever order SQLite finds them (the hits are sorted).
  const files = limit > 0
    ? (function* () { for (const f of r.nav.candidateFileSet(name).sort((a, b) => comparePaths(a.path, b.path))) yield { ...f, ...r.nav.refsWithLines(f.id, name) }; })()
    : r.nav.candidateRefs(name);
  for (const hit of files) {
    if (limit > 0 && out.length >= limit) break;
    const file = prefix + hit.path;
    const pos = hit.pos;
    if (pos.length === 0) continue;
    const lines: number[] = [];
    for (let j = 0; j < pos.length; j += 2) lines.push(pos[j]!);
    // A name's positions come in line order. Through the line index when the file is as indexed;
    // else the whole file, skipped when its bytes no longer hold the name as a token.
    let ctx = hit.lines ? blocks.read(file, lines, hit.lines, hit.size, hit.mtimeMs) : undefined;
    if (!ctx) {
      const buf = reader.read(file);
      if (!buf || !mayHoldToken(buf, needle)) continue;
      ctx = linesAscending(buf, lines);
    }
    for (let j = 0; j < pos.length; j += 2) {
      // A file edited since it was indexed: a line that no longer holds the name is not a reference.
      // A file where another name shares the name's hash: only where the name sits at the column.
      const text = ctx[j / 2]!;
      if (hit.ambiguous ? !holdsAt(text, name, pos[j + 1]!) : !text.includes(name)) continue;
      out.push({ path: hit.path, line: pos[j]!, col: pos[j + 1]!, resolution: 'name', call: false, fn: -1, context: text.trim().slice(0, 240) });
    }
  }
  return out.sort(byPosition);
}

export async function references(req: NavRequest): Promise<{ results: RefResult[] }> {
  return withResolver(req.root, async (r, root) => {
    const limit = req.limit ?? 0;
    let hits: RefHit[];
    if (req.at) {
      const ts = await defsAt(r, root, req.at);
      if (ts[0]) hits = await refsOf(r, ts[0]);
      else {
        const { pos, rel } = resolveAt(r, root, req.at);
        const name = r.identifierAt(rel, pos.line, pos.col);
        hits = name ? refsByNameOnly(r, name, limit) : [];
      }
    } else {
      const name = req.name ?? '';
      const defs = name.includes('.') || name.includes('::') ? await defsByName(r, name) : [];
      const lastName = name.split(/\.|::/).pop() ?? name;
      // A qualified name picks one definition: its scope-aware references. A bare name lists every use.
      hits = defs[0] && (await r.analysis(defs[0].path)) ? await refsOf(r, defs[0]) : refsByNameOnly(r, lastName, limit);
    }
    const sel = limit > 0 ? hits.slice(0, limit) : hits;
    // Context lines, one read per file (hits of a file are adjacent and in line order).
    const results: RefResult[] = [];
    for (let i = 0; i < sel.length;) {
      let j = i + 1;
      while (j < sel.length && sel[j]!.path === sel[i]!.path) j++;
      const group = sel.slice(i, j);
      const lines = group.every((h) => h.context !== undefined) ? group.map((h) => h.context!) : r.linesOf(sel[i]!.path, group.map((h) => h.line));
      group.forEach((h, k) => {
        if (h.verify !== undefined && !holdsAt(lines[k]!, h.verify, h.col)) return;
        results.push({ path: h.path, line: h.line, column: h.col, context: h.context ?? lines[k]!.trim().slice(0, 240), resolution: h.resolution });
      });
      i = j;
    }
    return { results };
  });
}

// ------------------------------------------------------------------ call flow
export interface FlowRequest extends NavRequest { direction?: 'callers' | 'callees' | 'both'; depth?: number }

async function calleesOf(r: Resolver, t: Target): Promise<Array<{ target: Target; site: { path: string; line: number; column: number } }>> {
  const out: Array<{ target: Target; site: { path: string; line: number; column: number } }> = [];
  const seen = new Set<string>();
  const fs = await r.analysis(t.path);
  if (fs) {
    let fn = fs.fns.findIndex((f) => f.line === t.line && f.col === t.col);
    // An overloaded function is named by its first signature; its body is the implementation's.
    if (fn < 0) fn = fs.fns.findIndex((f) => f.name === t.name && f.container === t.container);
    if (fn < 0) return out;
    for (const o of fs.occs) {
      if (!o.call || o.fn !== fn || o.isDecl) continue;
      const top = (await r.resolveOcc(t.path, fs, o))[0];
      if (!top) continue;
      const k = targetKey(top);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ target: top, site: { path: t.path, line: o.line, column: o.col } });
    }
    return out;
  }
  const f = r.nav.fileByPath(t.path);
  const sym = f ? r.nav.symbolsInFile(f.id).find((s) => s.line === t.line && s.col === t.col) : undefined;
  if (!sym) return out;
  for (const c of r.nav.callsByCaller(sym.id)) {
    const top = (await r.byNameRanked(c.name, c.path, { call: true, member: c.receiver !== '' }))[0];
    if (!top) continue;
    const k = targetKey(top);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ target: top, site: { path: c.path, line: c.line, column: c.col } });
  }
  return out;
}

async function callersOf(r: Resolver, t: Target): Promise<Array<{ target: Target; site: { path: string; line: number; column: number } }>> {
  const out: Array<{ target: Target; site: { path: string; line: number; column: number } }> = [];
  const seen = new Set<string>();
  if (await r.analysis(t.path)) {
    for (const h of await refsOf(r, t)) {
      if (!h.call) continue;
      const caller = h.callerTarget ?? r.moduleTarget(h.path, 'scope');
      const k = targetKey(caller);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ target: { ...caller, resolution: h.resolution }, site: { path: h.path, line: h.line, column: h.col } });
    }
    return out;
  }
  for (const c of r.nav.callsByName(t.name)) {
    const caller = c.callerId !== null ? r.nav.symbolById(c.callerId) : undefined;
    const ct = caller ? r.symbolTarget(caller, 'name') : r.moduleTarget(c.path, 'name');
    const k = targetKey(ct);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ target: ct, site: { path: c.path, line: c.line, column: c.col } });
  }
  return out;
}

async function tree(r: Resolver, t: Target, dir: 'callers' | 'callees', depth: number, stack: Set<string>, budget: { n: number }): Promise<FlowNode[]> {
  if (depth <= 0 || budget.n <= 0) return [];
  const edges = dir === 'callees' ? await calleesOf(r, t) : await callersOf(r, t);
  const out: FlowNode[] = [];
  for (const e of edges) {
    if (--budget.n < 0) break;
    const k = targetKey(e.target);
    const node: FlowNode = { path: e.target.path, line: e.target.line, column: e.target.col, name: e.target.name, kind: e.target.kind, resolution: e.target.resolution, callSite: e.site, children: [] };
    if (stack.has(k)) node.cycle = true;
    else if (e.target.kind !== 'module') {
      stack.add(k);
      node.children = await tree(r, e.target, dir, depth - 1, stack, budget);
      stack.delete(k);
    }
    out.push(node);
  }
  return out;
}

export async function flow(req: FlowRequest): Promise<FlowResponse> {
  return withResolver(req.root, async (r, root) => {
    const ts = req.at ? await defsAt(r, root, req.at) : await defsByName(r, req.name ?? '');
    const t = ts.find((x) => /function|method|constructor|macro/.test(x.kind)) ?? ts[0];
    if (!t) return { root: null, callers: [], callees: [] };
    const dir = req.direction ?? 'both';
    const depth = req.depth ?? 1;
    const rootNode: FlowNode = { path: t.path, line: t.line, column: t.col, name: t.name, kind: t.kind, resolution: t.resolution, children: [] };
    const k = targetKey(t);
    const callers = dir === 'callees' ? [] : await tree(r, t, 'callers', depth, new Set([k]), { n: 2000 });
    const callees = dir === 'callers' ? [] : await tree(r, t, 'callees', depth, new Set([k]), { n: 2000 });
    return { root: rootNode, callers, callees };
  });
}

// ------------------------------------------------------------------ file dependencies
export interface DepsRequest { root?: string; path: string; reverse?: boolean; depth?: number }

async function importsOf(r: Resolver, rel: string): Promise<Array<{ module: string; line: number }>> {
  const fs = await r.analysis(rel);
  if (fs) return fs.imports;
  const f = r.nav.fileByPath(rel);
  return f ? r.nav.importsOfFile(f.id).map((i) => ({ module: i.module, line: i.line })) : [];
}

async function forward(r: Resolver, rel: string, depth: number, seen: Set<string>): Promise<DepNode[]> {
  const out: DepNode[] = [];
  const lang = langOfPath(rel) === 'unknown' ? (r.nav.fileByPath(rel)?.lang ?? 'unknown') : langOfPath(rel);
  const done = new Set<string>();
  for (const i of await importsOf(r, rel)) {
    if (done.has(i.module)) continue;
    done.add(i.module);
    const p = r.resolveModule(rel, i.module, lang) ?? null;
    const node: DepNode = { module: i.module, path: p, line: i.line, resolution: p ? 'import' : 'name', children: [] };
    if (p && depth > 1 && !seen.has(p)) { seen.add(p); node.children = await forward(r, p, depth - 1, seen); }
    out.push(node);
  }
  return out;
}

async function reverse(r: Resolver, rel: string, depth: number, seen: Set<string>): Promise<ReverseDepNode[]> {
  const stem = path.posix.basename(rel).replace(/\.d\.ts$/, '').replace(/\.[^.]+$/, '');
  const token = /^(index|__init__|mod|lib|main)$/.test(stem) || rel.endsWith('.go') ? path.posix.basename(path.posix.dirname(rel)) : stem;
  const isDir = langOfPath(rel) === 'unknown' && !/\.\w+$/.test(rel);
  const candidates = new Map<string, Array<{ module: string; line: number }>>();
  for (const i of r.nav.importsMentioning(token || stem)) {
    if (!candidates.has(i.path)) candidates.set(i.path, []);
    candidates.get(i.path)!.push({ module: i.module, line: i.line });
  }
  for (const f of r.nav.candidateFiles(token || stem)) {
    if (candidates.has(f.path)) continue;
    if (!(await r.analysis(f.path))) continue;
    candidates.set(f.path, await importsOf(r, f.path));
  }
  const out: ReverseDepNode[] = [];
  for (const [p, imps] of [...candidates].sort((a, b) => comparePaths(a[0], b[0]))) {
    if (p === rel) continue;
    const lang = langOfPath(p) === 'unknown' ? (r.nav.fileByPath(p)?.lang ?? 'unknown') : langOfPath(p);
    const goDir = rel.endsWith('.go') ? path.posix.dirname(rel) : undefined;
    const hit = imps.find((i) => { const m = r.resolveModule(p, i.module, lang); return m === rel || (isDir && m === rel) || (goDir !== undefined && m === goDir); });
    if (!hit) continue;
    const node: ReverseDepNode = { path: p, line: hit.line, module: hit.module, resolution: 'import', children: [] };
    if (depth > 1 && !seen.has(p)) { seen.add(p); node.children = await reverse(r, p, depth - 1, seen); }
    out.push(node);
  }
  return out;
}

export async function dependencies(req: DepsRequest): Promise<{ path: string; imports?: DepNode[]; importedBy?: ReverseDepNode[] }> {
  return withResolver(req.root, async (r, root) => {
    const rel = relPath(root, req.path).replace(/\/$/, '');
    if (r.text(rel) === undefined && !r.nav.fileByPath(rel)) throw new AxError('E_USAGE', `no such file in the index root: ${rel}`);
    const depth = Math.max(1, req.depth ?? 1);
    if (req.reverse) return { path: rel, importedBy: await reverse(r, rel, depth, new Set([rel])) };
    return { path: rel, imports: await forward(r, rel, depth, new Set([rel])) };
  });
}
