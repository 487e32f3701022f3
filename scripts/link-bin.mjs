// A package's own `bin` is not on its own `npx` path. Link node_modules/.bin/ax to bin/ax.cjs so that
// `npx ax ...` in a clone runs this checkout (README Quick start) instead of fetching anything.
import { chmodSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const binDir = path.join(root, 'node_modules', '.bin');
mkdirSync(binDir, { recursive: true });
const link = path.join(binDir, 'ax');
rmSync(link, { force: true });
symlinkSync(path.relative(binDir, path.join(root, 'bin', 'ax.cjs')), link);
chmodSync(path.join(root, 'bin', 'ax.cjs'), 0o755);
