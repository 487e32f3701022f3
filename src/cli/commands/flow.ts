// `ax flow NAME | --at POS [--direction callers|callees|both] [--depth N]`: the call tree around a function.
import { AxError } from '../../core/errors.js';
import { defineCommand, JSON_FLAG, ROOT_FLAG } from '../spec.js';
import { paint, printJson, useColor } from '../output.js';
import { AT_FLAG, navTarget, positiveInt } from './def.js';

interface Node { path: string; line: number; column: number; name: string; kind: string; resolution: string; cycle?: boolean; callSite?: { path: string; line: number }; children: Node[] }

export const flowCommand = defineCommand({
  name: 'flow',
  summary: 'Call tree: who calls a function and what it calls',
  positionals: [{ name: 'NAME', description: 'Function name, optionally qualified', optional: true }],
  flags: [ROOT_FLAG, JSON_FLAG, AT_FLAG,
    { name: 'direction', type: 'string', value: 'DIR', description: 'callers, callees or both (default both)' },
    { name: 'depth', type: 'string', value: 'N', description: 'Levels to follow (default 1)' }],
  async run({ flags, positionals, stdout }) {
    const dir = flags.direction ?? 'both';
    if (dir !== 'callers' && dir !== 'callees' && dir !== 'both') throw new AxError('E_USAGE', `--direction must be callers, callees or both, got "${String(dir)}"`);
    const { flow } = await import('../../services/navigate/index.js');
    const r = await flow({ ...navTarget(flags, positionals), direction: dir, depth: Math.max(1, positiveInt(flags.depth, 'depth', 1)) });
    if (flags.json) { printJson(stdout, r); return 0; }
    if (!r.root) { stdout.write('no function found\n'); return 1; }
    const c = paint(useColor(stdout));
    const out: string[] = [];
    const print = (nodes: Node[], indent: string, arrow: string) => {
      for (const n of nodes) {
        const site = n.callSite ? c.dim(` (call at ${n.callSite.path}:${n.callSite.line})`) : '';
        out.push(`${indent}${arrow} ${c.bold(n.name)} ${c.dim(n.kind)} ${c.cyan(`${n.path}:${n.line}`)}${site} ${c.dim(`[${n.resolution}]`)}${n.cycle ? c.yellow(' (cycle)') : ''}\n`);
        print(n.children, indent + '    ', arrow);
      }
    };
    out.push(`${c.bold(r.root.name)} ${c.dim(r.root.kind)} ${c.cyan(`${r.root.path}:${r.root.line}`)}\n`);
    if (dir !== 'callees') { out.push('  callers:\n'); print(r.callers as Node[], '    ', '<-'); }
    if (dir !== 'callers') { out.push('  callees:\n'); print(r.callees as Node[], '    ', '->'); }
    stdout.write(out.join(''));
    return 0;
  },
});
