// Web documents: HTML, CSS (tree-sitter-wasms), Vue single-file components (tree-sitter-wasms) and
// Svelte components (tree-sitter-svelte). HTML-like files define their element ids (`label`) and
// import <script src>/<link href>; their <script> and <style> blocks are injections, extracted with
// the JavaScript/TypeScript/CSS specs (a `lang="ts"` attribute picks the language). CSS defines its
// class and id selectors (`selector`) and custom properties (`variable`); `var(--x)` is a reference.

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

export const languages: LanguageSpec[] = [
  { id: 'html', name: 'HTML', extensions: ['.html', '.htm', '.xhtml'], grammar: 'tree-sitter-html.wasm', query: html, injections: blocks, identifier: '[A-Za-z_][A-Za-z0-9_-]*' },
  { id: 'vue', name: 'Vue', extensions: ['.vue'], grammar: 'tree-sitter-vue.wasm', query: vue, injections: blocks, identifier: '[A-Za-z_][A-Za-z0-9_-]*' },
  {
    id: 'svelte', name: 'Svelte', extensions: ['.svelte'], grammar: 'tree-sitter-svelte.wasm', grammarPackage: 'tree-sitter-svelte',
    query: svelte, injections: blocks, identifier: '[A-Za-z_][A-Za-z0-9_-]*',
  },
  { id: 'css', name: 'CSS', extensions: ['.css'], grammar: 'tree-sitter-css.wasm', query: css, identifier: '-{0,2}[A-Za-z_][A-Za-z0-9_-]*' },
];
