// Grammars vendored in this package. Most grammars come from npm packages (engine.ts resolves them);
// those that no npm package ships in a form web-tree-sitter 0.25 loads are committed in grammars/,
// compiled from pinned npm sources by scripts/build-grammars.sh and listed with their sha256 in
// grammars/manifest.json (docs/languages.md, "Vendored grammars"). Located relative to this module
// (dist/lang/ -> ../../grammars), which the CLI build therefore keeps outside its bundle.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `grammarPackage` value of a grammar vendored in grammars/. */
export const VENDORED = 'ax/grammars';

export const VENDORED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'grammars');
