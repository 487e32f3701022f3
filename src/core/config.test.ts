import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AxError } from './errors.js';
import { applyConfigObject, coerceSetting, defaultConfig, SETTINGS } from './config.js';

test('defaults come from the schema table', () => {
  const c = defaultConfig();
  assert.equal(c.maxFileSize, 1024 * 1024);
  assert.deepEqual(c.exclude, []);
});

test('unknown keys and wrong types are errors that name the setting', () => {
  assert.throws(() => applyConfigObject(defaultConfig(), { maxFileSise: 1 }, 'ax.config.json'),
    (e: unknown) => e instanceof AxError && e.code === 'E_CONFIG' && /maxFileSise/.test(e.message) && /maxFileSize/.test(e.hint ?? ''));
  assert.throws(() => applyConfigObject(defaultConfig(), { workers: 'two' }, 'f'), /integer/);
  assert.throws(() => applyConfigObject(defaultConfig(), { workers: -1 }, 'f'), />= 0/);
  assert.throws(() => applyConfigObject(defaultConfig(), [], 'f'), /JSON object/);
});

test('text values (env, flags) are parsed; lists are comma-separated', () => {
  const size = SETTINGS.find((s) => s.key === 'maxFileSize')!;
  assert.equal(coerceSetting(size, '2048', 'env', true), 2048);
  assert.throws(() => coerceSetting(size, '2k', 'env', true), /integer/);
  const ex = SETTINGS.find((s) => s.key === 'exclude')!;
  assert.deepEqual(coerceSetting(ex, 'a/, b/ ,', 'env', true), ['a/', 'b/']);
});
