// Worker thread of parseFloor (parse-floor.ts): takes the next file from the shared counter, reads it,
// parses it with its language's grammar (no extraction query is compiled or run), frees the tree, and
// reports what it parsed at the end. V8 compiles every grammar with its defaults (tiering up), the
// quickest setting for a long parse.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { Language, Parser } from 'web-tree-sitter';
import { grammarPath } from '../lang/engine.js';
import { languageById } from '../lang/registry.js';
import { initRuntime } from '../lang/runtime.js';

export interface FloorTask { root: string; files: Array<[string, string]>; counter: Int32Array }
export interface FloorWorkerResult { bytes: number; failed: number }

const { root, files, counter } = workerData as FloorTask;
const parsers = new Map<string, Parser | null>();

/** The parser of language `id`, loaded on first use (null: no grammar, or it does not load). */
async function parserFor(id: string): Promise<Parser | null> {
  let p = parsers.get(id);
  if (p !== undefined) return p;
  const spec = languageById(id);
  try {
    const language = spec ? await Language.load(grammarPath(spec)) : null;
    p = language ? new Parser() : null;
    p?.setLanguage(language);
  } catch {
    p = null;
  }
  parsers.set(id, p);
  return p;
}

await initRuntime();
let bytes = 0, failed = 0;
for (;;) {
  const i = Atomics.add(counter, 0, 1);
  if (i >= files.length) break;
  const [rel, lang] = files[i]!;
  try {
    const parser = await parserFor(lang);
    if (!parser) throw new Error(`no grammar for ${lang}`);
    const text = readFileSync(path.join(root, rel), 'utf8');
    const tree = parser.parse(text);
    if (!tree) throw new Error('no tree');
    tree.delete();
    bytes += Buffer.byteLength(text);
  } catch {
    failed++;
  }
}
parentPort!.postMessage({ bytes, failed } satisfies FloorWorkerResult);
