// Make a copy of a corpus with the doc comments blanked out, for the relevance set (docs/ranking.md):
// the doc comment's first sentence becomes the query, so the copy must not contain it. Blanking keeps
// every newline and the comment/string delimiters, so files stay valid and every line keeps its number
// (answers found in the original index are located in the copy by path and line). Files that need no
// change are hard-linked.
//   Python: docstrings of def/class, and `#` comment blocks directly above a def/class.
//   C-like (C, Go, JS/TS, Java, Rust): every comment outside braces (where doc comments live).

import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const blank = (s: string) => s.replace(/[^\n]/g, ' ');

export function stripPython(text: string): string {
  const lines = text.split('\n');
  const header = /^\s*(async\s+)?(def|class)\s/;
  for (let i = 0; i < lines.length; i++) {
    if (!header.test(lines[i]!)) continue;
    // Comment block directly above.
    for (let j = i - 1; j >= 0 && /^\s*#/.test(lines[j]!); j--) lines[j] = lines[j]!.replace(/#.*/, (m) => '#' + blank(m.slice(1)));
    // End of the header: parentheses balanced and a trailing ':'.
    let depth = 0, end = -1;
    for (let j = i; j < lines.length && j < i + 40; j++) {
      const code = lines[j]!.replace(/#.*$/, '');
      for (const ch of code) { if ('([{'.includes(ch)) depth++; else if (')]}'.includes(ch)) depth--; }
      if (depth <= 0 && /:\s*$/.test(code)) { end = j; break; }
    }
    if (end === -1) continue;
    let k = end + 1;
    while (k < lines.length && lines[k]!.trim() === '') k++;
    const m = /^(\s*[rRuUbB]{0,2})("""|'''|"|')/.exec(lines[k] ?? '');
    if (!m) continue;
    const q = m[2]!;
    // Find the closing delimiter from after the opening one.
    const startCol = m[0].length;
    const joined = lines.slice(k).join('\n');
    let close = -1;
    for (let p = startCol; p < joined.length; p++) {
      if (joined[p] === '\\') { p++; continue; }
      if (joined.startsWith(q, p)) { close = p; break; }
      if (q.length === 1 && joined[p] === '\n') break;
    }
    if (close === -1) continue;
    const blanked = joined.slice(0, startCol) + blank(joined.slice(startCol, close)) + joined.slice(close);
    const replaced = blanked.split('\n');
    for (let t = 0; t < replaced.length; t++) lines[k + t] = replaced[t]!;
  }
  return lines.join('\n');
}

export function stripCLike(text: string, opts: { backtick?: boolean } = {}): string {
  let out = '';
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    const d = text[i + 1];
    if (c === '/' && d === '/') {
      let j = text.indexOf('\n', i);
      if (j === -1) j = n;
      out += depth === 0 ? '//' + blank(text.slice(i + 2, j)) : text.slice(i, j);
      i = j;
    } else if (c === '/' && d === '*') {
      let j = text.indexOf('*/', i + 2);
      j = j === -1 ? n : j + 2;
      out += depth === 0 ? '/*' + blank(text.slice(i + 2, Math.max(i + 2, j - 2))) + text.slice(Math.max(i + 2, j - 2), j) : text.slice(i, j);
      i = j;
    } else if (c === '"' || c === "'" || (c === '`' && opts.backtick)) {
      let j = i + 1;
      while (j < n && text[j] !== c) {
        if (text[j] === '\\' && c !== '`') j++;
        else if (text[j] === '\n' && c !== '`') break;
        j++;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth = Math.max(0, depth - 1);
      out += c;
      i++;
    }
  }
  return out;
}

const C_LIKE = new Set(['.c', '.h', '.go', '.js', '.mjs', '.cjs', '.ts', '.tsx', '.jsx', '.java', '.rs']);

/** Copy `src` to `dst` (skipping `.ax`), blanking doc comments unless !strip; `only` limits to these dirs. */
export function makeStrippedCopy(src: string, dst: string, only?: readonly string[], strip = true): { files: number; stripped: number } {
  let files = 0, stripped = 0;
  const walk = (rel: string) => {
    const abs = path.join(src, rel);
    for (const name of readdirSync(abs)) {
      if (name === '.ax' || name === '.git') continue;
      const r = rel ? `${rel}/${name}` : name;
      const st = statSync(path.join(src, r));
      if (st.isDirectory()) { walk(r); continue; }
      if (!st.isFile()) continue;
      const out = path.join(dst, r);
      mkdirSync(path.dirname(out), { recursive: true });
      files++;
      const ext = path.extname(name).toLowerCase();
      if (strip && (ext === '.py' || C_LIKE.has(ext))) {
        const text = readFileSync(path.join(src, r), 'utf8');
        const res = ext === '.py' ? stripPython(text) : stripCLike(text, { backtick: ext !== '.c' && ext !== '.h' });
        writeFileSync(out, res);
        if (res !== text) stripped++;
      } else {
        try { linkSync(path.join(src, r), out); } catch { copyFileSync(path.join(src, r), out); }
      }
    }
  };
  if (only) for (const d of only) walk(d);
  else walk('');
  return { files, stripped };
}
