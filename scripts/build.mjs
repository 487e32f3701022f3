// Transpile src/**/*.ts to dist/ one file per module (esbuild, no bundling, ~0.2 s). Type checking is
// `tsc --noEmit` (npm run typecheck); keeping them apart keeps `npm install` fast and the CLI's lazy
// imports intact: a command loads only the modules it imports.
// Then dist/cli/main.bundle.cjs (what bin/ax.cjs loads): one CommonJS script with a V8 code cache
// instead of ~60 ES modules (docs/benchmarks.md, startup). Tests, the worker threads and
// `node dist/...` entry points keep using the per-file outputs.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const src = path.join(root, 'src');
const entries = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) entries.push(p);
  }
})(src);
// Remove only outputs whose source is gone (never the whole dist/: a concurrent test run may be reading it).
const dist = path.join(root, 'dist');
if (existsSync(dist)) {
  (function prune(dir) {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) { prune(p); continue; }
      if (/\.bundle\.c?js(\.map)?$|\.tmp$/.test(name)) continue;
      const rel = path.relative(dist, p).replace(/\.js(\.map)?$/, '.ts');
      if (!existsSync(path.join(src, rel))) rmSync(p, { force: true });
    }
  })(dist);
}
await build({
  entryPoints: entries,
  outdir: path.join(root, 'dist'),
  outbase: src,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});

// The CLI bundle: dist/cli/main.bundle.cjs, all of src/ reachable from src/cli/main.ts in one CommonJS
// script (packages stay external, loaded with require()). bin/ax.cjs compiles it with a V8 code cache
// (vm.Script cachedData), which ES modules cannot use on Node 20, and a CommonJS script never starts
// Node's ES module loader (docs/benchmarks.md, startup). Modules a command does not need are not run:
// esbuild initializes dynamically imported modules on first import. Modules that locate files relative
// to themselves (import.meta.url: worker threads, grammars, rule files) get the URL of their per-file
// output in dist/, so they find the same files as before. The first line carries a hash of the content:
// bin/ax.cjs keys its code caches by it.
const cliOut = path.join(dist, 'cli');
const BUNDLE = path.join(cliOut, 'main.bundle.cjs');
const ID_PLACEHOLDER = '0'.repeat(16);
const metaUrl = {
  name: 'import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta')) return undefined;
      const rel = path.relative(src, args.path).replace(/\.ts$/, '.js').split(path.sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `__axModuleUrl(${JSON.stringify(rel)})`), loader: 'ts' };
    });
  },
};
// Packages stay external (require() at run time), except better-sqlite3's JavaScript: every command
// opens the index, and loading that package (14 CommonJS files, then the `bindings` package probing for
// the addon from a stack trace) cost more than the rest of ax's start-up. Bundled, the code cache
// covers it. The addon itself is loaded from the installed package, found the way `bindings` finds it.
// The bundled copy is used only when the installed package has the version it was built from (the
// JavaScript must match the addon); otherwise the installed package is required as before.
const SQLITE_PKG = path.join(root, 'node_modules', 'better-sqlite3', 'package.json');
const sqliteVersion = existsSync(SQLITE_PKG) ? JSON.parse(readFileSync(SQLITE_PKG, 'utf8')).version : undefined;
// Where the installed package is: where Node would find it from dist/cli (the package's own
// node_modules) by a direct read, else require.resolve (hoisted installs); resolving costs ms cold.
const SQLITE_DIR_SHIM = `
const fs = require('node:fs');
const path = require('node:path');
const local = path.join(__dirname, '..', '..', 'node_modules', 'better-sqlite3');
let dir, version;
try { version = JSON.parse(fs.readFileSync(path.join(local, 'package.json'), 'utf8')).version; dir = local; } catch {
  try {
    dir = path.dirname(require.resolve('better-sqlite3/package.json'));
    version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  } catch { /* not installed, or unreadable: the package itself reports it */ }
}
module.exports = { dir, version };
`;
const SQLITE_SHIM = `
const { version } = require('ax-sqlite-dir');
module.exports = version === ${JSON.stringify(sqliteVersion)} ? require('better-sqlite3/lib/index.js') : require('better-sqlite3');
`;
// What better-sqlite3 gets for require('bindings'): the same search as \`bindings\`, from the installed
// package's directory (the bundle is elsewhere): the first candidates with a stat each, then
// \`bindings\` itself for the rest of its list.
const BINDINGS_SHIM = `
const fs = require('node:fs');
const path = require('node:path');
module.exports = function (name) {
  const { dir } = require('ax-sqlite-dir');
  for (const sub of ['build', 'build/Debug', 'build/Release']) {
    const file = path.join(dir, sub, name);
    if (fs.existsSync(file)) return require(file);
  }
  return require('bindings')({ bindings: name, module_root: dir });
};
`;
const SHIMS = { sqlite: SQLITE_SHIM, bindings: BINDINGS_SHIM, dir: SQLITE_DIR_SHIM };
const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^better-sqlite3$/ }, (args) => (args.namespace === 'ax-shim' || !sqliteVersion ? { path: 'better-sqlite3', external: true } : { path: 'sqlite', namespace: 'ax-shim' }));
    b.onResolve({ filter: /^bindings$/ }, (args) => (args.importer.includes(`${path.sep}better-sqlite3${path.sep}lib${path.sep}`) ? { path: 'bindings', namespace: 'ax-shim' } : { path: 'bindings', external: true }));
    b.onResolve({ filter: /^ax-sqlite-dir$/ }, () => ({ path: 'dir', namespace: 'ax-shim' }));
    b.onLoad({ filter: /.*/, namespace: 'ax-shim' }, (args) => ({ contents: SHIMS[args.path], loader: 'js', resolveDir: root }));
    // Every other package, and better-sqlite3's own modules only from the shim (bundled).
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.namespace === 'ax-shim' && args.path === 'better-sqlite3/lib/index.js' ? undefined : { path: args.path, external: true }));
  },
};
// A bundle failure (e.g. an import of a module another engineer has not written yet) must not fail the
// per-file build: warn, drop the stale bundle, and bin/ax.cjs falls back to dist/cli/main.js.
try {
  const r = await build({
    entryPoints: [path.join(src, 'cli', 'main.ts')],
    outfile: BUNDLE,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // No import() in the output (vm.Script code has no module loader to resolve it): packages load
    // through require() (all of ours ship CommonJS), our modules are in the bundle.
    supported: { 'dynamic-import': false },
    // One function expression, as bin/ax.cjs runs it (no wrapping string built at every start).
    banner: { js: `// ax-bundle ${ID_PLACEHOLDER}\n(function (exports, require, module, __filename, __dirname) {"use strict";\nvar __axModuleUrl = (rel) => require("node:url").pathToFileURL(require("node:path").join(__dirname, "..", rel)).href;` },
    footer: { js: '})' },
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
    plugins: [metaUrl, externals],
  });
  const js = r.outputFiles.find((f) => f.path === BUNDLE);
  const map = r.outputFiles.find((f) => f.path === BUNDLE + '.map');
  if (!js || !map) throw new Error('esbuild wrote no bundle');
  let text = js.text;
  if (/\bimport\.meta\b/.test(text)) throw new Error('import.meta left in the CLI bundle');
  // bin/ax.cjs reads it as latin1 (esbuild's default charset escapes everything else).
  if (/[^\x00-\x7f]/.test(text)) throw new Error('non-ASCII character in the CLI bundle');
  const id = createHash('sha256').update(text).digest('hex').slice(0, ID_PLACEHOLDER.length);
  text = text.replace(ID_PLACEHOLDER, id);
  mkdirSync(cliOut, { recursive: true });
  // Write-then-rename: a CLI starting during a build reads the old or the new bundle, never half of one.
  for (const [file, content] of [[BUNDLE + '.map', map.text], [BUNDLE, text]]) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  }
} catch (e) {
  process.stderr.write(`build: CLI bundle skipped (bin/ax.cjs uses the per-file dist/cli/main.js): ${e.message.split('\n')[0]}\n`);
  for (const f of ['main.bundle.cjs', 'main.bundle.cjs.map']) rmSync(path.join(cliOut, f), { force: true });
}
// The ES module bundle of earlier builds (main.bundle.js + chunk-*.bundle.js) goes once it is 10 minutes
// old (a process started before this build may still load it).
for (const name of existsSync(cliOut) ? readdirSync(cliOut) : []) {
  const p = path.join(cliOut, name);
  if (/^(chunk-.*|main)\.bundle\.js(\.map)?$/.test(name) && Date.now() - statSync(p).mtimeMs > 10 * 60e3) rmSync(p, { force: true });
}
