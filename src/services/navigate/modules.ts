// Module specifier -> repository file, per language family: relative JS/TS imports (with the `.js` ->
// `.ts` convention of ESM TypeScript), tsconfig `paths`/`baseUrl` (with `extends`), package entry points
// of packages inside the repository, Python packages (relative and absolute, from any ancestor
// directory or `src/`), Go import paths inside the module (go.mod), Rust `mod`/`crate::` paths and C
// `#include "..."`. Results are root-relative POSIX paths (a directory for a Go package).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const JS_EXTS = ['.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

interface TsConfig { dir: string; baseUrl?: string; paths: Array<[string, string[]]> }

function parseJsonc(text: string): unknown {
  const noComments = text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m, s: string | undefined) => s ?? '');
  return JSON.parse(noComments.replace(/,(\s*[}\]])/g, '$1'));
}

export class ModuleResolver {
  private readonly cache = new Map<string, string | undefined>();
  private readonly tsconfigs = new Map<string, TsConfig | undefined>();
  private packages: Map<string, string> | undefined;
  private readonly goMods = new Map<string, { dir: string; module: string } | undefined>();

  constructor(readonly root: string) {}

  private isFile(rel: string): boolean {
    try { return statSync(path.join(this.root, rel)).isFile(); } catch { return false; }
  }

  private isDir(rel: string): boolean {
    try { return statSync(path.join(this.root, rel)).isDirectory(); } catch { return false; }
  }

  resolve(from: string, spec: string, lang: string): string | undefined {
    const key = `${lang}\0${from}\0${spec}`;
    if (this.cache.has(key)) return this.cache.get(key);
    let r: string | undefined;
    try {
      if (lang === 'python') r = this.python(from, spec);
      else if (lang === 'go') r = this.go(from, spec);
      else if (lang === 'rust') r = this.rust(from, spec);
      else if (lang === 'java') r = this.java(from, spec);
      else if (lang === 'c' || lang === 'cpp') r = this.include(from, spec);
      else r = this.js(from, spec);
    } catch { r = undefined; }
    this.cache.set(key, r);
    return r;
  }

  // ---- JS/TS
  private jsFile(base: string): string | undefined {
    const b = path.posix.normalize(base);
    if (b.startsWith('..')) return undefined;
    if (/\.[cm]?[jt]sx?$/.test(b) && this.isFile(b) && !/\.[cm]?js$/.test(b)) return b;
    const stripped = b.replace(/\.([cm]?)jsx?$/, '');
    if (stripped !== b) {
      for (const e of JS_EXTS) if (this.isFile(stripped + e)) return stripped + e;
    }
    if (this.isFile(b) && /\.[cm]?jsx?$/.test(b)) return b;
    for (const e of JS_EXTS) if (this.isFile(b + e)) return b + e;
    if (this.isDir(b)) {
      const pkg = path.posix.join(b, 'package.json');
      if (this.isFile(pkg)) {
        const entry = this.packageEntry(pkg);
        if (entry) return entry;
      }
      for (const e of JS_EXTS) if (this.isFile(`${b}/index${e}`)) return `${b}/index${e}`;
    }
    return undefined;
  }

  private packageEntry(pkgRel: string): string | undefined {
    try {
      const j = JSON.parse(readFileSync(path.join(this.root, pkgRel), 'utf8')) as Record<string, unknown>;
      const dir = path.posix.dirname(pkgRel);
      for (const k of ['source', 'types', 'typings', 'module', 'main']) {
        const v = j[k];
        if (typeof v !== 'string') continue;
        const f = this.jsFileNoPkg(path.posix.join(dir, v));
        if (f) return f;
      }
      return this.jsFileNoPkg(path.posix.join(dir, 'src', 'index')) ?? this.jsFileNoPkg(path.posix.join(dir, 'index'));
    } catch { return undefined; }
  }

  private jsFileNoPkg(b: string): string | undefined {
    b = path.posix.normalize(b);
    const stripped = b.replace(/\.d\.ts$|\.([cm]?)[jt]sx?$/, '');
    for (const e of JS_EXTS) if (this.isFile(stripped + e)) return stripped + e;
    for (const e of JS_EXTS) if (this.isFile(`${stripped}/index${e}`)) return `${stripped}/index${e}`;
    return undefined;
  }

  private tsconfigFor(dir: string): TsConfig | undefined {
    if (this.tsconfigs.has(dir)) return this.tsconfigs.get(dir);
    let r: TsConfig | undefined;
    const file = path.posix.join(dir, 'tsconfig.json');
    if (this.isFile(file)) r = this.loadTsconfig(file, 0);
    else if (dir !== '.' && dir !== '') r = this.tsconfigFor(path.posix.dirname(dir));
    this.tsconfigs.set(dir, r);
    return r;
  }

  private loadTsconfig(file: string, depth: number): TsConfig | undefined {
    try {
      const j = parseJsonc(readFileSync(path.join(this.root, file), 'utf8')) as { extends?: string; compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } };
      const dir = path.posix.dirname(file);
      let base: TsConfig | undefined;
      if (typeof j.extends === 'string' && j.extends.startsWith('.') && depth < 5) {
        const ext = path.posix.join(dir, j.extends.endsWith('.json') ? j.extends : `${j.extends}.json`);
        base = this.loadTsconfig(ext, depth + 1);
      }
      const co = j.compilerOptions ?? {};
      const out: TsConfig = { dir: base?.dir ?? dir, paths: base?.paths ?? [], ...(base?.baseUrl !== undefined ? { baseUrl: base.baseUrl } : {}) };
      if (co.baseUrl !== undefined) { out.baseUrl = path.posix.join(dir, co.baseUrl); out.dir = dir; }
      if (co.paths) { out.paths = Object.entries(co.paths); out.dir = dir; }
      return out;
    } catch { return undefined; }
  }

  private packageDirs(): Map<string, string> {
    if (this.packages) return this.packages;
    const out = new Map<string, string>();
    const walk = (rel: string, depth: number) => {
      if (depth > 3) return;
      let entries: string[] = [];
      try { entries = readdirSync(path.join(this.root, rel)); } catch { return; }
      if (entries.includes('package.json') && rel !== '') {
        try {
          const j = JSON.parse(readFileSync(path.join(this.root, rel, 'package.json'), 'utf8')) as { name?: string };
          if (j.name && !out.has(j.name)) out.set(j.name, rel);
        } catch { /* not JSON */ }
      }
      for (const e of entries) {
        if (e === 'node_modules' || e.startsWith('.')) continue;
        const sub = rel ? `${rel}/${e}` : e;
        if (this.isDir(sub)) walk(sub, depth + 1);
      }
    };
    walk('', 0);
    this.packages = out;
    return out;
  }

  private js(from: string, spec: string): string | undefined {
    const dir = path.posix.dirname(from);
    if (spec.startsWith('.')) return this.jsFile(path.posix.join(dir, spec));
    if (spec.startsWith('/')) return undefined;
    const ts = this.tsconfigFor(dir);
    if (ts) {
      const baseDir = ts.baseUrl ?? ts.dir;
      for (const [pattern, targets] of ts.paths) {
        const star = pattern.indexOf('*');
        let rest: string | undefined;
        if (star < 0) { if (pattern === spec) rest = ''; }
        else if (spec.startsWith(pattern.slice(0, star)) && spec.endsWith(pattern.slice(star + 1))) {
          rest = spec.slice(star, spec.length - (pattern.length - star - 1));
        }
        if (rest === undefined) continue;
        for (const t of targets) {
          const f = this.jsFile(path.posix.join(baseDir, t.replace('*', rest)));
          if (f) return f;
        }
      }
      if (ts.baseUrl !== undefined) { const f = this.jsFile(path.posix.join(ts.baseUrl, spec)); if (f) return f; }
    }
    const parts = spec.split('/');
    const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
    const sub = spec.slice(name.length + 1);
    const pkgDir = this.packageDirs().get(name);
    if (pkgDir !== undefined) {
      if (!sub) return this.packageEntry(`${pkgDir}/package.json`);
      return this.jsFile(path.posix.join(pkgDir, sub)) ?? this.jsFile(path.posix.join(pkgDir, 'src', sub));
    }
    return undefined;
  }

  // ---- Python
  private pyModule(baseDir: string, dotted: string): string | undefined {
    const rel = dotted ? path.posix.join(baseDir, ...dotted.split('.')) : baseDir;
    const norm = path.posix.normalize(rel);
    if (norm.startsWith('..')) return undefined;
    for (const c of [`${norm}.py`, `${norm}.pyi`, `${norm}/__init__.py`, `${norm}/__init__.pyi`]) if (this.isFile(c)) return c.replace(/^\.\//, '');
    return undefined;
  }

  private python(from: string, spec: string): string | undefined {
    const dir = path.posix.dirname(from);
    const dots = /^\.*/.exec(spec)![0].length;
    if (dots > 0) {
      let base = dir;
      for (let i = 1; i < dots; i++) base = path.posix.dirname(base);
      return this.pyModule(base, spec.slice(dots));
    }
    // Absolute: from each ancestor directory of the importing file (packages rooted anywhere), then src/.
    let d = dir;
    for (;;) {
      const f = this.pyModule(d, spec);
      if (f) return f;
      if (d === '.' || d === '') break;
      d = path.posix.dirname(d);
    }
    return this.pyModule('src', spec) ?? this.pyModule('lib', spec);
  }

  // ---- Go: import paths inside the module of go.mod
  private goMod(dir: string): { dir: string; module: string } | undefined {
    if (this.goMods.has(dir)) return this.goMods.get(dir);
    let r: { dir: string; module: string } | undefined;
    const file = path.posix.join(dir, 'go.mod');
    if (this.isFile(file)) {
      const m = /^module\s+(\S+)/m.exec(readFileSync(path.join(this.root, file), 'utf8'));
      if (m) r = { dir, module: m[1]! };
    } else if (dir !== '.' && dir !== '') r = this.goMod(path.posix.dirname(dir));
    this.goMods.set(dir, r);
    return r;
  }

  private go(from: string, spec: string): string | undefined {
    const mod = this.goMod(path.posix.dirname(from));
    if (mod && (spec === mod.module || spec.startsWith(`${mod.module}/`))) {
      const d = path.posix.join(mod.dir, spec.slice(mod.module.length + 1));
      return this.isDir(d) ? d : undefined;
    }
    // GOROOT-style trees (the standard library): the import path is a directory under the root.
    for (const base of ['', 'src']) {
      const d = path.posix.join(base || '.', spec);
      if (this.isDir(d) && existsSync(path.join(this.root, d))) {
        try { if (readdirSync(path.join(this.root, d)).some((f) => f.endsWith('.go'))) return d; } catch { /* unreadable */ }
      }
    }
    return undefined;
  }

  // ---- Java: `a.b.C` -> a/b/C.java under an ancestor source root of the importing file; `a.b` -> a/b/
  private java(from: string, spec: string): string | undefined {
    const rel = spec.split('.').join('/');
    let d = path.posix.dirname(from);
    for (;;) {
      const base = d === '.' || d === '' ? '' : `${d}/`;
      if (this.isFile(`${base}${rel}.java`)) return `${base}${rel}.java`;
      if (this.isDir(`${base}${rel}`) && rel.includes('/')) return `${base}${rel}`;
      if (d === '.' || d === '') return undefined;
      d = path.posix.dirname(d);
    }
  }

  // ---- Rust: `mod x;`, crate::/self::/super:: paths and paths through child modules
  // The deepest module file a path reaches: `crate::net::conn::Conn` -> net/conn.rs; a path whose
  // first segment after `crate`/`super`/`self` is an item (`super::helper`) -> that module's own file.
  private rust(from: string, spec: string): string | undefined {
    const dir = path.posix.dirname(from);
    const base = path.posix.basename(from);
    const own = base === 'mod.rs' || base === 'lib.rs' || base === 'main.rs' ? dir : path.posix.join(dir, base.replace(/\.rs$/, ''));
    const tryMod = (d: string, name: string) => {
      for (const c of [`${d}/${name}.rs`, `${d}/${name}/mod.rs`]) if (this.isFile(c)) return path.posix.normalize(c);
      return undefined;
    };
    const modFile = (d: string) => {
      if (d === own) return from;
      for (const c of [`${d}/mod.rs`, `${d}/lib.rs`, `${d}/main.rs`, `${d}.rs`]) if (this.isFile(c)) return path.posix.normalize(c);
      return undefined;
    };
    const segs = spec.split('::').filter(Boolean);
    const first = segs[0];
    if (first === undefined) return undefined;
    const relative = first === 'crate' || first === 'self' || first === 'super';
    if (segs.length === 1 && !relative) return tryMod(own, first) ?? tryMod(dir, first);
    let d: string;
    if (first === 'crate') {
      d = dir;
      while (d !== '.' && !this.isFile(`${d}/lib.rs`) && !this.isFile(`${d}/main.rs`)) d = path.posix.dirname(d);
      segs.shift();
    } else if (first === 'self') { d = own; segs.shift(); } else if (first === 'super') {
      d = path.posix.dirname(own);
      segs.shift();
      while (segs[0] === 'super') { d = path.posix.dirname(d); segs.shift(); }
    } else if (tryMod(own, first)) d = own; // a child module named without `self::`
    else return undefined;
    const start = d;
    let found: string | undefined;
    for (const s of segs) {
      const f = tryMod(d, s);
      if (!f) break;
      found = f;
      d = path.posix.join(d, s);
    }
    return found ?? (relative ? modFile(start) : undefined);
  }

  // ---- C/C++ #include "..."
  private include(from: string, spec: string): string | undefined {
    const local = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
    if (!local.startsWith('..') && this.isFile(local)) return local;
    for (const base of ['', 'include', 'src']) {
      const c = path.posix.normalize(path.posix.join(base || '.', spec));
      if (this.isFile(c)) return c;
    }
    return undefined;
  }
}
