// Where the alignment diagram's cards and lines go. The mission sits on top; each company
// objective heads a column (an org-chart "bus" joins them to the mission), and the objectives
// aligned beneath it hang below as an indented tree: d3-hierarchy's pre-order walk gives each a
// row, its depth gives the indent, and each parent's spine runs down to its children.
// That keeps a quarter of a 5-team company on one screen, where a left-to-right tidy tree would
// be several screens tall. Past COLLAPSE_ABOVE team objectives each column shows a summary card
// instead, and each company objective's subtree gets its own multi-column layout (detailLayout).
// Pure: boxes and SVG path data only.
import { type HierarchyNode, hierarchy } from 'd3-hierarchy';
import type { Status } from '../../shared/schemas.ts';
import type { ExtraLink, PlacedNode, Placement } from './placement.ts';
import { append } from '../../shared/arrays.ts';

/** Above this many objectives beneath the company objectives, the overview collapses them. */
export const COLLAPSE_ABOVE = 40;

/** The width the page lays diagrams out for (the content column at 1440 px). */
export const DESIGN_WIDTH = 1312;

export const SIZES = {
  pad: 6,
  gap: 20,
  missionH: 84,
  topH: 96,
  nodeH: 66,
  row: 76,
  indent: 22,
  busGap: 26,
  summaryH: 92,
  minCol: 270,
  maxCol: 380,
  minCard: 190,
} as const;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Summary {
  /** Objectives placed beneath the top. */
  count: number;
  teams: number;
  byStatus: Record<Status, number>;
  /** Mean rolled score of the objectives directly beneath. */
  mean: number | null;
  /** Objectives placed under another company objective that also align to this one. */
  sharedIn: number;
}

export type LaidNode =
  | { kind: 'mission'; box: Box }
  | { kind: 'top' | 'objective'; box: Box; node: PlacedNode; depth: number }
  | { kind: 'summary'; box: Box; top: PlacedNode; summary: Summary };

export interface Edge {
  kind: 'tree' | 'extra';
  d: string;
  /** An extra link's child and parent keys (it is drawn from the child to the parent). */
  from?: string;
  to?: string;
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: LaidNode[];
  edges: Edge[];
  collapsed: boolean;
}

const r = (n: number) => Math.round(n * 10) / 10;

function rowsOf(root: PlacedNode): HierarchyNode<PlacedNode>[] {
  const rows: HierarchyNode<PlacedNode>[] = [];
  hierarchy(root, (d) => d.children).eachBefore((d) => {
    if (d.depth > 0) rows.push(d);
  });
  return rows;
}

/** A parent's spine down its left side, then a rounded elbow into the child's left edge. */
function elbow(parent: Box, child: Box): string {
  const sx = parent.x + 12;
  const cy = child.y + child.h / 2;
  const rad = Math.min(8, child.x - sx);
  return `M${r(sx)} ${r(parent.y + parent.h)}V${r(cy - rad)}Q${r(sx)} ${r(cy)} ${r(sx + rad)} ${r(cy)}H${r(child.x)}`;
}

/** A polyline with rounded corners. */
function rounded(points: readonly (readonly [number, number])[], radius = 6): string {
  let d = `M${r(points[0]![0])} ${r(points[0]![1])}`;
  for (let i = 1; i < points.length; i++) {
    const [x, y] = points[i]!;
    const next = points[i + 1];
    if (!next) {
      d += `L${r(x)} ${r(y)}`;
      break;
    }
    const [px, py] = points[i - 1]!;
    const [nx, ny] = next;
    const inLen = Math.hypot(x - px, y - py);
    const outLen = Math.hypot(nx - x, ny - y);
    const rad = Math.min(radius, inLen / 2, outLen / 2);
    const ax = x - ((x - px) / (inLen || 1)) * rad;
    const ay = y - ((y - py) / (inLen || 1)) * rad;
    const bx = x + ((nx - x) / (outLen || 1)) * rad;
    const by = y + ((ny - y) / (outLen || 1)) * rad;
    d += `L${r(ax)} ${r(ay)}Q${r(x)} ${r(y)} ${r(bx)} ${r(by)}`;
  }
  return d;
}

/** A card and the column it stands in (links run down the gutters between columns). */
export interface Placed {
  box: Box;
  colX: number;
  colW: number;
}

/** Room for the dashed links' horizontal runs, in the band above the first row of objectives. */
const LANE = 6;
const MAX_LANES = 6;
const GUTTER_STEP = 3;
const laneBand = (links: number) => Math.min(links, MAX_LANES) * LANE;

/**
 * A dashed link from a card to another parent it also aligns to, drawn so a reader can follow it:
 * it leaves the child on the side facing the parent, never crosses a card — it runs only in the
 * gutters between columns and, to cross columns, along a lane in the band above the first row —
 * and enters the parent on the side facing the child. Sides are entered below their middle, where
 * the tree's own elbow (at the middle of the left side) does not arrive.
 */
export function extraPath(parent: Placed, child: Placed, laneY: number, shift = 0): string {
  const P = parent.box;
  const C = child.box;
  // Links sharing a gutter run side by side in it (shift: a few pixels either way of its middle).
  const half = SIZES.gap / 2 + shift;
  const low = (b: Box) => b.y + b.h * 0.72;
  if (child.colX === parent.colX) {
    // The same column: out of the right side, down (or up) the right gutter, into the right side.
    const gx = parent.colX + parent.colW + half;
    return rounded([
      [C.x + C.w, C.y + C.h / 2],
      [gx, C.y + C.h / 2],
      [gx, P.y + P.h / 2],
      [P.x + P.w, P.y + P.h / 2],
    ]);
  }
  const rightward = parent.colX > child.colX;
  const start: [number, number] = rightward ? [C.x + C.w, C.y + C.h / 2] : [C.x, low(C)];
  const end: [number, number] = rightward ? [P.x, low(P)] : [P.x + P.w, P.y + P.h / 2];
  const childGutter = rightward ? child.colX + child.colW + half : child.colX - SIZES.gap + half;
  const parentGutter = rightward ? parent.colX - SIZES.gap + half : parent.colX + parent.colW + half;
  const points: [number, number][] = [start, [childGutter, start[1]]];
  // Neighbouring columns share a gutter; otherwise cross the columns in between along the lane.
  if (Math.abs(childGutter - parentGutter) > 1) points.push([childGutter, laneY], [parentGutter, laneY]);
  points.push([parentGutter, end[1]], end);
  return rounded(points);
}

function extraEdges(links: readonly ExtraLink[], placed: ReadonlyMap<string, Placed>, laneTop: number): Edge[] {
  const out: Edge[] = [];
  const lanes = Math.max(1, Math.min(links.length, MAX_LANES));
  links.forEach((l, i) => {
    const p = placed.get(l.parent);
    const c = placed.get(l.child);
    const lane = i % lanes;
    const shift = (lane - (lanes - 1) / 2) * GUTTER_STEP;
    if (p && c) out.push({ kind: 'extra', d: extraPath(p, c, laneTop + LANE / 2 + lane * LANE, shift), from: l.child, to: l.parent });
  });
  return out;
}

export function summarize(top: PlacedNode, placement: Placement): Summary {
  const byStatus: Record<Status, number> = { 'on-track': 0, 'at-risk': 0, 'off-track': 0, 'not-started': 0 };
  const teams = new Set<string>();
  let count = 0;
  hierarchy(top, (d) => d.children).each((d) => {
    if (d.depth === 0) return;
    count++;
    teams.add(d.data.objective.team);
    byStatus[d.data.objective.status]++;
  });
  const direct = top.children.map((c) => c.objective.rolledScore).filter((s): s is number => s !== null);
  const sharedIn = placement.extraLinks.filter((l) => l.parent === top.key).length;
  return {
    count,
    teams: teams.size,
    byStatus,
    mean: direct.length ? direct.reduce((a, b) => a + b, 0) / direct.length : null,
    sharedIn,
  };
}

/** Column width for n columns across the design width (beyond that the diagram scrolls). */
function columnWidth(n: number): number {
  const w = Math.floor((DESIGN_WIDTH - 2 * SIZES.pad + SIZES.gap) / Math.max(1, n));
  return Math.max(SIZES.minCol, Math.min(SIZES.maxCol, w));
}

/** The overview: mission → company objectives → (objectives beneath | one summary card each). */
export function overviewLayout(placement: Placement, opts: { collapse?: boolean } = {}): DiagramLayout {
  const S = SIZES;
  const collapsed = opts.collapse ?? placement.placedBeneath > COLLAPSE_ABOVE;
  const n = Math.max(1, placement.tops.length);
  const colW = columnWidth(n);
  const cardW = colW - S.gap;
  const width = Math.max(DESIGN_WIDTH, 2 * S.pad + n * colW - S.gap);
  // Columns are centred when they do not fill the width.
  const used = n * colW - S.gap;
  const left = (width - used) / 2;

  const nodes: LaidNode[] = [];
  const edges: Edge[] = [];
  const boxes = new Map<string, Box>();
  const placed = new Map<string, Placed>();

  const missionW = Math.min(640, width - 2 * S.pad);
  const mission: Box = { x: (width - missionW) / 2, y: S.pad, w: missionW, h: S.missionH };
  nodes.push({ kind: 'mission', box: mission });
  const busY = mission.y + mission.h + S.busGap;
  const topY = busY + S.busGap;
  let bottom = mission.y + mission.h;

  const centers: number[] = [];
  const band = laneBand(placement.extraLinks.length);
  placement.tops.forEach((top, i) => {
    const x = left + i * colW;
    const box: Box = { x, y: topY, w: cardW, h: S.topH };
    centers.push(x + cardW / 2);
    boxes.set(top.key, box);
    placed.set(top.key, { box, colX: x, colW: cardW });
    nodes.push({ kind: 'top', box, node: top, depth: 0 });
    bottom = Math.max(bottom, box.y + box.h);
    if (top.children.length === 0) return;
    if (collapsed) {
      const sbox: Box = { x: x + S.indent, y: box.y + box.h + 14, w: cardW - S.indent, h: S.summaryH };
      nodes.push({ kind: 'summary', box: sbox, top, summary: summarize(top, placement) });
      edges.push({ kind: 'tree', d: elbow(box, sbox) });
      bottom = Math.max(bottom, sbox.y + sbox.h);
      return;
    }
    const start = box.y + box.h + 14 + band;
    rowsOf(top).forEach((d, row) => {
      const indent = S.indent * Math.min(d.depth, 5);
      const b: Box = { x: x + indent, y: start + row * S.row, w: Math.max(S.minCard, cardW - indent), h: S.nodeH };
      boxes.set(d.data.key, b);
      placed.set(d.data.key, { box: b, colX: x, colW: cardW });
      nodes.push({ kind: 'objective', box: b, node: d.data, depth: d.depth });
      const parentBox = boxes.get(d.parent!.data.key)!;
      edges.push({ kind: 'tree', d: elbow(parentBox, b) });
      bottom = Math.max(bottom, b.y + b.h);
    });
  });

  if (centers.length) {
    const mx = mission.x + mission.w / 2;
    const lo = Math.min(mx, ...centers);
    const hi = Math.max(mx, ...centers);
    let d = `M${r(mx)} ${r(mission.y + mission.h)}V${r(busY)}M${r(lo)} ${r(busY)}H${r(hi)}`;
    for (const c of centers) d += `M${r(c)} ${r(busY)}V${r(topY)}`;
    edges.unshift({ kind: 'tree', d });
  }
  append(edges, extraEdges(placement.extraLinks, placed, topY + S.topH + 7));
  return { width: r(width), height: r(bottom + S.pad), nodes, edges, collapsed };
}

/**
 * One subtree (a company objective's, or an unaligned objective's) in as many columns as keep it
 * short: each first-level objective and everything beneath it stays together in one column.
 */
export function detailLayout(root: PlacedNode, links: readonly ExtraLink[], opts: { maxColumns?: number; rowsPerColumn?: number } = {}): DiagramLayout {
  const S = SIZES;
  const blocks: PlacedNode[][] = root.children.map((c) => [c, ...rowsOf(c).map((d) => d.data)]);
  const depthOf = new Map<string, number>();
  const parentOf = new Map<string, string>();
  for (const child of root.children) {
    hierarchy(child, (d) => d.children).each((d) => {
      depthOf.set(d.data.key, d.depth);
      if (d.parent) parentOf.set(d.data.key, d.parent.data.key);
    });
  }
  const total = blocks.reduce((s, rows) => s + rows.length, 0) || 1;
  const maxColumns = opts.maxColumns ?? Math.max(1, Math.floor((DESIGN_WIDTH + S.gap) / (SIZES.minCol + 40)));
  const wanted = Math.min(maxColumns, Math.max(1, Math.ceil(total / (opts.rowsPerColumn ?? 8))));
  const perColumn = Math.ceil(total / wanted);

  // Greedy: fill a column up to perColumn rows; a block never splits.
  const columns: PlacedNode[][] = [[]];
  for (const rows of blocks) {
    const size = rows.length;
    let col = columns[columns.length - 1]!;
    if (col.length > 0 && col.length + size > perColumn && columns.length < wanted) {
      col = [];
      columns.push(col);
    }
    append(col, rows);
  }

  const n = columns.length;
  const colW = columnWidth(Math.max(n, Math.min(wanted, 3)));
  const cardW = colW - S.gap;
  const width = Math.max(2 * S.pad + n * colW - S.gap, cardW + 2 * S.pad);
  const nodes: LaidNode[] = [];
  const edges: Edge[] = [];
  const boxes = new Map<string, Box>();
  const placed = new Map<string, Placed>();
  let bottom = 0;
  const top = S.pad + laneBand(links.length);
  columns.forEach((col, i) => {
    const x = S.pad + i * colW;
    col.forEach((node, row) => {
      const depth = depthOf.get(node.key) ?? 0;
      const indent = S.indent * Math.min(depth, 5);
      const b: Box = { x: x + indent, y: top + row * S.row, w: Math.max(S.minCard, cardW - indent), h: S.nodeH };
      boxes.set(node.key, b);
      placed.set(node.key, { box: b, colX: x, colW: cardW });
      nodes.push({ kind: 'objective', box: b, node, depth: depth + 1 });
      const parent = parentOf.get(node.key);
      const pb = parent ? boxes.get(parent) : undefined;
      if (pb) edges.push({ kind: 'tree', d: elbow(pb, b) });
      bottom = Math.max(bottom, b.y + b.h);
    });
  });
  append(edges, extraEdges(links, placed, S.pad));
  return { width: r(width), height: r(bottom + S.pad), nodes, edges, collapsed: false };
}
