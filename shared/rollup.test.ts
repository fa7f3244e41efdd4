import { describe, expect, it } from 'vitest';
import { parseOkrTable } from './contract.ts';
import { duplicateObjectiveProblems, rollup } from './rollup.ts';
import type { AlignedObjective, Alignment, ParsedTable } from './schemas.ts';
import type { Cell } from './values.ts';

/** score: a number → one manual key result scoring it; 'none' → no key results; 'unscorable' → a KR of unknown type. */
type O = { id: string; to?: string; score?: number | 'none' | 'unscorable'; weight?: Cell; kind?: string; title?: string };
const HEADER = ['Objective ID', 'Objective', 'Aligns To', 'Key Result', 'Type', 'Current', 'Kind', 'Objective Weight'];

function sheet(team: string, objectives: O[], opts: { company?: boolean; start?: string; end?: string; tab?: string } = {}): ParsedTable {
  const meta: Cell[][] = [['Team:', team]];
  if (opts.company) meta.push(['Mission:', 'Make OKRs easy']);
  if (opts.start) meta.push(['Start:', opts.start], ['End:', opts.end ?? opts.start]);
  const rows = objectives.map((o): Cell[] => {
    const s = o.score ?? 0.5;
    const kr: Cell[] = s === 'none' ? [null, null, null] : s === 'unscorable' ? ['KR', 'guess', 1] : ['KR', 'manual', s];
    return [o.id, o.title ?? `Objective for ${team}`, o.to ?? null, ...kr, o.kind ?? null, o.weight ?? null];
  });
  return parseOkrTable([...meta, HEADER, ...rows], { tab: opts.tab ?? 'OKRs' });
}
const byKey = (a: Alignment, key: string): AlignedObjective => {
  const o = a.objectives.find((x) => x.key === key);
  if (!o) throw new Error(`no ${key}`);
  return o;
};
const scores = (a: Alignment) => Object.fromEntries(a.objectives.map((o) => [o.key, o.rolledScore]));
const structural = (a: Alignment) => a.problems.filter((p) => ['cycle', 'unknown-parent', 'duplicate-id'].includes(p.code));

describe('rolled-up score', () => {
  it('is the weighted mean of its own score (weight 1) and each child’s rolled-up score (Objective Weight)', () => {
    const a = rollup([
      sheet('Company', [{ id: 'CO-1', score: 0.2 }], { company: true }),
      sheet('web', [
        { id: 'W-1', to: 'CO-1', score: 0.8 },
        { id: 'W-2', to: 'CO-1', score: 0.5, weight: 2 },
      ]),
    ]);
    expect(byKey(a, 'CO-1').rolledScore).toBeCloseTo((0.2 + 0.8 + 0.5 * 2) / 4, 12);
    expect(byKey(a, 'CO-1').score).toBe(0.2); // its own score is kept
    expect(byKey(a, 'W-1').rolledScore).toBe(0.8);
    expect(byKey(a, 'CO-1').children).toEqual(['W-1', 'W-2']);
    expect(byKey(a, 'W-2').parents).toEqual(['CO-1']);
    expect(a.roots).toEqual(['CO-1']);
    expect(a.overall).toBeCloseTo(0.5, 12);
  });

  it('rolls up through several levels', () => {
    const a = rollup([
      sheet('Company', [{ id: 'CO-1', score: 'none' }], { company: true }),
      sheet('eng', [{ id: 'E-1', to: 'CO-1', score: 0.4 }]),
      sheet('web', [{ id: 'W-1', to: 'E-1', score: 1 }]),
    ]);
    expect(scores(a)).toEqual({ 'CO-1': 0.7, 'E-1': 0.7, 'W-1': 1 });
    expect(byKey(a, 'W-1').reachesCompany).toBe(true);
  });

  it('leaves out the own score when there are no key results (or none can be scored), and has none when neither', () => {
    const a = rollup([
      sheet('Company', [{ id: 'CO-1', score: 'none' }, { id: 'CO-2', score: 'unscorable' }, { id: 'CO-3', score: 'none' }], { company: true }),
      sheet('web', [{ id: 'W-1', to: 'CO-1, CO-2', score: 0.6 }]),
    ]);
    expect(scores(a)).toEqual({ 'CO-1': 0.6, 'CO-2': 0.6, 'CO-3': null, 'W-1': 0.6 });
    expect(byKey(a, 'CO-3').grade).toBeNull();
  });

  it('a child with several parents counts in each', () => {
    const a = rollup([
      sheet('Company', [{ id: 'CO-1', score: 0 }, { id: 'CO-2', score: 1 }], { company: true }),
      sheet('web', [{ id: 'W-1', to: 'CO-1; CO-2', score: 0.5 }]),
    ]);
    expect(scores(a)).toEqual({ 'CO-1': 0.25, 'CO-2': 0.75, 'W-1': 0.5 });
    expect(byKey(a, 'W-1').parents).toEqual(['CO-1', 'CO-2']);
  });

  it('Objective Weight 0 leaves a child out', () => {
    const a = rollup([sheet('Company', [{ id: 'CO-1', score: 1 }], { company: true }), sheet('web', [{ id: 'W-1', to: 'CO-1', score: 0, weight: 0 }])]);
    expect(byKey(a, 'CO-1').rolledScore).toBe(1);
  });

  it('modes: key-results (own only) and children (children only, own when it has none)', () => {
    const tables = [
      sheet('Company', [{ id: 'CO-1', score: 0.2 }, { id: 'CO-2', score: 0.9 }], { company: true }),
      sheet('web', [{ id: 'W-1', to: 'CO-1', score: 0.8 }]),
    ];
    expect(rollup(tables).mode).toBe('both');
    expect(scores(rollup(tables, { mode: 'key-results' }))).toEqual({ 'CO-1': 0.2, 'CO-2': 0.9, 'W-1': 0.8 });
    const children = rollup(tables, { mode: 'children' });
    expect(children.mode).toBe('children');
    expect(scores(children)).toEqual({ 'CO-1': 0.8, 'CO-2': 0.9, 'W-1': 0.8 });
  });

  it('grades with the objective’s own kind', () => {
    const a = rollup([sheet('Company', [{ id: 'CO-1', score: 0.8, kind: 'committed' }, { id: 'CO-2', score: 0.8 }], { company: true })]);
    expect(byKey(a, 'CO-1').grade).toBe('yellow');
    expect(byKey(a, 'CO-2').grade).toBe('green');
  });
});

describe('cycles', () => {
  it.each([
    [['X-1'], 'X-1 → X-1'],
    [['X-1', 'Y-1'], 'X-1 → Y-1 → X-1'],
    [['X-1', 'Y-1', 'Z-1'], 'X-1 → Y-1 → Z-1 → X-1'],
    [['X-1', 'Y-1', 'Z-1', 'Q-1'], 'X-1 → Y-1 → Z-1 → Q-1 → X-1'],
  ])('a cycle of %j: every member gets a problem naming the path; links inside are ignored', (ids, path) => {
    // Each objective aligns to the next; the last to the first.
    const objs: O[] = ids.map((id, i) => ({ id, to: ids[(i + 1) % ids.length], score: (i + 1) / 10 }));
    const a = rollup([sheet('loop', objs)]);
    const cycles = a.problems.filter((p) => p.code === 'cycle');
    expect(cycles).toHaveLength(ids.length);
    expect(cycles.find((p) => p.objectiveId === 'X-1')!.message).toContain(`cycle: ${path}`);
    for (const [i, id] of ids.entries()) {
      const o = byKey(a, id);
      const p = cycles.find((c) => c.objectiveId === id)!;
      expect(p).toMatchObject({ severity: 'error', team: 'loop', row: o.row, column: 'Aligns To' });
      expect(p.message).toMatch(new RegExp(`^cycle: ${id} → (.+ → )?${id} \\(`));
      expect(o).toMatchObject({ inCycle: true, parents: [], children: [] });
      expect(o.rolledScore).toBeCloseTo((i + 1) / 10, 12);
    }
  });

  it('objectives outside the cycle still roll into it', () => {
    const a = rollup([
      sheet('Company', [{ id: 'CO-1', score: 0.5 }], { company: true }),
      sheet('loop', [
        { id: 'X-1', to: 'Y-1, CO-1', score: 0.2 },
        { id: 'Y-1', to: 'X-1', score: 0.4 },
        { id: 'L-1', to: 'X-1', score: 1 },
      ]),
    ]);
    expect(byKey(a, 'X-1')).toMatchObject({ inCycle: true, parents: ['CO-1'], children: ['L-1'] });
    expect(byKey(a, 'X-1').rolledScore).toBeCloseTo(0.6, 12);
    expect(byKey(a, 'L-1')).toMatchObject({ inCycle: false, reachesCompany: true });
    expect(byKey(a, 'Y-1')).toMatchObject({ inCycle: true, reachesCompany: false, rolledScore: 0.4 });
    expect(byKey(a, 'CO-1').rolledScore).toBeCloseTo((0.5 + 0.6) / 2, 12);
  });
});

describe('unknown parents and duplicates', () => {
  it('an unknown parent is a problem naming the id; the objective stays, as an orphan', () => {
    const a = rollup([sheet('Company', [{ id: 'CO-1' }], { company: true }), sheet('web', [{ id: 'W-1', to: 'CO-9' }, { id: 'W-2', to: 'CO-9, CO-1' }])]);
    const ps = structural(a);
    expect(ps.map((p) => [p.code, p.row, p.value, p.objectiveId])).toEqual([
      ['unknown-parent', 3, 'CO-9', 'W-1'],
      ['unknown-parent', 4, 'CO-9', 'W-2'],
    ]);
    expect(ps[0]!.message).toMatch(/"CO-9"/);
    expect(a.orphans).toEqual(['W-1']);
    expect(byKey(a, 'W-1').rolledScore).toBe(0.5);
    expect(byKey(a, 'W-2').parents).toEqual(['CO-1']);
  });

  it('duplicate ids within and across teams: a problem naming both places; neither is dropped', () => {
    const a = rollup([
      sheet('Company', [{ id: 'CO-1', score: 'none' }], { company: true }),
      sheet('web', [{ id: 'X-1', to: 'CO-1', score: 0.2 }, { id: 'X-1', to: 'CO-1', score: 0.4 }]),
      sheet('app', [{ id: 'X-1', to: 'CO-1', score: 0.6 }]),
    ]);
    const ps = structural(a);
    expect(ps.map((p) => [p.code, p.team, p.row])).toEqual([
      ['duplicate-id', 'app', 3],
      ['duplicate-id', 'web', 4],
    ]);
    expect(ps[0]!.message).toBe('Objective ID "X-1" is used twice: web / OKRs / row 3 and app / OKRs / row 3');
    expect(ps[1]!.message).toBe('Objective ID "X-1" is used twice: web / OKRs / row 3 and web / OKRs / row 4');
    expect(a.objectives.map((o) => o.key)).toEqual(['CO-1', 'X-1', 'web/X-1', 'app/X-1']);
    expect(byKey(a, 'CO-1').rolledScore).toBeCloseTo(0.4, 12);
    expect(a.coverage).toEqual({ teamObjectives: 3, aligned: 3, ratio: 1 });
  });

  it('keys stay unique even when a duplicate’s team/id key is taken', () => {
    const a = rollup([sheet('web', [{ id: 'X' }, { id: 'web/X' }, { id: 'X' }])]);
    expect(a.objectives.map((o) => o.key)).toEqual(['X', 'web/X', 'web/X#2']);
  });

  it('duplicateObjectiveProblems: one per later use', () => {
    const t = sheet('web', [{ id: 'A' }, { id: 'A' }, { id: 'A' }, { id: 'B' }]);
    expect(duplicateObjectiveProblems(t.objectives).map((p) => p.row)).toEqual([4, 5]);
  });
});

describe('coverage, orphans and teams', () => {
  it('counts team objectives that reach a company objective through their links', () => {
    const a = rollup([
      sheet('Company', [{ id: 'CO-1' }], { company: true }),
      sheet('web', [{ id: 'W-1', to: 'CO-1' }, { id: 'W-2', to: 'W-1' }, { id: 'W-3' }, { id: 'W-4', to: 'W-3' }]),
      sheet('ops', [{ id: 'O-1' }]),
    ]);
    expect(a.coverage).toEqual({ teamObjectives: 5, aligned: 2, ratio: 0.4 });
    expect(a.orphans).toEqual(['W-3', 'O-1']);
    expect(a.teamsWithoutAlignment).toEqual(['ops']);
    expect(a.teams.map((t) => [t.team, t.isCompany, t.objectives, t.keyResults, t.aligned])).toEqual([
      ['Company', true, 1, 1, 0],
      ['web', false, 4, 4, 2],
      ['ops', false, 1, 1, 0],
    ]);
  });

  it('summarizes each table on its own, even when two share a team name and tab', () => {
    const a = rollup([sheet('web', [{ id: 'W-1', score: 1 }]), sheet('web', [{ id: 'W-2', score: 0 }, { id: 'W-3', score: 0 }])]);
    expect(a.teams.map((t) => [t.team, t.objectives, t.score])).toEqual([
      ['web', 1, 1],
      ['web', 2, 0],
    ]);
  });

  it('with no team objectives the ratio is null; with no company sheet nothing is aligned', () => {
    expect(rollup([sheet('Company', [{ id: 'CO-1' }], { company: true })]).coverage).toEqual({ teamObjectives: 0, aligned: 0, ratio: null });
    const a = rollup([sheet('web', [{ id: 'W-1' }, { id: 'W-2', to: 'W-1' }])]);
    expect(a.coverage).toEqual({ teamObjectives: 2, aligned: 0, ratio: 0 });
    expect(a.roots).toEqual([]);
    expect(a.overall).toBe(0.5); // the top objectives stand in
  });

  it('puts the company first and takes its mission and period', () => {
    const a = rollup([sheet('web', [{ id: 'W-1', to: 'CO-1' }]), sheet('Company', [{ id: 'CO-1' }], { company: true, start: '2026-01-01', end: '2026-03-31' })], {
      asOf: '2026-02-15T00:00:00Z',
    });
    expect(a.objectives.map((o) => o.key)).toEqual(['CO-1', 'W-1']);
    expect(a.mission).toBe('Make OKRs easy');
    expect(a.period).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(a.asOf).toBe('2026-02-15T00:00:00.000Z');
    expect(byKey(a, 'W-1').expected).toBeCloseTo((45 / 90) * 0.7, 12);
    expect(byKey(a, 'W-1').status).toBe('on-track');
  });
});

describe('status and problems', () => {
  it('checked in counts when any child checked in', () => {
    const a = rollup([sheet('Company', [{ id: 'CO-1', score: 'none' }], { company: true }), sheet('web', [{ id: 'W-1', to: 'CO-1', score: 0.1 }])], {
      asOf: '2026-03-31T00:00:00Z',
      period: { start: '2026-01-01', end: '2026-03-31' },
    });
    expect(byKey(a, 'CO-1').checkedIn).toBe(false); // its own flag
    expect(byKey(a, 'CO-1').status).toBe('off-track');
  });

  it('includes parse problems and quality hints (unless lints: false), sorted', () => {
    const tables = [sheet('web', [{ id: 'W-1', title: 'Grow 50%', to: 'NOPE', score: 'unscorable' }])];
    expect(rollup(tables).problems.map((p) => p.code)).toEqual(['unknown-type', 'unknown-parent', 'metric-title']);
    expect(rollup(tables, { lints: false }).problems.map((p) => p.code)).toEqual(['unknown-type', 'unknown-parent']);
  });

  it('aligned objectives carry every field of the parsed objective', () => {
    const t = sheet('web', [{ id: 'W-1', to: 'X', weight: 2, kind: 'committed' }]);
    const o = rollup([t]).objectives[0]!;
    const parsed = t.objectives[0]!;
    for (const [k, v] of Object.entries(parsed)) expect(o[k as keyof typeof o], k).toEqual(v);
  });

  it('handles no tables at all', () => {
    const a = rollup([]);
    expect(a).toMatchObject({ objectives: [], roots: [], orphans: [], overall: null, problems: [], coverage: { teamObjectives: 0, aligned: 0, ratio: null } });
  });

  it('handles a deep chain without overflowing the stack', () => {
    const n = 20_000;
    const objs: O[] = Array.from({ length: n }, (_, i) => ({ id: `D-${i}`, to: i === 0 ? 'CO-1' : `D-${i - 1}`, score: i === n - 1 ? 1 : 'none' }));
    const a = rollup([sheet('Company', [{ id: 'CO-1', score: 'none' }], { company: true }), sheet('deep', objs)], { lints: false });
    expect(byKey(a, 'CO-1').rolledScore).toBe(1);
    expect(a.coverage.ratio).toBe(1);
  });
});

describe('closing fields', () => {
  it('pass through to the aligned objective when the tab was closed, and stay absent otherwise (Alignment schema accepts both)', async () => {
    const closed = parseOkrTable(
      [['Team:', 'web'], [...HEADER, 'Final Score', 'Learning', 'Carry On'], ['W-1', 'Ship', 'CO-1', 'KR', 'manual', 0.6, null, null, 0.55, 'Smaller releases', 'yes'], ['W-2', 'Hire', 'CO-1', 'KR', 'manual', 1, null, null, null, '', 'no']],
      { tab: 'OKRs' },
    );
    const a = rollup([sheet('Company', [{ id: 'CO-1', score: 0.2 }], { company: true }), closed]);
    expect(byKey(a, 'W-1')).toMatchObject({ finalScore: 0.55, learning: 'Smaller releases', carryOn: true, score: 0.6 });
    expect(byKey(a, 'W-2')).toMatchObject({ finalScore: null, learning: '', carryOn: false });
    for (const k of ['finalScore', 'learning', 'carryOn']) expect(byKey(a, 'CO-1')).not.toHaveProperty(k);
    const { Alignment: schema } = await import('./schemas.ts');
    expect(schema.parse(a).objectives.find((o) => o.id === 'W-1')).toMatchObject({ finalScore: 0.55 });
  });
});
