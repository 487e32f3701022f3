// Functional languages: Haskell (tree-sitter-haskell), OCaml, ReScript and Elixir (tree-sitter-wasms), F#
// (tree-sitter-fsharp), Erlang and Elm (vendored in grammars/, see docs/languages.md). Definitions are the top-level bindings, types, modules and classes each
// language has; calls are applications whose head is a name.

import { VENDORED } from '../grammar-file.js';
import type { LanguageSpec } from '../spec.js';

const haskell = String.raw`
(header module: (module) @name) @definition.module
(data_type name: (name) @name) @definition.type
(newtype name: (name) @name) @definition.type
(type_synomym name: (name) @name) @definition.type
(data_constructor constructor: (prefix name: (constructor) @name)) @definition.enumerator
(class name: (name) @name) @definition.trait
(instance name: (name) @name) @definition.impl
(class_declarations (signature name: (variable) @name) @definition.method)
(declarations (function name: (variable) @name) @definition.function)
(declarations (bind name: (variable) @name) @definition.function)
(instance_declarations (function name: (variable) @name) @definition.method)
(instance_declarations (bind name: (variable) @name) @definition.method)
(import module: (module) @import.module (import_list (import_name (_) @import.name))?) @import
(apply function: (variable) @call.name) @call
(apply function: (qualified module: (_) @call.receiver id: (variable) @call.name)) @call
(comment) @comment
(haddock) @comment
(string) @string
(char) @string
(ERROR) @error
`;

const ocaml = String.raw`
(module_definition (module_binding name: (module_name) @name)) @definition.module
(module_type_definition name: (module_type_name) @name) @definition.interface
(type_definition (type_binding name: (type_constructor) @name)) @definition.type
(constructor_declaration (constructor_name) @name) @definition.enumerator
(exception_definition (constructor_declaration (constructor_name) @name)) @definition.type
(value_definition (let_binding pattern: (value_name) @name (parameter))) @definition.function
(value_definition (let_binding pattern: (value_name) @name body: (function_expression))) @definition.function
(value_definition (let_binding pattern: (value_name) @name body: (fun_expression))) @definition.function
(value_definition (let_binding pattern: (value_name) @name)) @definition.variable
(class_definition (class_binding name: (class_name) @name)) @definition.class
(method_definition name: (method_name) @name) @definition.method
(value_specification (value_name) @name) @definition.function
(open_module (module_path) @import.module) @import
(application_expression function: (value_path (value_name) @call.name)) @call
(application_expression function: (value_path (module_path) @call.receiver (value_name) @call.name)) @call
(comment) @comment
(string) @string
(character) @string
(ERROR) @error
`;

const fsharp = String.raw`
(named_module name: (long_identifier) @name) @definition.module
(module_defn (identifier) @name) @definition.module
(type_definition (union_type_defn (type_name type_name: (identifier) @name))) @definition.type
(type_definition (record_type_defn (type_name type_name: (identifier) @name))) @definition.struct
(type_definition (anon_type_defn (type_name type_name: (identifier) @name))) @definition.class
(type_definition (interface_type_defn (type_name type_name: (identifier) @name))) @definition.interface
(type_definition (enum_type_defn (type_name type_name: (identifier) @name))) @definition.enum
(type_definition (type_abbrev_defn (type_name type_name: (identifier) @name))) @definition.type
(union_type_case (identifier) @name) @definition.enumerator
(record_field (identifier) @name) @definition.field
(member_defn (method_or_prop_defn name: (property_or_ident method: (identifier) @name))) @definition.method
(member_defn (method_or_prop_defn name: (property_or_ident . (identifier) @name .))) @definition.method
(function_or_value_defn (function_declaration_left . (identifier) @name)) @definition.function
(function_or_value_defn (value_declaration_left (identifier_pattern (long_identifier_or_op (identifier) @name)))) @definition.variable
(import_decl (long_identifier) @import.module) @import
(application_expression . (long_identifier_or_op (identifier) @call.name)) @call
(application_expression . (long_identifier_or_op (long_identifier (identifier) @call.receiver . (identifier) @call.name .))) @call
(line_comment) @comment
(block_comment) @comment
(xml_doc) @comment
(string) @string
(ERROR) @error
`;

const elixirDefs = String.raw`
(call target: (identifier) @_k (arguments . (alias) @name) (#any-of? @_k "defmodule" "defprotocol" "defimpl")) @definition.module
(call target: (identifier) @_k (arguments . (call target: (identifier) @name)) (#any-of? @_k "def" "defp" "defdelegate" "defn" "defnp")) @definition.function
(call target: (identifier) @_k (arguments . (binary_operator left: (call target: (identifier) @name))) (#any-of? @_k "def" "defp")) @definition.function
(call target: (identifier) @_k (arguments . (identifier) @name) (#any-of? @_k "def" "defp")) @definition.function
(call target: (identifier) @_k (arguments . (call target: (identifier) @name)) (#any-of? @_k "defmacro" "defmacrop" "defguard" "defguardp")) @definition.macro
(call target: (identifier) @_k (arguments . (keywords)) (#eq? @_k "defstruct")) @definition.struct
(call target: (identifier) @_k (arguments . (alias) @import.module) (#any-of? @_k "alias" "import" "require" "use")) @import
`;

const elixir = String.raw`
${elixirDefs}
(call target: (identifier) @call.name (#not-any-of? @call.name "def" "defp" "defmodule" "defprotocol" "defimpl" "defmacro" "defmacrop" "defguard" "defguardp" "defdelegate" "defstruct" "alias" "import" "require" "use" "quote" "unquote")) @call
(call target: (dot left: (_) @call.receiver right: (identifier) @call.name)) @call
(comment) @comment
(string) @string
(charlist) @string
(sigil) @string
(ERROR) @error
`;

const rescript = String.raw`
(module_declaration (module_binding name: (module_identifier) @name)) @definition.module
(type_declaration (type_binding name: (type_identifier) @name)) @definition.type
(variant_declaration (variant_identifier) @name) @definition.enumerator
(let_declaration (let_binding pattern: (value_identifier) @name body: (function))) @definition.function
(let_declaration (let_binding pattern: (value_identifier) @name)) @definition.variable
(external_declaration (value_identifier) @name) @definition.function
(open_statement (module_identifier) @import.module) @import
(call_expression function: (value_identifier) @call.name) @call
(call_expression function: (value_identifier_path (module_identifier) @call.receiver (value_identifier) @call.name)) @call
(comment) @comment
(string) @string
(ERROR) @error
`;

// Erlang: a function is its first clause's name (later clauses repeat it); records are structs.
const erlang = String.raw`
(module_attribute name: (atom) @name) @definition.module
(fun_decl . (function_clause name: (atom) @name)) @definition.function
(record_decl name: (atom) @name) @definition.struct
(record_decl (record_field name: (atom) @name) @definition.field)
(type_alias name: (type_name name: (atom) @name)) @definition.type
(opaque name: (type_name name: (atom) @name)) @definition.type
(pp_define lhs: (macro_lhs name: (_) @name)) @definition.macro
(import_attribute module: (atom) @import.module (fa fun: (atom) @import.name)) @import
(behaviour_attribute name: (atom) @import.module) @import
(pp_include file: (string) @import.module) @import
(pp_include_lib file: (string) @import.module) @import
(call expr: (atom) @call.name) @call
(remote module: (remote_module module: (atom) @call.receiver) fun: (call expr: (atom) @call.name)) @call
(comment) @comment
(string) @string
(ERROR) @error
`;

// Elm: a value is defined by its declaration (its type annotation is a separate line above it).
const elm = String.raw`
(module_declaration name: (upper_case_qid) @name) @definition.module
(type_alias_declaration name: (upper_case_identifier) @name) @definition.type
(type_declaration name: (upper_case_identifier) @name) @definition.type
(union_variant name: (upper_case_identifier) @name) @definition.enumerator
(port_annotation name: (lower_case_identifier) @name) @definition.function
(value_declaration (function_declaration_left . (lower_case_identifier) @name)) @definition.function
(import_clause moduleName: (upper_case_qid) @import.module) @import
(import_clause moduleName: (upper_case_qid) @import.module exposing: (exposing_list [(exposed_value) (exposed_type)] @import.name)) @import
(function_call_expr target: (value_expr name: (value_qid (lower_case_identifier) @call.name .))) @call
(function_call_expr target: (value_expr name: (value_qid . (upper_case_identifier) @call.receiver (lower_case_identifier) @call.name .))) @call
(line_comment) @comment
(block_comment) @comment
(string_constant_expr) @string
(char_constant_expr) @string
(ERROR) @error
`;

export const languages: LanguageSpec[] = [
  {
    id: 'haskell', name: 'Haskell', extensions: ['.hs', '.lhs', '.hs-boot'], shebangs: ['runhaskell', 'runghc'],
    grammar: 'tree-sitter-haskell.wasm', grammarPackage: 'tree-sitter-haskell', query: haskell,
    identifier: "[A-Za-z_][A-Za-z0-9_']*", stopwords: ['module', 'import', 'qualified', 'as', 'hiding', 'newtype', 'class', 'instance', 'data', 'type', 'where', 'deriving', 'let', 'in', 'do', 'case', 'of'],
  },
  { id: 'ocaml', name: 'OCaml', extensions: ['.ml'], shebangs: ['ocaml'], grammar: 'tree-sitter-ocaml.wasm', query: ocaml, identifier: "[A-Za-z_][A-Za-z0-9_']*" },
  {
    id: 'fsharp', name: 'F#', extensions: ['.fs', '.fsx'], grammar: 'tree-sitter-fsharp.wasm', grammarPackage: 'tree-sitter-fsharp',
    query: fsharp, identifier: "[A-Za-z_][A-Za-z0-9_']*",
  },
  { id: 'rescript', name: 'ReScript', extensions: ['.res', '.resi'], grammar: 'tree-sitter-rescript.wasm', query: rescript },
  {
    id: 'elixir', name: 'Elixir', extensions: ['.ex', '.exs'], shebangs: ['elixir'], grammar: 'tree-sitter-elixir.wasm', query: elixir,
    identifier: '[A-Za-z_][A-Za-z0-9_]*[?!]?',
    stopwords: ['def', 'defp', 'defmodule', 'defmacro', 'defmacrop', 'defprotocol', 'defimpl', 'defstruct', 'defdelegate', 'defguard',
      'alias', 'import', 'require', 'use', 'quote', 'unquote', 'moduledoc', 'doc', 'spec', 'impl'],
  },
  {
    id: 'erlang', name: 'Erlang', extensions: ['.erl', '.hrl', '.escript'], filenames: ['rebar.config'], shebangs: ['escript'],
    grammar: 'tree-sitter-erlang.wasm', grammarPackage: VENDORED, query: erlang, stopwords: ['module'],
  },
  {
    id: 'elm', name: 'Elm', extensions: ['.elm'], grammar: 'tree-sitter-elm.wasm', grammarPackage: VENDORED, query: elm,
    stopwords: ['module', 'exposing', 'import', 'as', 'type', 'alias', 'port', 'case', 'of', 'if', 'then', 'else', 'let', 'in'],
  },
];
