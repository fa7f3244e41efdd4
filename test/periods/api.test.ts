// The JSON API per period: GET /api/periods, `?period=LABEL` on every JSON route (a 400 naming
// `period` for an unknown one), each period's document prepared once with its own ETag.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { runSync } from '../../sync-service/engine/sync.ts';
import { createApp } from '../../sync-service/http/app.ts';
import { folderSource } from '../../sync-service/sources/folder.ts';
import { removeTempDirs, tempDir } from '../fixtures/workbooks.ts';
import { AS_OF, Q3, Q4, writeTwoQuarters } from './fixture.ts';

const pglite = storageTargets()[0]!;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const dir = await writeTwoQuarters(tempDir());
  const store = createStore(await pglite.fresh());
  await runSync({ store, sources: [folderSource(dir)], company: {}, now: () => AS_OF });
  app = createApp({ store });
});
afterAll(async () => {
  removeTempDirs();
  await pglite.teardown();
});

const q = (label: string) => `period=${encodeURIComponent(label)}`;
const json = async (path: string) => {
  const r = await app.request(path);
  return { status: r.status, body: (await r.json()) as Record<string, unknown> & { error?: { field?: string; message: string } } };
};

describe('periods in the API', () => {
  it('GET /api/periods lists each period with its dates, whether it is current, teams, objectives and company score', async () => {
    const { status, body } = await json('/api/periods');
    expect(status).toBe(200);
    expect(body.periods).toEqual([
      { label: Q3.period, start: Q3.start, end: Q3.end, current: false, teams: 1, objectives: 3, companyObjectives: 2, companyScore: expect.any(Number) },
      { label: Q4.period, start: Q4.start, end: Q4.end, current: true, teams: 1, objectives: 3, companyObjectives: 1, companyScore: expect.any(Number) },
    ]);
    expect((await json('/api/periods?x=1')).status).toBe(400);
  });

  it('?period= on /api/alignment serves that period, with its own ETag, 304 and gzip', async () => {
    const current = await app.request('/api/alignment');
    const past = await app.request(`/api/alignment?${q(Q3.period)}`);
    expect(past.status).toBe(200);
    const doc = (await past.json()) as { lastSync: { period: string }; objectives: { key: string; title: string }[] };
    expect(doc.lastSync.period).toBe(Q3.period);
    expect(doc.objectives.map((o) => o.title)).toEqual(['Grow', 'Open Berlin', 'Sell']);
    expect(((await current.json()) as { objectives: { title: string }[] }).objectives.map((o) => o.title)).toEqual(['Grow more', 'Sell again', 'Sell in Berlin']);
    const etag = past.headers.get('ETag') ?? '';
    expect(etag).not.toBe(current.headers.get('ETag'));
    expect((await app.request(`/api/alignment?${q(Q3.period)}`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    // The current period named is the default document.
    expect((await app.request(`/api/alignment?${q(Q4.period)}`)).headers.get('ETag')).toBe(current.headers.get('ETag'));
    const gz = await app.request(`/api/alignment?${q(Q3.period)}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).objectives).toHaveLength(3);
  });

  it('an unknown period is a 400 naming `period` on every JSON route', async () => {
    for (const route of ['/api/alignment', '/api/teams', '/api/problems', '/api/history', '/api/objectives/S1']) {
      const { status, body } = await json(`${route}?${q('2025 Q1')}`);
      expect(status, route).toBe(400);
      expect(body.error?.field, route).toBe('period');
      expect(body.error?.message, route).toContain('"2025 Q1" is not a period of the latest sync (known: "2026 Q3", "2026 Q4")');
    }
    expect((await json('/api/alignment?period=')).body.error?.field).toBe('period');
  });

  it('teams, problems, history and an objective per period: a reused id starts clean', async () => {
    const teams = await json(`/api/teams?${q(Q3.period)}`);
    expect((teams.body.teams as { team: string; objectives: number }[]).map((t) => [t.team, t.objectives])).toEqual([
      ['Company', 2],
      ['Sales', 1],
    ]);
    const problems = await json('/api/problems');
    expect((problems.body.problems as { code: string }[]).map((p) => p.code)).toContain('other-period-parent');
    expect(((await json(`/api/problems?${q(Q3.period)}`)).body.problems as { code: string }[]).map((p) => p.code)).not.toContain('other-period-parent');

    const past = await json(`/api/objectives/S1?${q(Q3.period)}`);
    expect(past.body.objective).toMatchObject({ key: 'S1', title: 'Sell' });
    expect((past.body.checkins as { timestamp: string }[]).map((c) => c.timestamp.slice(0, 10))).toEqual(['2026-08-10']);
    expect((past.body.history as unknown[]).length).toBe(1);
    const now = await json('/api/objectives/S1');
    expect(now.body.objective).toMatchObject({ title: 'Sell again' });
    expect((now.body.checkins as { timestamp: string }[]).map((c) => c.timestamp.slice(0, 10))).toEqual(['2026-10-12']);

    const history = await json(`/api/history?${q(Q3.period)}`);
    expect(history.body.period).toBe(Q3.period);
    expect((history.body.rows as { title: string }[]).map((r) => r.title).sort()).toEqual(['Grow', 'Open Berlin', 'Sell']);
    expect(((await json('/api/history')).body.rows as { title: string }[]).map((r) => r.title).sort()).toEqual(['Grow more', 'Sell again', 'Sell in Berlin']);
  });
});
