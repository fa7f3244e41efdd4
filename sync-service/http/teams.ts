// GET /api/teams — each team's summary with where its sheet comes from and whether it is stale.
import { Hono } from 'hono';
import type { AppDeps } from './deps.ts';
import { apiError } from './errors.ts';
import { lastSync, latestDocument } from './snapshot.ts';
import { NoQuery, validate } from './validate.ts';

export function teamRoutes(deps: AppDeps) {
  return new Hono().get('/teams', validate('query', NoQuery), async (c) => {
    const [latest, states] = await Promise.all([latestDocument(deps.store), deps.store.teamStates()]);
    if (!latest) return apiError(c, 503, 'No sync has finished yet', undefined, { 'Retry-After': '2' });
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
