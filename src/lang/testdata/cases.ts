// Rows of the shared extractor suite (extractors.test.ts). Each row: a small, real-looking snippet and
// the facts it must yield. Definitions are written "kind Container.name"; calls "caller->callee"
// ('<top>' outside any function); imports "module:name1,name2".

export interface ExtractorCase {
  lang: string;
  title: string;
  source: string;
  defs?: string[];
  notDefs?: string[];
  refs?: Array<{ name: string; line: number; col?: number }>;
  notRefs?: string[];
  imports?: string[];
  calls?: string[];
  docs?: Record<string, string>;
  /** Set false when the snippet deliberately contains a syntax error. */
  clean?: boolean;
}

export const CASES: ExtractorCase[] = [
  {
    lang: 'python',
    title: 'classes, methods, functions, imports, calls, docstrings',
    source: [
      'import os.path',
      'from collections import OrderedDict, defaultdict as dd',
      '',
      'MAX_SIZE = 10',
      '',
      'class Config(Base):',
      '    """Holds settings."""',
      '    def load(self, path):',
      '        # read it: ignored_in_comment',
      '        data = read_file(path)',
      '        return self.parse(data, "not_a_ref")',
      '',
      '# Parse a config file.',
      'def parse_config(text):',
      '    return Config().load(text)',
    ].join('\n'),
    defs: ['class Config', 'method Config.load', 'function parse_config', 'variable MAX_SIZE'],
    notDefs: ['function load'],
    refs: [{ name: 'read_file', line: 10, col: 16 }, { name: 'Config', line: 15, col: 12 }],
    notRefs: ['return', 'def', 'ignored_in_comment', 'not_a_ref'],
    imports: ['os.path', 'collections:OrderedDict,defaultdict'],
    calls: ['load->read_file', 'load->parse', 'parse_config->Config', 'parse_config->load'],
    docs: { Config: 'Holds settings.', parse_config: 'Parse a config file.' },
  },
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
