// The relevance set, per corpus (docs/ranking.md): a hard-linked copy of the corpus (or of a subset of
// its directories) indexed as is, from which the queries are drawn; a doc-stripped copy indexed by ax,
// on which ax and the baseline are evaluated; and the baseline's FTS5 database over the stripped copy.
// Everything lives under a work directory and is built once, then reused.

import { existsSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { indexRepository } from '../../services/indexing.js';
import { buildBaseline, buildRelevanceSet, type RelevanceQuery } from '../../services/search-eval.js';
import { corpus } from '../harness.js';
import { makeStrippedCopy } from './strip.js';

/** Subsets keep the relevance runs bounded on a shared machine; the latency suite uses the whole tree. */
export const SUBSETS: Record<string, readonly string[] | undefined> = {
  linux: ['kernel', 'mm', 'lib', 'block', 'fs/ext4', 'net/core', 'net/ipv4'],
};

export const RELEVANCE_CORPORA = ['django', 'go-std', 'linux'];

export interface PreparedRelevance {
  name: string;
  nodocRoot: string;
  baselineFile: string;
  queries: RelevanceQuery[];
}

export function workDir(): string {
  return process.env.AX_RELEVANCE_DIR ?? '/tmp/ax-relevance';
}

export async function prepareRelevance(name: string, log: (m: string) => void, sizes = { docs: 200, idents: 100 }): Promise<PreparedRelevance> {
  const src = corpus(name);
  const base = path.join(workDir(), name);
  const orig = path.join(base, 'orig');
  const nodoc = path.join(base, 'nodoc');
  mkdirSync(base, { recursive: true });
  const done = (what: string) => path.join(base, `.${what}.done`);
  if (!existsSync(done('orig'))) {
    log(`${name}: hard-linked copy -> ${orig}`);
    makeStrippedCopy(src, orig + '.tmp', SUBSETS[name], false);
    await renameTree(orig + '.tmp', orig);
    writeFileSync(done('orig'), '');
  }
  if (!existsSync(done('nodoc'))) {
    log(`${name}: doc-stripped copy -> ${nodoc}`);
    const r = makeStrippedCopy(orig, nodoc + '.tmp');
    await renameTree(nodoc + '.tmp', nodoc);
    log(`${name}: ${r.files} files, ${r.stripped} with doc comments blanked`);
    writeFileSync(done('nodoc'), '');
  }
  for (const [what, dir] of [['orig-index', orig], ['nodoc-index', nodoc]] as const) {
    if (existsSync(done(what))) continue;
    log(`${name}: ax index ${dir}`);
    await indexRepository({ dir });
    writeFileSync(done(what), '');
  }
  const qfile = path.join(base, `queries-${sizes.docs}-${sizes.idents}.json`);
  let queries: RelevanceQuery[];
  if (existsSync(qfile)) queries = JSON.parse(readFileSync(qfile, 'utf8')) as RelevanceQuery[];
  else {
    queries = buildRelevanceSet(orig, sizes);
    writeFileSync(qfile, JSON.stringify(queries, null, 1));
  }
  const baselineFile = path.join(base, 'baseline.db');
  if (!existsSync(done('baseline'))) {
    log(`${name}: baseline FTS5 over whole functions`);
    buildBaseline(nodoc, baselineFile);
    writeFileSync(done('baseline'), '');
  }
  return { name, nodocRoot: nodoc, baselineFile, queries };
}

async function renameTree(from: string, to: string): Promise<void> {
  const { renameSync, rmSync } = await import('node:fs');
  rmSync(to, { recursive: true, force: true });
  renameSync(from, to);
}
