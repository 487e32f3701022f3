// Lisps: Emacs Lisp (tree-sitter-wasms). Clojure has no loadable grammar on npm (docs/languages.md).
// Definitions: defun/defmacro (with docstrings), defvar/defconst/defcustom; `(require 'x)` imports;
// every other list headed by a symbol is a call.

import type { LanguageSpec } from '../spec.js';

const elisp = String.raw`
(function_definition name: (symbol) @name docstring: (string)? @doc) @definition.function
(macro_definition name: (symbol) @name) @definition.macro
(special_form ["defvar" "defconst"] . (symbol) @name) @definition.variable
(list . (symbol) @_d . (symbol) @name (#any-of? @_d "defcustom" "defface" "defgroup" "defvar-local")) @definition.variable
(list . (symbol) @_r . (quote (symbol) @import.module) (#eq? @_r "require")) @import
(list . (symbol) @call.name (#not-any-of? @call.name "require" "defcustom" "defface" "defgroup" "defvar-local" "provide")) @call
(comment) @comment
(string) @string
(ERROR) @error
`;

export const languages: LanguageSpec[] = [
  {
    id: 'elisp', name: 'Emacs Lisp', extensions: ['.el'], filenames: ['.emacs', '_emacs'], grammar: 'tree-sitter-elisp.wasm', query: elisp,
    identifier: '[A-Za-z_+*/<>=!?$%&~^:][A-Za-z0-9_+*/<>=!?$%&~^:.-]*',
  },
];
