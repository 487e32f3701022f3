import type { ExtractorCase } from '../testdata/case.js';

export const cases: ExtractorCase[] = [
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
];
