// `npm run bench -- lint`: `ax lint` beside ast-grep (`ast-grep scan`, from the @ast-grep/cli npm
// package) running equivalent 5-rule sets on the same tree in the same run, alternating (ax, ast-grep,
// ax, ...) so machine drift hits both alike: C rules over `linux`, JavaScript/TypeScript rules over
// `node-mix`. Reports wall time (p50), the ax ÷ ast-grep ratio, and findings agreement (rule, path,
// line, column) with examples of every disagreement kind.
//
// Scope: the linux tree is bounded to a few subsystems by default (the full tree takes many minutes
// per tool on a shared 2-core machine); AX_BENCH_LINT_FULL=1 runs whole trees. Both tools get the same
// paths; ax runs with maxFileSize raised so it skips nothing ast-grep reads.
//
// Each sample records wall time and CPU time (user + sys of the process and its threads): on a loaded
// machine the wall ratio drifts with the load, the CPU ratio much less. AX_BENCH_LINT_BEFORE=PATH
// (another checkout's bin/ax.cjs) adds that build to the same alternation, for before/after ratios.

import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AX_BIN, corpus, metric, sample, stats, timeCommand, type Suite } from '../harness.js';

interface BenchRule {
  id: string;
  /** ax languages and query (one query for all). */
  languages: string[];
  query: string;
  /** The ast-grep `rule:` object (same for every language). */
  sg: Record<string, unknown>;
}

const C_RULES: BenchRule[] = [
  { id: 'c-goto', languages: ['c'], query: '(goto_statement) @match', sg: { kind: 'goto_statement' } },
  {
    id: 'c-unsafe-string', languages: ['c'],
    query: '(call_expression function: (identifier) @f (#match? @f "^(strcpy|strcat|sprintf|gets)$")) @match',
    sg: { kind: 'call_expression', has: { field: 'function', kind: 'identifier', regex: '^(strcpy|strcat|sprintf|gets)$' } },
  },
  { id: 'c-todo', languages: ['c'], query: '((comment) @match (#match? @match "TODO|FIXME"))', sg: { kind: 'comment', regex: 'TODO|FIXME' } },
  {
    id: 'c-return-paren', languages: ['c'],
    query: '(return_statement (parenthesized_expression)) @match',
    sg: { kind: 'return_statement', has: { kind: 'parenthesized_expression' } },
  },
  {
    id: 'c-while-one', languages: ['c'],
    query: '(while_statement condition: (parenthesized_expression (number_literal) @n) (#eq? @n "1")) @match',
    sg: { kind: 'while_statement', has: { field: 'condition', kind: 'parenthesized_expression', has: { kind: 'number_literal', regex: '^1$' } } },
  },
];

const JS = ['javascript', 'typescript', 'tsx'];
const JS_RULES: BenchRule[] = [
  { id: 'js-debugger', languages: JS, query: '(debugger_statement) @match', sg: { kind: 'debugger_statement' } },
  {
    id: 'js-console-log', languages: JS,
    query: '(call_expression function: (member_expression object: (identifier) @o property: (property_identifier) @p) (#eq? @o "console") (#eq? @p "log")) @match',
    sg: {
      kind: 'call_expression',
      has: { field: 'function', kind: 'member_expression', all: [
        { has: { field: 'object', kind: 'identifier', regex: '^console$' } },
        { has: { field: 'property', kind: 'property_identifier', regex: '^log$' } },
      ] },
    },
  },
  {
    id: 'js-eval', languages: JS,
    query: '(call_expression function: (identifier) @f (#eq? @f "eval")) @match',
    sg: { kind: 'call_expression', has: { field: 'function', kind: 'identifier', regex: '^eval$' } },
  },
  { id: 'js-var', languages: JS, query: '(variable_declaration) @match', sg: { kind: 'variable_declaration' } },
  { id: 'js-todo', languages: JS, query: '((comment) @match (#match? @match "TODO|FIXME"))', sg: { kind: 'comment', regex: 'TODO|FIXME' } },
];

const SG_LANG: Record<string, string> = { c: 'C', javascript: 'JavaScript', typescript: 'TypeScript', tsx: 'Tsx' };

interface Plan { rules: BenchRule[]; scope: string[] }
const PLANS: Record<string, Plan> = {
  linux: { rules: C_RULES, scope: ['kernel', 'mm', 'lib', 'fs/ext4', 'net/ipv4'] },
  'node-mix': {
    rules: JS_RULES,
    scope: ['eslint-8.57.0', 'axios-1.7.2', 'express-4.19.2', 'graphql-16.8.1', 'react-dom-18.3.1', 'svelte-4.2.17', 'tanstack-query-core-5.40.0', 'webpack-5.91.0', 'zod-3.23.8'],
  },
};

/** Write both tools' rule files for a plan; returns [ax rules dir, ast-grep sgconfig.yml]. */
function writeRules(work: string, name: string, rules: BenchRule[]): [string, string] {
  const axDir = path.join(work, `${name}-ax-rules`);
  const sgDir = path.join(work, `${name}-sg`);
  rmSync(axDir, { recursive: true, force: true });
  rmSync(sgDir, { recursive: true, force: true });
  mkdirSync(axDir, { recursive: true });
  mkdirSync(path.join(sgDir, 'rules'), { recursive: true });
  for (const r of rules) {
    writeFileSync(path.join(axDir, `${r.id}.json`), JSON.stringify({ id: r.id, languages: r.languages, severity: 'warning', message: r.id, query: r.query }, null, 2));
    // YAML is a superset of JSON: one document per language, ids suffixed with the language.
    const docs = r.languages.map((l) => JSON.stringify({ id: `${r.id}--${l}`, language: SG_LANG[l], severity: 'warning', message: r.id, rule: r.sg }));
    writeFileSync(path.join(sgDir, 'rules', `${r.id}.yml`), docs.join('\n---\n') + '\n');
  }
  const conf = path.join(sgDir, 'sgconfig.yml');
  writeFileSync(conf, 'ruleDirs: [rules]\n');
  return [axDir, conf];
}

function astGrepBin(): string | undefined {
  const require = createRequire(import.meta.url);
  try {
    const dir = path.dirname(require.resolve('@ast-grep/cli-linux-x64-gnu/package.json'));
    const bin = path.join(dir, 'ast-grep');
    return existsSync(bin) ? bin : undefined;
  } catch { return undefined; }
}

type Key = string;

function axFindings(stdout: string): Key[] {
  const j = JSON.parse(stdout) as { findings: Array<{ rule: string; path: string; line: number; col: number }> };
  return j.findings.map((f) => `${f.rule}|${f.path}|${f.line}|${f.col}`);
}

function sgFindings(stdout: string): Key[] {
  const out: Key[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    const m = JSON.parse(line) as { ruleId: string; file: string; range: { start: { line: number; column: number } } };
    out.push(`${m.ruleId.replace(/--[a-z]+$/, '')}|${m.file.replace(/^\.\//, '')}|${m.range.start.line + 1}|${m.range.start.column + 1}`);
  }
  return out;
}

function compare(ax: Key[], sg: Key[]) {
  const a = new Set(ax), s = new Set(sg);
  const both = [...a].filter((k) => s.has(k));
  const onlyAx = [...a].filter((k) => !s.has(k));
  const onlySg = [...s].filter((k) => !a.has(k));
  const union = a.size + s.size - both.length;
  const byRule: Record<string, { ax: number; astGrep: number; both: number }> = {};
  const bump = (k: Key, f: 'ax' | 'astGrep' | 'both') => { const r = k.split('|')[0]!; (byRule[r] ??= { ax: 0, astGrep: 0, both: 0 })[f]++; };
  for (const k of a) bump(k, 'ax');
  for (const k of s) bump(k, 'astGrep');
  for (const k of both) bump(k, 'both');
  return {
    ax: a.size, astGrep: s.size, both: both.length, onlyAx: onlyAx.length, onlyAstGrep: onlySg.length,
    agreement: union === 0 ? 1 : Math.round((both.length / union) * 10000) / 10000,
    byRule, examplesOnlyAx: onlyAx.slice(0, 10), examplesOnlyAstGrep: onlySg.slice(0, 10),
  };
}

export const suite: Suite = {
  name: 'lint',
  description: 'ax lint vs ast-grep scan: equivalent 5-rule sets (C on linux, JS/TS on node-mix): wall time ratio, findings agreement',
  async run(ctx) {
    const names = ctx.corpora ?? (ctx.quick ? ['node-mix'] : ['linux', 'node-mix']);
    const sg = astGrepBin();
    if (!sg) throw new Error('ast-grep not found: npm install (devDependency @ast-grep/cli ships @ast-grep/cli-linux-x64-gnu)');
    const sgVersion = timeCommand(sg, ['--version']).stdout.trim();
    const work = path.join(tmpdir(), 'ax-bench-lint');
    mkdirSync(work, { recursive: true });
    const full = process.env.AX_BENCH_LINT_FULL === '1';
    const results: Record<string, unknown> = { astGrep: sgVersion };
    const before = process.env.AX_BENCH_LINT_BEFORE;
    if (before && !existsSync(before)) throw new Error(`AX_BENCH_LINT_BEFORE: ${before} not found`);
    if (before) results.before = before;
    const report = [
      `ast-grep: ${sgVersion} (npm @ast-grep/cli); both tools use every core (ast-grep -j 0, ax one worker per core).`,
      ...(before ? [`before: ${before} (same alternation)`] : []),
      '',
      '| corpus | scope | rules | ax p50 wall (s) | ast-grep p50 wall (s) | ax ÷ ast-grep wall | ax ÷ ast-grep CPU |' + (before ? ' before ÷ ast-grep wall | before ÷ ast-grep CPU |' : '') + ' ax findings | ast-grep findings | same | agreement |',
      '|---|---|---:|---:|---:|---:|---:|' + (before ? '---:|---:|' : '') + '---:|---:|---:|---:|',
    ];
    for (const name of names) {
      const plan = PLANS[name];
      if (!plan) { ctx.log(`no lint plan for corpus ${name} (have: ${Object.keys(PLANS).join(', ')})`); continue; }
      const root = corpus(name);
      const scope = full ? ['.'] : (ctx.quick ? plan.scope.slice(0, 1) : plan.scope).filter((p) => existsSync(path.join(root, p)));
      const [axRules, sgConf] = writeRules(work, name, plan.rules);
      const reps = ctx.reps ?? (ctx.quick ? 1 : 3);
      const wall: Record<string, number[]> = { ax: [], astGrep: [], before: [] };
      const cpu: Record<string, number[]> = { ax: [], astGrep: [], before: [] };
      let axKeys: Key[] = [], sgKeys: Key[] = [], beforeKeys: Key[] = [];
      let axFiles = 0;
      const env = { ...process.env, AX_MAX_FILE_SIZE: String(1 << 30), NO_COLOR: '1' };
      const axArgs = [...scope, '--rules', axRules, '--root', root, '--format', 'json'];
      const runAx = (bin: string, key: 'ax' | 'before'): Key[] => {
        const a = sample(process.execPath, [bin, 'lint', ...axArgs], { cwd: root, env });
        if (a.status !== 0 && a.status !== 1) throw new Error(`${key} lint exited ${a.status}: ${a.stderr.slice(0, 2000)}`);
        wall[key]!.push(a.wallMs);
        cpu[key]!.push(a.cpuMs);
        if (key === 'ax') axFiles = (JSON.parse(a.stdout) as { files: number }).files;
        return axFindings(a.stdout);
      };
      // Rotate the starting tool each rep so none always runs first.
      const steps: Array<() => void> = [
        () => { ctx.log(`${name}: ax lint over ${scope.join(' ')}`); axKeys = runAx(AX_BIN, 'ax'); },
        () => {
          ctx.log(`${name}: ast-grep scan`);
          const s = sample(sg, ['scan', '-c', sgConf, '--json=stream', '--no-ignore', 'hidden', '--no-ignore', 'vcs', ...scope], { cwd: root, env });
          if (s.status !== 0 && s.status !== 1) throw new Error(`ast-grep exited ${s.status}: ${s.stderr.slice(0, 2000)}`);
          wall.astGrep!.push(s.wallMs);
          cpu.astGrep!.push(s.cpuMs);
          sgKeys = sgFindings(s.stdout);
        },
        ...(before ? [() => { ctx.log(`${name}: before: ax lint`); beforeKeys = runAx(before, 'before'); }] : []),
      ];
      for (let r = 0; r < reps; r++) {
        ctx.log(`${name}: rep ${r + 1}/${reps}`);
        for (let k = 0; k < steps.length; k++) steps[(r + k) % steps.length]!();
      }
      const ax = stats(wall.ax!), ag = stats(wall.astGrep!);
      const ratio = (a: number[], b: number[]) => Math.round((stats(a).p50 / stats(b).p50) * 100) / 100;
      const cmp = compare(axKeys, sgKeys);
      const wallRatio = ratio(wall.ax!, wall.astGrep!);
      const cpuRatio = ratio(cpu.ax!, cpu.astGrep!);
      const beforeRatios = before ? { wall: ratio(wall.before!, wall.astGrep!), cpu: ratio(cpu.before!, cpu.astGrep!), sameFindingsAsAx: compare(beforeKeys, axKeys).agreement } : undefined;
      results[name] = {
        scope, files: axFiles, rules: plan.rules.map((r) => r.id), reps,
        axMs: metric(wall.ax!, 'ms'), astGrepMs: metric(wall.astGrep!, 'ms'),
        axCpuMs: metric(cpu.ax!, 'ms'), astGrepCpuMs: metric(cpu.astGrep!, 'ms'),
        ...(before ? { beforeMs: metric(wall.before!, 'ms'), beforeCpuMs: metric(cpu.before!, 'ms') } : {}),
        ratio: wallRatio, ratios: { wall: wallRatio, cpu: cpuRatio, ...(beforeRatios ? { beforeWall: beforeRatios.wall, beforeCpu: beforeRatios.cpu } : {}) },
        ...(beforeRatios ? { beforeSameFindingsAsAx: beforeRatios.sameFindingsAsAx } : {}),
        findings: cmp,
      };
      const extra = beforeRatios ? ` ${beforeRatios.wall} | ${beforeRatios.cpu} |` : '';
      report.push(`| ${name} | ${scope.join(' ')} (${axFiles} files) | ${plan.rules.length} | ${(ax.p50 / 1000).toFixed(2)} | ${(ag.p50 / 1000).toFixed(2)} | ${wallRatio} | ${cpuRatio} |${extra} ${cmp.ax} | ${cmp.astGrep} | ${cmp.both} | ${(cmp.agreement * 100).toFixed(2)}% |`);
      for (const [rule, c] of Object.entries(cmp.byRule)) report.push(`|  | ${rule} | | | | | |${before ? ' | |' : ''} ${c.ax} | ${c.astGrep} | ${c.both} | |`);
    }
    report.push('', 'Agreement = findings with the same (rule, path, line, column) ÷ findings reported by either tool.');
    return { suite: 'lint', results, report };
  },
};
