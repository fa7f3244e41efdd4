// GET /healthz — the database answers, and where syncing stands.
import { Hono } from 'hono';
import type { AppDeps } from './deps.ts';

export function healthRoutes(deps: AppDeps) {
  return new Hono().get('/healthz', async (c) => {
    const sync = deps.runner?.status() ?? null;
    try {
      await deps.store.db.query('SELECT 1');
    } catch {
      return c.json({ status: 'error', database: 'unreachable', sync }, 503);
    }
    return c.json({ status: 'ok', database: deps.store.db.driver, sync });
  });
}
