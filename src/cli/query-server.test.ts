// Queries answered by a running `ax watch` (query-server.ts and the client in bin/ax.cjs): the same
// output and exit code as a command run in its own process, answers that follow edits, and a command
// that still runs when the watcher is gone, stopped, of another build, or asked something it must not answer.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PROTOCOL_VERSION, querySocketPath, serveQueries, type QueryReply } from './query-server.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'ax.cjs');
const ENV = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AX_'))), NO_COLOR: '1' };

function ax(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...ENV, AX_WATCHER_DEBUG: '1', ...env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function repo(): string {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'ax-qs-')));
  mkdirSync(path.join(root, 'pkg'));
  writeFileSync(path.join(root, 'pkg', '__init__.py'), '');
  writeFileSync(path.join(root, 'pkg', 'util.py'), 'def alpha(x):\n    return beta(x) + 1\n\n\ndef beta(x):\n    return x\n');
  writeFileSync(path.join(root, 'main.py'), 'from pkg.util import alpha\n\nprint(alpha(2))\nprint(alpha(3))\n');
  return root;
}

function watch(root: string) {
  const child = spawn(process.execPath, [BIN, 'watch', root], { stdio: ['ignore', 'pipe', 'pipe'], env: ENV });
  const lines: string[] = [];
  const waiting: Array<[RegExp, () => void]> = [];
  readline.createInterface({ input: child.stdout }).on('line', (l) => {
    lines.push(l);
    for (const w of [...waiting]) if (w[0].test(l)) { waiting.splice(waiting.indexOf(w), 1); w[1](); }
  });
  const line = (re: RegExp) => lines.some((l) => re.test(l)) ? Promise.resolve() : new Promise<void>((resolve) => waiting.push([re, resolve]));
  return { child, line, exited: new Promise<void>((r) => child.on('exit', () => r())) };
}

const QUERIES: string[][] = [
  ['refs', 'alpha'], ['refs', 'alpha', '--json'], ['refs', '--at', 'main.py:3:7', '--json'], ['def', 'alpha', '--json'],
  ['def', 'pkg.util.alpha'], ['find', 'alpha'], ['find', 'kind:function', '--json'], ['flow', 'alpha', '--direction', 'both', '--json'],
  ['deps', 'main.py', '--json'], ['refs', '--nope'], ['def', 'no_such_name_anywhere', '--json'], ['refs', '--help'],
];

test('a running ax watch answers queries exactly as a process of their own would, and follows edits', { timeout: 180_000 }, async (t) => {
  const root = repo();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  assert.equal(ax(['index', '.', '--quiet'], root).code, 0);
  const w = watch(root);
  t.after(() => { w.child.kill('SIGKILL'); });
  await w.line(/^watching /);
  for (const q of QUERIES) {
    for (const cwd of [root, path.join(root, 'pkg')]) {
      const args = cwd === root ? q : q.map((a) => a.replace(/^main\.py/, '../main.py'));
      const served = ax(args, cwd), own = ax(args, cwd, { AX_NO_WATCHER: '1' });
      assert.match(served.err, /^ax: answered by ax watch\n/, `${args.join(' ')}: ${served.err}`);
      assert.doesNotMatch(own.err, /answered by ax watch/);
      assert.equal(served.code, own.code, args.join(' '));
      // find reports its own time in ms; everything else is byte-identical.
      const same = (s: string) => s.replace(/\d+(\.\d+)? ms/g, 'T ms').replace(/"ms": [\d.]+/g, '"ms": T');
      assert.equal(same(served.out), same(own.out), args.join(' '));
      assert.equal(same(served.err.replace(/^ax: answered by ax watch\n/, '')), same(own.err), args.join(' '));
    }
  }
  // An AX_* setting of the client's environment: the watcher's environment is not the client's.
  assert.doesNotMatch(ax(['refs', 'alpha'], root, { AX_MAX_FILE_SIZE: '100' }).err, /answered by ax watch/);
  // --root from elsewhere finds the watcher too.
  assert.match(ax(['refs', 'beta', '--root', root], tmpdir()).err, /^ax: answered by ax watch\n/);

  // An edit: once the watcher has committed it, its answers include it.
  writeFileSync(path.join(root, 'extra.py'), 'from pkg.util import alpha\nalpha(9)\n');
  await w.line(/^\+ extra\.py /);
  const after = JSON.parse(ax(['refs', 'alpha', '--json'], root).out) as { results: Array<{ path: string }> };
  assert.ok(after.results.some((r) => r.path === 'extra.py'), JSON.stringify(after));

  // A stopped watcher (Ctrl-Z) does not acknowledge: the command runs here after a second.
  w.child.kill('SIGSTOP');
  const stopped = ax(['refs', 'alpha', '--json'], root);
  w.child.kill('SIGCONT');
  assert.match(stopped.err, /ran here \(no acknowledgement/);
  assert.deepEqual(JSON.parse(stopped.out), after);

  // A watcher killed outright leaves its socket behind: refused, the command runs here.
  w.child.kill('SIGKILL');
  await w.exited;
  const stale = ax(['refs', 'alpha', '--json'], root);
  assert.match(stale.err, /ran here \(ECONNREFUSED\)/);
  assert.deepEqual(JSON.parse(stale.out), after);
  // The next watcher replaces the dead one's socket.
  const w2 = watch(root);
  t.after(() => { w2.child.kill('SIGKILL'); });
  await w2.line(/^watching /);
  assert.match(ax(['refs', 'alpha'], root).err, /^ax: answered by ax watch\n/);
  w2.child.kill('SIGINT');
  await w2.exited;
  assert.doesNotMatch(ax(['refs', 'alpha'], root).err, /answered by ax watch|ran here/, 'a watcher that stopped cleanly removes its socket');
});

function ask(file: string, request: string): Promise<{ ack: boolean; reply: QueryReply | undefined }> {
  return new Promise((resolve, reject) => {
    const s = connect(file);
    let text = '';
    s.setEncoding('utf8');
    s.on('connect', () => s.write(request));
    s.on('data', (c: string) => { text += c; });
    s.on('error', reject);
    s.on('close', () => resolve({ ack: text.startsWith('.'), reply: text.length > 1 ? JSON.parse(text.slice(1)) as QueryReply : undefined }));
  });
}

test('the query server declines what it must not answer and runs one query at a time', async (t) => {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'ax-qs-unit-')));
  mkdirSync(path.join(root, '.ax'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const log: string[] = [];
  const server = await serveQueries(root, 'b1', async (argv, out, err) => {
    log.push(`start ${argv[1]} in ${process.cwd()}`);
    await new Promise((r) => setTimeout(r, 30));
    out.write(`out ${argv.join(' ')} color=${String(out.color)}`);
    err.write('err');
    log.push(`end ${argv[1]}`);
    return 3;
  });
  t.after(() => server.close());
  const file = server.path!;
  const req = (o: object) => JSON.stringify({ v: PROTOCOL_VERSION, bundle: 'b1', argv: ['refs', 'x'], cwd: root, color: false, ...o }) + '\n';
  const home = process.cwd();

  assert.deepEqual(await ask(file, req({ color: true })), { ack: true, reply: { code: 3, out: 'out refs x color=true', err: 'err' } });
  assert.equal(process.cwd(), home, 'the working directory is restored');
  for (const [o, why] of [[{ bundle: 'b2' }, /another build/], [{ v: 99 }, /protocol 99/], [{ argv: ['index', '.'] }, /not a query command/],
    [{ argv: ['watch'] }, /not a query command/], [{ cwd: 'relative' }, /no working directory/], [{ cwd: path.join(root, 'gone') }, /cannot enter/]] as const) {
    const r = await ask(file, req(o));
    assert.ok(r.reply && 'local' in r.reply && why.test(r.reply.local), JSON.stringify(r));
  }
  assert.ok(((await ask(file, 'not json\n')).reply as { local: string }).local.includes('not a query request'));
  // Two at once: the second starts after the first has ended (chdir is process-wide).
  const sub = path.join(root, '.ax');
  await Promise.all([ask(file, req({ argv: ['refs', 'one'] })), ask(file, req({ argv: ['refs', 'two'], cwd: sub }))]);
  assert.deepEqual(log.slice(-4), [`start one in ${root}`, 'end one', `start two in ${sub}`, 'end two']);
  assert.equal(server.answered, 3);

  // Unbundled (no build id): every query is declined.
  const root2 = realpathSync(mkdtempSync(path.join(tmpdir(), 'ax-qs-unit-')));
  mkdirSync(path.join(root2, '.ax'));
  t.after(() => rmSync(root2, { recursive: true, force: true }));
  const unbundled = await serveQueries(root2, undefined, async () => 0);
  t.after(() => unbundled.close());
  assert.match(((await ask(unbundled.path!, req({}))).reply as { local: string }).local, /another build/);
});

test('a root too deep for a Unix socket address has no query socket', () => {
  assert.equal(querySocketPath('/' + 'd'.repeat(120)), undefined);
  assert.equal(querySocketPath('/tmp/r'), '/tmp/r/.ax/watch.sock');
});
