// `npm run bench -- languages` / `ax perf run languages`: extraction across languages on real corpora.
// Every file of a supported language is prepared exactly as `ax index` prepares it (detect, sniff,
// parse, extract, chunk), one at a time in one thread, and figures are added up per language: files,
// symbols per file, parse errors per 1,000 files (files with at least one ERROR node), MB/s. Languages
// above 5% files-with-errors are flagged. Detection of shared extensions (.h, .m) is reported too.
// Bounded by default: at most --reps files per language and corpus (default 1500; --quick 200), sampled
// evenly over sorted paths. Options: --corpus a,b (default django go-std linux jdk rust-std node-mix).

import { corpus, corpusInfo, type CorpusInfo, type Suite } from '../harness.js';
import { measureLanguages, type LanguageMeasure } from '../../services/languages.js';

const DEFAULT_CORPORA = ['django', 'go-std', 'linux', 'jdk', 'rust-std', 'node-mix'];
const FLAG_RATE = 0.05;

export const suite: Suite = {
  name: 'languages',
  description: 'per-language files, symbols/file, parse errors per 1,000 files, MB/s over the corpora',
  async run(ctx) {
    const names = ctx.corpora ?? DEFAULT_CORPORA;
    const cap = ctx.reps ?? (ctx.quick ? 200 : 1500);
    const total: Record<string, LanguageMeasure & { corpora: string[] }> = {};
    const perCorpus: Record<string, unknown> = {};
    const infos: CorpusInfo[] = [];
    const crashes: string[] = [];
    for (const name of names) {
      const dir = corpus(name);
      infos.push(corpusInfo(name, dir));
      ctx.log(`${name}: measuring (at most ${cap} files per language)`);
      const m = await measureLanguages(dir, { maxFilesPerLanguage: cap, onProgress: (d, n) => { if (d % 2000 === 0) ctx.log(`  ${d}/${n}`); } });
      perCorpus[name] = m;
      crashes.push(...m.crashes.map((c) => `${name}/${c}`));
      for (const [lang, x] of Object.entries(m.byLanguage)) {
        const t = (total[lang] ??= { files: 0, bytes: 0, symbols: 0, errorFiles: 0, ms: 0, corpora: [] });
        t.files += x.files; t.bytes += x.bytes; t.symbols += x.symbols; t.errorFiles += x.errorFiles; t.ms += x.ms;
        t.corpora.push(name);
      }
    }
    const rows = Object.entries(total).sort((a, b) => b[1].files - a[1].files).map(([lang, t]) => ({
      lang, files: t.files, corpora: t.corpora,
      symbolsPerFile: Math.round((t.symbols / t.files) * 10) / 10,
      parseErrorsPer1000: Math.round((t.errorFiles / t.files) * 1000),
      mbPerSec: Math.round((t.bytes / 2 ** 20 / (t.ms / 1000)) * 100) / 100,
      flagged: t.errorFiles / t.files > FLAG_RATE,
    }));
    const report = [
      `files per language capped at ${cap} per corpus (evenly sampled); one thread; corpora: ${names.join(', ')}`,
      '', '| language | files | symbols/file | parse errors /1,000 files | MB/s | corpora |', '|---|---:|---:|---:|---:|---|',
      ...rows.map((r) => `| ${r.lang}${r.flagged ? ' ⚠' : ''} | ${r.files} | ${r.symbolsPerFile} | ${r.parseErrorsPer1000} | ${r.mbPerSec} | ${r.corpora.join(' ')} |`),
      '',
      `over ${FLAG_RATE * 100}% of files with parse errors: ${rows.filter((r) => r.flagged).map((r) => r.lang).join(', ') || 'none'}`,
      `crashes: ${crashes.length}`,
    ];
    for (const [name, m] of Object.entries(perCorpus) as Array<[string, { detection: Record<string, Record<string, number>> }]>) {
      for (const [ext, d] of Object.entries(m.detection)) report.push(`detection ${name} ${ext}: ${Object.entries(d).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
    return { suite: 'languages', results: { cap, languages: rows, perCorpus, crashes }, report, corpora: infos };
  },
};
