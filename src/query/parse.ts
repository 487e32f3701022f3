// The `ax find` query parser: the only code that sees the raw query string. It turns it into a
// QueryNode (ast.ts) or throws AxError('E_QUERY') whose `position` points at the offending character.
// No input can reach SQL or FTS5 syntax unescaped: the planner builds MATCH expressions from AST words.
//
// Grammar (docs/query.md):
//   query   := or
//   or      := and ( "OR" and )*
//   and     := unary ( ["AND"] unary )*            implicit AND between adjacent operands
//   unary   := ( "-" | "NOT" ) unary | primary
//   primary := "(" or ")" | '"' phrase '"' | "/" regex "/" flags | FIELD ":" value | term
//   FIELD   := sym | lang | kind | path | ext       (other `x:y` are plain terms, e.g. `std::vector`)
// `(` groups only at the start of a word and `)` closes only an open group, so code fragments such as
// `foo.bar(` or `f(x)` are terms.

import { AxError } from '../core/errors.js';
import { SYMBOL_KINDS, type SymbolKind } from '../core/types.js';
import { languageIds } from '../lang/registry.js';
import { FILTER_FIELDS, type FilterField, type QueryNode } from './ast.js';
import { wordsOf } from './words.js';

export const MAX_QUERY_LENGTH = 4000;
const MAX_DEPTH = 32;

/** Aliases accepted by `lang:` besides language ids (mapped to the id). */
const LANG_ALIASES: Record<string, string> = {
  py: 'python', js: 'javascript', ts: 'typescript', golang: 'go', rs: 'rust', 'c++': 'cpp', h: 'c',
};

function qerr(message: string, position: number, hint?: string): AxError {
  return new AxError('E_QUERY', `${message} (at position ${position})`, { position, ...(hint ? { hint } : {}) });
}

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  parse(): QueryNode {
    this.skip();
    if (this.i >= this.s.length) throw qerr('the query is empty', 0, 'type a word, an identifier, "a phrase" or /a regex/');
    const n = this.or();
    this.skip();
    if (this.i < this.s.length) {
      // Only a stray ')' can stop the top level early.
      throw qerr(`unmatched ")"`, this.i, 'remove it, or quote it: ")"');
    }
    return n;
  }

  private skip(): void {
    while (this.i < this.s.length && isSpace(this.s[this.i])) this.i++;
  }

  /** Is the upcoming word exactly `kw` (a keyword must stand alone)? */
  private atKeyword(kw: string): boolean {
    if (!this.s.startsWith(kw, this.i)) return false;
    const next = this.s[this.i + kw.length];
    return next === undefined || isSpace(next) || next === '(' || next === ')' || (kw === 'NOT' && (next === '"' || next === '/'));
  }

  private atEnd(): boolean {
    this.skip();
    return this.i >= this.s.length || (this.s[this.i] === ')' && this.depth > 0);
  }

  private or(): QueryNode {
    const start = this.i;
    const parts = [this.and()];
    for (;;) {
      this.skip();
      if (!this.atKeyword('OR')) break;
      const at = this.i;
      this.i += 2;
      if (this.atEnd()) throw qerr('OR needs a search term after it', at, 'write `a OR b`; to search for the word "OR", quote it');
      if (this.atKeyword('OR')) throw qerr('OR needs a search term after it', this.i);
      parts.push(this.and());
    }
    return parts.length === 1 ? parts[0]! : { type: 'or', pos: start, children: parts };
  }

  private and(): QueryNode {
    this.skip();
    const start = this.i;
    if (this.atKeyword('OR')) throw qerr('OR needs a search term before it', this.i, 'write `a OR b`; to search for the word "OR", quote it');
    if (this.atKeyword('AND')) throw qerr('AND needs a search term before it', this.i);
    const parts: QueryNode[] = [this.unary()];
    for (;;) {
      if (this.atEnd()) break;
      if (this.atKeyword('OR')) break;
      if (this.atKeyword('AND')) {
        const at = this.i;
        this.i += 3;
        if (this.atEnd() || this.atKeyword('OR') || this.atKeyword('AND')) throw qerr('AND needs a search term after it', at);
      }
      parts.push(this.unary());
    }
    return parts.length === 1 ? parts[0]! : { type: 'and', pos: start, children: parts };
  }

  private unary(): QueryNode {
    this.skip();
    const at = this.i;
    if (this.atKeyword('NOT')) {
      this.i += 3;
      if (this.atEnd() || this.atKeyword('OR') || this.atKeyword('AND')) throw qerr('NOT needs a search term after it', at);
      return negate(this.unary(), at);
    }
    if (this.s[at] === '-' && this.i + 1 < this.s.length && !isSpace(this.s[at + 1]) && this.s[at + 1] !== '-') {
      this.i++;
      if (this.s[this.i] === ')') throw qerr('"-" needs a search term after it', at);
      return negate(this.unary(), at);
    }
    return this.primary();
  }

  private primary(): QueryNode {
    const s = this.s;
    const at = this.i;
    const ch = s[at];
    if (ch === '(') {
      if (++this.depth > MAX_DEPTH) throw qerr(`parentheses nested deeper than ${MAX_DEPTH}`, at);
      this.i++;
      this.skip();
      if (s[this.i] === ')') throw qerr('empty parentheses', at);
      if (this.i >= s.length) throw qerr('unmatched "("', at, 'close the group with ")", or quote it: "("');
      const n = this.or();
      this.skip();
      if (s[this.i] !== ')') throw qerr('unmatched "("', at, 'close the group with ")", or quote it: "("');
      this.i++;
      this.depth--;
      return n;
    }
    if (ch === ')') throw qerr('unmatched ")"', at, 'remove it, or quote it: ")"');
    if (ch === '"') return this.phrase(at, 'phrase');
    if (ch === '/') return this.regex(at);
    // field:value
    const m = /^([a-z]+):/.exec(s.slice(at, at + 8));
    if (m && (m[1] === 'sym' || (FILTER_FIELDS as readonly string[]).includes(m[1]!))) {
      const field = m[1]!;
      this.i += field.length + 1;
      const vpos = this.i;
      let value: string;
      if (s[this.i] === '"') value = (this.phrase(this.i, 'value') as { text: string }).text;
      else value = this.word();
      if (value === '') throw qerr(`${field}: needs a value`, vpos, field === 'sym' ? 'e.g. sym:parse_config' : `e.g. ${field}:${example(field as FilterField)}`);
      if (field === 'sym') return { type: 'sym', pos: at, name: value };
      return { type: 'filter', pos: at, field: field as FilterField, value: validateFilter(field as FilterField, value, vpos) };
    }
    const text = this.word();
    return { type: 'term', pos: at, text, words: wordsOf(text) };
  }

  /** A bare word: up to whitespace; `)` ends it only when it closes an open group. */
  private word(): string {
    const s = this.s;
    const start = this.i;
    let own = 0; // parentheses opened inside this word
    while (this.i < s.length) {
      const ch = s[this.i]!;
      if (isSpace(ch)) break;
      if (ch === '(') own++;
      else if (ch === ')') {
        if (own > 0) own--;
        else if (this.depth > 0) break;
      }
      this.i++;
    }
    return s.slice(start, this.i);
  }

  /** `"..."` with `\"` and `\\` escapes. */
  private phrase(at: number, what: 'phrase' | 'value'): QueryNode {
    const s = this.s;
    let text = '';
    let j = at + 1;
    for (;;) {
      if (j >= s.length) throw qerr('unterminated quote', at, 'close the phrase with another "');
      const ch = s[j]!;
      if (ch === '\\' && (s[j + 1] === '"' || s[j + 1] === '\\')) { text += s[j + 1]; j += 2; continue; }
      if (ch === '"') break;
      text += ch;
      j++;
    }
    this.i = j + 1;
    if (what === 'phrase' && wordsOf(text).length === 0) {
      throw qerr('the phrase has no letters or digits to search for', at, 'use a /regex/ to find punctuation');
    }
    return { type: 'phrase', pos: at, text, words: wordsOf(text) };
  }

  /** `/source/flags`; `\/` is a literal slash inside. */
  private regex(at: number): QueryNode {
    const s = this.s;
    let j = at + 1;
    let inClass = false;
    for (;;) {
      if (j >= s.length) throw qerr('unterminated regex', at, 'close it with "/"; to search for a path, use path:GLOB or quote it');
      const ch = s[j]!;
      if (ch === '\\') { j += 2; continue; }
      if (ch === '[') inClass = true;
      else if (ch === ']') inClass = false;
      else if (ch === '/' && !inClass) break;
      j++;
    }
    const source = s.slice(at + 1, j);
    let k = j + 1;
    while (k < s.length && /[a-z]/.test(s[k]!)) k++;
    const flags = s.slice(j + 1, k);
    this.i = k;
    if (source === '') throw qerr('empty regex', at);
    const bad = [...flags].find((f) => f !== 'i');
    if (bad !== undefined) throw qerr(`unknown regex flag "${bad}"`, j + 1 + flags.indexOf(bad), 'the only flag is i (ignore case)');
    try {
      new RegExp(source, flags + 'u');
    } catch (e) {
      throw qerr(`invalid regex: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`, at + 1);
    }
    return { type: 'regex', pos: at, source, flags };
  }
}

function example(field: FilterField): string {
  return { lang: 'python', kind: 'function', path: 'src/**/*.py', ext: 'c' }[field];
}

function validateFilter(field: FilterField, raw: string, pos: number): string {
  switch (field) {
    case 'lang': {
      const ids = languageIds();
      const v = raw.toLowerCase();
      const id = ids.includes(v) ? v : LANG_ALIASES[v];
      if (!id || !ids.includes(id)) throw qerr(`unknown language "${raw}"`, pos, `valid values: ${[...ids].sort().join(', ')}`);
      return id;
    }
    case 'kind': {
      const v = raw.toLowerCase();
      if (!(SYMBOL_KINDS as readonly string[]).includes(v)) throw qerr(`unknown kind "${raw}"`, pos, `valid values: ${SYMBOL_KINDS.join(', ')}`);
      return v as SymbolKind;
    }
    case 'ext': {
      const v = raw.replace(/^\*?\./, '').toLowerCase();
      if (!/^[\p{L}\p{N}_+\-.]+$/u.test(v)) throw qerr(`not a file extension: "${raw}"`, pos, 'e.g. ext:py or ext:.h');
      return v;
    }
    case 'path':
      if (raw.includes('\0')) throw qerr('path: contains a NUL character', pos);
      return raw.replace(/^\.\//, '');
  }
}

/** Parse a query string into its AST, or throw AxError('E_QUERY') with the offending position. */
export function parseQuery(input: string): QueryNode {
  if (input.length > MAX_QUERY_LENGTH) throw qerr(`the query is longer than ${MAX_QUERY_LENGTH} characters`, MAX_QUERY_LENGTH);
  return new Parser(input).parse();
}

/** NOT of NOT is the term itself: the planner sees no double negation ("NOT -a", "-(-a)"). */
function negate(child: QueryNode, pos: number): QueryNode {
  return child.type === 'not' ? child.child : { type: 'not', pos, child };
}
