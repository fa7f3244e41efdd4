// What the HTTP app is built from. Tests pass an in-memory store and no runner.
import type { Hono } from 'hono';
import type { Store } from '../db/store.ts';
import type { SyncRunner } from '../engine/runner.ts';
import type { Reminders } from '../reminders/service.ts';

export interface AppDeps {
  store: Store;
  /** Starts syncs for POST /api/sync and reports sync state in /healthz. */
  runner?: SyncRunner | null;
  /** OKR_TOKEN: write routes need it as a bearer token; without one they answer 403. */
  token?: string | null;
  /** Company name, for pages. */
  companyName?: string;
  /** Server-side log (errors with stacks go here, never to clients). */
  log?: (line: string) => void;
  /** Largest accepted request body in bytes (default 16 KiB). */
  bodyLimit?: number;
  /** The weekly check-in habit, for POST /api/reminders/send (503 without). */
  reminders?: Reminders | null;
  /** Host names answered (DNS rebinding); default: the loopback names only. */
  allowedHosts?: readonly string[];
  /** The alignment view (sync-service/web/routes.ts), mounted at `/` when given. */
  webRoutes?: WebRoutesFactory | null;
}

export type WebRoutesFactory = (deps: AppDeps) => Hono;
