// Run a rule set over one file's text: per language, every rule's query is concatenated into one
// combined Tree-sitter query (one tree traversal however many rules; pattern index -> rule), matches
// become findings with interpolated messages and fix edits, duplicates (alternations matching one node)
// collapse, and suppression comments apply. Used by the worker threads and in-process for small runs.
//
// A file is parsed only when some pattern can match it: its rule is on for the file and its text gate
// passes (gate.ts: a literal its predicates need is present). Otherwise the file costs a few substring
// searches. When some pattern can match, the whole combined query runs: compiling a query per subset
// of patterns would cost more than it saves (one compile takes 20-100 ms on the TypeScript grammars,
// most of it Tree-sitter's grammar analysis; measured on node-mix, 30 subset compiles took longer than
// the matches they avoided).

import type { CompiledQuery, RawCapture, RawMatch } from '../../lang/query-runner.js';
import { compileQuery, runQueries } from '../../lang/query-runner.js';
import { compareStrings } from '../../core/types.js';
import { patternGate, type Gate } from './gate.js';
import type { Rule, Severity } from './schema.js';
import { isSuppressed, parseSuppressions } from './suppress.js';

export interface FixEdit { start: number; end: number; text: string }

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  path: string;
  lang: string;
  /** 1-based; columns in UTF-16 code units (SARIF's default column kind). */
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  /** UTF-16 offsets of the reported node. */
  start: number;
  end: number;
  /** The reported node's first line, for code frames. */
  source: string;
  /** Whitespace-collapsed text of the reported node (at most 200 chars): the baseline fingerprint's input. */
  matched: string;
  fix?: FixEdit;
  fingerprint?: string;
}

/** `parsed` is false when no pattern could match the text, so the file was not parsed. */
export interface FileLint { findings: Finding[]; suppressed: number; parsed: boolean }

interface LangPlan {
  query: CompiledQuery;
  ruleOfPattern: number[];
  /** Per pattern: its text gate (undefined: always runs). */
  gates: Array<Gate | undefined>;
}

function captureText(text: string, c: RawCapture): string {
  return text.slice(c.start, c.end);
}

function shortText(s: string): string {
  const first = s.split('\n')[0]!.trim();
  const more = first.length > 80 || s.includes('\n');
  return more ? first.slice(0, 80) + '…' : first;
}

export function interpolate(template: string, match: RawMatch, text: string, short: boolean): string {
  return template.replace(/\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g, (all, name: string) => {
    const c = match.captures.find((x) => x.name === name);
    if (!c) return all;
    const t = captureText(text, c);
    return short ? shortText(t) : t;
  });
}

/** The node a match reports: @match, else the widest capture. */
function reported(m: RawMatch): RawCapture | undefined {
  const named = m.captures.find((c) => c.name === 'match');
  if (named) return named;
  let best: RawCapture | undefined;
  for (const c of m.captures) if (!best || c.end - c.start > best.end - best.start) best = c;
  return best;
}

/** A fix edit; an empty replacement of a node alone on its line(s) removes the line(s). */
export function fixEdit(text: string, start: number, end: number, replacement: string): FixEdit {
  if (replacement === '') {
    const ls = text.lastIndexOf('\n', start - 1) + 1;
    let le = text.indexOf('\n', end);
    if (le < 0) le = text.length;
    if (/^[ \t]*$/.test(text.slice(ls, start)) && /^[ \t;]*\r?$/.test(text.slice(end, le))) {
      return { start: ls, end: le < text.length ? le + 1 : le, text: '' };
    }
  }
  return { start, end, text: replacement };
}

/**
 * The one query a language runs: every rule's query for it, in rule order. A pattern belongs to the
 * rule whose span holds the pattern's start. (loader.ts compiles the same text to validate a rule set,
 * so the engine in the same thread finds it compiled.)
 */
export function combinedQuery(rules: readonly Rule[], lang: string): { source: string; spans: Array<{ from: number; rule: number }> } {
  const spans: Array<{ from: number; rule: number }> = [];
  let source = '';
  rules.forEach((r, i) => {
    const q = r.queries[lang];
    if (q === undefined) return;
    spans.push({ from: source.length, rule: i });
    source += q + '\n';
  });
  return { source, spans };
}

export class RuleEngine {
  private readonly plans = new Map<string, Promise<LangPlan | undefined>>();

  constructor(readonly rules: readonly Rule[]) {}

  private async buildPlan(lang: string): Promise<LangPlan | undefined> {
    const { source, spans } = combinedQuery(this.rules, lang);
    if (spans.length === 0) return undefined;
    const query = await compileQuery(lang, source);
    // Pattern positions are UTF-8 byte offsets into the source.
    const bytes = Buffer.from(source, 'utf8');
    const byteStarts = spans.map((s) => Buffer.byteLength(source.slice(0, s.from), 'utf8'));
    const ruleOfPattern: number[] = [];
    const gates: LangPlan['gates'] = [];
    for (let p = 0; p < query.patternCount; p++) {
      const at = query.query.startIndexForPattern(p);
      let rule = spans[0]!.rule;
      spans.forEach((s, i) => { if (byteStarts[i]! <= at) rule = s.rule; });
      ruleOfPattern.push(rule);
      gates.push(patternGate(query.query, p, bytes.subarray(at, query.query.endIndexForPattern(p)).toString('utf8')));
    }
    return { query, ruleOfPattern, gates };
  }

  private plan(lang: string): Promise<LangPlan | undefined> {
    let p = this.plans.get(lang);
    if (!p) { p = this.buildPlan(lang); this.plans.set(lang, p); }
    return p;
  }

  /** Whether some pattern of an enabled rule has its text gate pass (ungated patterns always do). */
  private canMatch(plan: LangPlan, text: string, enabled?: ReadonlySet<string>): boolean {
    for (let p = 0; p < plan.ruleOfPattern.length; p++) {
      if (enabled && !enabled.has(this.rules[plan.ruleOfPattern[p]!]!.id)) continue;
      const gate = plan.gates[p];
      if (!gate || gate(text)) return true;
    }
    return false;
  }

  /** Whether any rule targets this language. */
  handles(lang: string): boolean {
    return this.rules.some((r) => r.queries[lang] !== undefined);
  }

  async lint(lang: string, text: string, path: string, enabled?: ReadonlySet<string>): Promise<FileLint> {
    const plan = await this.plan(lang);
    if (!plan || !this.canMatch(plan, text, enabled)) return { findings: [], suppressed: 0, parsed: false };
    const [matches] = await runQueries(lang, text, [plan.query]);
    const sup = parseSuppressions(text);
    const seen = new Set<string>();
    const findings: Finding[] = [];
    let suppressed = 0;
    let lineStarts: number[] | undefined;
    for (const m of matches!) {
      const ri = plan.ruleOfPattern[m.pattern];
      if (ri === undefined) continue;
      const rule = this.rules[ri]!;
      if (enabled && !enabled.has(rule.id)) continue;
      const node = reported(m);
      if (!node) continue;
      const key = `${ri}:${node.start}:${node.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (isSuppressed(sup, rule.id, node.startRow + 1)) { suppressed++; continue; }
      lineStarts ??= starts(text);
      const ls = lineStarts[node.startRow] ?? 0;
      const endRow = rowOf(lineStarts, node.end, node.startRow);
      const le = text.indexOf('\n', ls);
      const nodeText = captureText(text, node);
      const f: Finding = {
        rule: rule.id,
        severity: rule.severity,
        message: interpolate(rule.message, m, text, true),
        path,
        lang,
        line: node.startRow + 1,
        col: node.startCol + 1,
        endLine: endRow + 1,
        endCol: node.end - lineStarts[endRow]! + 1,
        start: node.start,
        end: node.end,
        source: text.slice(ls, le < 0 ? text.length : le).replace(/\r$/, '').slice(0, 400),
        matched: nodeText.replace(/\s+/g, ' ').trim().slice(0, 200),
      };
      if (rule.fix !== undefined) {
        const target = m.captures.find((c) => c.name === 'fix') ?? node;
        f.fix = fixEdit(text, target.start, target.end, interpolate(rule.fix, m, text, false));
      }
      findings.push(f);
    }
    findings.sort((a, b) => a.start - b.start || compareStrings(a.rule, b.rule));
    return { findings, suppressed, parsed: true };
  }
}

/** The 0-based row holding offset `at` (searching forward from `from`). */
function rowOf(starts: readonly number[], at: number, from: number): number {
  let lo = from, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid; else hi = mid - 1;
  }
  return lo;
}

function starts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}
