import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildsFor, evalConstraint, fileNameGoos } from './build-constraints.js';

const linux = { goos: 'linux', goarch: 'amd64' };

test('file name suffixes restrict the platform', () => {
  assert.equal(buildsFor('file_unix.go', 'package os\n', linux), true);
  assert.equal(buildsFor('file_plan9.go', 'package os\n', linux), false);
  assert.equal(buildsFor('zerrors_linux_arm64.go', 'package unix\n', linux), false);
  assert.equal(buildsFor('zerrors_linux_amd64.go', 'package unix\n', linux), true);
  assert.equal(buildsFor('sys_amd64.go', 'package p\n', { goos: 'darwin', goarch: 'arm64' }), false);
  assert.equal(buildsFor('linux.go', 'package p\n', { goos: 'darwin', goarch: 'arm64' }), true); // a bare name is no suffix
  assert.equal(fileNameGoos('path_windows.go'), 'windows');
  assert.equal(fileNameGoos('zerrors_linux_amd64.go'), 'linux');
  assert.equal(fileNameGoos('path.go'), undefined);
});

test('//go:build and // +build lines', () => {
  assert.equal(buildsFor('stat.go', '// Copyright\n\n//go:build unix || (js && wasm)\n\npackage os\n', linux), true);
  assert.equal(buildsFor('stat.go', '//go:build windows\n\npackage os\n', linux), false);
  assert.equal(buildsFor('gen.go', '//go:build ignore\n\npackage main\n', linux), false);
  assert.equal(buildsFor('old.go', '// +build linux,amd64 darwin\n\npackage p\n', linux), true);
  assert.equal(buildsFor('old.go', '// +build !linux\n\npackage p\n', linux), false);
  // A constraint after the package clause is only a comment.
  assert.equal(buildsFor('late.go', 'package p\n//go:build windows\n', linux), true);
  assert.equal(evalConstraint('!purego && (amd64 || arm64)', (t) => t === 'amd64'), true);
  assert.equal(evalConstraint('go1.18 && !go1.99x', (t) => t.startsWith('go1.1')), true);
});
