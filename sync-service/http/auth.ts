// Write routes need `Authorization: Bearer <OKR_TOKEN>`. Without a configured token they are off.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { apiError } from './errors.ts';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison: equal-length digests, so neither length nor content leaks through timing. */
export function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function requireToken(token: string | null | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (!token) {
      return apiError(c, 403, 'Write routes are disabled: set OKR_TOKEN (environment) to a secret and send it as "Authorization: Bearer <token>"');
    }
    const header = c.req.header('Authorization') ?? '';
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!m || !tokenMatches(m[1]!, token)) {
      return apiError(c, 401, m ? 'Invalid token' : 'Missing bearer token: send "Authorization: Bearer <OKR_TOKEN>"', undefined, {
        'WWW-Authenticate': 'Bearer realm="okr"',
      });
    }
    await next();
  };
}
