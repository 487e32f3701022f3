// Queries answered by a running `ax watch`. A fresh `ax refs` pays Node's start, loading the CLI and
// opening the index, then runs its query in a cold process (JIT, page faults): about twice the time
// the same query takes in a warm one (docs/benchmarks.md#nav). `ax watch` is already a long-lived
// process with the index open and current, so it listens on a Unix socket, `.ax/watch.sock`, and
// runs the read-only query commands for the launcher (bin/ax.cjs), which forwards them there when
// the socket answers and runs them itself otherwise.
//
// Why it is safe to answer from here: the command runs through the same code (runArgv) with the
// client's arguments and working directory, so the output is what the client would have printed;
// the launcher sends only commands that read (QUERY_COMMANDS), and only when no AX_* setting of
// its environment could make its answer differ (the watcher's own environment is not the client's).
// A watcher of another build (bundle id) declines and the client runs the command itself. The socket
// is created with mode 0600 (connecting needs write permission on it), so only its owner can use it.
//
// Protocol (version 1), one connection per query: the client sends one JSON line
//   {"v":1,"bundle":"<id>","argv":[...],"cwd":"/abs","color":false}
// and reads back one byte, ACK, as soon as the request is read (a watcher that is stopped, Ctrl-Z,
// or stuck sends none, and the client runs the command itself after a second), then one JSON line:
// {"code":N,"out":"...","err":"..."}, or {"local":"why"} when the client should run the command
// itself. Requests run one at a time (chdir is process-wide).

import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import type { Out } from './stdio.js';

/** Commands a watcher answers: read-only, and their output depends on nothing but argv, cwd and the index. */
export const QUERY_COMMANDS: ReadonlySet<string> = new Set(['find', 'def', 'refs', 'flow', 'deps']);
export const QUERY_SOCKET = 'watch.sock';
export const PROTOCOL_VERSION = 1;
export const ACK = '.';
/** Longest path a Unix socket address holds on Linux (sun_path is 108 bytes with the NUL). */
const MAX_SOCKET_PATH = 107;
/** A request line longer than this is not a query (arguments of a command line are far shorter). */
const MAX_REQUEST = 1 << 20;
/** How long a connection may take to send its request line. */
const REQUEST_TIMEOUT_MS = 10_000;

export interface QueryRequest { v: number; bundle: string; argv: string[]; cwd: string; color: boolean }
export type QueryReply = { code: number; out: string; err: string } | { local: string };
export type RunArgv = (argv: string[], stdout: Out, stderr: Out) => Promise<number>;

export interface QueryServer {
  /** The socket's path, or undefined when the root's path is too long for one (queries then run in their own process). */
  readonly path: string | undefined;
  /** Queries answered so far. */
  readonly answered: number;
  close(): Promise<void>;
}

export function querySocketPath(root: string): string | undefined {
  const p = path.join(root, '.ax', QUERY_SOCKET);
  return Buffer.byteLength(p) <= MAX_SOCKET_PATH ? p : undefined;
}

/**
 * Listen for queries on `root`/.ax/watch.sock. The caller holds the index's writer lock, so a socket
 * file already there is a dead watcher's and is replaced. `bundle` is this build's id (undefined when
 * running unbundled: every query is then declined).
 */
export async function serveQueries(root: string, bundle: string | undefined, run: RunArgv): Promise<QueryServer> {
  const file = querySocketPath(root);
  let answered = 0;
  if (!file) return { path: undefined, get answered() { return answered; }, close: async () => undefined };
  if (existsSync(file)) unlinkSync(file);
  let queue: Promise<void> = Promise.resolve();
  const open = new Set<Socket>();
  const server: Server = createServer((sock) => {
    open.add(sock);
    sock.on('close', () => open.delete(sock));
    sock.on('error', () => sock.destroy());
    let buf = '';
    // A client that connects and says nothing does not keep a connection open for good.
    sock.setTimeout(REQUEST_TIMEOUT_MS, () => { if (!buf.includes('\n')) sock.destroy(); });
    sock.setEncoding('utf8');
    sock.on('data', (chunk: string) => {
      buf += chunk;
      const nl = buf.indexOf('\n');
      if (nl < 0) { if (buf.length > MAX_REQUEST) sock.destroy(); return; }
      sock.removeAllListeners('data');
      sock.write(ACK);
      const line = buf.slice(0, nl);
      queue = queue.then(async () => {
        let reply: QueryReply;
        try {
          reply = await answer(line, bundle, run);
        } catch (e) {
          reply = { local: `the watcher failed: ${(e as Error).message}` };
        }
        if ('code' in reply) answered++;
        if (!sock.destroyed) sock.end(JSON.stringify(reply) + '\n');
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => { server.off('error', reject); resolve(); });
  });
  chmodSync(file, 0o600);
  return {
    path: file,
    get answered() { return answered; },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of open) s.destroy();
      });
      try { unlinkSync(file); } catch { /* already gone */ }
    },
  };
}

async function answer(line: string, bundle: string | undefined, run: RunArgv): Promise<QueryReply> {
  let req: QueryRequest;
  try {
    req = JSON.parse(line) as QueryRequest;
  } catch {
    return { local: 'not a query request' };
  }
  if (req?.v !== PROTOCOL_VERSION) return { local: `protocol ${String(req?.v)} (this watcher speaks ${PROTOCOL_VERSION})` };
  if (!bundle || req.bundle !== bundle) return { local: 'the watcher runs another build of ax' };
  if (!Array.isArray(req.argv) || !req.argv.every((a) => typeof a === 'string') || !QUERY_COMMANDS.has(req.argv[0] ?? '')) {
    return { local: 'not a query command' };
  }
  if (typeof req.cwd !== 'string' || !path.isAbsolute(req.cwd)) return { local: 'no working directory' };
  const home = process.cwd();
  try {
    process.chdir(req.cwd);
  } catch {
    return { local: `cannot enter ${req.cwd}` };
  }
  const out: string[] = [], err: string[] = [];
  const color = req.color === true;
  try {
    const code = await run(req.argv, { write: (s: string) => out.push(s), isTTY: false, color }, { write: (s: string) => err.push(s), isTTY: false, color: false });
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.chdir(home);
  }
}
