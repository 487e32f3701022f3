// Rust navigation on a small crate (bin/ax.cjs indexes it; the services answer in-process): the
// bindings of tuple-struct and tuple-variant patterns have the types of those fields, and of two
// items under different `#[cfg]`s the one a default build compiles is the answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { navTree } from './fixture.js';

const LIB = 'src/lib.rs';
const FILES: Record<string, string> = {
  'Cargo.toml': '[package]\nname = "pat"\nversion = "0.1.0"\n\n[features]\ndefault = ["fast"]\nfast = []\nslow = []\n',
  'src/imp.rs': [
    '#[cfg(not(feature = "fast"))]',
    'fn imp() -> u8 { 0 }',
    '#[cfg(feature = "fast")]',
    '#[inline]',
    'fn imp() -> u8 { 1 }',
    '#[cfg(feature = "slow")]',
    'fn other() -> u8 { 2 }',
    '#[cfg(not(feature = "slow"))]',
    'fn other() -> u8 { 3 }',
    'pub fn run() -> u8 { imp() + other() }',
    '',
  ].join('\n'),
  [LIB]: [
    '// Decoy: a name-based answer (same file, first) would land here.',
    'pub struct Decoy;',
    'impl Decoy { pub fn negate(&mut self) {} }',
    'pub struct ClassUnicode;',
    'impl ClassUnicode { pub fn negate(&mut self) {} }',
    'pub struct ClassBytes;',
    'impl ClassBytes { pub fn negate(&mut self) {} }',
    'pub struct Wrap(u8, ClassBytes);',
    'pub enum Class { Unicode(ClassUnicode), Bytes(u8, ClassBytes) }',
    'impl Class {',
    '    pub fn negate(&mut self) {',
    '        match *self {',
    '            Class::Unicode(ref mut x) => x.negate(),',
    '            Class::Bytes(_, ref mut y) => y.negate(),',
    '        }',
    '    }',
    '}',
    'pub fn unwrap(w: Wrap) { let Wrap(_, mut b) = w; b.negate(); }',
    'pub struct Stack;',
    'impl Stack { pub fn pop(&self) -> Option<Class> { None } }',
    'impl Class { pub fn bytes(self) -> ClassBytes { ClassBytes } }',
    'pub fn pops(s: Stack) { let mut c = s.pop().unwrap().bytes(); c.negate(); s.pop().expect("x").bytes().negate(); }',
    '',
  ].join('\n'),
};

const { at, def } = navTree('ax-nav-rust-', FILES);

test('Rust patterns: a binding of `V(a, b)` has the type of that field of the tuple variant or struct', async () => {
  assert.equal(await def(at(LIB, 'x.negate', 0, 2)), at(LIB, 'negate', 1), 'Class::Unicode(ref mut x)');
  assert.equal(await def(at(LIB, 'y.negate', 0, 2)), at(LIB, 'negate', 2), 'Class::Bytes(_, ref mut y): `_` counts');
  assert.equal(await def(at(LIB, 'b.negate', 0, 2)), at(LIB, 'negate', 2), 'let Wrap(_, mut b)');
});

test('Rust chains through `unwrap()`/`expect()` of an Option the type already stands for', async () => {
  assert.equal(await def(at(LIB, 'c.negate', 0, 2)), at(LIB, 'negate', 2), 'let c = s.pop().unwrap().bytes()');
  assert.equal(await def(at(LIB, 'bytes().negate', 0, 8)), at(LIB, 'negate', 2), 's.pop().expect("x").bytes().negate()');
});

test('Rust cfg: of two items of one name, the one compiled with the crate\'s default features', async () => {
  assert.equal(await def(at('src/imp.rs', 'imp()', 2)), at('src/imp.rs', 'imp()', 1), 'feature "fast" is a default');
  assert.equal(await def(at('src/imp.rs', 'other()', 2)), at('src/imp.rs', 'other()', 1), '"slow" is not');
});
