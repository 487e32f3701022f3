// Where the index lives: `--root DIR`, or the nearest ancestor of the working directory with `.ax/`.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { AxError } from '../core/errors.js';

export const AX_DIR = '.ax';
export const DB_FILE = 'index.db';

export function dbPathFor(root: string): string {
  return path.join(root, AX_DIR, DB_FILE);
}

/** Resolve the root to index: the given directory (must exist). */
export function indexRoot(dir: string | undefined): string {
  const root = path.resolve(dir ?? '.');
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new AxError('E_USAGE', `not a directory: ${root}`);
  }
  return root;
}

/** Resolve the root of an existing index for query commands. */
export function findIndexRoot(explicit: string | undefined, cwd = process.cwd()): string {
  if (explicit) {
    const root = path.resolve(explicit);
    if (!existsSync(dbPathFor(root))) {
      throw new AxError('E_NO_INDEX', `no index in ${root}`, { hint: `run \`ax index ${explicit}\` first` });
    }
    return root;
  }
  let dir = path.resolve(cwd);
  for (;;) {
    if (existsSync(dbPathFor(dir))) return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new AxError('E_NO_INDEX', `no ax index found in ${cwd} or any parent directory`, {
    hint: 'run `ax index` at the repository root, or pass --root DIR',
  });
}
