// Web documents: HTML, CSS (tree-sitter-wasms), Vue single-file components (tree-sitter-wasms) and
// Svelte components (tree-sitter-svelte). HTML-like files define their element ids (`label`) and
// import <script src>/<link href>; their <script> and <style> blocks are injections, extracted with
// the JavaScript/TypeScript/CSS specs (a `lang="ts"` attribute picks the language). CSS defines its
// class and id selectors (`selector`) and custom properties (`variable`); `var(--x)` is a reference.
// SCSS adds `$variables`, @mixin (`macro`) and @function definitions, @include as a call and
// @use/@forward/@import as imports. Markdown (vendored grammars, docs/languages.md) defines its headings,
// nested by section; fenced code blocks are injections extracted under their fence language; prose
// yields no references.

import { VENDORED } from '../grammar-file.js';
import type { LanguageSpec } from '../spec.js';

const markupIds = String.raw`
(start_tag (attribute (attribute_name) @_a (quoted_attribute_value (attribute_value) @name)) (#eq? @_a "id")) @definition.label
(start_tag (tag_name) @_t (attribute (attribute_name) @_a (quoted_attribute_value (attribute_value) @import.module)) (#eq? @_t "script") (#eq? @_a "src")) @import
(start_tag (tag_name) @_t (attribute (attribute_name) @_a (quoted_attribute_value (attribute_value) @import.module)) (#eq? @_t "link") (#eq? @_a "href")) @import
(tag_name) @string
(attribute_name) @string
(comment) @comment
(ERROR) @error
`;

// A script or style block, its language from `lang="..."` when given.
const blocks = String.raw`
(script_element (start_tag (attribute (attribute_name) @_l (quoted_attribute_value (attribute_value) @injection.language)) (#eq? @_l "lang")) (raw_text) @injection.content)
((script_element (raw_text) @injection.content) (#set! injection.language "javascript"))
(style_element (start_tag (attribute (attribute_name) @_l (quoted_attribute_value (attribute_value) @injection.language)) (#eq? @_l "lang")) (raw_text) @injection.content)
((style_element (raw_text) @injection.content) (#set! injection.language "css"))
`;

const html = String.raw`${markupIds}
(text) @string
`;

const vue = String.raw`${markupIds}
(text) @string
`;

const svelte = String.raw`${markupIds}
(text) @string
`;

const css = String.raw`
(class_selector (class_name) @name) @definition.selector
(id_selector (id_name) @name) @definition.selector
(declaration (property_name) @name (#match? @name "^--")) @definition.variable
(keyframes_statement (keyframes_name) @name) @definition.label
(import_statement (string_value) @import.module) @import
(import_statement (call_expression (arguments (string_value) @import.module))) @import
(call_expression (function_name) @call.name) @call
(comment) @comment
(string_value) @string
(color_value) @string
(integer_value) @string
(float_value) @string
(ERROR) @error
`;

const scss = String.raw`
(class_selector (class_name) @name) @definition.selector
(id_selector (id_name) @name) @definition.selector
(rule_set (selectors (placeholder (identifier) @name))) @definition.selector
(declaration (property_name) @name (#match? @name "^(--|[$])")) @definition.variable
(mixin_statement name: (identifier) @name) @definition.macro
(function_statement name: (identifier) @name) @definition.function
(keyframes_statement (keyframes_name) @name) @definition.label
(import_statement (string_value) @import.module) @import
(use_statement (string_value) @import.module) @import
(forward_statement (string_value) @import.module) @import
(include_statement (identifier) @call.name) @call
(call_expression (function_name) @call.name) @call
(comment) @comment
(js_comment) @comment
(string_value) @string
(color_value) @string
(integer_value) @string
(float_value) @string
(ERROR) @error
`;

// A heading's section spans to the next heading of its level or above: subsections nest under it.
const markdown = String.raw`
(section . (atx_heading heading_content: (inline) @name)) @definition.heading
(setext_heading heading_content: (paragraph (inline) @name)) @definition.heading
(link_reference_definition (link_destination) @import.module (#not-match? @import.module "^[A-Za-z][A-Za-z0-9+.-]*:")) @import
(inline) @string
(link_reference_definition) @string
(html_block) @string
(indented_code_block) @string
(fenced_code_block) @string
(ERROR) @error
`;

const fences = String.raw`
(fenced_code_block (info_string (language) @injection.language) (code_fence_content) @injection.content)
`;

export const languages: LanguageSpec[] = [
  { id: 'html', name: 'HTML', extensions: ['.html', '.htm', '.xhtml'], grammar: 'tree-sitter-html.wasm', query: html, injections: blocks, identifier: '[A-Za-z_][A-Za-z0-9_-]*' },
  { id: 'vue', name: 'Vue', extensions: ['.vue'], grammar: 'tree-sitter-vue.wasm', query: vue, injections: blocks, identifier: '[A-Za-z_][A-Za-z0-9_-]*' },
  {
    id: 'svelte', name: 'Svelte', extensions: ['.svelte'], grammar: 'tree-sitter-svelte.wasm', grammarPackage: 'tree-sitter-svelte',
    query: svelte, injections: blocks, identifier: '[A-Za-z_][A-Za-z0-9_-]*',
  },
  { id: 'css', name: 'CSS', extensions: ['.css'], grammar: 'tree-sitter-css.wasm', query: css, identifier: '-{0,2}[A-Za-z_][A-Za-z0-9_-]*' },
  {
    id: 'scss', name: 'SCSS', extensions: ['.scss'], grammar: 'tree-sitter-scss.wasm', grammarPackage: VENDORED, query: scss,
    identifier: '(?:[$]|-{0,2})[A-Za-z_][A-Za-z0-9_-]*',
    stopwords: ['use', 'forward', 'import', 'mixin', 'include', 'function', 'return', 'extend', 'if', 'else', 'each', 'for', 'while',
      'media', 'supports', 'keyframes', 'charset', 'debug', 'warn', 'error', 'content', 'at-root', 'in', 'from', 'through', 'to'],
  },
  {
    id: 'markdown', name: 'Markdown', extensions: ['.md', '.markdown', '.mdown', '.mkd'], grammar: 'tree-sitter-markdown.wasm', grammarPackage: VENDORED,
    query: markdown, injections: fences, nestKinds: ['heading'],
  },
];
