// `ax config show|init|validate`.
import { AxError } from '../../core/errors.js';
import { defineCommand, JSON_FLAG, ROOT_FLAG } from '../spec.js';
import { printJson } from '../output.js';

export const configCommand = defineCommand({
  name: 'config',
  summary: 'Show, create or validate configuration (show | init | validate)',
  positionals: [{ name: 'ACTION', description: 'show (effective settings and where each came from), init, validate' }],
  flags: [ROOT_FLAG, JSON_FLAG],
  details: 'Precedence: defaults < ax.config.json < .ax/config.json < AX_* environment < flags.',
  async run({ flags, positionals, stdout }) {
    const { loadConfig, initConfig, settingsTable } = await import('../../services/config.js');
    const root = typeof flags.root === 'string' ? flags.root : process.cwd();
    const action = positionals[0];
    if (action === 'init') {
      const file = initConfig(root);
      if (flags.json) printJson(stdout, { created: file }); else stdout.write(`created ${file}\n`);
      return 0;
    }
    if (action === 'show' || action === 'validate') {
      const { config, sources } = loadConfig(root);
      if (action === 'validate') {
        if (flags.json) printJson(stdout, { valid: true, sources }); else stdout.write(`configuration is valid (${sources.map((s) => s.source).join(' < ')})\n`);
        return 0;
      }
      if (flags.json) { printJson(stdout, { config, sources }); return 0; }
      for (const s of settingsTable()) {
        const from = [...sources].reverse().find((src) => src.keys.includes(s.key))?.source ?? 'defaults';
        stdout.write(`${s.key.padEnd(14)} ${JSON.stringify((config as unknown as Record<string, unknown>)[s.key]).padEnd(12)} ${from}   (${s.env}) ${s.description}\n`);
      }
      return 0;
    }
    throw new AxError('E_USAGE', `unknown config action "${action}"`, { hint: 'use show, init or validate' });
  },
});
