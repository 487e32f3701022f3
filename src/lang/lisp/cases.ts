// Shared extractor suite rows for the Lisp family (see testdata/case.ts).
import type { ExtractorCase } from '../testdata/case.js';

export const cases: ExtractorCase[] = [
  {
    lang: 'elisp', title: "defun/defmacro with docstrings, defvar/defcustom, require, calls",
    source: [
      ";;; demo.el --- A demo package -*- lexical-binding: t -*-",
      "(require 'cl-lib)",
      "(require 'subr-x)",
      "",
      "(defvar demo-count 0",
      "  \"How many times demo ran.\")",
      "",
      "(defcustom demo-name \"ax\" \"Name.\" :type 'string)",
      "",
      ";; Greet someone.",
      "(defun demo-greet (who)",
      "  \"Greet WHO.\"",
      "  (message \"hello %s\" who)",
      "  (setq demo-count (1+ demo-count)))",
      "",
      "(defmacro demo-twice (&rest body)",
      "  `(progn ,@body ,@body))",
      "",
      "(provide 'demo)",
    ].join('\n'),
    defs: ["variable demo-count", "variable demo-name", "function demo-greet", "macro demo-twice"],
    refs: [{"name": "demo-count", "line": 14}],
    notRefs: ["Greet"],
    imports: ["cl-lib", "subr-x"],
    calls: ["demo-greet->message"],
    docs: {"demo-greet": "Greet WHO."},
  },
];
