// The bearer token of write routes: right token 202 (or 409 while a sync runs), wrong token of the
// same or another length 401, missing 401, no token configured 403 — and every comparison goes
// through timingSafeEqual over two equal-length digests, whatever the length of what was sent.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Spy on the comparison the auth module imports (the real one still runs).
const crypto = vi.hoisted(() => ({ calls: [] as [number, number][] }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    crypto.calls.push([a.byteLength, b.byteLength]);
    return real.timingSafeEqual(a, b);
  };
  return { ...real, default: { ...real, timingSafeEqual }, timingSafeEqual };
});

const { createStore } = await import('../../sync-service/db/store.ts');
const { storageTargets } = await import('../../sync-service/db/test-support.ts');
const { SyncRunner } = await import('../../sync-service/engine/runner.ts');
const { createApp } = await import('../../sync-service/http/app.ts');
const { tokenMatches } = await import('../../sync-service/http/auth.ts');
const { gatedSource } = await import('./support.ts');

const TOKEN = 'correct-horse-battery-staple-42';
const pglite = storageTargets()[0]!;
afterAll(() => pglite.teardown());
beforeEach(() => {
  crypto.calls.length = 0;
});

type App = ReturnType<typeof createApp>;
const post = (app: App, authorization?: string) =>
  app.request('/api/sync', { method: 'POST', headers: authorization === undefined ? {} : { Authorization: authorization } });

async function expectError(res: Response, status: number, message: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { message: string } };
  expect(body.error.message).toMatch(message);
}

describe('POST /api/sync with a configured token', () => {
  let app: App;
  let runner: InstanceType<typeof SyncRunner>;
  let gate: ReturnType<typeof gatedSource>;

  beforeAll(async () => {
    gate = gatedSource();
    const store = createStore(await pglite.fresh());
    runner = new SyncRunner({ store, sources: [gate.source], company: {} });
    app = createApp({ store, runner, token: TOKEN, log: () => {} });
  });
  afterAll(async () => {
    gate.release();
    await runner.stop();
  });

  it('the right token starts a sync (202); while it runs, 409', async () => {
    const first = await post(app, `Bearer ${TOKEN}`);
    expect(first.status).toBe(202);
    const { syncId } = (await first.json()) as { syncId: number };
    expect(first.headers.get('location')).toBe(`/api/syncs/${syncId}`);
    await gate.reading;
    await expectError(await post(app, `Bearer ${TOKEN}`), 409, new RegExp(`sync ${syncId} is already running`));
    // The scheme is case-insensitive (RFC 7235).
    await expectError(await post(app, `bearer ${TOKEN}`), 409, /already running/);
  });

  const wrong: [string, string | undefined][] = [
    ['missing', undefined],
    ['empty', ''],
    ['another scheme', `Basic ${Buffer.from(`okr:${TOKEN}`).toString('base64')}`],
    ['the scheme alone', 'Bearer'],
    ['same length, one character off', `Bearer ${TOKEN.slice(0, -1)}3`],
    ['a prefix of it', `Bearer ${TOKEN.slice(0, 8)}`],
    ['longer (the token and more)', `Bearer ${TOKEN}${TOKEN}`],
    ['10 KB long', `Bearer ${'x'.repeat(10_240)}`],
    ['a second token after it', `Bearer ${TOKEN} ${TOKEN}`],
  ];
  for (const [name, header] of wrong) {
    it(`401 for a ${name} token`, async () => {
      const res = await post(app, header);
      await expectError(res, 401, /token/i);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });
  }

  it('compares in constant time: timingSafeEqual over equal-length digests, whatever was sent', async () => {
    for (const given of [TOKEN, 'x', TOKEN.slice(0, -1), 'y'.repeat(10_000)]) {
      crypto.calls.length = 0;
      expect(tokenMatches(given, TOKEN)).toBe(given === TOKEN);
      expect(crypto.calls).toEqual([[32, 32]]);
    }
    crypto.calls.length = 0;
    await post(app, 'Bearer x');
    await post(app, `Bearer ${'z'.repeat(5_000)}`);
    expect(crypto.calls).toEqual([
      [32, 32],
      [32, 32],
    ]);
  });
});

describe('POST /api/sync without a configured token', () => {
  it('is switched off: 403 whatever is sent', async () => {
    const store = createStore(await pglite.fresh());
    for (const token of [null, undefined, '']) {
      const app = createApp({ store, runner: null, token, log: () => {} });
      for (const header of [undefined, 'Bearer anything', `Bearer ${TOKEN}`]) await expectError(await post(app, header), 403, /OKR_TOKEN/);
    }
  });
});
