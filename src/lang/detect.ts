// Which language a file is: by exact file name, then extension, then a `#!` line for extension-less
// scripts. Pure: the caller passes the first bytes of the file as text when it has them.

import path from 'node:path';
import { LANGUAGES } from './registry.js';
import type { LanguageSpec } from './spec.js';

const byExt = new Map<string, LanguageSpec>();
const byName = new Map<string, LanguageSpec>();
const byInterpreter = new Map<string, LanguageSpec>();
for (const l of LANGUAGES) {
  for (const e of l.extensions) if (!byExt.has(e)) byExt.set(e, l);
  for (const f of l.filenames ?? []) byName.set(f, l);
  for (const s of l.shebangs ?? []) byInterpreter.set(s, l);
}

/** Language by path alone, or undefined when only content could tell (or nothing can). */
export function detectByPath(relPath: string): LanguageSpec | undefined {
  const base = path.posix.basename(relPath);
  return byName.get(base) ?? byExt.get(path.posix.extname(base).toLowerCase());
}

/** Whether content sniffing could still identify this path (no extension: maybe a script). */
export function mayHaveShebang(relPath: string): boolean {
  return path.posix.extname(relPath) === '';
}

export function detectByShebang(head: string): LanguageSpec | undefined {
  const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(head);
  if (!m) return undefined;
  let interp = path.posix.basename(m[1]!);
  if (interp === 'env' && m[2]) interp = m[2];
  interp = interp.replace(/[\d.]+$/, (v) => (byInterpreter.has(interp) ? v : ''));
  return byInterpreter.get(interp) ?? byInterpreter.get(interp.replace(/[\d.]+$/, ''));
}
