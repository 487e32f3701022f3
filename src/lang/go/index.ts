// Go: functions, methods (container = receiver type, written outside the type so named by @container),
// structs with their fields, interfaces with their method specs, other named types and aliases,
// package-level constants and variables, the package clause; import specs (path, alias); calls,
// including `pkg.F()` and `x.m()` with their receiver. `//` comments above a declaration are its doc.

import type { LanguageSpec } from '../spec.js';

const receiverType = String.raw`receiver: (parameter_list (parameter_declaration type: [
    (type_identifier) @container
    (pointer_type (type_identifier) @container)
    (generic_type type: (type_identifier) @container)
    (pointer_type (generic_type type: (type_identifier) @container))]))`;

const query = String.raw`
(package_clause (package_identifier) @name) @definition.module
(method_declaration ${receiverType} name: (field_identifier) @name) @definition.method
(method_declaration name: (field_identifier) @name) @definition.method
(function_declaration name: (identifier) @name) @definition.function
(type_spec name: (type_identifier) @name type: (struct_type)) @definition.struct
(type_spec name: (type_identifier) @name type: (interface_type)) @definition.interface
(type_spec name: (type_identifier) @name) @definition.type
(type_alias name: (type_identifier) @name) @definition.type
(field_declaration_list (field_declaration name: (field_identifier) @name) @definition.field)
(interface_type (method_spec name: (field_identifier) @name) @definition.method)
(source_file (var_declaration (var_spec (identifier) @name value: (expression_list . (func_literal) .)) @definition.function))
(source_file (const_declaration (const_spec (identifier) @name) @definition.constant))
(source_file (var_declaration (var_spec (identifier) @name) @definition.variable))

(call_expression function: (identifier) @call.name) @call
(call_expression function: (selector_expression operand: (_) @call.receiver field: (field_identifier) @call.name)) @call

(import_spec name: [(package_identifier) (dot)] @import.name path: (_) @import.module) @import
(import_spec path: (_) @import.module) @import

(comment) @comment
(interpreted_string_literal) @string
(raw_string_literal) @string
(rune_literal) @string
(ERROR) @error
`;

export const languages: LanguageSpec[] = [
  {
    id: 'go', name: 'Go', extensions: ['.go'], grammar: 'tree-sitter-go.wasm', query,
    stopwords: ['nil', 'true', 'false', 'iota'],
  },
];
