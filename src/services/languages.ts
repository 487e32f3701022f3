// The supported-languages table behind `ax languages`: every registered language with its detection
// rules and what extraction yields for it. Capabilities are derived from each spec's query capture
// names (never hand-listed), so the table cannot drift from what the extractor does. Listing is cheap
// (the registry is strings); `checkGrammars` loads every grammar to prove it works on this machine.

import { loadLanguage } from '../lang/engine.js';
import { LANGUAGES } from '../lang/registry.js';
import type { LanguageSpec } from '../lang/spec.js';

export interface LanguageCapabilities {
  /** Definitions (`@definition.<kind>` captures). */
  defs: boolean;
  /** Identifier references: the shared lexer runs for every language. */
  refs: boolean;
  imports: boolean;
  calls: boolean;
}

export interface LanguageInfo {
  id: string;
  name: string;
  extensions: string[];
  filenames: string[];
  shebangs: string[];
  /** npm package and file of the Tree-sitter grammar. */
  grammar: string;
  capabilities: LanguageCapabilities;
  /** Symbol kinds the query can produce. */
  kinds: string[];
  /** Languages embedded blocks are extracted with (Vue/Svelte/HTML script and style). */
  embeds: string[];
  /** Set by checkGrammars: whether the grammar and query load ('' = loaded). */
  grammarError?: string;
}

export function capabilitiesOf(spec: LanguageSpec): LanguageCapabilities {
  const q = spec.query;
  return { defs: /@definition\.\w/.test(q), refs: true, imports: /@import\b/.test(q), calls: /@call\b/.test(q) };
}

function info(spec: LanguageSpec): LanguageInfo {
  const kinds = [...new Set([...spec.query.matchAll(/@definition\.(\w+)/g)].map((m) => m[1]!))];
  const embeds = [...new Set([...(spec.injections ?? '').matchAll(/injection\.language\s+"([\w-]+)"/g)].map((m) => m[1]!))];
  return {
    id: spec.id, name: spec.name, extensions: [...spec.extensions], filenames: [...(spec.filenames ?? [])], shebangs: [...(spec.shebangs ?? [])],
    grammar: `${spec.grammarPackage ?? 'tree-sitter-wasms'}/${spec.grammar}`,
    capabilities: capabilitiesOf(spec), kinds, embeds,
  };
}

export function listLanguages(): LanguageInfo[] {
  return LANGUAGES.map(info);
}

/** Load every grammar (and its query): a failure is reported for that language only. */
export async function checkGrammars(): Promise<LanguageInfo[]> {
  const out: LanguageInfo[] = [];
  for (const spec of LANGUAGES) {
    const i = info(spec);
    try { await loadLanguage(spec); i.grammarError = ''; } catch (e) { i.grammarError = (e as Error).message; }
    out.push(i);
  }
  return out;
}
