// `ax def NAME | --at PATH:LINE:COL`: where something is defined, best first, with how it was resolved.
import { AxError } from '../../core/errors.js';
import { defineCommand, JSON_FLAG, ROOT_FLAG, type FlagSpec } from '../spec.js';
import { paint, printJson, useColor } from '../output.js';

export const AT_FLAG: FlagSpec = { name: 'at', type: 'string', value: 'PATH:LINE:COL', description: 'The identifier at this position (1-based line and column)' };
export const LIMIT_FLAG: FlagSpec = { name: 'limit', short: 'n', type: 'string', value: 'N', description: 'Results to show (0: all)' };

export function positiveInt(v: unknown, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new AxError('E_USAGE', `--${name} must be a non-negative integer, got "${String(v)}"`);
  return n;
}

export function navTarget(flags: Record<string, unknown>, positionals: string[]): { root?: string; name?: string; at?: string } {
  const at = typeof flags.at === 'string' ? flags.at : undefined;
  const name = positionals[0];
  if (!at && !name) throw new AxError('E_USAGE', 'give a NAME or --at PATH:LINE:COL');
  return { ...(typeof flags.root === 'string' ? { root: flags.root } : {}), ...(at ? { at } : { name: name! }) };
}

export const defCommand = defineCommand({
  name: 'def',
  summary: 'Go to definition: by name (Class.method, pkg.Func) or at a position',
  positionals: [{ name: 'NAME', description: 'Symbol name, optionally qualified', optional: true }],
  flags: [ROOT_FLAG, JSON_FLAG, AT_FLAG, LIMIT_FLAG],
  details: 'Each result says how it was found: scope (declaration in scope or member of a known type),\nimport (followed through imports/re-exports) or name (name matching, ranked by proximity).',
  async run({ flags, positionals, stdout }) {
    const { definitions } = await import('../../services/navigate/index.js');
    const r = await definitions({ ...navTarget(flags, positionals), limit: positiveInt(flags.limit, 'limit', 20) });
    if (flags.json) { printJson(stdout, r); return 0; }
    if (r.results.length === 0) { stdout.write('no definition found (`ax find NAME` searches text)\n'); return 1; }
    const c = paint(useColor(stdout));
    const { readContext } = await import('../../services/navigate/context.js');
    const out: string[] = [];
    for (const d of r.results) {
      out.push(`${c.cyan(`${d.path}:${d.line}:${d.column}`)} ${c.dim(d.kind)} ${c.bold(d.container ? `${d.container}.${d.name}` : d.name)} ${c.dim(`[${d.resolution}]`)}\n`);
      for (const l of readContext(typeof flags.root === 'string' ? flags.root : undefined, d.path, d.line, 2)) out.push(`    ${l}\n`);
    }
    stdout.write(out.join(''));
    return 0;
  },
});
