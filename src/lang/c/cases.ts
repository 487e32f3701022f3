import type { ExtractorCase } from '../testdata/case.js';

export const cases: ExtractorCase[] = [
  {
    lang: 'c',
    title: 'functions, structs, enums, typedefs, macros, includes, calls',
    source: [
      '#include <linux/slab.h>',
      '#include "local.h"',
      '#define MAX_LEN 64',
      '#define square(x) ((x) * (x))',
      '',
      'struct point { int x; int y; };',
      'enum color { RED, GREEN };',
      'typedef unsigned long ulong_t;',
      'static int counter = 0;',
      '',
      '/* Allocate a buffer. */',
      'static void *alloc_buf(size_t n)',
      '{',
      '\treturn kmalloc(n, GFP_KERNEL); /* not_a_ref */',
      '}',
      '',
      'int main(void) { struct point p; p.x = square(2); dev->ops->probe(dev); return alloc_buf(4) != 0; }',
    ].join('\n'),
    defs: ['macro MAX_LEN', 'macro square', 'struct point', 'enum color', 'enumerator color.RED', 'type ulong_t',
      'variable counter', 'function alloc_buf', 'function main'],
    refs: [{ name: 'kmalloc', line: 14, col: 9 }, { name: 'GFP_KERNEL', line: 14 }],
    notRefs: ['return', 'static', 'not_a_ref'],
    imports: ['linux/slab.h', 'local.h'],
    calls: ['alloc_buf->kmalloc', 'main->square', 'main->alloc_buf', 'main->probe'],
    docs: { alloc_buf: 'Allocate a buffer.' },
  },
];
