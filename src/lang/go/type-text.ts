// Go types as the scope analysis writes them in Decl.typeName: a named type (`T`, `pkg.T`, pointers
// and type arguments dropped), or a container of one: `[]T` (slices and arrays), `map[K]V`,
// `chan T`. The containers matter for what ranging over a value or indexing it yields
// (`for _, f := range list.List { f.Pos() }`); the resolver asks elementType() for that.

/** The type of a range's key (`key`) or value (`value`) variable, or of `x[i]` (`value`), over a value of type `typeName`. */
export function elementType(typeName: string | undefined, which: 'key' | 'value'): string | undefined {
  if (!typeName) return undefined;
  if (typeName.startsWith('[]')) return which === 'value' ? typeName.slice(2) : undefined; // the key is an int
  if (typeName.startsWith('chan ')) return which === 'key' ? typeName.slice(5) : undefined; // `for v := range ch`
  if (!typeName.startsWith('map[')) return undefined;
  let depth = 0;
  for (let i = 3; i < typeName.length; i++) {
    if (typeName[i] === '[') depth++;
    else if (typeName[i] === ']' && --depth === 0) return which === 'key' ? typeName.slice(4, i) : typeName.slice(i + 1);
  }
  return undefined;
}

/** Whether a type name is a container (slice, map, channel) rather than a named type with members. */
export const isContainerType = (typeName: string) => typeName.startsWith('[') || typeName.startsWith('map[') || typeName.startsWith('chan ');
