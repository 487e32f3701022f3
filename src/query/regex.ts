// Narrowing a /regex/ through the full-text index before verifying it against file content (the zoekt /
// GitHub approach, with words instead of trigrams): find literal runs every match must contain, and
// turn the words inside them into FTS5 terms. A word cut off at the right edge of a run becomes a prefix
// term (`kmall` -> kmall*); one cut off at the left edge cannot be looked up (no suffix index) and is
// dropped. Top-level alternation becomes an OR of the branches' requirements. Anything unsure yields
// no requirement (null): narrowing must only ever over-approximate.

import { wordMatches } from './words.js';

export interface RegexNeed { words: string[]; prefix: boolean }

/** Each element is one literal run: required words (the last one possibly a prefix). */
type Runs = Array<{ text: string; leftOpen: boolean; rightOpen: boolean }>;

function splitTopLevel(src: string): string[] | null {
  const out: string[] = [];
  let depth = 0, inClass = false, last = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) { out.push(src.slice(last, i)); last = i + 1; }
  }
  out.push(src.slice(last));
  return out;
}

/** Literal runs of a regex branch without top-level alternation. */
function literalRuns(src: string): Runs {
  const runs: Runs = [];
  let cur = '';
  let leftOpen = true;
  const flush = (rightOpen: boolean) => {
    if (cur) runs.push({ text: cur, leftOpen, rightOpen });
    cur = '';
    leftOpen = true;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    const next = src[i + 1];
    const optional = next === '?' || next === '*' || (next === '{' && /^\{0[,}]/.test(src.slice(i + 1)));
    if (c === '\\') {
      const e = src[i + 1] ?? '';
      i++;
      const after = src[i + 1];
      const opt = after === '?' || after === '*' || (after === '{' && /^\{0[,}]/.test(src.slice(i + 1)));
      if (/[bB]/.test(e)) { flush(e === 'B'); leftOpen = e === 'B'; continue; }
      if (/[wWdDsSnrtfv0-9]/.test(e) || e === 'p' || e === 'P' || e === 'u' || e === 'x' || e === 'c' || e === 'k') {
        flush(true);
        if (e === 'p' || e === 'P' || e === 'k') { while (i < src.length && src[i] !== '}' && src[i] !== '>') i++; }
        continue;
      }
      if (opt) { flush(true); continue; }
      cur += e;
      continue;
    }
    if (c === '^') { flush(true); leftOpen = false; continue; }
    if (c === '$') { flush(false); continue; }
    if (c === '[') {
      flush(true);
      let j = i + 1;
      while (j < src.length && src[j] !== ']') { if (src[j] === '\\') j++; j++; }
      i = j;
      continue;
    }
    if (c === '(') {
      // Skip the whole group: its content may be optional or alternated.
      flush(true);
      let depth = 1, j = i + 1, inClass = false;
      while (j < src.length && depth > 0) {
        const d = src[j]!;
        if (d === '\\') j++;
        else if (inClass) { if (d === ']') inClass = false; }
        else if (d === '[') inClass = true;
        else if (d === '(') depth++;
        else if (d === ')') depth--;
        j++;
      }
      i = j - 1;
      continue;
    }
    if (c === '.' || c === ')' || c === '|') { flush(true); continue; }
    if (c === '?' || c === '*' || c === '+') { flush(true); continue; }
    if (c === '{') {
      flush(true);
      while (i < src.length && src[i] !== '}') i++;
      continue;
    }
    if (optional) { flush(true); continue; }
    cur += c;
  }
  flush(true);
  return runs;
}

function needsOfBranch(src: string): RegexNeed[] {
  const needs: RegexNeed[] = [];
  for (const r of literalRuns(src)) {
    // The words of one literal run are adjacent tokens in the text: one phrase, the last word possibly
    // a prefix (cut off at the run's right edge), the first dropped when cut off at its left edge.
    const ms = wordMatches(r.text);
    const words: string[] = [];
    let prefix = false;
    ms.forEach((m, k) => {
      const w = m[0];
      const start = m.index!, end = start + w.length;
      if (k === 0 && start === 0 && r.leftOpen) return;
      if (end === r.text.length && r.rightOpen) { if (w.length >= 3 || words.length === 0) { words.push(w); prefix = true; } return; }
      words.push(w);
    });
    if (words.length === 0 || (words.length === 1 && prefix && words[0]!.length < 3)) continue;
    // A prefix term expands to every token it starts (`reg*`: reg, regs, register, ...), which FTS5
    // merges up front: costly on a large index. With two complete words before it, they narrow enough.
    if (prefix && words.length >= 3) { words.pop(); prefix = false; }
    needs.push({ words, prefix });
  }
  return needs;
}

/**
 * What a regex requires of the FTS index: an OR over branches of AND-lists of needs; null when some
 * branch requires nothing the index can check (then the regex cannot narrow).
 */
export function regexNeeds(source: string): RegexNeed[][] | null {
  const branches = splitTopLevel(source);
  if (!branches) return null;
  const out: RegexNeed[][] = [];
  for (const b of branches) {
    const needs = needsOfBranch(b);
    if (needs.length === 0) return null;
    out.push(needs);
  }
  return out;
}
