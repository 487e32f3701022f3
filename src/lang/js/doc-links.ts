// Names a JSDoc comment refers to: `{@link Name}` (also `@linkcode`, `@linkplain`) and the names in
// a tag's type (`@param {string|Config} x`, `@returns {Observable}`). The TypeScript language service
// counts them among a declaration's references; js/locals.ts records them as occurrences when they
// name a declaration in scope.

/** A name in a comment: its offset in the comment's text (UTF-16 units, as tree positions are) and the name. */
export interface DocName { at: number; name: string }

const LINK = /\{@link(?:code|plain)?\s+([A-Za-z_$][\w$]*)/g;
const TAG_TYPE = /@(?:param|arg|argument|returns?|type|throws|yields|prop|property)\s+\{([^{}\n]*)\}/g;
const IDENT = /[A-Za-z_$][\w$]*/g;

export function docCommentNames(text: string): DocName[] {
  const out: DocName[] = [];
  for (const m of text.matchAll(LINK)) out.push({ at: m.index! + m[0].length - m[1]!.length, name: m[1]! });
  for (const m of text.matchAll(TAG_TYPE)) {
    const start = m.index! + m[0].indexOf('{') + 1;
    for (const id of m[1]!.matchAll(IDENT)) out.push({ at: start + id.index!, name: id[0] });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Line and column (1-based) of `offset` in a text that starts at (row, column) (0-based, a tree position). */
export function positionIn(text: string, row: number, column: number, offset: number): { line: number; col: number } {
  let line = row + 1, lineStart = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) { line++; lineStart = i; }
  return { line, col: lineStart < 0 ? column + offset + 1 : offset - lineStart };
}
