// The C family: C (and headers), with C++ in its own spec below sharing the preprocessor patterns.
// Definitions: functions, structs/unions/enums (with bodies), enumerators, typedefs, macros, globals.
// C++ adds namespaces, classes, methods (inline, declared in the class, or out of line as `A::f`, whose
// owner comes from @container), constructors/destructors/operators, fields, aliases, concepts, `using`
// imports, qualified/template calls and `new T`; `template <...>` lines are stepped over for docs.

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

/** A function declarator whose name is `inner`, under up to two pointer/reference declarators. */
const fnDecl = (inner: string) => String.raw`[
  (function_declarator declarator: ${inner})
  (_ (function_declarator declarator: ${inner}))
  (_ (_ (function_declarator declarator: ${inner})))]`;

/** Out-of-line member names: `A::f`, `ns::A::f`, `A<T>::f`; the owner is captured as @container. */
const scope = '[(namespace_identifier) @container (template_type name: (_) @container)]';
const qualified = (name: string) => String.raw`[
  (qualified_identifier scope: ${scope} name: ${name})
  (qualified_identifier name: (qualified_identifier scope: ${scope} name: ${name}))]`;

/** Where a member sits in a class body: directly, or one `#if`/`#ifdef` (or its `#else`) deep. */
const memberSlots = ['%', '(preproc_if %)', '(preproc_ifdef %)', '(preproc_if (preproc_else %))', '(preproc_ifdef (preproc_else %))']
  .map((w) => `(field_declaration_list ${w})`);
const inSlots = (member: string) => memberSlots.map((w) => w.replace('%', member)).join('\n');

/** Constructors: members named like their class/struct (possibly under `template <...>`). */
function constructors(type: string): string {
  return memberSlots.map((slot) => String.raw`
(${type} name: (type_identifier) @_owner body: ${slot.replace('%', String.raw`[
  (function_definition declarator: ${fnDecl('(identifier) @name')})
  (declaration declarator: ${fnDecl('(identifier) @name')})
  (template_declaration (function_definition declarator: ${fnDecl('(identifier) @name')}))]
  @definition.constructor`)} (#eq? @name @_owner))`).join('\n');
}

const cppQuery = String.raw`
${constructors('class_specifier')}
${constructors('struct_specifier')}
${inSlots(String.raw`[
  (function_definition declarator: ${fnDecl('[(field_identifier) (identifier) (destructor_name) (operator_name)] @name')})
  (field_declaration declarator: ${fnDecl('[(field_identifier) (operator_name)] @name')})
  (declaration declarator: ${fnDecl('[(identifier) (destructor_name) (operator_name)] @name')})
  (template_declaration (function_definition declarator: ${fnDecl('[(field_identifier) (identifier) (operator_name)] @name')}))
  (template_declaration (declaration declarator: ${fnDecl('[(identifier) (operator_name)] @name')}))]
  @definition.method`)}
${inSlots(String.raw`(field_declaration declarator: [
  (field_identifier) @name
  (pointer_declarator declarator: (field_identifier) @name)
  (reference_declarator (field_identifier) @name)
  (array_declarator declarator: (field_identifier) @name)]) @definition.field`)}
(function_definition declarator: ${fnDecl(qualified('(identifier) @name'))} (#eq? @name @container)) @definition.constructor
(function_definition declarator: ${fnDecl(qualified('[(identifier) (destructor_name) (operator_name)] @name'))}) @definition.method
(function_definition declarator: ${fnDecl('[(identifier) (operator_name)] @name')}) @definition.function
(namespace_definition name: (_) @name) @definition.namespace
(class_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.class
(class_specifier name: (template_type name: (type_identifier) @name) body: (field_declaration_list)) @definition.class
(struct_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.struct
(struct_specifier name: (template_type name: (type_identifier) @name) body: (field_declaration_list)) @definition.struct
(union_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.union
(enum_specifier name: (type_identifier) @name body: (enumerator_list)) @definition.enum
(enumerator name: (identifier) @name) @definition.enumerator
(type_definition declarator: (type_identifier) @name) @definition.type
(alias_declaration name: (type_identifier) @name) @definition.type
(concept_definition name: (identifier) @name) @definition.type
${['translation_unit', 'declaration_list'].map((scope) => String.raw`(${scope}
  (declaration declarator: [
    (identifier) @name
    (init_declarator declarator: (identifier) @name)
    (init_declarator declarator: (pointer_declarator declarator: (identifier) @name))]) @definition.variable)`).join('\n')}
(template_declaration parameters: (template_parameter_list) @decoration)
${preprocessor}
(using_declaration "namespace" (_) @import.module) @import
(using_declaration (qualified_identifier scope: (_) @import.module name: (identifier) @import.name)) @import

(call_expression function: (identifier) @call.name) @call
(call_expression function: (field_expression argument: (_) @call.receiver field: (field_identifier) @call.name)) @call
(call_expression function: (qualified_identifier scope: (_) @call.receiver name: (identifier) @call.name)) @call
(call_expression function: (template_function name: (identifier) @call.name)) @call
(call_expression function: (qualified_identifier scope: (_) @call.receiver name: (template_function name: (identifier) @call.name))) @call
(call_expression function: (field_expression argument: (_) @call.receiver field: (template_method name: (field_identifier) @call.name))) @call
(new_expression type: [
  (type_identifier) @call.name
  (template_type name: (type_identifier) @call.name)
  (qualified_identifier name: (type_identifier) @call.name)
  (qualified_identifier name: (template_type name: (type_identifier) @call.name))]) @call

(comment) @comment
(string_literal) @string
(raw_string_literal) @string
(char_literal) @string
(system_lib_string) @string
(ERROR) @error
`;

/** Built-in type keywords are one named token (primitive_type) in these grammars, not anonymous keywords,
 * so they are not excluded automatically (typedef names such as size_t stay references). */
const cTypeKeywords = ['int', 'char', 'float', 'double', 'void', 'bool'];

export const languages: LanguageSpec[] = [
  { id: 'c', name: 'C', extensions: ['.c', '.h'], grammar: 'tree-sitter-c.wasm', query: cQuery, stopwords: cTypeKeywords },
  {
    id: 'cpp', name: 'C++', extensions: ['.cc', '.cpp', '.cxx', '.c++', '.hpp', '.hh', '.hxx', '.h++', '.ipp'],
    grammar: 'tree-sitter-cpp.wasm', query: cppQuery,
    stopwords: [...cTypeKeywords, 'wchar_t', 'char8_t', 'char16_t', 'char32_t', 'this', 'true', 'false', 'nullptr', 'auto',
      'virtual', 'decltype', 'noexcept'],
  },
];

export { preprocessor as cPreprocessorPatterns };
