// Language detection: file names, extensions, `#!` lines, and content sniffing for shared extensions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectByPath, detectByShebang, needsSniff, refineByContent } from './detect.js';

const byPath = (p: string) => detectByPath(p)?.id;
const sniff = (p: string, text: string) => { const s = detectByPath(p)!; return refineByContent(s, p, text)?.id ?? 'unsupported'; };

test('file names and extensions', () => {
  assert.equal(byPath('Makefile'), 'make');
  assert.equal(byPath('sub/dir/GNUmakefile'), 'make');
  assert.equal(byPath('ci/Jenkinsfile'), 'groovy');
  assert.equal(byPath('a/b.tf'), 'terraform');
  assert.equal(byPath('x.YML'), 'yaml');
  assert.equal(byPath('App.vue'), 'vue');
  assert.equal(byPath('kernel.cu'), 'cuda');
  assert.equal(byPath('Cargo.lock'), undefined);
  assert.equal(byPath('model.v'), undefined);
  assert.equal(byPath('analysis/Plot.R'), 'r');
  assert.equal(byPath('home/.Rprofile'), 'r');
  assert.equal(byPath('lib/My/Module.pm'), 'perl');
  assert.equal(byPath('rebar.config'), 'erlang');
  assert.equal(byPath('docs/README.md'), 'markdown');
  assert.equal(byPath('db/schema.sql'), 'sql');
  assert.equal(byPath('src/app.cljs'), 'clojure');
});

test('shebang lines', () => {
  assert.equal(detectByShebang('#!/usr/bin/env bash\n')?.id, 'bash');
  assert.equal(detectByShebang('#!/bin/sh -e\n')?.id, 'bash');
  assert.equal(detectByShebang('#!/usr/bin/env pwsh\n')?.id, 'powershell');
  assert.equal(detectByShebang('#!/usr/local/bin/julia\n')?.id, 'julia');
  assert.equal(detectByShebang('#!/usr/bin/perl -w\n')?.id, 'perl');
  assert.equal(detectByShebang('#!/usr/bin/env Rscript\n')?.id, 'r');
  assert.equal(detectByShebang('#!/usr/bin/env escript\n')?.id, 'erlang');
});

test('.h: C unless Objective-C or C++ shows', () => {
  assert.ok(needsSniff('include/linux/list.h'));
  assert.equal(sniff('list.h', '#ifndef _LIST_H\n#define _LIST_H\nstruct list_head { struct list_head *next; };\n#ifdef __cplusplus\nextern "C" {\n#endif\n'), 'c');
  assert.equal(sniff('widget.h', '#import <Foundation/Foundation.h>\n@interface Widget : NSObject\n@end\n'), 'objc');
  assert.equal(sniff('vec.h', '#pragma once\nnamespace geo {\ntemplate <typename T> struct Vec { T x; };\n}\n'), 'cpp');
  assert.equal(sniff('shape.h', 'class Shape {\npublic:\n  virtual ~Shape();\n};\n'), 'cpp');
});

test('.m: Objective-C unless MATLAB/Octave; .fs: F# unless GLSL', () => {
  assert.equal(sniff('main.m', '#import "AppDelegate.h"\nint main(int argc, char *argv[]) { return 0; }\n'), 'objc');
  assert.equal(sniff('memcg.m', '% SPDX-License-Identifier: GPL-2.0\n% run as: octave-cli memcg.m\nx = 1;\n'), 'unsupported');
  assert.equal(sniff('area.m', 'function a = area(r)\n  a = pi * r^2;\nend\n'), 'unsupported');
  assert.equal(sniff('Shapes.fs', 'module Shapes\nlet area r = 3.14 * r * r\n'), 'fsharp');
  assert.equal(sniff('blur.fs', '#version 330 core\nout vec4 color;\nvoid main() { color = vec4(1.0); }\n'), 'unsupported');
  assert.ok(!needsSniff('a.c'));
});
