// GET /api/periods — every period of the latest sync, in time order: its label and dates, whether
// it is the current one (served when no `?period=` is given), its teams, objectives and company score.
import { Hono } from 'hono';
import type { AppDeps } from './deps.ts';
import { apiError } from './errors.ts';
import { lastSync, latestPeriods, latestPrepared } from './snapshot.ts';
import { NoQuery, validate } from './validate.ts';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function periodRoutes(deps: AppDeps) {
  return new Hono().get('/periods', validate('query', NoQuery), async (c) => {
    const prepared = await latestPrepared(deps.store);
    if (!prepared) return apiError(c, 503, 'No sync has finished yet', undefined, { 'Retry-After': '2' });
    const periods = (await latestPeriods(deps.store)).map((p) => ({
      label: p.label,
      start: p.start,
      end: p.end,
      current: p.current,
      teams: num(p.summary.teams),
      objectives: num(p.summary.objectives),
      companyObjectives: num(p.summary.companyObjectives),
      companyScore: num(p.summary.score),
    }));
    return c.json({ lastSync: lastSync(prepared.meta), periods });
  });
}
