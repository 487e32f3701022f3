// Which language each file is linted as. The index knows it for every file it holds, including what a
// path alone cannot tell (extension-less `#!` scripts, `.h` files that are C++ or Objective-C): when
// the project has an index and a file's entry is fresh (same size and mtime as on disk, the indexer's
// own test), its language comes from the index. Otherwise it comes from disk: the path, and for the
// cases the indexer sniffs (lang/detect.ts), the first bytes, read by the thread that lints the file
// (settleLanguage), so the walk reads nothing. Text always comes from disk: the index keeps no file
// contents (its full-text table is contentless), and disk is never stale.

import path from 'node:path';
import { detectByPath, detectByShebang, mayHaveShebang, needsSniff, refineByContent } from '../../lang/detect.js';
import { hasGrammar, normalizeLanguageId, queryLanguageForPath } from '../../lang/query-runner.js';
import { LANGUAGES } from '../../lang/registry.js';
import { openDatabase } from '../../store/db.js';
import { IndexReader, type IndexedFile } from '../../store/reader.js';
import { dbPathFor } from '../root.js';

/**
 * A file's language before it is read: `sniff` says the text must settle it ('content': `.h`, `.m`,
 * `.fs` files; 'shebang': extension-less files, `lang` is then empty).
 */
export interface LanguageGuess { lang: string; from: 'index' | 'path'; sniff?: 'content' | 'shebang' }

/**
 * The index's view of the files under `root`, keyed by path relative to `root`, from the nearest
 * `.ax/index.db` at or above it. Undefined without a usable index (none, damaged, locked, newer schema):
 * linting never fails because of the index.
 */
export function indexedFiles(root: string): Map<string, IndexedFile> | undefined {
  let dir = root;
  for (;;) {
    let db;
    try { db = openDatabase(dbPathFor(dir), { readonly: true }); } catch { db = undefined; }
    if (db) {
      try {
        const prefix = path.relative(dir, root).split(path.sep).join('/');
        const out = new Map<string, IndexedFile>();
        for (const [p, v] of new IndexReader(db).indexedFiles()) {
          if (!prefix) out.set(p, v);
          else if (p.startsWith(prefix + '/')) out.set(p.slice(prefix.length + 1), v);
        }
        return out;
      } catch {
        return undefined;
      } finally {
        db.close();
      }
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The language of a walked file as far as the index and its path tell; undefined when ax cannot lint it. */
export function guessLanguage(
  t: { rel: string; size: number; mtimeMs: number },
  index: ReadonlyMap<string, IndexedFile> | undefined,
): LanguageGuess | undefined {
  const known = index?.get(t.rel);
  if (known && known.size === t.size && known.mtimeMs === Math.trunc(t.mtimeMs)) {
    const lang = normalizeLanguageId(known.lang);
    if (hasGrammar(lang)) return { lang, from: 'index' };
  }
  const lang = queryLanguageForPath(t.rel);
  if (lang) return needsSniff(t.rel) ? { lang, from: 'path', sniff: 'content' } : { lang, from: 'path' };
  return mayHaveShebang(t.rel) && !detectByPath(t.rel) ? { lang: '', from: 'path', sniff: 'shebang' } : undefined;
}

const SHEBANG_LANGS = LANGUAGES.filter((l) => l.shebangs?.length).map((l) => normalizeLanguageId(l.id));

/** Every language a guess can settle to (for deciding whether any rule could apply). */
export function possibleLanguages(g: LanguageGuess): string[] {
  if (g.sniff === 'shebang') return SHEBANG_LANGS;
  if (g.sniff === 'content' && g.lang === 'c') return ['c', 'cpp', 'objc']; // a `.h` file
  return [g.lang];
}

/** The language a file is linted as, once its text is read: `guess` settled by the text; undefined = none. */
export function settleLanguage(rel: string, guess: LanguageGuess, text: string): string | undefined {
  if (guess.sniff === 'shebang') {
    const spec = text.startsWith('#!') ? detectByShebang(text.slice(0, 200)) : undefined;
    return spec && hasGrammar(spec.id) ? normalizeLanguageId(spec.id) : undefined;
  }
  if (guess.sniff === 'content') {
    const spec = detectByPath(rel);
    const refined = spec ? refineByContent(spec, rel, text) : undefined;
    return refined && hasGrammar(refined.id) ? normalizeLanguageId(refined.id) : undefined;
  }
  return guess.lang;
}
