// Suppression comments, in any language's comment syntax: a comment opener followed by
// `ax-ignore-next-line [RULE...]` silences those rules (all rules when none is named) on the next line
// that is not itself such a comment; `ax-ignore-file [RULE...]` silences them in the whole file. Rule
// ids are separated by spaces or commas; `--` or `:` ends the list and starts a free-text reason. A
// rule id may end in `/*` (a pack). Openers: `//` `/*` `#` `--` `;` `%` `<!--` (C family, JS/TS, Go,
// Rust, JVM, Swift, Dart, Zig, Solidity, PHP, CSS/SCSS, Thrift, shell, Python, Ruby, Elixir, Perl, R,
// YAML, TOML, HCL, Make, SQL, Haskell, Elm, Lua, Lisp/Clojure, Erlang/MATLAB, HTML/Vue/Svelte/Markdown),
// `(*` (OCaml, F#), `{-` (Haskell, Elm), `#=`
// (Julia), `<#` (PowerShell), `--[[` (Lua), and a ` * ` continuation line inside a block comment; the
// closers `*/ --> *) -} =# #> ]]` may follow on the same line; when the comment goes on past it, the
// "next line" is the first one after the comment closes. suppress.test.ts checks every language ax
// has a grammar for: its grammar parses the example as a comment, and this scanner finds it.
// Text-based on purpose: it needs no grammar, so it works for every language the same way.

export interface Suppressions {
  /** Rules silenced in the whole file; '*' for all. */
  file: Set<string>;
  /** 1-based line -> rules silenced on it; '*' for all. */
  lines: Map<number, Set<string>>;
}

const DIRECTIVE = /(\/\/|\/\*|\(\*|\{-|<!--|<#|#=?|--(?:\[=*\[)?|;|%|^\s*\*)\s*ax-ignore-(next-line|file)\b([^\n]*)/;

/** Openers of comments that run until a closer (a ` * ` line is inside one). */
const BLOCK_OPENERS = /^(?:\/\*|\(\*|\{-|<!--|<#|#=|--\[=*\[|\s*\*)$/;

/** Block-comment closers that may end the directive's line. */
const CLOSERS = /\*\/|-->|\*\)|-\}|=#|#>|\]=*\]/g;
const HAS_CLOSER = /\*\/|-->|\*\)|-\}|=#|#>|\]=*\]/;

function ruleList(rest: string): Set<string> {
  const out = new Set<string>();
  for (const tok of rest.replace(CLOSERS, ' ').split(/[\s,]+/)) {
    if (!tok) continue;
    if (tok === '--' || tok.startsWith(':')) break;
    const id = tok.endsWith(':') ? tok.slice(0, -1) : tok; // `a/b: reason`
    if (!/^[A-Za-z0-9_.*/-]+$/.test(id)) break;
    out.add(id);
    if (id !== tok) break;
  }
  if (out.size === 0) out.add('*');
  return out;
}

export function parseSuppressions(text: string): Suppressions | undefined {
  if (!text.includes('ax-ignore-')) return undefined;
  const s: Suppressions = { file: new Set(), lines: new Map() };
  const lines = text.split('\n');
  let pending: Set<string> | undefined;
  let inBlock = false; // a next-line directive's block comment has not closed yet
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = DIRECTIVE.exec(line);
    if (m) {
      const rules = ruleList(m[3]!);
      if (m[2] === 'file') for (const r of rules) s.file.add(r);
      else {
        pending ??= new Set();
        for (const r of rules) pending.add(r);
        // In a block comment that goes on past this line, "the next line" is the one after it closes.
        inBlock = BLOCK_OPENERS.test(m[1]!) && !HAS_CLOSER.test(m[3]!);
      }
      continue;
    }
    if (pending && inBlock) { if (HAS_CLOSER.test(line)) inBlock = false; continue; }
    if (pending) { s.lines.set(i + 1, pending); pending = undefined; }
  }
  return s;
}

function covers(set: Set<string> | undefined, rule: string): boolean {
  if (!set) return false;
  if (set.has('*') || set.has(rule)) return true;
  for (const r of set) if (r.endsWith('/*') && rule.startsWith(r.slice(0, -1))) return true;
  return false;
}

export function isSuppressed(s: Suppressions | undefined, rule: string, line: number): boolean {
  return s !== undefined && (covers(s.file, rule) || covers(s.lines.get(line), rule));
}
