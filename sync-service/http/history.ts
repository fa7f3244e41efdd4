// GET /api/history?from=&to=&team=&period= — objective scores (of the current period, or the one named) per stored snapshot, oldest first (`rows`, the
// record), and `trends`: the company objectives' (or the team's) score over the period from the same
// source as the alignment view and the company sheet's Trends tab (web/trends.ts trendFor).
import { Hono } from 'hono';
import { z } from 'zod';
import { loadViewData } from '../web/data.ts';
import { historySeries, trendFor } from '../web/trends.ts';
import type { AppDeps } from './deps.ts';
import { PeriodParam, resolvePeriod } from './period.ts';
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
    period: PeriodParam,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'is before from', path: ['to'] });

export function historyRoutes(deps: AppDeps) {
  return new Hono().get('/history', validate('query', Query), async (c) => {
    const q = c.req.valid('query');
    const resolved = await resolvePeriod(c, deps.store, q.period);
    // Before the first sync there is no period to name (an empty history); a wrong one is a 400.
    if (!resolved.ok && q.period !== undefined) return resolved.response;
    const label = resolved.ok && resolved.period?.label ? resolved.period.label : undefined;
    const rows = await deps.store.history({
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.team ? { team: q.team } : {}),
      ...(label ? { period: label } : {}),
    });
    const trends = await trendsFor(deps, q);
    return c.json({ from: q.from?.toISOString() ?? null, to: q.to?.toISOString() ?? null, team: q.team ?? null, period: label ?? null, rows, trends });
  });
}

/** The trend of each company objective (or each of the team's objectives), points inside from..to. */
async function trendsFor(deps: AppDeps, q: { from?: Date | undefined; to?: Date | undefined; team?: string | undefined; period?: string | undefined }) {
  const data = await loadViewData(deps.store, q.period);
  if (!data) return [];
  const period = data.meta.period ? { period: data.meta.period } : {};
  const objectives = q.team
    ? data.doc.objectives.filter((o) => o.team === q.team)
    : data.doc.tree.map((n) => data.byKey.get(n.key)).filter((o) => o !== undefined);
  const stored = q.team ? historySeries(await deps.store.history({ team: q.team, ...period })) : data.companyHistory;
  const from = q.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const to = q.to?.getTime() ?? Number.POSITIVE_INFINITY;
  return objectives.map((o) => {
    const trend = trendFor(o.key, stored, data.replay);
    const points = trend.line.filter((p) => p.t >= from && p.t <= to).map((p) => ({ at: new Date(p.t).toISOString(), score: p.v }));
    return { key: o.key, id: o.id, team: o.team, title: o.title, source: trend.source, points };
  });
}
