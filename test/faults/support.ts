// Shared by the fault tests: a Google-backed sync engine wired to the fake server with small,
// real backoffs, and small HTTP helpers over createApp (no socket needed).
import type { Cell } from '../../shared/values.ts';
import type { Store } from '../../sync-service/db/store.ts';
import type { SyncEngine, SyncResult, SyncSummary } from '../../sync-service/engine/sync.ts';
import { createGoogleClients } from '../../sync-service/google/clients.ts';
import { createRateLimiter, type RateLimiter } from '../../sync-service/google/limiter.ts';
import type { RetryInfo, RetryOptions } from '../../sync-service/google/retry.ts';
import { createGoogleSource } from '../../sync-service/google/source.ts';
import { createApp } from '../../sync-service/http/app.ts';
import type { WebRoutesFactory } from '../../sync-service/http/deps.ts';
import { type GoogleScope, googleSheetSource } from '../../sync-service/sources/google.ts';
import { type FakeGoogleServer, fakeAuthClient } from '../fakes/google-server.ts';
import { okrGrid, type RowSpec } from '../fixtures/workbooks.ts';

export function done(r: SyncResult): SyncSummary {
  if (r.skipped) throw new Error(`sync skipped: ${r.reason}`);
  return r;
}

export const grid = (meta: Parameters<typeof okrGrid>[0], rows: RowSpec[]): Cell[][] => okrGrid(meta, rows) as Cell[][];

/** One team objective aligned to C1 with one metric KR 0..10 at `current` (score current / 10). */
export function teamGrid(team: string, current: number): Cell[][] {
  const id = team.slice(0, 3).toUpperCase();
  return grid({ team }, [
    { oid: `${id}1`, objective: `${team} does great work`, alignsTo: 'C1', kr: 'Things done', krId: `${id}1-1`, type: 'metric', start: 0, target: 10, current },
  ]);
}

export const companyGrid = (): Cell[][] =>
  grid({ team: 'Company', mission: 'Be useful', start: '2026-01-01', end: '2026-03-31' }, [
    { oid: 'C1', objective: 'Serve customers', kr: 'NPS', krId: 'C1-1', type: 'metric', start: 30, target: 50, current: 40 },
  ]);

export interface GoogleEngineOptions {
  retry?: RetryOptions;
  timeoutMs?: number;
  limiter?: RateLimiter;
  concurrency?: number;
}

/** A Google-sourced engine on the fake; every retry the source makes is recorded in `retries`. */
export function googleEngine(google: Pick<FakeGoogleServer, 'url'>, store: Store, scope: GoogleScope, opts: GoogleEngineOptions = {}) {
  const { sheets, drive } = createGoogleClients({ rootUrl: google.url, auth: fakeAuthClient(), timeoutMs: opts.timeoutMs ?? 5_000 });
  const retries: RetryInfo[] = [];
  const source = createGoogleSource({
    sheets,
    drive,
    limiter: opts.limiter ?? createRateLimiter({ limit: Number.POSITIVE_INFINITY, concurrency: 8 }),
    retry: { ...opts.retry, onRetry: (i) => retries.push(i) },
  });
  const engine: SyncEngine = {
    store,
    sources: [googleSheetSource(source, scope)],
    company: {},
    now: () => new Date('2026-02-15T12:00:00Z'),
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
  };
  return { engine, retries, source };
}

export async function getJson<T = unknown>(app: ReturnType<typeof createApp>, url: string): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await app.request(url);
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

export function appFor(store: Store, webRoutes: WebRoutesFactory | null = null) {
  return createApp({ store, webRoutes, log: () => {} });
}

/** Text as it must appear inside HTML (the reasons carry quotes and parentheses). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
