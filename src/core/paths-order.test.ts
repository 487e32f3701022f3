import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparePaths } from './types.js';

test('comparePaths orders paths by code unit, as git ls-files and LC_ALL=C sort do', () => {
  const paths = ['arch/x86/Kconfig', 'Makefile', 'arch/x86-64.c', 'arch/x86/boot.c', 'Documentation/a.rst', 'éclair.c', 'zz.c', 'arch/X.c'];
  assert.deepEqual([...paths].sort(comparePaths), [
    'Documentation/a.rst', 'Makefile', 'arch/X.c', 'arch/x86-64.c', 'arch/x86/Kconfig', 'arch/x86/boot.c', 'zz.c', 'éclair.c',
  ]);
  assert.equal(comparePaths('a.c', 'a.c'), 0);
});
