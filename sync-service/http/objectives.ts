// GET /api/objectives/:id — one objective (by key, e.g. `Sales/S1`, or sheet id) with its score
// history and check-ins.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from './deps.ts';
import { apiError } from './errors.ts';
import { lastSync, latestDocument } from './snapshot.ts';
import { validate } from './validate.ts';

const Params = z.object({ id: z.string().trim().min(1).max(200) });

export function objectiveRoutes(deps: AppDeps) {
  // {.+}: keys of duplicate ids contain a slash (`Sales/S1`).
  return new Hono().get('/objectives/:id{.+}', validate('param', Params), async (c) => {
    const { id } = c.req.valid('param');
    const latest = await latestDocument(deps.store);
    if (!latest) return apiError(c, 503, 'No sync has finished yet', undefined, { 'Retry-After': '2' });
    const { doc } = latest;
    const matches = doc.objectives.filter((o) => o.key === id);
    const byId = matches.length ? matches : doc.objectives.filter((o) => o.id === id);
    const objective = byId[0];
    if (!objective) return apiError(c, 404, `No objective with key or id "${id}"`, 'id');
    const [history, checkins] = await Promise.all([
      deps.store.objectiveHistory(objective.key),
      deps.store.checkins({ team: objective.team, objectiveId: objective.id }),
    ]);
    const title = (key: string) => doc.objectives.find((o) => o.key === key)?.title ?? null;
    return c.json({
      lastSync: lastSync(latest.meta),
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
