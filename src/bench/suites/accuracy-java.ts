// The Java part of `npm run bench -- accuracy`: `ax def --at` against javac. The sources are packages of
// java.base from the `jdk` corpus (Debian's openjdk-17-source), copied with their package layout and
// compiled by the JDK's javac as a patch of java.base (`--patch-module`): types of java.base outside
// the copy come from the JDK's own class files. src/bench/truth/JavaUses.java attributes the sources
// with javac's Tree API and lists every identifier use whose declaration is in the copy, with the
// position of the declaration's name. A use counts when ax's top answer is at that position.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { AX_BIN, corpus, REPO_ROOT } from '../harness.js';
import { atPosition, measureDefs, type Tally } from './accuracy-defs.js';

/** Packages of java.base with their subpackages: regex engines, functional interfaces and streams, java.time's layered API. */
const PACKAGES = ['java/util/regex', 'java/util/function', 'java/util/stream', 'java/time', 'java/util/concurrent/atomic', 'java/util/concurrent/locks'];

interface Use { use: [string, number, number]; name: string; def: [string, number, number]; category: string; call: boolean }
export interface JavaAccuracy { javac: string; packages: string[]; files: number; uses: Tally; calls: Tally; misses: string[] }

function javaFiles(dir: string, rel: string, out: string[] = []): string[] {
  for (const e of readdirSync(path.join(dir, rel))) {
    const r = `${rel}/${e}`;
    if (statSync(path.join(dir, r)).isDirectory()) javaFiles(dir, r, out);
    else if (e.endsWith('.java') && e !== 'package-info.java') out.push(r);
  }
  return out;
}

export async function javaAccuracy(work: string, rand: () => number, quick: boolean, log: (m: string) => void): Promise<JavaAccuracy | undefined> {
  const version = spawnSync('javac', ['-version'], { encoding: 'utf8' });
  if (version.status !== 0) {
    log('java truth skipped: needs a JDK on PATH (javac 17 measured)');
    return undefined;
  }
  const javac = `${version.stdout}${version.stderr}`.trim();
  const src = path.join(corpus('jdk'), 'java.base');
  if (!existsSync(src)) throw new Error(`no java.base sources under ${src}`);
  const root = path.join(work, 'jdk');
  rmSync(root, { recursive: true, force: true });
  for (const p of PACKAGES) cpSync(path.join(src, p), path.join(root, p), { recursive: true });
  const files = PACKAGES.flatMap((p) => javaFiles(root, p));
  execFileSync(process.execPath, [AX_BIN, 'index', root, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
  log(`javac truth (${javac}) over ${files.length} files of java.base`);
  const truth = JSON.parse(execFileSync('java', ['--add-exports', 'jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED',
    path.join(REPO_ROOT, 'src', 'bench', 'truth', 'JavaUses.java'), root, 'java.base', ...files],
  { encoding: 'utf8', maxBuffer: 1 << 30, cwd: root })) as Use[];
  log(`java truth: ${truth.length} uses (${truth.filter((u) => u.call).length} calls)`);

  const misses: string[] = [];
  const uses = await measureDefs('java', root, truth, quick ? 300 : 1000, rand, atPosition, misses);
  const calls = await measureDefs('java', root, truth.filter((u) => u.call), quick ? 200 : 600, rand, atPosition, misses);
  log(`java def: uses ${uses.ok}/${uses.n}, calls ${calls.ok}/${calls.n}`);
  return { javac, packages: PACKAGES, files: files.length, uses, calls, misses };
}
