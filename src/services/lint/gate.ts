// Text gates: what a file's text must contain for a query pattern to have any chance of matching, read
// from the pattern's positive text predicates. `(#eq? @fn "eval")` cannot hold in a file without
// "eval"; `(#match? @c "TODO|FIXME")` cannot hold in a file where /TODO|FIXME/ finds nothing (a node's
// text is a slice of the file; anchors and \b are dropped first, which only makes the test looser).
// The engine (engine.ts) runs only the patterns whose gates pass, and skips parsing a file when none
// does, instead of parsing every file and discarding the matches that predicates reject afterwards.
//
// Soundness follows web-tree-sitter's predicate semantics (tree-sitter.js, parse*Predicate): `#eq?`
// and `#any-of?` hold vacuously when their capture matched no node, so they gate only when the capture
// is mandatory (quantifier one or one-or-more); `#match?` and the `any-` forms need a node. Negated
// predicates and capture-to-capture comparisons never gate.

import type { Query } from 'web-tree-sitter';

export type Gate = (text: string) => boolean;

interface Predicate { op: string; args: Array<{ capture: string } | { string: string }> }

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '0': '\0' };

/** The predicates `(#op? ...)` in one pattern's source, in order. */
export function predicatesIn(source: string): Predicate[] {
  const out: Predicate[] = [];
  let i = 0;
  const n = source.length;
  const readString = (): string => {
    let s = '';
    i++; // opening quote
    while (i < n && source[i] !== '"') {
      if (source[i] === '\\' && i + 1 < n) { const c = source[i + 1]!; s += ESCAPES[c] ?? c; i += 2; } else s += source[i++];
    }
    i++; // closing quote
    return s;
  };
  while (i < n) {
    const c = source[i]!;
    if (c === ';') { while (i < n && source[i] !== '\n') i++; continue; }
    if (c === '"') { readString(); continue; }
    if (c === '(' && /^\(\s*#/.test(source.slice(i, i + 64))) {
      i = source.indexOf('#', i) + 1;
      const op = /^[\w.-]+[?!]?/.exec(source.slice(i))?.[0] ?? '';
      i += op.length;
      const args: Predicate['args'] = [];
      while (i < n && source[i] !== ')') {
        const d = source[i]!;
        if (d === '"') args.push({ string: readString() });
        else if (d === '@') { const name = /^@([\w.-]+)/.exec(source.slice(i))?.[1] ?? ''; args.push({ capture: name }); i += name.length + 1; }
        else if (d === ';') { while (i < n && source[i] !== '\n') i++; }
        else i++;
      }
      i++;
      out.push({ op, args });
      continue;
    }
    i++;
  }
  return out;
}

/**
 * A regex that matches somewhere in a text whenever `source` matches a slice of it: `^`, `$`, `\b`, `\B`
 * outside character classes are removed. Undefined when that is not sound (lookaround) or it fails to
 * compile.
 */
export function relaxedRegex(source: string): RegExp | undefined {
  if (/\(\?<?[=!]/.test(source)) return undefined;
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const d = source[i + 1] ?? '';
      if (!inClass && (d === 'b' || d === 'B')) { i++; continue; }
      out += c + d;
      i++;
      continue;
    }
    if (inClass) { if (c === ']') inClass = false; out += c; continue; }
    if (c === '[') { inClass = true; out += c; continue; }
    if (c === '^' || c === '$') continue;
    out += c;
  }
  try { return new RegExp(out); } catch { return undefined; }
}

const MANDATORY = new Set([3, 4]); // CaptureQuantifier.One, .OneOrMore

/** The gate of pattern `p` of a compiled query whose source text is `patternSource`; undefined = always run. */
export function patternGate(query: Query, p: number, patternSource: string): Gate | undefined {
  const tests: Gate[] = [];
  const mandatory = (capture: string) => {
    const id = query.captureNames.indexOf(capture);
    return id >= 0 && MANDATORY.has(query.captureQuantifiers[p]?.[id] as number);
  };
  for (const pred of predicatesIn(patternSource)) {
    const [first, ...rest] = pred.args;
    if (!first || !('capture' in first) || rest.length === 0 || rest.some((a) => !('string' in a))) continue;
    const strings = rest.map((a) => (a as { string: string }).string);
    switch (pred.op) {
      case 'eq?':
        if (!mandatory(first.capture)) break;
      // falls through: with a node present, #eq? needs the literal like #any-eq? does
      case 'any-eq?': {
        const lit = strings[0]!;
        if (strings.length === 1 && lit) tests.push((t) => t.includes(lit));
        break;
      }
      case 'any-of?':
        if (strings.length > 0 && strings.every(Boolean)) tests.push((t) => strings.some((s) => t.includes(s)));
        break;
      case 'match?':
      case 'any-match?': {
        const re = strings.length === 1 ? relaxedRegex(strings[0]!) : undefined;
        if (re && !re.test('')) tests.push((t) => re.test(t));
        break;
      }
      default:
        break;
    }
  }
  if (tests.length === 0) return undefined;
  return tests.length === 1 ? tests[0] : (t) => tests.every((g) => g(t));
}
