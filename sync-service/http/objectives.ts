// GET /api/objectives/:id[?period=LABEL] — one objective of the current period (or the one named) (by key, e.g. `Sales/S1`, or sheet id) with its score
// history and check-ins.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from './deps.ts';
import { apiError } from './errors.ts';
import { PeriodParam, resolvePeriod } from './period.ts';
import { lastSync } from './snapshot.ts';
import { validate } from './validate.ts';

const Params = z.object({ id: z.string().trim().min(1).max(200) });
const Query = z.strictObject({ period: PeriodParam });

export function objectiveRoutes(deps: AppDeps) {
  // {.+}: keys of duplicate ids contain a slash (`Sales/S1`).
  return new Hono().get('/objectives/:id{.+}', validate('param', Params), validate('query', Query), async (c) => {
    const { id } = c.req.valid('param');
    const resolved = await resolvePeriod(c, deps.store, c.req.valid('query').period);
    if (!resolved.ok) return resolved.response;
    const { doc } = resolved.latest;
    // Its history and check-ins are this period's: an id reused next quarter starts clean.
    const period = resolved.period?.label ? { period: resolved.period.label } : {};
    const matches = doc.objectives.filter((o) => o.key === id);
    const byId = matches.length ? matches : doc.objectives.filter((o) => o.id === id);
    const objective = byId[0];
    if (!objective) return apiError(c, 404, `No objective with key or id "${id}"`, 'id');
    const [history, checkins] = await Promise.all([
      deps.store.objectiveHistory(objective.key, period),
      deps.store.checkins({ team: objective.team, objectiveId: objective.id, ...period }),
    ]);
    const title = (key: string) => doc.objectives.find((o) => o.key === key)?.title ?? null;
    return c.json({
      lastSync: lastSync(resolved.latest.meta),
      objective: {
        ...objective,
        problems: doc.problems.filter((p) => p.team === objective.team && p.objectiveId === objective.id),
        parentTitles: Object.fromEntries(objective.parents.map((k) => [k, title(k)])),
        childTitles: Object.fromEntries(objective.children.map((k) => [k, title(k)])),
      },
      /** Other objectives sharing this sheet id (duplicate ids across teams). */
      alsoMatching: byId.slice(1).map((o) => o.key),
      history: history
        .filter((h) => h.key === objective.key)
        .map((h) => ({ syncId: h.syncId, at: h.at, ownScore: h.ownScore, rolledScore: h.rolledScore, grade: h.grade, status: h.status })),
      checkins,
    });
  });
}
