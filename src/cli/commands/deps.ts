// `ax deps PATH [--reverse] [--depth N]`: what a file imports (resolved to repository files) or what imports it.
import { defineCommand, JSON_FLAG, ROOT_FLAG } from '../spec.js';
import { paint, printJson, useColor } from '../output.js';
import { positiveInt } from './def.js';

interface Dep { module: string; path: string | null; line: number; resolution: string; children: Dep[] }

export const depsCommand = defineCommand({
  name: 'deps',
  summary: 'File dependencies: imports resolved to files, or (--reverse) importers',
  positionals: [{ name: 'PATH', description: 'A file of the repository' }],
  flags: [ROOT_FLAG, JSON_FLAG,
    { name: 'reverse', short: 'r', type: 'boolean', description: 'List the files that import PATH' },
    { name: 'depth', type: 'string', value: 'N', description: 'Levels to follow (default 1)' }],
  async run({ flags, positionals, stdout }) {
    const { AxError } = await import('../../core/errors.js');
    if (!positionals[0]) throw new AxError('E_USAGE', 'give a PATH');
    const { dependencies } = await import('../../services/navigate/index.js');
    const r = await dependencies({ ...(typeof flags.root === 'string' ? { root: flags.root } : {}), path: positionals[0], reverse: flags.reverse === true, depth: Math.max(1, positiveInt(flags.depth, 'depth', 1)) });
    if (flags.json) { printJson(stdout, r); return 0; }
    const c = paint(useColor(stdout));
    const out = [`${c.bold(r.path)}\n`];
    const fwd = (ds: Dep[], ind: string) => { for (const d of ds) { out.push(`${ind}-> ${d.path ? c.cyan(d.path) : c.dim('(external)')} ${c.dim(`${d.module} :${d.line}`)}\n`); fwd(d.children, ind + '    '); } };
    const rev = (ds: Array<{ path: string; line: number; module: string; children: unknown[] }>, ind: string) => { for (const d of ds) { out.push(`${ind}<- ${c.cyan(`${d.path}:${d.line}`)} ${c.dim(d.module)}\n`); rev(d.children as typeof ds, ind + '    '); } };
    if (r.imports) fwd(r.imports as Dep[], '  ');
    if (r.importedBy) rev(r.importedBy, '  ');
    stdout.write(out.join(''));
    return 0;
  },
});
