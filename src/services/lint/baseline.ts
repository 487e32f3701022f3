// Baseline files: the findings a project accepts today, so CI fails only on new ones. A finding's
// fingerprint hashes rule, path and the whitespace-collapsed text of the reported node plus its
// occurrence number among identical ones in that file, so it survives lines moving above it.
// Matching is a multiset: a baseline entry absorbs one finding.

import crypto from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { AxError } from '../../core/errors.js';
import type { Finding } from './engine.js';

export interface BaselineEntry { rule: string; path: string; line: number; fingerprint: string }
export interface BaselineFile { version: 1; tool: 'ax lint'; findings: BaselineEntry[] }

// One-shot hashing (Node >= 20.12) avoids a Hash object per finding: a fifth of the post-processing
// time on 19,000 findings. Same digest either way.
const sha256: (s: string) => string = typeof crypto.hash === 'function'
  ? (s) => crypto.hash('sha256', s, 'hex')
  : (s) => crypto.createHash('sha256').update(s).digest('hex');

/** Set `fingerprint` on every finding (findings sorted by path, then position). */
export function fingerprint(findings: Finding[]): void {
  const count = new Map<string, number>();
  for (const f of findings) {
    const key = `${f.rule}\0${f.path}\0${f.matched}`;
    const n = count.get(key) ?? 0;
    count.set(key, n + 1);
    f.fingerprint = sha256(`${key}\0${n}`).slice(0, 32);
  }
}

export function readBaseline(file: string): BaselineFile {
  let v: unknown;
  try { v = JSON.parse(readFileSync(file, 'utf8')); } catch (e) {
    throw new AxError('E_USAGE', `cannot read baseline ${file}: ${(e as Error).message}`, { hint: 'create it with `ax lint --baseline FILE --write-baseline`' });
  }
  const b = v as Partial<BaselineFile>;
  if (!b || b.version !== 1 || !Array.isArray(b.findings)) {
    throw new AxError('E_USAGE', `${file} is not an ax lint baseline (version 1)`, { hint: 'regenerate it with `ax lint --baseline FILE --write-baseline`' });
  }
  return b as BaselineFile;
}

export function writeBaseline(file: string, findings: readonly Finding[]): void {
  const out: BaselineFile = {
    version: 1,
    tool: 'ax lint',
    findings: findings.map((f) => ({ rule: f.rule, path: f.path, line: f.line, fingerprint: f.fingerprint! }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line)),
  };
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
}

/** Split findings into new ones and those the baseline accepts. */
export function applyBaseline(findings: readonly Finding[], base: BaselineFile): { fresh: Finding[]; baselined: Finding[] } {
  const left = new Map<string, number>();
  for (const e of base.findings) left.set(e.fingerprint, (left.get(e.fingerprint) ?? 0) + 1);
  const fresh: Finding[] = [], baselined: Finding[] = [];
  for (const f of findings) {
    const n = left.get(f.fingerprint!) ?? 0;
    if (n > 0) { left.set(f.fingerprint!, n - 1); baselined.push(f); } else fresh.push(f);
  }
  return { fresh, baselined };
}
