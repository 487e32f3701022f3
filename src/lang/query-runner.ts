// Run arbitrary Tree-sitter queries (lint rules, ad-hoc structural search) over one file's text. Needs
// only a language's grammar, not its extraction query: languages registered in registry.ts are found
// there; grammars that ship in tree-sitter-wasms but have no LanguageSpec yet are listed in FALLBACK, so
// rules for them work before their extractors exist. Language ids are normalised through ALIASES (`js`
// and `javascript` are one language). Grammars and parsers load lazily, once per language per thread.

import { createRequire } from 'node:module';
import path from 'node:path';
import { Language, Parser, Query } from 'web-tree-sitter';
import { AxError } from '../core/errors.js';
import { detectByPath } from './detect.js';
import { VENDORED, VENDORED_DIR } from './grammar-file.js';
import { LANGUAGES } from './registry.js';
import { initRuntime } from './runtime.js';

export interface GrammarInfo {
  id: string;
  grammar: string;
  grammarPackage?: string;
  extensions: readonly string[];
}

/** Grammars available to queries even without a LanguageSpec (tree-sitter-wasms file names). */
const FALLBACK: readonly GrammarInfo[] = [
  { id: 'javascript', grammar: 'tree-sitter-javascript.wasm', extensions: ['.js', '.mjs', '.cjs', '.jsx'] },
  { id: 'typescript', grammar: 'tree-sitter-typescript.wasm', extensions: ['.ts', '.mts', '.cts'] },
  { id: 'tsx', grammar: 'tree-sitter-tsx.wasm', extensions: ['.tsx'] },
  { id: 'python', grammar: 'tree-sitter-python.wasm', extensions: ['.py', '.pyi'] },
  { id: 'go', grammar: 'tree-sitter-go.wasm', extensions: ['.go'] },
  { id: 'c', grammar: 'tree-sitter-c.wasm', extensions: ['.c', '.h'] },
  { id: 'cpp', grammar: 'tree-sitter-cpp.wasm', extensions: ['.cc', '.cpp', '.cxx', '.hpp', '.hh', '.hxx'] },
  { id: 'rust', grammar: 'tree-sitter-rust.wasm', extensions: ['.rs'] },
  { id: 'java', grammar: 'tree-sitter-java.wasm', extensions: ['.java'] },
  { id: 'csharp', grammar: 'tree-sitter-c_sharp.wasm', extensions: ['.cs'] },
  { id: 'ruby', grammar: 'tree-sitter-ruby.wasm', extensions: ['.rb'] },
  { id: 'php', grammar: 'tree-sitter-php.wasm', extensions: ['.php'] },
];

const ALIASES: Readonly<Record<string, string>> = {
  js: 'javascript', jsx: 'javascript', ts: 'typescript', py: 'python', golang: 'go', 'c++': 'cpp', cxx: 'cpp',
  cs: 'csharp', 'c#': 'csharp', c_sharp: 'csharp', rb: 'ruby', rs: 'rust',
};

export function normalizeLanguageId(id: string): string {
  const l = id.toLowerCase();
  return ALIASES[l] ?? l;
}

function grammarTable(): Map<string, GrammarInfo> {
  const out = new Map<string, GrammarInfo>();
  for (const f of FALLBACK) out.set(f.id, f);
  for (const l of LANGUAGES) {
    const id = normalizeLanguageId(l.id);
    out.set(id, { id, grammar: l.grammar, ...(l.grammarPackage ? { grammarPackage: l.grammarPackage } : {}), extensions: l.extensions });
  }
  return out;
}

let table: Map<string, GrammarInfo> | undefined;
const byExt = new Map<string, string>();

function grammars(): Map<string, GrammarInfo> {
  if (!table) {
    table = grammarTable();
    for (const f of FALLBACK) for (const e of f.extensions) byExt.set(e, f.id);
  }
  return table;
}

/** Every language id a query can target. */
export function queryLanguageIds(): string[] {
  return [...grammars().keys()].sort();
}

export function hasGrammar(id: string): boolean {
  return grammars().has(normalizeLanguageId(id));
}

/** The language of a path for querying: the registry's detection first, then the fallback table. */
export function queryLanguageForPath(rel: string): string | undefined {
  const spec = detectByPath(rel);
  if (spec) return normalizeLanguageId(spec.id);
  grammars();
  return byExt.get(path.posix.extname(rel).toLowerCase());
}

const require = createRequire(import.meta.url);
interface LoadedGrammar { language: Language; parser: Parser }
const loaded = new Map<string, Promise<LoadedGrammar>>();
let grammarLoads: Promise<unknown> = Promise.resolve();

/** Start the Tree-sitter runtime (WASM) in this thread, ahead of the first grammar load. */
export { initRuntime };

async function loadGrammar(id: string): Promise<LoadedGrammar> {
  const g = grammars().get(id);
  if (!g) throw new AxError('E_GRAMMAR', `no Tree-sitter grammar for language "${id}"`, { hint: `languages: ${queryLanguageIds().join(', ')}` });
  await initRuntime();
  const pkg = g.grammarPackage ?? 'tree-sitter-wasms';
  const file = pkg === VENDORED ? path.join(VENDORED_DIR, g.grammar)
    : path.join(path.dirname(require.resolve(`${pkg}/package.json`)), pkg === 'tree-sitter-wasms' ? 'out' : '', g.grammar);
  let language: Language;
  try {
    // One grammar load at a time per thread: concurrent Language.load calls mix up their exports (see
    // the same guard in engine.ts).
    const mine = grammarLoads.then(() => Language.load(file));
    grammarLoads = mine.catch(() => undefined);
    language = await mine;
  } catch (e) {
    throw new AxError('E_GRAMMAR', `grammar for ${id} failed to load: ${(e as Error).message}`, { cause: e });
  }
  const parser = new Parser();
  parser.setLanguage(language);
  return { language, parser };
}

/**
 * Load grammars ahead of use (errors surface later, when a file needs the grammar). A worker thread
 * does this before the main thread starts parsing: V8 shares one compiled module per grammar between
 * threads, and a thread that instantiates a module while another thread's TurboFan jobs for it run
 * waited for them (seconds for the TypeScript grammars, measured in a two-thread test).
 */
export async function preloadGrammars(ids: readonly string[]): Promise<void> {
  await Promise.all(ids.filter(hasGrammar).map((id) => grammar(id).then(() => undefined, () => undefined)));
}

function grammar(id: string): Promise<LoadedGrammar> {
  const key = normalizeLanguageId(id);
  let p = loaded.get(key);
  if (!p) { p = loadGrammar(key); loaded.set(key, p); }
  return p;
}

/** Predicates evaluated by web-tree-sitter inside Query.matches; any other `#name?` would be ignored silently. */
export const SUPPORTED_PREDICATES = ['eq?', 'not-eq?', 'any-eq?', 'any-not-eq?', 'match?', 'not-match?', 'any-match?', 'any-not-match?', 'any-of?', 'not-any-of?'] as const;

export interface CompiledQuery {
  lang: string;
  query: Query;
  captureNames: readonly string[];
  patternCount: number;
}

const compiled = new Map<string, Promise<CompiledQuery>>();

/**
 * Compile a query for a language (cached per thread by language and source: callers share the result
 * and must not delete it). Errors are AxErrors (code E_QUERY) whose message names the problem and whose
 * position is the offset in `source`; predicates web-tree-sitter does not evaluate are errors.
 */
export function compileQuery(lang: string, source: string): Promise<CompiledQuery> {
  const key = `${normalizeLanguageId(lang)}\0${source}`;
  let p = compiled.get(key);
  if (!p) {
    p = compile(lang, source);
    compiled.set(key, p);
    p.catch(() => compiled.delete(key));
  }
  return p;
}

async function compile(lang: string, source: string): Promise<CompiledQuery> {
  const g = await grammar(lang);
  let query: Query;
  try {
    query = new Query(g.language, source);
  } catch (e) {
    const err = e as Error & { index?: number; kind?: string; name?: string };
    const at = typeof err.index === 'number' ? err.index : undefined;
    const where = at === undefined ? '' : ` at line ${source.slice(0, at).split('\n').length}`;
    throw new AxError('E_QUERY', `${err.message}${where}`, at === undefined ? {} : { position: at });
  }
  for (const preds of query.predicates) {
    for (const p of preds) {
      query.delete();
      throw new AxError('E_QUERY', `unsupported predicate #${p.operator}`, { hint: `supported: ${SUPPORTED_PREDICATES.map((s) => '#' + s).join(' ')}` });
    }
  }
  return { lang: normalizeLanguageId(lang), query, captureNames: [...query.captureNames], patternCount: query.patternCount() };
}

/**
 * One capture of a match, as plain data. Row/col are 0-based (col in UTF-16 units); start/end are
 * UTF-16 offsets into the text (slice it for a capture's text; end positions follow from the text).
 */
export interface RawCapture {
  name: string;
  start: number;
  end: number;
  startRow: number;
  startCol: number;
}

export interface RawMatch { pattern: number; captures: RawCapture[] }

/** Parse `text` once and run each query over the whole tree; result i holds the matches of queries[i]. */
export async function runQueries(lang: string, text: string, queries: readonly CompiledQuery[]): Promise<RawMatch[][]> {
  const g = await grammar(lang);
  const tree = g.parser.parse(text);
  if (!tree) throw new AxError('E_INTERNAL', `Tree-sitter returned no tree for a ${lang} file`);
  try {
    return queries.map((q) => q.query.matches(tree.rootNode).map((m) => ({
      pattern: m.patternIndex,
      captures: m.captures.map((c) => ({
        name: c.name,
        start: c.node.startIndex,
        end: c.node.endIndex,
        startRow: c.node.startPosition.row,
        startCol: c.node.startPosition.column,
      })),
    })));
  } finally {
    tree.delete();
  }
}
