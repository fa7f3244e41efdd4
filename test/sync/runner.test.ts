// The sync runner: one sync at a time, on a timer, stopped cleanly.
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { SyncRunner } from '../../sync-service/engine/runner.ts';
import type { SyncEngine, SyncResult } from '../../sync-service/engine/sync.ts';
import { folderSource } from '../../sync-service/sources/folder.ts';
import type { Source } from '../../sync-service/sources/types.ts';
import { removeTempDirs, tempDir } from '../fixtures/workbooks.ts';
import { writeZoo, ZOO_AS_OF } from '../fixtures/zoo.ts';

afterAll(removeTempDirs);

const pglite = storageTargets()[0]!;
afterAll(() => pglite.teardown());

async function engineFor(source?: (s: Source) => Source): Promise<SyncEngine> {
  const folder = folderSource(await writeZoo(tempDir()));
  return { store: createStore(await pglite.fresh()), sources: [source ? source(folder) : folder], company: {}, now: () => ZOO_AS_OF };
}

describe('SyncRunner', () => {
  it('syncs on schedule() and again every interval, and stop() waits for the running sync', { timeout: 90_000 }, async () => {
    const results: SyncResult[] = [];
    const runner = new SyncRunner(await engineFor(), { intervalMinutes: 0.002, onResult: (r) => results.push(r) }); // 120 ms
    runner.schedule();
    // Three syncs, however long a loaded machine makes them take (the test's timeout bounds the wait).
    while (results.length < 3) await new Promise((r) => setTimeout(r, 25));
    await runner.stop();
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(results.every((r) => !r.skipped)).toBe(true);
    const count = results.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(results.length).toBe(count); // no more after stop()
    expect(runner.status()).toMatchObject({ running: false, lastStatus: 'ok', nextSyncAt: null });
  });

  it('refuses a second start while one runs, and reports a failure before the sync has an id', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    // The listing waits for the gate, so the sync stays running after it has an id.
    const engine = await engineFor((s) => ({
      ...s,
      list: async (k) => {
        await gate;
        return s.list(k);
      },
    }));
    const runner = new SyncRunner(engine);
    const first = await runner.start();
    expect(first).toMatchObject({ started: true, syncId: 1 });
    expect(runner.status()).toMatchObject({ running: true, currentSyncId: 1 });
    expect(await runner.start()).toEqual({ started: false, busy: true, reason: 'sync 1 is already running' });
    release();
    if (!first.started) throw new Error('not started');
    expect(await first.done).toMatchObject({ skipped: false, syncId: 1, status: 'ok' });

    const errors: unknown[] = [];
    const broken = new SyncRunner(
      { ...engine, store: Object.assign(Object.create(engine.store), { withSyncLock: async () => Promise.reject(new Error('database is down')) }) },
      { onError: (e) => errors.push(e) },
    );
    await expect(broken.start()).rejects.toThrow('database is down');
    expect(errors).toHaveLength(1);
    expect(broken.status()).toMatchObject({ running: false, lastStatus: 'failed', lastError: 'database is down' });
  });
});
