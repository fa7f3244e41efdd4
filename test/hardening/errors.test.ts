// Internal errors never reach clients: with a store that throws (an Error with a stack and file
// paths, SQL in the message, a thrown string, a corrupt stored document), every route answers a
// plain 5xx — no stack, no file path, no message from inside — while the server log gets the details.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { createApp } from '../../sync-service/http/app.ts';
import { webRoutes } from '../../sync-service/web/routes.ts';
import { syncedStore } from './support.ts';

const pglite = storageTargets()[0]!;
let good: Store;

beforeAll(async () => {
  good = await syncedStore(pglite);
});
afterAll(() => pglite.teardown());

const SECRET_SQL = 'SELECT password_hash FROM users WHERE id = 7';
const HERE = path.resolve('sync-service/db/store.ts');

/** What a real failure looks like: a message with SQL and a path, a stack through our files. */
function realisticError(): Error {
  const err = new Error(`relation "objective_snapshots" does not exist at ${HERE}:120 (${SECRET_SQL})`);
  err.stack = `${err.message}\n    at Store.latestAlignmentJson (${HERE}:321:11)\n    at async file://${path.resolve('sync-service/http/alignment.ts')}:9:20`;
  return err;
}

/** A store whose every method fails the given way (db.query too, for /healthz). */
function failingStore(fail: () => unknown): Store {
  const db = new Proxy(good.db, { get: (t, k) => (k === 'query' || k === 'exec' ? () => Promise.reject(fail()) : Reflect.get(t, k)) });
  return new Proxy(good, {
    get: (t, k) => {
      if (k === 'db') return db;
      const v = Reflect.get(t, k);
      return typeof v === 'function' ? () => Promise.reject(fail()) : v;
    },
  });
}

/** A store that works but holds a corrupt alignment document. */
function corruptStore(): Store {
  return new Proxy(good, {
    get: (t, k) => {
      if (k === 'latestAlignmentJson') {
        return async () => ({ ...(await t.latestAlignmentJson())!, json: `{"objectives": [ {"key": "C1", ${SECRET_SQL}` });
      }
      // As after a restart: no sync of this process hands its document over, the stored one is read.
      if (k === 'takeCompleted') return () => null;
      const v = Reflect.get(t, k);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

const ROUTES = [
  '/api/alignment',
  '/api/teams',
  '/api/problems',
  '/api/history',
  '/api/syncs',
  '/api/syncs/1',
  '/api/objectives/C1',
  '/healthz',
  '/',
  '/teams',
  '/teams/Sales',
  '/objectives/C1',
  '/problems',
];

const FAILURES: [string, () => Store][] = [
  ['an Error with a stack, paths and SQL', () => failingStore(realisticError)],
  ['a thrown string', () => failingStore(() => `raw string failure: ${SECRET_SQL}`)],
  ['a thrown object', () => failingStore(() => ({ code: '42P01', detail: SECRET_SQL, where: HERE }))],
  ['a corrupt stored document', corruptStore],
];

function expectNothingLeaks(text: string, what: string) {
  for (const leak of [
    SECRET_SQL,
    'password_hash',
    HERE,
    '/work/',
    'sync-service/',
    '.ts:',
    '    at ',
    'relation "',
    '42P01',
    'Unexpected token',
    'JSON at position',
  ]) {
    expect(text.includes(leak), `${what} leaks ${JSON.stringify(leak)}:\n${text.slice(0, 300)}`).toBe(false);
  }
}

describe('no internal error reaches a client', () => {
  for (const [name, makeStore] of FAILURES) {
    it(`${name}: every route answers a plain 5xx`, async () => {
      const logged: string[] = [];
      const app = createApp({ store: makeStore(), token: 'errors-test-token', webRoutes, log: (l) => logged.push(l) });
      for (const url of ROUTES) {
        const res = await app.request(url);
        const body = await res.text();
        const what = `${name}: GET ${url} (${res.status})`;
        // The corrupt document only breaks the routes that parse it.
        if (name === 'a corrupt stored document' && res.status < 500) continue;
        expect(res.status, what).toBeGreaterThanOrEqual(500);
        expectNothingLeaks(body, what);
        expectNothingLeaks(JSON.stringify([...res.headers]), `${what} headers`);
        // Still a response of ours: the security headers are on it.
        expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
        if (url.startsWith('/api/')) {
          expect(res.headers.get('content-type'), what).toMatch(/^application\/json/);
          expect(JSON.parse(body), what).toEqual({ error: { message: 'Internal server error' } });
        }
      }
      // The operators get the details (once per failed request that reached the error handler).
      expect(logged.length).toBeGreaterThan(0);
      if (name.startsWith('an Error')) expect(logged.join('\n')).toContain('Store.latestAlignmentJson');
    });
  }

  it('POST /api/sync with a runner that throws on start: 500, nothing leaks', async () => {
    const runner = { start: () => Promise.reject(realisticError()), status: () => ({ running: false }) } as never;
    const app = createApp({ store: good, runner, token: 'errors-test-token', log: () => {} });
    const res = await app.request('/api/sync', { method: 'POST', headers: { Authorization: 'Bearer errors-test-token' } });
    expect(res.status).toBe(500);
    const body = await res.text();
    expectNothingLeaks(body, 'POST /api/sync');
    expect(JSON.parse(body)).toEqual({ error: { message: 'Internal server error' } });
  });
});
