// Load rules: built-in packs (folders under the package's rules/ directory), or user rule files and
// folders (`*.yaml`, `*.yml`, `*.json`; a YAML file may hold several `---` documents, a JSON file an
// object or a list). Every rule is validated against schema.ts and its queries compiled against each
// of its languages' grammars (checkRules) before any file is linted, so a broken rule fails early.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxError, isAxError } from '../../core/errors.js';
import { compileQuery } from '../../lang/query-runner.js';
import { combinedQuery } from './engine.js';
import { ruleError, templateCaptures, validateRule, type Rule } from './schema.js';

/** The package's rules/ folder (dist/services/lint/ -> ../../../rules). */
export const PACKS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'rules');

export function builtinPacks(): string[] {
  if (!existsSync(PACKS_DIR)) return [];
  return readdirSync(PACKS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

const RULE_EXT = /\.(ya?ml|json)$/i;

function ruleFiles(target: string): string[] {
  let st;
  try { st = statSync(target); } catch {
    throw new AxError('E_USAGE', `rules not found: ${target}`, { hint: 'pass a rule file (.yaml/.yml/.json) or a folder of them' });
  }
  if (st.isFile()) return [target];
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile() && RULE_EXT.test(e.name)) out.push(p);
    }
  };
  visit(target);
  return out;
}

/** Parse one rule file into raw documents (not yet validated). */
export async function parseRuleFile(file: string, text = readFileSync(file, 'utf8')): Promise<unknown[]> {
  if (/\.json$/i.test(file)) {
    let v: unknown;
    try { v = JSON.parse(text); } catch (e) { throw ruleError(file, [`not valid JSON: ${(e as Error).message}`]); }
    return Array.isArray(v) ? v : [v];
  }
  const { parseAllDocuments } = await import('yaml'); // loaded only when a YAML rule file is read
  const docs = parseAllDocuments(text, { prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: unknown[] = [];
  for (const d of list) {
    if (d.errors.length) throw ruleError(file, d.errors.map((e) => `YAML: ${e.message.split('\n')[0]}`));
    const v = d.toJS() as unknown;
    if (v === null || v === undefined) continue; // empty document (trailing ---)
    if (Array.isArray(v)) out.push(...v); else out.push(v);
  }
  return out;
}

/** Capture names a query source defines (`@name` outside strings and `;` comments). */
export function queryCaptures(source: string): Set<string> {
  const bare = source.replace(/"(?:\\.|[^"\\])*"/g, '""').replace(/;[^\n]*/g, '');
  return new Set([...bare.matchAll(/@([A-Za-z_][\w.-]*)/g)].map((m) => m[1]!));
}

/** Check one rule's queries: each compiles for its language; templates name only captures it defines. */
export async function checkRuleQueries(rule: Rule): Promise<void> {
  const problems: string[] = [];
  for (const lang of rule.languages) {
    const src = rule.queries[lang]!;
    try {
      await compileQuery(lang, src);
    } catch (e) {
      if (!isAxError(e)) throw e;
      problems.push(`query for ${lang}: ${e.message}${e.hint ? ` (${e.hint})` : ''}`);
      continue;
    }
    const names = [...queryCaptures(src)];
    if (names.length === 0) problems.push(`query for ${lang} has no capture: add @match to the node to report`);
    for (const [field, t] of [['message', rule.message], ['fix', rule.fix ?? '']] as const) {
      for (const c of templateCaptures(t)) if (!names.includes(c)) problems.push(`${field} uses {{${c}}} but the ${lang} query has no @${c} (captures: ${names.join(', ') || 'none'})`);
    }
  }
  if (problems.length) throw ruleError(`${rule.source}: rule "${rule.id}"`, problems);
}

/**
 * Validate a whole rule set the way the engine will run it: per language, the combined query compiles
 * once (and stays cached for the engine); only when it fails is each rule compiled alone, to name the
 * broken one. Template captures are checked per rule from the query text.
 */
export async function checkRules(rules: readonly Rule[]): Promise<void> {
  const langs = new Set(rules.flatMap((r) => r.languages));
  let combinedOk = true;
  for (const lang of langs) {
    try { await compileQuery(lang, combinedQuery(rules, lang).source); } catch { combinedOk = false; }
  }
  for (const r of rules) {
    if (combinedOk) {
      const problems: string[] = [];
      for (const lang of r.languages) {
        const names = [...queryCaptures(r.queries[lang]!)];
        if (names.length === 0) problems.push(`query for ${lang} has no capture: add @match to the node to report`);
        for (const [field, t] of [['message', r.message], ['fix', r.fix ?? '']] as const) {
          for (const c of templateCaptures(t)) if (!names.includes(c)) problems.push(`${field} uses {{${c}}} but the ${lang} query has no @${c} (captures: ${names.join(', ') || 'none'})`);
        }
      }
      if (problems.length) throw ruleError(`${r.source}: rule "${r.id}"`, problems);
    } else {
      await checkRuleQueries(r);
    }
  }
}

export async function loadRulesFrom(target: string, pack?: string): Promise<Rule[]> {
  const rules: Rule[] = [];
  for (const file of ruleFiles(target)) {
    const rel = path.relative(process.cwd(), file) || file;
    for (const raw of await parseRuleFile(file)) {
      rules.push(validateRule(raw, rel.startsWith('..') ? file : rel, pack));
    }
  }
  return rules;
}

export async function loadPack(name: string): Promise<Rule[]> {
  const dir = path.join(PACKS_DIR, name);
  if (!/^[\w.-]+$/.test(name) || !existsSync(dir)) {
    throw new AxError('E_USAGE', `unknown rule pack "${name}"`, { hint: `built-in packs: ${builtinPacks().join(', ')}` });
  }
  return loadRulesFrom(dir, name);
}

/**
 * Packs and rule paths, de-duplicated and (unless `check` is false, for a caller that runs checkRules
 * itself) checked; two different rules with one id are an error.
 */
export async function loadRuleSet(packs: readonly string[], rulePaths: readonly string[], baseDir = process.cwd(), check = true): Promise<Rule[]> {
  const byId = new Map<string, Rule>();
  const add = (r: Rule) => {
    const prev = byId.get(r.id);
    if (prev && prev.source !== r.source) {
      throw new AxError('E_RULE', `rule id "${r.id}" is defined twice: ${prev.source} and ${r.source}`, { hint: 'rule ids must be unique across packs and rule files' });
    }
    byId.set(r.id, r);
  };
  for (const p of packs) for (const r of await loadPack(p)) add(r);
  for (const p of rulePaths) for (const r of await loadRulesFrom(path.resolve(baseDir, p))) add(r);
  const rules = [...byId.values()];
  if (check) await checkRules(rules);
  return rules;
}
