// Scripting languages: Lua (@tree-sitter-grammars/tree-sitter-lua; the tree-sitter-wasms build reports
// errors on every call), Bash (tree-sitter-bash; the tree-sitter-wasms build's scanner traps on
// heredocs with web-tree-sitter 0.25: "resolved is not a function"), Julia (tree-sitter-julia), PowerShell
// (tree-sitter-powershell), Perl and R (vendored in grammars/). Definitions: functions (Lua `T.f`/`T:m` as methods of T), classes/structs,
// modules, globals; imports are `require`/`source`/`using`/`Import-Module`; calls and commands.

import { VENDORED } from '../grammar-file.js';
import type { LanguageSpec } from '../spec.js';

const lua = String.raw`
(function_declaration name: (method_index_expression table: (identifier) @container method: (identifier) @name)) @definition.method
(function_declaration name: (dot_index_expression table: (identifier) @container field: (identifier) @name)) @definition.function
(function_declaration name: (identifier) @name) @definition.function
(chunk (variable_declaration (assignment_statement (variable_list . name: (identifier) @name) (expression_list . value: (table_constructor)))) @definition.class)
(chunk (assignment_statement (variable_list . name: (identifier) @name)) @definition.variable)
(function_call name: (identifier) @_r arguments: (arguments . (string) @import.module) (#eq? @_r "require")) @import
(function_call name: (identifier) @call.name) @call
(function_call name: (dot_index_expression table: (_) @call.receiver field: (identifier) @call.name)) @call
(function_call name: (method_index_expression table: (_) @call.receiver method: (identifier) @call.name)) @call
(comment) @comment
(string) @string
(ERROR) @error
`;

const julia = String.raw`
(module_definition name: (identifier) @name) @definition.module
(abstract_definition (type_head (identifier) @name)) @definition.type
(abstract_definition (type_head (binary_expression . (identifier) @name))) @definition.type
(struct_definition (type_head (identifier) @name)) @definition.struct
(struct_definition (type_head (binary_expression . (identifier) @name))) @definition.struct
(struct_definition (type_head (parametrized_type_expression . (identifier) @name))) @definition.struct
(function_definition (signature (call_expression . (identifier) @name))) @definition.function
(function_definition (signature (typed_expression (call_expression . (identifier) @name)))) @definition.function
(function_definition (signature (where_expression (call_expression . (identifier) @name)))) @definition.function
(macro_definition (signature (call_expression . (identifier) @name))) @definition.macro
([(source_file) (module_definition)] (assignment . (call_expression . (identifier) @name)) @definition.function)
(const_statement (assignment . (identifier) @name)) @definition.constant
(using_statement (identifier) @import.module) @import
(using_statement (selected_import . (identifier) @import.module (identifier) @import.name)) @import
(import_statement (identifier) @import.module) @import
(import_statement (selected_import . (identifier) @import.module (identifier) @import.name)) @import
(call_expression . (identifier) @call.name) @call
(call_expression . (field_expression value: (_) @call.receiver (identifier) @call.name .)) @call
(line_comment) @comment
(block_comment) @comment
(string_literal) @string
(ERROR) @error
`;

const bash = String.raw`
(function_definition name: (word) @name) @definition.function
(program (variable_assignment name: (variable_name) @name) @definition.variable)
(program (declaration_command (variable_assignment name: (variable_name) @name)) @definition.variable)
(command name: (command_name (word) @_s) . argument: (_) @import.module (#any-of? @_s "source" ".")) @import
(command name: (command_name (word) @call.name)) @call
(comment) @comment
(string) @string
(raw_string) @string
(heredoc_body) @string
(ERROR) @error
`;

const powershell = String.raw`
(function_statement (function_name) @name) @definition.function
(class_statement . (simple_name) @name) @definition.class
(class_method_definition (simple_name) @name) @definition.method
(class_property_definition (variable) @name) @definition.property
(enum_statement . (simple_name) @name) @definition.enum
(command command_name: (command_name) @_c command_elements: (command_elements (generic_token) @import.module .) (#any-of? @_c "Import-Module" "using")) @import
(command command_name: (command_name) @_c command_elements: (command_elements (_ (_ (string_literal) @import.module))) (#eq? @_c ".")) @import
(command command_name: (command_name) @call.name) @call
(invokation_expression (member_name (simple_name) @call.name)) @call
(comment) @comment
(string_literal) @string
(ERROR) @error
`;

// Perl (tree-sitter-perl, vendored: grammars/). A `package Foo;` statement does not enclose the subs
// after it in the tree, so subs are top-level functions; `package Foo { ... }` blocks and classes nest.
const perl = String.raw`
(package_statement name: (package) @name) @definition.module
(class_statement name: (package) @name) @definition.class
(subroutine_declaration_statement name: (bareword) @name) @definition.function
(method_declaration_statement name: (bareword) @name) @definition.method
(source_file (expression_statement (assignment_expression left: (variable_declaration . "our" variable: (_ (varname) @name)))) @definition.variable)
(use_statement module: (package) @import.module) @import
(require_expression (bareword) @import.module) @import
(function_call_expression function: (function) @call.name) @call
(ambiguous_function_call_expression function: (function) @call.name) @call
(method_call_expression invocant: (_) @call.receiver method: (method) @call.name) @call
(comment) @comment
(pod) @comment
(string_literal) @string
(interpolated_string_literal) @string
(heredoc_content) @string
(quoted_word_list) @string
(ERROR) @error
`;

// R: functions and variables are assignments (`f <- function(x)`, `x = 1`); S4/R6 classes by name;
// library()/require()/source() are imports; `pkg::f()` and `obj$f()` calls keep their receiver.
const rAssign = '["<-" "=" "<<-"]';
const r = String.raw`
(binary_operator lhs: (identifier) @name operator: ${rAssign} rhs: (function_definition)) @definition.function
(program (binary_operator lhs: (identifier) @name operator: ${rAssign}) @definition.variable)
(call function: (identifier) @_f arguments: (arguments . (argument value: (string (string_content) @name))) (#any-of? @_f "setClass" "setRefClass" "R6Class")) @definition.class
(call function: (identifier) @_f arguments: (arguments . (argument value: (string (string_content) @name))) (#any-of? @_f "setGeneric")) @definition.function
(call function: (identifier) @_f arguments: (arguments . (argument value: (identifier) @import.module)) (#any-of? @_f "library" "require" "requireNamespace" "loadNamespace")) @import
(call function: (identifier) @_f arguments: (arguments . (argument value: (string (string_content) @import.module))) (#any-of? @_f "library" "require" "requireNamespace" "loadNamespace" "source" "sys.source")) @import
(call function: (identifier) @call.name) @call
(call function: (namespace_operator lhs: (_) @call.receiver rhs: (identifier) @call.name)) @call
(call function: (extract_operator lhs: (_) @call.receiver rhs: (identifier) @call.name)) @call
(comment) @comment
(string) @string
(ERROR) @error
`;

export const languages: LanguageSpec[] = [
  { id: 'lua', name: 'Lua', extensions: ['.lua'], shebangs: ['lua', 'luajit'], grammar: 'tree-sitter-lua.wasm', grammarPackage: '@tree-sitter-grammars/tree-sitter-lua', query: lua, stopwords: ['self'] },
  {
    id: 'julia', name: 'Julia', extensions: ['.jl'], shebangs: ['julia'], grammar: 'tree-sitter-julia.wasm', grammarPackage: 'tree-sitter-julia',
    query: julia, identifier: '[A-Za-z_\\u00C0-\\uFFFF][A-Za-z0-9_!\\u00C0-\\uFFFF]*',
  },
  {
    id: 'bash', name: 'Bash', extensions: ['.sh', '.bash', '.zsh', '.ksh'], filenames: ['.bashrc', '.bash_profile', '.zshrc', '.profile', 'PKGBUILD'],
    shebangs: ['sh', 'bash', 'zsh', 'ksh', 'dash'], grammar: 'tree-sitter-bash.wasm', grammarPackage: 'tree-sitter-bash', query: bash,
  },
  {
    id: 'powershell', name: 'PowerShell', extensions: ['.ps1', '.psm1', '.psd1'], shebangs: ['pwsh', 'powershell'],
    grammar: 'tree-sitter-powershell.wasm', grammarPackage: 'tree-sitter-powershell', query: powershell,
    identifier: '[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z][A-Za-z0-9_]*)*',
  },
  {
    id: 'perl', name: 'Perl', extensions: ['.pl', '.pm', '.t', '.psgi'], shebangs: ['perl'],
    grammar: 'tree-sitter-perl.wasm', grammarPackage: VENDORED, query: perl, stopwords: ['self', 'package', '_'],
  },
  {
    id: 'r', name: 'R', extensions: ['.r'], filenames: ['.Rprofile'], shebangs: ['Rscript'],
    grammar: 'tree-sitter-r.wasm', grammarPackage: VENDORED, query: r,
    // A leading `_` is not R, but lexing it keeps services/lines.ts mayHoldToken's rule: no language's
    // token starts right after [A-Za-z_].
    identifier: '\\.?[A-Za-z_][A-Za-z0-9._]*',
  },
];
