// C#: namespaces, classes, structs, interfaces, records, enums (+ members), delegates, methods,
// constructors/destructors, properties, events, fields (`const` ones are constants), local functions;
// `using` directives (namespace as module; `using A = X.Y` names A); invocations (plain, member with
// receiver, `?.`, generic) and `new T()`. `///` XML doc comments above a declaration are its doc.

import type { LanguageSpec } from '../spec.js';

/** A (possibly generic) simple name, capturing the identifier as the callee. */
const callee = '[(identifier) @call.name (generic_name (identifier) @call.name)]';

const query = String.raw`
(namespace_declaration name: (_) @name) @definition.namespace
(file_scoped_namespace_declaration name: (_) @name) @definition.namespace
(class_declaration name: (identifier) @name) @definition.class
(record_declaration name: (identifier) @name) @definition.class
(struct_declaration name: (identifier) @name) @definition.struct
(interface_declaration name: (identifier) @name) @definition.interface
(enum_declaration name: (identifier) @name) @definition.enum
(enum_member_declaration name: (identifier) @name) @definition.enumerator
(delegate_declaration name: (identifier) @name) @definition.type
(method_declaration name: (identifier) @name) @definition.method
(constructor_declaration name: (identifier) @name) @definition.constructor
(destructor_declaration name: (identifier) @name) @definition.method
(local_function_statement name: (identifier) @name) @definition.function
(property_declaration name: (identifier) @name) @definition.property
(event_declaration name: (identifier) @name) @definition.property
(event_field_declaration (variable_declaration (variable_declarator (identifier) @name))) @definition.property
(field_declaration (modifier) @_m (#eq? @_m "const") (variable_declaration (variable_declarator (identifier) @name))) @definition.constant
(field_declaration (variable_declaration (variable_declarator (identifier) @name))) @definition.field

(invocation_expression function: ${callee}) @call
(invocation_expression function: (member_access_expression expression: (_) @call.receiver name: ${callee})) @call
(invocation_expression function: (conditional_access_expression
  condition: (_) @call.receiver (member_binding_expression name: ${callee}))) @call
(object_creation_expression type: [
  (identifier) @call.name
  (generic_name (identifier) @call.name)
  (qualified_name (identifier) @call.name .)
  (qualified_name (generic_name (identifier) @call.name) .)]) @call

(using_directive [(identifier) (qualified_name)] @import.module .) @import
(using_directive (name_equals (identifier) @import.name) [(identifier) (qualified_name)] @import.module) @import

(comment) @comment
(string_literal) @string
(verbatim_string_literal) @string
(character_literal) @string
(interpolated_string_text) @string
(ERROR) @error
`;

export const languages: LanguageSpec[] = [
  {
    id: 'csharp', name: 'C#', extensions: ['.cs', '.csx'], grammar: 'tree-sitter-c_sharp.wasm', query,
    // Predefined type names are named tokens in this grammar, so they are not auto-excluded keywords.
    stopwords: ['this', 'base', 'true', 'false', 'null', 'var', 'global', 'bool', 'byte', 'sbyte', 'char', 'decimal',
      'double', 'float', 'int', 'uint', 'long', 'ulong', 'short', 'ushort', 'object', 'string', 'void', 'dynamic',
      'nint', 'nuint'],
  },
];
