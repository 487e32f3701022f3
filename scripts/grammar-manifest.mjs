// Step of scripts/build-grammars.sh: load every built grammar in web-tree-sitter (the version ax uses),
// refuse one whose ABI is outside 13-15 or that imports a function the runtime does not export (it
// would trap on first call), and write grammars/manifest.json: for each file its source package,
// version, npm integrity, sha256 and ABI. src/lang/vendored.test.ts checks the files against it.
// Usage: node scripts/grammar-manifest.mjs OUT_DIR ENTRIES_TSV COMPILER_VERSION
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [outDir, entriesFile, compiler] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { Parser, Language } = require('web-tree-sitter');
const wtsDir = path.dirname(require.resolve('web-tree-sitter'));
const runtime = new WebAssembly.Module(readFileSync(path.join(wtsDir, 'tree-sitter.wasm')));
const provided = new Set(WebAssembly.Module.exports(runtime).map((e) => e.name));
// Called only when a scanner's own assertion fails: the parse then throws and ax drops that parser.
const trapOnly = new Set(['__assert_fail', 'abort']);
const wtsVersion = JSON.parse(readFileSync(path.join(wtsDir, 'package.json'), 'utf8')).version;

await Parser.init();
const manifestPath = path.join(outDir, 'manifest.json');
const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : { grammars: {} };
let failed = false;
for (const line of readFileSync(entriesFile, 'utf8').split('\n').filter(Boolean)) {
  const [name, spec, where, mode, integrity] = line.split('\t');
  const file = `tree-sitter-${name}.wasm`;
  const bytes = readFileSync(path.join(outDir, file));
  const mod = new WebAssembly.Module(bytes);
  const missing = WebAssembly.Module.imports(mod)
    .filter((i) => i.kind === 'function' && !provided.has(i.name) && !trapOnly.has(i.name)).map((i) => i.name);
  let abi;
  try {
    abi = (await Language.load(bytes)).abiVersion;
  } catch (e) {
    console.error(`${file}: does not load in web-tree-sitter ${wtsVersion}: ${e.message}`); failed = true; continue;
  }
  if (abi < 13 || abi > 15) { console.error(`${file}: ABI ${abi} outside 13-15`); failed = true; }
  if (missing.length) { console.error(`${file}: imports functions the runtime lacks: ${missing.join(', ')}`); failed = true; }
  const at = spec.lastIndexOf('@');
  manifest.grammars[file] = {
    package: spec.slice(0, at), version: spec.slice(at + 1), integrity,
    source: mode === 'copy' ? `prebuilt ${where}` : `${where === '.' ? '' : `${where}/`}src/ compiled by ${compiler}`,
    abi, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  console.log(`${file}: ABI ${abi}, ${(bytes.length / 1024).toFixed(0)} KiB, from ${spec} (${mode})`);
}
manifest.loadedWith = `web-tree-sitter@${wtsVersion}`;
manifest.grammars = Object.fromEntries(Object.entries(manifest.grammars).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
if (failed) process.exit(1);
