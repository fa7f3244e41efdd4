// The weekly timer inside `okr serve`: croner fires on the configured weekday and time in the
// configured time zone (DST included). A service that starts after this week's moment catches up
// once; the send log keeps that from repeating anything already sent.
import { Cron } from 'croner';
import type { RemindersConfig } from '../config/schema.ts';
import { sendMomentOfWeek, type Weekday } from './week.ts';

const CRON_DAY: Record<Weekday, string> = { monday: 'MON', tuesday: 'TUE', wednesday: 'WED', thursday: 'THU', friday: 'FRI', saturday: 'SAT', sunday: 'SUN' };

export type When = Pick<RemindersConfig, 'weekday' | 'time' | 'timeZone'>;

/** `m h * * DAY`: croner's five-field pattern for the weekly moment. */
export function cronPattern(when: When): string {
  const [h, m] = when.time.split(':').map(Number) as [number, number];
  return `${m} ${h} * * ${CRON_DAY[when.weekday]}`;
}

export interface WeeklySchedule {
  /** The next moment it fires. */
  next(): Date | null;
  /** Resolves once a run in progress has finished. */
  stop(): Promise<void>;
}

export function scheduleWeekly(when: When, run: (moment: Date) => Promise<void>, opts: { now?: () => Date; onError?: (err: unknown) => void } = {}): WeeklySchedule {
  const now = opts.now ?? (() => new Date());
  let running: Promise<void> | null = null;
  const fire = () => {
    // protect: a run still going (a slow mail server) is not started twice.
    if (running) return;
    running = run(now())
      .catch((err: unknown) => opts.onError?.(err))
      .finally(() => {
        running = null;
      });
  };
  const job = new Cron(cronPattern(when), { timezone: when.timeZone, protect: true }, fire);
  if (now().getTime() >= sendMomentOfWeek(now(), when).getTime()) fire();
  return {
    next: () => job.nextRun(),
    async stop() {
      job.stop();
      await running;
    },
  };
}
