// The engine on a real Postgres server (set OKR_TEST_DATABASE_URL; .ci/postgres.sh starts one).
// The storage layer's own suite covers Postgres in depth; this proves the engine's writes, the
// advisory lock across two connections and the reads the API uses work there too.
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { runSync, type SyncSummary } from '../../sync-service/engine/sync.ts';
import { createApp } from '../../sync-service/http/app.ts';
import { folderSource } from '../../sync-service/sources/folder.ts';
import { removeTempDirs, tempDir } from '../fixtures/workbooks.ts';
import { writeZoo, ZOO_AS_OF, ZOO_EXPECTED } from '../fixtures/zoo.ts';

afterAll(removeTempDirs);

const postgres = storageTargets()[1]!;
afterAll(() => postgres.teardown());

describe.skipIf(!postgres.available)(`engine on real Postgres${postgres.available ? '' : ` (skipped: ${postgres.skipReason})`}`, () => {
  it('syncs, detects changes, serves the API, and a second instance skips while the lock is held', async () => {
    const dir = await writeZoo(tempDir());
    const db = await postgres.fresh();
    const store = createStore(db);
    const engine = { store, sources: [folderSource(dir)], company: {}, now: () => ZOO_AS_OF };
    const result = await runSync(engine);
    if (result.skipped) throw new Error(result.reason);
    const first: SyncSummary = result;
    expect(first.counts).toMatchObject({ teams: 4, read: 4 });
    expect(first.document.objectives.find((o) => o.key === 'C1')?.rolledScore).toBeCloseTo(ZOO_EXPECTED.C1, 10);
    const second = (await runSync(engine)) as SyncSummary;
    expect(second.counts).toMatchObject({ read: 0, unchangedSkipped: 4 });
    expect(await store.checkins()).toHaveLength(2);

    const other = createStore(await postgres.another(db));
    const blocked = await store.withSyncLock(() => runSync({ ...engine, store: other }));
    expect(blocked).toEqual({ skipped: false, value: { skipped: true, reason: expect.any(String) } });

    const app = createApp({ store });
    const r = await app.request('/api/alignment');
    expect(r.status).toBe(200);
    expect(((await r.json()) as { lastSync: { id: number } }).lastSync.id).toBe(second.syncId);
    expect((await (await app.request('/healthz')).json()) as object).toMatchObject({ database: 'pg' });
  });
});
