// Configuration and build languages. Their "symbols" are what people look up in them: YAML/JSON/TOML
// keys (kind `key`, nested, so `image` under `services.web` reads `services.web.image`), Terraform/HCL
// blocks (`resource aws_instance.web`; variables, outputs, modules, data sources), Makefile targets
// and variables. Lock files (Cargo.lock, composer.lock, poetry.lock) are not claimed: thousands of
// generated keys would drown real symbols. Grammars: YAML (@tree-sitter-grammars/tree-sitter-yaml), HCL and Terraform
// (@tree-sitter-grammars/tree-sitter-hcl), Make (tree-sitter-make), JSON and TOML (tree-sitter-wasms).

import type { LanguageSpec } from '../spec.js';

const yaml = String.raw`
(block_mapping_pair key: (flow_node [(plain_scalar (string_scalar)) (double_quote_scalar) (single_quote_scalar)] @name)) @definition.key
(flow_pair key: (flow_node [(plain_scalar (string_scalar)) (double_quote_scalar) (single_quote_scalar)] @name)) @definition.key
(comment) @comment
(double_quote_scalar) @string
(single_quote_scalar) @string
(block_scalar) @string
(ERROR) @error
`;

const json = String.raw`
(pair key: (string (string_content) @name)) @definition.key
(string) @string
(ERROR) @error
`;

const toml = String.raw`
(table [(bare_key) (quoted_key) (dotted_key)] @name) @definition.key
(table_array_element [(bare_key) (quoted_key) (dotted_key)] @name) @definition.key
(pair . [(bare_key) (quoted_key) (dotted_key)] @name) @definition.key
(comment) @comment
(string) @string
(ERROR) @error
`;

const hclBlocks = String.raw`
(block (identifier) @_k . (string_lit (template_literal) @container) . (string_lit (template_literal) @name) (#eq? @_k "resource")) @definition.resource
(block (identifier) @_k . (string_lit (template_literal) @container) . (string_lit (template_literal) @name) (#eq? @_k "data")) @definition.resource
(block (identifier) @_k . (string_lit (template_literal) @name) (#eq? @_k "module")) @definition.module
(block (identifier) @_k . (string_lit (template_literal) @name) (#eq? @_k "variable")) @definition.variable
(block (identifier) @_k . (string_lit (template_literal) @name) (#eq? @_k "output")) @definition.variable
(block (identifier) @_k . (string_lit (template_literal) @name) (#eq? @_k "provider")) @definition.resource
(block (identifier) @_k (body (attribute (identifier) @name) @definition.variable) (#eq? @_k "locals"))
(block (identifier) @_k (body (attribute (identifier) @_s (expression (literal_value (string_lit (template_literal) @import.module))))) (#eq? @_k "module") (#eq? @_s "source")) @import
(function_call (identifier) @call.name) @call
(comment) @comment
(string_lit) @string
(heredoc_template) @string
(ERROR) @error
`;

const make = String.raw`
(rule (targets (word) @name)) @definition.target
(variable_assignment name: (word) @name) @definition.variable
(define_directive name: (word) @name) @definition.macro
(include_directive filenames: (list (word) @import.module)) @import
(comment) @comment
(ERROR) @error
`;

const keys = ['key'] as const;

export const languages: LanguageSpec[] = [
  {
    id: 'yaml', name: 'YAML', extensions: ['.yaml', '.yml'], filenames: ['.clang-format', '.yamllint'],
    grammar: 'tree-sitter-yaml.wasm', grammarPackage: '@tree-sitter-grammars/tree-sitter-yaml', query: yaml, nestKinds: keys,
    identifier: '[A-Za-z_][A-Za-z0-9_-]*',
  },
  {
    id: 'json', name: 'JSON', extensions: ['.json', '.jsonc', '.json5', '.geojson', '.webmanifest'], filenames: ['.babelrc', '.eslintrc'],
    grammar: 'tree-sitter-json.wasm', query: json, nestKinds: keys,
  },
  {
    id: 'toml', name: 'TOML', extensions: ['.toml'], filenames: ['Pipfile'],
    grammar: 'tree-sitter-toml.wasm', query: toml, nestKinds: keys, identifier: '[A-Za-z_][A-Za-z0-9_-]*',
  },
  {
    id: 'terraform', name: 'Terraform', extensions: ['.tf', '.tfvars'], grammar: 'tree-sitter-terraform.wasm',
    grammarPackage: '@tree-sitter-grammars/tree-sitter-hcl', query: hclBlocks,
  },
  {
    id: 'hcl', name: 'HCL', extensions: ['.hcl', '.nomad'], grammar: 'tree-sitter-hcl.wasm',
    grammarPackage: '@tree-sitter-grammars/tree-sitter-hcl', query: hclBlocks,
  },
  {
    id: 'make', name: 'Makefile', extensions: ['.mk', '.mak', '.make'], filenames: ['Makefile', 'makefile', 'GNUmakefile', 'Kbuild'],
    grammar: 'tree-sitter-make.wasm', grammarPackage: 'tree-sitter-make', query: make, identifier: '[A-Za-z_][A-Za-z0-9_.-]*',
  },
];
