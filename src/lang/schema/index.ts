// Schema and interface-definition languages, both vendored in grammars/ (docs/languages.md):
// - SQL (@derekstride/tree-sitter-sql): CREATE TABLE / VIEW / MATERIALIZED VIEW / FUNCTION / TYPE /
//   SCHEMA define `table`, `view`, `function`, `type`, `namespace` (a schema-qualified name keeps its
//   schema as container: `app.orders`); columns are fields of their table; function invocations are
//   calls. The grammar's keywords are named `keyword_*` nodes, which the engine stops as refs.
// - Thrift (tree-sitter-thrift): structs, unions, exceptions, enums and their values, services and
//   their functions, constants, typedefs, fields; `include` is an import.

import { VENDORED } from '../grammar-file.js';
import type { LanguageSpec } from '../spec.js';

const sqlName = '(object_reference schema: (identifier)? @container name: (identifier) @name)';
const SQL_TYPES = '(int) (bigint) (smallint) (tinyint) (mediumint) (decimal) (numeric) (float) (double) (char) (varchar) (nchar) (nvarchar) (binary) (varbinary) (bit) (time) (timestamp) (interval) (datetimeoffset)';
const sql = String.raw`
(create_table ${sqlName}) @definition.table
(create_view ${sqlName}) @definition.view
(create_materialized_view ${sqlName}) @definition.view
(create_function ${sqlName}) @definition.function
(create_type ${sqlName}) @definition.type
(create_schema (identifier) @name) @definition.namespace
(column_definition name: (identifier) @name) @definition.field
(invocation (object_reference name: (identifier) @call.name)) @call
(comment) @comment
(marginalia) @comment
(literal) @string
[${SQL_TYPES}] @string
(ERROR) @error
`;

const thrift = String.raw`
(struct_definition type: (identifier) @name) @definition.struct
(union_definition type: (identifier) @name) @definition.union
(exception_definition . (identifier) @name) @definition.class
(enum_definition type: (identifier) @name) @definition.enum
(enum_definition (identifier) @name) @definition.enumerator
(service_definition . type: (identifier) @name) @definition.interface
(service_definition (function_definition (identifier) @name) @definition.method)
(field (identifier) @name) @definition.field
(const_definition (identifier) @name) @definition.constant
(typedef_definition (typedef_identifier) @name) @definition.type
(include_statement (string (string_fragment) @import.module)) @import
(comment) @comment
(string) @string
(ERROR) @error
`;

export const languages: LanguageSpec[] = [
  {
    id: 'sql', name: 'SQL', extensions: ['.sql', '.ddl', '.pgsql', '.psql'], grammar: 'tree-sitter-sql.wasm', grammarPackage: VENDORED,
    query: sql, nestKinds: ['table', 'view'],
  },
  {
    id: 'thrift', name: 'Thrift', extensions: ['.thrift'], grammar: 'tree-sitter-thrift.wasm', grammarPackage: VENDORED, query: thrift,
    stopwords: ['namespace', 'throws', 'bool', 'byte', 'i8', 'i16', 'i32', 'i64', 'double', 'string', 'binary', 'uuid', 'void', 'list', 'set', 'map',
      'optional', 'required', 'oneway', 'extends'],
  },
];
