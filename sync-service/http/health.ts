// GET /healthz — the database answers, and where syncing stands. Always 200 while the process and
// its database answer (a liveness probe must not restart a server whose sheets are broken); a
// failed last sync makes the status "degraded" and is named in `lastFailure`.
import { Hono } from 'hono';
import type { AppDeps } from './deps.ts';

export function healthRoutes(deps: AppDeps) {
  return new Hono().get('/healthz', async (c) => {
    const sync = deps.runner?.status() ?? null;
    let lastFailure: Awaited<ReturnType<AppDeps['store']['failureSinceLastComplete']>>;
    try {
      lastFailure = await deps.store.failureSinceLastComplete();
    } catch {
      return c.json({ status: 'error', database: 'unreachable', sync }, 503);
    }
    // The runner knows a failure before (or without) the database recording it.
    const failed = sync?.lastStatus === 'failed' ? { syncId: null, finishedAt: sync.lastFinishedAt, error: sync.lastError } : null;
    const failure = lastFailure ?? failed;
    return c.json({ status: failure ? 'degraded' : 'ok', database: deps.store.db.driver, sync, lastFailure: failure });
  });
}
