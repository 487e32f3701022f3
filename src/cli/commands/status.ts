// `ax status`: what is indexed and how fresh it is.
import { defineCommand, JSON_FLAG, ROOT_FLAG } from '../spec.js';
import { formatBytes, formatCount, paint, printJson, useColor } from '../output.js';

export const statusCommand = defineCommand({
  name: 'status',
  summary: 'Show what is indexed and how fresh it is',
  flags: [ROOT_FLAG, JSON_FLAG],
  async run({ flags, stdout }) {
    const { indexStatus } = await import('../../services/status.js');
    const s = indexStatus(typeof flags.root === 'string' ? flags.root : undefined);
    const supported = (await import('../../services/languages.js')).listLanguages().map((l) => ({ id: l.id, capabilities: l.capabilities }));
    if (flags.json) {
      printJson(stdout, { root: s.root, files: s.files, symbols: s.symbols, refs: s.refs, bytes: s.bytes, languages: s.languages,
        indexedAt: s.indexedAt, generation: s.generation, schemaVersion: s.schemaVersion, skipped: s.skipped, parseErrors: s.parseErrors, supported });
      return 0;
    }
    const c = paint(useColor(stdout));
    const age = s.indexedAt ? Math.round((Date.now() - Date.parse(s.indexedAt)) / 1000) : undefined;
    stdout.write(`${c.bold('ax index')} ${s.root}\n`);
    stdout.write(`  indexed   ${s.indexedAt ?? 'never'}${age !== undefined ? ` (${age < 120 ? `${age} s` : age < 7200 ? `${Math.round(age / 60)} min` : `${Math.round(age / 3600)} h`} ago)` : ''}, generation ${s.generation}, schema v${s.schemaVersion}\n`);
    stdout.write(`  files     ${formatCount(s.files)} (${formatBytes(s.bytes)}), ${formatCount(s.skipped)} skipped, ${s.parseErrors} with parse errors\n`);
    stdout.write(`  symbols   ${formatCount(s.symbols)}   refs ${formatCount(s.refs)}\n`);
    for (const [l, n] of Object.entries(s.languages)) stdout.write(`  ${l.padEnd(12)} ${formatCount(n)}\n`);
    stdout.write(`  supported ${supported.length} languages (ax languages for extensions and capabilities)\n`);
    return 0;
  },
});
