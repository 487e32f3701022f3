// Suppression comments, in any language's comment syntax: a comment marker (`//`, `/*`, `#`, `--`, `;`,
// `%`, `<!--`, or a `*` continuation line) followed by `ax-ignore-next-line [RULE...]` silences those
// rules (all rules when none is named) on the next line that is not itself such a comment;
// `ax-ignore-file [RULE...]` silences them in the whole file. Rule ids are separated by spaces or
// commas; `--` or `:` ends the list and starts a free-text reason. A rule id may end in `/*` (a pack).
// Text-based on purpose: it needs no grammar, so it works for every language the same way.

export interface Suppressions {
  /** Rules silenced in the whole file; '*' for all. */
  file: Set<string>;
  /** 1-based line -> rules silenced on it; '*' for all. */
  lines: Map<number, Set<string>>;
}

const DIRECTIVE = /(?:\/\/|\/\*|#|--|;|%|<!--|^\s*\*)\s*ax-ignore-(next-line|file)\b([^\n]*)/;

function ruleList(rest: string): Set<string> {
  const out = new Set<string>();
  for (const tok of rest.replace(/\*\/|-->/g, ' ').split(/[\s,]+/)) {
    if (!tok) continue;
    if (tok === '--' || tok.startsWith(':') || !/^[A-Za-z0-9_.*/-]+$/.test(tok)) break;
    out.add(tok);
  }
  if (out.size === 0) out.add('*');
  return out;
}

export function parseSuppressions(text: string): Suppressions | undefined {
  if (!text.includes('ax-ignore-')) return undefined;
  const s: Suppressions = { file: new Set(), lines: new Map() };
  const lines = text.split('\n');
  let pending: Set<string> | undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]!);
    if (m) {
      const rules = ruleList(m[2]!);
      if (m[1] === 'file') for (const r of rules) s.file.add(r);
      else { pending ??= new Set(); for (const r of rules) pending.add(r); }
      continue;
    }
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
