import { describe, expect, it } from 'vitest';
import { parseCheckins } from './checkins.ts';
import { CHECKIN_HEADERS } from './template.ts';

const ctx = { team: 'web', tab: 'Check-ins' };

describe('parseCheckins', () => {
  it('reads the template’s Check-ins tab', () => {
    expect(CHECKIN_HEADERS).toEqual(['Timestamp', 'Person', 'Objective ID', 'KR ID', 'Before', 'After', 'Score', 'Confidence', 'Note']);
    const { checkins, problems } = parseCheckins(
      [
        CHECKIN_HEADERS,
        [new Date('2026-10-02T09:30:00Z'), 'ana@example.com', 'W-1', 'W-1-1', 10, 12, 0.4, '80%', 'good week'],
        [],
        ['2026-10-03 10:00', 'bo', 'W-1', 'W-1-2', '', 'yes', '', 0.5, ''],
      ],
      ctx,
    );
    expect(problems).toEqual([]);
    expect(checkins).toEqual([
      { team: 'web', timestamp: '2026-10-02T09:30:00.000Z', person: 'ana@example.com', objectiveId: 'W-1', krId: 'W-1-1', before: '10', after: '12', score: 0.4, confidence: 0.8, note: 'good week', row: 2 },
      { team: 'web', timestamp: '2026-10-03T10:00:00.000Z', person: 'bo', objectiveId: 'W-1', krId: 'W-1-2', before: '', after: 'yes', score: null, confidence: 0.5, note: '', row: 4 },
    ]);
  });

  it('finds the header below a title and accepts aliases', () => {
    const { checkins } = parseCheckins(
      [['Check-ins'], ['When', 'Who', 'KR', 'Value'], [46297.5, 'cy', 'W-2-1', 7]],
      ctx,
    );
    expect(checkins).toEqual([expect.objectContaining({ timestamp: '2026-10-02T12:00:00.000Z', person: 'cy', krId: 'W-2-1', after: '7', row: 3 })]);
  });

  it('skips rows without a readable timestamp or a KR ID, with warnings', () => {
    const { checkins, problems } = parseCheckins(
      [CHECKIN_HEADERS, ['yesterday', 'a', 'W-1', 'W-1-1'], ['2026-10-02', 'a', 'W-1', '  ']],
      ctx,
    );
    expect(checkins).toEqual([]);
    expect(problems.map((p) => [p.code, p.severity, p.row, p.column, p.value])).toEqual([
      ['bad-date', 'warning', 2, 'Timestamp', 'yesterday'],
      ['missing-value', 'warning', 3, 'KR ID', undefined],
    ]);
    for (const p of problems) expect(p.message).toMatch(/expected/);
  });

  it('an empty tab is fine; a tab without the header is a warning', () => {
    expect(parseCheckins([], ctx)).toEqual({ checkins: [], problems: [] });
    expect(parseCheckins([['notes about check-ins']], ctx).problems.map((p) => p.code)).toEqual(['missing-header']);
  });
});
