// GET /api/alignment: the whole roll-up tree, prepared once per sync (body and gzip made once):
// a request, and a 304 above all, costs no database read and no re-encoding.
import { Hono } from 'hono';
import type { AppDeps } from './deps.ts';
import { apiError } from './errors.ts';
import { acceptsGzip, etagMatches, latestPrepared } from './snapshot.ts';
import { NoQuery, validate } from './validate.ts';

export function alignmentRoutes(deps: AppDeps) {
  return new Hono().get('/alignment', validate('query', NoQuery), async (c) => {
    const prepared = await latestPrepared(deps.store);
    if (!prepared) {
      return apiError(c, 503, 'No sync has finished yet: the first one is running, try again in a moment', undefined, { 'Retry-After': '2' });
    }
    const gzip = acceptsGzip(c.req.header('Accept-Encoding'));
    // A compressed body carries the weak tag (as the compress middleware would give it).
    const headers: Record<string, string> = { ETag: gzip ? `W/${prepared.etag}` : prepared.etag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
    if (etagMatches(c.req.header('If-None-Match'), prepared.etag)) return c.body(null, 304, headers);
    const type = { 'Content-Type': 'application/json; charset=utf-8' };
    if (gzip) return c.body(prepared.gzip() as Uint8Array<ArrayBuffer>, 200, { ...headers, ...type, 'Content-Encoding': 'gzip' });
    return c.body(prepared.body() as Uint8Array<ArrayBuffer>, 200, { ...headers, ...type });
  });
}
