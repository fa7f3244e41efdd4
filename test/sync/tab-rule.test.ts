// One tab rule for every reader: the same tab names give the same tabs through the folder reader
// (an .xlsx in a bounded worker) and the Google reader (the real client libraries against the REST
// fake), and every OKR tab of a Google spreadsheet comes in the one batchGet.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoogleClients } from '../../sync-service/google/clients.ts';
import { createRateLimiter } from '../../sync-service/google/limiter.ts';
import { createGoogleSource, type DriveFileMeta } from '../../sync-service/google/source.ts';
import { readWorkbookFile } from '../../sync-service/sources/workbook.ts';
import { type FakeGoogleServer, fakeAuthClient, startFakeGoogle } from '../fakes/google-server.ts';
import { removeTempDirs, tempDir, writeXlsx } from '../fixtures/workbooks.ts';

let google: FakeGoogleServer;
beforeAll(async () => {
  google = await startFakeGoogle();
});
afterAll(async () => {
  await google.close();
  removeTempDirs();
});

const CASES: string[][] = [
  ['OKRs', 'Check-ins', 'OKRs (2)'],
  ['Team OKRs', 'OKRs', 'Notes'],
  ['Summary', 'Q3 OKRs', 'Check ins', '2026 Q4 okr', 'People'],
  ['Check-ins', 'Goals', 'More goals'],
  ['Emails', 'Sheet1'],
  Array.from({ length: 14 }, (_, i) => `OKRs (${i + 1})`),
];

async function viaFolder(names: string[]) {
  const file = await writeXlsx(
    path.join(tempDir(), 'team.xlsx'),
    names.map((name, i) => ({ name, grid: [[`${name} cell`, i]] })),
  );
  const g = await readWorkbookFile(file);
  return { okr: g.okr.map((t) => t.tab), checkins: g.checkins?.tab ?? null, people: g.people?.tab ?? null, notes: (g.notes ?? []).map((n) => n.code) };
}

async function viaGoogle(names: string[]) {
  const { sheets, drive } = createGoogleClients({ rootUrl: google.url, auth: fakeAuthClient(), timeoutMs: 5_000 });
  const source = createGoogleSource({ sheets, drive, limiter: createRateLimiter({ limit: Number.POSITIVE_INFINITY, concurrency: 4 }) });
  const id = google.addSpreadsheet({ title: 'team', tabs: Object.fromEntries(names.map((name, i) => [name, [[`${name} cell`, i]]])) }).id;
  const m = google.meta(id);
  const file: DriveFileMeta = { id, name: m.name, modifiedTime: m.modifiedTime, version: m.version };
  google.resetCounts();
  const r = await source.readSpreadsheet(file, { people: true });
  // Each tab's own cells came back under its name.
  for (const t of r.okr) expect(t.grid[0]?.[0]).toBe(`${t.tab} cell`);
  return {
    read: { okr: r.okr.map((t) => t.tab), checkins: r.checkins?.tab ?? null, people: r.people?.tab ?? null, notes: r.skipped ? ['too-many-tabs'] : [] },
    counts: google.counts(),
  };
}

describe('the tab rule', () => {
  it.each(CASES.map((names) => [names.join(' | '), names]))('agrees between the folder and Google readers: %s', async (_, names) => {
    const folder = await viaFolder(names as string[]);
    const { read, counts } = await viaGoogle(names as string[]);
    expect(read).toEqual(folder);
    // One discovery and one batchGet, however many OKR tabs.
    expect(counts).toMatchObject({ total: 2, spreadsheetGet: 1, batchGet: 1 });
  });

  it('reads both quarters of a workbook with OKRs and OKRs (2)', async () => {
    expect((await viaFolder(['OKRs', 'Check-ins', 'OKRs (2)'])).okr).toEqual(['OKRs', 'OKRs (2)']);
    expect((await viaFolder(CASES[5] as string[])).notes).toEqual(['too-many-tabs']);
  });
});
