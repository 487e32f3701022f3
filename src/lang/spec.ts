// The one interface every language implements. A language is data: how to recognise its files, which
// Tree-sitter grammar parses it, and one query whose capture names follow the convention below. The
// shared engine (engine.ts) turns query matches into FileFacts, so languages never walk trees by hand.
//
// Capture convention (one query per language, patterns in any order):
//   @definition.<kind>   the whole definition node; <kind> is a SymbolKind (function, class, ...)
//     @name              its name node (same match)
//     @doc               optional docstring node inside it (Python-style); preceding comments are
//                        attached automatically from @comment captures
//     @container         optional: the owner's name when the definition sits outside it (Go method
//                        receiver type, C++ `A::f`); appended to the nesting container
//   @call                a call expression
//     @call.name         the callee's name node (same match); @call.receiver optional (obj in obj.m())
//   @import              an import/include/use statement
//     @import.module     module specifier node; quotes and <> are stripped
//     @import.name       each imported name (zero or more)
//   @comment             comments (doc comments and ranges excluded from refs)
//   @string              string literals (excluded from refs)
//   @error               ERROR nodes (counted as parse errors)
//   @decoration          optional: attributes that precede a definition outside its node (Rust
//                        `#[derive]`); a doc comment above them still documents the definition

import type { SymbolKind } from '../core/types.js';

export interface LanguageSpec {
  /** Stable id used in `lang:` filters, `--json` and the store (`python`, `typescript`, `c`). */
  id: string;
  /** Human name for `ax languages`. */
  name: string;
  /** Lower-case extensions including the dot (`.py`). */
  extensions: readonly string[];
  /** Exact file names (`Makefile`, `CMakeLists.txt`). */
  filenames?: readonly string[];
  /** Interpreter names recognised on a `#!` line (`python3`, `node`). */
  shebangs?: readonly string[];
  /** Grammar file name inside the grammar package directory (`tree-sitter-python.wasm`). */
  grammar: string;
  /** Package that ships the grammar (defaults to tree-sitter-wasms, whose files live in `out/`), or
   *  VENDORED (grammar-file.ts): this package's own grammars/ folder. */
  grammarPackage?: string;
  /** The extraction query (see capture convention above). */
  query: string;
  /** Identifier regex source for the refs lexer; defaults to ASCII/Unicode letters, digits, `_`. */
  identifier?: string;
  /** Extra words never counted as references (the grammar's keywords are excluded automatically). */
  stopwords?: readonly string[];
  /** Embedded code (script/style blocks): a query capturing @injection.content, its language named by an
   *  @injection.language node's text or `(#set! injection.language "id")`; see inject.ts. */
  injections?: string;
  /** Kinds that nest like containers in this language (config keys: `services.web.image`). */
  nestKinds?: readonly SymbolKind[];
}

export const DEFAULT_IDENTIFIER = '[A-Za-z_\\u00C0-\\uFFFF][A-Za-z0-9_\\u00C0-\\uFFFF]*';
