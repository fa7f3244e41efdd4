// When the weekly run happens: ISO weeks and wall-clock moments in the configured time zone (DST
// included), and the croner schedule inside `okr serve` — driven by fake timers, so the real
// library decides when to fire.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cronPattern, scheduleWeekly } from '../../sync-service/reminders/schedule.ts';
import { isCalendarDate, isoWeek, isoWeekOfDate, sendMomentOfWeek, zonedMoment } from '../../sync-service/reminders/week.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('weeks and moments', () => {
  it('numbers ISO weeks, including the edges of the year', () => {
    expect(isoWeekOfDate('2026-12-07')).toBe('2026-W50');
    expect(isoWeekOfDate('2026-12-31')).toBe('2026-W53'); // 2026 has 53 weeks (it starts on a Thursday)
    expect(isoWeekOfDate('2027-01-03')).toBe('2026-W53'); // a Sunday still in the old year's last week
    expect(isoWeekOfDate('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOfDate('2024-12-30')).toBe('2025-W01'); // a Monday already in the next year's first week
  });

  it('knows a calendar day from a date-shaped string', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-12-32')).toBe(false);
    expect(isCalendarDate('2026-1-05')).toBe(false);
  });

  it('takes the week in the configured time zone, not UTC', () => {
    // Sunday 23:30 UTC is already Monday in Oslo.
    const at = new Date('2026-12-06T23:30:00Z');
    expect(isoWeek(at, 'UTC')).toBe('2026-W49');
    expect(isoWeek(at, 'Europe/Oslo')).toBe('2026-W50');
  });

  it('finds the instant of a wall-clock time on both sides of a DST change', () => {
    expect(zonedMoment('2026-12-07', '09:00', 'Europe/Oslo').toISOString()).toBe('2026-12-07T08:00:00.000Z'); // CET, UTC+1
    expect(zonedMoment('2026-06-01', '09:00', 'Europe/Oslo').toISOString()).toBe('2026-06-01T07:00:00.000Z'); // CEST, UTC+2
    expect(zonedMoment('2026-03-29', '09:00', 'Europe/Oslo').toISOString()).toBe('2026-03-29T07:00:00.000Z'); // the morning after the switch
    expect(zonedMoment('2026-11-02', '09:00', 'America/New_York').toISOString()).toBe('2026-11-02T14:00:00.000Z');
  });

  it('places this week’s send moment on the configured weekday', () => {
    const when = { weekday: 'monday' as const, time: '09:00', timeZone: 'Europe/Oslo' };
    expect(sendMomentOfWeek(new Date('2026-12-10T12:00:00Z'), when).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(sendMomentOfWeek(new Date('2026-12-07T07:00:00Z'), { ...when, weekday: 'friday', time: '16:30' }).toISOString()).toBe('2026-12-11T15:30:00.000Z');
  });
});

describe('the weekly schedule', () => {
  const when = { weekday: 'monday' as const, time: '09:00', timeZone: 'Europe/Oslo' };

  it('is a croner pattern for the weekday and time', () => {
    expect(cronPattern(when)).toBe('0 9 * * MON');
    expect(cronPattern({ ...when, weekday: 'sunday', time: '18:05' })).toBe('5 18 * * SUN');
  });

  it('fires at the configured moment in the configured zone, and not before', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-12-07T07:59:58Z')); // Monday 08:59:58 in Oslo
    const runs: string[] = [];
    const weekly = scheduleWeekly(when, async (moment) => void runs.push(moment.toISOString()));
    expect(weekly.next()?.toISOString()).toBe('2026-12-07T08:00:00.000Z');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toHaveLength(1);
    expect(Date.parse(runs[0]!)).toBeGreaterThanOrEqual(Date.parse('2026-12-07T08:00:00Z'));
    expect(weekly.next()?.toISOString()).toBe('2026-12-14T08:00:00.000Z');
    await weekly.stop();
  });

  it('catches up once when started after this week’s moment, and stops cleanly', async () => {
    const runs: Date[] = [];
    let release: () => void = () => {};
    const weekly = scheduleWeekly(
      when,
      (moment) => {
        runs.push(moment);
        return new Promise<void>((r) => {
          release = r;
        });
      },
      { now: () => new Date('2026-12-09T10:00:00Z') },
    );
    expect(runs).toHaveLength(1);
    let stopped = false;
    const stopping = weekly.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false); // waits for the run in progress
    release();
    await stopping;
    expect(stopped).toBe(true);
  });

  it('does not catch up before this week’s moment', async () => {
    const runs: Date[] = [];
    const weekly = scheduleWeekly(when, async (m) => void runs.push(m), { now: () => new Date('2026-12-07T07:00:00Z') });
    expect(runs).toEqual([]);
    await weekly.stop();
  });
});
