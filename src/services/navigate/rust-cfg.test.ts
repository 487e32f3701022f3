import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cfgHolds, defaultFeatures } from './rust-cfg.js';

test('Rust cfg predicates: features, not/all/any, this machine as the target, unknowns', () => {
  const on = new Set(['std', 'unicode-perl']);
  assert.equal(cfgHolds('feature = "unicode-perl"', on), true);
  assert.equal(cfgHolds('not(feature = "unicode-perl")', on), false);
  assert.equal(cfgHolds('feature = "nightly"', on), false);
  assert.equal(cfgHolds('feature = "std"', undefined), undefined, 'no manifest: features are unknown');
  assert.equal(cfgHolds('all(feature = "std", not(test))', on), true);
  assert.equal(cfgHolds('any(feature = "x", some_flag)', on), undefined);
  assert.equal(cfgHolds('any(feature = "std", some_flag)', on), true);
  assert.equal(cfgHolds('all(feature = "x", some_flag)', on), false);
  assert.equal(cfgHolds('test', on), false);
  assert.equal(cfgHolds('debug_assertions', on), true);
  if (process.platform === 'linux') {
    assert.equal(cfgHolds('unix', on), true);
    assert.equal(cfgHolds('windows', on), false);
    assert.equal(cfgHolds('target_os = "linux"', on), true);
    assert.equal(cfgHolds('target_os = "macos"', on), false);
    assert.equal(cfgHolds('target_env = "gnu"', on), undefined, 'not a key ax knows');
  }
});

test('Rust default features: what `default` names, transitively, from [features] only', () => {
  const toml = [
    '[package]', 'name = "regex-syntax"', 'default = ["not-features"]', '',
    '[features]', 'default = ["unicode"]', 'unicode = [', '  "unicode-age",', '  "unicode-perl",', ']',
    'unicode-age = []', 'unicode-perl = []', 'extra = []', 'serde = ["dep:serde", "other/std"]', '',
    '[dependencies]', 'x = "1"', '',
  ].join('\n');
  assert.deepEqual([...defaultFeatures(toml)].sort(), ['unicode', 'unicode-age', 'unicode-perl']);
  assert.deepEqual([...defaultFeatures('[package]\nname = "a"\n')], []);
});
