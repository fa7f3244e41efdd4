// GET /api/problems?team=&severity=&period= — the latest sync's problems (of the current period or the one named), filtered.
import { Hono } from 'hono';
import { z } from 'zod';
import { countBySeverity } from '../../shared/problems.ts';
import type { AppDeps } from './deps.ts';
import { PeriodParam, resolvePeriod } from './period.ts';
import { lastSync } from './snapshot.ts';
import { ParamText, validate } from './validate.ts';

const Query = z.strictObject({
  team: ParamText(200).optional(),
  severity: z.enum(['error', 'warning']).optional(),
  period: PeriodParam,
});

export function problemRoutes(deps: AppDeps) {
  return new Hono().get('/problems', validate('query', Query), async (c) => {
    const q = c.req.valid('query');
    const resolved = await resolvePeriod(c, deps.store, q.period);
    if (!resolved.ok) return resolved.response;
    const { latest } = resolved;
    const team = q.team?.toLowerCase();
    const problems = latest.doc.problems.filter(
      (p) => (team === undefined || p.team.toLowerCase() === team) && (q.severity === undefined || p.severity === q.severity),
    );
    return c.json({ lastSync: lastSync(latest.meta), counts: countBySeverity(problems), problems });
  });
}
