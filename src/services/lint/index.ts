// Use case: `ax lint`. Resolves which rules run on which files (flags, else the project config's
// `lint` setting with its per-glob overrides), walks the given paths, lints every file whose language
// some rule targets (worker threads for real runs, in-process for a handful of files), then applies
// --fix, the baseline, and counts. Also `ax lint test` (rule examples) and SARIF rendering.
//
// Languages come from the index where its entry for a file is fresh, else from disk (languages.ts);
// text always comes from disk: the index stores no file contents (its full-text table is contentless).

import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import { AxError } from '../../core/errors.js';
import type { LintConfig } from '../../core/lint-config.js';
import { walk } from '../../indexer/walk.js';
import { LINT_SHORT_BELOW, tuneWasmCompiler, workloadFor } from '../../lang/wasm-flags.js';
import { loadConfig } from '../config.js';
import { applyBaseline, fingerprint, readBaseline, writeBaseline } from './baseline.js';
import { RuleEngine, type Finding } from './engine.js';
import { applyEdits } from './fix.js';
import { indexedFiles } from './indexed.js';
import { guessLanguage, possibleLanguages, type LanguageGuess } from './languages.js';
import { builtinPacks, checkRuleQueries, checkRules, loadPack, loadRulesFrom, loadRuleSet } from './loader.js';
import { startLintPool, type LintPool } from './pool.js';
import { compareStrings } from '../../core/types.js';
import { toSarif } from './sarif.js';
import type { Rule, Severity } from './schema.js';
import { lintTask, type LintTask, type LintTaskResult } from './task.js';

export type { Finding } from './engine.js';
export type { Rule, Severity } from './schema.js';
export { RULE_FIELDS } from './schema.js';
export { builtinPacks } from './loader.js';

export interface LintRequest {
  /** Project root: config, baseline paths and reported paths are relative to it (default: cwd). */
  root?: string;
  /** Files or folders to lint (default: the root). */
  paths?: string[];
  /** Explicit selection; when either is given the config's `lint` setting is not used. */
  packs?: string[];
  rules?: string[];
  fix?: boolean;
  baseline?: string;
  writeBaseline?: boolean;
  /** Worker threads; default: the `workers` setting (0 = one per core). */
  workers?: number;
  /** Skip files larger than this (default: the `maxFileSize` setting). */
  maxFileSize?: number;
}

export interface RuleInfo { id: string; severity: Severity; pack?: string; source: string; languages: string[] }

export interface LintResult {
  root: string;
  files: number;
  skipped: Array<{ path: string; reason: string }>;
  rules: RuleInfo[];
  findings: Finding[];
  counts: Record<Severity, number>;
  suppressed: number;
  baselined: number;
  fixed: number;
  baselineWritten?: string;
  errors: Array<{ path: string; message: string }>;
  tookMs: number;
  /** Full rule objects (for SARIF); not part of the JSON output. */
  ruleObjects: Rule[];
}

interface Selection { rules: Rule[]; base: Set<string>; overrides: Array<{ match: (p: string) => boolean; add: Set<string>; disable: string[] }>; disable: string[] }

function idsOf(rules: readonly Rule[]): Set<string> {
  return new Set(rules.map((r) => r.id));
}

function disabled(id: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => p === id || p === '*' || (p.endsWith('/*') && id.startsWith(p.slice(0, -1))));
}

/** The rules and where they apply, validated against the schema; queries are compiled by checkRules. */
async function select(req: LintRequest, root: string, cfg: LintConfig): Promise<Selection> {
  if (req.packs?.length || req.rules?.length) {
    const rules = await loadRuleSet(req.packs ?? [], req.rules ?? [], process.cwd(), false);
    return { rules, base: idsOf(rules), overrides: [], disable: [] };
  }
  const all = new Map<string, Rule>();
  const cache = new Map<string, Rule[]>();
  const get = async (kind: 'pack' | 'file', name: string): Promise<Rule[]> => {
    const key = `${kind}:${name}`;
    let rs = cache.get(key);
    if (!rs) {
      rs = kind === 'pack' ? await loadPack(name) : await loadRulesFrom(path.resolve(root, name));
      for (const r of rs) {
        const prev = all.get(r.id);
        if (prev && prev.source !== r.source) throw new AxError('E_RULE', `rule id "${r.id}" is defined twice: ${prev.source} and ${r.source}`);
        all.set(r.id, r);
      }
      cache.set(key, rs);
    }
    return rs;
  };
  const gather = async (packs: readonly string[] = [], files: readonly string[] = []) => {
    const out = new Set<string>();
    for (const p of packs) for (const r of await get('pack', p)) out.add(r.id);
    for (const f of files) for (const r of await get('file', f)) out.add(r.id);
    return out;
  };
  const base = await gather(cfg.packs ?? builtinPacks(), cfg.rules ?? []);
  const overrides: Selection['overrides'] = [];
  for (const o of cfg.overrides ?? []) {
    overrides.push({ match: picomatch(o.files, { dot: true }), add: await gather(o.packs, o.rules), disable: o.disable ?? [] });
  }
  const rules = [...all.values()];
  return { rules, base, overrides, disable: cfg.disable ?? [] };
}

function enabledFor(sel: Selection, rel: string): Set<string> {
  const on = new Set([...sel.base].filter((id) => !disabled(id, sel.disable)));
  for (const o of sel.overrides) {
    if (!o.match(rel)) continue;
    for (const id of o.add) on.add(id);
    for (const id of [...on]) if (disabled(id, o.disable)) on.delete(id);
  }
  return on;
}

interface Target { abs: string; rel: string; size: number; mtimeMs: number }

function targets(root: string, paths: readonly string[], exclude: readonly string[]): Target[] {
  const out: Target[] = [];
  const seen = new Set<string>();
  const push = (t: Target) => { if (!seen.has(t.abs)) { seen.add(t.abs); out.push(t); } };
  const relOf = (abs: string) => path.relative(root, abs).split(path.sep).join('/') || path.basename(abs);
  for (const p of paths.length ? paths : [root]) {
    const abs = path.resolve(p);
    let st;
    try { st = statSync(abs); } catch { throw new AxError('E_USAGE', `no such file or directory: ${p}`); }
    if (st.isFile()) { push({ abs, rel: relOf(abs), size: st.size, mtimeMs: st.mtimeMs }); continue; }
    const prefix = path.relative(root, abs).split(path.sep).join('/');
    for (const f of walk(abs, exclude).files) {
      push({ abs: f.abs, rel: prefix && !prefix.startsWith('..') ? `${prefix}/${f.rel}` : prefix.startsWith('..') ? relOf(f.abs) : f.rel, size: f.size, mtimeMs: f.mtimeMs });
    }
  }
  return out;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Runs of fewer files stay in the calling thread (starting workers costs more than it saves). */
const MIN_POOL_FILES = 48;
/** Files per worker thread, at least. */
const FILES_PER_THREAD = 24;

export async function lint(req: LintRequest): Promise<LintResult> {
  const t0 = performance.now();
  const root = path.resolve(req.root ?? '.');
  const { config } = loadConfig(root);
  const maxSize = req.maxFileSize ?? config.maxFileSize;

  // Walk first and start the workers now, so their start-up overlaps loading and compiling the rules.
  const index = indexedFiles(root);
  const walked: Array<Target & { guess: LanguageGuess }> = [];
  for (const t of targets(root, req.paths ?? [], config.exclude)) {
    const guess = guessLanguage(t, index);
    if (guess) walked.push({ ...t, guess });
  }
  // Before any thread compiles WASM (workers inherit process-wide V8 flags): see lang/wasm-flags.ts.
  tuneWasmCompiler(workloadFor(walked.reduce((n, t) => n + t.size, 0), LINT_SHORT_BELOW, 'long'));
  const workers = req.workers ?? (config.workers || availableParallelism());
  const threads = walked.length < MIN_POOL_FILES || workers <= 1 ? 0 : Math.min(workers, Math.ceil(walked.length / FILES_PER_THREAD)) - 1;
  const pool = threads > 0 ? startLintPool(threads) : undefined;
  try {
    return await lintWith(req, root, config, maxSize, walked, pool, t0);
  } finally {
    pool?.close();
  }
}

async function lintWith(
  req: LintRequest, root: string, config: ReturnType<typeof loadConfig>['config'], maxSize: number,
  walked: ReadonlyArray<Target & { guess: LanguageGuess }>, pool: LintPool | undefined, t0: number,
): Promise<LintResult> {
  const sel = await select(req, root, config.lint);
  const engineRules = sel.rules;

  // Per-file enabled rule sets, de-duplicated (most files share one).
  const setIndex = new Map<string, number>();
  const sets: string[][] = [];
  const trivial = sel.overrides.length === 0 && sel.disable.length === 0 && sel.base.size === engineRules.length;
  const tasks: LintTask[] = [];
  const skipped: LintResult['skipped'] = [];
  const langsWithRules = new Set(engineRules.flatMap((r) => r.languages));
  for (const t of walked) {
    if (!possibleLanguages(t.guess).some((l) => langsWithRules.has(l))) continue;
    if (t.size > maxSize) { skipped.push({ path: t.rel, reason: `too-large (${t.size} bytes > maxFileSize ${maxSize})` }); continue; }
    let set = -1;
    if (!trivial) {
      const ids = [...enabledFor(sel, t.rel)].sort();
      const key = ids.join('\n');
      let i = setIndex.get(key);
      if (i === undefined) { i = sets.length; sets.push(ids); setIndex.set(key, i); }
      set = i;
    }
    tasks.push({ abs: t.abs, rel: t.rel, lang: t.guess.lang, ...(t.guess.sniff ? { sniff: t.guess.sniff } : {}), size: t.size, set });
  }
  if (pool && tasks.length >= MIN_POOL_FILES) pool.prepare([...new Set(tasks.flatMap((t) => possibleLanguages({ lang: t.lang, from: 'path', ...(t.sniff ? { sniff: t.sniff } : {}) })))].filter((l) => langsWithRules.has(l)));
  // Grouped by language, the language with the fewest bytes first, largest file first within one (the
  // order claim.ts relies on: big files start early, the run ends on small files of a warm grammar).
  const langBytes = new Map<string, number>();
  for (const t of tasks) langBytes.set(t.lang, (langBytes.get(t.lang) ?? 0) + t.size);
  tasks.sort((a, b) => langBytes.get(a.lang)! - langBytes.get(b.lang)! || (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : b.size - a.size));

  const results: LintTaskResult[] = [];
  // The main thread lints too, with the queries checkRules compiled. Workers get the rules before that
  // check, so it overlaps their start; if it fails, the run fails and their work is dropped.
  const engine = new RuleEngine(engineRules);
  const setObjs = sets.map((s) => new Set(s));
  const local = (t: LintTask) => lintTask(engine, setObjs, t);
  if (!pool || tasks.length < MIN_POOL_FILES) {
    await checkRules(engineRules);
    for (const t of tasks) results.push(await local(t));
  } else {
    await pool.run(tasks, { rules: engineRules, sets }, (r) => results.push(...r), local, () => checkRules(engineRules));
  }
  results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const errors: LintResult['errors'] = [];
  let findings: Finding[] = [];
  let suppressed = 0;
  for (const r of results) {
    if (r.error) errors.push({ path: r.path, message: r.error });
    findings.push(...r.findings);
    suppressed += r.suppressed;
  }
  fingerprint(findings);

  let fixed = 0;
  if (req.fix) {
    const byPath = new Map<string, Finding[]>();
    for (const f of findings) if (f.fix) { const l = byPath.get(f.path) ?? []; l.push(f); byPath.set(f.path, l); }
    const absOf = new Map(tasks.map((t) => [t.rel, t.abs]));
    const done = new Set<Finding>();
    for (const [rel, fs] of byPath) {
      const abs = absOf.get(rel)!;
      const text = readFileSync(abs, 'utf8');
      // Apply only the edits that do not overlap (applyEdits skips the rest: they stay reported).
      const sorted = [...fs].sort((a, b) => b.fix!.start - a.fix!.start);
      const kept: Finding[] = [];
      let floor = Infinity;
      for (const f of sorted) if (f.fix!.end <= floor) { kept.push(f); floor = f.fix!.start; }
      const out = applyEdits(text, kept.map((f) => f.fix!));
      if (out.text !== text) writeFileSync(abs, out.text);
      for (const f of kept) done.add(f);
      fixed += kept.length;
    }
    findings = findings.filter((f) => !done.has(f));
  }

  let baselined = 0;
  let baselineWritten: string | undefined;
  if (req.writeBaseline) {
    if (!req.baseline) throw new AxError('E_USAGE', '--write-baseline needs --baseline FILE');
    const file = path.resolve(req.baseline);
    writeBaseline(file, findings);
    baselineWritten = file;
    baselined = findings.length;
    findings = [];
  } else if (req.baseline) {
    const file = path.resolve(req.baseline);
    if (!existsSync(file)) throw new AxError('E_USAGE', `baseline not found: ${req.baseline}`, { hint: 'create it with `ax lint --baseline FILE --write-baseline`' });
    const b = applyBaseline(findings, readBaseline(file));
    findings = b.fresh;
    baselined = b.baselined.length;
  }

  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const rules = engineRules
    .map((r) => ({ id: r.id, severity: r.severity, ...(r.pack ? { pack: r.pack } : {}), source: r.source, languages: r.languages }))
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || compareStrings(a.id, b.id));
  return {
    root, files: results.filter((r) => r.lang !== undefined).length, skipped, rules, findings, counts, suppressed, baselined, fixed,
    ...(baselineWritten ? { baselineWritten } : {}),
    errors, tookMs: Math.round(performance.now() - t0), ruleObjects: engineRules,
  };
}

export function lintSarif(r: LintResult, version: string): object {
  return toSarif(r.ruleObjects, r.findings, { version, rootUri: 'file://' + r.root.split(path.sep).map(encodeURIComponent).join('/') });
}

// ---- ax lint test ----------------------------------------------------------------------------

export interface RuleTestResult { id: string; source: string; valid: number; invalid: number; failures: string[] }

/** Check every rule's examples: valid ones produce no finding of the rule, invalid ones at least one (and the fixed text when `output` is given). */
export async function testRules(rules: readonly Rule[]): Promise<RuleTestResult[]> {
  const out: RuleTestResult[] = [];
  for (const rule of rules) {
    const engine = new RuleEngine([rule]);
    const failures: string[] = [];
    if (rule.examples.invalid.length === 0) failures.push('no invalid example (every rule needs at least one snippet it flags)');
    const run = async (code: string, lang: string) => (await engine.lint(lang, code, '<example>')).findings;
    for (const [i, ex] of rule.examples.valid.entries()) {
      const lang = ex.lang ?? rule.languages[0]!;
      const fs = await run(ex.code, lang);
      if (fs.length) failures.push(`valid[${i}] (${lang}) was flagged at ${fs[0]!.line}:${fs[0]!.col}: ${fs[0]!.message}\n      ${ex.code.split('\n')[fs[0]!.line - 1]?.trim() ?? ''}`);
    }
    for (const [i, ex] of rule.examples.invalid.entries()) {
      const lang = ex.lang ?? rule.languages[0]!;
      const fs = await run(ex.code, lang);
      if (fs.length === 0) { failures.push(`invalid[${i}] (${lang}) was not flagged:\n      ${ex.code.trim().split('\n').join('\n      ')}`); continue; }
      if (ex.output !== undefined) {
        const got = applyEdits(ex.code, fs.filter((f) => f.fix).map((f) => f.fix!)).text;
        if (got !== ex.output) failures.push(`invalid[${i}] (${lang}) fix produced ${JSON.stringify(got)}, expected ${JSON.stringify(ex.output)}`);
      }
    }
    out.push({ id: rule.id, source: rule.source, valid: rule.examples.valid.length, invalid: rule.examples.invalid.length, failures });
  }
  return out;
}

/** Load rules for `ax lint test`: the given files/folders, else every built-in pack. */
export async function loadRulesForTest(targets: readonly string[]): Promise<Rule[]> {
  if (targets.length === 0) return loadRuleSet(builtinPacks(), []);
  const rules: Rule[] = [];
  for (const t of targets) {
    if (!existsSync(t) && builtinPacks().includes(t)) rules.push(...await loadPack(t));
    else rules.push(...await loadRulesFrom(path.resolve(t)));
  }
  for (const r of rules) await checkRuleQueries(r);
  return rules;
}
