// The C family: C (and headers), with C++ in its own spec below sharing the preprocessor patterns.
// Definitions: functions, structs/unions/enums (with bodies), enumerators, typedefs, macros, globals.

import type { LanguageSpec } from '../spec.js';

const preprocessor = String.raw`
(preproc_def name: (identifier) @name) @definition.macro
(preproc_function_def name: (identifier) @name) @definition.macro
(preproc_include path: (_) @import.module) @import
`;

const cQuery = String.raw`
(function_definition
  declarator: (function_declarator declarator: (identifier) @name)) @definition.function
(function_definition
  declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))) @definition.function
(function_definition
  declarator: (pointer_declarator declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name)))) @definition.function
(struct_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.struct
(union_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.union
(enum_specifier name: (type_identifier) @name body: (enumerator_list)) @definition.enum
(enumerator name: (identifier) @name) @definition.enumerator
(type_definition declarator: (type_identifier) @name) @definition.type
(translation_unit (declaration declarator: (init_declarator declarator: (identifier) @name)) @definition.variable)
(translation_unit (declaration declarator: (identifier) @name) @definition.variable)
${preprocessor}
(call_expression function: (identifier) @call.name) @call
(call_expression function: (field_expression argument: (_) @call.receiver field: (field_identifier) @call.name)) @call
(comment) @comment
(string_literal) @string
(char_literal) @string
(system_lib_string) @string
(ERROR) @error
`;

export const languages: LanguageSpec[] = [
  { id: 'c', name: 'C', extensions: ['.c', '.h'], grammar: 'tree-sitter-c.wasm', query: cQuery },
];

export { preprocessor as cPreprocessorPatterns };
