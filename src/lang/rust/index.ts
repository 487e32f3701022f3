// Rust: functions, methods (functions inside `impl X` get container X; inside traits, container the
// trait), structs/unions with fields, enums with variants, traits, impls (named by their self type),
// type aliases, consts/statics, modules, macro_rules; `use` trees (module path + names), `mod x;` and
// `extern crate`; calls (plain, `x.m()`, `X::new()` with receiver X, turbofish, macro invocations).
// `///` doc comments attach across `#[...]` attributes (@decoration).

import type { LanguageSpec } from '../spec.js';

const implType = String.raw`[
  (type_identifier) @name
  (generic_type type: (type_identifier) @name)
  (scoped_type_identifier name: (type_identifier) @name)
  (generic_type type: (scoped_type_identifier name: (type_identifier) @name))
  (reference_type type: (type_identifier) @name)
  (reference_type type: (generic_type type: (type_identifier) @name))]`;

const query = String.raw`
(impl_item body: (declaration_list (function_item name: (identifier) @name) @definition.method))
(trait_item body: (declaration_list [
  (function_item name: (identifier) @name)
  (function_signature_item name: (identifier) @name)] @definition.method))
(function_item name: (identifier) @name) @definition.function
(function_signature_item name: (identifier) @name) @definition.function
(impl_item type: ${implType}) @definition.impl
(struct_item name: (type_identifier) @name) @definition.struct
(union_item name: (type_identifier) @name) @definition.union
(field_declaration_list (field_declaration name: (field_identifier) @name) @definition.field)
(enum_item name: (type_identifier) @name) @definition.enum
(enum_variant name: (identifier) @name) @definition.enumerator
(trait_item name: (type_identifier) @name) @definition.trait
(type_item name: (type_identifier) @name) @definition.type
(associated_type name: (type_identifier) @name) @definition.type
(const_item name: (identifier) @name) @definition.constant
(static_item name: (identifier) @name) @definition.variable
(mod_item name: (identifier) @name) @definition.module
(macro_definition name: (identifier) @name) @definition.macro

(call_expression function: (identifier) @call.name) @call
(call_expression function: (field_expression value: (_) @call.receiver field: (field_identifier) @call.name)) @call
(call_expression function: (scoped_identifier path: (_) @call.receiver name: (identifier) @call.name)) @call
(call_expression function: (generic_function function: (identifier) @call.name)) @call
(call_expression function: (generic_function function: (field_expression value: (_) @call.receiver field: (field_identifier) @call.name))) @call
(call_expression function: (generic_function function: (scoped_identifier path: (_) @call.receiver name: (identifier) @call.name))) @call
(macro_invocation macro: (identifier) @call.name) @call
(macro_invocation macro: (scoped_identifier path: (_) @call.receiver name: (identifier) @call.name)) @call

(use_declaration argument: [(identifier) (crate) (self) (super)] @import.module) @import
(use_declaration argument: (scoped_identifier path: (_) @import.module name: (identifier) @import.name)) @import
(use_declaration argument: (use_as_clause path: (scoped_identifier path: (_) @import.module name: (identifier) @import.name))) @import
(use_declaration argument: (use_as_clause path: (identifier) @import.module)) @import
(use_declaration argument: (use_wildcard (_) @import.module "*" @import.name)) @import
(use_declaration argument: (scoped_use_list path: (_) @import.module list: (use_list [
  (identifier) @import.name
  (self) @import.name
  (use_as_clause path: (identifier) @import.name)
  (scoped_identifier name: (identifier) @import.name)
  (use_as_clause path: (scoped_identifier name: (identifier) @import.name))]))) @import
(use_declaration argument: (scoped_use_list path: (_) @import.module list: (use_list (use_wildcard) @import.name))) @import
(mod_item name: (identifier) @import.module !body) @import
(extern_crate_declaration name: (identifier) @import.module) @import

(attribute_item) @decoration
(line_comment) @comment
(block_comment) @comment
(string_literal) @string
(raw_string_literal) @string
(char_literal) @string
(lifetime) @string
(ERROR) @error
`;

export const languages: LanguageSpec[] = [
  {
    id: 'rust', name: 'Rust', extensions: ['.rs'], grammar: 'tree-sitter-rust.wasm', query,
    // Primitive types are named tokens (not keywords) in this grammar.
    stopwords: ['self', 'Self', 'crate', 'super', 'true', 'false', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize', 'u8', 'u16',
      'u32', 'u64', 'u128', 'usize', 'f32', 'f64', 'bool', 'char', 'str'],
  },
];
