// Lines around a definition for the human output of `ax def` (read from the working tree).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findIndexRoot } from '../root.js';

export function readContext(rootArg: string | undefined, rel: string, line: number, after: number): string[] {
  try {
    const lines = readFileSync(path.join(findIndexRoot(rootArg), rel), 'utf8').split('\n');
    const out: string[] = [];
    for (let l = Math.max(1, line - 1); l <= Math.min(lines.length, line + after); l++) out.push(`${String(l).padStart(5)}  ${lines[l - 1]!.slice(0, 200)}`);
    return out;
  } catch {
    return [];
  }
}
