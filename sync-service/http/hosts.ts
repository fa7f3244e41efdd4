// DNS rebinding: a web page on evil.example can point its own name at 127.0.0.1 and then read a
// locally running service with the browser's same-origin blessing. The one thing it cannot fake is
// the Host header (it carries evil.example), so only configured host names are answered.
import type { MiddlewareHandler } from 'hono';
import { apiError } from './errors.ts';

/** Served when nothing is configured: the loopback names. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** The host name of a Host header value or URL host, lower-case, without the port (`[::1]:80` → `[::1]`). */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.indexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

/** The names served: the loopback names, the interface bound (unless a wildcard) and the configured ones. */
export function servedHosts(bindHost: string | undefined, configured: readonly string[] = []): string[] {
  const names = new Set(LOOPBACK_HOSTS);
  if (bindHost && !['0.0.0.0', '::', '[::]'].includes(bindHost)) names.add(hostName(bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost));
  for (const c of configured) names.add(hostName(c));
  return [...names];
}

/** Answers 403 JSON, naming the Host, to a request for any other host name. */
export function hostGuard(allowed: readonly string[]): MiddlewareHandler {
  const names = new Set(allowed.map(hostName));
  return async (c, next) => {
    // Node's server builds the request URL from the Host header; the header itself wins when present.
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!names.has(hostName(host))) {
      return apiError(
        c,
        403,
        `Host "${hostName(host)}" is not served here: add it to allowedHosts in okr.config.json (served: ${[...names].join(', ')})`,
        'Host',
      );
    }
    await next();
  };
}
