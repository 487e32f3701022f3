// Java: package (module), classes, interfaces, enums (+ constants), records, annotation types, methods,
// constructors, fields (`static final` ones and interface fields are constants); imports (static and
// wildcard: module = the qualifier, name = the last segment or `*`); calls (method invocations with
// receiver, `new T()`). Javadoc comes from the block comment above a declaration (annotations are part
// of the declaration node).

import type { LanguageSpec } from '../spec.js';

const query = String.raw`
(package_declaration [(scoped_identifier) (identifier)] @name) @definition.module
(class_declaration name: (identifier) @name) @definition.class
(record_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(annotation_type_declaration name: (identifier) @name) @definition.interface
(enum_declaration name: (identifier) @name) @definition.enum
(enum_constant name: (identifier) @name) @definition.enumerator
(method_declaration name: (identifier) @name) @definition.method
(annotation_type_element_declaration name: (identifier) @name) @definition.method
(constructor_declaration name: (identifier) @name) @definition.constructor
(compact_constructor_declaration name: (identifier) @name) @definition.constructor
(field_declaration
  (modifiers) @_m (#match? @_m "\\bstatic\\b") (#match? @_m "\\bfinal\\b")
  (variable_declarator name: (identifier) @name)) @definition.constant
(field_declaration (variable_declarator name: (identifier) @name)) @definition.field
(constant_declaration (variable_declarator name: (identifier) @name)) @definition.constant

(method_invocation object: (_) @call.receiver name: (identifier) @call.name) @call
(method_invocation !object name: (identifier) @call.name) @call
(object_creation_expression type: [
  (type_identifier) @call.name
  (generic_type (type_identifier) @call.name)
  (scoped_type_identifier (type_identifier) @call.name .)
  (generic_type (scoped_type_identifier (type_identifier) @call.name .))]) @call

(import_declaration (scoped_identifier scope: (_) @import.module name: (identifier) @import.name) .) @import
(import_declaration (scoped_identifier) @import.module (asterisk) @import.name) @import

(line_comment) @comment
(block_comment) @comment
(string_literal) @string
(character_literal) @string
(ERROR) @error
`;

export const languages: LanguageSpec[] = [
  {
    id: 'java', name: 'Java', extensions: ['.java'], grammar: 'tree-sitter-java.wasm', query,
    // `void`, `boolean` and `var` are named nodes in this grammar, so not auto-excluded keywords.
    stopwords: ['this', 'super', 'true', 'false', 'null', 'void', 'boolean', 'var'],
  },
];
