// The Go part of `npm run bench -- accuracy`: `ax def --at` against go/types. The packages are a slice of
// the standard library of the Go toolchain on PATH (`apt-get install golang-go`: Go 1.19, whose GOROOT is
// the `go-std` corpus), copied with every non-test .go file of their directories, so ax also sees the
// files other platforms build (`_windows.go`, `//go:build` variants) while the truth is the linux/amd64
// build. src/bench/truth/go-uses.go type-checks them from source and lists every identifier use with
// the position of the name it resolves to. A use counts when ax's top answer is at that position; uses
// of names declared outside the copied packages (other packages, the universe) are left out.

import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { AX_BIN, REPO_ROOT } from '../harness.js';
import { atPosition, measureDefs, type Tally } from './accuracy-defs.js';

/** Packages chosen for spread: generic containers and parsers, method-heavy servers, build variants. */
const PACKAGES = [
  'bufio', 'bytes', 'strings', 'strconv', 'sort', 'container/list', 'container/heap', 'flag', 'path', 'path/filepath',
  'io', 'io/fs', 'os', 'os/exec', 'time', 'log', 'errors', 'context', 'sync', 'regexp', 'regexp/syntax',
  'text/template', 'text/template/parse', 'text/scanner', 'html/template', 'encoding/json', 'encoding/binary',
  'encoding/base64', 'encoding/csv', 'archive/tar', 'archive/zip', 'compress/flate', 'compress/gzip',
  'go/ast', 'go/token', 'go/scanner', 'go/parser', 'go/printer', 'go/format', 'go/constant', 'go/types',
  'net/url', 'net/http', 'net/textproto', 'mime', 'mime/multipart', 'image', 'image/color', 'image/png', 'math/big',
];

interface Use { use: [string, number, number]; name: string; def: [string, number, number]; category: string; call: boolean }
export interface GoAccuracy { goVersion: string; packages: number; files: number; uses: Tally; calls: Tally; misses: string[] }

export async function goAccuracy(work: string, rand: () => number, quick: boolean, log: (m: string) => void): Promise<GoAccuracy | undefined> {
  if (spawnSync('go', ['version']).status !== 0) {
    log('go truth skipped: needs a Go toolchain on PATH (`apt-get install golang-go`, Go 1.19 measured)');
    return undefined;
  }
  const goVersion = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
  const goSrc = path.join(execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim(), 'src');
  const root = path.join(work, 'go-std');
  rmSync(root, { recursive: true, force: true });
  let files = 0;
  for (const pkg of PACKAGES) {
    mkdirSync(path.join(root, pkg), { recursive: true });
    for (const f of readdirSync(path.join(goSrc, pkg))) {
      if (!f.endsWith('.go') || f.endsWith('_test.go')) continue;
      copyFileSync(path.join(goSrc, pkg, f), path.join(root, pkg, f));
      files++;
    }
  }
  if (existsSync(path.join(goSrc, 'go.mod'))) copyFileSync(path.join(goSrc, 'go.mod'), path.join(root, 'go.mod'));
  execFileSync(process.execPath, [AX_BIN, 'index', root, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
  log(`go/types truth (${goVersion}) over ${PACKAGES.length} packages, ${files} files`);
  const truth = JSON.parse(execFileSync('go', ['run', path.join(REPO_ROOT, 'src', 'bench', 'truth', 'go-uses.go'), ...PACKAGES],
    { encoding: 'utf8', maxBuffer: 1 << 30, cwd: work, env: { ...process.env, GOFLAGS: '-mod=mod', GO111MODULE: 'off' } })) as Use[];
  const copied = new Set(PACKAGES);
  // go/types hands uses out of a map, in a different order on every run: sorted, the seeded sample is stable.
  const uses = truth.filter((u) => copied.has(path.posix.dirname(u.def[0])))
    .sort((a, b) => (a.use[0] < b.use[0] ? -1 : a.use[0] > b.use[0] ? 1 : a.use[1] - b.use[1] || a.use[2] - b.use[2]));
  log(`go truth: ${uses.length} uses (${uses.filter((u) => u.call).length} calls)`);

  const misses: string[] = [];
  const all = await measureDefs('go', root, uses, quick ? 300 : 1000, rand, atPosition, misses);
  const calls = await measureDefs('go', root, uses.filter((u) => u.call), quick ? 200 : 600, rand, atPosition, misses);
  log(`go def: uses ${all.ok}/${all.n}, calls ${calls.ok}/${calls.n}`);
  return { goVersion, packages: PACKAGES.length, files, uses: all, calls, misses };
}
