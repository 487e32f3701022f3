// `ax index [DIR]`: build or refresh DIR/.ax/index.db.
import { SETTINGS } from '../../core/config.js';
import { defineCommand, JSON_FLAG, type FlagSpec } from '../spec.js';
import { formatBytes, formatCount, formatDuration, paint, printJson, useColor, VACUUM_HINT_MIN_BYTES } from '../output.js';
import { progressPrinter } from '../progress.js';

const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
const settingFlags: FlagSpec[] = SETTINGS.map((s) => ({ name: kebab(s.key), type: 'string', value: s.type === 'int' ? 'N' : 'LIST', description: s.description }));

export const indexCommand = defineCommand({
  name: 'index',
  summary: 'Index a repository (incremental: only changed files are re-parsed)',
  positionals: [{ name: 'DIR', description: 'Directory to index (default: .)', optional: true }],
  flags: [
    JSON_FLAG,
    { name: 'verbose', short: 'v', type: 'boolean', description: 'List every skipped file with its reason' },
    { name: 'quiet', short: 'q', type: 'boolean', description: 'No progress output' },
    ...settingFlags,
  ],
  details: 'Settings flags override AX_* environment variables, which override ax.config.json and .ax/config.json.',
  async run({ flags, positionals, stdout, stderr }) {
    const { indexRepository, keepYoungGenerationsSmall, nothingIndexed } = await import('../../services/indexing.js');
    // This process indexes and exits: less memory for the same work (indexer/index-memory.ts).
    keepYoungGenerationsSmall();
    const cfgFlags: Record<string, string> = {};
    for (const s of SETTINGS) { const v = flags[kebab(s.key)]; if (typeof v === 'string') cfgFlags[s.key] = v; }
    let stopRequested = false;
    const onSigint = () => {
      if (stopRequested) process.exit(130);
      stopRequested = true;
      stderr.write('\nax: stopping after the current batch (Ctrl-C again to abort now)\n');
    };
    process.on('SIGINT', onSigint);
    const quiet = flags.quiet === true || (flags.json === true && !stderr.isTTY);
    let s;
    try {
      s = await indexRepository({
        ...(positionals[0] ? { dir: positionals[0] } : {}),
        flags: cfgFlags,
        ...(quiet ? {} : { onProgress: progressPrinter(stderr) }),
        shouldStop: () => stopRequested,
      });
    } finally {
      process.off('SIGINT', onSigint);
    }
    const summary = {
      root: s.root,
      files: s.stats.files,
      symbols: s.stats.symbols,
      refs: s.stats.refs,
      bytes: s.stats.bytes,
      languages: s.stats.languages,
      added: s.added, updated: s.updated, removed: s.removed, unchanged: s.unchanged,
      parsedFiles: s.parsedFiles, parsedBytes: s.parsedBytes,
      durationMs: Math.round(s.durationMs),
      skipped: s.skippedByReason,
      warnings: s.warnings,
      interrupted: s.interrupted,
      generation: s.stats.generation,
      schemaVersion: s.stats.schemaVersion,
      ...(s.reextracted ? { reextracted: s.reextracted } : {}),
      ...(flags.verbose ? { skippedFiles: s.skipped } : {}),
    };
    const empty = nothingIndexed(s);
    const status = s.interrupted ? 130 : empty ? 2 : 0;
    if (flags.json) { printJson(stdout, empty ? { ...summary, error: { code: 'E_NOTHING_INDEXED', message: `nothing could be indexed in ${s.root}` } } : summary); return status; }
    const c = paint(useColor(stdout));
    const secs = s.durationMs / 1000;
    stdout.write(`${c.bold('Indexed')} ${s.root}\n`);
    stdout.write(`  files    ${formatCount(s.stats.files)} (${s.added} added, ${s.updated} updated, ${s.removed} removed, ${s.unchanged} unchanged)\n`);
    if (s.reextracted) {
      stdout.write(`  ${c.dim(`rebuilt from empty: the index was made by an ax with extractor version ${s.reextracted.from} (this one: ${s.reextracted.to})`)}\n`);
    }
    const langs = Object.entries(s.stats.languages).map(([l, n]) => `${l} ${formatCount(n)}`).join(', ');
    if (langs) stdout.write(`  languages ${langs}\n`);
    stdout.write(`  symbols  ${formatCount(s.stats.symbols)}   refs ${formatCount(s.stats.refs)}   bytes ${formatBytes(s.stats.bytes)}\n`);
    stdout.write(`  time     ${formatDuration(s.durationMs)} (${(s.parsedFiles / Math.max(secs, 0.001)).toFixed(0)} files/s, ${(s.parsedBytes / 1e6 / Math.max(secs, 0.001)).toFixed(1)} MB/s parsed)\n`);
    const reasons = Object.entries(s.skippedByReason);
    if (reasons.length) stdout.write(`  skipped  ${reasons.map(([r, n]) => `${r} ${n}`).join(', ')}${flags.verbose ? '' : ' (--verbose lists them)'}\n`);
    if (flags.verbose) for (const k of s.skipped) stdout.write(`    ${c.dim(k.reason.padEnd(20))} ${k.path}  ${c.dim(k.detail)}\n`);
    if (s.warnings.length) {
      stdout.write(c.yellow(`  ${s.warnings.length} warning(s)\n`));
      for (const w of s.warnings.slice(0, flags.verbose ? Infinity : 10)) stdout.write(`    ${w}\n`);
    }
    // Rewritten files leave free pages (the full-text index's old segments once merged): later writes
    // reuse them, but the file keeps its size until a VACUUM.
    if (s.space.freeBytes >= VACUUM_HINT_MIN_BYTES && s.space.freeBytes >= s.space.bytes / 4) {
      stdout.write(c.dim(`  ${formatBytes(s.space.freeBytes)} of the index's ${formatBytes(s.space.bytes)} are free pages, reused by later updates; \`ax db vacuum\` gives them back to the disk\n`));
    }
    if (s.interrupted) stdout.write(c.yellow('  interrupted: the index holds every batch committed so far; re-run to finish\n'));
    if (empty) stderr.write(`ax: error: nothing could be indexed in ${s.root}\n  hint: every path was skipped; the list above says why${flags.verbose ? '' : ' (add --verbose)'}\n`);
    return status;
  },
});
