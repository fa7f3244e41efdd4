// Turns the alignment DAG into a tree that can be drawn, honestly: each objective is placed once,
// under its FIRST parent that leads up to a company objective (the first one its sheet names in
// Aligns To); every other parent is kept as an extra link, drawn dashed and named on the card.
// Objectives that reach no company objective are placed the same way in a separate "not aligned"
// forest. Pure.
import type { AlignedObjective } from '../../shared/schemas.ts';
import { append, walkForest } from '../../shared/arrays.ts';

export interface PlacedNode {
  key: string;
  objective: AlignedObjective;
  children: PlacedNode[];
  /** Parents other than the one this node is placed under (keys), in the sheet's order. */
  otherParents: string[];
}

export interface ExtraLink {
  parent: string;
  child: string;
}

export interface Placement {
  /** Company objectives (or, without a company sheet, objectives with no parent), each with its subtree. */
  tops: PlacedNode[];
  /** Trees of objectives that reach no top (orphans and what is aligned beneath them). */
  unaligned: PlacedNode[];
  /** Links not drawn as tree edges: child → a parent other than the one it is placed under. */
  extraLinks: ExtraLink[];
  /** Objectives placed beneath the tops. */
  placedBeneath: number;
  /** True when there is no company objective (the tops are top-level team objectives). */
  withoutCompany: boolean;
  byKey: ReadonlyMap<string, PlacedNode>;
}

export interface PlacementInput {
  objectives: readonly AlignedObjective[];
  /** Company objectives' keys, in sheet order. */
  roots: readonly string[];
}

export function placeObjectives(input: PlacementInput): Placement {
  const byKey = new Map(input.objectives.map((o) => [o.key, o]));
  const companyTops = input.roots.filter((k) => byKey.has(k));
  const withoutCompany = companyTops.length === 0;
  const topKeys = withoutCompany ? input.objectives.filter((o) => o.parents.length === 0).map((o) => o.key) : companyTops;

  const placed = new Map<string, PlacedNode>();
  const placedUnder = new Map<string, string | null>();
  const extraLinks: ExtraLink[] = [];

  /** Places `tops` and everything below them among `allowed` objectives; returns the placed tops. */
  const placeForest = (tops: readonly string[], allowed: ReadonlySet<string>): PlacedNode[] => {
    const topSet = new Set(tops);
    const primary = (o: AlignedObjective) => o.parents.find((p) => allowed.has(p)) ?? null;
    const make = (o: AlignedObjective, parent: string | null): PlacedNode => {
      const n: PlacedNode = { key: o.key, objective: o, children: [], otherParents: [] };
      placed.set(o.key, n);
      placedUnder.set(o.key, parent);
      return n;
    };
    const out: PlacedNode[] = [];
    for (const k of tops) if (!placed.has(k)) out.push(make(byKey.get(k)!, null));
    // Breadth first, so a node's children are placed in the order its sheet lists them.
    const queue = [...out];
    for (let i = 0; i < queue.length; i++) {
      const n = queue[i]!;
      for (const ck of n.objective.children) {
        const c = byKey.get(ck);
        if (!c || !allowed.has(ck) || topSet.has(ck) || placed.has(ck)) continue;
        if (primary(c) !== n.key) continue; // placed when its first parent is reached
        const child = make(c, n.key);
        n.children.push(child);
        queue.push(child);
      }
    }
    return out;
  };

  // Everything reachable from the tops, following children.
  const reachable = new Set<string>();
  const stack = [...topKeys];
  while (stack.length) {
    const k = stack.pop()!;
    if (reachable.has(k)) continue;
    reachable.add(k);
    for (const c of byKey.get(k)?.children ?? []) stack.push(c);
  }

  const tops = placeForest(topKeys, reachable);
  // A first parent is always placed before its child (the links are acyclic), but keep anything
  // left over visible rather than lose it.
  const leftover = [...reachable].filter((k) => !placed.has(k));
  if (leftover.length) append(tops, placeForest(leftover, reachable));

  const rest = new Set(input.objectives.map((o) => o.key).filter((k) => !reachable.has(k)));
  const restTops = input.objectives.filter((o) => rest.has(o.key) && !o.parents.some((p) => rest.has(p))).map((o) => o.key);
  const unaligned = placeForest(restTops, rest);
  const restLeft = [...rest].filter((k) => !placed.has(k));
  if (restLeft.length) append(unaligned, placeForest(restLeft, rest));

  for (const n of placed.values()) {
    const under = placedUnder.get(n.key) ?? null;
    const allowed = reachable.has(n.key) ? reachable : rest;
    for (const p of n.objective.parents) {
      if (p === under || !allowed.has(p) || !placed.has(p)) continue;
      n.otherParents.push(p);
      extraLinks.push({ parent: p, child: n.key });
    }
  }

  const topSet = new Set(tops.map((t) => t.key));
  const placedBeneath = [...reachable].filter((k) => !topSet.has(k)).length;
  return { tops, unaligned, extraLinks, placedBeneath, withoutCompany, byKey: placed };
}

/** Every node of a placed forest, depth first, with its depth (tops are 0). */
export function walkPlaced(nodes: readonly PlacedNode[], depth = 0): Generator<{ node: PlacedNode; depth: number }> {
  return walkForest(nodes, depth);
}
