// Load the effective configuration: defaults < ax.config.json < .ax/config.json < AX_* environment
// variables < command-line flags. Every step validates against the one schema in core/config.ts.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AxError } from '../core/errors.js';
import { SETTINGS, applyConfigObject, coerceSetting, defaultConfig, type AxConfig } from '../core/config.js';

export const CONFIG_FILES = ['ax.config.json', path.join('.ax', 'config.json')] as const;

export interface ConfigSource { source: string; keys: string[] }
export interface LoadedConfig { config: AxConfig; sources: ConfigSource[] }

export function loadConfig(root: string, flags: Partial<Record<keyof AxConfig, string>> = {}, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  let config = defaultConfig();
  const sources: ConfigSource[] = [{ source: 'defaults', keys: SETTINGS.map((s) => s.key) }];
  for (const rel of CONFIG_FILES) {
    const file = path.join(root, rel);
    if (!existsSync(file)) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new AxError('E_CONFIG', `${file}: not valid JSON: ${(e as Error).message}`, { hint: 'fix the file or run `ax config validate`' });
    }
    config = applyConfigObject(config, obj, file);
    sources.push({ source: file, keys: Object.keys(obj as object).filter((k) => k !== '$schema') });
  }
  const envKeys: string[] = [];
  const flagKeys: string[] = [];
  const out = config as unknown as Record<string, unknown>;
  for (const s of SETTINGS) {
    const v = env[s.env];
    if (v !== undefined && v !== '') { out[s.key] = coerceSetting(s, v, `environment ${s.env}`, true); envKeys.push(s.key); }
  }
  for (const s of SETTINGS) {
    const v = flags[s.key];
    if (v !== undefined) { out[s.key] = coerceSetting(s, v, `flag --${kebab(s.key)}`, true); flagKeys.push(s.key); }
  }
  if (envKeys.length) sources.push({ source: 'environment', keys: envKeys });
  if (flagKeys.length) sources.push({ source: 'flags', keys: flagKeys });
  return { config, sources };
}

export function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/** Write a commented-by-example ax.config.json with every default; refuses to overwrite. */
export function initConfig(root: string): string {
  const file = path.join(root, 'ax.config.json');
  if (existsSync(file)) throw new AxError('E_CONFIG', `${file} already exists`, { hint: 'edit it, or remove it first' });
  writeFileSync(file, JSON.stringify(defaultConfig(), null, 2) + '\n');
  return file;
}

export function settingsTable(): Array<{ key: string; env: string; default: unknown; description: string }> {
  return SETTINGS.map((s) => ({ key: s.key, env: s.env, default: s.default, description: s.description }));
}
