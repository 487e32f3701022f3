// Go navigation on a small module (bin/ax.cjs indexes it; the services answer in-process): local
// scopes in statement order, `:=` that reuses a name, type-switch clauses, keyed literals, result
// types through calls and chains, embedded types of another package, elements of slices and maps,
// one of several results, interfaces embedded in interfaces, and files for other platforms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { references } from './index.js';
import { navTree } from './fixture.js';

const FILES: Record<string, string> = {
  'go.mod': 'module example.com/m\n\ngo 1.21\n',
  'util/conn.go': [
    'package util',
    '',
    'type Conn struct {',
    '\tname string',
    '\tPeer *Conn',
    '}',
    '',
    'func Open(name string) (*Conn, error) { return &Conn{name: name}, nil }',
    '',
    'func (c *Conn) Close() error { return nil }',
    '',
    'func (c *Conn) Next() *Conn { return c.Peer }',
    '',
    'var Default = &Conn{}',
    '',
    'type Link = Conn',
    '',
    'var first = Link{name: "first"}',
    '',
  ].join('\n'),
  'app/app.go': [
    'package app',
    '',
    'import "example.com/m/util"',
    '',
    '// Decoys: a name-based answer (same file first) would land here.',
    'type decoy struct{ n int }',
    '',
    'func (decoy) Close() error { return nil }',
    '',
    'func (decoy) Next() *decoy { return nil }',
    '',
    'type Locked struct {',
    '\tutil.Conn',
    '\tn int',
    '}',
    '',
    'func run(x int, v any) int {',
    '\tx := x + 1', // the x read here is the parameter
    '\ta, err := util.Open("a")',
    '\tb, err := util.Open("b")', // err is the one declared above
    '\ta.Next().Close()',
    '\t_ = b',
    '\tswitch c := v.(type) {',
    '\tcase *util.Conn:',
    '\t\tc.Close()',
    '\tcase *Locked:',
    '\t\t_ = c.n',
    '\t}',
    '\tl := Locked{n: 1, Conn: util.Conn{}}',
    '\tls := []Locked{{n: 2}}',
    '\tl.Close()',
    '\td := util.Default',
    '\td.Close()',
    '\t_, _ = ls, err',
    '\treturn x + sep()',
    '}',
    '',
  ].join('\n'),
  'app/more.go': [
    'package app',
    '',
    'import "example.com/m/util"',
    '',
    'type Node interface {',
    '\tPos() int',
    '}',
    '',
    'type Expr interface {',
    '\tNode',
    '\texprNode()',
    '}',
    '',
    '// Decoys: a name-based answer (same file first) would land here.',
    'type decoy2 struct{}',
    '',
    'func (decoy2) Pos() int { return 0 }',
    '',
    'func (decoy2) Close() error { return nil }',
    '',
    'type Field struct{ Type Expr }',
    '',
    'type List struct {',
    '\tItems  []*Field',
    '\tByName map[string]*util.Conn',
    '}',
    '',
    'func pipe() (*util.Conn, *Field) { return nil, nil }',
    '',
    'func walk(l List) {',
    '\tfor _, f := range l.Items {',
    '\t\tf.Type.Pos()',
    '\t}',
    '\tfor k, c := range l.ByName {',
    '\t\t_ = k',
    '\t\tc.Close()',
    '\t}',
    '\tl.Items[0].Type.Pos()',
    '\t_, g := pipe()',
    '\tg.Type.Pos()',
    '}',
    '',
  ].join('\n'),
  'app/sep_plan9.go': 'package app\n\nfunc sep() int { return 2 }\n\nfunc other() int { return flavor() }\n',
  'app/sep_unix.go': '//go:build unix\n\npackage app\n\nfunc sep() int { return 1 }\n',
  'app/flavor_plan9.go': 'package app\n\nfunc flavor() int { return 9 }\n',
  'app/flavor_unix.go': '//go:build unix\n\npackage app\n\nfunc flavor() int { return 1 }\n',
};

const { at, def, root } = navTree('ax-nav-go-', FILES);

test('Go locals: a declaration is seen from the next statement; := of a declared name assigns it', async () => {
  assert.equal(await def(at('app/app.go', 'x + 1')), at('app/app.go', 'x int'));
  assert.equal(await def(at('app/app.go', 'return x', 0, 7)), at('app/app.go', 'x :='), 'later statements see the new x');
  assert.equal(await def(at('app/app.go', 'ls, err', 0, 4)), at('app/app.go', 'err :='));
  const refs = (await references({ root: root(), at: at('app/app.go', 'err :=') })).results.map((r) => `${r.path}:${r.line}:${r.column}`);
  assert.ok(refs.includes(at('app/app.go', 'err :=', 1)), 'the second := of err is a use of the first');
});

test('Go types: result types, chains, type-switch clauses, keyed literals, embedded types of another package', async () => {
  const close = at('util/conn.go', 'Close', 0);
  assert.equal(await def(at('app/app.go', 'Next()', 1)), at('util/conn.go', 'Next'));
  assert.equal(await def(at('app/app.go', 'Close()', 1)), close, 'a.Next().Close(): through the result type of Next');
  assert.equal(await def(at('app/app.go', 'Close()', 2)), close, 'c in `case *util.Conn:` is a *util.Conn');
  assert.equal(await def(at('app/app.go', 'c.n', 0, 2)), at('app/app.go', 'n int', 1), 'c in `case *Locked:` is a *Locked');
  assert.equal(await def(at('app/app.go', 'n: 1')), at('app/app.go', 'n int', 1), 'a key of Locked{...} is its field');
  assert.equal(await def(at('app/app.go', 'n: 2')), at('app/app.go', 'n int', 1), 'also with the type elided: []Locked{{n: 2}}');
  assert.equal(await def(at('app/app.go', 'Close()', 3)), close, 'promoted from the embedded util.Conn');
  assert.equal(await def(at('app/app.go', 'Close()', 4)), close, 'd := util.Default has the type of Default');
  assert.equal(await def(at('app/app.go', 'Conn: util')), at('app/app.go', 'Conn', 0), 'an embedded type is a field named after it');
  assert.equal(await def(at('util/conn.go', 'name: "first"')), at('util/conn.go', 'name string'), 'Link = Conn has the fields of Conn');
});

test('Go types: elements of slices and maps (range, index), one of several results, interfaces embedded in interfaces', async () => {
  const MORE = 'app/more.go', pos = at(MORE, 'Pos() int', 0);
  assert.equal(await def(at(MORE, 'f.Type.Pos()', 0, 7)), pos, 'f ranges over []*Field; Pos is Node\'s, embedded in Expr');
  assert.equal(await def(at(MORE, 'c.Close()', 0, 2)), at('util/conn.go', 'Close', 0), 'c ranges over the values of map[string]*util.Conn');
  assert.equal(await def(at(MORE, 'l.Items[0].Type.Pos()', 0, 16)), pos, 'an element of l.Items');
  assert.equal(await def(at(MORE, 'g.Type.Pos()', 0, 7)), pos, 'g is the second result of pipe()');
});

test('Go files for other platforms: the one built here, or for the asking file\'s own platform', async () => {
  assert.equal(await def(at('app/app.go', 'sep()')), 'app/sep_unix.go:5:6');
  assert.equal(await def(at('app/sep_plan9.go', 'flavor()')), 'app/flavor_plan9.go:3:6');
});

test('Go refs: an exported method is seen from importing packages, an unexported field in its own package', async () => {
  const refs = async (pos: string) => (await references({ root: root(), at: pos })).results.map((r) => `${r.path}:${r.line}:${r.column}`);
  const close = await refs(at('util/conn.go', 'Close'));
  for (const n of [1, 2, 3, 4]) assert.ok(close.includes(at('app/app.go', 'Close()', n)), `app.go Close() #${n}`);
  assert.ok(!close.includes(at('app/app.go', 'Close()', 0)), 'not the decoy');
  const name = await refs(at('util/conn.go', 'name string'));
  assert.ok(name.includes(at('util/conn.go', 'name: name')), 'the keyed literal in Open');
});
