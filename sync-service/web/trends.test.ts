import { describe, expect, it } from 'vitest';
import { AS_OF, byKey, company, PERIOD, sheet } from './test-support.ts';
import { historyIsEnough, historySeries, replayFromCheckins, replayTimes, timeDomain } from './trends.ts';

const DAY = 86_400_000;
const at = (iso: string) => Date.parse(iso);

describe('historySeries', () => {
  it('groups stored history by key, oldest first', () => {
    const s = historySeries([
      { at: '2026-11-02T00:00:00Z', key: 'A', rolledScore: 0.5 },
      { at: '2026-11-01T00:00:00Z', key: 'A', rolledScore: 0.4 },
      { at: '2026-11-01T00:00:00Z', key: 'B', rolledScore: null },
      { at: 'garbage', key: 'B', rolledScore: 1 },
    ]);
    expect(s.get('A')).toEqual([
      { t: at('2026-11-01T00:00:00Z'), v: 0.4 },
      { t: at('2026-11-02T00:00:00Z'), v: 0.5 },
    ]);
    expect(s.get('B')).toEqual([{ t: at('2026-11-01T00:00:00Z'), v: null }]);
  });

  it('counts as enough history from three snapshots over three days', () => {
    expect(
      historyIsEnough([
        { t: 0, v: 1 },
        { t: DAY, v: 1 },
        { t: 3 * DAY, v: 1 },
      ]),
    ).toBe(true);
    expect(
      historyIsEnough([
        { t: 0, v: 1 },
        { t: DAY, v: 1 },
        { t: 2 * DAY, v: 1 },
      ]),
    ).toBe(false);
    expect(
      historyIsEnough([
        { t: 0, v: 1 },
        { t: 9 * DAY, v: 1 },
      ]),
    ).toBe(false);
    expect(historyIsEnough(undefined)).toBe(false);
  });
});

describe('timeDomain and replayTimes', () => {
  it('spans the period (end day included), else the points', () => {
    expect(timeDomain(PERIOD, [])).toEqual([at('2026-10-01T00:00:00Z'), at('2027-01-01T00:00:00Z')]);
    expect(timeDomain(null, [5 * DAY, 9 * DAY])).toEqual([5 * DAY, 9 * DAY]);
    expect(timeDomain(null, [5 * DAY])).toEqual([4 * DAY, 6 * DAY]);
    expect(timeDomain(null, [])).toBeNull();
  });

  it('samples weekly from the start and ends at asOf', () => {
    const t = replayTimes(at('2026-10-01T00:00:00Z'), at('2026-10-20T12:00:00Z'));
    expect(t.map((x) => new Date(x).toISOString())).toEqual([
      '2026-10-01T00:00:00.000Z',
      '2026-10-08T00:00:00.000Z',
      '2026-10-15T00:00:00.000Z',
      '2026-10-20T12:00:00.000Z',
    ]);
    // A long span is sampled more coarsely.
    expect(replayTimes(0, 400 * 7 * DAY, 40).length).toBeLessThanOrEqual(42);
  });
});

describe('replayFromCheckins', () => {
  it('rolls up each week from the check-ins known by then, and ends at the live scores', () => {
    const a = company([sheet('Company', [{ id: 'C1', score: 0.4 }], { company: true }), sheet('Ops', [{ id: 'T1', to: 'C1', score: 0.6 }])]);
    const checkins = [
      { team: 'Company', timestamp: '2026-10-10T09:00:00Z', krId: 'C1-1', score: 0.2 },
      { team: 'Company', timestamp: '2026-11-10T09:00:00Z', krId: 'C1-1', score: 0.4 },
      { team: 'Ops', timestamp: '2026-10-20T09:00:00Z', krId: 'T1-1', score: 0.6 },
      { team: 'Ops', timestamp: 'not a time', krId: 'T1-1', score: 1 },
      { team: 'Ops', timestamp: '2026-10-02T09:00:00Z', krId: 'T1-1', score: null },
    ];
    const r = replayFromCheckins({ objectives: a.objectives, period: PERIOD, mode: 'both', asOf: AS_OF.toISOString() }, checkins)!;
    expect(r.times).toHaveLength(9); // 1 Oct … 19 Nov weekly, then 25 Nov
    const c1 = r.series.get('C1')!.map((p) => p.v);
    // C1 (both mode) = mean(its own KR, T1's rolled score)
    expect(c1[0]).toBe(0); // 1 Oct
    expect(c1[1]).toBe(0); // 8 Oct
    expect(c1[2]).toBeCloseTo(0.1, 12); // 15 Oct: C1-1 0.2, T1-1 still 0
    expect(c1[3]).toBeCloseTo(0.4, 12); // 22 Oct: T1-1 0.6
    expect(c1[6]).toBeCloseTo(0.5, 12); // 12 Nov: C1-1 0.4
    expect(c1[8]).toBe(byKey(a, 'C1').rolledScore); // the live value
    expect(
      r.series
        .get('T1')!
        .map((p) => p.v)
        .slice(0, 4),
    ).toEqual([0, 0, 0, 0.6]);
  });

  it('returns null without usable check-ins', () => {
    const a = company([sheet('Company', [{ id: 'C1' }], { company: true })]);
    expect(replayFromCheckins({ objectives: a.objectives, period: PERIOD, mode: 'both', asOf: AS_OF.toISOString() }, [])).toBeNull();
  });
});
