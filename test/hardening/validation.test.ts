// Every API route, walked with bad query parameters, path parameters and bodies: each answer is a
// 4xx JSON `{ error: { message, field } }` naming the field at fault — and the same routes with
// good input answer 200, so the validators are not simply refusing everything. The route table
// is checked against the app's own routes, so a new API route cannot skip this walk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { SyncRunner } from '../../sync-service/engine/runner.ts';
import { RemindersConfig } from '../../sync-service/config/schema.ts';
import { createApp } from '../../sync-service/http/app.ts';
import { createReminders } from '../../sync-service/reminders/service.ts';
import { webRoutes } from '../../sync-service/web/routes.ts';
import { gatedSource, syncedStore } from './support.ts';

const TOKEN = 'validation-test-token';
const pglite = storageTargets()[0]!;
let store: Store;
let app: ReturnType<typeof createApp>;
let gate: ReturnType<typeof gatedSource>;
let runner: SyncRunner;

beforeAll(async () => {
  store = await syncedStore(pglite);
  gate = gatedSource();
  // A runner whose syncs never get far (the gate stays shut): a good POST answers 202 at most once.
  runner = new SyncRunner({ store, sources: [gate.source], company: {} });
  // Reminders with no channel: a run only plans (nothing can be sent from here).
  const reminders = createReminders({ store, config: RemindersConfig.parse({}) });
  app = createApp({ store, runner, token: TOKEN, webRoutes, reminders, log: () => {} });
});
afterAll(async () => {
  gate.release();
  await runner.stop();
  await pglite.teardown();
});

interface Bad {
  url: string;
  /** The field the answer must name. */
  field: string;
  init?: RequestInit;
  status?: number;
}

const json = (body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }): RequestInit => ({
  method: 'POST',
  headers: { Authorization: `Bearer ${TOKEN}`, ...headers },
  body,
});

/** Route (as the app registers it) → requests that must be refused, and one that must pass. */
const ROUTES: Record<string, { good: string | [string, RequestInit]; bad: Bad[]; goodStatus?: number }> = {
  'GET /api/alignment': {
    good: '/api/alignment',
    bad: [
      { url: '/api/alignment?nocache=1', field: 'nocache' },
      { url: '/api/alignment?period=1999%20Q1', field: 'period' },
      { url: '/api/alignment?period=', field: 'period' },
      { url: '/api/alignment?period=%00', field: 'period' },
    ],
  },
  'GET /api/teams': {
    good: '/api/teams',
    bad: [
      { url: '/api/teams?team=Sales', field: 'team' },
      { url: '/api/teams?period=nope', field: 'period' },
    ],
  },
  'GET /api/periods': {
    good: '/api/periods',
    bad: [{ url: '/api/periods?period=x', field: 'period' }],
  },
  'GET /api/objectives/:id{.+}': {
    good: '/api/objectives/C1',
    bad: [
      { url: `/api/objectives/${'x'.repeat(201)}`, field: 'id' },
      { url: '/api/objectives/%20%20', field: 'id' },
      { url: '/api/objectives/NOPE', field: 'id', status: 404 },
      { url: '/api/objectives/C1?period=nope', field: 'period' },
    ],
  },
  'GET /api/problems': {
    good: '/api/problems?team=Sales&severity=error',
    bad: [
      { url: '/api/problems?severity=fatal', field: 'severity' },
      { url: '/api/problems?severity=error&severity=warning', field: 'severity' },
      { url: '/api/problems?team=', field: 'team' },
      { url: `/api/problems?team=${'t'.repeat(201)}`, field: 'team' },
      { url: '/api/problems?teem=Sales', field: 'teem' },
      { url: '/api/problems?team=%00', field: 'team' },
      { url: '/api/problems?period=nope', field: 'period' },
    ],
  },
  'GET /api/history': {
    good: '/api/history?from=2026-01-01&to=2026-12-31T23:59:59Z&team=Sales',
    bad: [
      { url: '/api/history?from=yesterday', field: 'from' },
      { url: '/api/history?from=2026-13-45', field: 'from' },
      { url: '/api/history?to=2026-02-30T25:00:00Z', field: 'to' },
      { url: '/api/history?from=2026-02-01&to=2026-01-01', field: 'to' },
      { url: '/api/history?team=', field: 'team' },
      { url: '/api/history?since=2026-01-01', field: 'since' },
      // Year 0 parses in JavaScript but not in Postgres; NUL cannot be compared in Postgres.
      { url: '/api/history?from=0000-01-01', field: 'from' },
      { url: '/api/history?to=0000-12-31T23:00:00Z', field: 'to' },
      { url: '/api/history?from=0001-01-01T00:00:00%2B01:00', field: 'from' },
      { url: '/api/history?team=%00', field: 'team' },
      { url: '/api/history?team=Sales%00', field: 'team' },
      { url: '/api/history?period=nope', field: 'period' },
    ],
  },
  'GET /api/syncs': {
    good: '/api/syncs?limit=5',
    bad: [
      { url: '/api/syncs?limit=abc', field: 'limit' },
      { url: '/api/syncs?limit=0', field: 'limit' },
      { url: '/api/syncs?limit=501', field: 'limit' },
      { url: '/api/syncs?limit=1.5', field: 'limit' },
      { url: '/api/syncs?limit=-1', field: 'limit' },
      { url: '/api/syncs?limit=1&limit=2', field: 'limit' },
      { url: '/api/syncs?before=3', field: 'before' },
    ],
  },
  'GET /api/syncs/:id': {
    good: '/api/syncs/1',
    bad: [
      { url: '/api/syncs/abc', field: 'id' },
      { url: '/api/syncs/0', field: 'id' },
      { url: '/api/syncs/1e3', field: 'id' },
      { url: '/api/syncs/2147483648', field: 'id' },
      { url: '/api/syncs/99999', field: 'id', status: 404 },
    ],
  },
  'POST /api/sync': {
    good: ['/api/sync', json('{"force":true}')],
    bad: [
      { url: '/api/sync', init: json('{"force":"yes"}'), field: 'force' },
      { url: '/api/sync', init: json('{"force":true,"all":1}'), field: 'all' },
      { url: '/api/sync', init: json('{"force":'), field: 'body' },
      { url: '/api/sync', init: json('[]'), field: 'body' },
      { url: '/api/sync', init: json('null'), field: 'body' },
      { url: '/api/sync', init: json(''), field: 'body' },
      // A body in another format is not silently ignored (curl -d sends a form).
      { url: '/api/sync', init: json('force=true', { 'Content-Type': 'application/x-www-form-urlencoded' }), field: 'Content-Type', status: 415 },
      { url: '/api/sync', init: json('{"force":"yes"}', { 'Content-Type': 'text/plain' }), field: 'Content-Type', status: 415 },
    ],
  },
  'POST /api/reminders/send': {
    good: ['/api/reminders/send', json('{"dryRun":true,"asOf":"2026-02-02"}')],
    goodStatus: 200,
    bad: [
      { url: '/api/reminders/send', init: json('{"asOf":"2026-02-30"}'), field: 'asOf' },
      { url: '/api/reminders/send', init: json('{"asOf":"next monday"}'), field: 'asOf' },
      { url: '/api/reminders/send', init: json('{"dryRun":1}'), field: 'dryRun' },
      { url: '/api/reminders/send', init: json('{"week":"2026-W05"}'), field: 'week' },
      { url: '/api/reminders/send', init: json('{"dryRun":'), field: 'body' },
      { url: '/api/reminders/send', init: json('dryRun=true', { 'Content-Type': 'application/x-www-form-urlencoded' }), field: 'Content-Type', status: 415 },
    ],
  },
  'GET /healthz': { good: '/healthz', bad: [] },
};

describe('every API route validates its input', () => {
  it('the table covers every route the app serves under /api and /healthz', () => {
    const served = new Set(
      app.routes.filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/') || r.path === '/healthz')).map((r) => `${r.method} ${r.path}`),
    );
    expect([...served].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  for (const [route, { good, bad, goodStatus }] of Object.entries(ROUTES)) {
    describe(route, () => {
      for (const b of bad) {
        it(`${b.init?.method ?? 'GET'} ${b.url.length > 80 ? `${b.url.slice(0, 80)}…` : b.url} ${b.init?.body ? String(b.init.body) : ''} → ${b.status ?? 400} naming ${b.field}`, async () => {
          const res = await app.request(b.url, b.init);
          expect(res.status).toBe(b.status ?? 400);
          expect(res.headers.get('content-type')).toMatch(/^application\/json/);
          const body = (await res.json()) as { error: { message: string; field?: string } };
          expect(body.error.field).toBe(b.field);
          expect(body.error.message.length).toBeGreaterThan(3);
        });
      }

      it('good input passes', async () => {
        const [url, init] = typeof good === 'string' ? [good, undefined] : good;
        const res = await app.request(url, init);
        expect(res.status, await res.clone().text()).toBe(goodStatus ?? (route.startsWith('POST') ? 202 : 200));
      });
    });
  }
});
