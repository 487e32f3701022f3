// Scope analyses kept from one query to the next by a process that answers many (`ax watch` answering
// for the CLI). A query resolving a TypeScript member parses and analyses every file that uses the
// name (`ax refs Subscriber.next` on rxjs: ~250 files, ~1 s in a process of its own), and most of
// that work is the same in the next query. An analysis is a pure function of (path, text), so an
// entry is reused only when the file's text is the same string as when it was analysed: an edit
// since then is a miss, never a stale answer.
//
// Bounded by the source characters held (least recently used out first): analyses take ~16 bytes of
// heap per source character (rxjs: 0.82 M characters, 13.3 MB), so the default keeps ~65 MB.
import type { FileScopes } from '../../lang/scopes.js';

interface Entry { text: string; scopes: FileScopes | undefined }

let limit = 0; // source characters; 0: off (a query in a process of its own)
let held = 0;
const entries = new Map<string, Entry>(); // in use order: the first is the least recently used

/** Keep analyses across queries, up to `maxChars` characters of source (0: keep none, and drop all). */
export function keepAnalyses(maxChars: number): void {
  limit = maxChars;
  if (limit === 0) { entries.clear(); held = 0; } else evict();
}

/** The default bound for a long-lived process: 4 M characters of source (~65 MB of analyses). */
export const KEPT_ANALYSIS_CHARS = 4_000_000;

/** The analysis of `file` with exactly this text, when kept; `null` when not. */
export function keptAnalysis(file: string, text: string): FileScopes | undefined | null {
  if (limit === 0) return null;
  const e = entries.get(file);
  if (!e || e.text !== text) return null;
  entries.delete(file); // to the end: most recently used
  entries.set(file, e);
  return e.scopes;
}

/** Remember the analysis of `file` with this text (nothing when keeping is off or the file alone is over the bound). */
export function keepAnalysis(file: string, text: string, scopes: FileScopes | undefined): void {
  if (limit === 0 || text.length > limit) return;
  const old = entries.get(file);
  if (old) { held -= old.text.length; entries.delete(file); }
  entries.set(file, { text, scopes });
  held += text.length;
  evict();
}

function evict(): void {
  for (const [file, e] of entries) {
    if (held <= limit) return;
    entries.delete(file);
    held -= e.text.length;
  }
}

/** What is kept (for tests and the watcher's status): files and source characters. */
export function keptAnalysesSize(): { files: number; chars: number } {
  return { files: entries.size, chars: held };
}
