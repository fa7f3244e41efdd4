// Sharing and discovery against the fake Drive: the company spreadsheet inside the watched folder,
// shortcuts, a wrong or unshared folder, and Google's three 403s each told apart with its fix.
import { afterAll, describe, expect, it } from 'vitest';
import type { Cell } from '../../shared/values.ts';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { companySheetWriter } from '../../sync-service/engine/company-sheet.ts';
import { NoTeamSheetsError, runSync, type SyncEngine, type SyncResult, type SyncSummary } from '../../sync-service/engine/sync.ts';
import { createGoogleClients } from '../../sync-service/google/clients.ts';
import { createRateLimiter } from '../../sync-service/google/limiter.ts';
import { createGoogleSource } from '../../sync-service/google/source.ts';
import { googleSheetSource } from '../../sync-service/sources/google.ts';
import { createSources } from '../../sync-service/sources/index.ts';
import { type ForbiddenCause, fakeAuthClient, } from '../fakes/google-server.ts';
import { useFakeGoogle } from '../fixtures/google.ts';
import { CHECKIN_HEADER, okrGrid, type RowSpec } from '../fixtures/workbooks.ts';
import { ZOO_AS_OF } from '../fixtures/zoo.ts';

const pglite = storageTargets()[0]!;
const google = useFakeGoogle();
afterAll(() => pglite.teardown());

const rows = (team: string): RowSpec[] => [
  { oid: `${team.slice(0, 3).toUpperCase()}1`, objective: `${team} ships`, kr: 'Things done', type: 'metric', start: 0, target: 10, current: 5 },
];
const teamSheet = (team: string, folderId?: string) =>
  google.addSpreadsheet({
    title: `${team} OKRs`,
    ...(folderId ? { folderId } : {}),
    tabs: { OKRs: okrGrid({ team }, rows(team)) as Cell[][], 'Check-ins': [[...CHECKIN_HEADER]] },
  }).id;

async function engineFor(config: { folderId?: string; spreadsheetIds?: string[]; companySheetId?: string }): Promise<SyncEngine> {
  const setup = { rootUrl: google.url, auth: fakeAuthClient(), retry: { retries: 1, baseMs: 1 } };
  const sources = {
    google: {
      ...(config.folderId ? { folderId: config.folderId } : {}),
      ...(config.spreadsheetIds ? { spreadsheetIds: config.spreadsheetIds } : {}),
    },
  };
  const companySheet = config.companySheetId ? { spreadsheetId: config.companySheetId } : undefined;
  return {
    store: createStore(await pglite.fresh()),
    sources: createSources({ sources, ...(companySheet ? { companySheet } : {}) }, setup),
    company: { name: 'Acme' },
    now: () => ZOO_AS_OF,
    writeCompanySheet: companySheet ? companySheetWriter({ companySheet, sources }, { rootUrl: google.url, auth: fakeAuthClient() }) : undefined,
  };
}

function done(r: SyncResult): SyncSummary {
  if (r.skipped) throw new Error(`sync skipped: ${r.reason}`);
  return r;
}

describe('the watched folder', () => {
  it('leaves out the company spreadsheet this service writes, so its own write does not make it a changed team', async () => {
    const folderId = 'folder-with-roll-up';
    teamSheet('Sales', folderId);
    teamSheet('Support', folderId);
    const company = google.addSpreadsheet({ title: 'Company roll-up', folderId, tabs: {} }).id;
    const engine = await engineFor({ folderId, companySheetId: company });
    const first = done(await runSync(engine));
    expect(first.document.teams.map((t) => t.team).sort()).toEqual(['Sales', 'Support']);
    expect(google.getSpreadsheetState(company).tabs.map((t) => t.title)).toContain('Summary');
    google.resetCounts();
    const second = done(await runSync(engine));
    expect(second.counts).toMatchObject({ teams: 2, read: 0, unchangedSkipped: 2 });
    expect(google.counts()).toMatchObject({ batchGet: 0, spreadsheetGet: 0 });
  });

  it('follows a shortcut to a spreadsheet kept elsewhere, read with its own version', async () => {
    const folderId = 'folder-with-shortcut';
    teamSheet('Sales', folderId);
    const elsewhere = teamSheet('Legal', 'someone-elses-folder');
    google.addShortcut({ folderId, targetId: elsewhere, name: 'Shortcut to Legal OKRs' });
    const engine = await engineFor({ folderId });
    const first = done(await runSync(engine));
    expect(first.document.teams.map((t) => t.team).sort()).toEqual(['Legal', 'Sales']);
    expect(google.counts()).toMatchObject({ driveList: 1, driveGet: 1 });

    google.resetCounts();
    expect(done(await runSync(engine)).counts).toMatchObject({ read: 0, unchangedSkipped: 2 });
    google.updateValues(elsewhere, 'OKRs', okrGrid({ team: 'Legal' }, [{ ...rows('Legal')[0]!, current: 10 }]) as Cell[][]);
    const changed = done(await runSync(engine));
    expect(changed.counts).toMatchObject({ read: 1, unchangedSkipped: 1 });
    expect(changed.document.objectives.find((o) => o.key === 'LEG1')?.score).toBe(1);
  });

  // A folder that cannot be listed, or lists no team, is never an all-clear: the sync fails naming it.
  it('fails loudly, naming the folder, when it does not exist or is not shared', async () => {
    const engine = await engineFor({ folderId: 'no-such-folder' });
    const err = await runSync(engine).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoTeamSheetsError);
    expect((err as Error).message).toContain('no-such-folder');
    expect((err as Error).message).toMatch(/not found.*share the folder with the service account/);
    expect((await engine.store.listSyncs({ limit: 1 }))[0]).toMatchObject({ status: 'failed' });
  });

  it('fails loudly when folderId names a spreadsheet rather than a folder', async () => {
    const id = teamSheet('Ops');
    await expect(runSync(await engineFor({ folderId: id }))).rejects.toThrow(new RegExp(`${id}.*is not a Drive folder`));
  });

  it('an empty folder that exists fails as empty, not as unshared', async () => {
    google.addFolder('empty-folder', 'Nothing yet');
    const err = await runSync(await engineFor({ folderId: 'empty-folder' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NoTeamSheetsError);
    expect((err as Error).message).toBe('No team sheets found in Drive folder empty-folder');
  });
});

describe("Google's 403s, told apart", () => {
  const cases: [ForbiddenCause, RegExp][] = [
    ['not-shared', /share the spreadsheet \(or its folder\) with the service account/],
    ['scope-missing', /lack the Sheets and Drive scopes.*gcloud auth application-default login --scopes=\S*spreadsheets/],
    ['api-disabled', /API is disabled.*enable the Google Sheets API.*https:\/\/console\.developers\.google\.com\/apis\/api\/sheets\.googleapis\.com/],
  ];
  for (const [cause, fix] of cases) {
    it(`${cause}: the team is reported with the fix`, async () => {
      const id = teamSheet(`Team ${cause}`);
      google.injectFault({ kind: 'forbidden', cause }, { match: { id, op: ['spreadsheetGet', 'batchGet'] }, times: Number.POSITIVE_INFINITY });
      const r = done(await runSync(await engineFor({ spreadsheetIds: [id] })));
      expect(r.staleTeams).toHaveLength(1);
      expect(r.staleTeams[0]?.reason).toMatch(fix);
    });
  }
});

describe('values that change without an edit', () => {
  it('a sheet whose last read is older than rereadAfterMs is read again, though Drive says it has not changed', async () => {
    const folderId = 'folder-importrange';
    const id = teamSheet('Finance', folderId);
    let clock = Date.parse('2026-02-01T08:00:00Z');
    const { sheets, drive } = createGoogleClients({ rootUrl: google.url, auth: fakeAuthClient() });
    const source = createGoogleSource({ sheets, drive, limiter: createRateLimiter({ limit: Number.POSITIVE_INFINITY }) });
    const engine: SyncEngine = {
      store: createStore(await pglite.fresh()),
      sources: [googleSheetSource(source, { folderId }, { rereadAfterMs: 3 * 3_600_000, now: () => clock })],
      company: { name: 'Acme' },
      now: () => ZOO_AS_OF,
    };
    expect(done(await runSync(engine)).counts).toMatchObject({ read: 1 });
    // Current is an IMPORTRANGE: it moves, Drive's version does not.
    google.recalculate(id, 'OKRs', okrGrid({ team: 'Finance' }, [{ ...rows('Finance')[0]!, current: 10 }]) as Cell[][]);
    clock += 3_600_000;
    const soon = done(await runSync(engine));
    expect(soon.counts).toMatchObject({ read: 0, unchangedSkipped: 1 });
    expect(soon.document.objectives.find((o) => o.key === 'FIN1')?.score).toBe(0.5);
    clock += 3 * 3_600_000;
    const later = done(await runSync(engine));
    expect(later.counts).toMatchObject({ read: 1, unchangedSkipped: 0 });
    expect(later.document.objectives.find((o) => o.key === 'FIN1')?.score).toBe(1);
    // Read again just now: skipped until the age passes once more.
    expect(done(await runSync(engine)).counts).toMatchObject({ read: 0, unchangedSkipped: 1 });
  });
});
