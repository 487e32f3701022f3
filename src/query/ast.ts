// The query AST: what `ax find` means, independent of how it was typed. The parser (parse.ts) is the
// only code that sees the raw string; everything downstream (planning, ranking, caching) works on
// these nodes. `pos` is the 0-based offset of the node in the user's input, for error messages.

export type FilterField = 'lang' | 'kind' | 'path' | 'ext';
export const FILTER_FIELDS: readonly FilterField[] = ['lang', 'kind', 'path', 'ext'];

export type QueryNode =
  /** A bare word or code fragment (`getUserById`, `foo.bar(`); `words` are its letter/digit runs. */
  | { type: 'term'; pos: number; text: string; words: string[] }
  /** `"exact phrase"`: the words must be adjacent, in order. */
  | { type: 'phrase'; pos: number; text: string; words: string[] }
  /** `/regex/flags`: verified line by line against file content. */
  | { type: 'regex'; pos: number; source: string; flags: string }
  /** `sym:NAME`: a definition named NAME (case-insensitive; `*` and `?` are wildcards). */
  | { type: 'sym'; pos: number; name: string }
  /** `lang:` `kind:` `path:` `ext:` */
  | { type: 'filter'; pos: number; field: FilterField; value: string }
  | { type: 'not'; pos: number; child: QueryNode }
  | { type: 'and'; pos: number; children: QueryNode[] }
  | { type: 'or'; pos: number; children: QueryNode[] };

/**
 * A canonical string for a query: equal for queries that mean the same thing however they were
 * typed (whitespace, `AND`, redundant parentheses, operand order). The query cache keys on it.
 */
export function normalizeKey(n: QueryNode): string {
  switch (n.type) {
    case 'term': return `t:${JSON.stringify(n.text)}`;
    case 'phrase': return `p:${JSON.stringify(n.words.join(' ').toLowerCase())}`;
    case 'regex': return `r:${JSON.stringify(n.source)}/${[...n.flags].sort().join('')}`;
    case 'sym': return `s:${JSON.stringify(n.name.toLowerCase())}`;
    case 'filter': return `f:${n.field}=${JSON.stringify(n.field === 'path' ? n.value : n.value.toLowerCase())}`;
    case 'not': return `-(${normalizeKey(n.child)})`;
    case 'and':
    case 'or': {
      const parts = [...new Set(n.children.map(normalizeKey))].sort();
      return parts.length === 1 ? parts[0]! : `${n.type}(${parts.join(',')})`;
    }
  }
}

/** Visit every node (pre-order). */
export function walkNodes(n: QueryNode, f: (n: QueryNode, negated: boolean) => void, negated = false): void {
  f(n, negated);
  if (n.type === 'not') walkNodes(n.child, f, !negated);
  else if (n.type === 'and' || n.type === 'or') for (const c of n.children) walkNodes(c, f, negated);
}

/** The top-level conjunction: `a b (c OR d)` -> [a, b, (c OR d)]. */
export function conjuncts(n: QueryNode): QueryNode[] {
  return n.type === 'and' ? n.children : [n];
}
