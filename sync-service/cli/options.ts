// Option parsers shared by several commands.
import { InvalidArgumentError } from 'commander';

/** `--as-of YYYY-MM-DD`: statuses and time elapsed are judged at the start of that UTC day. */
export function parseAsOf(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  // Date.UTC rolls 2026-02-30 over to March: a date that does not exist is refused, not moved.
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new InvalidArgumentError(`expected a date like 2026-11-20, got "${text}"`);
  }
  return d;
}

export const AS_OF_HELP = 'judge statuses and time elapsed as of this day (YYYY-MM-DD, default today), so figures reproduce';

export const PERIOD_HELP = 'the period to show, by its label (e.g. "2026 Q3"; default: the one containing the as-of day, else the latest)';
