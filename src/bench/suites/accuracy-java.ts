// The Java part of `npm run bench -- accuracy`: `ax def --at` against javac. The sources are packages of
// java.base from the `jdk` corpus (Debian's openjdk-17-source), copied with their package layout and
// compiled by the JDK's javac as a patch of java.base (`--patch-module`): types of java.base outside
// the copy come from the JDK's own class files. src/bench/truth/JavaUses.java attributes the sources
// with javac's Tree API and lists every identifier use whose declaration is in the copy, with the
// position of the declaration's name. A use counts when ax's top answer is at that position.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { definitions } from '../../services/navigate/index.js';
import { AX_BIN, corpus, REPO_ROOT } from '../harness.js';

/** Packages of java.base with their subpackages: regex engines, functional interfaces and streams, java.time's layered API. */
const PACKAGES = ['java/util/regex', 'java/util/function', 'java/util/stream', 'java/time', 'java/util/concurrent/atomic', 'java/util/concurrent/locks'];

interface Use { use: [string, number, number]; name: string; def: [string, number, number]; category: string; call: boolean }
interface Tally { n: number; ok: number; byCategory: Record<string, { n: number; ok: number }>; byResolution: Record<string, { n: number; ok: number }> }
export interface JavaAccuracy { javac: string; packages: string[]; files: number; uses: Tally; calls: Tally; misses: string[] }

function shuffle<T>(xs: T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [a[i], a[j]] = [a[j]!, a[i]!]; }
  return a;
}

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
  const measure = async (sample: Use[], n: number): Promise<Tally> => {
    const t: Tally = { n: 0, ok: 0, byCategory: {}, byResolution: {} };
    for (const u of shuffle(sample, rand).slice(0, n)) {
      const top = (await definitions({ root, at: u.use.join(':'), limit: 1 })).results[0];
      const ok = !!top && top.path === u.def[0] && top.line === u.def[1] && top.column === u.def[2];
      t.n++;
      if (ok) t.ok++;
      const c = (t.byCategory[u.category] ??= { n: 0, ok: 0 });
      const r = (t.byResolution[top?.resolution ?? 'none'] ??= { n: 0, ok: 0 });
      c.n++; r.n++;
      if (ok) { c.ok++; r.ok++; } else if (misses.length < 40) misses.push(`java ${u.use.join(':')} ${u.name} [${u.category}] want ${u.def.join(':')} got ${top ? `${top.path}:${top.line}:${top.column} [${top.resolution}]` : 'nothing'}`);
    }
    return t;
  };
  const uses = await measure(truth, quick ? 300 : 1000);
  const calls = await measure(truth.filter((u) => u.call), quick ? 200 : 600);
  log(`java def: uses ${uses.ok}/${uses.n}, calls ${calls.ok}/${calls.n}`);
  return { javac, packages: PACKAGES, files: files.length, uses, calls, misses };
}
