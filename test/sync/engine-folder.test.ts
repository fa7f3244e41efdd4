// The sync engine with the folder source, on PGlite: every problem kind, change detection,
// stale teams, the lock, failures and the company-sheet hook.
import { copyFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlignedObjective } from '../../shared/schemas.ts';
import { createStore, type Store } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import type { AlignmentDocument } from '../../sync-service/engine/document.ts';
import type { ProgressEvent } from '../../sync-service/engine/progress.ts';
import { runSync, type SyncEngine, type SyncResult, type SyncSummary } from '../../sync-service/engine/sync.ts';
import { folderSource } from '../../sync-service/sources/folder.ts';
import { okrGrid, removeTempDirs, tempDir, writeXlsx } from '../fixtures/workbooks.ts';
import { writeZoo, ZOO_AS_OF, ZOO_EXPECTED } from '../fixtures/zoo.ts';

afterAll(removeTempDirs);

const pglite = storageTargets()[0]!;
afterAll(() => pglite.teardown());

async function freshEngine(dir: string, extra: Partial<SyncEngine> = {}): Promise<SyncEngine & { store: Store }> {
  const store = createStore(await pglite.fresh());
  return { store, sources: [folderSource(dir)], company: {}, now: () => ZOO_AS_OF, ...extra };
}

function done(r: SyncResult): SyncSummary {
  if (r.skipped) throw new Error(`sync skipped: ${r.reason}`);
  return r;
}

const byKey = (doc: AlignmentDocument, key: string): AlignedObjective => {
  const o = doc.objectives.find((x) => x.key === key);
  if (!o) throw new Error(`no objective ${key}`);
  return o;
};

describe('a folder with every problem kind', () => {
  let dir: string;
  let engine: SyncEngine & { store: Store };
  let first: SyncSummary;
  const events: ProgressEvent[] = [];

  beforeAll(async () => {
    dir = await writeZoo(tempDir());
    engine = await freshEngine(dir);
    first = done(await runSync(engine, { onProgress: (e) => events.push(e) }));
  });

  it('reads every workbook (xlsx and csv, any dialect) and ignores the rest', () => {
    expect(first.counts).toEqual({ teams: 4, read: 4, unchangedSkipped: 0, stale: 0, problems: first.document.problems.length, requests: 0 });
    expect(first.document.teams.map((t) => t.team)).toEqual(ZOO_EXPECTED.teams);
    expect(first.status).toBe('ok');
    expect(first.document.company).toEqual({ name: 'Company', mission: 'Make planning joyful' });
    expect(events.map((e) => e.type)).toEqual(['begin', 'listed', 'team', 'team', 'team', 'team', 'storing', 'done']);
    expect(events.filter((e) => e.type === 'team').map((e) => (e as { done: number }).done)).toEqual([1, 2, 3, 4]);
  });

  it('rolls team objectives up into company objectives, with weights', () => {
    const doc = first.document;
    expect(byKey(doc, 'C1').rolledScore).toBeCloseTo(ZOO_EXPECTED.C1, 10);
    expect(byKey(doc, 'C2').rolledScore).toBeCloseTo(ZOO_EXPECTED.C2, 10);
    expect(byKey(doc, 'C1').score).toBeCloseTo(0.5, 10);
    expect(byKey(doc, 'Sales/S1').score).toBeCloseTo(ZOO_EXPECTED.salesS1, 10);
    expect(byKey(doc, 'S3').score).toBeCloseTo(ZOO_EXPECTED.salesS3, 10);
    expect(byKey(doc, 'SU1').score).toBeCloseTo(ZOO_EXPECTED.SU1, 10);
    expect(byKey(doc, 'C1').children.sort()).toEqual(['E2', 'S1', 'SU1']);
    expect(byKey(doc, 'E2').weight).toBe(3);
    expect(doc.roots).toEqual(['C1', 'C2']);
    const tree = doc.tree.map((n) => [n.key, n.children.map((c) => c.key).sort()]);
    expect(tree).toEqual([
      ['C1', ['E2', 'S1', 'SU1']],
      ['C2', ['S3', 'Sales/S1']],
    ]);
    expect(doc.unaligned.map((n) => n.key).sort()).toEqual(['S2', 'SU2', 'SU3']);
    expect(doc.coverage).toEqual({ teamObjectives: 8, aligned: 5, ratio: 5 / 8 });
  });

  it('reads every value the way people type it', () => {
    const doc = first.document;
    const kr = (key: string, id: string) => byKey(doc, key).keyResults.find((k) => k.id === id)!;
    expect(kr('C2', 'C2-1')).toMatchObject({ start: 1_000_000, target: 2_000_000, current: 1_500_000, score: 0.5 }); // big numbers
    expect(kr('Sales/S1', 'S1-2')).toMatchObject({ start: 0.1, target: 0.3 }); // percentages, stored as fractions
    expect(kr('Sales/S1', 'S1-2').score).toBeCloseTo(0.5, 10);
    expect(kr('Sales/S1', 'S1-1')).toMatchObject({ weight: 2, sheetScore: 0.5, owner: 'Ana' }); // formula result, hyperlink
    expect(kr('Sales/S1', 'S1-3')).toMatchObject({ type: 'manual', score: 0.7 });
    expect(kr('S3', 'S3-3')).toMatchObject({ state: 'manual-score', score: 0.6 }); // manual score typed in Score
    expect(kr('SU1', 'SU1-1')).toMatchObject({ start: 48, target: 24, current: 36, score: 0.5 }); // decreasing metric
    expect(kr('SU1', 'SU1-2')).toMatchObject({ state: 'no-range', score: 1 }); // Start = Target
    expect(kr('SU1', 'SU1-4').current).toBeCloseTo(4.4, 10); // decimal comma in a ; file
    expect(byKey(doc, 'Sales/S1').title).toBe('Win the mid-market'); // rich text
    expect(byKey(doc, 'SU1').title).toBe('Répondre plus vite'); // Latin-1
  });

  it('reports each problem with its team, tab, row and column', () => {
    const p = first.document.problems;
    const find = (code: string, team: string) => p.find((x) => x.code === code && x.team === team);
    expect(find('unknown-parent', 'Sales')).toMatchObject({ tab: 'OKRs', row: 7, column: 'Aligns To', value: 'C9' });
    expect(find('unknown-type', 'Sales')).toMatchObject({ row: 8, column: 'Type', value: 'metrc' });
    expect(find('duplicate-id', 'Sales')).toMatchObject({ value: 'S1' });
    expect(find('formula-error', 'Sales')).toMatchObject({ row: 9, column: 'Score', value: '#VALUE!' });
    expect(find('no-range', 'Support')).toMatchObject({ tab: 'support.csv', row: 5 });
    expect(
      p
        .filter((x) => x.code === 'cycle')
        .map((x) => x.objectiveId)
        .sort(),
    ).toEqual(['SU2', 'SU3']);
    expect(find('bad-date', 'Company')).toMatchObject({ tab: 'Check-ins', row: 5 });
    // Per-objective problems ride along in the tree.
    const s2 = first.document.unaligned.find((n) => n.key === 'S2')!;
    expect(s2.problems.map((x) => x.code)).toContain('unknown-parent');
    expect(first.errors).toBe(p.filter((x) => x.severity === 'error').length);
  });

  it('stores the snapshot: alignment, objective history, deduplicated check-ins, sync counts', async () => {
    const latest = await engine.store.latestAlignment<AlignmentDocument>();
    expect(latest?.syncId).toBe(first.syncId);
    expect(latest?.etag).toBe(first.etag);
    expect(latest?.alignment.objectives).toHaveLength(10);
    expect(latest?.period).toBe('2026-Q1');
    const history = await engine.store.objectiveHistory('C1');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ ownScore: 0.5, grade: 'yellow' });
    expect(history[0]?.rolledScore).toBeCloseTo(ZOO_EXPECTED.C1, 10);
    const checkins = await engine.store.checkins({ team: 'Company' });
    expect(checkins.map((c) => [c.timestamp, c.krId])).toEqual([
      ['2026-01-20T10:00:00.000Z', 'C1-1'],
      ['2026-02-01T09:30:00.000Z', 'C2-1'],
    ]);
    const [run] = await engine.store.listSyncs({ limit: 1 });
    expect(run).toMatchObject({ id: first.syncId, status: 'ok', counts: { teams: 4, read: 4, unchangedSkipped: 0, stale: 0, requests: 0 } });
    expect(run?.sources[0]).toMatchObject({ kind: 'folder' });
    expect(run?.durationMs).toBeGreaterThanOrEqual(0);
  });
});

describe('change detection and stale teams', () => {
  let dir: string;
  let engine: SyncEngine & { store: Store };

  beforeAll(async () => {
    dir = await writeZoo(tempDir());
    engine = await freshEngine(dir);
    done(await runSync(engine));
  });

  it('does not open unchanged files again, and stores no second copy of an unchanged roll-up', async () => {
    const r = done(await runSync(engine));
    expect(r.counts).toMatchObject({ teams: 4, read: 0, unchangedSkipped: 4, stale: 0 });
    expect(byKey(r.document, 'C1').rolledScore).toBeCloseTo(ZOO_EXPECTED.C1, 10);
    const latest = await engine.store.latestAlignment();
    expect(latest).toMatchObject({ syncId: r.syncId, snapshotSyncId: r.syncId - 1 });
    expect(await engine.store.objectiveHistory('C1')).toHaveLength(1);
  });

  it('judges statuses as of the start of the day (or the exact moment, when asked)', async () => {
    const r = done(await runSync(engine));
    expect(r.document.asOf).toBe('2026-02-15T00:00:00.000Z');
    const exact = done(await runSync({ ...engine, asOfPrecision: 'exact' }));
    expect(exact.document.asOf).toBe(ZOO_AS_OF.toISOString());
    expect((await engine.store.latestAlignment())?.snapshotSyncId).toBe(exact.syncId);
  });

  it('reads only the file that changed', async () => {
    await writeXlsx(path.join(dir, 'sales.xlsx'), [
      {
        name: 'OKRs',
        grid: okrGrid({ team: 'Sales' }, [{ oid: 'S9', objective: 'New focus', alignsTo: 'C2', kr: 'Deals', type: 'metric', start: 0, target: 4, current: 4 }]),
      },
    ]);
    const r = done(await runSync(engine));
    expect(r.counts).toMatchObject({ read: 1, unchangedSkipped: 3, stale: 0 });
    expect(r.document.objectives.map((o) => o.key)).toContain('S9');
    expect(r.document.objectives.map((o) => o.key)).not.toContain('Sales/S1');
    // C2: own 0.5 + S9 1.0
    expect(byKey(r.document, 'C2').rolledScore).toBeCloseTo(0.75, 10);
  });

  it('keeps the last good snapshot of a team whose file cannot be read, marked stale with the reason', async () => {
    writeFileSync(path.join(dir, 'sales.xlsx'), 'this is not a zip file');
    const r = done(await runSync(engine));
    expect(r.status).toBe('partial');
    expect(r.counts).toMatchObject({ teams: 4, read: 0, unchangedSkipped: 3, stale: 1 });
    expect(r.staleTeams).toEqual([expect.objectContaining({ team: 'Sales', sourceId: 'file:sales.xlsx', hasSnapshot: true, reason: expect.any(String) })]);
    expect(r.staleTeams[0]?.reason.length).toBeGreaterThan(3);
    expect(byKey(r.document, 'S9').score).toBe(1); // last good values
    expect(r.document.teams.find((t) => t.team === 'Sales')).toMatchObject({ stale: true, staleReason: r.staleTeams[0]?.reason });
    expect(r.document.tree.find((n) => n.key === 'C2')?.children.find((c) => c.key === 'S9')?.stale).toBe(true);
    expect(r.document.problems.find((p) => p.code === 'stale')).toMatchObject({ team: 'Sales', severity: 'warning' });
    const state = (await engine.store.teamStates()).find((s) => s.sourceId === 'file:sales.xlsx');
    expect(state).toMatchObject({ stale: true, staleReason: r.staleTeams[0]?.reason });
    // Others stay fresh.
    expect(r.document.teams.filter((t) => t.stale).map((t) => t.team)).toEqual(['Sales']);
  });

  it('a stale team is read again next time even though its file did not change', async () => {
    const r = done(await runSync(engine));
    expect(r.counts).toMatchObject({ read: 0, unchangedSkipped: 3, stale: 1 });
    await writeXlsx(path.join(dir, 'sales.xlsx'), [
      {
        name: 'OKRs',
        grid: okrGrid({ team: 'Sales' }, [{ oid: 'S9', objective: 'New focus', alignsTo: 'C2', kr: 'Deals', type: 'metric', start: 0, target: 4, current: 2 }]),
      },
    ]);
    const fixed = done(await runSync(engine));
    expect(fixed.status).toBe('ok');
    expect(fixed.counts).toMatchObject({ read: 1, stale: 0 });
    expect(byKey(fixed.document, 'S9').score).toBe(0.5);
    expect((await engine.store.teamStates()).find((s) => s.sourceId === 'file:sales.xlsx')?.stale).toBe(false);
  });

  it('a file that was never readable leaves its team out, as an error', async () => {
    writeFileSync(path.join(dir, 'broken.xlsx'), 'garbage');
    const r = done(await runSync(engine));
    expect(r.status).toBe('partial');
    expect(r.counts).toMatchObject({ teams: 4, stale: 1 });
    expect(r.staleTeams).toEqual([expect.objectContaining({ team: 'broken', hasSnapshot: false })]);
    expect(r.document.problems.find((p) => p.code === 'source-unreadable')).toMatchObject({ team: 'broken', severity: 'error' });
    rmSync(path.join(dir, 'broken.xlsx'));
  });

  it('a deleted file removes its team', async () => {
    rmSync(path.join(dir, 'eng.csv'));
    const r = done(await runSync(engine));
    expect(r.status).toBe('ok');
    expect(r.document.teams.map((t) => t.team)).toEqual(['Company', 'Sales', 'Support']);
    expect(r.document.problems.some((p) => p.code === 'duplicate-id')).toBe(false);
  });

  it('force reads everything', async () => {
    const r = done(await runSync(engine, { force: true }));
    expect(r.counts).toMatchObject({ read: 3, unchangedSkipped: 0 });
  });
});

describe('the sync lock, failures and hooks', () => {
  it('skips when another sync holds the lock', async () => {
    const engine = await freshEngine(await writeZoo(tempDir()));
    const inner = await engine.store.withSyncLock(() => runSync(engine));
    expect(inner).toEqual({ skipped: false, value: { skipped: true, reason: expect.stringContaining('another sync') } });
    expect(await engine.store.listSyncs()).toEqual([]);
  });

  it('records a failed sync and keeps serving the previous snapshot', async () => {
    let now = ZOO_AS_OF;
    const engine = await freshEngine(await writeZoo(tempDir()), { now: () => now });
    const good = done(await runSync(engine));
    now = new Date(Number.NaN);
    await expect(runSync(engine)).rejects.toThrow();
    const [failed, previous] = await engine.store.listSyncs();
    expect(failed).toMatchObject({ status: 'failed', error: expect.any(String) });
    expect(previous?.id).toBe(good.syncId);
    expect((await engine.store.latestAlignment())?.syncId).toBe(good.syncId);
  });

  it('rolls up in the configured mode', async () => {
    const engine = await freshEngine(await writeZoo(tempDir()), { rollupMode: 'key-results' });
    const r = done(await runSync(engine));
    expect(r.document.mode).toBe('key-results');
    expect(byKey(r.document, 'C1').rolledScore).toBeCloseTo(0.5, 10);
  });

  it('calls the company-sheet writer with the document and counts its requests', async () => {
    const seen: AlignmentDocument[] = [];
    const engine = await freshEngine(await writeZoo(tempDir()), {
      writeCompanySheet: async (ctx) => {
        seen.push(ctx.document);
        return { requests: 2 };
      },
    });
    const r = done(await runSync(engine));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.roots).toEqual(['C1', 'C2']);
    expect(r.counts.requests).toBe(2);

    const failing = await freshEngine(await writeZoo(tempDir()), {
      writeCompanySheet: async () => {
        throw new Error('quota exhausted');
      },
    });
    const f = done(await runSync(failing));
    expect(f.status).toBe('ok');
    expect(f.document.problems.find((p) => p.code === 'company-sheet')?.message).toContain('quota exhausted');
  });
});

describe('the examples folder', () => {
  it('syncs the example company with no errors', async () => {
    const dir = tempDir();
    const examples = path.resolve('examples');
    for (const f of readdirSync(examples)) if (/\.(xlsx|csv)$/.test(f)) copyFileSync(path.join(examples, f), path.join(dir, f));
    const engine = await freshEngine(dir, { now: () => new Date('2026-11-25T12:00:00Z') });
    const r = done(await runSync(engine));
    expect(r.counts).toMatchObject({ teams: 8, read: 8, stale: 0 });
    expect(r.errors).toBe(0);
    expect(r.document.company.name).toBe('Northwind Analytics');
    expect(r.document.roots).toEqual(['CO-1', 'CO-2', 'CO-3', 'CO-4']);
    expect(r.document.coverage).toMatchObject({ teamObjectives: 26, aligned: 25 });
    expect(r.document.orphans).toEqual(['ENG-6']);
    expect(r.document.overall).toBeCloseTo(0.57, 2);
    // CSV teams get their check-ins from <name>.checkins.csv; the check-ins files are not teams.
    expect(r.document.teams.map((t) => t.team)).not.toContain('people.checkins');
    expect((await engine.store.checkins({ team: 'People' })).length).toBeGreaterThan(0);
    expect((await engine.store.checkins()).length).toBe(430);
  });
});
