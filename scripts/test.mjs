// Run every dist/**/*.test.js with node's built-in test runner (its summary is what CI reads).
// Extra arguments are passed through (e.g. `node scripts/test.mjs --test-name-pattern=walk`).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js')) files.push(p);
  }
})(path.join(root, 'dist'));
const filter = process.env.AX_TEST_FILTER;
const chosen = filter ? files.filter((f) => f.includes(filter)) : files;
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...process.argv.slice(2), ...chosen.sort()], {
  stdio: 'inherit', cwd: root,
});
process.exit(r.status ?? 1);
