// Apply fix edits to a file's text: last edit first so earlier offsets stay valid; an edit that
// overlaps one already applied is skipped (run `ax lint --fix` again to apply it on the new text).

import type { FixEdit } from './engine.js';

export function applyEdits(text: string, edits: readonly FixEdit[]): { text: string; applied: number; skipped: number } {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let applied = 0, skipped = 0;
  let floor = Infinity; // start of the lowest edit applied so far
  for (const e of sorted) {
    if (e.end > floor) { skipped++; continue; }
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    floor = e.start;
    applied++;
  }
  return { text: out, applied, skipped };
}
