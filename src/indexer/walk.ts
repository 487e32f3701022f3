// The file walk: every regular file under root that is not ignored, with size and mtime, plus a skip
// record (reason + detail) for everything it leaves out. Honours nested .axignore files and, inside a
// git work tree, nested .gitignore files (negations included), and the config's extra patterns; never
// enters .git, node_modules or .ax. Like ripgrep, .gitignore only counts inside a git repository: an
// unpacked source tarball may carry a .gitignore meant for something else (Debian's linux-source has
// `/*` at its top, which would hide the whole kernel).

import ignore, { type Ignore } from 'ignore';
import { existsSync, readFileSync, readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { SkippedRecord } from '../store/records.js';

export interface WalkEntry { rel: string; abs: string; size: number; mtimeMs: number }

export interface WalkResult { files: WalkEntry[]; skipped: SkippedRecord[]; dirs: number }

const ALWAYS_SKIPPED_DIRS = new Set(['.git', 'node_modules', '.ax', '.hg', '.svn']);
/** Tool directories that never hold project content: skipped without a record (they are not news). */
const SILENT_DIRS = new Set(['.git', '.ax', '.hg', '.svn']);

/** Whether `dir` is inside a git work tree (a `.git` entry in it or an ancestor). */
export function insideGitRepo(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return true;
    if (path.dirname(d) === d) return false;
  }
}

interface Matcher { base: string; ig: Ignore; source: string }

function readIgnore(absDir: string, relDir: string, name: string): Matcher | undefined {
  let text: string;
  try { text = readFileSync(path.join(absDir, name), 'utf8'); } catch { return undefined; }
  return { base: relDir, ig: ignore().add(text), source: relDir ? `${relDir}/${name}` : name };
}

/** Decide with the matchers in order (outermost first); a deeper decisive rule overrides. */
function ignoredBy(matchers: readonly Matcher[], rel: string, isDir: boolean): string | undefined {
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

export function walk(root: string, extraExclude: readonly string[] = []): WalkResult {
  const ignoreFiles = insideGitRepo(root) ? ['.gitignore', '.axignore'] : ['.axignore'];
  const files: WalkEntry[] = [];
  const skipped: SkippedRecord[] = [];
  let dirs = 0;
  const base: Matcher[] = extraExclude.length > 0 ? [{ base: '', ig: ignore().add([...extraExclude]), source: 'config exclude' }] : [];

  const visit = (absDir: string, relDir: string, inherited: Matcher[]) => {
    dirs++;
    let entries: Dirent[];
    try {
      entries = readdirSync(absDir, { withFileTypes: true });
    } catch (e) {
      skipped.push({ path: relDir || '.', reason: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? String(e) });
      return;
    }
    const matchers = [...inherited];
    for (const n of ignoreFiles) {
      if (entries.some((e) => e.name === n && e.isFile())) {
        const m = readIgnore(absDir, relDir, n);
        if (m) matchers.push(m);
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const rel = relDir ? `${relDir}/${e.name}` : e.name;
      const abs = path.join(absDir, e.name);
      if (e.isDirectory()) {
        if (ALWAYS_SKIPPED_DIRS.has(e.name)) {
          if (!SILENT_DIRS.has(e.name)) skipped.push({ path: rel + '/', reason: 'ignored', detail: 'built-in' });
          continue;
        }
        const by = ignoredBy(matchers, rel, true);
        if (by) { skipped.push({ path: rel + '/', reason: 'ignored', detail: by }); continue; }
        visit(abs, rel, matchers);
        continue;
      }
      if (!e.isFile()) {
        skipped.push({ path: rel, reason: 'not-regular', detail: e.isSymbolicLink() ? 'symlink' : 'special file' });
        continue;
      }
      const by = ignoredBy(matchers, rel, false);
      if (by) { skipped.push({ path: rel, reason: 'ignored', detail: by }); continue; }
      try {
        const st = statSync(abs);
        files.push({ rel, abs, size: st.size, mtimeMs: st.mtimeMs });
      } catch (err) {
        skipped.push({ path: rel, reason: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? String(err) });
      }
    }
  };
  visit(root, '', base);
  return { files, skipped, dirs };
}
