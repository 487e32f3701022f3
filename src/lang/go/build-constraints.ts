// Go build constraints: whether a file of a package is built for a platform, from its name
// (`x_windows.go`, `x_linux_arm64.go`) and its `//go:build` line (or the older `// +build` lines).
// Navigation uses it to prefer, among a package's files that declare the same name for different
// platforms (os/file_unix.go vs os/file_plan9.go), the one that builds where the question is asked.

const GOOS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd',
  'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos']);
const GOARCH = new Set(['386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le',
  'mips64p32', 'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm']);
const UNIX = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'linux', 'netbsd', 'openbsd', 'solaris']);

export interface GoPlatform { goos: string; goarch: string }

/** The platform of this process, in Go's names. */
export function hostPlatform(): GoPlatform {
  const goos = ({ win32: 'windows', sunos: 'solaris' } as Record<string, string>)[process.platform] ?? process.platform;
  const goarch = ({ x64: 'amd64', ia32: '386' } as Record<string, string>)[process.arch] ?? process.arch;
  return { goos, goarch };
}

/** The GOOS a file name restricts to (`file_plan9.go`, `zerrors_linux_amd64.go`), if any. */
export function fileNameGoos(fileName: string): string | undefined {
  const parts = fileName.replace(/\.go$/, '').replace(/_test$/, '').split('_');
  const last = parts[parts.length - 1]!, prev = parts[parts.length - 2];
  if (parts.length < 2) return undefined;
  if (GOARCH.has(last) && prev !== undefined && GOOS.has(prev) && parts.length > 2) return prev;
  return GOOS.has(last) ? last : undefined;
}

function tagSet(p: GoPlatform): (tag: string) => boolean {
  return (tag) => tag === p.goos || tag === p.goarch || (tag === 'unix' && UNIX.has(p.goos)) || tag === 'gc' || tag === 'cgo' || /^go1\.\d+$/.test(tag);
}

/** Evaluates a `//go:build` expression (`linux && (amd64 || arm64) && !purego`); malformed ones hold. */
export function evalConstraint(expr: string, has: (tag: string) => boolean): boolean {
  const toks = expr.match(/!|&&|\|\||\(|\)|[\w.]+/g) ?? [];
  let i = 0;
  const or = (): boolean => { let v = and(); while (toks[i] === '||') { i++; const r = and(); v = v || r; } return v; };
  const and = (): boolean => { let v = not(); while (toks[i] === '&&') { i++; const r = not(); v = v && r; } return v; };
  const not = (): boolean => {
    const t = toks[i++];
    if (t === '!') return !not();
    if (t === '(') { const v = or(); if (toks[i] === ')') i++; return v; }
    return t !== undefined && has(t);
  };
  try {
    const v = or();
    return i === toks.length ? v : true;
  } catch {
    return true;
  }
}

/** Whether a Go file (its base name and its text up to `package`) is built for platform `p`. */
export function buildsFor(fileName: string, head: string, p: GoPlatform): boolean {
  const has = tagSet(p);
  const parts = fileName.replace(/\.go$/, '').replace(/_test$/, '').split('_');
  const last = parts[parts.length - 1]!, prev = parts[parts.length - 2];
  if (parts.length >= 2) {
    if (GOOS.has(last) && !has(last)) return false;
    if (GOARCH.has(last)) {
      if (!has(last)) return false;
      if (parts.length > 2 && prev !== undefined && GOOS.has(prev) && !has(prev)) return false;
    }
  }
  const pkg = /^package\s/m.exec(head);
  const header = pkg ? head.slice(0, pkg.index) : head;
  const build = /^\/\/go:build\s+(.*)$/m.exec(header);
  if (build) return evalConstraint(build[1]!, has);
  // `// +build a,b c` lines: spaces are OR, commas AND, lines AND.
  for (const m of header.matchAll(/^\/\/ \+build\s+(.*)$/gm)) {
    const ok = m[1]!.trim().split(/\s+/).some((alt) => alt.split(',').every((t) => (t.startsWith('!') ? !has(t.slice(1)) : has(t))));
    if (!ok) return false;
  }
  return true;
}
