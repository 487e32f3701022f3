// Transpile src/**/*.ts to dist/ one file per module (esbuild, no bundling, ~0.2 s). Type checking is
// `tsc --noEmit` (npm run typecheck); keeping them apart keeps `npm install` fast and the CLI's lazy
// imports intact: a command loads only the modules it imports.
// Then dist/cli/main.bundle.js (what bin/ax.cjs loads) with per-command lazy chunks: a few modules
// instead of ~60 save ESM resolve/load work on every start (docs/benchmarks.md, startup). Tests, the
// worker thread and `node dist/...` entry points keep using the per-file outputs.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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
      if (/\.bundle\.js(\.map)?$/.test(name)) continue;
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

// The CLI bundle: dist/cli/main.bundle.js plus lazily loaded chunks (dist/cli/chunk-*.bundle.js, one
// per command's service graph, shared code split out by esbuild). Kept external, i.e. loaded from the
// per-file dist/ as before: packages, src/core (one AxError class for instanceof), src/bench, and every
// module that locates files relative to itself (import.meta, __dirname, createRequire: worker threads,
// grammars, rule files), since its location changes inside a bundle.
const cliOut = path.join(dist, 'cli');
const keepExternal = (tsFile) => tsFile.startsWith(path.join(src, 'core') + path.sep) || tsFile.startsWith(path.join(src, 'bench') + path.sep) ||
  /import\.meta|__dirname|__filename|createRequire/.test(readFileSync(tsFile, 'utf8'));
const perFile = {
  name: 'per-file-externals',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const abs = path.resolve(args.resolveDir, args.path);
      const ts = abs.replace(/\.js$/, '.ts');
      if (!ts.startsWith(src + path.sep) || !existsSync(ts) || !keepExternal(ts)) return undefined;
      let rel = path.relative(cliOut, path.join(dist, path.relative(src, abs))).split(path.sep).join('/');
      if (!rel.startsWith('.')) rel = './' + rel;
      return { path: rel, external: true };
    });
  },
};
// A bundle failure (e.g. an import of a module another engineer has not written yet) must not fail the
// per-file build: warn, drop the stale bundle, and bin/ax.cjs falls back to dist/cli/main.js.
let bundled;
try {
  bundled = await build({
    entryPoints: { 'main.bundle': path.join(src, 'cli', 'main.ts') },
    outdir: cliOut,
    chunkNames: 'chunk-[hash].bundle',
    bundle: true,
    splitting: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [perFile],
  });
} catch (e) {
  process.stderr.write(`build: CLI bundle skipped (bin/ax.cjs uses the per-file dist/cli/main.js): ${e.message.split('\n')[0]}\n`);
  for (const f of ['main.bundle.js', 'main.bundle.js.map']) rmSync(path.join(cliOut, f), { force: true });
}
// Old chunks go once they are 10 minutes old (a process started before this build may still load them).
const current = new Set(Object.keys(bundled?.metafile.outputs ?? {}).map((f) => path.basename(f)));
for (const name of readdirSync(cliOut)) {
  const p = path.join(cliOut, name);
  if (bundled && /^chunk-.*\.bundle\.js(\.map)?$/.test(name) && !current.has(name) && Date.now() - statSync(p).mtimeMs > 10 * 60e3) rmSync(p, { force: true });
}
