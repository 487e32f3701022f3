// How well a call's arguments fit one overload of a method (Java): the resolver knows some arguments'
// types (literals, locals of a declared type, fields, calls' declared results) and compares them with
// each overload's parameter types as written. Subtypes count where the resolver can name the argument
// class's supertypes; generics do not: another known type is neutral unless primitives and references
// cannot meet (an `int` for a `Clock`).

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
