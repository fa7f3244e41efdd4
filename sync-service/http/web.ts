// Loads the alignment view (sync-service/web/routes.ts, `webRoutes(deps)`) when it exists.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WebRoutesFactory } from './deps.ts';

const WEB_ROUTES = new URL('../web/routes.ts', import.meta.url);

export async function loadWebRoutes(): Promise<WebRoutesFactory | null> {
  if (!existsSync(fileURLToPath(WEB_ROUTES))) return null;
  const mod = (await import(WEB_ROUTES.href)) as { webRoutes?: unknown };
  return typeof mod.webRoutes === 'function' ? (mod.webRoutes as WebRoutesFactory) : null;
}
