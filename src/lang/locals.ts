// Which languages have a scope analyzer (scopes.ts) and the one entry point the navigation service
// calls: parse a file's text and analyze it. Languages without an analyzer return undefined, and
// navigation falls back to name matching for them (labelled `"resolution":"name"`).

import { csharpLocals } from './csharp/locals.js';
import { goLocals } from './go/locals.js';
import { jsLocals } from './js/locals.js';
import { javaLocals } from './jvm/locals.js';
import { pythonLocals } from './python/locals.js';
import { rustLocals } from './rust/locals.js';
import { parseText, type FileScopes, type LocalsAnalyzer } from './scopes.js';

const ANALYZERS: ReadonlyArray<{ lang: (p: string) => string; a: LocalsAnalyzer }> = [
  { lang: (p) => (/\.tsx?$|\.[mc]ts$/i.test(p) ? 'typescript' : 'javascript'), a: jsLocals },
  { lang: () => 'python', a: pythonLocals },
  { lang: () => 'go', a: goLocals },
  { lang: () => 'java', a: javaLocals },
  { lang: () => 'csharp', a: csharpLocals },
  { lang: () => 'rust', a: rustLocals },
];

export function hasScopeAnalysis(relPath: string): boolean {
  return ANALYZERS.some((x) => x.a.grammarFor(relPath) !== undefined);
}

export async function analyzeText(relPath: string, text: string): Promise<FileScopes | undefined> {
  for (const x of ANALYZERS) {
    const grammar = x.a.grammarFor(relPath);
    if (!grammar) continue;
    const tree = await parseText(grammar, text);
    try {
      return x.a.analyze(tree.rootNode, x.lang(relPath));
    } finally {
      tree.delete();
    }
  }
  return undefined;
}

export type { FileScopes } from './scopes.js';
