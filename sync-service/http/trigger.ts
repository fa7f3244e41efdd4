// POST /api/sync — start a sync now (bearer token). 202 with its id, or 409 when one is running.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { requireToken } from './auth.ts';
import type { AppDeps } from './deps.ts';
import { apiError } from './errors.ts';
import { jsonBody, validate } from './validate.ts';

const Body = z.strictObject({
  /** Read every sheet, even those whose version says they are unchanged. */
  force: z.boolean().optional(),
});

export function triggerRoutes(deps: AppDeps) {
  const limit = deps.bodyLimit ?? 16 * 1024;
  return new Hono().post(
    '/sync',
    bodyLimit({ maxSize: limit, onError: (c) => apiError(c, 413, `Request body too large (limit ${limit} bytes)`) }),
    requireToken(deps.token),
    jsonBody(),
    validate('json', Body),
    async (c) => {
      const { force } = c.req.valid('json');
      if (!deps.runner) return apiError(c, 503, 'This server does not run syncs');
      const r = await deps.runner.start(force ? { force } : {});
      if (!r.started) return apiError(c, r.busy ? 409 : 503, r.reason);
      return c.json({ syncId: r.syncId, status: 'running', href: `/api/syncs/${r.syncId}` }, 202, { Location: `/api/syncs/${r.syncId}` });
    },
  );
}
