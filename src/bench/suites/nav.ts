// `npm run bench -- nav`: CLI wall time of `ax def NAME` and `ax refs NAME` on the linux index, beside
// GNU Global's `global -x NAME` and `global -rx NAME` on the same tree, alternating tool by tool in one
// run, the order rotated from name to name. Names: a seeded sample of function names from the index
// (what users look up, mostly rare) plus a few famous, heavily used ones reported separately. The corpus is a hard-link copy under the temp
// dir, indexed once by ax and once by gtags and reused by later runs. `ax def`/`ax refs` run in their
// own process (AX_NO_WATCHER=1); `... [watch]` are the same commands while an `ax watch` on the tree
// answers them (src/cli/query-server.ts), which is how they run for a user who keeps one going.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import readline from 'node:readline';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { definitions, references } from '../../services/navigate/index.js';
import { AX_BIN, corpus, hasCommand, stats, timeCommand, type Suite } from '../harness.js';

const HEAVY = ['kmalloc', 'mutex_lock', 'task_struct', 'copy_from_user', 'list_add_tail'];
const CANDIDATES = [
  'ext4_map_blocks', 'tcp_sendmsg', 'vfs_read', 'schedule_timeout', 'alloc_pages', 'netif_rx', 'blk_mq_run_hw_queues',
  'dma_alloc_coherent', 'irq_domain_add_linear', 'of_property_read_u32', 'platform_driver_register', 'kobject_put',
  'usb_submit_urb', 'pci_enable_device', 'wake_up_process', 'do_exit', 'copy_process', 'sys_open', 'inode_lock',
  'skb_put', 'dev_err_probe', 'regmap_update_bits', 'clk_prepare_enable', 'devm_kzalloc', 'find_vma', 'page_address',
  'rcu_read_lock', 'spin_lock_irqsave', 'kthread_create_on_node', 'crypto_alloc_shash', 'btrfs_search_slot', 'xfs_trans_commit',
];

export const suite: Suite = {
  name: 'nav',
  description: 'ax def/refs NAME CLI wall time on linux vs global -x / global -rx',
  async run(ctx) {
    const name = ctx.corpora?.[0] ?? 'linux';
    const work = path.join(tmpdir(), 'ax-bench-nav');
    mkdirSync(work, { recursive: true });
    const copy = path.join(work, name);
    if (!existsSync(copy)) execFileSync('cp', ['-al', corpus(name), copy]);
    // Indexed once; later runs bring that index up to date (a no-op, or a migration after an ax
    // with a newer schema: readers refuse an older index).
    ctx.log(existsSync(path.join(copy, '.ax', 'index.db')) ? `updating the index of ${copy}` : `indexing ${copy} (once)`);
    execFileSync(process.execPath, [AX_BIN, 'index', copy, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const hasGlobal = hasCommand('global') && hasCommand('gtags');
    if (hasGlobal && !existsSync(path.join(copy, 'GTAGS'))) {
      ctx.log('gtags (once)');
      execFileSync('gtags', [], { cwd: copy, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const reps = ctx.reps ?? (ctx.quick ? 1 : 3);
    const names: string[] = [];
    for (const n of CANDIDATES) {
      if (names.length >= (ctx.quick ? 8 : 20)) break;
      if ((await definitions({ root: copy, name: n, limit: 1 })).results.length) names.push(n);
    }
    ctx.log(`${names.length} sampled names + ${HEAVY.length} heavy, ${reps} rep(s)`);
    type Tool = 'ax def' | 'global -x' | 'ax refs' | 'global -rx' | 'node -e ""' | 'ax def [watch]' | 'ax refs [watch]';
    // The client's environment decides whether a watcher may answer (bin/ax.cjs): no AX_* settings.
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AX_')));
    const own = { ...clean, AX_NO_WATCHER: '1' };
    const run = (tool: Tool, n: string) => {
      const args: [string, string[]] = tool === 'node -e ""' ? [process.execPath, ['-e', '']]
        : tool.startsWith('ax def') ? [process.execPath, [AX_BIN, 'def', n, '--json', '--limit', '0']]
        : tool.startsWith('ax refs') ? [process.execPath, [AX_BIN, 'refs', n, '--json']]
        : tool === 'global -x' ? ['global', ['-x', n]] : ['global', ['-rx', n]];
      const t = timeCommand(args[0], args[1], { cwd: copy, env: tool.endsWith('[watch]') ? clean : own });
      const lines = tool.startsWith('node') ? 0 : tool.startsWith('ax') ? ((JSON.parse(t.stdout || '{"results":[]}') as { results: unknown[] }).results.length) : t.stdout.split('\n').filter(Boolean).length;
      return { ms: t.ms, lines };
    };
    // `node -e ""` is the floor any Node CLI pays on this machine at this moment (start-up only).
    const tools: Tool[] = hasGlobal ? ['node -e ""', 'ax def', 'global -x', 'ax refs', 'global -rx'] : ['node -e ""', 'ax def', 'ax refs'];
    const watcher = await startWatcher(copy, clean);
    ctx.log(`ax watch ${copy} answers queries (pid ${watcher.pid})`);
    tools.push('ax def [watch]', 'ax refs [watch]');
    // Every [watch] sample must really have been answered by the watcher.
    const probe = timeCommand(process.execPath, [AX_BIN, 'refs', names[0] ?? 'kmalloc', '--json'], { cwd: copy, env: { ...clean, AX_WATCHER_DEBUG: '1' } });
    if (!probe.stderr.includes('answered by ax watch')) throw new Error(`the watcher did not answer: ${probe.stderr}`);
    const results: Record<string, unknown> = {};
    const report = ['| names | tool | median (ms) | p95 (ms) | results/name (median) |', '|---|---|---:|---:|---:|'];
    for (const [label, set] of [['sampled', names], ['heavy', HEAVY]] as const) {
      const ms: Record<string, number[]> = {}, counts: Record<string, number[]> = {};
      for (let r = 0; r < reps; r++) {
        for (const [i, n] of set.entries()) {
          // Each tool goes first on a name equally often: `ax refs` and `global -rx` read the same
          // source lines, and on this VM's volatile page cache the first reader pays the disk reads
          // (a fixed order had `global -rx` always read after `ax refs`).
          const k = (r + i) % tools.length;
          for (const tool of [...tools.slice(k), ...tools.slice(0, k)]) {
            const x = run(tool, n);
            (ms[tool] ??= []).push(x.ms);
            (counts[tool] ??= []).push(x.lines);
          }
        }
      }
      // The same queries in-process (services, warm): what the query costs without process start-up.
      const inproc: Record<string, number[]> = { 'def (in-process)': [], 'refs (in-process)': [] };
      for (const n of set) {
        let t0 = performance.now();
        await definitions({ root: copy, name: n, limit: 0 });
        inproc['def (in-process)']!.push(performance.now() - t0);
        t0 = performance.now();
        await references({ root: copy, name: n });
        inproc['refs (in-process)']!.push(performance.now() - t0);
      }
      const per: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(inproc)) {
        const s = stats(v);
        per[k] = { wall: s };
        report.push(`| ${label} (${set.length}) | ax ${k} | ${s.p50} | ${s.p95} | |`);
      }
      for (const tool of tools) {
        const s = stats(ms[tool]!);
        const c = stats(counts[tool]!);
        per[tool] = { wall: s, results: c };
        report.push(`| ${label} (${set.length}) | ${tool} | ${s.p50} | ${s.p95} | ${c.p50} |`);
      }
      results[label] = { names: set, tools: per };
    }
    await watcher.stop();
    report.push('', `Corpus ${name} (hard-link copy ${copy}); ax refs NAME lists every use of the identifier (name-based for C); global -rx likewise.`,
      '[watch]: the same command while `ax watch` on the tree answers it (the client still starts Node; the query runs in the warm watcher).');
    return { suite: 'nav', results, report };
  },
};

/** `ax watch DIR`, once it has caught up and listens for queries; stop() ends it as Ctrl-C does. */
async function startWatcher(dir: string, env: NodeJS.ProcessEnv): Promise<{ pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [AX_BIN, 'watch', dir, '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (l) => { if (l.startsWith('watching ')) resolve(); });
    void exited.then(() => reject(new Error('ax watch exited before it was watching')));
  });
  return { pid: child.pid!, async stop() { child.kill('SIGINT'); await exited; } };
}
