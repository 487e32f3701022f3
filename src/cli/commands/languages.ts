// `ax languages`: the supported languages, how files are recognised, and which facts each yields.
import { defineCommand, JSON_FLAG } from '../spec.js';
import { paint, printJson, useColor } from '../output.js';

export const languagesCommand = defineCommand({
  name: 'languages',
  summary: 'List supported languages, their file patterns and capabilities (defs, refs, imports, calls)',
  flags: [JSON_FLAG, { name: 'check', type: 'boolean', description: 'Load every grammar and report the ones that fail' }],
  async run({ flags, stdout }) {
    const { listLanguages, checkGrammars } = await import('../../services/languages.js');
    const langs = flags.check ? await checkGrammars() : listLanguages();
    if (flags.json) { printJson(stdout, { languages: langs }); return 0; }
    const c = paint(useColor(stdout));
    stdout.write(`${c.bold(`${langs.length} languages`)}\n`);
    for (const l of langs) {
      const caps = (['defs', 'refs', 'imports', 'calls'] as const).filter((k) => l.capabilities[k]);
      const files = [...l.extensions, ...l.filenames].join(' ');
      const embeds = l.embeds.length ? ` +${l.embeds.map((e) => (e === '*' ? 'any-language' : e)).join('/')} blocks` : '';
      const check = l.grammarError === undefined ? '' : l.grammarError ? `  ${c.bold('grammar FAILED')}: ${l.grammarError}` : '  grammar ok';
      stdout.write(`  ${l.id.padEnd(12)} ${l.name.padEnd(12)} ${caps.join(',').padEnd(23)} ${files}${embeds}${check}\n`);
    }
    return flags.check && langs.some((l) => l.grammarError) ? 1 : 0;
  },
});
