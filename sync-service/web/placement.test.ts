import { describe, expect, it } from 'vitest';
import { placeObjectives, walkPlaced } from './placement.ts';
import { company, sheet } from './test-support.ts';

const keysUnder = (p: ReturnType<typeof placeObjectives>, key: string) => p.byKey.get(key)!.children.map((c) => c.key);

describe('placeObjectives', () => {
  it('places each objective once, under its first parent, and keeps the other parents as extra links', () => {
    const a = company([
      sheet('Company', [{ id: 'C1' }, { id: 'C2' }], { company: true }),
      sheet('Eng', [
        { id: 'E1', to: 'C1' },
        { id: 'E2', to: 'C2, C1' },
        { id: 'E3', to: 'E1, C2' },
      ]),
    ]);
    const p = placeObjectives(a);
    expect(p.tops.map((t) => t.key)).toEqual(['C1', 'C2']);
    expect(keysUnder(p, 'C1')).toEqual(['E1']);
    expect(keysUnder(p, 'C2')).toEqual(['E2']);
    expect(keysUnder(p, 'E1')).toEqual(['E3']);
    expect(p.extraLinks).toEqual(
      expect.arrayContaining([
        { parent: 'C1', child: 'E2' },
        { parent: 'C2', child: 'E3' },
      ]),
    );
    expect(p.extraLinks).toHaveLength(2);
    expect(p.byKey.get('E2')!.otherParents).toEqual(['C1']);
    expect(p.placedBeneath).toBe(3);
    expect(p.withoutCompany).toBe(false);
    // Every objective exactly once.
    const all = [...walkPlaced(p.tops), ...walkPlaced(p.unaligned)].map((x) => x.node.key);
    expect(all.sort()).toEqual(a.objectives.map((o) => o.key).sort());
  });

  it('skips a first parent that reaches no company objective', () => {
    const a = company([sheet('Company', [{ id: 'C1' }], { company: true }), sheet('Eng', [{ id: 'LOOSE' }, { id: 'E1', to: 'LOOSE, C1' }])]);
    const p = placeObjectives(a);
    expect(keysUnder(p, 'C1')).toEqual(['E1']);
    expect(p.unaligned.map((n) => n.key)).toEqual(['LOOSE']);
    expect(p.byKey.get('LOOSE')!.children).toEqual([]);
    // The link into the unaligned forest is not drawn (it is listed on the objective's page).
    expect(p.extraLinks).toEqual([]);
  });

  it('puts orphans and everything aligned beneath them in the unaligned forest', () => {
    const a = company([
      sheet('Company', [{ id: 'C1' }], { company: true }),
      sheet('Ops', [{ id: 'O1' }, { id: 'O2', to: 'O1' }, { id: 'O3', to: 'O2' }, { id: 'O4', to: 'C1' }]),
    ]);
    const p = placeObjectives(a);
    expect(p.unaligned.map((n) => n.key)).toEqual(['O1']);
    expect(keysUnder(p, 'O1')).toEqual(['O2']);
    expect(keysUnder(p, 'O2')).toEqual(['O3']);
    expect(p.placedBeneath).toBe(1);
  });

  it('without a company sheet, the tops are the objectives with no parent', () => {
    const a = company([sheet('Eng', [{ id: 'E1' }, { id: 'E2', to: 'E1' }]), sheet('Ops', [{ id: 'O1' }])]);
    const p = placeObjectives(a);
    expect(p.withoutCompany).toBe(true);
    expect(p.tops.map((t) => t.key)).toEqual(['E1', 'O1']);
    expect(keysUnder(p, 'E1')).toEqual(['E2']);
    expect(p.unaligned).toEqual([]);
  });

  it('keeps objectives in a cycle visible', () => {
    const a = company([
      sheet('Company', [{ id: 'C1' }], { company: true }),
      sheet('Eng', [
        { id: 'E1', to: 'E2' },
        { id: 'E2', to: 'E1' },
      ]),
    ]);
    const p = placeObjectives(a);
    const all = [...walkPlaced(p.tops), ...walkPlaced(p.unaligned)].map((x) => x.node.key);
    expect(all.sort()).toEqual(['C1', 'E1', 'E2']);
  });
});
