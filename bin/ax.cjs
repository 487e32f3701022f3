#!/usr/bin/env node
// ax launcher. CommonJS and tiny so `ax --version` answers before any ES module graph loads.
'use strict';
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(require('../package.json').version + '\n');
} else {
  import('../dist/cli/main.js').then(
    (m) => m.main(argv).then((code) => { process.exitCode = code; }),
    (e) => { process.stderr.write(`ax: cannot start (was \`npm install\` run?): ${e.message}\n`); process.exitCode = 1; },
  );
}
