import { describe, expect, it } from 'vitest';
import type { Problem } from '../../shared/schemas.ts';
import type { AlignmentDocument } from '../engine/document.ts';
import { buildAlignmentDocument } from '../engine/document.ts';
import { alignmentHealth, groupProblems, STALE_AFTER_DAYS } from './health.ts';
import { company, sheet } from './test-support.ts';

function doc(): AlignmentDocument {
  const a = company([
    sheet('Company', [{ id: 'C1' }], { company: true }),
    sheet('Eng', [{ id: 'E1', to: 'C1' }, { id: 'E2', to: 'C1' }, { id: 'E3' }]),
    sheet('Ops', [{ id: 'O1' }]),
  ]);
  return buildAlignmentDocument(a, { company: { name: 'Acme' } });
}

describe('alignmentHealth', () => {
  it('finds key results with no check-in for 14 days, the longest silent first', () => {
    const d = doc();
    const h = alignmentHealth(d, [
      { team: 'Eng', krId: 'E1-1', timestamp: '2026-11-20T10:00:00Z' }, // 5 days before asOf: fresh
      { team: 'Eng', krId: 'E2-1', timestamp: '2026-11-01T10:00:00Z' }, // 24 days: stale
      { team: 'Eng', krId: 'E2-1', timestamp: '2026-10-20T10:00:00Z' },
      { team: 'Ops', krId: 'E1-1', timestamp: '2026-11-24T10:00:00Z' }, // another team's KR id does not count
    ]);
    expect(STALE_AFTER_DAYS).toBe(14);
    expect(h.keyResults).toBe(5);
    expect(h.staleSince).toBe('2026-11-11T12:00:00.000Z');
    const stale = h.staleKrs.map((s) => [s.team, s.krId, s.lastCheckin]);
    expect(stale).toEqual([
      ['Company', 'C1-1', null],
      ['Eng', 'E3-1', null],
      ['Ops', 'O1-1', null],
      ['Eng', 'E2-1', '2026-11-01T10:00:00.000Z'],
    ]);
    expect(h.staleKrs[3]!.objective).toMatchObject({ key: 'E2', team: 'Eng' });
  });

  it('reports coverage, orphans and teams without an aligned objective from the roll-up', () => {
    const h = alignmentHealth(doc(), []);
    expect(h.coverage).toEqual({ teamObjectives: 4, aligned: 2, ratio: 0.5 });
    expect(h.orphans.map((o) => o.key)).toEqual(['E3', 'O1']);
    expect(h.teamsWithoutAlignment).toEqual(['Ops']);
  });
});

describe('groupProblems', () => {
  it('groups by code with counts, teams and why; errors first, then the most frequent', () => {
    const p = (team: string, severity: Problem['severity'], code: string, why?: string): Problem => ({
      team,
      tab: 'OKRs',
      severity,
      code,
      message: `${code} in ${team}`,
      ...(why ? { why } : {}),
    });
    const g = groupProblems([
      p('A', 'warning', 'metric-title', 'Words, not numbers'),
      p('B', 'warning', 'metric-title'),
      p('A', 'warning', 'no-range'),
      p('C', 'error', 'cycle'),
    ]);
    expect(g.map((x) => [x.code, x.severity, x.count, x.teams])).toEqual([
      ['cycle', 'error', 1, 1],
      ['metric-title', 'warning', 2, 2],
      ['no-range', 'warning', 1, 1],
    ]);
    expect(g[1]!.why).toBe('Words, not numbers');
    expect(g[2]!.why).toBeNull();
  });
});
