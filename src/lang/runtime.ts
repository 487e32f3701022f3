// The Tree-sitter WASM runtime, started once per thread by whichever module parses first (extraction,
// scope analysis, lint queries). V8's WASM compile flags must be chosen before its first compile
// (wasm-flags.ts): a process that has not chosen by then (navigation, `ax lint test`) parses little.
// Loaded through import() so that a command which never parses never loads web-tree-sitter.

import { tuneWasmCompiler } from './wasm-flags.js';

let init: Promise<void> | undefined;

export function initRuntime(): Promise<void> {
  tuneWasmCompiler('short');
  return (init ??= import('web-tree-sitter').then(({ Parser }) => Parser.init()));
}
