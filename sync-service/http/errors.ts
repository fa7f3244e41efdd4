// Every API error is JSON `{ error: { message, field? } }`; nothing ever carries a stack trace.
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ApiErrorBody {
  error: { message: string; field?: string };
}

export function apiError(c: Context, status: ContentfulStatusCode, message: string, field?: string, headers?: Record<string, string>) {
  const body: ApiErrorBody = { error: field === undefined ? { message } : { message, field } };
  return c.json(body, status, headers);
}

/** app.onError: HTTP exceptions keep their status and message; anything else is a plain 500. */
export function onError(log: (line: string) => void) {
  return (err: Error, c: Context) => {
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      const message = err.status === 413 ? 'Request body too large' : err.message || 'Request failed';
      return apiError(c, status, message);
    }
    log(`okr http: ${c.req.method} ${c.req.path} failed: ${err.stack ?? err.message}`);
    return apiError(c, 500, 'Internal server error');
  };
}

/**
 * Hono hands only Error instances to onError: anything else thrown (a string, a driver's plain
 * object) would escape it — no JSON, no security headers, and app.fetch rejects. Wrap it.
 */
export function wrapNonErrors(): MiddlewareHandler {
  return async (_c, next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof Error) throw err;
      throw new Error(`non-Error thrown: ${typeof err === 'string' ? err : (JSON.stringify(err) ?? String(err))}`, { cause: err });
    }
  };
}

/** app.notFound: JSON under /api, a short page elsewhere. */
export function notFound(c: Context) {
  if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return apiError(c, 404, `No such route: ${c.req.method} ${c.req.path}`);
  return c.text('Not found', 404);
}
