// The HTTP app: JSON API under /api, /healthz, and the alignment view at /.
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { alignmentRoutes } from './alignment.ts';
import type { AppDeps } from './deps.ts';
import { notFound, onError, wrapNonErrors } from './errors.ts';
import { healthRoutes } from './health.ts';
import { hostGuard, LOOPBACK_HOSTS } from './hosts.ts';
import { historyRoutes } from './history.ts';
import { objectiveRoutes } from './objectives.ts';
import { periodRoutes } from './periods.ts';
import { problemRoutes } from './problems.ts';
import { reminderRoutes } from './reminders.ts';
import { securityHeaders } from './security.ts';
import { syncRoutes } from './syncs.ts';
import { teamRoutes } from './teams.ts';
import { triggerRoutes } from './trigger.ts';

export type { AppDeps } from './deps.ts';

export function createApp(deps: AppDeps) {
  const log = deps.log ?? ((line: string) => console.error(line));
  const app = new Hono();
  app.onError(onError(log));
  app.notFound(notFound);
  app.use(securityHeaders());
  app.use(hostGuard(deps.allowedHosts ?? LOOPBACK_HOSTS));
  app.use(compress());
  // Inside the two above, so even a non-Error failure gets the JSON 500 and the headers.
  app.use(wrapNonErrors());

  const api = new Hono()
    .route('/', alignmentRoutes(deps))
    .route('/', objectiveRoutes(deps))
    .route('/', teamRoutes(deps))
    .route('/', periodRoutes(deps))
    .route('/', problemRoutes(deps))
    .route('/', historyRoutes(deps))
    .route('/', syncRoutes(deps))
    .route('/', triggerRoutes(deps))
    .route('/', reminderRoutes(deps));
  app.route('/api', api);
  app.route('/', healthRoutes(deps));
  if (deps.webRoutes) app.route('/', deps.webRoutes(deps));
  return app;
}
