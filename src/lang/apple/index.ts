// Apple platform languages: Swift and Objective-C (grammars from tree-sitter-wasms). Definitions:
// classes/structs/enums/protocols/extensions, methods, initialisers, properties; imports; calls and
// Objective-C message sends.

import type { LanguageSpec } from '../spec.js';

const swift = String.raw`
(protocol_declaration name: (type_identifier) @name) @definition.interface
(class_declaration declaration_kind: "struct" name: (type_identifier) @name) @definition.struct
(class_declaration declaration_kind: "enum" name: (type_identifier) @name) @definition.enum
(class_declaration declaration_kind: "extension" name: (user_type (type_identifier) @name)) @definition.impl
(class_declaration name: (type_identifier) @name) @definition.class
(enum_entry name: (simple_identifier) @name) @definition.enumerator
(class_body (function_declaration name: (simple_identifier) @name) @definition.method)
(enum_class_body (function_declaration name: (simple_identifier) @name) @definition.method)
(protocol_body (protocol_function_declaration name: (simple_identifier) @name) @definition.method)
(function_declaration name: (simple_identifier) @name) @definition.function
(init_declaration "init" @name) @definition.constructor
(class_body (property_declaration name: (pattern bound_identifier: (simple_identifier) @name)) @definition.property)
(source_file (property_declaration name: (pattern bound_identifier: (simple_identifier) @name)) @definition.variable)
(typealias_declaration name: (type_identifier) @name) @definition.type
(import_declaration (identifier) @import.module) @import
(call_expression (simple_identifier) @call.name) @call
(call_expression (navigation_expression target: (_) @call.receiver suffix: (navigation_suffix suffix: (simple_identifier) @call.name))) @call
(comment) @comment
(multiline_comment) @comment
(line_string_literal) @string
(ERROR) @error
`;

const objc = String.raw`
(class_interface . (identifier) @name) @definition.class
(class_implementation . (identifier) @name) @definition.impl
(protocol_declaration . (identifier) @name) @definition.interface
(method_declaration (identifier) @name) @definition.method
(method_definition (identifier) @name) @definition.method
(property_declaration (struct_declaration (struct_declarator (identifier) @name))) @definition.property
(property_declaration (struct_declaration (struct_declarator (pointer_declarator declarator: (identifier) @name)))) @definition.property
(function_definition declarator: (function_declarator declarator: (identifier) @name)) @definition.function
(function_definition declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))) @definition.function
(struct_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.struct
(enum_specifier name: (type_identifier) @name body: (enumerator_list)) @definition.enum
(type_definition declarator: (type_identifier) @name) @definition.type
(preproc_def name: (identifier) @name) @definition.macro
(preproc_function_def name: (identifier) @name) @definition.macro
(preproc_include path: (_) @import.module) @import
(call_expression function: (identifier) @call.name) @call
(message_expression receiver: (_) @call.receiver method: (identifier) @call.name) @call
(comment) @comment
(string_literal) @string
(system_lib_string) @string
(ERROR) @error
`;

export const languages: LanguageSpec[] = [
  { id: 'swift', name: 'Swift', extensions: ['.swift'], grammar: 'tree-sitter-swift.wasm', query: swift, stopwords: ['self'] },
  { id: 'objc', name: 'Objective-C', extensions: ['.m', '.mm'], grammar: 'tree-sitter-objc.wasm', query: objc,
    stopwords: ['self', 'import', 'interface', 'implementation', 'end', 'protocol', 'property', 'synthesize', 'dynamic', 'selector', 'optional', 'required', 'autoreleasepool', 'encode', 'class'],
   },
];
