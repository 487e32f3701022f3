// The file walk: every regular file under root that is not ignored, with size and mtime, plus a skip
// record (reason + detail) for everything it leaves out. Honours nested .axignore files and, inside a
// git work tree, nested .gitignore files (negations included), and the config's extra patterns; never
// enters .git, node_modules or .ax. Like ripgrep, .gitignore only counts inside a git repository: an
// unpacked source tarball may carry a .gitignore meant for something else (Debian's linux-source has
// `/*` at its top, which would hide the whole kernel).

import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { SkippedRecord } from '../store/records.js';
import { ALWAYS_SKIPPED_DIRS, SILENT_DIRS, baseMatchers, ignoreFilesFor, ignoredBy, readIgnore, type Matcher } from './ignore.js';

export { insideGitRepo } from './ignore.js';

export interface WalkEntry { rel: string; abs: string; size: number; mtimeMs: number }

export interface WalkResult { files: WalkEntry[]; skipped: SkippedRecord[]; dirs: number }

export interface WalkFromOptions {
  /** Ignore-file names that count (see ignoreFilesFor). */
  ignoreFiles: readonly string[];
  /** Matchers in force for the entries of relDir's parent (IgnoreRules.matchersFor). */
  inherited: Matcher[];
  /** Called for every directory entered, before it is read (`ax watch` attaches its watcher here). */
  onDir?: (rel: string, abs: string) => void;
}

export function walk(root: string, extraExclude: readonly string[] = []): WalkResult {
  return walkFrom(root, '', { ignoreFiles: ignoreFilesFor(root), inherited: baseMatchers(extraExclude) });
}

/** Walk the subtree at `relDir` ('' = root) of `root`; paths stay root-relative. */
export function walkFrom(root: string, relDir: string, o: WalkFromOptions): WalkResult {
  const ignoreFiles = o.ignoreFiles;
  const files: WalkEntry[] = [];
  const skipped: SkippedRecord[] = [];
  let dirs = 0;

  const visit = (absDir: string, relDir: string, inherited: Matcher[]) => {
    dirs++;
    o.onDir?.(relDir, absDir);
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
  visit(relDir ? path.join(root, relDir) : root, relDir, o.inherited);
  return { files, skipped, dirs };
}
