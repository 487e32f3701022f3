// Python: functions, classes, methods (functions nested in classes), module-level assignments,
// imports (`import a.b`, `from x import y`), calls, docstrings.

import type { LanguageSpec } from '../spec.js';

const query = String.raw`
(class_definition
  name: (identifier) @name
  body: (block . (expression_statement (string) @doc)?)) @definition.class

(class_definition
  body: (block
    (function_definition
      name: (identifier) @name
      body: (block . (expression_statement (string) @doc)?)) @definition.method))

(class_definition
  body: (block
    (decorated_definition
      definition: (function_definition
        name: (identifier) @name
        body: (block . (expression_statement (string) @doc)?)) @definition.method)))

(function_definition
  name: (identifier) @name
  body: (block . (expression_statement (string) @doc)?)) @definition.function

(module (expression_statement (assignment left: (identifier) @name) @definition.variable))

(call function: (identifier) @call.name) @call
(call function: (attribute object: (_) @call.receiver attribute: (identifier) @call.name)) @call

(import_statement name: (dotted_name) @import.module) @import
(import_statement name: (aliased_import name: (dotted_name) @import.module)) @import
(import_from_statement
  module_name: (_) @import.module
  name: (dotted_name)? @import.name) @import
(import_from_statement
  module_name: (_) @import.module
  name: (aliased_import name: (dotted_name) @import.name)) @import
(import_from_statement
  module_name: (_) @import.module
  (wildcard_import) @import.name) @import

(comment) @comment
(string) @string
(ERROR) @error
`;

export const languages: LanguageSpec[] = [
  {
    id: 'python', name: 'Python', extensions: ['.py', '.pyi', '.pyw'], shebangs: ['python', 'python3', 'python2'],
    grammar: 'tree-sitter-python.wasm', query,
    stopwords: ['self', 'cls'],
  },
];
