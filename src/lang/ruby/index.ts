// Ruby: modules, classes (`class A::B` named B), methods (in a class/module body, its singleton
// `class << self` or `def self.x`) and top-level functions, constants; `require`/`require_relative`/
// `load` as imports; calls with their receiver. `#` comments above a definition are its doc. String
// contents (not interpolations) are excluded from refs; symbols stay (`:name` names a method).

import type { LanguageSpec } from '../spec.js';

const query = String.raw`
(module name: [(constant) @name (scope_resolution name: (constant) @name)]) @definition.module
(class name: [(constant) @name (scope_resolution name: (constant) @name)]) @definition.class
(class body: (body_statement (method name: (_) @name) @definition.method))
(module body: (body_statement (method name: (_) @name) @definition.method))
(singleton_class body: (body_statement (method name: (_) @name) @definition.method))
(class body: (body_statement (call arguments: (argument_list (method name: (_) @name) @definition.method))))
(module body: (body_statement (call arguments: (argument_list (method name: (_) @name) @definition.method))))
(singleton_method name: (_) @name) @definition.method
(method name: (_) @name) @definition.function
(assignment left: (constant) @name) @definition.constant

(call
  !receiver
  method: (identifier) @_m (#any-of? @_m "require" "require_relative" "load" "autoload")
  arguments: (argument_list (string (string_content) @import.module) .)) @import
(call receiver: (_) @call.receiver method: [(identifier) (constant)] @call.name) @call
(call !receiver method: [(identifier) (constant)] @call.name) @call

(comment) @comment
(string_content) @string
(heredoc_content) @string
(ERROR) @error
`;

export const languages: LanguageSpec[] = [
  {
    id: 'ruby', name: 'Ruby', extensions: ['.rb', '.rake', '.gemspec', '.ru'],
    filenames: ['Rakefile', 'Gemfile', 'Guardfile', 'Vagrantfile'], shebangs: ['ruby'],
    grammar: 'tree-sitter-ruby.wasm', query,
    // `@ivar`, `@@cvar`, `$global`; method names may end in `?` or `!` (not `!=`, `?=`).
    identifier: '(?:@@?|\\$)?[A-Za-z_\\u00C0-\\uFFFF][A-Za-z0-9_\\u00C0-\\uFFFF]*(?:[?!](?![=~]))?',
    // Keywords that are also named node types in this grammar are not auto-excluded.
    stopwords: ['self', 'nil', 'true', 'false', 'super', 'rescue', 'class', 'module', 'return', 'yield', 'break',
      'next', 'redo', 'retry', 'if', 'unless', 'while', 'until', 'for', 'in', 'do', 'case', 'when', 'elsif', 'else',
      'then', 'begin', 'ensure', 'undef', 'alias', 'defined?', 'not', 'and', 'or', '__FILE__', '__LINE__', '__method__'],
  },
];
