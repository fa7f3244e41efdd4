import { describe, expect, it } from 'vitest';
import { type Box, COLLAPSE_ABOVE, detailLayout, overviewLayout, SIZES } from './diagram-layout.ts';
import { placeObjectives, walkPlaced } from './placement.ts';
import { company, type O, sheet } from './test-support.ts';

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function expectNoOverlaps(boxes: Box[]) {
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `boxes ${i} and ${j}`).toBe(false);
}

/** n teams × k objectives, each aligned to company objective (i % 3) + 1; some under another team's. */
function bigCompany(teams: number, perTeam: number) {
  const tables = [sheet('Company', [{ id: 'C1' }, { id: 'C2' }, { id: 'C3' }], { company: true })];
  for (let t = 0; t < teams; t++) {
    const rows: O[] = [];
    for (let o = 0; o < perTeam; o++)
      rows.push({ id: `T${t}-${o}`, to: o === 2 && t > 0 ? `T${t - 1}-0` : `C${((t + o) % 3) + 1}${o === 1 ? `, C${((t + o + 1) % 3) + 1}` : ''}` });
    tables.push(sheet(`Team ${t}`, rows));
  }
  return placeObjectives(company(tables));
}

describe('overviewLayout', () => {
  it('puts the mission on top, one column per company objective, and everything beneath without overlaps', () => {
    const p = bigCompany(5, 3);
    const l = overviewLayout(p);
    expect(l.collapsed).toBe(false);
    const mission = l.nodes.find((n) => n.kind === 'mission')!;
    const tops = l.nodes.filter((n) => n.kind === 'top');
    expect(tops).toHaveLength(3);
    for (const t of tops) expect(t.box.y).toBeGreaterThan(mission.box.y + mission.box.h);
    const objectives = l.nodes.filter((n) => n.kind === 'objective');
    expect(objectives).toHaveLength(p.placedBeneath);
    expectNoOverlaps(l.nodes.map((n) => n.box));
    // A child sits below its parent and indented from it, inside the parent's column.
    const boxOf = new Map(l.nodes.flatMap((n) => (n.kind === 'top' || n.kind === 'objective' ? [[n.node.key, n.box] as const] : [])));
    for (const n of objectives) {
      if (n.kind !== 'objective') continue;
      for (const { node: parent } of walkPlaced(p.tops)) {
        if (!parent.children.some((c) => c.key === n.node.key)) continue;
        const pb = boxOf.get(parent.key)!;
        expect(n.box.y).toBeGreaterThan(pb.y);
        expect(n.box.x).toBeGreaterThan(pb.x);
        expect(n.box.x + n.box.w).toBeLessThanOrEqual(pb.x + pb.w + 0.01);
      }
    }
    // Every extra link is drawn (dashed), plus the tree's own edges.
    expect(l.edges.filter((e) => e.kind === 'extra')).toHaveLength(p.extraLinks.length);
    expect(p.extraLinks.length).toBeGreaterThan(0);
    for (const n of l.nodes) expect(n.box.x + n.box.w).toBeLessThanOrEqual(l.width);
    for (const n of l.nodes) expect(n.box.y + n.box.h).toBeLessThanOrEqual(l.height);
  });

  it(`collapses into one summary per company objective above ${COLLAPSE_ABOVE} objectives beneath`, () => {
    const p = bigCompany(20, 3);
    expect(p.placedBeneath).toBeGreaterThan(COLLAPSE_ABOVE);
    const l = overviewLayout(p);
    expect(l.collapsed).toBe(true);
    expect(l.nodes.filter((n) => n.kind === 'objective')).toHaveLength(0);
    const summaries = l.nodes.flatMap((n) => (n.kind === 'summary' ? [n.summary] : []));
    expect(summaries).toHaveLength(3);
    expect(summaries.reduce((s, x) => s + x.count, 0)).toBe(p.placedBeneath);
    for (const s of summaries) expect(Object.values(s.byStatus).reduce((a, b) => a + b, 0)).toBe(s.count);
    expect(summaries.reduce((s, x) => s + x.sharedIn, 0)).toBe(p.extraLinks.filter((x) => p.tops.some((t) => t.key === x.parent)).length);
    expectNoOverlaps(l.nodes.map((n) => n.box));
  });
});

describe('detailLayout', () => {
  it('spreads a long subtree over columns, keeping each first-level objective with its subtree', () => {
    const p = bigCompany(30, 3);
    const top = p.tops[0]!;
    const l = detailLayout(top, p.extraLinks);
    const nodes = l.nodes.flatMap((n) => (n.kind === 'objective' ? [n] : []));
    const count = (n: typeof top): number => n.children.reduce((s, c) => s + 1 + count(c), 0);
    expect(nodes).toHaveLength(count(top));
    const colOf = new Map(nodes.map((n) => [n.node.key, Math.round(n.box.x - SIZES.indent * (n.depth - 1))]));
    expect(new Set(colOf.values()).size).toBeGreaterThan(1);
    expectNoOverlaps(nodes.map((n) => n.box));
    // Descendants stay in their first-level ancestor's column.
    const check = (n: typeof top, col: number) => {
      for (const c of n.children) {
        expect(colOf.get(c.key)).toBe(col);
        check(c, col);
      }
    };
    for (const first of top.children) check(first, colOf.get(first.key)!);
  });
});
