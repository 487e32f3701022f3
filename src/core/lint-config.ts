// The `lint` setting of the project config: which rule packs and rule files run, and per-path-glob
// overrides. Pure validation (no I/O); the linter (services/lint) resolves packs and files.
//
//   "lint": {
//     "packs": ["common", "js"],            // built-in packs (default: every built-in pack)
//     "rules": ["lint-rules/"],              // rule files or folders, relative to the project root
//     "disable": ["common/todo"],            // rule ids (or `pack/*`) switched off
//     "overrides": [                         // applied in order to files matching `files` (globs)
//       { "files": ["scripts/**"], "disable": ["common/debug-print"] },
//       { "files": "src/**/*.py", "packs": ["python"] }
//     ]
//   }

import { AxError } from './errors.js';

export interface LintOverride { files: string[]; packs?: string[]; rules?: string[]; disable?: string[] }
export interface LintConfig { packs?: string[]; rules?: string[]; disable?: string[]; overrides?: LintOverride[] }

function strList(v: unknown, where: string, bad: (why: string) => never): string[] {
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return bad(`${where} must be a string or a list of strings`);
  return [...(v as string[])];
}

export function validateLintConfig(raw: unknown, source: string): LintConfig {
  const bad = (why: string): never => {
    throw new AxError('E_CONFIG', `${source}: setting "lint": ${why}`, { hint: 'see docs/lint.md (configuration)' });
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return bad('must be an object {packs, rules, disable, overrides}');
  const o = raw as Record<string, unknown>;
  const out: LintConfig = {};
  for (const k of Object.keys(o)) if (!['packs', 'rules', 'disable', 'overrides'].includes(k)) bad(`unknown key "${k}" (packs, rules, disable, overrides)`);
  if (o.packs !== undefined) out.packs = strList(o.packs, 'packs', bad);
  if (o.rules !== undefined) out.rules = strList(o.rules, 'rules', bad);
  if (o.disable !== undefined) out.disable = strList(o.disable, 'disable', bad);
  if (o.overrides !== undefined) {
    if (!Array.isArray(o.overrides)) bad('overrides must be a list');
    out.overrides = (o.overrides as unknown[]).map((ov, i) => {
      if (ov === null || typeof ov !== 'object' || Array.isArray(ov)) return bad(`overrides[${i}] must be an object`);
      const r = ov as Record<string, unknown>;
      for (const k of Object.keys(r)) if (!['files', 'packs', 'rules', 'disable'].includes(k)) bad(`overrides[${i}]: unknown key "${k}" (files, packs, rules, disable)`);
      if (r.files === undefined) bad(`overrides[${i}] needs "files" (glob or list of globs)`);
      const x: LintOverride = { files: strList(r.files, `overrides[${i}].files`, bad) };
      if (r.packs !== undefined) x.packs = strList(r.packs, `overrides[${i}].packs`, bad);
      if (r.rules !== undefined) x.rules = strList(r.rules, `overrides[${i}].rules`, bad);
      if (r.disable !== undefined) x.disable = strList(r.disable, `overrides[${i}].disable`, bad);
      return x;
    });
  }
  return out;
}
