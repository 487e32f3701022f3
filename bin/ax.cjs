#!/usr/bin/env node
// ax launcher. CommonJS and small so `ax --version` answers before anything else loads.
// It runs dist/cli/main.bundle.cjs (all of src/cli and the services in one CommonJS script, built by
// scripts/build.mjs) compiled through vm.Script with a V8 code cache: Node 20 has no compile cache for
// modules (module.enableCompileCache is Node 22), and compiling the CLI's functions is a large part of a
// cold start (docs/benchmarks.md, startup). One cache file per command (each command runs different
// code), named after the bundle's content hash (its first line), written after a successful run when
// missing or rejected (or, in a run that changes V8 flags at run time, just before the change). A cache is only ever a hint: a stale one has another name, and one that is
// truncated, damaged (checksum) or made by another Node/V8 is ignored and rewritten. AX_NO_CODE_CACHE=1
// turns it off; AX_CODE_CACHE_DIR moves it (default dist/cli/.code-cache, else ~/.cache/ax/code-cache
// when the package directory is read-only); AX_CODE_CACHE_DEBUG=1 says on stderr whether one was used
// (off, none, damaged, rejected, used). Falls back to the per-file dist/cli/main.js (ES modules)
// when the bundle is missing or AX_NO_BUNDLE=1. A closed stdout (`ax find x | head`) ends quietly.
// A query (find, def, refs, flow, deps) on an index that a running `ax watch` keeps goes to that
// watcher over .ax/watch.sock and is answered there, warm, without loading the bundle here
// (src/cli/query-server.ts); AX_NO_WATCHER=1 keeps it in this process, AX_WATCHER_DEBUG=1 says which.
'use strict';
const argv = process.argv.slice(2);
/** Commands that print an answer and end (the ones a running `ax watch` may answer). */
const QUERIES = ['find', 'def', 'refs', 'flow', 'deps'];
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // A direct write: creating process.stdout (stream and net modules) costs more than the rest of this.
  const fs = require('node:fs');
  const { version } = JSON.parse(fs.readFileSync(require('node:path').join(__dirname, '..', 'package.json'), 'utf8'));
  try { fs.writeSync(1, version + '\n'); } catch (e) { if (e.code !== 'EPIPE') throw e; }
} else {
  const bundleFile = require('node:path').join(__dirname, '..', 'dist', 'cli', 'main.bundle.cjs');
  const socket = watcherSocket();
  if (socket) askWatcher(socket, bundleFile, () => runHere(bundleFile));
  else runHere(bundleFile);
}

function runHere(bundleFile) {
  // Output goes through src/cli/stdio.ts, which also ends the run quietly when stdout's reader has gone.
  const fail = (e) => { process.stderr.write(`ax: cannot start (was \`npm install\` run?): ${e.message}\n`); process.exitCode = 1; };
  const perFile = () => import('../dist/cli/main.js').then((m) => m.main(argv)).then((code) => { process.exitCode = code; }, fail);
  let bundle, loadError;
  try {
    bundle = process.env.AX_NO_BUNDLE === '1' ? undefined : loadBundle(bundleFile);
  } catch (e) {
    loadError = e;
  }
  if (loadError) fail(loadError);
  else if (!bundle) perFile();
  else {
    bundle.exports.main(argv).then((code) => {
      process.exitCode = code;
      if (code === 0) bundle.saveCache();
      // A query has written all its output (synchronously, src/cli/stdio.ts) and holds nothing open:
      // exit now rather than let the environment and V8's heap be torn down first. (Either way the exit
      // still waits for a background TurboFan compile of the query's hot loop when one is running,
      // 11-13 ms under strace.) Linux, 20 names x 3, alternating: `ax refs NAME` median 91.9 -> 86.7 ms
      // and 114.7 -> 108.5 ms.
      if (QUERIES.includes(argv[0])) process.exit(code);
    }, fail);
  }
}

/**
 * The socket of an `ax watch` running on this command's index (src/cli/query-server.ts), when the
 * command is a query it may answer: found the way the command finds its index (`--root`, else the
 * nearest ancestor with .ax/index.db). Not when an AX_* variable other than the launcher's own is
 * set (the watcher has its own environment), nor with AX_NO_WATCHER=1 or AX_NO_BUNDLE=1.
 */
function watcherSocket() {
  if (process.env.AX_NO_WATCHER === '1' || process.env.AX_NO_BUNDLE === '1') return undefined;
  if (!QUERIES.includes(argv[0])) return undefined;
  const own = ['AX_NO_CODE_CACHE', 'AX_CODE_CACHE_DIR', 'AX_CODE_CACHE_DEBUG', 'AX_WATCHER_DEBUG', 'AX_NO_WATCHER'];
  for (const k of Object.keys(process.env)) if (k.startsWith('AX_') && !own.includes(k)) return undefined;
  const fs = require('node:fs');
  const path = require('node:path');
  const at = argv.findIndex((a) => a === '--root' || a.startsWith('--root='));
  const explicit = at < 0 ? undefined : argv[at].startsWith('--root=') ? argv[at].slice(7) : argv[at + 1];
  let dir;
  try { dir = path.resolve(explicit ?? '.'); } catch { return undefined; } // a deleted working directory
  for (;;) {
    if (fs.existsSync(path.join(dir, '.ax', 'index.db'))) {
      const socket = path.join(dir, '.ax', 'watch.sock');
      return fs.existsSync(socket) ? socket : undefined;
    }
    const up = path.dirname(dir);
    if (explicit !== undefined || up === dir) return undefined;
    dir = up;
  }
}

/**
 * Send the command to the watcher and print its answer; `here()` runs it in this process instead when
 * the watcher declines (another build, see query-server.ts), is gone (a stale socket), or has not
 * acknowledged the request within a second (stopped or busy). Output is printed only once the whole
 * answer has arrived, so a fallback never repeats any of it.
 */
function askWatcher(socket, bundleFile, here) {
  const fs = require('node:fs');
  const debug = process.env.AX_WATCHER_DEBUG === '1' ? (m) => writeAll(2, `ax: ${m}\n`) : () => {};
  let id, cwd;
  try {
    const head = Buffer.alloc(40);
    const fd = fs.openSync(bundleFile, 'r');
    try { fs.readSync(fd, head, 0, 40, 0); } finally { fs.closeSync(fd); }
    id = /^\/\/ ax-bundle ([0-9a-f]{16})\n/.exec(head.toString('latin1'))?.[1];
    cwd = process.cwd();
  } catch { /* no bundle, or no working directory */ }
  if (!id) { here(); return; }
  const net = require('node:net');
  const color = require('node:tty').isatty(1) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  const chunks = [];
  let done = false;
  const sock = net.connect(socket);
  const local = (why) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    sock.destroy();
    debug(`ran here (${why})`);
    here();
  };
  const timer = setTimeout(() => local('no acknowledgement from the watcher within 1 s'), 1000);
  sock.on('error', (e) => local(e.code || e.message));
  sock.on('connect', () => sock.write(JSON.stringify({ v: 1, bundle: id, argv, cwd, color }) + '\n'));
  sock.on('data', (c) => { clearTimeout(timer); chunks.push(c); });
  sock.on('close', () => {
    if (done) return;
    const text = Buffer.concat(chunks).toString('utf8');
    let reply;
    try { reply = JSON.parse(text.slice(1)); } catch { /* cut short: the watcher stopped */ }
    if (text[0] !== '.' || typeof reply?.code !== 'number') { local(reply?.local ?? 'no answer from the watcher'); return; }
    done = true;
    debug('answered by ax watch');
    writeAll(1, reply.out);
    writeAll(2, reply.err);
    process.exitCode = reply.code;
  });
}

/** Write all of `text` to `fd` (a full non-blocking pipe is waited for; a reader that has gone ends the output). */
function writeAll(fd, text) {
  const fs = require('node:fs');
  const bytes = Buffer.from(text, 'utf8');
  for (let off = 0; off < bytes.length;) {
    try {
      off += fs.writeSync(fd, bytes, off, bytes.length - off);
    } catch (e) {
      if (e.code === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1); continue; }
      if (e.code === 'EPIPE') return;
      throw e;
    }
  }
}

/** The bundle's exports and a function that stores its code cache when this run had none to use. */
function loadBundle(file) {
  const fs = require('node:fs');
  const path = require('node:path');
  const vm = require('node:vm');
  let source;
  // ASCII only (scripts/build.mjs checks): latin1 is the cheapest way to a V8 string.
  try { source = fs.readFileSync(file, 'latin1'); } catch (e) { if (e.code === 'ENOENT') return undefined; throw e; }
  const id = /^\/\/ ax-bundle ([0-9a-f]{16})\n/.exec(source)?.[1];
  const cache = id && process.env.AX_NO_CODE_CACHE !== '1' ? codeCache(id, file) : undefined;
  const found = cache?.read();
  const cachedData = found?.data;
  // The bundle is one function expression (exports, require, module, __filename, __dirname).
  const script = new vm.Script(source, { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (process.env.AX_CODE_CACHE_DEBUG === '1') {
    process.stderr.write(`ax: code cache ${!cache ? 'off' : !found ? 'none' : !cachedData ? 'damaged' : script.cachedDataRejected ? 'rejected' : 'used'}\n`);
  }
  // `ax watch` answers queries for clients of the same build only (src/cli/query-server.ts).
  globalThis.__axBundleId = id;
  // ES modules outside the bundle (src/bench, for `ax perf`) load through this file's import().
  globalThis.__axImport = (url) => import(url);
  // V8 stamps cached data with a hash of its flags and rejects it in a process whose flags differ. Code
  // that changes V8 flags at run time (WASM compile settings, --expose-gc in index workers) calls this
  // hook first, so the cache is written while it still matches a fresh process; after a change it is
  // not written at all (it would be rejected, then rewritten, on every run).
  // node:v8 only in a run that may write a cache (none found, or rejected): loading it costs ~2 ms.
  const mayWrite = cache !== undefined && (!cachedData || script.cachedDataRejected);
  const flagsTag = () => require('node:v8').cachedDataVersionTag();
  const tag = mayWrite ? flagsTag() : 0;
  let saved = false;
  const saveCache = () => {
    if (saved || !mayWrite || flagsTag() !== tag) return;
    saved = true;
    cache.write(script.createCachedData());
  };
  globalThis.__axBeforeV8FlagChange = saveCache;
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, require('node:module').createRequire(file), mod, file, path.dirname(file));
  return { exports: mod.exports, saveCache };
}

/**
 * CRC-32 from Node's zlib binding when it has it (and checks out on a known value): loading node:zlib
 * for zlib.crc32 pulls in the stream modules, ~2.5 ms of every start. process.binding is deprecated
 * (DEP0111, a warning only under --pending-deprecation, when it is not used).
 */
function crc32Function() {
  const pending = process.execArgv.includes('--pending-deprecation') || /--pending-deprecation/.test(process.env.NODE_OPTIONS || '');
  if (!pending && typeof process.binding === 'function') {
    try {
      const c = process.binding('zlib').crc32;
      if (typeof c === 'function' && c(Buffer.from('ax: crc32 self-test'), 0) === 282971211) return (data) => c(data, 0);
    } catch { /* fall through to node:zlib */ }
  }
  return require('node:zlib').crc32;
}

/**
 * Code cache files for bundle `id` and this command. Layout: "AXCC", u32 payload length, u32 CRC-32 of
 * the payload, then V8's cached data. V8 itself checks its version and flags and the source length, but
 * not the payload's integrity in release builds: the CRC does (zlib's crc32, native; Node >= 20.15 -
 * older Nodes run without a code cache rather than hash 250 KB in JavaScript on every start).
 */
function codeCache(id, bundleFile) {
  const fs = require('node:fs');
  const path = require('node:path');
  const crc32 = crc32Function();
  if (typeof crc32 !== 'function') return undefined;
  const cmd = /^[a-z][a-z-]{0,15}$/.test(argv[0] ?? '') ? argv[0] : 'main';
  const name = `${cmd}-${id}.bin`;
  const own = process.env.AX_CODE_CACHE_DIR || path.join(path.dirname(bundleFile), '.code-cache');
  // The user's cache directory only when the package's is not writable (read lazily: node:os costs).
  const dirs = function* () {
    yield own;
    if (!process.env.AX_CODE_CACHE_DIR) yield path.join(process.env.XDG_CACHE_HOME || path.join(require('node:os').homedir(), '.cache'), 'ax', 'code-cache');
  };
  return {
    /** undefined: no file; { data: undefined }: a damaged one (bad header, length or checksum). */
    read() {
      for (const dir of dirs()) {
        let b;
        try { b = fs.readFileSync(path.join(dir, name)); } catch { continue; }
        if (b.length < 12 || b.toString('latin1', 0, 4) !== 'AXCC' || b.readUInt32LE(4) !== b.length - 12) return { data: undefined };
        const payload = b.subarray(12);
        return { data: crc32(payload) === b.readUInt32LE(8) ? payload : undefined };
      }
      return undefined;
    },
    write(data) {
      const head = Buffer.alloc(12);
      head.write('AXCC', 0, 'latin1');
      head.writeUInt32LE(data.length, 4);
      head.writeUInt32LE(crc32(data), 8);
      for (const dir of dirs()) {
        const tmp = path.join(dir, `${name}.${process.pid}.tmp`);
        try {
          fs.mkdirSync(dir, { recursive: true });
          fs.writeFileSync(tmp, Buffer.concat([head, data]));
          fs.renameSync(tmp, path.join(dir, name)); // atomic: readers see the old file or the new one
          // Caches of other builds of the bundle are stale for good.
          for (const f of fs.readdirSync(dir)) if (f.startsWith(`${cmd}-`) && f !== name && !f.endsWith('.tmp')) fs.rmSync(path.join(dir, f), { force: true });
          return;
        } catch {
          try { fs.rmSync(tmp, { force: true }); } catch { /* nothing to clean */ }
        }
      }
    },
  };
}
