// GET /api/history?from=&to=&team= — objective scores per stored snapshot, oldest first.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from './deps.ts';
import { ParamText, validate } from './validate.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Years 1 to 9999 in UTC: JavaScript reads year 0 (and ±270,000), Postgres has no year 0. */
const FIRST = Date.parse('0001-01-01T00:00:00Z');
const LAST = Date.parse('9999-12-31T23:59:59.999Z');
const inRange = (ms: number) => !Number.isNaN(ms) && ms >= FIRST && ms <= LAST;

/** A date (YYYY-MM-DD, a whole day) or an ISO date-time with a zone. */
const Moment = (endOfDay: boolean) =>
  z
    .string()
    .trim()
    .refine((s) => (DATE.test(s) || DATE_TIME.test(s)) && !Number.isNaN(Date.parse(s)), 'expected a date like 2026-01-31 or 2026-01-31T12:00:00Z')
    .refine((s) => inRange(Date.parse(s)), 'must be from 0001-01-01 to 9999-12-31')
    .transform((s) => (DATE.test(s) ? new Date(`${s}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z`) : new Date(s)));

const Query = z
  .strictObject({
    from: Moment(false).optional(),
    to: Moment(true).optional(),
    team: ParamText(200).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'is before from', path: ['to'] });

export function historyRoutes(deps: AppDeps) {
  return new Hono().get('/history', validate('query', Query), async (c) => {
    const q = c.req.valid('query');
    const rows = await deps.store.history({
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.team ? { team: q.team } : {}),
    });
    return c.json({ from: q.from?.toISOString() ?? null, to: q.to?.toISOString() ?? null, team: q.team ?? null, rows });
  });
}
