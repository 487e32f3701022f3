// Lisps: Emacs Lisp (tree-sitter-wasms), Clojure (vendored in grammars/, see docs/languages.md).
// Definitions: defun/defmacro (with docstrings), defvar/defconst/defcustom; Clojure defn/defmacro/def,
// protocols, records and types, the `ns` form as module. Imports: `(require 'x)`; Clojure's `ns`
// :require and :import clauses. Every other list headed by a symbol is a call.

import { VENDORED } from '../grammar-file.js';
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

// Clojure: the grammar is syntax only (lists, symbols), so forms are recognised by their head symbol.
const cljHead = (heads: string) => String.raw`(list_lit . (sym_lit name: (sym_name) @_d) . (sym_lit name: (sym_name) @name) (#any-of? @_d ${heads}))`;
const DEF_FORMS = '"ns" "def" "defonce" "defn" "defn-" "defmacro" "defmulti" "defmethod" "defprotocol" "defrecord" "deftype" "definterface" "defstruct"';
// Special forms and core control macros: not calls worth recording.
const SPECIAL = '"if" "do" "let" "let*" "fn" "fn*" "loop" "recur" "quote" "var" "throw" "try" "catch" "finally" "new" "set!" "letfn" "case" "cond" "when" "when-not" "and" "or"';
const clojure = String.raw`
${cljHead('"ns"')} @definition.module
(list_lit . (sym_lit name: (sym_name) @_d) . (sym_lit name: (sym_name) @name) . (str_lit)? @doc (#any-of? @_d "defn" "defn-" "defmulti")) @definition.function
${cljHead('"defmacro"')} @definition.macro
${cljHead('"def" "defonce"')} @definition.variable
${cljHead('"defprotocol" "definterface"')} @definition.interface
${cljHead('"defrecord" "deftype" "defstruct"')} @definition.class
(list_lit . (kwd_lit name: (kwd_name) @_k) (vec_lit . (sym_lit name: (sym_name) @import.module)) @import (#any-of? @_k "require" "use"))
(list_lit . (kwd_lit name: (kwd_name) @_k) (sym_lit name: (sym_name) @import.module) @import (#any-of? @_k "require" "use"))
(list_lit . (kwd_lit name: (kwd_name) @_k) (list_lit . (sym_lit name: (sym_name) @import.module) (sym_lit name: (sym_name) @import.name)) @import (#eq? @_k "import"))
(list_lit . (sym_lit name: (sym_name) @call.name) (#not-any-of? @call.name ${DEF_FORMS} ${SPECIAL}) (#not-match? @call.name "^[A-Za-z][^/]*[.][A-Za-z]")) @call
(list_lit . (sym_lit namespace: (sym_ns) @call.receiver name: (sym_name) @call.name)) @call
(comment) @comment
(str_lit) @string
(ERROR) @error
`;

export const languages: LanguageSpec[] = [
  {
    id: 'elisp', name: 'Emacs Lisp', extensions: ['.el'], filenames: ['.emacs', '_emacs'], grammar: 'tree-sitter-elisp.wasm', query: elisp,
    identifier: '[A-Za-z_+*/<>=!?$%&~^:][A-Za-z0-9_+*/<>=!?$%&~^:.-]*',
  },
  {
    id: 'clojure', name: 'Clojure', extensions: ['.clj', '.cljs', '.cljc', '.edn', '.bb'], shebangs: ['bb'],
    grammar: 'tree-sitter-clojure.wasm', grammarPackage: VENDORED, query: clojure,
    identifier: "[A-Za-z_*+!?<>=$%&][A-Za-z0-9_*+!?<>=$%&'.-]*",
    stopwords: ['ns', 'def', 'defonce', 'defn', 'defn-', 'defmacro', 'defmulti', 'defmethod', 'defprotocol', 'defrecord', 'deftype',
      'require', 'import', 'refer', 'as', 'use', 'fn', 'let', 'if', 'do', 'nil', 'true', 'false'],
  },
];
