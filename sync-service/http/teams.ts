// GET /api/teams[?period=LABEL] — each team's summary with where its sheet comes from and whether it is stale.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from './deps.ts';
import { PeriodParam, resolvePeriod } from './period.ts';
import { lastSync } from './snapshot.ts';
import { validate } from './validate.ts';

const Query = z.strictObject({ period: PeriodParam });

export function teamRoutes(deps: AppDeps) {
  return new Hono().get('/teams', validate('query', Query), async (c) => {
    const [resolved, states] = await Promise.all([resolvePeriod(c, deps.store, c.req.valid('query').period), deps.store.teamStates()]);
    if (!resolved.ok) return resolved.response;
    const { latest } = resolved;
    const stateOf = (team: string) => states.filter((s) => s.team === team).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    const teams = latest.doc.teams.map((t) => {
      const s = stateOf(t.team);
      return {
        ...t,
        missing: false,
        sourceId: s?.sourceId ?? null,
        lastModified: s?.lastModified ?? null,
        lastGoodSyncId: s?.lastGoodSyncId ?? null,
        lastError: s?.lastError ?? null,
        lastErrorAt: s?.lastErrorAt ?? null,
      };
    });
    // Teams that have never been read successfully are not in the roll-up, but people need to see them.
    const missing = latest.doc.staleTeams
      .filter((s) => !s.hasSnapshot)
      .map((s) => ({ team: s.team, source: s.name, sourceId: s.sourceId, stale: true, staleReason: s.reason, missing: true }));
    return c.json({ lastSync: lastSync(latest.meta), teams, missing });
  });
}
