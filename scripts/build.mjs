// Transpile src/**/*.ts to dist/ one file per module (esbuild, no bundling, ~0.2 s). Type checking is
// `tsc --noEmit` (npm run typecheck); keeping them apart keeps `npm install` fast and the CLI's lazy
// imports intact: a command loads only the modules it imports.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
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
