// Which language each file is linted as. The index knows it for every file it holds, including what a
// path alone cannot tell (extension-less `#!` scripts, `.h` files that are C++ or Objective-C): when
// the project has an index and a file's entry is fresh (same size and mtime as on disk, the indexer's
// own test), its language comes from the index. Otherwise it comes from disk: the path, and for the
// cases the indexer sniffs (lang/detect.ts), the first bytes, read by the thread that lints the file
// (settleLanguage), so the walk reads nothing. Text always comes from disk: the index keeps no file
// contents (its full-text table is contentless), and disk is never stale. Reading the index is in
// indexed.ts, so worker threads (which import this module) do not load SQLite.

import { detectByPath, detectByShebang, mayHaveShebang, needsSniff, refineByContent } from '../../lang/detect.js';
import { hasGrammar, normalizeLanguageId, queryLanguageForPath } from '../../lang/query-runner.js';
import { LANGUAGES } from '../../lang/registry.js';
import type { IndexedFile } from '../../store/reader.js';

/**
 * A file's language before it is read: `sniff` says the text must settle it ('content': `.h`, `.m`,
 * `.fs` files; 'shebang': extension-less files, `lang` is then empty).
 */
export interface LanguageGuess { lang: string; from: 'index' | 'path'; sniff?: 'content' | 'shebang' }

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
