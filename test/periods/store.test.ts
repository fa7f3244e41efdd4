// Periods through the sync and the store, on PGlite and on the real Postgres: one alignment
// document per period per snapshot, objectives per period (ids reused next quarter), links that
// cross periods named as problems, check-ins keyed by period by the same rule as shared/periods.ts.
import { afterAll, describe, expect, it } from 'vitest';
import { checkinPeriod } from '../../shared/periods.ts';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import type { AlignmentDocument } from '../../sync-service/engine/document.ts';
import { runSync, type SyncSummary } from '../../sync-service/engine/sync.ts';
import { folderSource } from '../../sync-service/sources/folder.ts';
import { removeTempDirs, tempDir } from '../fixtures/workbooks.ts';
import { AS_OF, CHECKINS, Q3, Q4, writeTwoQuarters } from './fixture.ts';

const targets = storageTargets();
afterAll(async () => {
  removeTempDirs();
  for (const t of targets) await t.teardown();
});

const periods = [
  { label: Q3.period, start: Q3.start, end: Q3.end },
  { label: Q4.period, start: Q4.start, end: Q4.end },
];

describe.each(targets.map((t) => [t.name, t] as const))('periods on %s', (_, target) => {
  it.skipIf(!target.available)('stores every period, keys objectives and check-ins by period, and an unchanged sync stores nothing', async () => {
    const dir = await writeTwoQuarters(tempDir());
    const store = createStore(await target.fresh());
    const engine = { store, sources: [folderSource(dir)], company: {}, now: () => AS_OF };
    const first = (await runSync(engine)) as SyncSummary;
    expect(first.periods.map((p) => [p.period.label, p.current])).toEqual([
      [Q3.period, false],
      [Q4.period, true],
    ]);
    // The default document is the current quarter's.
    expect(first.document.period).toEqual({ label: Q4.period, start: Q4.start, end: Q4.end });
    expect(first.document.objectives.map((o) => o.key)).toEqual(['C1', 'S1', 'S2']);

    // S2 aligns to C7, which exists only in Q3: an error naming both objectives and both periods.
    const cross = first.document.problems.filter((p) => p.code === 'other-period-parent');
    expect(cross.map((p) => p.message)).toEqual([
      'S2 "Sell in Berlin" (2026 Q4) aligns to C7 "Open Berlin" of Company, which is in 2026 Q3: links resolve within a period, so S2 is left unaligned; align it to an objective of 2026 Q4',
    ]);
    expect(first.document.problems.filter((p) => p.code === 'unknown-parent')).toEqual([]);

    const listed = await store.periods();
    expect(listed.map((p) => [p.label, p.start, p.end, p.current, p.summary])).toEqual([
      [Q3.period, Q3.start, Q3.end, false, { teams: 1, objectives: 3, companyObjectives: 2, score: expect.any(Number) }],
      [Q4.period, Q4.start, Q4.end, true, { teams: 1, objectives: 3, companyObjectives: 1, score: expect.any(Number) }],
    ]);
    const q3 = await store.periodAlignmentJson(Q3.period);
    const q3doc = JSON.parse(q3?.json ?? 'null') as AlignmentDocument;
    expect(q3doc.objectives.map((o) => [o.key, o.title])).toEqual([
      ['C1', 'Grow'],
      ['C7', 'Open Berlin'],
      ['S1', 'Sell'],
    ]);
    expect(q3?.etag).not.toBe((await store.periodAlignmentJson(Q4.period))?.etag);
    expect(await store.periodAlignmentJson('2025 Q1')).toBeNull();

    // The same ids, two objectives: each period keeps its own.
    expect((await store.objectives({ key: 'S1' })).map((o) => (o.data as { title: string }).title)).toEqual(['Sell again']);
    expect((await store.objectives({ key: 'S1', period: Q3.period })).map((o) => (o.data as { title: string }).title)).toEqual(['Sell']);
    expect((await store.objectiveHistory('S1', { period: Q3.period })).map((h) => h.title)).toEqual(['Sell']);

    // Check-ins: keyed by the period their timestamp falls in, the same as checkinPeriod says.
    const stored = await store.checkins();
    expect(stored).toHaveLength(CHECKINS.length);
    const byKr = await store.checkins({ krId: 'S1-1', period: Q4.period });
    expect(byKr.map((c) => c.timestamp.slice(0, 10))).toEqual(['2026-10-12']);
    for (const c of stored) {
      const [row] = (await store.checkins({ period: checkinPeriod(periods, c.timestamp, Q4.period) })).filter((x) => x.timestamp === c.timestamp);
      expect(row, c.timestamp).toBeDefined();
    }
    expect((await store.checkins({ period: Q3.period })).map((c) => c.krId)).toEqual(['S1-1']);

    const again = (await runSync(engine)) as SyncSummary;
    expect(again.counts).toMatchObject({ read: 0, unchangedSkipped: 2 });
    expect(again.etag).toBe(first.etag);
    expect((await store.latestAlignmentJson())?.snapshotSyncId).toBe(first.syncId);
  });

  it.skipIf(!target.available)("a change stores a new snapshot holding every period; the default objectives are the current period's", async () => {
    const dir = await writeTwoQuarters(tempDir());
    const store = createStore(await target.fresh());
    const engine = { store, sources: [folderSource(dir)], company: {}, now: () => AS_OF };
    const first = (await runSync(engine)) as SyncSummary;
    await writeTwoQuarters(dir, 7);
    const second = (await runSync(engine)) as SyncSummary;
    expect(second.etag).not.toBe(first.etag);
    expect((await store.objectives({ key: 'S1' }))[0]?.data).toMatchObject({ title: 'Sell again', score: 0.7 });
    expect((await store.history({ period: Q3.period })).filter((h) => h.key === 'S1')).toHaveLength(2);
  });
});
