// `ax watch [DIR]`: keep DIR/.ax/index.db in step with the working tree until Ctrl-C. Thin: the engine
// is services/watch (shared with the servers); this prints its events, one line each.
import { AxError } from '../../core/errors.js';
import { defineCommand, type FlagSpec } from '../spec.js';
import { formatCount, paint, useColor } from '../output.js';

function ms(v: unknown, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new AxError('E_USAGE', `--${name} must be a non-negative number, got "${String(v)}"`);
  return n;
}

const flags: FlagSpec[] = [
  { name: 'json', type: 'boolean', description: 'One JSON object per line (events: watching, update, reconcile, summary, error; see docs/watch.md)' },
  { name: 'quiet', short: 'q', type: 'boolean', description: 'Print only summaries and errors' },
  { name: 'debounce', type: 'string', value: 'MS', description: 'Quiet period before a burst is processed (default 20)' },
  { name: 'summary', type: 'string', value: 'SECONDS', description: 'Summary interval when something changed; 0 = none (default 60)' },
];

export const watchCommand = defineCommand({
  name: 'watch',
  summary: 'Keep the index up to date while files change (Ctrl-C to stop)',
  positionals: [{ name: 'DIR', description: 'Directory to watch (default: .)', optional: true }],
  flags,
  details: 'Catches up with changes made while it was not running, then follows create/modify/delete/rename of\n'
    + 'files and directories with the same ignore rules as `ax index`. Queries keep working meanwhile.',
  async run({ flags: f, positionals, stdout, stderr }) {
    const { startWatch } = await import('../../services/watch/service.js');
    const json = f.json === true;
    const c = paint(useColor(stdout));
    const n = formatCount;
    if (!json) stderr.write(`ax: reconciling ${positionals[0] ?? '.'} before watching...\n`);
    const w = await startWatch({
      ...(positionals[0] ? { dir: positionals[0] } : {}),
      debounceMs: ms(f.debounce, 'debounce', 20),
      summaryEveryMs: ms(f.summary, 'summary', 60) * 1000,
    });
    // Queries from other processes (bin/ax.cjs forwards find/def/refs/flow/deps here): query-server.ts.
    const { serveQueries } = await import('../query-server.js');
    const { runArgv } = await import('../main.js');
    const { keepReadersOpen } = await import('../../services/readers.js');
    const { keepAnalyses, KEPT_ANALYSIS_CHARS } = await import('../../services/navigate/analysis-cache.js');
    const bundle = (globalThis as { __axBundleId?: string }).__axBundleId;
    let queries: Awaited<ReturnType<typeof serveQueries>> | undefined;
    try {
      queries = await serveQueries(w.root, bundle, runArgv);
      keepReadersOpen(true); // their connections and statements outlive a query here (services/readers.ts)
      keepAnalyses(KEPT_ANALYSIS_CHARS); // and so do scope analyses of unchanged files (navigate/analysis-cache.ts)
    } catch (e) {
      // Not fatal: queries then run in their own processes, as without a watcher.
      const msg = `queries will not be answered by this watcher: ${(e as Error).message}`;
      if (json) stdout.write(JSON.stringify({ type: 'error', code: 'E_QUERY_SOCKET', message: msg, fatal: false }) + '\n');
      else stderr.write(`ax: warning: ${msg}\n`);
    }
    let status = 0;
    w.on('event', (e: import('../../services/watch/service.js').WatchEvent) => {
      if (json) { stdout.write(JSON.stringify(e) + '\n'); if (e.type === 'error' && e.fatal) status = 1; return; }
      switch (e.type) {
        case 'watching': {
          const r = e.reconciled;
          stdout.write(`${c.bold('watching')} ${e.root}: ${n(e.files)} file${e.files === 1 ? '' : 's'} in ${n(e.dirs)} director${e.dirs === 1 ? 'y' : 'ies'}; caught up `
            + `(${r.added} added, ${r.updated} updated, ${r.removed} removed) in ${Math.round(r.ms)} ms. Ctrl-C to stop.\n`);
          break;
        }
        case 'update':
          if (f.quiet) break;
          if (e.op === '-') stdout.write(`${c.red('-')} ${e.path}${e.reason ? c.dim(` (${e.reason})`) : ''} ${c.dim(`${Math.round(e.ms)} ms`)}\n`);
          else stdout.write(`${e.op === '+' ? c.green('+') : c.yellow('~')} ${e.path} ${e.symbols} symbol${e.symbols === 1 ? '' : 's'} ${c.dim(`${Math.round(e.ms)} ms`)}\n`);
          break;
        case 'reconcile':
          stdout.write(`${c.bold('=')} re-indexed (${e.reason}): ${e.added} added, ${e.updated} updated, ${e.removed} removed in ${Math.round(e.ms)} ms\n`);
          break;
        case 'summary':
          stdout.write(c.dim(`= ${n(e.updates)} update(s) in the last ${Math.round(e.periodMs / 1000)} s (${e.added} added, ${e.updated} updated, `
            + `${e.removed} removed); ${n(e.files)} files, generation ${e.generation}, ${e.rssMb} MB\n`));
          break;
        case 'error':
          stderr.write(`ax: error: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ''}`);
          if (e.fatal) status = 1;
          break;
      }
    });
    let stopping = false;
    const stop = () => {
      if (stopping) process.exit(130); // a second Ctrl-C: do not wait for the batch in progress
      stopping = true;
      void w.close();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    try {
      await w.closed;
    } finally {
      await queries?.close();
      keepReadersOpen(false);
      keepAnalyses(0);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return status;
  },
});
