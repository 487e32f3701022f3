// Which language a file is: by exact file name, then extension, then a `#!` line for extension-less
// scripts, then (for the few extensions several languages share) by sniffing the first bytes:
//   .h   C unless the text shows Objective-C (`@interface`, `#import`) or C++ (`namespace`, `template<`,
//        `class X {`, access specifiers, `std::`): Linux headers stay C (docs/languages.md, measured)
//   .m   Objective-C unless it reads as MATLAB/Octave (`%` comments, `function` files): then unsupported
//   .fs  F# unless it is a GLSL fragment shader (`#version`, `gl_FragColor`, `uniform`): then unsupported
//   .v   Verilog, Coq and V share it; none is supported, so it is never claimed
// Pure: the caller passes the first bytes of the file as text when it has them.

import path from 'node:path';
import { LANGUAGES, languageById } from './registry.js';
import type { LanguageSpec } from './spec.js';

const byExt = new Map<string, LanguageSpec>();
const byName = new Map<string, LanguageSpec>();
const byInterpreter = new Map<string, LanguageSpec>();
for (const l of LANGUAGES) {
  for (const e of l.extensions) if (!byExt.has(e)) byExt.set(e, l);
  for (const f of l.filenames ?? []) byName.set(f, l);
  for (const s of l.shebangs ?? []) byInterpreter.set(s, l);
}

/** Language by path alone, or undefined when only content could tell (or nothing can). */
export function detectByPath(relPath: string): LanguageSpec | undefined {
  const base = path.posix.basename(relPath);
  return byName.get(base) ?? byExt.get(path.posix.extname(base).toLowerCase());
}

/** Whether content sniffing could still identify this path (no extension: maybe a script). */
export function mayHaveShebang(relPath: string): boolean {
  return path.posix.extname(relPath) === '';
}

/** The language a `#!` line at the start of these bytes names (the first 200 bytes are read). */
export function detectByShebangBytes(head: Buffer): LanguageSpec | undefined {
  return head[0] === 0x23 && head[1] === 0x21 ? detectByShebang(head.toString('latin1', 0, Math.min(200, head.length))) : undefined;
}

export function detectByShebang(head: string): LanguageSpec | undefined {
  const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(head);
  if (!m) return undefined;
  let interp = path.posix.basename(m[1]!);
  if (interp === 'env' && m[2]) interp = m[2];
  interp = interp.replace(/[\d.]+$/, (v) => (byInterpreter.has(interp) ? v : ''));
  return byInterpreter.get(interp) ?? byInterpreter.get(interp.replace(/[\d.]+$/, ''));
}

/** How many leading characters content sniffing reads. */
export const SNIFF_CHARS = 16384;

const OBJC = /^[ \t]*(?:@(?:interface|implementation|protocol|end|property|class|import)\b|#import[ \t]*[<"])/m;
const CPP = new RegExp([
  String.raw`^[ \t]*namespace\s+[\w:]*\s*\{`,
  String.raw`^[ \t]*template\s*<`,
  String.raw`^[ \t]*class\s+\w+\s*(?:final\s*)?(?::[^;{]*)?\{`,
  String.raw`^[ \t]*(?:public|private|protected)\s*:`,
  String.raw`^[ \t]*using\s+namespace\s`,
  String.raw`\bstd::\w`,
  String.raw`^[ \t]*#[ \t]*include[ \t]*<(?:iostream|string|vector|memory|map|algorithm|utility|functional|cstdint|cstddef|cstring|type_traits)>`,
].join('|'), 'm');
const MATLAB = /^[ \t]*(?:%|function\b[^(\n]*(?:=|\())/m;
const GLSL = /^[ \t]*(?:#version\s+\d|uniform\s|varying\s|precision\s+(?:lowp|mediump|highp))|\bgl_Frag/m;

/** Whether the path's extension is one that content must settle (see refineByContent). */
export function needsSniff(relPath: string): boolean {
  const ext = path.posix.extname(relPath).toLowerCase();
  return ext === '.h' || ext === '.m' || ext === '.fs';
}

/**
 * Settle an extension several languages share by looking at the text. Returns the language (possibly
 * another one than `spec`), or undefined when the file is in a language ax does not support.
 */
export function refineByContent(spec: LanguageSpec, relPath: string, text: string): LanguageSpec | undefined {
  if (!needsSniff(relPath)) return spec;
  const ext = path.posix.extname(relPath).toLowerCase();
  const head = text.length > SNIFF_CHARS ? text.slice(0, SNIFF_CHARS) : text;
  if (ext === '.h') {
    if (OBJC.test(head)) return languageById('objc') ?? spec;
    if (CPP.test(head)) return languageById('cpp') ?? spec;
    return spec;
  }
  if (ext === '.m') {
    if (OBJC.test(head) || /^[ \t]*#[ \t]*include\b/m.test(head)) return spec;
    return MATLAB.test(head) ? undefined : spec;
  }
  return GLSL.test(head) ? undefined : spec;
}
