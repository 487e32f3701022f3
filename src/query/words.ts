// Word handling shared by the planner and ranking: the same notion of a "word" as the index's FTS5
// tokenizer (unicode61: runs of letters, digits and marks) plus identifier splitting, so that
// `getUserById` is also `get user by id` and `parse_config` is `parse config`.

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
// On ASCII text the Unicode classes above are exactly these. Compiling a \p{...} class builds it from
// ICU data (~30M instructions for the few used here, a tenth of a cold `ax find`), so ASCII text, the
// common case, never compiles them. words.test.ts checks both forms agree.
const ASCII = /^[\x00-\x7f]*$/;
const WORD_ASCII = /[A-Za-z0-9]+/g;
const IDENT = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;
const IDENT_ASCII = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Letter/digit runs of `text`, as typed (case kept). */
export function wordsOf(text: string): string[] {
  return text.match(ASCII.test(text) ? WORD_ASCII : WORD) ?? [];
}

/** wordsOf() with each word's offset in `text`. */
export function wordMatches(text: string): RegExpMatchArray[] {
  return [...text.matchAll(ASCII.test(text) ? WORD_ASCII : WORD)];
}

/** `getUserById` -> [get, User, By, Id]; `HTTPServer` -> [HTTP, Server]; `x` -> [x]. */
export function camelParts(word: string): string[] {
  return word.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').split(' ').filter(Boolean);
}

/** True if `text` looks like one identifier (`getUserById`, `parse_config`, `__init__`, `kmalloc`). */
export function isIdentifier(text: string): boolean {
  return (ASCII.test(text) ? IDENT_ASCII : IDENT).test(text);
}

/** Lower-cased words of a text with identifiers split (camelCase and snake_case), for matching. */
export function matchWords(text: string): string[] {
  const out: string[] = [];
  for (const w of wordsOf(text)) for (const p of camelParts(w)) out.push(p.toLowerCase());
  return out;
}

/**
 * Common English words dropped from natural-language fallbacks (never from what a user typed as an
 * explicit phrase or identifier): they match nearly every chunk and carry no signal.
 */
export const STOPWORDS: ReadonlySet<string> = new Set((
  'a an and are as at be but by for from has have if in into is it its of on or so such that the their then ' +
  'there these this to was were will with which when where who whether would should can may must not no ' +
  'do does given use used using also than other any all each one some only we you our your'
).split(' '));
