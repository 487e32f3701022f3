import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadConfig } from './config.js';

test('precedence: defaults < ax.config.json < .ax/config.json < env < flags', (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-cfg-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(path.join(root, 'ax.config.json'), JSON.stringify({ maxFileSize: 100, workers: 3, batchFiles: 7 }));
  mkdirSync(path.join(root, '.ax'));
  writeFileSync(path.join(root, '.ax', 'config.json'), JSON.stringify({ maxFileSize: 200, workers: 4 }));
  const { config, sources } = loadConfig(root, { workers: '6' }, { AX_MAX_FILE_SIZE: '300', AX_WORKERS: '5' });
  assert.equal(config.batchFiles, 7);
  assert.equal(config.maxFileSize, 300);
  assert.equal(config.workers, 6);
  assert.deepEqual(sources.map((s) => s.source.replace(root, '<root>')), ['defaults', '<root>/ax.config.json', '<root>/.ax/config.json', 'environment', 'flags']);
});

test('invalid JSON in a config file is a clear E_CONFIG error', (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'ax-cfg-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(path.join(root, 'ax.config.json'), '{ nope');
  assert.throws(() => loadConfig(root, {}, {}), (e: Error & { code?: string }) => e.code === 'E_CONFIG' && /not valid JSON/.test(e.message));
});
