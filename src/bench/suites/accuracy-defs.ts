// What the compiler-checked parts of `npm run bench -- accuracy` share: the seeded sampling (an LCG, so
// that samples stay the ones the published figures were measured on) and the `def --at` measure that
// tallies top-1 answers by kind of use and by resolution label.

import { definitions } from '../../services/navigate/index.js';

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

/** A seeded Fisher-Yates shuffle of a copy; a sample of n is its first n. */
export function shuffle<T>(xs: readonly T[], rand: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [a[i], a[j]] = [a[j]!, a[i]!]; }
  return a;
}

export interface Tally { n: number; ok: number; byCategory: Record<string, { n: number; ok: number }>; byResolution: Record<string, { n: number; ok: number }> }
export interface DefUse { use: [string, number, number]; name: string; def: readonly (string | number)[]; category: string }
export type TopDef = Awaited<ReturnType<typeof definitions>>['results'][number];

/**
 * `def --at` for n uses drawn from `uses`: right when `isRight(top, use)`. Wrong answers go to `misses`
 * (at most 40, prefixed with `lang`).
 */
export async function measureDefs<U extends DefUse>(lang: string, root: string, uses: readonly U[], n: number, rand: () => number,
  isRight: (top: TopDef, u: U) => boolean, misses: string[]): Promise<Tally> {
  const t: Tally = { n: 0, ok: 0, byCategory: {}, byResolution: {} };
  for (const u of shuffle(uses, rand).slice(0, n)) {
    const top = (await definitions({ root, at: u.use.join(':'), limit: 1 })).results[0];
    const ok = !!top && isRight(top, u);
    t.n++;
    if (ok) t.ok++;
    const c = (t.byCategory[u.category] ??= { n: 0, ok: 0 });
    const r = (t.byResolution[top?.resolution ?? 'none'] ??= { n: 0, ok: 0 });
    c.n++; r.n++;
    if (ok) { c.ok++; r.ok++; } else if (misses.length < 40) misses.push(`${lang} ${u.use.join(':')} ${u.name} [${u.category}] want ${u.def.join(':')} got ${top ? `${top.path}:${top.line}:${top.column} [${top.resolution}]` : 'nothing'}`);
  }
  return t;
}

/** The answer is exactly at the position of the definition's name. */
export const atPosition = (top: TopDef, u: { def: readonly (string | number)[] }) => top.path === u.def[0] && top.line === u.def[1] && top.column === u.def[2];
