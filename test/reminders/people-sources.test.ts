// The People tab (Owner | Email) as the sources read it: from an .xlsx in the folder, and from
// Google Sheets through the real clients and the fake REST server — where a sheet without the
// tab makes the conventional batchGet fail (400 "Unable to parse range"), so the cost is counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cell } from '../../shared/values.ts';
import { createStore, type Store } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { runSync, type SyncResult, type SyncSummary } from '../../sync-service/engine/sync.ts';
import { createGoogleClients } from '../../sync-service/google/clients.ts';
import { createRateLimiter } from '../../sync-service/google/limiter.ts';
import { createGoogleSource } from '../../sync-service/google/source.ts';
import { loadWeekInputs } from '../../sync-service/reminders/data.ts';
import { folderSource } from '../../sync-service/sources/folder.ts';
import { googleSheetSource } from '../../sync-service/sources/google.ts';
import { fakeAuthClient, } from '../fakes/google-server.ts';
import { useFakeGoogle } from '../fixtures/google.ts';
import { CHECKIN_HEADER, okrGrid, removeTempDirs, tempDir } from '../fixtures/workbooks.ts';
import { AS_OF, writeCompany } from './company.ts';

const pglite = storageTargets()[0]!;
const google = useFakeGoogle();
afterAll(async () => {
  await pglite.teardown();
  removeTempDirs();
});

function done(r: SyncResult): SyncSummary {
  if (r.skipped) throw new Error(`sync skipped: ${r.reason}`);
  return r;
}

describe('the folder source', () => {
  it('reads the People tab of an .xlsx, reports its bad rows, and keeps the addresses out of the served alignment', async () => {
    const dir = tempDir();
    await writeCompany(dir, { c1: 5, p12: 2 });
    const store = createStore(await pglite.fresh());
    const r = done(await runSync({ store, sources: [folderSource(dir)], company: {}, now: () => AS_OF }));
    expect(r.document.problems.filter((p) => p.tab === 'People')).toEqual([
      expect.objectContaining({ team: 'Product', row: 4, column: 'Email', code: 'bad-email', message: expect.stringContaining('"not an address" is not an e-mail address; Cy gets no reminder') }),
    ]);
    expect(JSON.stringify(r.document)).not.toContain('ana@example.com');
    const inputs = await loadWeekInputs(store, AS_OF, { peopleTab: true, viewUrl: undefined });
    expect(inputs?.people.map((p) => [p.team, p.owner, p.email])).toEqual([
      ['Product', 'Ana Lopez', 'ana@example.com'],
      ['Product', 'Bo Chen', 'bo@example.com'],
    ]);
    expect((await loadWeekInputs(store, AS_OF, { peopleTab: false, viewUrl: undefined }))?.people).toEqual([]);
  });
});

describe('the Google source', () => {
  const grid = (team: string, owner: string) =>
    okrGrid({ team }, [{ oid: `${team}-1`, objective: 'Do it', kr: 'Done', krId: `${team}-1-1`, type: 'binary', current: 'no', owner }]) as Cell[][];

  async function engine(people: boolean, store?: Store) {
    const { sheets, drive } = createGoogleClients({ rootUrl: google.url, auth: fakeAuthClient(), timeoutMs: 5_000 });
    const source = createGoogleSource({ sheets, drive, limiter: createRateLimiter({ limit: Number.POSITIVE_INFINITY, concurrency: 4 }) });
    return { store: store ?? createStore(await pglite.fresh()), sources: [googleSheetSource(source, { folderId: 'people-folder', people })], company: {}, now: () => AS_OF };
  }

  let withTab: string;
  beforeAll(() => {
    withTab = google.addSpreadsheet({
      title: 'Design OKRs',
      folderId: 'people-folder',
      tabs: { OKRs: grid('Design', 'Lee'), 'Check-ins': [[...CHECKIN_HEADER]], People: [['Owner', 'E-mail'], ['Lee', 'lee@example.com']] },
    }).id;
    google.addSpreadsheet({ title: 'Ops OKRs', folderId: 'people-folder', tabs: { OKRs: grid('Ops', 'Max'), 'Check-ins': [[...CHECKIN_HEADER]] } });
  });

  it('finds the People tab in the first read\'s tab discovery and reads it in the same batchGet', async () => {
    const e = await engine(true);
    const r = done(await runSync(e));
    // Each sheet: one spreadsheets.get (tabs, time zone, locale) + one batchGet, People tab or not.
    expect(google.counts()).toMatchObject({ driveList: 1, batchGet: 2, spreadsheetGet: 2 });
    expect(r.document.problems).toEqual([]);
    const inputs = await loadWeekInputs(e.store, AS_OF, { peopleTab: true, viewUrl: undefined });
    expect(inputs?.people).toEqual([{ team: 'Design', owner: 'Lee', email: 'lee@example.com', row: 2 }]);
    expect(inputs?.links.get('Design')).toBe(`https://docs.google.com/spreadsheets/d/${withTab}/edit`);

    // A changed sheet is read again with the tabs it is now known to have: one request each.
    google.resetCounts();
    const again = done(await runSync(e, { force: true }));
    expect(google.counts()).toMatchObject({ driveList: 1, batchGet: 2, spreadsheetGet: 0 });
    expect(again.counts.read).toBe(2);
  });

  it('without reminders, asks for the OKR and Check-ins tabs only, as before', async () => {
    const e = await engine(false);
    done(await runSync(e));
    expect(google.counts()).toMatchObject({ driveList: 1, batchGet: 2, spreadsheetGet: 2 });
    expect((await loadWeekInputs(e.store, AS_OF, { peopleTab: true, viewUrl: undefined }))?.people).toEqual([]);
  });

  it('once reminders are turned on, reads unchanged sheets again once to find their People tabs', async () => {
    const off = await engine(false);
    done(await runSync(off));
    google.resetCounts();
    const on = await engine(true, off.store);
    const r = done(await runSync(on));
    expect(r.counts).toMatchObject({ read: 2, unchangedSkipped: 0 });
    expect((await loadWeekInputs(on.store, AS_OF, { peopleTab: true, viewUrl: undefined }))?.people.map((p) => p.email)).toEqual(['lee@example.com']);
    google.resetCounts();
    expect(done(await runSync(on)).counts).toMatchObject({ read: 0, unchangedSkipped: 2 });
    expect(google.counts()).toMatchObject({ driveList: 1, batchGet: 0 });
  });
});
