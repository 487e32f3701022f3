// The table of supported languages. Importing it is cheap (strings only): grammars load lazily in
// engine.ts on first use. Add a language by adding its folder's `languages` here.

import type { LanguageSpec } from './spec.js';
import { languages as apple } from './apple/index.js';
import { languages as config } from './config/index.js';
import { languages as functional } from './functional/index.js';
import { languages as jvm } from './jvm/index.js';
import { languages as lisp } from './lisp/index.js';
import { languages as scripting } from './scripting/index.js';
import { languages as systems } from './systems/index.js';
import { languages as markup } from './markup/index.js';
import { languages as schema } from './schema/index.js';
import { languages as c } from './c/index.js';
import { languages as csharp } from './csharp/index.js';
import { languages as go } from './go/index.js';
import { languages as java } from './java/index.js';
import { languages as js } from './js/index.js';
import { languages as php } from './php/index.js';
import { languages as python } from './python/index.js';
import { languages as ruby } from './ruby/index.js';
import { languages as rust } from './rust/index.js';

export const LANGUAGES: readonly LanguageSpec[] = [...python, ...c, ...js, ...go, ...rust, ...java, ...csharp, ...ruby, ...php,
  ...jvm, ...apple, ...functional, ...scripting, ...systems, ...markup, ...config, ...lisp, ...schema];

const byId = new Map(LANGUAGES.map((l) => [l.id, l]));

export function languageById(id: string): LanguageSpec | undefined {
  return byId.get(id);
}

export function languageIds(): string[] {
  return LANGUAGES.map((l) => l.id);
}
