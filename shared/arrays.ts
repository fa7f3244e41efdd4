// Array helpers for lists of any length.

/**
 * Appends every item, in order. `into.push(...items)` passes each item as an argument, and past
 * about a hundred thousand of them overflows the stack ("Maximum call stack size exceeded").
 */
export function append<T>(into: T[], items: Iterable<T>): T[] {
  for (const item of items) into.push(item);
  return into;
}

/** The least and greatest of the numbers (Infinity / -Infinity for none), without spreading them into Math.min / Math.max. */
export function extent(values: Iterable<number>): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}
