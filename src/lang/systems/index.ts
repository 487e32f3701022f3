// Systems and contract languages: Zig, Solidity and Dart (tree-sitter-wasms), CUDA (tree-sitter-cuda,
// a C++ superset). Zig containers are `const Name = struct {...}`; Dart's grammar puts a method's
// body beside its signature, so Dart calls are attributed to the enclosing class, not the method.

import type { LanguageSpec } from '../spec.js';

const zig = String.raw`
(variable_declaration (identifier) @name (struct_declaration)) @definition.struct
(variable_declaration (identifier) @name (enum_declaration)) @definition.enum
(variable_declaration (identifier) @name (union_declaration)) @definition.union
(variable_declaration (builtin_function (builtin_identifier) @_b (arguments (string (string_content) @import.module)) (#eq? @_b "@import"))) @import
(source_file (variable_declaration (identifier) @name) @definition.constant)
(struct_declaration (function_declaration name: (identifier) @name) @definition.method)
(function_declaration name: (identifier) @name) @definition.function
(container_field name: (identifier) @name) @definition.field
(test_declaration (string) @name) @definition.function
(call_expression function: (identifier) @call.name) @call
(call_expression function: (field_expression object: (_) @call.receiver member: (identifier) @call.name)) @call
(comment) @comment
(string) @string
(ERROR) @error
`;

const cuda = String.raw`
(function_definition declarator: (function_declarator declarator: (identifier) @name)) @definition.function
(function_definition declarator: (function_declarator declarator: (qualified_identifier name: (identifier) @name))) @definition.method
(function_definition declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))) @definition.function
(field_declaration_list (function_definition declarator: (function_declarator declarator: (field_identifier) @name)) @definition.method)
(struct_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.struct
(class_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.class
(enum_specifier name: (type_identifier) @name body: (enumerator_list)) @definition.enum
(namespace_definition name: (namespace_identifier) @name) @definition.namespace
(type_definition declarator: (type_identifier) @name) @definition.type
(preproc_def name: (identifier) @name) @definition.macro
(preproc_function_def name: (identifier) @name) @definition.macro
(preproc_include path: (_) @import.module) @import
(call_expression function: (identifier) @call.name) @call
(call_expression function: (field_expression argument: (_) @call.receiver field: (field_identifier) @call.name)) @call
(call_expression function: (qualified_identifier name: (identifier) @call.name)) @call
(comment) @comment
(string_literal) @string
(char_literal) @string
(system_lib_string) @string
(ERROR) @error
`;

const solidity = String.raw`
(contract_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(library_declaration name: (identifier) @name) @definition.module
(struct_declaration name: (identifier) @name) @definition.struct
(enum_declaration name: (identifier) @name) @definition.enum
(enum_value) @name @definition.enumerator
(event_definition name: (identifier) @name) @definition.type
(modifier_definition name: (identifier) @name) @definition.function
(constructor_definition "constructor" @name) @definition.constructor
(contract_body (function_definition name: (identifier) @name) @definition.method)
(function_definition name: (identifier) @name) @definition.function
(state_variable_declaration name: (identifier) @name) @definition.field
(import_directive import_name: (identifier) @import.name source: (string) @import.module) @import
(import_directive source: (string) @import.module) @import
(call_expression function: (identifier) @call.name) @call
(call_expression function: (member_expression object: (_) @call.receiver property: (identifier) @call.name)) @call
(emit_statement name: (identifier) @call.name) @call
(comment) @comment
(string) @string
(ERROR) @error
`;

const dart = String.raw`
(class_definition name: (identifier) @name) @definition.class
(enum_declaration name: (identifier) @name) @definition.enum
(enum_constant name: (identifier) @name) @definition.enumerator
(mixin_declaration (identifier) @name) @definition.trait
(extension_declaration name: (identifier) @name) @definition.impl
(class_body (declaration (constructor_signature name: (identifier) @name)) @definition.constructor)
(class_body (method_signature (function_signature name: (identifier) @name)) @definition.method)
(class_body (method_signature (getter_signature name: (identifier) @name)) @definition.property)
(class_body (declaration (function_signature name: (identifier) @name)) @definition.method)
(extension_body (method_signature (function_signature name: (identifier) @name)) @definition.method)
(class_body (declaration (initialized_identifier_list (initialized_identifier (identifier) @name))) @definition.field)
(program (function_signature name: (identifier) @name) @definition.function)
(type_alias . (type_identifier) @name) @definition.type
(library_import (import_specification (configurable_uri) @import.module (combinator (identifier) @import.name)?)) @import
(_ (identifier) @call.name . (selector (argument_part))) @call
(_ (identifier) @call.receiver . (selector (unconditional_assignable_selector (identifier) @call.name)) . (selector (argument_part))) @call
(comment) @comment
(documentation_comment) @comment
(string_literal) @string
(ERROR) @error
`;

export const languages: LanguageSpec[] = [
  { id: 'zig', name: 'Zig', extensions: ['.zig', '.zon'], grammar: 'tree-sitter-zig.wasm', query: zig },
  { id: 'cuda', name: 'CUDA', extensions: ['.cu', '.cuh'], grammar: 'tree-sitter-cuda.wasm', grammarPackage: 'tree-sitter-cuda', query: cuda,
    stopwords: ['int', 'float', 'double', 'char', 'void', 'long', 'short', 'unsigned', 'signed', 'bool', 'auto', 'include', 'define'] },
  { id: 'solidity', name: 'Solidity', extensions: ['.sol'], grammar: 'tree-sitter-solidity.wasm', query: solidity },
  { id: 'dart', name: 'Dart', extensions: ['.dart'], grammar: 'tree-sitter-dart.wasm', query: dart, stopwords: ['this', 'void', 'dynamic'] },
];
