// The JavaScript family: JavaScript/JSX, TypeScript (and .d.ts) and TSX. The three grammars share the
// JavaScript core, so the query is assembled from shared pieces plus the TypeScript-only declarations
// (interfaces, type aliases, enums, namespaces, signatures). Definitions: functions (declarations and
// `const f = () => {}` / `function` expressions), classes, methods, constructors, fields, object-literal
// methods, module-level constants/variables; imports: ES imports, re-exports, `require`, dynamic
// `import()`; calls: plain, member (with receiver) and `new`.
// Pattern order matters: when two patterns name the same node, the first one in the query wins.

import type { LanguageSpec } from '../spec.js';

/** Object literals whose methods are definitions: ones bound to a name (`const api = {...}`,
 * `module.exports = {...}`, `export default {...}`, `methods: {...}`), not ones passed as arguments
 * (`subscribe({ next: (v) => ... })`), whose keys would shadow the enclosing function's parameters. */
const namedObjects = [
  '(variable_declarator value: %)', '(assignment_expression right: %)', '(export_statement value: %)', '(pair value: %)',
];

/** Function-valued declarators, before the plain constant/variable patterns. */
const functionValues = String.raw`
(variable_declarator
  name: (identifier) @name
  value: [(arrow_function) (function_expression) (generator_function)]) @definition.function
(variable_declarator name: (identifier) @name value: (class)) @definition.class
(assignment_expression
  left: (member_expression
    object: (member_expression property: (property_identifier) @_proto (#eq? @_proto "prototype"))
    property: (property_identifier) @name)
  right: [(arrow_function) (function_expression) (generator_function)]) @definition.method
(assignment_expression
  left: (member_expression property: (property_identifier) @name)
  right: [(arrow_function) (function_expression) (generator_function)]) @definition.function
${namedObjects.map((o) => o.replace('%', String.raw`(object (method_definition name: [(property_identifier) (string) (computed_property_name)] @name) @definition.method)`)).join('\n')}
${namedObjects.map((o) => o.replace('%', String.raw`(object (pair
  key: [(property_identifier) (string)] @name
  value: [(arrow_function) (function_expression) (generator_function)]) @definition.method)`)).join('\n')}
`;

/** Module-level (and namespace-level) variables: `const` is a constant, `let`/`var` a variable. Each scope
 * is a wrapper around the declaration pattern (`(program %)`). */
function moduleVariables(scopes: readonly string[]): string {
  const declarators = (decl: string, kind: string) => [
    `(${decl} (variable_declarator name: (identifier) @name) @definition.${kind})`,
    `(export_statement declaration: (${decl} (variable_declarator name: (identifier) @name) @definition.${kind}))`,
    `(${decl} (variable_declarator name: (object_pattern [
      (shorthand_property_identifier_pattern) @name
      (pair_pattern value: (identifier) @name)]) @definition.${kind}))`,
    `(${decl} (variable_declarator name: (array_pattern (identifier) @name)) @definition.${kind})`,
  ];
  const all = [
    ...declarators('lexical_declaration "const"', 'constant'),
    ...declarators('lexical_declaration', 'variable'),
    ...declarators('variable_declaration', 'variable'),
  ];
  // (`declare` cannot wrap an `export`: `export declare const` is an export around the ambient declaration.)
  return all.flatMap((d) => scopes.filter((w) => !(w.startsWith('(ambient') && d.startsWith('(export')))
    .map((w) => w.replace('%', d))).join('\n');
}

const functionsAndMethods = (classNameType: string) => String.raw`
(class_body
  (method_definition name: (property_identifier) @name (#eq? @name "constructor")) @definition.constructor)
(class_body
  (method_definition
    name: [(property_identifier) (private_property_identifier) (string) (computed_property_name)] @name) @definition.method)
(function_declaration name: (identifier) @name) @definition.function
(generator_function_declaration name: (identifier) @name) @definition.function
(class_declaration name: (${classNameType}) @name) @definition.class
(class name: (${classNameType}) @name) @definition.class
`;

const callsImportsLexical = String.raw`
(call_expression function: (identifier) @call.name) @call
(call_expression
  function: (member_expression
    object: (_) @call.receiver
    property: [(property_identifier) (private_property_identifier)] @call.name)) @call
(new_expression constructor: (identifier) @call.name) @call
(new_expression
  constructor: (member_expression object: (_) @call.receiver property: (property_identifier) @call.name)) @call

(import_statement (import_clause (identifier) @import.name) source: (string) @import.module) @import
(import_statement
  (import_clause (named_imports (import_specifier name: (_) @import.name)))
  source: (string) @import.module) @import
(import_statement (import_clause (namespace_import (identifier) @import.name)) source: (string) @import.module) @import
(import_statement . "import" . source: (string) @import.module) @import
(export_statement (export_clause (export_specifier name: (_) @import.name)) source: (string) @import.module) @import
(export_statement "*" @import.name source: (string) @import.module) @import
(export_statement (namespace_export (_) @import.name) source: (string) @import.module) @import
(call_expression
  function: (identifier) @_require (#eq? @_require "require")
  arguments: (arguments . (string) @import.module .)) @import
(variable_declarator
  name: [
    (identifier) @import.name
    (object_pattern [
      (shorthand_property_identifier_pattern) @import.name
      (pair_pattern key: (property_identifier) @import.name)])]
  value: (call_expression
    function: (identifier) @_require (#eq? @_require "require")
    arguments: (arguments . (string) @import.module .))) @import
(call_expression function: (import) arguments: (arguments . (string) @import.module)) @import

(comment) @comment
(hash_bang_line) @comment
(string) @string
(template_string (string_fragment) @string)
(regex) @string
(ERROR) @error
`;

const jsQuery = String.raw`
${functionsAndMethods('identifier')}
(class_body
  (field_definition
    property: [(property_identifier) (private_property_identifier)] @name
    value: [(arrow_function) (function_expression)]) @definition.method)
(class_body (field_definition property: [(property_identifier) (private_property_identifier)] @name) @definition.property)
${functionValues}
${moduleVariables(['(program %)'])}
${callsImportsLexical}
(jsx_text) @string
`;

const tsDeclarations = String.raw`
(export_statement
  decorator: (decorator)
  declaration: [(class_declaration name: (type_identifier) @name) (abstract_class_declaration name: (type_identifier) @name)]) @definition.class
${functionsAndMethods('type_identifier')}
(abstract_class_declaration name: (type_identifier) @name) @definition.class
(class_body (method_signature name: (property_identifier) @name (#eq? @name "constructor")) @definition.constructor)
(class_body
  [(method_signature name: (_) @name) (abstract_method_signature name: (_) @name)] @definition.method)
(class_body
  (public_field_definition
    name: [(property_identifier) (private_property_identifier)] @name
    value: [(arrow_function) (function_expression)]) @definition.method)
(class_body (public_field_definition name: (_) @name) @definition.property)
(method_definition
  name: (property_identifier) @_ctor (#eq? @_ctor "constructor")
  parameters: (formal_parameters [
    (required_parameter [(accessibility_modifier) (override_modifier) "readonly"] pattern: (identifier) @name)
    (optional_parameter [(accessibility_modifier) (override_modifier) "readonly"] pattern: (identifier) @name)] @definition.property))
(function_signature name: (identifier) @name) @definition.function
(interface_declaration name: (type_identifier) @name) @definition.interface
(interface_body (method_signature name: (_) @name) @definition.method)
(interface_body (property_signature name: (_) @name) @definition.property)
(type_alias_declaration name: (type_identifier) @name) @definition.type
(enum_declaration name: (identifier) @name) @definition.enum
(enum_body name: (property_identifier) @name @definition.enumerator)
(enum_body (enum_assignment name: (property_identifier) @name) @definition.enumerator)
(internal_module name: (_) @name) @definition.namespace
(module name: (string (string_fragment) @name)) @definition.module
(module name: (identifier) @name) @definition.module
${functionValues}
${moduleVariables(['(program %)', '(ambient_declaration %)', '(internal_module body: (statement_block %))', '(module body: (statement_block %))'])}
(import_statement (import_require_clause (identifier) @import.name source: (string) @import.module)) @import
`;

const tsQuery = String.raw`
${tsDeclarations}
${callsImportsLexical}
`;

const tsxQuery = String.raw`
${tsDeclarations}
${callsImportsLexical}
(jsx_text) @string
`;

/** `$` is an identifier character (but not the `${` of a template substitution); `#` starts a private
 * name (`#count`), matching its definition's name. */
const JS_IDENTIFIER = '#?(?:[A-Za-z_\\u00C0-\\uFFFF]|\\$(?!\\{))[A-Za-z0-9_$\\u00C0-\\uFFFF]*';
/** Keywords that are also named node types (`class` expressions, `import()`) are not auto-excluded. */
const jsStop = ['this', 'super', 'true', 'false', 'null', 'undefined', 'class', 'import'];
/** TypeScript's predefined type names are named nodes (so not auto-excluded keywords) in the grammar. */
const tsStop = [...jsStop, 'string', 'number', 'boolean', 'any', 'unknown', 'never', 'void', 'object', 'symbol', 'bigint', 'asserts'];

export const languages: LanguageSpec[] = [
  {
    id: 'javascript', name: 'JavaScript', extensions: ['.js', '.jsx', '.mjs', '.cjs'], shebangs: ['node', 'nodejs', 'deno', 'bun'],
    grammar: 'tree-sitter-javascript.wasm', query: jsQuery, identifier: JS_IDENTIFIER,
    stopwords: jsStop,
  },
  {
    // `.d.ts` files have the extension `.ts` and parse with the same grammar (ambient declarations).
    id: 'typescript', name: 'TypeScript', extensions: ['.ts', '.mts', '.cts'], shebangs: ['ts-node', 'tsx'],
    grammar: 'tree-sitter-typescript.wasm', query: tsQuery, identifier: JS_IDENTIFIER,
    stopwords: tsStop,
  },
  {
    id: 'tsx', name: 'TSX', extensions: ['.tsx'],
    grammar: 'tree-sitter-tsx.wasm', query: tsxQuery, identifier: JS_IDENTIFIER,
    stopwords: tsStop,
  },
];
