// Which overload of a method a call means (Java), and how well a call's arguments fit one: some
// arguments' types are known (literals, locals of a declared type, fields, calls' declared results)
// and are compared with each overload's parameter types as written. Subtypes count where the resolver can name the argument
// class's supertypes; generics do not: another known type is neutral unless primitives and references
// cannot meet (an `int` for a `Clock`).

import { occStartingAt, type Decl, type FileScopes, type Occ } from '../../lang/scopes.js';
import type { ClassRef, Resolver, Target } from './resolve.js';

const NUMERIC = ['byte', 'short', 'char', 'int', 'long', 'float', 'double'];
const BOXES: Record<string, string> = {
  boolean: 'Boolean', byte: 'Byte', short: 'Short', char: 'Character', int: 'Integer', long: 'Long', float: 'Float', double: 'Double',
};
const isPrimitive = (t: string) => t in BOXES;

/** A method invocation conversion from `arg` to `param`: widening of primitives (JLS 5.1.2), `char` only to int and wider. */
function widens(arg: string, param: string): boolean {
  const a = NUMERIC.indexOf(arg), p = NUMERIC.indexOf(param);
  if (a < 0 || p < 0 || a >= p) return false;
  if (arg === 'char') return p >= NUMERIC.indexOf('int');
  return param !== 'char';
}

/** One argument against one parameter: 3 the same type, 1 a widening or boxing, 0 unknown or possible, -3 impossible. */
function fit(arg: string | undefined, param: string): number {
  if (!arg || !param) return 0;
  if (arg === 'null') return isPrimitive(param) ? -3 : 0;
  if (arg === param) return 3;
  if (isPrimitive(arg) && isPrimitive(param)) return widens(arg, param) ? 1 : -3;
  if (isPrimitive(arg)) return BOXES[arg] === param || param === 'Object' || param === 'Number' ? 1 : /^[A-Z]\w*$/.test(param) && param.length <= 2 ? 0 : -3;
  if (isPrimitive(param)) return BOXES[param] === arg ? 1 : -3;
  if (arg.endsWith('[]') !== param.endsWith('[]') && param !== 'Object') return -3;
  return 0;
}

/**
 * The score of an overload with `params` for arguments of types `args` (undefined: unknown), where
 * `supers[i]`, when known, names the supertypes of argument i's class (a subclass fits its base). A varargs
 * method's last parameter (`T...`, written `T[]` in `params`) also takes its element type for the trailing arguments.
 */
export function overloadScore(params: readonly string[], args: ReadonlyArray<string | undefined>, varargs = false,
  supers: ReadonlyArray<ReadonlySet<string> | undefined> = []): number {
  let score = 0;
  for (let i = 0; i < args.length; i++) {
    let p = params[Math.min(i, params.length - 1)] ?? '';
    const last = varargs && i >= params.length - 1 && p.endsWith('[]');
    if (last && !(args.length === params.length && args[i]?.endsWith('[]'))) p = p.slice(0, -2);
    const f = fit(args[i], p);
    score += f === 0 && supers[i]?.has(p) ? 2 : f;
  }
  return score;
}

/**
 * Of the overloads in its class (same name, container, class and kind) of method `t`, the one call
 * `o` fits: the argument count first (varargs taking any number), then, among several of that count,
 * the one whose parameter types the arguments' known types match best (overloadScore). Ties keep
 * source order.
 */
export async function fitOverload(r: Resolver, t: Target, rel: string, callerFs: FileScopes, o: Occ, depth = 0): Promise<Target> {
  const { fs, d } = (await r.declOf(t)) ?? {};
  const args = o.args!;
  if (!fs || d?.arity === undefined) return t;
  const same = (x: Decl) => x.name === d.name && x.container === d.container && x.owner === d.owner && x.kind === d.kind && x.arity !== undefined;
  let fits = fs.decls.flatMap((x, i) => (same(x) && x.arity === args ? [i] : []));
  if (fits.length === 0) fits = fs.decls.flatMap((x, i) => (same(x) && x.varargs === true && args >= x.arity! - 1 ? [i] : []));
  // No overload here takes that many arguments: one of a base does (`plus(amount)` on a class that
  // declares only `plus(long, unit)` and inherits the other).
  if (fits.length === 0) return (depth < 4 ? await inheritedOverload(r, t, fs, d, rel, callerFs, o, depth) : undefined) ?? t;
  if (fits.length > 1 && o.argTypes?.some((a) => a !== null)) {
    // Cheapest evidence first, each step only while the overloads are not told apart: the types the
    // call site shows, then the declared types of the arguments it names (other files may be
    // parsed), then the supertypes of the arguments' classes (a `WeekBasedFieldPrinterParser` fits
    // a `NumberPrinterParser` parameter).
    const argTypes = o.argTypes;
    const score = (types: Array<string | undefined>, supers: Array<ReadonlySet<string> | undefined> = []) =>
      fits.map((i) => overloadScore(fs.decls[i]!.paramTypes ?? [], types, fs.decls[i]!.varargs === true, supers));
    // One argument moves a score by at most 6 (from -3 to +3): a lead larger than that per unresolved argument stands.
    const decided = (scores: number[], open: number) => {
      const sorted = [...scores].sort((a, b) => b - a);
      return sorted[0]! - sorted[1]! > 6 * open;
    };
    let types = argTypes.map((a) => (typeof a === 'string' ? a : undefined));
    let scores = score(types);
    if (!decided(scores, argTypes.filter((a) => Array.isArray(a)).length)) {
      types = await Promise.all(argTypes.map((a) => argTypeName(r, rel, callerFs, a)));
      scores = score(types);
      if (!decided(scores, 0)) {
        const supers = await Promise.all(types.map((tn) => (tn && /^[A-Z]/.test(tn) ? supertypeNames(r, rel, callerFs, o.scope, tn) : undefined)));
        scores = score(types, supers);
      }
    }
    const best = Math.max(...scores);
    if (best < 0 && depth < 4) {
      // No overload here can take these arguments (`sink.accept(obj)` where Sink declares accept(int),
      // accept(long), accept(double)): the method is inherited (Consumer.accept(T)).
      const inherited = await inheritedOverload(r, t, fs, d, rel, callerFs, o, depth);
      if (inherited) return inherited;
    }
    fits = [fits[scores.indexOf(best)]!];
  }
  return fits[0] === t.decl ? t : r.targetOfDecl(t.path, fs, fits[0]!, t.resolution);
}

/** The method `d` names as found in the bases of the class declaring `d`, fitted to the call again. */
async function inheritedOverload(r: Resolver, t: Target, fs: FileScopes, d: Decl, rel: string, callerFs: FileScopes, o: Occ, depth: number): Promise<Target | undefined> {
  const cls = d.owner !== undefined ? fs.classes[d.owner] : undefined;
  for (const b of cls?.bases ?? []) {
    const base = await r.typeNamed(t.path, fs, cls!.outerScope, b, depth, cls!.outer);
    const m = base ? await r.memberLookup(base, d.name, 0, true) : undefined;
    if (m) return fitOverload(r, m, rel, callerFs, o, depth + 1);
  }
  return undefined;
}

/** Simple names of the supertypes of class `name` as seen from a scope of `rel`, transitively (a few levels). */
async function supertypeNames(r: Resolver, rel: string, fs: FileScopes, scope: number, name: string): Promise<Set<string>> {
  const out = new Set<string>();
  const walk = async (c: ClassRef | undefined, depth: number): Promise<void> => {
    if (!c || depth > 6) return;
    const cls = c.fs.classes[c.ci]!;
    for (const b of cls.bases) {
      const simple = b.slice(b.lastIndexOf('.') + 1);
      if (out.has(simple)) continue;
      out.add(simple);
      await walk(await r.typeNamed(c.path, c.fs, cls.outerScope, b, depth + 1, cls.outer), depth + 1);
    }
  };
  await walk(await r.typeNamed(rel, fs, scope, name, 0), 0);
  return out;
}

/** The type name of a call's argument (Occ.argTypes): as written, or the declared type of what its occurrence resolves to. */
async function argTypeName(r: Resolver, rel: string, fs: FileScopes, a: NonNullable<Occ['argTypes']>[number]): Promise<string | undefined> {
  if (a === null || typeof a === 'string') return a ?? undefined;
  const o = occStartingAt(fs, a[0], a[1]);
  const t = o ? (await r.resolveOcc(rel, fs, o))[0] : undefined;
  if (!t || t.resolution === 'name') return undefined;
  const tn = (await r.declOf(t))?.d.typeName;
  if (a[2] !== 'element') return tn;
  return tn?.endsWith('[]') ? tn.slice(0, -2) : undefined;
}
