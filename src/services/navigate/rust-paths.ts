// Rust paths for the resolver (resolve.ts): `use a::b::C`, `crate::x::f()`, `super::T`, glob imports
// and methods from `impl` blocks in other files. A path is followed one segment at a time: the first
// names a module (`crate`, `super`, `self`), something in scope (a `use`, a `mod`, an item) or a child
// module file; each later segment is a member of what the previous one named (a module file's items,
// an inline module's items, a type's fields, variants and impl items).

import { lookup, lookupType, type FileScopes } from '../../lang/scopes.js';
import type { Resolver, Target } from './resolve.js';

const RELATIVE = new Set(['crate', 'super', 'self']);

async function pathRoot(r: Resolver, rel: string, fs: FileScopes, scope: number, seg: string, except: number, alone: boolean): Promise<Target | undefined> {
  if (!RELATIVE.has(seg)) {
    // A segment followed by more names a module or type; alone (`use x;`, a receiver) it may be a value.
    const d = (alone ? lookup : lookupType)(fs, scope, seg);
    if (d >= 0 && d !== except) return r.followDecl(rel, fs, d);
  }
  const m = r.resolveModule(rel, seg, 'rust');
  return m ? r.moduleTarget(m, 'import') : undefined;
}

/** What `segs` (a path split at `::`) names, seen from `scope` of `rel`; `except` is the `use` being followed. */
export async function rustPath(r: Resolver, rel: string, fs: FileScopes, scope: number, segs: readonly string[], except = -1): Promise<Target | undefined> {
  if (segs.length === 0) return undefined;
  let t = await pathRoot(r, rel, fs, scope, segs[0]!, except, segs.length === 1);
  for (const s of segs.slice(1)) {
    const type = t ? await r.typeOfTarget(t) : undefined;
    // A path never names a field (`T::len` is an associated item even when T has a field `len`).
    t = type ? await r.memberOf(type, s, true) : undefined;
    if (!t) return undefined;
  }
  return t;
}

/** The item a `use` declaration (declaration `d` of `rel`) brings in; the `use` itself when it leads outside the repository. */
export async function rustImport(r: Resolver, rel: string, fs: FileScopes, d: number): Promise<Target | undefined> {
  const x = fs.decls[d]!;
  return r.once(`use ${rel}:${d}`, async () => {
    const segs = (x.importFrom ?? '').split('::').filter(Boolean);
    if (x.importName && x.importName !== '*') segs.push(x.importName);
    const t = await rustPath(r, rel, fs, x.scope >= 0 ? x.scope : 0, segs, d);
    return t ? { ...t, resolution: 'import' as const } : r.targetOfDecl(rel, fs, d, 'import');
  });
}

/**
 * A name free at `scope` of `rel`: an item of a glob-imported module or enum (`use super::*`, `use
 * Shape::*`), the globs of the innermost block first.
 */
export async function rustFree(r: Resolver, rel: string, fs: FileScopes, name: string, scope = 0): Promise<Target | undefined> {
  const stars: string[] = [];
  for (let s = scope; s > 0; s = fs.scopes[s]!.parent) stars.push(...(fs.scopes[s]!.globs ?? []));
  if (stars.length === 0 && fs.stars.length === 0) return undefined;
  // `use Cow::*` in a file where Cow's bases are looked up through that same glob: once per name.
  return r.once(`glob ${rel}:${scope}:${name}`, async () => {
    for (const star of [...stars, ...fs.stars]) {
      const m = await rustPath(r, rel, fs, 0, star.split('::').filter(Boolean));
      const type = m ? await r.typeOfTarget(m) : undefined;
      if (!type) continue;
      // A glob brings a module's items, or an enum's own variants: not the items of its impls and traits.
      if ('module' in type) {
        const t = await r.memberOf(type, name);
        if (t) return { ...t, resolution: 'import' as const };
      } else {
        const d = type.fs.classes[type.ci]!.members.get(name);
        if (d !== undefined) return r.targetOfDecl(type.path, type.fs, d, 'import');
      }
    }
    return undefined;
  });
}

/**
 * A member of type `typeName` declared in an `impl` of another file: the index's definitions of `name`
 * whose container is that type, nearest to `from` first.
 */
export async function rustImplMember(r: Resolver, typeName: string, name: string, from: string, call = false): Promise<Target | undefined> {
  const owner = (c: string) => c.slice(c.lastIndexOf('.') + 1);
  if (!r.symbols(name).some((s) => s.lang === 'rust' && owner(s.container) === typeName)) return undefined;
  const best = (await r.byNameRanked(name, from, { member: true, call })).find((t) => t.lang === 'rust' && owner(t.container) === typeName);
  if (!best) return undefined;
  // The declaration in its file's analysis, so that its return or field type can be followed.
  const fs = await r.analysis(best.path);
  const d = fs ? fs.decls.findIndex((x) => x.line === best.line && x.col === best.col) : -1;
  return fs && d >= 0 ? r.targetOfDecl(best.path, fs, d, 'scope') : { ...best, resolution: 'scope' };
}
