// GET /api/problems?team=&severity= — the latest sync's problems, filtered.
import { Hono } from 'hono';
import { z } from 'zod';
import { countBySeverity } from '../../shared/problems.ts';
import type { AppDeps } from './deps.ts';
import { apiError } from './errors.ts';
import { lastSync, latestDocument } from './snapshot.ts';
import { ParamText, validate } from './validate.ts';

const Query = z.strictObject({
  team: ParamText(200).optional(),
  severity: z.enum(['error', 'warning']).optional(),
});

export function problemRoutes(deps: AppDeps) {
  return new Hono().get('/problems', validate('query', Query), async (c) => {
    const q = c.req.valid('query');
    const latest = await latestDocument(deps.store);
    if (!latest) return apiError(c, 503, 'No sync has finished yet', undefined, { 'Retry-After': '2' });
    const team = q.team?.toLowerCase();
    const problems = latest.doc.problems.filter(
      (p) => (team === undefined || p.team.toLowerCase() === team) && (q.severity === undefined || p.severity === q.severity),
    );
    return c.json({ lastSync: lastSync(latest.meta), counts: countBySeverity(problems), problems });
  });
}
