// `ax index` of a tree with no index yet runs in a child Node process with a smaller young generation
// for its main thread (--max-semi-space-size=4, V8's default is 16 MB). The main thread receives
// every file's records from the parse workers and writes them; with the default semi-spaces that
// traffic kept ~40 MB more of the process resident (Linux `arch Documentation tools`: 330-360 MB
// peak RSS against 380-407 MB; 8 MB semi-spaces saved nothing), and Node fixes a thread's heap
// limits when it starts. The same run on a worker thread with those limits (resourceLimits) was
// tried and is worse: 447-467 MB, the writer's SQLite and message buffers then fill a glibc thread
// arena that never shrinks (docs/decisions.md). Later runs of `ax index` stay in this process: they
// parse a few files, and the child costs a Node start (~40 ms).
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { dbPathFor } from '../services/root.js';

/** The V8 flag the child runs with. */
export const INDEX_CHILD_FLAG = '--max-semi-space-size=4';

/**
 * The exit status of `ax index` run again in a child with INDEX_CHILD_FLAG, or undefined when this
 * process should do the work: an index exists already, DIR is not a directory (the error is this
 * process's to report), this is the ax launcher's process no more (ax used as a library), or Node
 * runs with a semi-space setting of its own (the child, or the user's choice).
 */
export async function indexInChild(dir: string | undefined): Promise<number | undefined> {
  // process.argv[1] is the path as invoked: `npx ax` runs node_modules/.bin/ax, a link to bin/ax.cjs.
  let launcher: string;
  try { launcher = realpathSync(process.argv[1] ?? ''); } catch { return undefined; }
  const args = process.argv.slice(2);
  if (path.basename(launcher) !== 'ax.cjs' || args[0] !== 'index') return undefined;
  if (process.execArgv.some((a) => a.startsWith('--max-semi-space-size') || a.startsWith('--semi-space'))) return undefined;
  const root = path.resolve(dir ?? '.');
  try { if (!statSync(root).isDirectory()) return undefined; } catch { return undefined; }
  if (existsSync(dbPathFor(root))) return undefined;
  // This process ran only the command's start: no code cache from it (bin/ax.cjs), or later runs of
  // `ax index` in one process would find a cache without the indexing code and compile it each time.
  (globalThis as { __axSkipCodeCache?: () => void }).__axSkipCodeCache?.();
  return runChild([...process.execArgv, INDEX_CHILD_FLAG, launcher, ...args]);
}

/** Runs node with `argv` on this process's stdio; signals sent to this process are passed on. */
async function runChild(argv: string[]): Promise<number> {
  // Loaded here: node:child_process brings the stream and net modules (~5 ms of every other `ax index`).
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { stdio: 'inherit' });
    // Ctrl-C reaches the child from the terminal as well; a signal sent to this process alone
    // (kill PID) is forwarded. The child decides what a signal means (`ax index` stops after a batch).
    const forward = (sig: NodeJS.Signals) => { child.kill(sig); };
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, forward);
    const done = () => { for (const s of signals) process.off(s, forward); };
    child.on('error', (e) => { done(); reject(e); });
    child.on('exit', (code, signal) => {
      done();
      // A child ended by a signal ends this process the same way (the shell sees the same status).
      if (signal) process.kill(process.pid, signal);
      resolve(code ?? 1);
    });
  });
}
