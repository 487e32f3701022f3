// `npm run bench -- accuracy`: how often ax's navigation agrees with the TypeScript compiler. Over a TS
// source tree from node-mix (rxjs src/ by default) the checker is the ground truth:
//   def    sampled identifier uses (not declarations) whose symbol the checker resolves to a declaration
//          inside the tree; ax `def --at` top-1 must land on that declaration's name (aliases followed).
//   refs   sampled declarations: ax `refs --at` against LanguageService.findReferences (in-tree spans),
//          micro-averaged precision and recall.
//   calls  sampled named functions/methods: ax `flow --direction callees --depth 1` against the
//          declarations the checker resolves for each call/new in the body (calls inside anonymous
//          callbacks count for the enclosing named function, as ax attributes them).
// Python: a truth from the `ast` module over django/db (accuracy-python.ts): imports and function-local
// scopes, comparing `def --at` for names bound by imports or assignments/parameters of the function.
// Rust: rustc's own resolution of paths and calls over a Debian crate (accuracy-rust.ts).
// Go: go/types over a slice of the Go standard library (accuracy-go.ts).
// Java: javac's attribution of packages of java.base from the jdk corpus (accuracy-java.ts).
// The services are called in-process (the CLI is a thin wrapper); one copy of the corpus is indexed once.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { definitions, flow, references } from '../../services/navigate/index.js';
import { AX_BIN, corpus, type Suite } from '../harness.js';
import { rng, shuffle } from './accuracy-defs.js';
import { goAccuracy, type GoAccuracy } from './accuracy-go.js';
import { pythonAccuracy } from './accuracy-python.js';
import { javaAccuracy, type JavaAccuracy } from './accuracy-java.js';
import { rustAccuracy, type RustAccuracy } from './accuracy-rust.js';

type TS = typeof import('typescript');
const require = createRequire(import.meta.url);

interface Pos { path: string; line: number; col: number }
const key = (p: Pos) => `${p.path}:${p.line}:${p.col}`;

const sample = <T>(xs: T[], n: number, rand: () => number): T[] => shuffle(xs, rand).slice(0, n);

export function listFiles(dir: string, ext: RegExp, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    if (e === 'node_modules' || e.startsWith('.')) continue;
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) listFiles(p, ext, out);
    else if (ext.test(e)) out.push(p);
  }
  return out;
}

function nodeMix(name: string): string {
  const cached = path.join(homedir(), '.cache', 'ax-corpora', 'node-mix', name);
  if (existsSync(cached)) return cached;
  return path.join(corpus('node-mix'), name);
}

function prepare(work: string, src: string, log: (m: string) => void): void {
  if (!existsSync(work)) { mkdirSync(path.dirname(work), { recursive: true }); execFileSync('cp', ['-al', src, work]); }
  rmSync(path.join(work, '.ax'), { recursive: true, force: true });
  log(`indexing ${work}`);
  execFileSync(process.execPath, [AX_BIN, 'index', work, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

const pct = (a: number, b: number) => (b === 0 ? NaN : Math.round((1000 * a) / b) / 10);

// ------------------------------------------------------------------ TypeScript truth
interface TsTruth {
  uses: Array<{ use: Pos; def: Pos; category: string }>;
  decls: Array<{ at: Pos; kind: string }>;
  fns: Array<{ at: Pos; callees: Pos[] }>;
  refs(at: Pos): Pos[];
}

export function tsTruth(ts: TS, root: string, files: string[]): TsTruth {
  const options: import('typescript').CompilerOptions = {
    target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true, noEmit: true, skipLibCheck: true, allowJs: false, lib: ['lib.es2020.d.ts', 'lib.dom.d.ts'],
  };
  const host: import('typescript').LanguageServiceHost = {
    getScriptFileNames: () => files,
    getScriptVersion: () => '1',
    getScriptSnapshot: (f) => (existsSync(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f) ?? '') : undefined),
    getCurrentDirectory: () => root,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists, readFile: ts.sys.readFile, readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists, getDirectories: ts.sys.getDirectories,
  };
  const ls = ts.createLanguageService(host, ts.createDocumentRegistry());
  const program = ls.getProgram()!;
  const checker = program.getTypeChecker();
  const inTree = (sf: import('typescript').SourceFile) => sf.fileName.startsWith(root + '/') && !sf.isDeclarationFile;
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  const posOf = (sf: import('typescript').SourceFile, at: number): Pos => {
    const lc = sf.getLineAndCharacterOfPosition(at);
    return { path: rel(sf.fileName), line: lc.line + 1, col: lc.character + 1 };
  };
  const declPos = (d: import('typescript').Declaration): Pos | undefined => {
    const sf = d.getSourceFile();
    if (!inTree(sf)) return undefined;
    const n = ts.getNameOfDeclaration(d);
    return posOf(sf, (n ?? d).getStart(sf));
  };
  const symbolDecl = (s: import('typescript').Symbol | undefined): Pos | undefined => {
    if (!s) return undefined;
    if (s.flags & ts.SymbolFlags.Alias) { try { s = checker.getAliasedSymbol(s); } catch { return undefined; } }
    const d = s.declarations?.[0];
    return d ? declPos(d) : undefined;
  };

  const uses: TsTruth['uses'] = [];
  const decls: TsTruth['decls'] = [];
  const fns: TsTruth['fns'] = [];
  const isNamedFn = (n: import('typescript').Node) => ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n)
    || (ts.isVariableDeclaration(n) && !!n.initializer && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer)) && ts.isIdentifier(n.name))
    || (ts.isPropertyDeclaration(n) && !!n.initializer && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer)));

  for (const sf of program.getSourceFiles()) {
    if (!inTree(sf)) continue;
    const visit = (n: import('typescript').Node) => {
      if (ts.isIdentifier(n) && !ts.isShorthandPropertyAssignment(n.parent)) {
        const parent = n.parent;
        const isDeclName = (parent as { name?: unknown }).name === n;
        const here = posOf(sf, n.getStart(sf));
        const d = symbolDecl(checker.getSymbolAtLocation(n));
        if (d && key(d) !== key(here) && !(isDeclName && !ts.isImportSpecifier(parent) && !ts.isExportSpecifier(parent) && !ts.isPropertyAccessExpression(parent) && !ts.isQualifiedName(parent))) {
          const category = ts.isPropertyAccessExpression(parent) && parent.name === n
            ? (parent.expression.kind === ts.SyntaxKind.ThisKeyword ? 'this.member' : 'obj.member')
            : ts.isTypeReferenceNode(parent) || ts.isExpressionWithTypeArguments(parent) ? 'type' : d.path === here.path ? 'same-file' : 'cross-file';
          uses.push({ use: here, def: d, category });
        }
        if (isDeclName && d && key(d) === key(here) && (ts.isFunctionDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isClassDeclaration(parent)
          || ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isParameter(parent) || ts.isInterfaceDeclaration(parent) || ts.isTypeAliasDeclaration(parent))) {
          decls.push({ at: here, kind: ts.SyntaxKind[parent.kind] });
        }
      }
      if (isNamedFn(n)) {
        const decl = n as import('typescript').FunctionLikeDeclaration | import('typescript').VariableDeclaration | import('typescript').PropertyDeclaration;
        const body = ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl) ? decl.initializer : (decl as import('typescript').FunctionLikeDeclaration).body;
        const name = decl.name;
        if (body && name && !ts.isConstructorDeclaration(decl)) {
          const callees = new Map<string, Pos>();
          const walk = (m: import('typescript').Node) => {
            if (m !== body && isNamedFn(m)) return;
            if (ts.isCallExpression(m) || ts.isNewExpression(m)) {
              let e: import('typescript').Expression = m.expression;
              while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
              const id = ts.isPropertyAccessExpression(e) ? e.name : ts.isIdentifier(e) ? e : undefined;
              const d = id ? symbolDecl(checker.getSymbolAtLocation(id)) : undefined;
              if (d) callees.set(key(d), d);
            }
            ts.forEachChild(m, walk);
          };
          walk(body);
          fns.push({ at: posOf(sf, name.getStart(sf)), callees: [...callees.values()] });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  const refs = (at: Pos): Pos[] => {
    const file = path.join(root, at.path);
    const sf = program.getSourceFile(file)!;
    const offset = sf.getPositionOfLineAndCharacter(at.line - 1, at.col - 1);
    const out = new Map<string, Pos>();
    for (const r of ls.findReferences(file, offset) ?? []) {
      for (const e of r.references) {
        const f = program.getSourceFile(e.fileName);
        if (!f || !inTree(f)) continue;
        const p = posOf(f, e.textSpan.start);
        out.set(key(p), p);
      }
    }
    return [...out.values()];
  };
  return { uses, decls, fns, refs };
}


export const suite: Suite = {
  name: 'accuracy',
  description: 'ax def/refs/flow vs the TypeScript compiler (rxjs src), Python local scopes vs the ast module, Rust def vs rustc, Go def vs go/types, Java def vs javac',
  async run(ctx) {
    const ts = require('typescript') as TS;
    const quick = ctx.quick;
    const work = path.join(tmpdir(), 'ax-bench-accuracy');
    const pkg = (ctx.corpora?.[0]) ?? 'rxjs-7.8.1';
    const srcTree = path.join(nodeMix(pkg), 'src');
    const root = path.join(work, pkg);
    prepare(root, srcTree, ctx.log);
    const files = listFiles(root, /\.tsx?$/).filter((f) => !f.endsWith('.d.ts'));
    // Name fallback and reference candidates come from the index: refuse to measure a partial one.
    const st = JSON.parse(execFileSync(process.execPath, [AX_BIN, 'status', '--root', root, '--json'], { encoding: 'utf8' })) as { languages: Record<string, number> };
    const indexedTs = st.languages.typescript ?? 0;
    if (indexedTs < files.length * 0.9) throw new Error(`only ${indexedTs} of ${files.length} TypeScript files were indexed; fix the index before measuring`);
    ctx.log(`TypeScript truth over ${files.length} files`);
    const truth = tsTruth(ts, root, files);
    const rand = rng(42);
    const nDef = quick ? 200 : 1000, nRefs = quick ? 30 : 100, nCalls = quick ? 40 : 150;

    // ---- definitions
    const defSample = sample(truth.uses, nDef, rand);
    let defOk = 0;
    const byCat: Record<string, { n: number; ok: number }> = {};
    const byRes: Record<string, { n: number; ok: number }> = {};
    const misses: string[] = [];
    const t0 = performance.now();
    for (const s of defSample) {
      const r = await definitions({ root, at: `${s.use.path}:${s.use.line}:${s.use.col}`, limit: 1 });
      const top = r.results[0];
      const ok = !!top && top.path === s.def.path && top.line === s.def.line && top.column === s.def.col;
      if (ok) defOk++; else if (misses.length < 25) misses.push(`${key(s.use)} want ${key(s.def)} got ${top ? `${top.path}:${top.line}:${top.column} [${top.resolution}]` : 'nothing'}`);
      (byCat[s.category] ??= { n: 0, ok: 0 }).n++;
      if (ok) byCat[s.category]!.ok++;
      const res = top?.resolution ?? 'none';
      (byRes[res] ??= { n: 0, ok: 0 }).n++;
      if (ok) byRes[res]!.ok++;
    }
    const defMs = (performance.now() - t0) / defSample.length;
    ctx.log(`def: ${defOk}/${defSample.length}`);

    // ---- references
    const refSample = sample(truth.decls.filter((d) => !/Parameter/.test(d.kind)), nRefs, rand);
    let rTp = 0, rAx = 0, rTruth = 0;
    const refMisses: string[] = [];
    for (const d of refSample) {
      const want = new Set(truth.refs(d.at).map(key));
      const got = new Set((await references({ root, at: `${d.at.path}:${d.at.line}:${d.at.col}` })).results.map((x) => `${x.path}:${x.line}:${x.column}`));
      let tp = 0;
      for (const g of got) if (want.has(g)) tp++;
      rTp += tp; rAx += got.size; rTruth += want.size;
      if ((tp < got.size || tp < want.size) && refMisses.length < 15) refMisses.push(`${key(d.at)} ${d.kind}: ax ${got.size} truth ${want.size} common ${tp}`);
    }
    ctx.log(`refs: P ${pct(rTp, rAx)} R ${pct(rTp, rTruth)}`);

    // ---- callees
    const callSample = sample(truth.fns.filter((f) => f.callees.length > 0), nCalls, rand);
    let cTp = 0, cAx = 0, cTruth = 0;
    const callMisses: string[] = [];
    for (const f of callSample) {
      const want = new Set(f.callees.map(key));
      const r = await flow({ root, at: `${f.at.path}:${f.at.line}:${f.at.col}`, direction: 'callees', depth: 1 });
      const got = new Set(r.callees.map((c) => `${c.path}:${c.line}:${c.column}`));
      let tp = 0;
      for (const g of got) if (want.has(g)) tp++;
      cTp += tp; cAx += got.size; cTruth += want.size;
      if ((tp < got.size || tp < want.size) && callMisses.length < 15) {
        callMisses.push(`${key(f.at)}: extra ${[...got].filter((g) => !want.has(g)).join(' ')} missing ${[...want].filter((w) => !got.has(w)).join(' ')}`);
      }
    }
    ctx.log(`calls: P ${pct(cTp, cAx)} R ${pct(cTp, cTruth)}`);

    // ---- Python local scopes (ast)
    const py = await pythonAccuracy(work, ctx.corpora?.[1] ?? 'django', rand, quick, misses, ctx.log);

    // ---- Rust (rustc's HIR and THIR)
    let rust: RustAccuracy | undefined;
    try {
      rust = await rustAccuracy(path.join(work, 'rust'), rng(7), quick, ctx.log); // own seed: its sample does not move with the others
    } catch (e) {
      ctx.log(`rust truth skipped: ${(e as Error).message}`);
      rust = undefined;
    }

    // ---- Go (go/types)
    let go: GoAccuracy | undefined;
    try {
      go = await goAccuracy(path.join(work, 'go'), rng(13), quick, ctx.log);
    } catch (e) {
      ctx.log(`go truth skipped: ${(e as Error).message}`);
      go = undefined;
    }

    // ---- Java (javac)
    let java: JavaAccuracy | undefined;
    try {
      java = await javaAccuracy(path.join(work, 'java'), rng(17), quick, ctx.log);
    } catch (e) {
      ctx.log(`java truth skipped: ${(e as Error).message}`);
      java = undefined;
    }

    const results = {
      corpus: `${pkg}/src`, files: files.length,
      def: { n: defSample.length, top1: pct(defOk, defSample.length), msPerQuery: Math.round(defMs * 10) / 10, byCategory: byCat, byResolution: byRes, misses },
      refs: { declarations: refSample.length, axResults: rAx, truthResults: rTruth, precision: pct(rTp, rAx), recall: pct(rTp, rTruth), misses: refMisses },
      calls: { functions: callSample.length, axEdges: cAx, truthEdges: cTruth, precision: pct(cTp, cAx), recall: pct(cTp, cTruth), misses: callMisses },
      python: py ? { ...py, top1: pct(py.ok, py.n) } : null,
      rust: rust ? { ...rust, pathsTop1: pct(rust.paths.ok, rust.paths.n), callsTop1: pct(rust.calls.ok, rust.calls.n) } : null,
      go: go ? { ...go, usesTop1: pct(go.uses.ok, go.uses.n), callsTop1: pct(go.calls.ok, go.calls.n) } : null,
      java: java ? { ...java, usesTop1: pct(java.uses.ok, java.uses.n), callsTop1: pct(java.calls.ok, java.calls.n) } : null,
    };
    const report = [
      `Corpus: ${pkg}/src (${files.length} TS files); truth: TypeScript ${ts.version} checker / LanguageService.`,
      '',
      '| measure | sample | result | goal |',
      '|---|---:|---:|---:|',
      `| def top-1 (\`def --at\` vs checker) | ${defSample.length} uses | ${pct(defOk, defSample.length)}% | ≥ 90% |`,
      `| refs precision | ${refSample.length} decls (${rAx} ax / ${rTruth} truth refs) | ${pct(rTp, rAx)}% | ≥ 90% |`,
      `| refs recall | | ${pct(rTp, rTruth)}% | ≥ 85% |`,
      `| callees precision (depth 1) | ${callSample.length} functions (${cAx} ax / ${cTruth} truth edges) | ${pct(cTp, cAx)}% | ≥ 85% |`,
      `| callees recall | | ${pct(cTp, cTruth)}% | ≥ 85% |`,
      ...(py ? Object.entries(py.byCategory).map(([k, v]) => `| Python def top-1, ${k} (vs \`ast\`) | ${v.n} uses, ${py!.corpus} | ${pct(v.ok, v.n)}% | |`) : []),
      ...(rust ? [
        `| Rust def top-1, paths (vs rustc HIR) | ${rust.paths.n} uses, ${rust.crate} | ${pct(rust.paths.ok, rust.paths.n)}% | |`,
        `| Rust def top-1, calls (vs rustc THIR) | ${rust.calls.n} uses, ${rust.crate} | ${pct(rust.calls.ok, rust.calls.n)}% | |`,
      ] : []),
      ...(go ? [
        `| Go def top-1, identifier uses (vs go/types) | ${go.uses.n} uses, ${go.packages} std packages (${go.goVersion}) | ${pct(go.uses.ok, go.uses.n)}% | |`,
        `| Go def top-1, calls (vs go/types) | ${go.calls.n} uses | ${pct(go.calls.ok, go.calls.n)}% | |`,
      ] : []),
      ...(java ? [
        `| Java def top-1, identifier uses (vs javac) | ${java.uses.n} uses, ${java.files} files of java.base | ${pct(java.uses.ok, java.uses.n)}% | |`,
        `| Java def top-1, calls (vs javac) | ${java.calls.n} uses | ${pct(java.calls.ok, java.calls.n)}% | |`,
      ] : []),
      '',
      '| def by category | n | top-1 |', '|---|---:|---:|',
      ...Object.entries(byCat).map(([k, v]) => `| ${k} | ${v.n} | ${pct(v.ok, v.n)}% |`),
      '',
      '| def by resolution label | n | correct |', '|---|---:|---:|',
      ...Object.entries(byRes).map(([k, v]) => `| ${k} | ${v.n} | ${pct(v.ok, v.n)}% |`),
      ...(rust ? ['', '| Rust def by kind of use | n | top-1 |', '|---|---:|---:|',
        ...Object.entries({ ...rust.paths.byCategory, ...rust.calls.byCategory }).map(([k, v]) => `| ${k} | ${v.n} | ${pct(v.ok, v.n)}% |`),
        '', '| Rust def by resolution label (paths + calls) | n | correct |', '|---|---:|---:|',
        ...[...new Set([...Object.keys(rust.paths.byResolution), ...Object.keys(rust.calls.byResolution)])].map((k) => {
          const n = (rust!.paths.byResolution[k]?.n ?? 0) + (rust!.calls.byResolution[k]?.n ?? 0);
          const ok = (rust!.paths.byResolution[k]?.ok ?? 0) + (rust!.calls.byResolution[k]?.ok ?? 0);
          return `| ${k} | ${n} | ${pct(ok, n)}% |`;
        })] : []),
      ...[['Go', go] as const, ['Java', java] as const].flatMap(([lang, r]) => (r ? ['', `| ${lang} def by kind of use (uses + calls) | n | top-1 |`, '|---|---:|---:|',
        ...[...new Set([...Object.keys(r.uses.byCategory), ...Object.keys(r.calls.byCategory)])].map((k) => {
          const n = (r.uses.byCategory[k]?.n ?? 0) + (r.calls.byCategory[k]?.n ?? 0);
          const ok = (r.uses.byCategory[k]?.ok ?? 0) + (r.calls.byCategory[k]?.ok ?? 0);
          return `| ${k} | ${n} | ${pct(ok, n)}% |`;
        })] : [])),
    ];
    return { suite: 'accuracy', results, report };
  },
};
