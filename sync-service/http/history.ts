// GET /api/history?from=&to=&team= — objective scores per stored snapshot, oldest first.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from './deps.ts';
import { validate } from './validate.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date (YYYY-MM-DD, a whole day) or an ISO date-time with a zone. */
const Moment = (endOfDay: boolean) =>
  z
    .string()
    .trim()
    .refine((s) => (DATE.test(s) || DATE_TIME.test(s)) && !Number.isNaN(Date.parse(s)), 'expected a date like 2026-01-31 or 2026-01-31T12:00:00Z')
    .transform((s) => (DATE.test(s) ? new Date(`${s}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z`) : new Date(s)));

const Query = z
  .strictObject({
    from: Moment(false).optional(),
    to: Moment(true).optional(),
    team: z.string().trim().min(1).max(200).optional(),
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
