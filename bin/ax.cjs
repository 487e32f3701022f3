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
'use strict';
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // A direct write: creating process.stdout (stream and net modules) costs more than the rest of this.
  const fs = require('node:fs');
  const { version } = JSON.parse(fs.readFileSync(require('node:path').join(__dirname, '..', 'package.json'), 'utf8'));
  try { fs.writeSync(1, version + '\n'); } catch (e) { if (e.code !== 'EPIPE') throw e; }
} else {
  // Output goes through src/cli/stdio.ts, which also ends the run quietly when stdout's reader has gone.
  const fail = (e) => { process.stderr.write(`ax: cannot start (was \`npm install\` run?): ${e.message}\n`); process.exitCode = 1; };
  const perFile = () => import('../dist/cli/main.js').then((m) => m.main(argv)).then((code) => { process.exitCode = code; }, fail);
  let bundle, loadError;
  try {
    bundle = process.env.AX_NO_BUNDLE === '1' ? undefined : loadBundle(require('node:path').join(__dirname, '..', 'dist', 'cli', 'main.bundle.cjs'));
  } catch (e) {
    loadError = e;
  }
  if (loadError) fail(loadError);
  else if (!bundle) perFile();
  else {
    bundle.exports.main(argv).then((code) => {
      process.exitCode = code;
      if (code === 0) bundle.saveCache();
    }, fail);
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
