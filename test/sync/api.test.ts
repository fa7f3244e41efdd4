// The HTTP API through app.request(), and once over a real socket.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MEMORY, openDatabase } from '../../sync-service/db/database.ts';
import { createStore, type Store } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { SyncRunner } from '../../sync-service/engine/runner.ts';
import { runSync, type SyncEngine } from '../../sync-service/engine/sync.ts';
import { createApp } from '../../sync-service/http/app.ts';
import { serve } from '../../sync-service/http/serve.ts';
import { latestDocument, REVALIDATE_MS } from '../../sync-service/http/snapshot.ts';
import { webRoutes } from '../../sync-service/web/routes.ts';
import { folderSource } from '../../sync-service/sources/folder.ts';
import { removeTempDirs, tempDir } from '../fixtures/workbooks.ts';
import { writeZoo, ZOO_AS_OF, ZOO_EXPECTED } from '../fixtures/zoo.ts';

afterAll(removeTempDirs);

const pglite = storageTargets()[0]!;
const TOKEN = 'correct-horse-battery-staple';
let dir: string;
let store: Store;
let engine: SyncEngine;
let runner: SyncRunner;
let app: ReturnType<typeof createApp>;
const logged: string[] = [];

beforeAll(async () => {
  dir = await writeZoo(tempDir());
  store = createStore(await pglite.fresh());
  engine = { store, sources: [folderSource(dir)], company: { name: 'Zoo Inc' }, now: () => ZOO_AS_OF };
  runner = new SyncRunner(engine);
  app = createApp({ store, runner, token: TOKEN, webRoutes, log: (l) => logged.push(l) });
});
afterAll(async () => {
  await runner.stop();
  await pglite.teardown();
});

/** Response bodies are checked field by field: typed as JSON.parse types them. */
type Json = ReturnType<typeof JSON.parse>;
const json = async (r: Response): Promise<Json> => r.json();

describe('before the first sync', () => {
  it('answers 503 JSON with Retry-After', async () => {
    const r = await app.request('/api/alignment');
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('2');
    expect(await json(r)).toEqual({ error: { message: expect.stringContaining('No sync') } });
  });
});

describe('GET /api/alignment', () => {
  beforeAll(async () => {
    await runSync(engine);
  });

  it('serves the tree with the last sync, coverage, orphans, stale teams and problems', async () => {
    const r = await app.request('/api/alignment');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/json');
    const body = await json(r);
    expect(body.lastSync).toMatchObject({ id: 1, status: 'ok', period: '2026-Q1', finishedAt: expect.any(String) });
    expect(body.company).toEqual({ name: 'Zoo Inc', mission: 'Make planning joyful' });
    expect(body.tree.map((n: Json) => n.key)).toEqual(['C1', 'C2']);
    const c1 = body.tree[0];
    expect(c1).toMatchObject({ id: 'C1', title: 'Delight our customers', team: 'Company', score: 0.5, grade: 'yellow', status: expect.any(String) });
    expect(c1.rolledScore).toBeCloseTo(ZOO_EXPECTED.C1, 10);
    expect(c1.keyResults[0]).toMatchObject({ id: 'C1-1', score: 0.5 });
    expect(c1.children.map((n: Json) => n.key).sort()).toEqual(['E2', 'S1', 'SU1']);
    expect(body.coverage).toEqual({ teamObjectives: 8, aligned: 5, ratio: 0.625 });
    expect(body.orphans.sort()).toEqual(['S2', 'SU2', 'SU3']);
    expect(body.staleTeams).toEqual([]);
    expect(body.problems.length).toBeGreaterThan(5);
  });

  it('supports ETag / If-None-Match (also the weak tag of a compressed response)', async () => {
    const plain = await app.request('/api/alignment');
    const etag = plain.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]+-1"$/);
    expect(plain.headers.get('cache-control')).toBe('no-cache');
    const again = await app.request('/api/alignment', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const gz = await app.request('/api/alignment', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('vary')).toContain('Accept-Encoding');
    const weak = gz.headers.get('etag')!;
    expect(weak).toBe(`W/${etag}`);
    expect((await app.request('/api/alignment', { headers: { 'If-None-Match': weak } })).status).toBe(304);
    expect((await app.request('/api/alignment', { headers: { 'If-None-Match': `"other", ${etag}` } })).status).toBe(304);
    expect((await app.request('/api/alignment', { headers: { 'If-None-Match': '"other"' } })).status).toBe(200);
  });

  it('a new sync changes the tag', async () => {
    const before = (await app.request('/api/alignment')).headers.get('etag')!;
    await runSync(engine);
    const r = await app.request('/api/alignment', { headers: { 'If-None-Match': before } });
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).not.toBe(before);
    expect((await json(r)).lastSync.id).toBe(2);
  });

  it('is prepared once per sync: 304s and repeat GETs (plain or gzip) read nothing from the database', async () => {
    const plain = await app.request('/api/alignment');
    const etag = plain.headers.get('etag')!;
    const text = await plain.text();
    const query = vi.spyOn(store.db, 'query');
    try {
      for (let i = 0; i < 20; i++) expect((await app.request('/api/alignment', { headers: { 'If-None-Match': etag } })).status).toBe(304);
      expect(await (await app.request('/api/alignment')).text()).toBe(text);
      const gz = await app.request('/api/alignment', { headers: { 'Accept-Encoding': 'gzip' } });
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      const bytes = new Uint8Array(await gz.arrayBuffer());
      expect(gunzipSync(bytes).toString('utf8')).toBe(text);
      expect(query).not.toHaveBeenCalled();
    } finally {
      query.mockRestore();
    }
  });

  it('sees a sync of another instance on the same database within a second, with one light check', async () => {
    const db = await openDatabase({ dataDir: MEMORY });
    try {
      const served = createStore(db);
      const other = createStore(db); // another instance's store: this one's sync generation does not move
      const own = createApp({ store: served, log: () => {} });
      await runSync({ ...engine, store: served });
      const before = (await own.request('/api/alignment')).headers.get('etag')!;
      await runSync({ ...engine, store: other });
      expect((await own.request('/api/alignment', { headers: { 'If-None-Match': before } })).status).toBe(304);
      await new Promise((r) => setTimeout(r, REVALIDATE_MS + 100));
      const r = await own.request('/api/alignment', { headers: { 'If-None-Match': before } });
      expect(r.status).toBe(200);
      expect((await json(r)).lastSync.id).toBe(2);
    } finally {
      await db.close();
    }
  });
});

describe('the other read routes', () => {
  it('GET /api/objectives/:id by key (with a slash) or sheet id, with score history and check-ins', async () => {
    const r = await app.request('/api/objectives/Sales%2FS1');
    expect(r.status).toBe(200);
    const body = await json(r);
    expect(body.objective).toMatchObject({ key: 'Sales/S1', team: 'Sales', parents: ['C2'], parentTitles: { C2: 'Grow the business' } });
    expect(body.objective.problems.map((p: Json) => p.code)).toContain('duplicate-id');
    // Two syncs, nothing changed on the same day: one stored snapshot, one history point.
    expect(body.history).toEqual([expect.objectContaining({ syncId: 1, ownScore: 0.55 })]);
    expect((await json(await app.request('/api/objectives/Sales/S1'))).objective.key).toBe('Sales/S1');
    const c1 = await json(await app.request('/api/objectives/C1'));
    expect(c1.checkins).toHaveLength(1);
    expect(c1.objective.childTitles).toMatchObject({ SU1: 'Répondre plus vite' });
    // A sheet id shared by two teams: the first, and the other keys.
    expect((await json(await app.request('/api/objectives/S1'))).alsoMatching).toEqual([]);
    const missing = await app.request('/api/objectives/NOPE-1');
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ error: { message: 'No objective with key or id "NOPE-1"', field: 'id' } });
  });

  it('GET /api/teams', async () => {
    const body = await json(await app.request('/api/teams'));
    expect(body.teams.map((t: Json) => t.team)).toEqual(ZOO_EXPECTED.teams);
    expect(body.teams.find((t: Json) => t.team === 'Support')).toMatchObject({
      source: 'support.csv',
      sourceId: 'file:support.csv',
      stale: false,
      lastGoodSyncId: 2,
    });
    expect(body.missing).toEqual([]);
  });

  it('GET /api/problems filters by team and severity, and validates them', async () => {
    const all = await json(await app.request('/api/problems'));
    const sales = await json(await app.request('/api/problems?team=sales&severity=error'));
    expect(sales.problems.length).toBeGreaterThan(0);
    expect(sales.problems.every((p: Json) => p.team === 'Sales' && p.severity === 'error')).toBe(true);
    expect(sales.counts).toEqual({ errors: sales.problems.length, warnings: 0 });
    expect(all.problems.length).toBeGreaterThan(sales.problems.length);
    const bad = await app.request('/api/problems?severity=fatal');
    expect(bad.status).toBe(400);
    expect(await json(bad)).toEqual({ error: { message: 'severity: expected one of "error", "warning"', field: 'severity' } });
    const unknown = await app.request('/api/problems?sevrity=error');
    expect(await json(unknown)).toEqual({ error: { message: 'sevrity: unknown parameter', field: 'sevrity' } });
  });

  it('GET /api/history validates dates and filters', async () => {
    const all = await json(await app.request('/api/history'));
    expect(all.rows.length).toBe(10); // 10 objectives × 1 stored snapshot (the second sync changed nothing)
    const company = await json(await app.request('/api/history?team=Company&from=2000-01-01'));
    expect(company.rows.every((r: Json) => r.team === 'Company')).toBe(true);
    expect(company.rows).toHaveLength(2);
    expect((await json(await app.request('/api/history?to=2000-01-01'))).rows).toEqual([]);
    const bad = await app.request('/api/history?from=last%20week');
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toEqual({ message: 'from: expected a date like 2026-01-31 or 2026-01-31T12:00:00Z', field: 'from' });
    const backwards = await app.request('/api/history?from=2026-02-01&to=2026-01-01');
    expect((await json(backwards)).error.field).toBe('to');
    expect((await app.request('/api/history?from=2026-02-30')).status).toBe(200); // Date.parse rolls it over; still a date
  });

  it('GET /api/syncs?limit= is 1–500', async () => {
    const body = await json(await app.request('/api/syncs?limit=1'));
    expect(body.syncs).toHaveLength(1);
    expect(body.syncs[0]).toMatchObject({ id: 2, status: 'ok', counts: { teams: 4, read: 0, unchangedSkipped: 4 } });
    for (const [q, message] of [
      ['0', 'limit: must be at least 1'],
      ['501', 'limit: must be at most 500'],
      ['ten', 'limit: expected a whole number'],
    ] as const) {
      const r = await app.request(`/api/syncs?limit=${q}`);
      expect(r.status).toBe(400);
      expect(await json(r)).toEqual({ error: { message, field: 'limit' } });
    }
    expect((await json(await app.request('/api/syncs/1'))).sync).toMatchObject({ id: 1, problems: expect.any(Array) });
  });

  it('GET /healthz', async () => {
    const body = await json(await app.request('/healthz'));
    expect(body).toMatchObject({ status: 'ok', database: 'pglite', sync: { running: false } });
  });

  it('unknown routes: 404 JSON under /api, plain elsewhere; security headers everywhere', async () => {
    const r = await app.request('/api/nothing/here');
    expect(r.status).toBe(404);
    expect(await json(r)).toEqual({ error: { message: 'No such route: GET /api/nothing/here' } });
    expect((await app.request('/nothing')).status).toBe(404);
    const page = await app.request('/');
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('errors never leak stack traces', async () => {
    const broken = createApp({
      store: new Proxy(store, {
        get: (target, prop) =>
          prop === 'latestAlignmentJson'
            ? async () => {
                throw new Error('boom at /secret/path.ts:12');
              }
            : Reflect.get(target, prop),
      }),
      log: (l) => logged.push(l),
    });
    const r = await broken.request('/api/alignment');
    expect(r.status).toBe(500);
    const text = await r.text();
    expect(JSON.parse(text)).toEqual({ error: { message: 'Internal server error' } });
    expect(text).not.toContain('secret');
    expect(logged.some((l) => l.includes('boom'))).toBe(true);
  });
});

describe('POST /api/sync', () => {
  const post = (headers: Record<string, string> = {}, body?: string, to = app) =>
    to.request('/api/sync', { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
  const auth = { Authorization: `Bearer ${TOKEN}` };

  it('is disabled (403) without a configured token, saying how to enable it', async () => {
    const r = await post(auth, undefined, createApp({ store, runner }));
    expect(r.status).toBe(403);
    expect((await json(r)).error.message).toContain('OKR_TOKEN');
  });

  it('needs the bearer token (401 JSON)', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { Authorization: 'Bearer wrong' },
      { Authorization: `Basic ${TOKEN}` },
      { Authorization: `Bearer ${TOKEN}x` },
    ]) {
      const r = await post(headers);
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toContain('Bearer');
      expect(await json(r)).toEqual({ error: { message: expect.any(String) } });
    }
  });

  it('validates the body and limits its size', async () => {
    const bad = await post({ ...auth, 'Content-Type': 'application/json' }, '{"force":"yes"}');
    expect(bad.status).toBe(400);
    expect(await json(bad)).toEqual({ error: { message: 'force: expected boolean, got string', field: 'force' } });
    const malformed = await post({ ...auth, 'Content-Type': 'application/json' }, '{"force":');
    expect(malformed.status).toBe(400);
    const big = await post({ ...auth, 'Content-Type': 'application/json' }, JSON.stringify({ force: true, pad: 'x'.repeat(20_000) }));
    expect(big.status).toBe(413);
    expect((await json(big)).error.message).toContain('too large');
  });

  it('starts a sync (202 + id) and refuses a second one while it runs (409)', async () => {
    const r = await post({ ...auth, 'Content-Type': 'application/json' }, '{"force":true}');
    expect(r.status).toBe(202);
    const body = await json(r);
    expect(body).toEqual({ syncId: expect.any(Number), status: 'running', href: `/api/syncs/${body.syncId}` });
    expect(r.headers.get('location')).toBe(`/api/syncs/${body.syncId}`);
    const second = await post(auth);
    expect(second.status).toBe(409);
    expect((await json(second)).error.message).toContain('already running');
    await runner.stop();
    const [latest] = await store.listSyncs({ limit: 1 });
    expect(latest).toMatchObject({ id: body.syncId, status: 'ok', counts: { read: 4 } });
  });
});

describe('over a real socket', () => {
  it('serves on 127.0.0.1 with a random port, then closes', async () => {
    const server = await serve(createApp({ store, runner: null }), { port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const r = await fetch(`${server.url}/api/alignment`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-encoding')).toBe('gzip'); // fetch asks for it
      const body = (await r.json()) as { tree: unknown[] };
      expect(body.tree).toHaveLength(2);
      const etag = r.headers.get('etag')!;
      expect((await fetch(`${server.url}/api/alignment`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      await expect(serve(createApp({ store }), { port: server.port })).rejects.toThrow(`port ${server.port} on 127.0.0.1 is already in use`);
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});

describe('stale teams in the API', () => {
  it('shows a team whose sheet broke as stale, with the reason', async () => {
    writeFileSync(path.join(dir, 'sales.xlsx'), 'not a workbook any more');
    await runSync(engine);
    const body = await json(await app.request('/api/alignment'));
    expect(body.lastSync.status).toBe('partial');
    expect(body.staleTeams).toEqual([expect.objectContaining({ team: 'Sales', hasSnapshot: true, reason: expect.stringContaining('not a readable .xlsx') })]);
    const teams = await json(await app.request('/api/teams'));
    expect(teams.teams.find((t: Json) => t.team === 'Sales')).toMatchObject({
      stale: true,
      staleReason: expect.stringContaining('xlsx'),
      lastError: expect.any(String),
    });
  });
});

describe('the document of a sync run in this process', () => {
  it('is handed to the API and pages as stored, without reading it back', async () => {
    const readBack = vi.spyOn(store, 'latestAlignmentJson');
    try {
      // A sync with content of its own, then an unchanged one (it serves the earlier snapshot).
      writeFileSync(path.join(dir, 'sales.xlsx'), 'still not a workbook');
      for (let i = 0; i < 2; i++) {
        const r = await runSync(engine);
        if (r.skipped) throw new Error(r.reason);
        const latest = await latestDocument(store);
        expect(readBack).not.toHaveBeenCalled();
        const stored = await store.latestAlignmentJson();
        readBack.mockClear();
        const { json: storedJson, ...storedMeta } = stored!;
        expect(latest?.meta).toEqual(storedMeta);
        expect(latest?.json).toBe(storedJson);
        // What the pages read is what JSON.parse of the stored text gives, field for field.
        expect(latest?.doc).toStrictEqual(JSON.parse(storedJson));
      }
    } finally {
      readBack.mockRestore();
    }
  });
});
