// The sync engine with the Google source: the real @googleapis clients against the fake REST
// server. Request counts are asserted at the server.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell } from '../../shared/values.ts';
import { syncCommand } from '../../sync-service/cli/commands/sync.ts';
import { memoryIO } from '../../sync-service/cli/io.ts';
import { createCompanySheetWriter } from '../../sync-service/company-sheet/google.ts';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { runSync, type SyncEngine, type SyncResult, type SyncSummary } from '../../sync-service/engine/sync.ts';
import { createGoogleClients } from '../../sync-service/google/clients.ts';
import { createRateLimiter } from '../../sync-service/google/limiter.ts';
import { createGoogleSource } from '../../sync-service/google/source.ts';
import { type GoogleScope, googleSheetSource } from '../../sync-service/sources/google.ts';
import { fakeAuthClient, } from '../fakes/google-server.ts';
import { useFakeGoogle } from '../fixtures/google.ts';
import { CHECKIN_HEADER, okrGrid, type RowSpec, removeTempDirs, tempDir } from '../fixtures/workbooks.ts';
import { ZOO_AS_OF, ZOO_PERIOD } from '../fixtures/zoo.ts';

afterAll(removeTempDirs);

const pglite = storageTargets()[0]!;
const google = useFakeGoogle();
afterAll(() => pglite.teardown());

const grid = (meta: Parameters<typeof okrGrid>[0], rows: RowSpec[]) => okrGrid(meta, rows) as Cell[][];

const FOLDER = 'okr-folder';
const TEAMS = ['Sales', 'Support', 'Engineering', 'Marketing'];

function teamRows(team: string, current: number): RowSpec[] {
  const id = team.slice(0, 3).toUpperCase();
  return [
    { oid: `${id}1`, objective: `${team} does great work`, alignsTo: 'C1', kr: 'Things done', krId: `${id}1-1`, type: 'metric', start: 0, target: 10, current },
  ];
}

/** A Drive folder with a company sheet and four team sheets (each with a Check-ins tab). */
function addCompany(folderId: string): { company: string; teams: Record<string, string> } {
  const company = google.addSpreadsheet({
    title: 'Company OKRs',
    folderId,
    // Not UTC: the check-in's serial number is New York wall-clock time, read back as the same instant.
    timeZone: 'America/New_York',
    tabs: {
      OKRs: grid({ team: 'Company', mission: 'Be useful', start: ZOO_PERIOD.start, end: ZOO_PERIOD.end }, [
        { oid: 'C1', objective: 'Serve customers', kr: 'NPS', krId: 'C1-1', type: 'metric', start: 30, target: 50, current: 40 },
      ]),
      'Check-ins': [[...CHECKIN_HEADER], [new Date('2026-01-20T10:00:00Z'), 'Mia', 'C1', 'C1-1', 35, 40, 0.5, 0.8, 'ok']],
    },
  }).id;
  const teams: Record<string, string> = {};
  for (const team of TEAMS) {
    // Named by file only: the team comes from the sheet's Team: line.
    teams[team] = google.addSpreadsheet({
      title: `${team} OKRs 2026`,
      folderId,
      tabs: { OKRs: grid({ team }, teamRows(team, 5)), 'Check-ins': [[...CHECKIN_HEADER]] },
    }).id;
  }
  return { company, teams };
}

async function makeEngine(scope: GoogleScope, sleeps: number[] = []): Promise<SyncEngine> {
  const { sheets, drive } = createGoogleClients({ rootUrl: google.url, auth: fakeAuthClient(), timeoutMs: 5_000 });
  const source = createGoogleSource({
    sheets,
    drive,
    limiter: createRateLimiter({ limit: Number.POSITIVE_INFINITY, concurrency: 8 }),
    // Recorded instead of slept: the waits are asserted, the test stays fast.
    retry: { retries: 3, baseMs: 10, sleep: async (ms: number) => void sleeps.push(ms) },
  });
  return { store: createStore(await pglite.fresh()), sources: [googleSheetSource(source, scope)], company: {}, now: () => ZOO_AS_OF };
}

function done(r: SyncResult): SyncSummary {
  if (r.skipped) throw new Error(`sync skipped: ${r.reason}`);
  return r;
}

describe('a Drive folder', () => {
  let ids: ReturnType<typeof addCompany>;
  let engine: SyncEngine;
  const sleeps: number[] = [];

  beforeAll(async () => {
    ids = addCompany(FOLDER);
    engine = await makeEngine({ folderId: FOLDER }, sleeps);
  });

  it('first sync: 1 Drive list + per spreadsheet its time zone and tabs (get) and its values (batchGet)', async () => {
    const r = done(await runSync(engine));
    expect(google.counts()).toMatchObject({ total: 11, driveList: 1, batchGet: 5, spreadsheetGet: 5 });
    expect(r.counts).toMatchObject({ teams: 5, read: 5, unchangedSkipped: 0, stale: 0, requests: 11 });
    expect(r.document.teams.map((t) => t.team).sort()).toEqual(['Company', ...TEAMS].sort());
    expect(r.document.teams.find((t) => t.team === 'Sales')?.source).toBe('Sales OKRs 2026');
    const c1 = r.document.objectives.find((o) => o.key === 'C1')!;
    expect(c1.children).toHaveLength(4);
    // own 0.5 + four teams at 0.5
    expect(c1.rolledScore).toBeCloseTo(0.5, 10);
    // Dates arrive as serial numbers and still read as dates.
    expect(r.document.period).toMatchObject({ start: ZOO_PERIOD.start, end: ZOO_PERIOD.end });
    expect(await engine.store.checkins()).toEqual([expect.objectContaining({ team: 'Company', timestamp: '2026-01-20T10:00:00.000Z', krId: 'C1-1' })]);
  });

  it('nothing changed: 1 Drive list and nothing else', async () => {
    const r = done(await runSync(engine));
    expect(google.counts()).toMatchObject({ total: 1, driveList: 1, batchGet: 0 });
    expect(r.counts).toMatchObject({ read: 0, unchangedSkipped: 5, stale: 0, requests: 1 });
  });

  it('k changed: 1 Drive list + k batchGets', async () => {
    google.updateValues(ids.teams.Sales!, 'OKRs', grid({ team: 'Sales' }, teamRows('Sales', 10)));
    google.updateValues(ids.teams.Support!, 'OKRs', grid({ team: 'Support' }, teamRows('Support', 0)));
    const r = done(await runSync(engine));
    expect(google.counts()).toMatchObject({ total: 3, driveList: 1, batchGet: 2 });
    expect(r.counts).toMatchObject({ read: 2, unchangedSkipped: 3, requests: 3 });
    expect(r.document.objectives.find((o) => o.key === 'SAL1')?.score).toBe(1);
    expect(r.document.objectives.find((o) => o.key === 'SUP1')?.score).toBe(0);
  });

  it('429 with Retry-After: waits at least that long, then reads', async () => {
    google.updateValues(ids.teams.Engineering!, 'OKRs', grid({ team: 'Engineering' }, teamRows('Engineering', 7)));
    google.injectFault({ kind: 'status', status: 429, retryAfter: 2 }, { match: { op: 'batchGet', id: ids.teams.Engineering! }, times: 1 });
    sleeps.length = 0;
    const r = done(await runSync(engine));
    expect(google.counts()).toMatchObject({ total: 3, driveList: 1, batchGet: 2, rateLimited: 1 });
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(2_000);
    expect(r.counts).toMatchObject({ read: 1, stale: 0, requests: 3 });
    expect(r.document.objectives.find((o) => o.key === 'ENG1')?.score).toBeCloseTo(0.7, 10);
  });

  it('500s are retried; a sheet that keeps failing goes stale, the others stay fresh', async () => {
    google.updateValues(ids.teams.Marketing!, 'OKRs', grid({ team: 'Marketing' }, teamRows('Marketing', 9)));
    google.updateValues(ids.teams.Sales!, 'OKRs', grid({ team: 'Sales' }, teamRows('Sales', 3)));
    google.injectFault({ kind: 'status', status: 500 }, { match: { op: 'batchGet', id: ids.teams.Marketing! }, times: 2 });
    google.injectFault({ kind: 'status', status: 503 }, { match: { op: 'batchGet', id: ids.teams.Sales! }, times: Number.POSITIVE_INFINITY });
    const r = done(await runSync(engine));
    // Marketing: 2 failures + 1 success; Sales: 1 + 3 retries, all failing.
    expect(google.counts()).toMatchObject({ total: 1 + 3 + 4, driveList: 1, batchGet: 7 });
    expect(r.counts).toMatchObject({ read: 1, stale: 1, requests: 8 });
    expect(r.status).toBe('partial');
    expect(r.staleTeams).toEqual([expect.objectContaining({ team: 'Sales', hasSnapshot: true, reason: expect.stringContaining('server error (503)') })]);
    expect(r.document.objectives.find((o) => o.key === 'SAL1')?.score).toBe(1); // last good
    expect(r.document.objectives.find((o) => o.key === 'MAR1')?.score).toBeCloseTo(0.9, 10);
    google.clearFaults();
    google.resetCounts();
    // Next sync: the stale sheet is read again although Drive says it did not change.
    const again = done(await runSync(engine));
    expect(google.counts()).toMatchObject({ total: 2, driveList: 1, batchGet: 1 });
    expect(again.counts).toMatchObject({ read: 1, stale: 0 });
    expect(again.document.objectives.find((o) => o.key === 'SAL1')?.score).toBeCloseTo(0.3, 10);
  });

  it('unshared (403 on read): stale with the reason, no retries', async () => {
    google.updateValues(ids.teams.Support!, 'OKRs', grid({ team: 'Support' }, teamRows('Support', 4)));
    google.injectFault(
      { kind: 'status', status: 403, message: 'The caller does not have permission' },
      { match: { op: 'batchGet', id: ids.teams.Support! }, times: Number.POSITIVE_INFINITY },
    );
    const r = done(await runSync(engine));
    expect(google.counts()).toMatchObject({ total: 2, driveList: 1, batchGet: 1 });
    expect(r.staleTeams).toEqual([expect.objectContaining({ team: 'Support', reason: expect.stringContaining('access denied (403)') })]);
    expect(r.document.teams.filter((t) => t.stale).map((t) => t.team)).toEqual(['Support']);
  });

  it('deleted from Drive: gone from the listing, kept stale with the reason', async () => {
    google.clearFaults();
    google.deleteSpreadsheet(ids.teams.Marketing!);
    const r = done(await runSync(engine));
    expect(google.counts()).toMatchObject({ driveList: 1 });
    const marketing = r.staleTeams.find((s) => s.team === 'Marketing');
    expect(marketing).toMatchObject({ sourceId: `sheet:${ids.teams.Marketing}`, hasSnapshot: true, reason: expect.stringContaining('gone from Drive') });
    expect(r.document.objectives.some((o) => o.team === 'Marketing')).toBe(true);
    expect(r.document.teams.find((t) => t.team === 'Company')?.stale).toBe(false);
  });
});

describe('with the company sheet written back', () => {
  it('steady state: 1 Drive list + k batchGets + the company-sheet write (none when nothing changed)', async () => {
    const ids = addCompany('folder-with-company-sheet');
    const target = google.addSpreadsheet({ title: 'Company roll-up', tabs: {} }).id;
    const engine = await makeEngine({ folderId: 'folder-with-company-sheet' });
    // The real clock: the sheet's Trends tab keys earlier syncs by the day they finished.
    delete engine.now;
    engine.writeCompanySheet = createCompanySheetWriter({ spreadsheetId: target, rootUrl: google.url, auth: fakeAuthClient() });
    const first = done(await runSync(engine));
    // 1 list + 5 × (get + batchGet) + (spreadsheets.get + batchUpdate) on the company sheet.
    expect(google.counts()).toMatchObject({ total: 13, driveList: 1, batchGet: 5, spreadsheetGet: 6, batchUpdate: 1 });
    expect(first.counts.requests).toBe(13);
    expect(google.getSpreadsheetState(target).tabs.map((t) => t.title)).toContain('Summary');

    google.resetCounts();
    const unchanged = done(await runSync(engine));
    expect(google.counts()).toMatchObject({ total: 1, driveList: 1 });
    expect(unchanged.counts.requests).toBe(1);

    google.resetCounts();
    google.updateValues(ids.teams.Sales!, 'OKRs', grid({ team: 'Sales' }, teamRows('Sales', 9)));
    const changed = done(await runSync(engine));
    expect(google.counts()).toMatchObject({ total: 3, driveList: 1, batchGet: 1, batchUpdate: 1 });
    expect(changed.counts).toMatchObject({ read: 1, requests: 3 });
  });
});

describe('a sync that changes nothing writes nothing', () => {
  it('after a change, the next unchanged syncs make 1 request each, whatever the database clock says', async () => {
    const ids = addCompany('folder-unchanged-after-change');
    const target = google.addSpreadsheet({ title: 'Company roll-up', tabs: {} }).id;
    // The engine's clock (ZOO_AS_OF) is not the database's: snapshots finish "today" by the real clock.
    const engine = await makeEngine({ folderId: 'folder-unchanged-after-change' });
    engine.writeCompanySheet = createCompanySheetWriter({ spreadsheetId: target, rootUrl: google.url, auth: fakeAuthClient() });
    done(await runSync(engine));
    google.updateValues(ids.teams.Sales!, 'OKRs', grid({ team: 'Sales' }, teamRows('Sales', 9)));
    google.resetCounts();
    done(await runSync(engine));
    expect(google.counts()).toMatchObject({ driveList: 1, batchGet: 1, batchUpdate: 1 });
    for (let i = 0; i < 2; i++) {
      google.resetCounts();
      const unchanged = done(await runSync(engine));
      expect(google.counts()).toMatchObject({ total: 1, driveList: 1 });
      expect(unchanged.counts.requests).toBe(1);
    }
  });
});

describe('okr sync with a Google config', () => {
  it('prints the request count of a Drive folder sync with the company sheet written back', async () => {
    addCompany('cli-folder');
    const target = google.addSpreadsheet({ title: 'Roll-up', tabs: {} }).id;
    const cwd = tempDir();
    writeFileSync(
      path.join(cwd, 'okr.config.json'),
      JSON.stringify({ sources: { google: { folderId: 'cli-folder' } }, companySheet: { spreadsheetId: target } }),
    );
    const { io, stdout } = memoryIO({ cwd });
    const setup = { rootUrl: google.url, auth: fakeAuthClient(), retry: { retries: 2, baseMs: 1 } };
    expect(await syncCommand({ google: setup }, io)).toBe(0);
    expect(stdout()).toContain('  teams      5\n  read       5\n');
    expect(stdout()).toContain('  requests   13\n'); // 1 list + 5 × (get + batchGet) + get and batchUpdate of the company sheet
    const again = memoryIO({ cwd });
    expect(await syncCommand({ google: setup }, again.io)).toBe(0);
    // A new process: nothing read again, but the writer's memory of the sheet's layout is gone,
    // so it reads the layout and rewrites (get + batchUpdate). A long-running `okr serve` sends none.
    expect(again.stdout()).toContain('  read       0\n  unchanged  5 (skipped)\n');
    expect(again.stdout()).toContain('  requests   3\n');
  });
});

describe('explicit spreadsheet ids', () => {
  it('cost one Drive files.get each; a 404 id is reported', async () => {
    const folder = 'other-folder';
    const ids = addCompany(folder);
    const engine = await makeEngine({ spreadsheetIds: [ids.company, ids.teams.Sales!, 'does-not-exist'] });
    const r = done(await runSync(engine));
    expect(google.counts()).toMatchObject({ driveList: 0, driveGet: 3, spreadsheetGet: 2, batchGet: 2 });
    expect(r.counts).toMatchObject({ teams: 2, read: 2, stale: 1, requests: 7 });
    expect(r.staleTeams).toEqual([expect.objectContaining({ sourceId: 'sheet:does-not-exist', hasSnapshot: false })]);
    expect(r.document.problems.find((p) => p.code === 'source-unreadable')).toBeDefined();
  });
});
