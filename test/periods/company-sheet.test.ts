// The company sheet shows both periods: the current period's tabs as before, and a Periods tab with
// quarter-over-quarter scores, through the real engine and the Google writer against the REST fake.
import { afterAll, describe, expect, it } from 'vitest';
import { buildCompanyWorkbook } from '../../sync-service/company-sheet/build.ts';
import { createCompanySheetWriter } from '../../sync-service/company-sheet/google.ts';
import { isNumber, isText, type ModelCell, type SheetModel } from '../../sync-service/company-sheet/model.ts';
import { createStore } from '../../sync-service/db/store.ts';
import { storageTargets } from '../../sync-service/db/test-support.ts';
import { runSync, type SyncSummary } from '../../sync-service/engine/sync.ts';
import { folderSource } from '../../sync-service/sources/folder.ts';
import { fakeAuthClient, } from '../fakes/google-server.ts';
import { useFakeGoogle } from '../fixtures/google.ts';
import { removeTempDirs, tempDir } from '../fixtures/workbooks.ts';
import { AS_OF, Q3, Q4, writeTwoQuarters } from './fixture.ts';

const pglite = storageTargets()[0]!;
const google = useFakeGoogle();
afterAll(async () => {
  await pglite.teardown();
  removeTempDirs();
});

const plain = (c: ModelCell | null | undefined) => (!c ? null : isText(c) ? c.text : isNumber(c) ? Math.round(c.number * 100) / 100 : null);
const values = (s: SheetModel) => s.rows.map((r) => r.map(plain));

describe('the company sheet with two periods', () => {
  it('writes a Periods tab (quarter over quarter) next to the current period’s tabs; an unchanged sync writes nothing', async () => {
    const id = google.addSpreadsheet({ title: 'Company roll-up', tabs: { Sheet1: [] } }).id;
    const writer = createCompanySheetWriter({ spreadsheetId: id, rootUrl: google.url, auth: fakeAuthClient() });
    const store = createStore(await pglite.fresh());
    const dir = await writeTwoQuarters(tempDir());
    const engine = { store, sources: [folderSource(dir)], company: {}, now: () => AS_OF, writeCompanySheet: writer };
    const first = (await runSync(engine)) as SyncSummary;
    expect(first.document.problems.filter((p) => p.code === 'company-sheet')).toEqual([]);

    // What the spreadsheet holds (the fake's displayed values), and what the xlsx writer models.
    const held = google.getSpreadsheetState(id).tab('Periods').values.map((r) => r.map((v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v)));
    const model = buildCompanyWorkbook(first.document, { periods: first.periods.map((p) => ({ label: p.period.label, current: p.current, doc: p.document })) });
    const periods = values(model.sheets.find((s) => s.name === 'Periods') as SheetModel);
    const q3 = first.periods[0]!.document;
    const q4 = first.periods[1]!.document;
    const r2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);
    expect(periods).toEqual([
      ['Company objective', `${Q3.period} (closed)`, `${Q4.period} (current)`],
      ['Company score', r2(q3.overall), r2(q4.overall)],
      ['C1 · Grow more', r2(q3.objectives.find((o) => o.key === 'C1')!.rolledScore), r2(q4.objectives.find((o) => o.key === 'C1')!.rolledScore)],
      ['C7 · Open Berlin', r2(q3.objectives.find((o) => o.key === 'C7')!.rolledScore), '—'],
      [],
      ['Team', `${Q3.period} (closed)`, `${Q4.period} (current)`],
      ['Sales', r2(q3.teams.find((t) => t.team === 'Sales')!.score), r2(q4.teams.find((t) => t.team === 'Sales')!.score)],
    ]);
    expect(held.filter((r) => r.length > 0)).toEqual(periods.filter((r) => r.length > 0));

    google.resetCounts();
    const again = (await runSync(engine)) as SyncSummary;
    expect(again.counts.requests).toBe(0);
    expect(google.counts().total).toBe(0);
    // Every request of the first write stayed under Sheets' 2 MB.
    expect(Math.max(...google.requests.map((r) => r.bodyBytes), 0)).toBeLessThan(2 * 1024 * 1024);
  });
});
