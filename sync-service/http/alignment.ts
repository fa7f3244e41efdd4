// GET /api/alignment[?period=LABEL]: the whole roll-up tree of the current period (or the one
// named), prepared once per sync and period (body and gzip made once): a request, and a 304 above
// all, costs no database read and no re-encoding.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from './deps.ts';
import { apiError } from './errors.ts';
import { PeriodParam, resolvePeriod } from './period.ts';
import { acceptsGzip, etagMatches, latestPrepared } from './snapshot.ts';
import { validate } from './validate.ts';

const Query = z.strictObject({ period: PeriodParam });

export function alignmentRoutes(deps: AppDeps) {
  return new Hono().get('/alignment', validate('query', Query), async (c) => {
    if (!(await latestPrepared(deps.store))) {
      return apiError(c, 503, 'No sync has finished yet: the first one is running, try again in a moment', undefined, { 'Retry-After': '2' });
    }
    const resolved = await resolvePeriod(c, deps.store, c.req.valid('query').period);
    if (!resolved.ok) return resolved.response;
    const { prepared } = resolved;
    const gzip = acceptsGzip(c.req.header('Accept-Encoding'));
    // A compressed body carries the weak tag (as the compress middleware would give it).
    const headers: Record<string, string> = { ETag: gzip ? `W/${prepared.etag}` : prepared.etag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
    if (etagMatches(c.req.header('If-None-Match'), prepared.etag)) return c.body(null, 304, headers);
    const type = { 'Content-Type': 'application/json; charset=utf-8' };
    if (gzip) return c.body(prepared.gzip() as Uint8Array<ArrayBuffer>, 200, { ...headers, ...type, 'Content-Encoding': 'gzip' });
    return c.body(prepared.body() as Uint8Array<ArrayBuffer>, 200, { ...headers, ...type });
  });
}
