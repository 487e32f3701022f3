// Navigation end to end (bin/ax.cjs on a temporary repository): def/refs/flow/deps for TypeScript
// (locals, imports through `export *` and renaming re-exports, this/inherited members, typed receivers),
// Python (LEGB locals, relative imports, self members), Go, Java, C#, Rust (use trees, impls across
// files, call chains), name-based C, and the JSON shapes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { AxError } from '../../core/errors.js';
import { definitions, dependencies, flow, references } from './index.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'ax.cjs');

function ax(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr, json: () => JSON.parse(r.stdout) };
}

const FILES: Record<string, string> = {
  'src/lib/base.ts': [
    'export class Base {',
    '  protected count = 0;',
    '  greet(name: string): string { return `hi ${name}`; }',
    '}',
    'export function helper(x: number): number { return x * 2; }',
    '',
  ].join('\n'),
  'src/lib/index.ts': "export * from './base';\nexport { helper as twice } from './base';\n",
  'src/app.ts': [
    "import { Base, twice } from './lib';",
    "import * as lib from './lib/index';",
    '',
    'class App extends Base {',
    '  private other: Base = new Base();',
    '  run(n: number): string {',
    '    const helper = (v: number) => v + 1;',
    '    this.count = helper(n) + twice(n) + lib.helper(n);',
    "    this.other.greet('x');",
    '    return this.greet(String(n));',
    '  }',
    '}',
    '',
    'export function main(): void {',
    '  const app = new App();',
    '  app.run(3);',
    '}',
    '',
  ].join('\n'),
  'src/ctx.ts': [
    "import { Base } from './lib';",
    'export function operate(init: (source: Base, n: number) => void): void { init(new Base(), 1); }',
    "export function use(): void { operate((src, n) => { src.greet('a'); }); }",
    '',
  ].join('\n'),
  'py/pkg/__init__.py': '',
  'py/pkg/util.py': 'class Store:\n    def __init__(self, path):\n        self.path = path\n\n    def load(self):\n        return open(self.path).read()\n\ndef parse(text):\n    return text.split()\n',
  'py/pkg/main.py': 'from .util import Store, parse\n\ndef run(path):\n    s = Store(path)\n    data = s.load()\n    return parse(data)\n\ndef shadow(parse):\n    return parse\n',
  'go.mod': 'module example.com/m\n\ngo 1.21\n',
  'go/util/util.go': 'package util\n\ntype Conn struct{ name string }\n\nfunc Open(name string) (*Conn, error) { return &Conn{name: name}, nil }\n',
  'go/util/conn.go': 'package util\n\nfunc (c *Conn) Close() error { return nil }\n',
  'go/srv/server.go': 'package srv\n\nimport u "example.com/m/go/util"\n\ntype Server struct {\n\tconn *u.Conn\n}\n\nfunc (s *Server) Start() error {\n\tc, err := u.Open("x")\n\ts.conn = c\n\ts.conn.Close()\n\ts.stop()\n\treturn err\n}\n',
  'go/srv/stop.go': 'package srv\n\nfunc (s *Server) stop() {}\n',
  'rs/src/main.rs': 'mod net;\nuse crate::net::conn::Conn;\nfn main() { let _c = Conn::new(); }\n',
  'rs/src/net/mod.rs': 'pub mod conn;\n',
  'rs/src/net/conn.rs': 'pub struct Conn;\nimpl Conn { pub fn new() -> Conn { Conn } }\n',
  'java/src/com/ex/util/Store.java': 'package com.ex.util;\n\npublic class Store {\n    public void put(String s) {}\n}\n',
  'java/src/com/ex/app/Base.java': 'package com.ex.app;\n\npublic class Base {\n    protected void go() {}\n}\n',
  'java/src/com/ex/app/App.java': 'package com.ex.app;\n\nimport com.ex.util.Store;\n\npublic class App extends Base {\n    private Store store = new Store();\n    void run() {\n        Store local = store;\n        local.put("a");\n        go();\n    }\n}\n',
  'cs/Store.cs': 'namespace Ex.Util\n{\n    public class Store\n    {\n        public void Put(string s) {}\n    }\n}\n',
  'cs/App.cs': 'using Ex.Util;\nnamespace Ex.App\n{\n    public class App\n    {\n        private Store store = new Store();\n        public void Run()\n        {\n            var local = new Store();\n            local.Put("a");\n            this.store.Put("b");\n            Helper();\n        }\n        private void Helper() {}\n    }\n}\n',
  'rsx/src/main.rs': "mod net;\nmod shapes;\nmod cycle;\nuse crate::net::conn::Conn;\nuse net::Error as NetError;\nuse shapes::*;\n\nfn main() {\n    let c = Conn::new(\"x\");\n    c.send(1);\n    let e: NetError = NetError::Closed;\n    let x = 1;\n    let x = x + 1;\n    helper(x);\n    let s = Shape::Circle { r: 1.0 };\n    println!(\"{}\", area(&s));\n    let _ = cycle::Loop;\n}\n\nfn helper(v: i32) -> i32 { v * 2 }\n\nfn chain(c: &Conn) -> Option<()> {\n    c.peer()?.close();\n    Some(())\n}\n\nfn name_len(net: &net::Connection) -> usize { net.name().len() }\n",
  'rsx/src/net/mod.rs': "pub mod conn;\nmod peer;\npub use self::conn::Conn as Connection;\n\npub enum Error { Closed, Timeout }\n",
  'rsx/src/net/conn.rs': "use super::Error;\n\npub struct Conn { name: String, retries: u32 }\n\nimpl Conn {\n    pub fn new(name: &str) -> Self { Conn { name: name.to_string(), retries: 0 } }\n    pub fn send(&self, n: u32) -> Result<(), Error> {\n        self.check()?;\n        if n > self.retries { return Err(Error::Timeout); }\n        Ok(())\n    }\n    fn check(&self) -> Result<(), Error> { Ok(()) }\n    pub fn name(&self) -> &str { &self.name }\n}\n",
  'rsx/src/net/peer.rs': "use super::conn::Conn;\n\nimpl Conn {\n    pub fn peer(&self) -> Option<Conn> { None }\n    pub fn close(&self) {}\n}\n",
  'rsx/src/shapes.rs': "pub enum Shape { Circle { r: f64 }, Square(f64) }\n\npub trait Area { fn area(&self) -> f64; }\n\nimpl Area for Shape {\n    fn area(&self) -> f64 {\n        match self { Shape::Circle { r } => 3.14 * r * r, Shape::Square(w) => w * w }\n    }\n}\n\npub fn area(s: &Shape) -> f64 { s.area() }\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn t() { let s = Shape::Square(2.0); assert_eq!(area(&s), 4.0); }\n}\n",
  'rsx/src/cycle.rs': "pub use crate::cycle::inner::Loop;\npub mod inner { pub use crate::cycle::Loop; }\n",
  'rsx/src/globs.rs': "pub enum Cow { Borrowed, Owned }\nuse Cow::*;\nimpl T0 for Cow {} impl T1 for Cow {} impl T2 for Cow {} impl T3 for Cow {} impl T4 for Cow {} impl T5 for Cow {} impl T6 for Cow {} impl T7 for Cow {} impl T8 for Cow {} impl T9 for Cow {} impl T10 for Cow {} impl T11 for Cow {}\nfn f() -> Cow { let _x = missing_name(); Owned }\n",
  'rsx/src/paths.rs': "pub struct Meter { len: u32 }\nimpl Meter { pub fn len(&self) -> u32 { self.len } }\npub fn f(m: &Meter) -> u32 { Meter::len(m) + m.len }\npub fn g() -> fn(&Meter) -> u32 { Meter::len }\n",
  'c/main.c': 'static int add(int a, int b) { return a + b; }\nint main(void) { return add(1, 2); }\n',
  'c/util.c': '#define TWICE(x) ((x) * 2)\nint add(int a, int b);\nint sum3(int a, int b, int c) {\n  return add(add(a, b), TWICE(c));\n}\nstatic void log_it(void) { sum3(1, 2, 3); }\n',
  'c/more.c': 'int add_more(void) { return 0; } /* calls add */\nint more(void) { return add_more(); }\n',
};

function setup(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-nav-'));
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  const r = ax(['index', '.', '--quiet'], root);
  assert.equal(r.code, 0, r.err);
  return root;
}

// One index for all tests; services are called in-process (the CLI is covered by the last test).
let root = '';
before(() => { root = setup(); });
after(() => rmSync(root, { recursive: true, force: true }));
const first = async (_root: string, pos: string) => (await definitions({ root, at: pos })).results[0];

test('def --at: TypeScript locals, imports, re-exports, members', async () => {
  // a local arrow function shadows the imported name
  assert.deepEqual(pick(await first(root, 'src/app.ts:8:18')), { path: 'src/app.ts', line: 7, column: 11, resolution: 'scope' });
  // renamed re-export `helper as twice` followed to the declaration
  assert.deepEqual(pick(await first(root, 'src/app.ts:8:31')), { path: 'src/lib/base.ts', line: 5, column: 17, resolution: 'import' });
  // namespace import member through `export *`
  assert.deepEqual(pick(await first(root, 'src/app.ts:8:47')), { path: 'src/lib/base.ts', line: 5, column: 17, resolution: 'import' });
  // typed field receiver, inherited this-member, inherited field
  assert.deepEqual(pick(await first(root, 'src/app.ts:9:16')), { path: 'src/lib/base.ts', line: 3, column: 3, resolution: 'scope' });
  assert.deepEqual(pick(await first(root, 'src/app.ts:10:17')), { path: 'src/lib/base.ts', line: 3, column: 3, resolution: 'scope' });
  assert.deepEqual(pick(await first(root, 'src/app.ts:8:10')), { path: 'src/lib/base.ts', line: 2, column: 13, resolution: 'scope' });
  // receiver typed by `new App()`
  assert.deepEqual(pick(await first(root, 'src/app.ts:16:7')), { path: 'src/app.ts', line: 6, column: 3, resolution: 'scope' });
  // an unannotated callback parameter typed by the callee's declared parameter
  assert.deepEqual(pick(await first(root, 'src/ctx.ts:3:57')), { path: 'src/lib/base.ts', line: 3, column: 3, resolution: 'scope' });
  const full = await first(root, 'src/app.ts:8:31');
  assert.deepEqual(Object.keys(full!).sort(), ['column', 'container', 'endLine', 'kind', 'lang', 'line', 'name', 'path', 'resolution', 'signature']);
});

test('def --at: Python locals, relative imports, self members; C by name', async () => {
  assert.deepEqual(pick(await first(root, 'py/pkg/main.py:4:9')), { path: 'py/pkg/util.py', line: 1, column: 7, resolution: 'import' });
  assert.deepEqual(pick(await first(root, 'py/pkg/main.py:5:14')), { path: 'py/pkg/util.py', line: 5, column: 9, resolution: 'scope' });
  assert.deepEqual(pick(await first(root, 'py/pkg/main.py:9:12')), { path: 'py/pkg/main.py', line: 8, column: 12, resolution: 'scope' });
  assert.deepEqual(pick(await first(root, 'py/pkg/util.py:6:26')), { path: 'py/pkg/util.py', line: 3, column: 14, resolution: 'scope' });
  assert.deepEqual(pick(await first(root, 'c/main.c:2:25')), { path: 'c/main.c', line: 1, column: 12, resolution: 'name' });
});

test('def --at: Go package scope across files, imports, typed fields', async () => {
  assert.deepEqual(pick(await first(root, 'go/srv/server.go:10:15')), { path: 'go/util/util.go', line: 5, column: 6, resolution: 'import' });
  assert.deepEqual(pick(await first(root, 'go/srv/server.go:12:9')), { path: 'go/util/conn.go', line: 3, column: 16, resolution: 'scope' });
  assert.deepEqual(pick(await first(root, 'go/srv/server.go:13:4')), { path: 'go/srv/stop.go', line: 3, column: 18, resolution: 'scope' });
  assert.deepEqual(pick(await first(root, 'go/srv/server.go:14:9')), { path: 'go/srv/server.go', line: 10, column: 5, resolution: 'scope' });
  const rev = await dependencies({ root, path: 'go/util/util.go', reverse: true });
  assert.deepEqual(rev.importedBy!.map((x) => x.path), ['go/srv/server.go']);
});

test('def --at: Java typed locals, imports, implicit this, inherited members', async () => {
  const j = 'java/src/com/ex/app/App.java';
  assert.deepEqual(pick(await first(root, `${j}:9:15`)), { path: 'java/src/com/ex/util/Store.java', line: 4, column: 17, resolution: 'scope' });
  assert.deepEqual(pick(await first(root, `${j}:8:23`)), { path: j, line: 6, column: 19, resolution: 'scope' });
  assert.deepEqual(pick(await first(root, `${j}:10:9`)), { path: 'java/src/com/ex/app/Base.java', line: 4, column: 20, resolution: 'scope' });
  assert.deepEqual(pick(await first(root, `${j}:6:13`)), { path: 'java/src/com/ex/util/Store.java', line: 3, column: 14, resolution: 'import' });
  const d = await dependencies({ root, path: j });
  assert.deepEqual(d.imports!.map((x) => x.path), ['java/src/com/ex/util/Store.java']);
});

test('def --at: C# typed locals and fields, implicit this, types found by name', async () => {
  assert.deepEqual(pick(await first(root, 'cs/App.cs:10:19')), { path: 'cs/Store.cs', line: 5, column: 21, resolution: 'scope' });
  assert.deepEqual(pick(await first(root, 'cs/App.cs:11:24')), { path: 'cs/Store.cs', line: 5, column: 21, resolution: 'scope' });
  assert.deepEqual(pick(await first(root, 'cs/App.cs:12:13')), { path: 'cs/App.cs', line: 14, column: 22, resolution: 'scope' });
  assert.deepEqual(pick(await first(root, 'cs/App.cs:6:17')), { path: 'cs/Store.cs', line: 3, column: 18, resolution: 'name' });
});

test('def/refs/flow --at: Rust use trees, mod files, shadowing lets, impls in other files, call chains', async () => {
  const m = 'rsx/src/main.rs';
  // `Conn::new` through `use crate::net::conn::Conn`; a method on a typed local
  assert.deepEqual(pick(await first(root, `${m}:9:19`)), { path: 'rsx/src/net/conn.rs', line: 6, column: 12, resolution: 'scope' });
  assert.deepEqual(pick(await first(root, `${m}:10:7`)), { path: 'rsx/src/net/conn.rs', line: 7, column: 12, resolution: 'scope' });
  // a variant through a renamed import (`use net::Error as NetError`)
  assert.deepEqual(pick(await first(root, `${m}:11:33`)), { path: 'rsx/src/net/mod.rs', line: 5, column: 18, resolution: 'scope' });
  // `let x = x + 1` reads the earlier x
  assert.deepEqual(pick(await first(root, `${m}:13:13`)), { path: m, line: 12, column: 9, resolution: 'scope' });
  // a glob import (`use shapes::*`), and `use super::*` in an inline test module
  assert.deepEqual(pick(await first(root, `${m}:16:20`)), { path: 'rsx/src/shapes.rs', line: 11, column: 8, resolution: 'import' });
  assert.deepEqual(pick(await first(root, 'rsx/src/shapes.rs:17:53')), { path: 'rsx/src/shapes.rs', line: 11, column: 8, resolution: 'scope' });
  // `c.peer()?.close()`: both methods live in an impl of another file; peer's return type (Option<Conn>) types the chain
  assert.deepEqual(pick(await first(root, `${m}:23:15`)), { path: 'rsx/src/net/peer.rs', line: 5, column: 12, resolution: 'scope' });
  // a parameter named like the module of its own type (`net: &net::Connection`, a `pub use ... as` re-export): the method, not the field
  assert.deepEqual(pick(await first(root, `${m}:27:51`)), { path: 'rsx/src/net/conn.rs', line: 13, column: 12, resolution: 'scope' });
  // `&self.name` is the field, not the method of the same name; `self` is the receiver parameter
  assert.deepEqual(pick(await first(root, 'rsx/src/net/conn.rs:13:40')), { path: 'rsx/src/net/conn.rs', line: 3, column: 19, resolution: 'scope' });
  assert.deepEqual(pick(await first(root, 'rsx/src/net/conn.rs:8:9')), { path: 'rsx/src/net/conn.rs', line: 7, column: 18, resolution: 'scope' });
  // a `use` path segment names a module file
  assert.deepEqual(pick(await first(root, 'rsx/src/net/mod.rs:3:15')), { path: 'rsx/src/net/conn.rs', line: 1, column: 1, resolution: 'import' });
  // `pub use` cycles end (the answer is the `use` itself)
  assert.equal((await first(root, `${m}:17:20`))!.path, 'rsx/src/cycle.rs');
  const refs = (await references({ root, at: 'rsx/src/net/conn.rs:3:12' })).results.map((r) => `${r.path}:${r.line}:${r.column}`);
  assert.deepEqual(refs, ['rsx/src/main.rs:4:23', 'rsx/src/main.rs:9:13', 'rsx/src/main.rs:22:14', 'rsx/src/net/conn.rs:3:12', 'rsx/src/net/conn.rs:5:6',
    'rsx/src/net/conn.rs:6:38', 'rsx/src/net/mod.rs:3:21', 'rsx/src/net/peer.rs:1:18', 'rsx/src/net/peer.rs:3:6', 'rsx/src/net/peer.rs:4:34']);
  const f = await flow({ root, at: `${m}:22:4`, direction: 'callees' });
  assert.deepEqual(f.callees.map((c) => `${c.name}@${c.path}:${c.line}`), ['peer@rsx/src/net/peer.rs:4', 'close@rsx/src/net/peer.rs:5']);
  const d = await dependencies({ root, path: 'rsx/src/net/conn.rs' });
  assert.deepEqual(d.imports!.map((x) => x.path), ['rsx/src/net/mod.rs']);
});

test('def --at: a Rust glob of an enum brings its variants only; a free name ends quickly among many trait impls', { timeout: 20_000 }, async () => {
  // `use Cow::*` with twelve `impl Tn for Cow`: looking a free name up through the glob once walked every
  // base for every base (12! steps).
  assert.deepEqual(pick(await first(root, 'rsx/src/globs.rs:4:42')), { path: 'rsx/src/globs.rs', line: 1, column: 26, resolution: 'import' });
  assert.equal(await first(root, 'rsx/src/globs.rs:4:26'), undefined);
});

test('def --at: a Rust path names an associated item, never a field of the same name', async () => {
  assert.deepEqual(pick(await first(root, 'rsx/src/paths.rs:3:37')), { path: 'rsx/src/paths.rs', line: 2, column: 21, resolution: 'scope' });
  assert.deepEqual(pick(await first(root, 'rsx/src/paths.rs:3:48')), { path: 'rsx/src/paths.rs', line: 1, column: 20, resolution: 'scope' });
  // not called: still the associated function
  assert.deepEqual(pick(await first(root, 'rsx/src/paths.rs:4:42')), { path: 'rsx/src/paths.rs', line: 2, column: 21, resolution: 'scope' });
});

test('refs, flow, deps', async () => {
  const refs = (await references({ root, at: 'src/lib/base.ts:3:3' })).results.map((r) => `${r.path}:${r.line}`);
  assert.deepEqual(refs, ['src/app.ts:9', 'src/app.ts:10', 'src/ctx.ts:3', 'src/lib/base.ts:3']);
  const pyRefs = (await references({ root, at: 'py/pkg/util.py:8:5' })).results.map((r: { path: string; line: number }) => `${r.path}:${r.line}`);
  assert.deepEqual(pyRefs, ['py/pkg/main.py:1', 'py/pkg/main.py:6', 'py/pkg/util.py:8']);
  const f = await flow({ root, at: 'src/app.ts:6:3' });
  assert.equal(f.root!.name, 'run');
  assert.deepEqual(f.callers.map((c) => c.name), ['main']);
  assert.deepEqual(f.callees.map((c) => `${c.name}@${c.path}`).sort(), ['greet@src/lib/base.ts', 'helper@src/app.ts', 'helper@src/lib/base.ts']);
  assert.ok(f.callees.every((c) => c.callSite!.path === 'src/app.ts'));
  const d = await dependencies({ root, path: 'src/app.ts', depth: 2 });
  assert.equal(d.imports![0]!.path, 'src/lib/index.ts');
  assert.equal(d.imports![0]!.children[0]!.path, 'src/lib/base.ts');
  const rev = await dependencies({ root, path: 'src/lib/base.ts', reverse: true });
  assert.deepEqual(rev.importedBy!.map((x) => x.path), ['src/lib/index.ts']);
  const rs = await dependencies({ root, path: 'rs/src/main.rs' });
  assert.deepEqual(rs.imports!.map((x) => x.path), ['rs/src/net/mod.rs', 'rs/src/net/conn.rs']);
  const py = await dependencies({ root, path: 'py/pkg/main.py' });
  assert.equal(py.imports![0]!.path, 'py/pkg/util.py');
});

test('name-based flow (C): callers and callees from the per-file call sites; signatures from the source line', async () => {
  const f = await flow({ root, name: 'sum3' });
  assert.equal(f.root!.name, 'sum3');
  assert.deepEqual(f.callers.map((c) => `${c.name}@${c.path}:${c.callSite!.line}:${c.callSite!.column}`), ['log_it@c/util.c:6:28']);
  assert.deepEqual(f.callees.map((c) => `${c.name}@${c.callSite!.line}:${c.callSite!.column}`).sort(), ['TWICE@4:25', 'add@4:10']);
  const addCallers = await flow({ root, name: 'add', direction: 'callers' });
  assert.deepEqual(addCallers.callers.map((c) => `${c.name}@${c.path}`).sort(), ['main@c/main.c', 'sum3@c/util.c']);
  const d = await definitions({ root, name: 'TWICE' });
  assert.deepEqual(d.results.map((r) => [r.kind, r.signature]), [['macro', '#define TWICE(x) ((x) * 2)']]);
});

test('refs by name: --limit gives a prefix of the full list; the name inside longer words is no use', async () => {
  const all = (await references({ root, name: 'helper' })).results;
  assert.ok(new Set(all.map((r) => r.path)).size >= 3, JSON.stringify(all));
  for (const n of [1, 2, 3, all.length - 1, all.length, all.length + 5]) {
    assert.deepEqual((await references({ root, name: 'helper', limit: n })).results, all.slice(0, n));
  }
  // c/more.c mentions `add` only in add_more and a comment: an FTS candidate with no reference.
  const add = (await references({ root, name: 'add' })).results;
  assert.deepEqual(add.map((r) => `${r.path}:${r.line}:${r.column}:${r.context}`),
    ['c/main.c:1:12:static int add(int a, int b) { return a + b; }', 'c/main.c:2:25:int main(void) { return add(1, 2); }',
      'c/util.c:2:5:int add(int a, int b);', 'c/util.c:4:10:return add(add(a, b), TWICE(c));', 'c/util.c:4:14:return add(add(a, b), TWICE(c));']);
});

test('refs by name on a file edited since indexing: a line that no longer holds the name is not listed', async () => {
  const file = path.join(root, 'c/util.c');
  const original = readFileSync(file, 'utf8');
  try {
    // Line 4 loses its calls of add; line 2 keeps its declaration. No re-index in between.
    writeFileSync(file, original.split('\n').map((l, i) => (i === 3 ? '  return 0;' : l)).join('\n'));
    const add = (await references({ root, name: 'add' })).results.map((r) => `${r.path}:${r.line}`);
    assert.deepEqual(add, ['c/main.c:1', 'c/main.c:2', 'c/util.c:2']);
  } finally {
    writeFileSync(file, original);
  }
});

test('CLI: def/refs --json shapes, flow text tree, usage errors', () => {
  const d = ax(['def', 'Base.greet', '--json'], root);
  assert.equal(d.code, 0, d.err);
  assert.deepEqual(d.json().results.map((r: { path: string; line: number }) => `${r.path}:${r.line}`), ['src/lib/base.ts:3']);
  const r = ax(['refs', 'helper', '--json'], root);
  assert.ok(r.json().results.every((x: { resolution: string; context: string }) => x.resolution === 'name' && x.context.includes('helper')));
  const text = ax(['flow', '--at', 'src/app.ts:6:3', '--direction', 'callees'], root);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /-> greet method src\/lib\/base\.ts:3/);
  assert.equal(ax(['def'], root).code, 2);
});

function pick(r: { path: string; line: number; column: number; resolution: string } | undefined) {
  return r && { path: r.path, line: r.line, column: r.column, resolution: r.resolution };
}

test('--at against the tree: missing file, outside the root, line or column past the end are positioned errors', async () => {
  const err = async (at: string) => {
    try { await definitions({ root, at }); } catch (e) { assert.ok(e instanceof AxError && e.code === 'E_USAGE', String(e)); return [e.position, e.message]; }
    return assert.fail(`no error for ${at}`);
  };
  assert.deepEqual((await err('nope/x.ts:1:1'))[0], 0);
  assert.match((await err('nope/x.ts:1:1'))[1] as string, /no such file: nope\/x\.ts/);
  assert.deepEqual((await err('/etc/hostname:1:1'))[0], 0);
  assert.match((await err('../../x.c:1:1'))[1] as string, /outside the index root/);
  assert.deepEqual(await err('c/main.c:3:1'), [9, '--at line 3 is past the end of c/main.c (2 lines) (at offset 9 of "c/main.c:3:1")']);
  assert.equal((await err('c/main.c:2:99'))[0], 11);
  assert.ok((await definitions({ root, at: 'c/main.c:2:37' })).results !== undefined, 'the column just past the last character is allowed');
});

test('property: any --at string gives results or a positioned E_USAGE for def, refs and flow', async () => {
  const files = Object.keys(FILES);
  const at = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.tuple(fc.constantFrom(...files, 'missing.ts', '../up.c', '/abs/x.py', './c/main.c', 'c//main.c', 'c\\main.c', ''),
      fc.integer({ min: -2, max: 40 }), fc.option(fc.integer({ min: -2, max: 120 })), fc.constantFrom('', ':', ' ', 'x'))
      .map(([f, l, c, junk]) => `${f}:${l}${c === null ? '' : `:${c}`}${junk}`),
  );
  const fns = [
    (a: string) => definitions({ root, at: a }),
    (a: string) => references({ root, at: a }),
    (a: string) => flow({ root, at: a, direction: 'both', depth: 1 }),
  ];
  await fc.assert(fc.asyncProperty(at, fc.nat({ max: 2 }), async (a, k) => {
    try {
      await fns[k]!(a);
    } catch (e) {
      assert.ok(e instanceof AxError, `not an AxError for ${JSON.stringify(a)}: ${(e as Error)?.stack ?? String(e)}`);
      assert.equal(e.code, 'E_USAGE', `${e.code} for ${JSON.stringify(a)}: ${e.message}`);
      assert.ok(Number.isInteger(e.position) && e.position! >= 0 && e.position! <= a.length, `position ${e.position} for ${JSON.stringify(a)}: ${e.message}`);
      assert.ok(e.hint, `no hint for ${JSON.stringify(a)}`);
    }
  }), { numRuns: 600, seed: 17 });
});
