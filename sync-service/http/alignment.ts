// GET /api/alignment: the whole roll-up tree, served from the stored JSON text without re-encoding.
import { Hono } from 'hono';
import type { AppDeps } from './deps.ts';
import { apiError } from './errors.ts';
import { etagMatches, lastSync, servedEtag } from './snapshot.ts';
import { NoQuery, validate } from './validate.ts';

export function alignmentRoutes(deps: AppDeps) {
  return new Hono().get('/alignment', validate('query', NoQuery), async (c) => {
    const latest = await deps.store.latestAlignmentJson();
    if (!latest) {
      return apiError(c, 503, 'No sync has finished yet: the first one is running, try again in a moment', undefined, { 'Retry-After': '2' });
    }
    const etag = servedEtag(latest);
    const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
    if (etagMatches(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
    // Splice lastSync into the stored object rather than parse and re-serialise it.
    const rest = latest.json.trim().slice(1).trim();
    const body = `{"lastSync":${JSON.stringify(lastSync(latest))}${rest === '}' ? '' : ','}${rest}`;
    return c.body(body, 200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
  });
}
