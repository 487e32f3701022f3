// The Rust part of `npm run bench -- accuracy`: `ax def --at` against rustc's own name resolution.
// The crate is regex-syntax from Debian's `librust-regex-syntax-dev` (31 files, 1.5 MB, no
// dependencies), compiled by the `rustc` on PATH: the dumps' format is the one of rustc 1.95 (rustup's
// stable here); Debian bookworm's rustc 1.63 prints an older format, which is refused with a note, as
// is a missing crate or compiler. Two dumps of the compiler are the truth:
//   paths  `-Zunpretty=hir-tree`: every resolved path (`x`, `Type`, `a::b::f`, `Enum::Variant`) with
//          what it resolves to (a local binding or a definition of the crate) and that definition's span;
//   calls  `-Zunpretty=thir-tree`: every call after type checking (`x.method()`, `Type::assoc()`,
//          `f()`) with the function it calls (a trait's method when called through the trait).
// A use counts as right when ax's top answer is the definition's name inside its span (same file).
// Spans from macro expansions (hygiene other than #0) and `use` items are left out.

import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { AX_BIN } from '../harness.js';
import { measureDefs, type Tally, type TopDef } from './accuracy-defs.js';

const REGISTRY = '/usr/share/cargo/registry';
const SPAN = /^(.*):(\d+):(\d+): (\d+):(\d+) \(#0\)$/;

interface Use { use: [string, number, number]; name: string; def: [string, number, number, number, number]; category: string }
export interface RustAccuracy { crate: string; files: number; paths: Tally; calls: Tally; misses: string[] }

/** Default features of the crate, expanded (`default = ["unicode"]`, `unicode = [...]`). */
function features(cargoToml: string): string[] {
  const table = /\[features\]([\s\S]*?)(\n\[|$)/.exec(cargoToml)?.[1] ?? '';
  const defs = new Map<string, string[]>();
  for (const m of table.matchAll(/^([\w-]+)\s*=\s*\[([^\]]*)\]/gm)) defs.set(m[1]!, [...m[2]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!));
  const out = new Set<string>();
  const add = (f: string) => { if (out.has(f) || f.includes('/') || f.startsWith('dep:')) return; out.add(f); for (const g of defs.get(f) ?? []) add(g); };
  add('default');
  return [...out];
}

/** A rustc dump of `lib.rs` into a file (hundreds of MB: it is read as a stream). */
function dump(root: string, crate: string, edition: string, feats: string[], what: string, out: string): void {
  const fd = openSync(out, 'w');
  try {
    const r = spawnSync('rustc', ['--crate-type', 'lib', '--crate-name', crate, '--edition', edition, `-Zunpretty=${what}`,
      ...feats.flatMap((f) => ['--cfg', `feature="${f}"`]), 'src/lib.rs'], { cwd: root, stdio: ['ignore', fd, 'pipe'], env: { ...process.env, RUSTC_BOOTSTRAP: '1' } });
    if (r.status !== 0) throw new Error(`rustc -Zunpretty=${what} failed: ${r.stderr.toString().slice(-400)}`);
  } finally {
    closeSync(fd);
  }
}

interface Obj { indent: number; type: string; f: Record<string, string>; segs: Array<{ ident?: string; hir?: string }>; pending?: 'Def' | 'Local'; resKind?: string; res?: { kind: string; id: string; path?: string; defKind?: string }; binding?: boolean }

/** Resolved paths, definition spans (by DefId and by def path) and local binding spans from the HIR dump. */
async function readHir(file: string) {
  const stack: Obj[] = [];
  const defSpan = new Map<string, string>(), pathSpan = new Map<string, string>(), localSpan = new Map<string, string>();
  const paths: Array<{ span: string; res: NonNullable<Obj['res']>; segs: Obj['segs'] }> = [];
  const rl = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) {
    let m = /^(\s*)(?:\w+: )?([A-Z]\w*) \{$/.exec(line);
    if (m) { stack.push({ indent: m[1]!.length, type: m[2]!, f: {}, segs: [] }); continue; }
    const top = stack[stack.length - 1];
    if (!top) continue;
    m = /^(\s*)\},?$/.exec(line);
    if (m) {
      if (top.indent !== m[1]!.length) continue;
      stack.pop();
      const f = top.f;
      if (top.type === 'PathSegment') { for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.type === 'Path') { stack[i]!.segs.push({ ident: f.ident, hir: f.hir_id }); break; } }
      else if (top.type === 'Path' && f.span && top.res) paths.push({ span: f.span, res: top.res, segs: top.segs });
      const id = /DefId\((\d+:\d+) ~ ([^)]*)\)/.exec(f.def_id ?? f.owner_id ?? '');
      if (id && f.span) { defSpan.set(id[1]!, f.span); pathSpan.set(id[2]!, f.span); }
      const h = top.type === 'Pat' && top.binding ? /HirId\(DefId\((\d+:\d+) ~ [^)]*\)\.(\d+)\)/.exec(f.hir_id ?? '') : null;
      if (h && f.span) localSpan.set(`${h[1]}.${h[2]}`, f.span);
      continue;
    }
    m = /^(\s*)(\w+): (.*)$/.exec(line);
    if (m && m[1]!.length === top.indent + 4) {
      const [, , k, v] = m as unknown as [string, string, string, string];
      if (!(k in top.f)) top.f[k] = v.replace(/,$/, '');
      if (k === 'res' && top.type === 'Path') top.pending = v.startsWith('Def(') ? 'Def' : v.startsWith('Local(') ? 'Local' : undefined;
      else if (k === 'kind' && top.type === 'Pat' && v.startsWith('Binding(')) top.binding = true;
      continue;
    }
    if (top.pending && !top.res && line.length - line.trimStart().length === top.indent + 8) {
      const t = line.trim();
      if (top.pending === 'Def') {
        top.resKind ??= t.replace(/[(,]$/, '');
        const d = /^DefId\((\d+:\d+) ~ ([^)]*)\)/.exec(t);
        if (d) top.res = { kind: 'Def', defKind: top.resKind, id: d[1]!, path: d[2]! };
      } else {
        const h = /^HirId\(DefId\((\d+:\d+) ~ [^)]*\)\.(\d+)\)/.exec(t);
        if (h) top.res = { kind: 'Local', id: `${h[1]}.${h[2]}` };
      }
    }
  }
  return { defSpan, pathSpan, localSpan, paths };
}

/** Calls after type checking from the THIR dump: the callee's DefId and the span of the callee expression. */
async function readThirCalls(file: string) {
  const calls: Array<{ id: string; path: string; span: string }> = [];
  const stack: Array<{ ind: number; id?: string; path?: string; hir?: boolean; awaitFun?: boolean; span?: string }> = [];
  const rl = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) {
    const ind = line.length - line.trimStart().length;
    const t = line.trim();
    if (t === 'Call {') { stack.push({ ind }); continue; }
    const top = stack[stack.length - 1];
    if (!top) continue;
    if (t === '}' && ind === top.ind) {
      stack.pop();
      // from_hir_call: false marks an overloaded operator (`a + b`), not a call written as one.
      if (top.id && top.path && top.span && top.hir) calls.push({ id: top.id, path: top.path, span: top.span });
    } else if (ind === top.ind + 4) {
      const m = /^ty: FnDef\(DefId\((\d+:\d+) ~ ([^)]*)\)/.exec(t);
      if (m && !top.id) { top.id = m[1]; top.path = m[2]; } else if (t.startsWith('from_hir_call:')) top.hir = t.endsWith('true');
      else if (t === 'fun:') top.awaitFun = true;
    } else if (top.awaitFun && !top.span && ind === top.ind + 12 && t.startsWith('span: ')) top.span = t.slice(6);
  }
  return calls;
}

export async function rustAccuracy(work: string, rand: () => number, quick: boolean, log: (m: string) => void): Promise<RustAccuracy | undefined> {
  const crateDir = existsSync(REGISTRY) ? readdirSync(REGISTRY).filter((d) => /^regex-syntax-0\.6\.\d+$/.test(d)).sort().pop() : undefined;
  if (!crateDir || spawnSync('rustc', ['--version']).status !== 0) {
    log('rust truth skipped: needs a rustc on PATH (1.95 measured) and `apt-get install librust-regex-syntax-dev`');
    return undefined;
  }
  const root = path.join(work, crateDir);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  execFileSync('cp', ['-r', path.join(REGISTRY, crateDir, 'src'), path.join(REGISTRY, crateDir, 'Cargo.toml'), root]);
  execFileSync(process.execPath, [AX_BIN, 'index', root, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const toml = readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
  const edition = /^edition\s*=\s*"(\d+)"/m.exec(toml)?.[1] ?? '2018';
  const feats = features(toml);
  log(`rustc truth over ${crateDir} (edition ${edition}, features ${feats.join(' ')})`);
  const hirFile = path.join(work, 'hir.txt'), thirFile = path.join(work, 'thir.txt');
  dump(root, 'regex_syntax', edition, feats, 'hir-tree', hirFile);
  const hir = await readHir(hirFile);
  rmSync(hirFile);
  if (hir.localSpan.size === 0 || hir.paths.length === 0) {
    throw new Error(`${execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim()} prints a -Zunpretty=hir-tree format this bench does not read (it reads rustc 1.95's)`);
  }
  dump(root, 'regex_syntax', edition, feats, 'thir-tree', thirFile);
  const calls = await readThirCalls(thirFile);
  rmSync(thirFile);

  const lines = new Map<string, string[]>();
  const lineOf = (f: string, l: number) => {
    let ls = lines.get(f);
    if (!ls) { ls = readFileSync(path.join(root, f), 'utf8').split('\n'); lines.set(f, ls); }
    return ls[l - 1] ?? '';
  };
  /** The position of `name` ending a one-line span, when the source shows it there. */
  const endPos = (span: string, name: string): [string, number, number] | undefined => {
    const m = SPAN.exec(span);
    if (!m || !m[1]!.startsWith('src/') || m[2] !== m[4]) return undefined;
    const col = Number(m[5]) - name.length;
    return lineOf(m[1]!, Number(m[2])).slice(col - 1, col - 1 + name.length) === name ? [m[1]!, Number(m[2]), col] : undefined;
  };
  const defOf = (span: string | undefined): Use['def'] | undefined => {
    const m = span ? SPAN.exec(span) : null;
    return m ? [m[1]!, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])] : undefined;
  };
  const seen = new Set<string>();
  const fresh = (u: [string, number, number]) => { const k = u.join(':'); if (seen.has(k)) return false; seen.add(k); return true; };

  const pathUses: Use[] = [];
  for (const p of hir.paths) {
    if (p.segs.some((s) => s.hir?.includes('{use#'))) continue;
    const name = p.segs[p.segs.length - 1]?.ident?.replace(/#\d+$/, '');
    if (!name) continue;
    let def: Use['def'] | undefined, category: string, defName = name;
    if (p.res.kind === 'Local') { def = defOf(hir.localSpan.get(p.res.id)); category = 'local'; }
    else if (p.res.id.startsWith('0:')) {
      // A constructor (`Some(x)`-like tuple variants and structs) stands for its variant or struct.
      const owner = p.res.path!.replace(/::\{constructor#\d+\}$/, '');
      def = defOf(owner !== p.res.path ? hir.pathSpan.get(owner) : hir.defSpan.get(p.res.id));
      defName = owner.split('::').pop()!;
      category = p.res.defKind!.replace(/\(.*/, '');
    } else continue;
    const at = endPos(p.span, name);
    if (!def || !at || defName !== name || !fresh(at)) continue;
    pathUses.push({ use: at, name, def, category });
  }
  const callUses: Use[] = [];
  for (const c of calls) {
    if (!c.id.startsWith('0:')) continue;
    const name = c.path.split('::').pop()!;
    const def = defOf(hir.defSpan.get(c.id));
    const at = /^[A-Za-z_]\w*$/.test(name) ? endPos(c.span, name) : undefined;
    if (!def || !at || !fresh(at)) continue;
    const before = lineOf(at[0], at[1]).slice(0, at[2] - 1).trimEnd();
    const through = c.path.includes('{impl#') ? '' : ' (trait item)';
    callUses.push({ use: at, name, def, category: (before.endsWith('.') ? 'method call' : before.endsWith('::') ? 'path call' : 'function call') + through });
  }
  log(`rust truth: ${pathUses.length} path uses, ${callUses.length} call uses`);

  const misses: string[] = [];
  // Right when the top answer is the definition's name inside its span (rustc gives whole items).
  const inSpan = (top: TopDef, u: Use) => {
    const [file, l1, c1, l2, c2] = u.def;
    return top.path === file && top.name === u.name && (top.line > l1 || (top.line === l1 && top.column >= c1)) && (top.line < l2 || (top.line === l2 && top.column < c2));
  };
  const paths = await measureDefs('rust', root, pathUses, quick ? 300 : 1000, rand, inSpan, misses);
  const callT = await measureDefs('rust', root, callUses, quick ? 200 : 600, rand, inSpan, misses);
  log(`rust def: paths ${paths.ok}/${paths.n}, calls ${callT.ok}/${callT.n}`);
  return { crate: crateDir, files: new Set([...pathUses, ...callUses].map((u) => u.use[0])).size, paths, calls: callT, misses };
}
