// PHP: namespaces, classes, interfaces, traits, enums (+ cases), methods (`__construct` is the
// constructor), functions, class and global constants, properties; `use` declarations (module = the
// namespace prefix, names = the imported names) and require/include of literal paths; function,
// method (`->`, `?->`), static (`A::f`) calls and `new`. Variables keep their `$` in refs, so `$name`
// (a variable) and `->name` (a property or method) are different words.

import type { LanguageSpec } from '../spec.js';

const requireLike = ['require_expression', 'require_once_expression', 'include_expression', 'include_once_expression'];

const query = String.raw`
(namespace_definition name: (namespace_name) @name) @definition.namespace
(class_declaration name: (name) @name) @definition.class
(interface_declaration name: (name) @name) @definition.interface
(trait_declaration name: (name) @name) @definition.trait
(enum_declaration name: (name) @name) @definition.enum
(enum_case name: (name) @name) @definition.enumerator
(method_declaration name: (name) @name (#eq? @name "__construct")) @definition.constructor
(method_declaration name: (name) @name) @definition.method
(function_definition name: (name) @name) @definition.function
(const_declaration (const_element (name) @name)) @definition.constant
(property_declaration (property_element (variable_name (name) @name))) @definition.property
(property_promotion_parameter name: (variable_name (name) @name)) @definition.property

(function_call_expression function: [(name) @call.name (qualified_name (name) @call.name .)]) @call
(member_call_expression object: (_) @call.receiver name: (name) @call.name) @call
(nullsafe_member_call_expression object: (_) @call.receiver name: (name) @call.name) @call
(scoped_call_expression scope: (_) @call.receiver name: (name) @call.name) @call
(object_creation_expression [(name) @call.name (qualified_name (name) @call.name .)]) @call

(namespace_use_declaration (namespace_use_clause [
  (qualified_name (namespace_name_as_prefix (namespace_name) @import.module) (name) @import.name)
  (name) @import.module])) @import
(namespace_use_declaration (namespace_name) @import.module
  (namespace_use_group (namespace_use_group_clause (namespace_name) @import.name))) @import
${requireLike.map((t) => String.raw`(${t} [
  (string (string_content) @import.module)
  (encapsed_string (string_content) @import.module .)
  (binary_expression right: (string (string_content) @import.module))
  (parenthesized_expression (string (string_content) @import.module))]) @import`).join('\n')}

(comment) @comment
(string_content) @string
(text) @string
(php_tag) @string
(ERROR) @error
`;

export const languages: LanguageSpec[] = [
  {
    id: 'php', name: 'PHP', extensions: ['.php', '.phtml', '.php5', '.php7', '.phps'], shebangs: ['php'],
    grammar: 'tree-sitter-php.wasm', query,
    identifier: '\\$?[A-Za-z_\\u0080-\\uFFFF][A-Za-z0-9_\\u0080-\\uFFFF]*',
    stopwords: ['$this', 'self', 'static', 'parent', 'true', 'false', 'null', 'TRUE', 'FALSE', 'NULL', 'string', 'float',
      'int', 'bool', 'array', 'void', 'mixed', 'callable', 'iterable', 'object'],
  },
];
