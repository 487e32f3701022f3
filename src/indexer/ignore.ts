// Ignore rules shared by the full walk (walk.ts) and by `ax watch`, which must answer "is this one path
// ignored?" without walking the tree: built-in directories, nested .gitignore (inside a git work tree
// only) and .axignore files, and the config's extra patterns. IgnoreRules caches the matchers of each
// directory it has looked at; a changed ignore file invalidates its directory and everything below.

import ignore, { type Ignore } from 'ignore';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ALWAYS_SKIPPED_DIRS = new Set(['.git', 'node_modules', '.ax', '.hg', '.svn']);
/** Tool directories that never hold project content: skipped without a record (they are not news). */
export const SILENT_DIRS = new Set(['.git', '.ax', '.hg', '.svn']);
/** Names of the per-directory ignore files. */
export const IGNORE_FILE_NAMES: readonly string[] = ['.gitignore', '.axignore'];

/** Whether `dir` is inside a git work tree (a `.git` entry in it or an ancestor). */
export function insideGitRepo(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return true;
    if (path.dirname(d) === d) return false;
  }
}

/** The ignore files that count under `root` (.gitignore only inside a git work tree, like ripgrep). */
export function ignoreFilesFor(root: string): string[] {
  return insideGitRepo(root) ? ['.gitignore', '.axignore'] : ['.axignore'];
}

export interface Matcher { base: string; ig: Ignore; source: string }

export function readIgnore(absDir: string, relDir: string, name: string): Matcher | undefined {
  let text: string;
  try { text = readFileSync(path.join(absDir, name), 'utf8'); } catch { return undefined; }
  return { base: relDir, ig: ignore().add(text), source: relDir ? `${relDir}/${name}` : name };
}

/** The matcher for the config's extra patterns (none when there are none). */
export function baseMatchers(extraExclude: readonly string[]): Matcher[] {
  return extraExclude.length > 0 ? [{ base: '', ig: ignore().add([...extraExclude]), source: 'config exclude' }] : [];
}

/** Decide with the matchers in order (outermost first); a deeper decisive rule overrides. */
export function ignoredBy(matchers: readonly Matcher[], rel: string, isDir: boolean): string | undefined {
  let by: string | undefined;
  for (const m of matchers) {
    if (m.base && !rel.startsWith(m.base + '/')) continue;
    const sub = m.base ? rel.slice(m.base.length + 1) : rel;
    const r = m.ig.test(isDir ? sub + '/' : sub);
    if (r.ignored) by = m.source;
    else if (r.unignored) by = undefined;
  }
  return by;
}

/**
 * Point queries against the same rules walk() applies. `check(rel, isDir)` says why a path is left out
 * ('built-in', an ignore file, 'config exclude') or undefined when it is indexed; a path under an
 * ignored directory is ignored (walk never enters one).
 */
export class IgnoreRules {
  readonly root: string;
  readonly ignoreFiles: string[];
  /** The config's extra patterns: what is in force above the root's own ignore files. */
  readonly base: Matcher[];
  /** relDir -> matchers that apply to entries of relDir (its own ignore files included). */
  private readonly cache = new Map<string, Matcher[]>();

  constructor(root: string, extraExclude: readonly string[] = []) {
    this.root = root;
    this.ignoreFiles = ignoreFilesFor(root);
    this.base = baseMatchers(extraExclude);
  }

  /** Matchers in force for the entries of `relDir` ('' for the root). Assumes relDir is not ignored. */
  matchersFor(relDir: string): Matcher[] {
    const hit = this.cache.get(relDir);
    if (hit) return hit;
    const inherited = relDir === '' ? this.base : this.matchersFor(parentOf(relDir));
    const own: Matcher[] = [];
    for (const n of this.ignoreFiles) {
      const m = readIgnore(path.join(this.root, relDir), relDir, n);
      if (m) own.push(m);
    }
    const out = own.length ? [...inherited, ...own] : inherited;
    this.cache.set(relDir, out);
    return out;
  }

  /** Why `rel` (root-relative, POSIX) is not indexed, or undefined when it is. */
  check(rel: string, isDir: boolean): string | undefined {
    const parts = rel.split('/');
    let dir = '';
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i]!;
      const last = i === parts.length - 1;
      const here = dir ? `${dir}/${name}` : name;
      const asDir = last ? isDir : true;
      if (asDir && ALWAYS_SKIPPED_DIRS.has(name)) return 'built-in';
      const by = ignoredBy(this.matchersFor(dir), here, asDir);
      if (by) return by;
      dir = here;
    }
    return undefined;
  }

  /** An ignore file in `relDir` changed: forget the matchers of relDir and of everything below it. */
  invalidate(relDir: string): void {
    for (const k of [...this.cache.keys()]) {
      if (k === relDir || relDir === '' || k.startsWith(relDir + '/')) this.cache.delete(k);
    }
  }
}

export function parentOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}
