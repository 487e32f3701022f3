// The one configuration schema: every setting, its type, default, bounds, environment variable and
// description live in this table. Loading (files, env) happens in services/config.ts; `ax config show`,
// validation and documentation are all generated from this table so they cannot drift apart.

import { AxError } from './errors.js';
import { validateLintConfig, type LintConfig } from './lint-config.js';

export interface AxConfig {
  /** Files larger than this many bytes are skipped with reason `too-large`. */
  maxFileSize: number;
  /** A file with a line longer than this is treated as generated/minified and skipped. */
  maxLineLength: number;
  /** Parser worker threads; 0 means one per available core. */
  workers: number;
  /** Files written per SQLite transaction during indexing. */
  batchFiles: number;
  /** Extra ignore patterns (gitignore syntax) applied on top of .gitignore and .axignore. */
  exclude: string[];
  /** `ax lint`: packs, rule files and per-glob overrides (core/lint-config.ts, docs/lint.md). */
  lint: LintConfig;
}

type SettingType = 'int' | 'string[]' | 'lint';

export interface SettingSpec<K extends keyof AxConfig = keyof AxConfig> {
  key: K;
  type: SettingType;
  default: AxConfig[K];
  min?: number;
  max?: number;
  env: string;
  description: string;
}

export const SETTINGS: readonly SettingSpec[] = [
  { key: 'maxFileSize', type: 'int', default: 1024 * 1024, min: 1, env: 'AX_MAX_FILE_SIZE',
    description: 'Skip files larger than this many bytes (reason: too-large).' },
  { key: 'maxLineLength', type: 'int', default: 4096, min: 80, env: 'AX_MAX_LINE_LENGTH',
    description: 'Skip files with a line longer than this many characters as generated/minified.' },
  { key: 'workers', type: 'int', default: 0, min: 0, max: 64, env: 'AX_WORKERS',
    description: 'Parser worker threads; 0 = one per available core.' },
  { key: 'batchFiles', type: 'int', default: 400, min: 1, max: 100000, env: 'AX_BATCH_FILES',
    description: 'Files written per SQLite transaction while indexing.' },
  { key: 'exclude', type: 'string[]', default: [], env: 'AX_EXCLUDE',
    description: 'Extra ignore patterns (gitignore syntax); env form is comma-separated.' },
  { key: 'lint', type: 'lint', default: {}, env: 'AX_LINT',
    description: 'ax lint: {packs, rules, disable, overrides: [{files, packs, rules, disable}]}; env form is JSON. See docs/lint.md.' },
];

export function defaultConfig(): AxConfig {
  const out: Record<string, unknown> = {};
  for (const s of SETTINGS) out[s.key] = typeof s.default === 'object' ? structuredClone(s.default) : s.default;
  return out as unknown as AxConfig;
}

/**
 * Validate one raw value (from JSON, env or a flag) for a setting. `fromText` parses strings
 * (env and flags are text); JSON values must already have the right type.
 */
export function coerceSetting(spec: SettingSpec, raw: unknown, source: string, fromText: boolean): AxConfig[keyof AxConfig] {
  const bad = (why: string): never => {
    throw new AxError('E_CONFIG', `${source}: setting "${spec.key}" ${why}`, { hint: spec.description });
  };
  if (spec.type === 'int') {
    let n: unknown = raw;
    if (fromText && typeof raw === 'string') {
      if (!/^\s*-?\d+\s*$/.test(raw)) bad(`must be an integer, got "${raw}"`);
      n = Number(raw);
    }
    if (typeof n !== 'number' || !Number.isInteger(n)) return bad(`must be an integer, got ${JSON.stringify(raw)}`);
    if (spec.min !== undefined && n < spec.min) bad(`must be >= ${spec.min}, got ${n}`);
    if (spec.max !== undefined && n > spec.max) bad(`must be <= ${spec.max}, got ${n}`);
    return n;
  }
  if (spec.type === 'lint') {
    let v: unknown = raw;
    if (fromText && typeof raw === 'string') {
      try { v = JSON.parse(raw); } catch { bad(`must be JSON text, got "${raw}"`); }
    }
    return validateLintConfig(v, source);
  }
  if (fromText && typeof raw === 'string') return raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string')) return bad('must be an array of strings');
  return [...(raw as string[])];
}

/** Apply a JSON object of settings onto `base`; unknown keys are errors (typos must not pass silently). */
export function applyConfigObject(base: AxConfig, obj: unknown, source: string): AxConfig {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new AxError('E_CONFIG', `${source}: expected a JSON object`);
  }
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    if (k === '$schema') continue;
    const spec = SETTINGS.find((s) => s.key === k);
    if (!spec) {
      throw new AxError('E_CONFIG', `${source}: unknown setting "${k}"`, {
        hint: `valid settings: ${SETTINGS.map((s) => s.key).join(', ')}`,
      });
    }
    out[k] = coerceSetting(spec, v, source, false);
  }
  return out as unknown as AxConfig;
}
