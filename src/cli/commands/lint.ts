// `ax lint [PATHS...]`: structural rules (Tree-sitter queries) over files on disk, grouped diagnostics
// with code frames, JSON or SARIF 2.1.0 for CI; `ax lint test [RULES...]` checks rules' examples.
import { writeFileSync } from 'node:fs';
import { AxError } from '../../core/errors.js';
import { defineCommand, JSON_FLAG } from '../spec.js';
import { paint, printJson, useColor } from '../output.js';

const FORMATS = ['text', 'json', 'sarif'] as const;

function list(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((s) => s.trim()).filter(Boolean);
}

export const lintCommand = defineCommand({
  name: 'lint',
  summary: 'Check code against structural rules (Tree-sitter queries); SARIF for CI',
  positionals: [{ name: 'PATHS', description: 'Files or folders to lint (default: the root); `test [RULES...]` checks rule examples', optional: true, variadic: true }],
  flags: [
    { name: 'rules', short: 'r', type: 'string', value: 'DIR|FILE', multiple: true, description: 'Rule file or folder (repeatable); replaces the config selection' },
    { name: 'pack', short: 'p', type: 'string', value: 'NAME', multiple: true, description: 'Built-in pack: common, javascript, python, go (repeatable, or comma-separated)' },
    { name: 'format', short: 'f', type: 'string', value: 'FMT', description: 'text (default), json or sarif' },
    { name: 'output', short: 'o', type: 'string', value: 'FILE', description: 'Write the report to FILE instead of stdout' },
    { name: 'fix', type: 'boolean', description: 'Apply the fixes of rules that have one, in place' },
    { name: 'baseline', type: 'string', value: 'FILE', description: 'Findings recorded in FILE do not count (do not fail CI)' },
    { name: 'write-baseline', type: 'boolean', description: 'Record the current findings in the --baseline FILE and exit 0' },
    { name: 'workers', type: 'string', value: 'N', description: 'Worker threads (default: the workers setting; 0 = one per core)' },
    { name: 'root', type: 'string', value: 'DIR', description: 'Project root: config and reported paths are relative to it (default: .)' },
    JSON_FLAG,
  ],
  details: [
    'Exit status: 1 when a finding of severity error remains (after suppressions and the baseline), else 0.',
    'Suppress in code with a comment: `ax-ignore-next-line RULE` or `ax-ignore-file RULE` (any comment syntax).',
    'Without --rules/--pack the `lint` setting of ax.config.json decides (default: every built-in pack).',
    'Examples:',
    '  ax lint src --pack javascript,common',
    '  ax lint --format sarif -o ax.sarif            # upload with github/codeql-action/upload-sarif',
    '  ax lint --baseline .ax-baseline.json --write-baseline   # then: ax lint --baseline .ax-baseline.json',
    '  ax lint test my-rules/                        # check rule examples',
    'See docs/lint.md.',
  ].join('\n'),
  async run({ flags, positionals, stdout }) {
    const svc = await import('../../services/lint/index.js');
    const format = flags.json ? 'json' : (typeof flags.format === 'string' ? flags.format : 'text');
    if (!(FORMATS as readonly string[]).includes(format)) throw new AxError('E_USAGE', `--format must be one of ${FORMATS.join(', ')}, got "${format}"`);
    const c = paint(useColor(stdout) && !flags.output);
    const emit = (s: string) => { if (typeof flags.output === 'string') writeFileSync(flags.output, s); else stdout.write(s); };

    if (positionals[0] === 'test') {
      const rules = await svc.loadRulesForTest(positionals.slice(1));
      const results = await svc.testRules(rules);
      const failed = results.filter((r) => r.failures.length);
      if (format === 'json') { emit(JSON.stringify({ rules: results.length, failed: failed.length, results }, null, 2) + '\n'); return failed.length ? 1 : 0; }
      let out = '';
      for (const r of results) {
        out += `${r.failures.length ? c.red('FAIL') : c.green('ok  ')} ${r.id} ${c.dim(`(${r.valid} valid, ${r.invalid} invalid; ${r.source})`)}\n`;
        for (const f of r.failures) out += `     ${f}\n`;
      }
      out += `\n${results.length - failed.length}/${results.length} rules pass their examples\n`;
      emit(out);
      return failed.length ? 1 : 0;
    }

    let workers: number | undefined;
    if (flags.workers !== undefined) {
      workers = Number(flags.workers);
      if (!Number.isInteger(workers) || workers < 0) throw new AxError('E_USAGE', `--workers must be a non-negative integer, got "${String(flags.workers)}"`);
      if (workers === 0) workers = undefined;
    }
    const r = await svc.lint({
      paths: positionals,
      ...(typeof flags.root === 'string' ? { root: flags.root } : {}),
      packs: list(flags.pack),
      rules: list(flags.rules),
      fix: flags.fix === true,
      ...(typeof flags.baseline === 'string' ? { baseline: flags.baseline } : {}),
      writeBaseline: flags['write-baseline'] === true,
      ...(workers !== undefined ? { workers } : {}),
    });
    const code = r.counts.error > 0 ? 1 : 0;
    if (format === 'sarif') {
      const { VERSION } = await import('../main.js');
      emit(JSON.stringify(svc.lintSarif(r, VERSION), null, 2) + '\n');
      return code;
    }
    const { ruleObjects: _rules, ...json } = r;
    if (format === 'json') {
      if (typeof flags.output === 'string') emit(JSON.stringify(json, null, 2) + '\n'); else printJson(stdout, json);
      return code;
    }

    const sev = { error: c.red('error'), warning: c.yellow('warning'), info: c.cyan('info') };
    let out = '';
    let last = '';
    for (const f of r.findings) {
      if (f.path !== last) { out += `${last ? '\n' : ''}${c.magenta(f.path)}\n`; last = f.path; }
      out += `  ${c.dim(`${f.line}:${f.col}`.padEnd(8))} ${sev[f.severity]}${' '.repeat(8 - f.severity.length)} ${f.message}  ${c.dim(f.rule)}\n`;
      const gutter = String(f.line);
      const prefix = f.source.slice(0, f.col - 1).replace(/[^\t]/g, ' ');
      const width = Math.max(1, (f.endLine === f.line ? f.endCol : f.source.length + 1) - f.col);
      out += `    ${c.dim(`${gutter} |`)} ${f.source}\n`;
      out += `    ${' '.repeat(gutter.length)} ${c.dim('|')} ${prefix}${c.red('^'.repeat(Math.min(width, 200)))}\n`;
    }
    const total = r.counts.error + r.counts.warning + r.counts.info;
    const files = new Set(r.findings.map((f) => f.path)).size;
    out += `${total ? '\n' : ''}${total ? c.bold(`${total} problem(s)`) : c.green('no problems')} (${r.counts.error} error, ${r.counts.warning} warning, ${r.counts.info} info)${total ? ` in ${files} file(s)` : ''}`;
    out += c.dim(` · ${r.files} file(s) checked, ${r.rules.length} rule(s), ${r.tookMs} ms`) + '\n';
    const notes: string[] = [];
    if (r.suppressed) notes.push(`${r.suppressed} suppressed by comments`);
    if (r.baselined) notes.push(r.baselineWritten ? `${r.baselined} finding(s) written to baseline ${r.baselineWritten}` : `${r.baselined} accepted by the baseline`);
    if (r.fixed) notes.push(`${r.fixed} fixed`);
    if (r.skipped.length) notes.push(`${r.skipped.length} file(s) skipped (too large)`);
    if (r.errors.length) notes.push(`${r.errors.length} file(s) failed: ${r.errors.slice(0, 3).map((e) => `${e.path} (${e.message})`).join('; ')}`);
    if (notes.length) out += c.dim(`  ${notes.join(', ')}`) + '\n';
    emit(out);
    return code;
  },
});
