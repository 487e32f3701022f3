// `ax refs NAME | --at PATH:LINE:COL`: every reference to a definition (scope-aware where possible).
import { defineCommand, JSON_FLAG, ROOT_FLAG } from '../spec.js';
import { paint, printJson, useColor } from '../output.js';
import { AT_FLAG, LIMIT_FLAG, navTarget, positiveInt } from './def.js';

export const refsCommand = defineCommand({
  name: 'refs',
  summary: 'Find references: by name or to the definition at a position',
  positionals: [{ name: 'NAME', description: 'Symbol name (a qualified name picks one definition)', optional: true }],
  flags: [ROOT_FLAG, JSON_FLAG, AT_FLAG, LIMIT_FLAG],
  details: 'A bare NAME lists every use of the identifier (resolution "name"); --at and qualified names\nresolve the definition first and keep only the uses that resolve to it.',
  async run({ flags, positionals, stdout }) {
    const { references } = await import('../../services/navigate/index.js');
    const r = await references({ ...navTarget(flags, positionals), limit: positiveInt(flags.limit, 'limit', 0) });
    if (flags.json) { printJson(stdout, r); return 0; }
    const c = paint(useColor(stdout));
    // One write: a line per write(2) was ~4 ms of a 600-hit answer in a fresh process.
    const lines = r.results.map((h) => `${c.cyan(`${h.path}:${h.line}:${h.column}`)} ${h.context} ${c.dim(`[${h.resolution}]`)}\n`);
    stdout.write(lines.join('') + c.dim(`${r.results.length} reference(s)\n`));
    return 0;
  },
});
