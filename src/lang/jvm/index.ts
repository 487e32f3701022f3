// JVM languages other than Java: Kotlin, Scala, Groovy. Definitions: classes, interfaces/traits,
// objects, enums, functions/methods, properties, type aliases; imports; calls.
// Grammars: Kotlin and Scala from tree-sitter-wasms; Groovy from the tree-sitter-groovy package.

import type { LanguageSpec } from '../spec.js';

const kotlin = String.raw`
(class_declaration "interface" (type_identifier) @name) @definition.interface
(class_declaration "enum" (type_identifier) @name) @definition.enum
(class_declaration (type_identifier) @name) @definition.class
(object_declaration (type_identifier) @name) @definition.class
(enum_entry (simple_identifier) @name) @definition.enumerator
(class_body (function_declaration (simple_identifier) @name) @definition.method)
(function_declaration (simple_identifier) @name) @definition.function
(class_body (property_declaration (variable_declaration (simple_identifier) @name)) @definition.property)
(source_file (property_declaration (variable_declaration (simple_identifier) @name)) @definition.variable)
(type_alias (type_identifier) @name) @definition.type
(import_header (identifier) @import.module) @import
(call_expression (simple_identifier) @call.name) @call
(call_expression (navigation_expression (_) @call.receiver (navigation_suffix (simple_identifier) @call.name))) @call
(line_comment) @comment
(multiline_comment) @comment
(string_literal) @string
(ERROR) @error
`;

const scala = String.raw`
(trait_definition name: (identifier) @name) @definition.trait
(class_definition name: (identifier) @name) @definition.class
(object_definition name: (identifier) @name) @definition.module
(template_body (function_definition name: (identifier) @name) @definition.method)
(template_body (function_declaration name: (identifier) @name) @definition.method)
(function_definition name: (identifier) @name) @definition.function
(template_body (val_definition pattern: (identifier) @name) @definition.property)
(template_body (var_definition pattern: (identifier) @name) @definition.property)
(type_definition name: (type_identifier) @name) @definition.type
(import_declaration path: (_) @import.module (import_selectors (identifier) @import.name)) @import
(import_declaration path: (_) @import.module (import_selectors (renamed_identifier name: (identifier) @import.name))) @import
(import_declaration path: (_) @import.module .) @import
(call_expression function: (identifier) @call.name) @call
(call_expression function: (field_expression value: (_) @call.receiver field: (identifier) @call.name)) @call
(comment) @comment
(string) @string
(ERROR) @error
`;

const groovy = String.raw`
(class_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(enum_declaration name: (identifier) @name) @definition.enum
(method_declaration name: (identifier) @name) @definition.method
(constructor_declaration name: (identifier) @name) @definition.constructor
(function_definition name: (identifier) @name) @definition.function
(field_declaration declarator: (variable_declarator name: (identifier) @name)) @definition.field
(import_declaration (scoped_identifier) @import.module) @import
(method_invocation !object name: (identifier) @call.name) @call
(method_invocation object: (_) @call.receiver name: (identifier) @call.name) @call
(line_comment) @comment
(block_comment) @comment
(string_literal) @string
(ERROR) @error
`;

export const languages: LanguageSpec[] = [
  { id: 'kotlin', name: 'Kotlin', extensions: ['.kt', '.kts'], grammar: 'tree-sitter-kotlin.wasm', query: kotlin },
  { id: 'scala', name: 'Scala', extensions: ['.scala', '.sc'], grammar: 'tree-sitter-scala.wasm', query: scala },
  {
    id: 'groovy', name: 'Groovy', extensions: ['.groovy', '.gradle', '.gvy'], filenames: ['Jenkinsfile'], shebangs: ['groovy'],
    grammar: 'tree-sitter-groovy.wasm', grammarPackage: 'tree-sitter-groovy', query: groovy,
  },
];
