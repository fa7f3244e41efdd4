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

/**
 * Every node of a forest, depth first (a node, then its children's subtrees in order), with its
 * depth. Iterative: a chain thousands of links deep must not overflow the stack.
 */
export function* walkForest<N extends { children: readonly N[] }>(nodes: readonly N[], depth = 0): Generator<{ node: N; depth: number }> {
  const stack: { node: N; depth: number }[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push({ node: nodes[i]!, depth });
  while (stack.length) {
    const top = stack.pop()!;
    yield top;
    const children = top.node.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, depth: top.depth + 1 });
  }
}
