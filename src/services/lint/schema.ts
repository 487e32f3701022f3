// The one schema of a lint rule file (YAML or JSON): field table, validation with every problem
// reported at once (`rules/x.yaml: rule "a/b": severity must be one of ...`), and the normalised Rule
// the rest of the linter uses. Queries are compiled later (loader.ts), per language, against the grammar.

import { AxError } from '../../core/errors.js';
import { hasGrammar, normalizeLanguageId, queryLanguageIds } from '../../lang/query-runner.js';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface RuleExample { code: string; lang?: string; output?: string }

/** A validated rule. `queries` has one entry per language (a single `query:` string is copied to each). */
export interface Rule {
  id: string;
  languages: string[];
  queries: Record<string, string>;
  message: string;
  severity: Severity;
  fix?: string;
  tags: string[];
  description: string;
  url?: string;
  examples: { valid: RuleExample[]; invalid: RuleExample[] };
  /** File the rule came from, and the pack (built-in rules/ folder name) if any. */
  source: string;
  pack?: string;
}

/** Field table: documentation (docs/lint.md) and validation both read it. */
export const RULE_FIELDS: ReadonlyArray<{ key: string; required: boolean; type: string; description: string }> = [
  { key: 'id', required: true, type: 'string', description: 'Unique rule id, `pack/name` by convention (letters, digits, `_ . -`, `/` separators).' },
  { key: 'languages', required: true, type: 'string[]', description: 'Languages the rule applies to (`javascript`, `typescript`, `tsx`, `python`, `go`, `c`, ...; aliases `js`, `ts`, `py`).' },
  { key: 'query', required: true, type: 'string | {language: string}', description: 'Tree-sitter query; one string for every language, or a map from language to query. `@match` marks the reported node (else the widest capture); `@fix` the node a fix replaces (else the reported node). Predicates: #eq? #not-eq? #match? #not-match? #any-of?.' },
  { key: 'message', required: true, type: 'string', description: 'Diagnostic text; `{{capture}}` is replaced by the capture\'s text (first line, at most 80 characters).' },
  { key: 'severity', required: true, type: 'error | warning | info', description: '`error` findings make `ax lint` exit 1.' },
  { key: 'fix', required: false, type: 'string', description: 'Replacement template for the @fix (or reported) node, with `{{capture}}` interpolation; `""` deletes it (and its line when nothing else is on it). Applied by `--fix`.' },
  { key: 'tags', required: false, type: 'string[]', description: 'Free labels (shown in SARIF `properties.tags`).' },
  { key: 'description', required: false, type: 'string', description: 'Longer explanation (SARIF help text).' },
  { key: 'url', required: false, type: 'string', description: 'Documentation link (SARIF helpUri).' },
  { key: 'examples', required: false, type: '{valid: [...], invalid: [...]}', description: 'Snippets checked by `ax lint test`: each `valid` must produce no finding of this rule, each `invalid` at least one. An entry is a string or `{code, lang?, output?}`; `output` is the expected text after `--fix`.' },
];

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)*$/;

export function ruleError(source: string, problems: string[]): AxError {
  return new AxError('E_RULE', `${source}: invalid rule:\n  - ${problems.join('\n  - ')}`, {
    hint: 'see docs/lint.md (rule file format)',
  });
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function examples(raw: unknown, field: string, problems: string[], langs: string[]): RuleExample[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) { problems.push(`${field} must be a list`); return []; }
  const out: RuleExample[] = [];
  raw.forEach((e, i) => {
    if (typeof e === 'string') { out.push({ code: e }); return; }
    if (!isObj(e) || typeof e.code !== 'string') { problems.push(`${field}[${i}] must be a string or {code, lang?, output?}`); return; }
    for (const k of Object.keys(e)) if (!['code', 'lang', 'output'].includes(k)) problems.push(`${field}[${i}]: unknown key "${k}"`);
    const ex: RuleExample = { code: e.code };
    if (e.lang !== undefined) {
      if (typeof e.lang !== 'string' || !langs.includes(normalizeLanguageId(e.lang))) problems.push(`${field}[${i}].lang must be one of the rule's languages (${langs.join(', ')})`);
      else ex.lang = normalizeLanguageId(e.lang);
    }
    if (e.output !== undefined) {
      if (typeof e.output !== 'string') problems.push(`${field}[${i}].output must be a string`);
      else ex.output = e.output;
    }
    out.push(ex);
  });
  return out;
}

/** Validate one parsed rule document. Throws an E_RULE AxError listing every problem. */
export function validateRule(raw: unknown, source: string, pack?: string): Rule {
  if (!isObj(raw)) throw ruleError(source, ['a rule must be a mapping (object) with id, languages, query, message, severity']);
  const problems: string[] = [];
  const known = new Set(RULE_FIELDS.map((f) => f.key));
  for (const k of Object.keys(raw)) if (!known.has(k)) problems.push(`unknown field "${k}" (fields: ${[...known].join(', ')})`);
  for (const f of RULE_FIELDS) if (f.required && raw[f.key] === undefined) problems.push(`missing required field "${f.key}" (${f.type}): ${f.description}`);

  const id = typeof raw.id === 'string' ? raw.id : '';
  if (raw.id !== undefined && (typeof raw.id !== 'string' || !ID_RE.test(raw.id))) problems.push(`id must match ${ID_RE.source}, got ${JSON.stringify(raw.id)}`);

  let languages: string[] = [];
  if (raw.languages !== undefined) {
    const list = typeof raw.languages === 'string' ? [raw.languages] : raw.languages;
    if (!Array.isArray(list) || list.length === 0 || list.some((l) => typeof l !== 'string')) problems.push('languages must be a non-empty list of language ids');
    else {
      languages = [...new Set((list as string[]).map(normalizeLanguageId))];
      const unknown = languages.filter((l) => !hasGrammar(l));
      if (unknown.length) problems.push(`unknown language(s) ${unknown.join(', ')} (known: ${queryLanguageIds().join(', ')})`);
    }
  }

  const queries: Record<string, string> = {};
  if (typeof raw.query === 'string') {
    if (!raw.query.trim()) problems.push('query is empty');
    for (const l of languages) queries[l] = raw.query;
  } else if (isObj(raw.query)) {
    for (const [k, v] of Object.entries(raw.query)) {
      const l = normalizeLanguageId(k);
      if (typeof v !== 'string' || !v.trim()) problems.push(`query.${k} must be a non-empty string`);
      else if (!languages.includes(l)) problems.push(`query.${k}: "${k}" is not in languages (${languages.join(', ')})`);
      else queries[l] = v;
    }
    const missing = languages.filter((l) => queries[l] === undefined);
    if (missing.length && Object.keys(queries).length) problems.push(`query has no entry for ${missing.join(', ')}`);
  } else if (raw.query !== undefined) problems.push('query must be a string or a map from language to query string');

  if (raw.message !== undefined && (typeof raw.message !== 'string' || !raw.message.trim())) problems.push('message must be a non-empty string');
  if (raw.severity !== undefined && !SEVERITIES.includes(raw.severity as Severity)) problems.push(`severity must be one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(raw.severity)}`);
  if (raw.fix !== undefined && typeof raw.fix !== 'string') problems.push('fix must be a string (a replacement template)');
  if (raw.tags !== undefined && (!Array.isArray(raw.tags) || raw.tags.some((t) => typeof t !== 'string'))) problems.push('tags must be a list of strings');
  if (raw.description !== undefined && typeof raw.description !== 'string') problems.push('description must be a string');
  if (raw.url !== undefined && typeof raw.url !== 'string') problems.push('url must be a string');

  let valid: RuleExample[] = [], invalid: RuleExample[] = [];
  if (raw.examples !== undefined) {
    if (!isObj(raw.examples)) problems.push('examples must be a mapping with `valid` and/or `invalid` lists');
    else {
      for (const k of Object.keys(raw.examples)) if (k !== 'valid' && k !== 'invalid') problems.push(`examples: unknown key "${k}" (valid, invalid)`);
      valid = examples(raw.examples.valid, 'examples.valid', problems, languages);
      invalid = examples(raw.examples.invalid, 'examples.invalid', problems, languages);
    }
  }
  if (problems.length) throw ruleError(id ? `${source}: rule "${id}"` : source, problems);
  return {
    id,
    languages,
    queries,
    message: raw.message as string,
    severity: raw.severity as Severity,
    ...(typeof raw.fix === 'string' ? { fix: raw.fix } : {}),
    tags: (raw.tags as string[] | undefined) ?? [],
    description: (raw.description as string | undefined) ?? '',
    ...(typeof raw.url === 'string' ? { url: raw.url } : {}),
    examples: { valid, invalid },
    source,
    ...(pack ? { pack } : {}),
  };
}

/** `{{name}}` references in a template. */
export function templateCaptures(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g)].map((m) => m[1]!);
}
