#!/usr/bin/env node
// ax launcher. CommonJS and tiny so `ax --version` answers before any ES module graph loads.
// It loads dist/cli/main.bundle.js (all of src/cli in one module, built by scripts/build.mjs; services
// stay per-file and load lazily), falling back to the per-file dist/cli/main.js when the bundle is
// missing or AX_NO_BUNDLE=1. A closed stdout (`ax find x | head`) ends the process quietly.
'use strict';
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(require('../package.json').version + '\n');
} else {
  process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
  const start = (m) => m.main(argv).then((code) => { process.exitCode = code; });
  const fail = (e) => { process.stderr.write(`ax: cannot start (was \`npm install\` run?): ${e.message}\n`); process.exitCode = 1; };
  const perFile = () => import('../dist/cli/main.js').then(start, fail);
  if (process.env.AX_NO_BUNDLE === '1') perFile();
  else import('../dist/cli/main.bundle.js').then(start, (e) => (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('main.bundle.js') ? perFile() : fail(e)));
}
