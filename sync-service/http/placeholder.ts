// A minimal page at `/` until the alignment view (sync-service/web/routes.ts) exists.
// PLACEHOLDER: replaced by webRoutes() when that module is present.
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppDeps } from './deps.ts';

export function placeholderRoutes(deps: AppDeps) {
  return new Hono().get('/', (c) =>
    c.html(html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${deps.companyName ?? 'OKRs'} — alignment</title>
  </head>
  <body>
    <h1>${deps.companyName ?? 'OKRs'}</h1>
    <p>The alignment view is not built yet. The data is served as JSON:</p>
    <ul>
      <li><a href="/api/alignment">/api/alignment</a> — the roll-up tree</li>
      <li><a href="/api/teams">/api/teams</a>, <a href="/api/problems">/api/problems</a>, <a href="/api/syncs">/api/syncs</a>, <a href="/api/history">/api/history</a></li>
      <li><a href="/healthz">/healthz</a></li>
    </ul>
  </body>
</html>`),
  );
}
