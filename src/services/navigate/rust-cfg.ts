// `#[cfg(...)]` for Rust navigation: of several items of one name in a scope (`#[cfg(feature = "x")]
// fn imp` and `#[cfg(not(feature = "x"))] fn imp`), the one compiled in a default build on this machine
// is the answer. The predicate is evaluated with the crate's default features (its Cargo.toml) and
// this machine's target; what cannot be known here (a feature of another crate, `target_env` values
// not listed) is unknown, and an unknown item is never set aside.

import { readFileSync } from 'node:fs';
import path from 'node:path';

type Tri = boolean | undefined;

const ARCH: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64', ia32: 'x86', arm: 'arm', riscv64: 'riscv64', s390x: 's390x', ppc64: 'powerpc64' };

/** This machine as a Rust target (`target_os = "linux"`, `unix`). */
function targetKey(key: string): string | undefined {
  const os = process.platform === 'darwin' ? 'macos' : process.platform === 'win32' ? 'windows' : process.platform;
  switch (key) {
    case 'target_os': return os;
    case 'target_family': return os === 'windows' ? 'windows' : 'unix';
    case 'target_arch': return ARCH[process.arch] ?? process.arch;
    case 'target_pointer_width': return ['x64', 'arm64', 'riscv64', 's390x', 'ppc64'].includes(process.arch) ? '64' : '32';
    case 'target_endian': return 'little';
    default: return undefined;
  }
}

/** Whether `pred` (the text inside `cfg(...)`) holds: true, false, or undefined when it cannot be told. */
export function cfgHolds(pred: string, features: ReadonlySet<string> | undefined): Tri {
  const tokens = pred.match(/"(?:[^"\\]|\\.)*"|[A-Za-z_][\w]*|[(),=]/g) ?? [];
  let i = 0;
  const parse = (): Tri => {
    const name = tokens[i++];
    if (!name || !/^[A-Za-z_]/.test(name)) return undefined;
    if (tokens[i] === '=') {
      i++;
      const value = (tokens[i++] ?? '').replace(/^"|"$/g, '');
      if (name === 'feature') return features ? features.has(value) : undefined;
      const here = targetKey(name);
      return here === undefined ? undefined : here === value;
    }
    if (tokens[i] === '(') {
      i++;
      const args: Tri[] = [];
      while (i < tokens.length && tokens[i] !== ')') {
        args.push(parse());
        if (tokens[i] === ',') i++;
      }
      i++; // ')'
      if (name === 'not') return args[0] === undefined ? undefined : !args[0];
      if (name === 'all') return args.includes(false) ? false : args.includes(undefined) ? undefined : true;
      if (name === 'any') return args.includes(true) ? true : args.includes(undefined) ? undefined : false;
      return undefined;
    }
    switch (name) {
      case 'unix': return targetKey('target_family') === 'unix';
      case 'windows': return targetKey('target_family') === 'windows';
      case 'test': case 'doc': case 'doctest': case 'miri': return false;
      case 'debug_assertions': return true;
      default: return undefined;
    }
  };
  return parse();
}

/** The features a default build enables, from a Cargo.toml's `[features]` (`default` and what it names, transitively). */
export function defaultFeatures(cargoToml: string): Set<string> {
  const section = /^\[features\][^\n]*\n([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(cargoToml)?.[1] ?? '';
  const table = new Map<string, string[]>();
  for (const m of section.matchAll(/^\s*"?([\w.-]+)"?\s*=\s*\[([\s\S]*?)\]/gm)) {
    table.set(m[1]!, [...m[2]!.matchAll(/"([^"]+)"/g)].map((x) => x[1]!));
  }
  const on = new Set<string>();
  const enable = (f: string) => {
    if (on.has(f) || f.includes('/') || f.startsWith('dep:')) return;
    on.add(f);
    for (const g of table.get(f) ?? []) enable(g);
  };
  for (const f of table.get('default') ?? []) enable(f);
  return on;
}

/** Default features of the crate holding `rel` (the nearest Cargo.toml under `root`), cached by manifest. */
export class CrateFeatures {
  private readonly byManifest = new Map<string, Set<string> | undefined>();
  constructor(private readonly root: string) {}

  of(rel: string): Set<string> | undefined {
    for (let dir = path.posix.dirname(rel); ; dir = path.posix.dirname(dir)) {
      const manifest = dir === '.' ? 'Cargo.toml' : `${dir}/Cargo.toml`;
      if (this.byManifest.has(manifest)) return this.byManifest.get(manifest);
      let text: string | undefined;
      try { text = readFileSync(path.join(this.root, manifest), 'utf8'); } catch { text = undefined; }
      if (text !== undefined) {
        const f = defaultFeatures(text);
        this.byManifest.set(manifest, f);
        return f;
      }
      if (dir === '.' || dir === '') return undefined;
    }
  }
}
