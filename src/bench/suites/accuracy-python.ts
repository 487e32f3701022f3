// The Python part of `npm run bench -- accuracy`: a truth from the `ast` module over django/db (imports
// and function-local scopes: a name bound anywhere in a function is local to all of it), comparing
// `ax def --at` for names bound by imports or by assignments and parameters of the function.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { definitions } from '../../services/navigate/index.js';
import { AX_BIN } from '../harness.js';
import { shuffle } from './accuracy-defs.js';

export interface PythonAccuracy { n: number; ok: number; corpus: string; files: number; byCategory: Record<string, { n: number; ok: number }> }

/** `misses` collects the wrong answers (shared with the other parts' report). */
export async function pythonAccuracy(work: string, pyCorpus: string, rand: () => number, quick: boolean, misses: string[], log: (m: string) => void): Promise<PythonAccuracy | undefined> {
  let py: PythonAccuracy | undefined;
  try {
    const pyRoot = path.join(tmpdir(), 'ax-bench-accuracy', `${pyCorpus}-sample`);
    const pySrc = path.join(homedir(), '.cache', 'ax-corpora', pyCorpus);
    if (existsSync(pySrc)) {
      // A bounded slice of the corpus (one package) keeps indexing short on shared machines.
      // django/db keeps its package path (django/db/...) so absolute imports resolve inside the copy.
      if (!existsSync(pyRoot)) {
        mkdirSync(path.join(pyRoot, pyCorpus), { recursive: true });
        execFileSync('cp', ['-al', path.join(pySrc, 'db'), path.join(pyRoot, pyCorpus, 'db')]);
        execFileSync('cp', ['-al', path.join(pySrc, '__init__.py'), path.join(pyRoot, pyCorpus, '__init__.py')]);
      }
      rmSync(path.join(pyRoot, '.ax'), { recursive: true, force: true });
      execFileSync(process.execPath, [AX_BIN, 'index', pyRoot, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
      const script = path.join(work, 'pytruth.py');
      writeFileSync(script, PY_TRUTH);
      const all = JSON.parse(execFileSync('python3', [script, pyRoot], { encoding: 'utf8', maxBuffer: 1 << 28 })) as Array<{ use: [string, number, number]; def: [string, number, number]; category: string }>;
      const pyFiles = new Set(all.map((u) => u.use[0])).size;
      const cats: Record<string, { n: number; ok: number }> = {};
      let ok = 0, n = 0;
      for (const cat of ['local', 'param', 'import']) {
        const s = shuffle(all.filter((u) => u.category === cat), rand).slice(0, quick ? 100 : 400);
        const c = (cats[cat] = { n: s.length, ok: 0 });
        for (const u of s) {
          const r = await definitions({ root: pyRoot, at: `${u.use[0]}:${u.use[1]}:${u.use[2]}`, limit: 1 });
          const top = r.results[0];
          if (top && top.path === u.def[0] && top.line === u.def[1] && top.column === u.def[2]) c.ok++;
          else if (misses.length < 50) misses.push(`py ${u.use.join(':')} want ${u.def.join(':')} got ${top ? `${top.path}:${top.line}:${top.column}` : 'nothing'}`);
        }
        ok += c.ok; n += c.n;
      }
      py = { n, ok, corpus: `${pyCorpus}/db`, files: pyFiles, byCategory: cats };
      log(`python def: ${ok}/${n}`);
    }
  } catch (e) {
    log(`python truth skipped: ${(e as Error).message}`);
  }
  return py;
}

// ------------------------------------------------------------------ Python truth (ast module)
const PY_TRUTH = String.raw`
import ast, json, os, sys
root = sys.argv[1]
out = []
modules = {}
for dp, dns, fns in os.walk(root):
    dns[:] = [d for d in dns if not d.startswith('.')]
    for fn in fns:
        if not fn.endswith('.py'): continue
        p = os.path.join(dp, fn)
        try:
            tree = ast.parse(open(p, encoding='utf-8').read())
        except Exception:
            continue
        rel = os.path.relpath(p, root).replace(os.sep, '/')
        # module-level imports: name -> (line, col) of the import statement's bound name is not in ast; use the statement
        def scan_fn(f):
            params = {}
            for a in f.args.posonlyargs + f.args.args + f.args.kwonlyargs + ([f.args.vararg] if f.args.vararg else []) + ([f.args.kwarg] if f.args.kwarg else []):
                params[a.arg] = (a.lineno, a.col_offset + 1)
            bound = dict(params)
            glob = set()
            for n in ast.walk(f):
                if isinstance(n, (ast.Global, ast.Nonlocal)): glob.update(n.names)
            nested = set()
            for n in ast.walk(f):
                if n is not f and isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                    for m in ast.walk(n):
                        if m is not n: nested.add(id(m))
            stores = []
            for n in ast.walk(f):
                if id(n) in nested or n is f: continue
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and n.id not in glob:
                    stores.append((n.lineno, n.col_offset + 1, n.id))
            for (l, c, name) in sorted(stores):
                bound.setdefault(name, (l, c))
            for n in ast.walk(f):
                if id(n) in nested: continue
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in bound:
                    l, c = bound[n.id]
                    if (l, c) != (n.lineno, n.col_offset + 1):
                        out.append({'use': [rel, n.lineno, n.col_offset + 1], 'def': [rel, l, c], 'category': 'param' if n.id in params else 'local'})
        for n in ast.walk(tree):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
                scan_fn(n)
        modules[rel] = tree

# Cross-file: names bound at module level by 'from M import n' (M inside the tree), used where no
# function scope rebinds them, resolve to the top-level definition of n in M (following re-exports).
def modfile(rel, level, mod):
    base = os.path.dirname(rel)
    for _ in range(max(0, level - 1)): base = os.path.dirname(base)
    if level == 0: base = ''
    parts = [x for x in (mod or '').split('.') if x]
    stem = os.path.join(base, *parts) if parts else base
    for c in (stem + '.py', os.path.join(stem, '__init__.py')):
        c = c.replace(os.sep, '/').lstrip('/')
        if c in modules: return c
    return None
def toplevel(rel):
    b = {}
    for st in modules[rel].body:
        if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            kw = 'class ' if isinstance(st, ast.ClassDef) else ('async def ' if isinstance(st, ast.AsyncFunctionDef) else 'def ')
            b.setdefault(st.name, ('def', st.lineno, st.col_offset + 1 + len(kw)))
        elif isinstance(st, (ast.Assign, ast.AnnAssign)):
            for t in (st.targets if isinstance(st, ast.Assign) else [st.target]):
                if isinstance(t, ast.Name): b.setdefault(t.id, ('def', t.lineno, t.col_offset + 1))
        elif isinstance(st, ast.ImportFrom):
            m = modfile(rel, st.level, st.module)
            for a in st.names:
                if a.name != '*': b.setdefault(a.asname or a.name, ('imp', m, a.name))
    return b
tops = {}
def final(rel, name, depth=0):
    if depth > 6 or rel is None: return None
    if rel not in tops: tops[rel] = toplevel(rel)
    e = tops[rel].get(name)
    if not e: return None
    if e[0] == 'def': return (rel, e[1], e[2])
    return final(e[1], e[2], depth + 1)
for rel, tree in modules.items():
    if rel not in tops: tops[rel] = toplevel(rel)
    imported = {k: v for k, v in tops[rel].items() if v[0] == 'imp' and v[1]}
    if not imported: continue
    def visit(node, bound):
        for ch in ast.iter_child_nodes(node):
            if isinstance(ch, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                names = set(a.arg for a in ch.args.posonlyargs + ch.args.args + ch.args.kwonlyargs)
                if ch.args.vararg: names.add(ch.args.vararg.arg)
                if ch.args.kwarg: names.add(ch.args.kwarg.arg)
                for m in ast.walk(ch):
                    if isinstance(m, ast.Name) and isinstance(m.ctx, ast.Store): names.add(m.id)
                    if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and m is not ch: names.add(m.name)
                    if isinstance(m, (ast.Import, ast.ImportFrom)):
                        for a in m.names: names.add((a.asname or a.name).split('.')[0])
                visit(ch, bound | names)
            elif isinstance(ch, ast.ClassDef):
                visit(ch, bound)
            else:
                if isinstance(ch, ast.Name) and isinstance(ch.ctx, ast.Load) and ch.id in imported and ch.id not in bound:
                    d = final(rel, ch.id)
                    if d: out.append({'use': [rel, ch.lineno, ch.col_offset + 1], 'def': list(d), 'category': 'import'})
                visit(ch, bound)
    visit(tree, set())
print(json.dumps(out))
`;
