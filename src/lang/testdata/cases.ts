// All rows of the shared extractor suite: each language family keeps its rows in its own cases.ts.
// Add one import line per family.
import type { ExtractorCase } from './case.js';
import { cases as apple } from '../apple/cases.js';
import { cases as config } from '../config/cases.js';
import { cases as functional } from '../functional/cases.js';
import { cases as jvm } from '../jvm/cases.js';
import { cases as lisp } from '../lisp/cases.js';
import { cases as scripting } from '../scripting/cases.js';
import { cases as systems } from '../systems/cases.js';
import { cases as markup } from '../markup/cases.js';
import { cases as schema } from '../schema/cases.js';
import { cases as c } from '../c/cases.js';
import { cases as csharp } from '../csharp/cases.js';
import { cases as go } from '../go/cases.js';
import { cases as java } from '../java/cases.js';
import { cases as js } from '../js/cases.js';
import { cases as ruby } from '../ruby/cases.js';
import { cases as rust } from '../rust/cases.js';
import { cases as php } from '../php/cases.js';
import { cases as python } from '../python/cases.js';

export type { ExtractorCase };
export const CASES: ExtractorCase[] = [
  ...jvm, ...apple, ...functional, ...scripting, ...systems, ...markup, ...config, ...lisp, ...schema,
  ...python,
  ...c,
  ...js,
  ...go,
  ...rust,
  ...java,
  ...csharp,
  ...ruby,
  ...php,
];
