import { drive_v3 } from '@googleapis/drive';
import { sheets_v4 } from '@googleapis/sheets';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGoogleServer, fakeAuthClient, startFakeGoogle } from './google-server.ts';

let google: FakeGoogleServer;
let sheets: sheets_v4.Sheets; // OAuth (reads + writes)
let keySheets: sheets_v4.Sheets; // API key (reads only)
let drive: drive_v3.Drive;

beforeAll(async () => {
  google = await startFakeGoogle();
  const auth = fakeAuthClient();
  sheets = new sheets_v4.Sheets({ rootUrl: google.url, auth, retry: false, timeout: 2_000 });
  keySheets = new sheets_v4.Sheets({ rootUrl: google.url, auth: 'test-api-key', retry: false, timeout: 2_000 });
  drive = new drive_v3.Drive({ rootUrl: google.url, auth, retry: false, timeout: 2_000 });
});

afterAll(async () => {
  await google.close();
});

beforeEach(() => {
  google.clearFaults();
  google.setLatency(0);
  google.setQuota(null);
  google.setClock(() => performance.now());
  google.resetCounts();
});

/** The status of a rejected client call (throws if the call succeeded). */
async function statusOf(p: Promise<unknown>): Promise<{ status: number | undefined; message: string; headers: unknown }> {
  try {
    await p;
  } catch (e) {
    const err = e as { status?: number; message: string; response?: { headers?: unknown } };
    return { status: err.status, message: err.message, headers: err.response?.headers };
  }
  throw new Error('expected the call to fail');
}

const OKR_GRID = [
  ['Objective', 'Key result', 'Owner', 'Progress', '', ''],
  ['Grow revenue', 'ARR 10M', 'Ann', 0.4],
  [],
  ['Ship v2', 'Launch', 'Bob', 1, '', null],
];

describe('Drive files.list / files.get', () => {
  it('pages through a folder with nextPageToken, filters by q and masks fields', async () => {
    const folder = `folder-${Date.now()}`;
    const ids = new Set<string>();
    for (let i = 0; i < 250; i++) ids.add(google.addSpreadsheet({ title: `Team ${i}`, folderId: folder, tabs: { OKRs: [['x']] } }).id);
    google.addSpreadsheet({ title: 'elsewhere', folderId: 'other-folder', tabs: {} });
    const trashed = google.addSpreadsheet({ title: 'old', folderId: folder, tabs: {} }).id;
    google.trashSpreadsheet(trashed);

    const q = `'${folder}' in parents and mimeType = 'application/vnd.google-apps.spreadsheet' and trashed = false`;
    const seen: drive_v3.Schema$File[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const res = await drive.files.list({ q, pageSize: 100, pageToken, fields: 'nextPageToken, files(id,name,modifiedTime,version)' });
      pages++;
      seen.push(...(res.data.files ?? []));
      pageToken = res.data.nextPageToken ?? undefined;
    } while (pageToken);

    expect(pages).toBe(3);
    expect(new Set(seen.map((f) => f.id))).toEqual(ids);
    const first = seen[0] as drive_v3.Schema$File;
    expect(Object.keys(first).sort()).toEqual(['id', 'modifiedTime', 'name', 'version']);
    expect(first.version).toMatch(/^\d+$/);
    expect(Number.isNaN(Date.parse(first.modifiedTime as string))).toBe(false);
    expect(google.counts().driveList).toBe(3);
  });

  it('supports modifiedTime comparisons and rejects unknown query terms like Drive', async () => {
    const folder = `mt-${Date.now()}`;
    google.addSpreadsheet({ title: 'a', folderId: folder, tabs: {}, modifiedTime: '2024-01-01T00:00:00Z' });
    const b = google.addSpreadsheet({ title: 'b', folderId: folder, tabs: {}, modifiedTime: '2024-06-01T00:00:00Z' });
    const res = await drive.files.list({ q: `'${folder}' in parents and modifiedTime > '2024-03-01T00:00:00Z'`, fields: 'files(id)' });
    expect(res.data.files?.map((f) => f.id)).toEqual([b.id]);

    const bad = await statusOf(drive.files.list({ q: `id = '${b.id}'` }));
    expect(bad.status).toBe(400);
  });

  it('gets one file and 404s once it is deleted', async () => {
    const { id } = google.addSpreadsheet({ title: 'Solo', tabs: {} });
    const res = await drive.files.get({ fileId: id, fields: 'id,name,modifiedTime,version' });
    expect(res.data).toMatchObject({ id, name: 'Solo', version: '1' });
    google.deleteSpreadsheet(id);
    const gone = await statusOf(drive.files.get({ fileId: id, fields: 'id' }));
    expect(gone.status).toBe(404);
    expect(gone.message).toContain(`File not found: ${id}`);
  });
});

describe('Sheets reads', () => {
  let id: string;
  beforeAll(() => {
    id = google.addSpreadsheet({
      title: 'Team OKRs',
      tabs: {
        OKRs: OKR_GRID,
        'Check-ins': [
          ['Date', 'KR', 'Value'],
          [new Date(Date.UTC(2025, 0, 15)), 'ARR 10M', { formula: '=B2*2', value: 8 }],
        ],
        Empty: [],
      },
    }).id;
  });

  it('spreadsheets.get returns title and tab properties, honouring fields', async () => {
    const full = await sheets.spreadsheets.get({ spreadsheetId: id });
    expect(full.data.properties?.title).toBe('Team OKRs');
    expect(full.data.sheets?.map((s) => s.properties?.title)).toEqual(['OKRs', 'Check-ins', 'Empty']);
    expect(full.data.sheets?.[0]?.properties).toMatchObject({ sheetId: 0, index: 0, gridProperties: { rowCount: 1000, columnCount: 26 } });

    const masked = await keySheets.spreadsheets.get({ spreadsheetId: id, fields: 'sheets.properties.title' });
    expect(masked.data).toEqual({
      sheets: [{ properties: { title: 'OKRs' } }, { properties: { title: 'Check-ins' } }, { properties: { title: 'Empty' } }],
    });
  });

  it('batchGet trims trailing empties like Google and echoes the clipped range', async () => {
    const res = await keySheets.spreadsheets.values.batchGet({
      spreadsheetId: id,
      ranges: ["'OKRs'!A1:Z", 'OKRs', "'Check-ins'!A:I", 'Empty'],
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'SERIAL_NUMBER',
    });
    const [a, b, c, d] = res.data.valueRanges ?? [];
    expect(a?.range).toBe('OKRs!A1:Z1000');
    expect(a?.values).toEqual([
      ['Objective', 'Key result', 'Owner', 'Progress'],
      ['Grow revenue', 'ARR 10M', 'Ann', 0.4],
      [],
      ['Ship v2', 'Launch', 'Bob', 1],
    ]);
    expect(b?.values).toEqual(a?.values);
    expect(c?.range).toBe("'Check-ins'!A1:I1000");
    expect(c?.values).toEqual([
      ['Date', 'KR', 'Value'],
      [45672, 'ARR 10M', 8],
    ]);
    expect(d).toEqual({ range: 'Empty!A1:Z1000', majorDimension: 'ROWS' });
    expect(google.counts().batchGet).toBe(1);
  });

  it('renders formatted values, formatted dates, formulas and columns', async () => {
    const get = (o: Partial<sheets_v4.Params$Resource$Spreadsheets$Values$Get>) =>
      keySheets.spreadsheets.values.get({ spreadsheetId: id, range: "'Check-ins'!A2:C2", ...o }).then((r) => r.data.values);
    expect(await get({})).toEqual([['2025-01-15', 'ARR 10M', '8']]);
    expect(await get({ valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING' })).toEqual([
      ['2025-01-15', 'ARR 10M', 8],
    ]);
    expect(await get({ valueRenderOption: 'FORMULA' })).toEqual([[45672, 'ARR 10M', '=B2*2']]);
    const cols = await keySheets.spreadsheets.values.get({ spreadsheetId: id, range: 'OKRs!A1:B2', majorDimension: 'COLUMNS' });
    expect(cols.data.values).toEqual([
      ['Objective', 'Grow revenue'],
      ['Key result', 'ARR 10M'],
    ]);
  });

  it('answers 400 "Unable to parse range" for a missing tab and 404 for a missing spreadsheet', async () => {
    const bad = await statusOf(keySheets.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ["'OKRs'!A1:Z", "'Nope'!A1:Z"] }));
    expect(bad.status).toBe(400);
    expect(bad.message).toBe("Unable to parse range: 'Nope'!A1:Z");
    const missing = await statusOf(keySheets.spreadsheets.values.batchGet({ spreadsheetId: 'no-such-id', ranges: ['OKRs'] }));
    expect(missing.status).toBe(404);
  });

  it('rejects requests without credentials', async () => {
    const anon = new sheets_v4.Sheets({ rootUrl: google.url, retry: false });
    expect((await statusOf(anon.spreadsheets.get({ spreadsheetId: id }))).status).toBe(401);
  });
});

describe('Sheets writes', () => {
  it('values.update: RAW keeps strings verbatim, USER_ENTERED parses formulas, numbers, booleans, dates', async () => {
    const { id, version } = google.addSpreadsheet({ title: 'Company', tabs: { Rollup: [] } });
    await sheets.spreadsheets.values.update({
      spreadsheetId: id,
      range: 'Rollup!A1',
      valueInputOption: 'RAW',
      requestBody: { values: [['=SUM(B1:B2)', '42', 'TRUE', 7]] },
    });
    const res = await sheets.spreadsheets.values.update({
      spreadsheetId: id,
      range: 'Rollup!A2',
      valueInputOption: 'USER_ENTERED',
      requestBody: { values: [['=SUM(B1:B2)', '42', 'TRUE', '2025-03-01', '50%', "'007"]] },
    });
    expect(res.data).toMatchObject({ updatedRange: 'Rollup!A2:F2', updatedRows: 1, updatedColumns: 6, updatedCells: 6 });

    const state = google.getSpreadsheetState(id);
    const tab = state.tab('Rollup');
    expect(tab.cell('A1')).toEqual({ kind: 'string', value: '=SUM(B1:B2)' });
    expect(tab.cell('B1')).toEqual({ kind: 'string', value: '42' });
    expect(tab.cell('C1')).toEqual({ kind: 'string', value: 'TRUE' });
    expect(tab.cell('D1')).toEqual({ kind: 'number', value: 7 });
    expect(tab.cell('A2')).toEqual({ kind: 'formula', formula: '=SUM(B1:B2)' });
    expect(tab.cell('B2')).toEqual({ kind: 'number', value: 42 });
    expect(tab.cell('C2')).toEqual({ kind: 'boolean', value: true });
    expect(tab.cell('D2')).toMatchObject({ kind: 'number', value: 45717, format: { numberFormat: { type: 'DATE' } } });
    expect(tab.cell('E2')).toMatchObject({ kind: 'number', value: 0.5 });
    expect(tab.cell('F2')).toEqual({ kind: 'string', value: '007' });
    expect(Number(state.version)).toBe(Number(version) + 2);
    expect(google.counts().valuesUpdate).toBe(2);
  });

  it('refuses writes authenticated with only an API key (as Google does)', async () => {
    const { id } = google.addSpreadsheet({ title: 'x', tabs: {} });
    const r = await statusOf(
      keySheets.spreadsheets.values.update({
        spreadsheetId: id,
        range: 'Sheet1!A1',
        valueInputOption: 'RAW',
        requestBody: { values: [[1]] },
      }),
    );
    expect(r.status).toBe(401);
  });

  it('values.batchUpdate / batchClear / append / clear', async () => {
    const { id } = google.addSpreadsheet({ title: 'B', tabs: { A: [['keep', 'x']], B: [] } });
    const up = await sheets.spreadsheets.values.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        valueInputOption: 'RAW',
        data: [
          {
            range: 'A!A2',
            values: [
              [1, 2],
              [3, 4],
            ],
          },
          { range: 'B!B2:C2', values: [['a', 'b']] },
        ],
      },
    });
    expect(up.data).toMatchObject({ totalUpdatedCells: 6, totalUpdatedSheets: 2 });
    const overflow = await statusOf(
      sheets.spreadsheets.values.batchUpdate({
        spreadsheetId: id,
        requestBody: { valueInputOption: 'RAW', data: [{ range: 'B!A1:A2', values: [[1, 2]] }] },
      }),
    );
    expect(overflow.status).toBe(400);

    await sheets.spreadsheets.values.append({
      spreadsheetId: id,
      range: 'A!A1',
      valueInputOption: 'RAW',
      requestBody: { values: [['appended']] },
    });
    expect(google.getSpreadsheetState(id).tab('A').values).toEqual([['keep', 'x'], [1, 2], [3, 4], ['appended']]);

    const cleared = await sheets.spreadsheets.values.batchClear({ spreadsheetId: id, requestBody: { ranges: ['A!A2:B3'] } });
    expect(cleared.data.clearedRanges).toEqual(['A!A2:B3']);
    await sheets.spreadsheets.values.clear({ spreadsheetId: id, range: 'B' });
    const state = google.getSpreadsheetState(id);
    expect(state.tab('A').values).toEqual([['keep', 'x'], [], [], ['appended']]);
    expect(state.tab('B').values).toEqual([]);
    expect(google.counts()).toMatchObject({ valuesBatchUpdate: 2, valuesAppend: 1, valuesBatchClear: 1, valuesClear: 1 });
  });

  it('spreadsheets.create + batchUpdate: sheets, cells, formats, dimensions, charts, rules, filters, unknown kinds', async () => {
    const created = await sheets.spreadsheets.create({
      requestBody: { properties: { title: 'Company OKRs' }, sheets: [{ properties: { title: 'Overview' } }] },
    });
    const id = created.data.spreadsheetId as string;
    expect(google.meta(id)).toMatchObject({ name: 'Company OKRs', parents: ['root'] });

    const add = await sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: { requests: [{ addSheet: { properties: { title: 'Alignment', gridProperties: { rowCount: 50, columnCount: 8 } } } }] },
    });
    const sheetId = add.data.replies?.[0]?.addSheet?.properties?.sheetId as number;
    expect(typeof sheetId).toBe('number');

    const bold = { textFormat: { bold: true } };
    const res = await sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: {
        requests: [
          {
            updateCells: {
              start: { sheetId, rowIndex: 0, columnIndex: 0 },
              fields: 'userEnteredValue,userEnteredFormat',
              rows: [
                {
                  values: [
                    { userEnteredValue: { stringValue: '=not a formula' }, userEnteredFormat: bold },
                    { userEnteredValue: { formulaValue: '=COUNTA(A:A)' } },
                    { userEnteredValue: { numberValue: 3 } },
                    { userEnteredValue: { boolValue: false } },
                  ],
                },
              ],
            },
          },
          {
            repeatCell: {
              range: { sheetId, startRowIndex: 1, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 2 },
              cell: { userEnteredFormat: { backgroundColor: { red: 1 } } },
              fields: 'userEnteredFormat.backgroundColor',
            },
          },
          {
            updateDimensionProperties: {
              range: { sheetId, dimension: 'COLUMNS', startIndex: 0, endIndex: 2 },
              properties: { pixelSize: 240 },
              fields: 'pixelSize',
            },
          },
          {
            addChart: {
              chart: {
                spec: { title: 'Progress' },
                position: { overlayPosition: { anchorCell: { sheetId, rowIndex: 5, columnIndex: 1 } } },
              },
            },
          },
          {
            addConditionalFormatRule: {
              index: 0,
              rule: { ranges: [{ sheetId }], booleanRule: { condition: { type: 'NUMBER_LESS', values: [{ userEnteredValue: '0.3' }] } } },
            },
          },
          { setBasicFilter: { filter: { range: { sheetId, startRowIndex: 0 } } } },
          {
            mergeCells: {
              range: { sheetId, startRowIndex: 10, endRowIndex: 11, startColumnIndex: 0, endColumnIndex: 3 },
              mergeType: 'MERGE_ALL',
            },
          },
          {
            updateSheetProperties: {
              properties: { sheetId, title: 'Alignment view', index: 0, gridProperties: { frozenRowCount: 1 } },
              fields: 'title,index,gridProperties.frozenRowCount',
            },
          },
        ],
      },
    });
    const replies = res.data.replies ?? [];
    expect(replies).toHaveLength(8);
    const chartId = replies[3]?.addChart?.chart?.chartId as number;
    expect(typeof chartId).toBe('number');
    expect(replies[0]).toEqual({});

    let state = google.getSpreadsheetState(id);
    expect(state.tabs.map((t) => t.title)).toEqual(['Alignment view', 'Overview']);
    const tab = state.tab('Alignment view');
    expect(tab.properties).toMatchObject({ gridProperties: { rowCount: 50, columnCount: 8, frozenRowCount: 1 } });
    expect(tab.cell('A1')).toEqual({ kind: 'string', value: '=not a formula', format: bold });
    expect(tab.cell('B1')).toEqual({ kind: 'formula', formula: '=COUNTA(A:A)' });
    expect(tab.cell('C1')).toEqual({ kind: 'number', value: 3 });
    expect(tab.cell('D1')).toEqual({ kind: 'boolean', value: false });
    expect(tab.cell('B3')).toEqual({ kind: 'empty', format: { backgroundColor: { red: 1 } } });
    expect(tab.columnMetadata[1]).toEqual({ pixelSize: 240 });
    expect(tab.charts).toEqual([expect.objectContaining({ chartId, spec: { title: 'Progress' } })]);
    expect(tab.conditionalFormats).toHaveLength(1);
    expect(tab.basicFilter).toEqual({ range: { sheetId, startRowIndex: 0 } });
    expect(state.unhandled).toEqual([expect.objectContaining({ mergeCells: expect.anything() })]);
    expect(state.history).toHaveLength(9);

    // Reading back through the API sees the chart and the formula.
    const got = await sheets.spreadsheets.get({ spreadsheetId: id, fields: 'sheets(properties(title),charts(chartId))' });
    expect(got.data.sheets?.[0]).toEqual({ properties: { title: 'Alignment view' }, charts: [{ chartId }] });

    await sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: { requests: [{ updateChartSpec: { chartId, spec: { title: 'v2' } } }, { deleteEmbeddedObject: { objectId: chartId } }] },
    });
    state = google.getSpreadsheetState(id);
    expect(state.tab('Alignment view').charts).toEqual([]);
  });

  it('applies a batch atomically and reports grid-limit errors like Sheets', async () => {
    const { id } = google.addSpreadsheet({ title: 'atomic', tabs: { T: [['a']] } });
    const before = google.meta(id);
    const r = await statusOf(
      sheets.spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: {
          requests: [
            { addSheet: { properties: { title: 'New' } } },
            {
              updateCells: {
                start: { sheetId: 0, rowIndex: 999, columnIndex: 0 },
                rows: [{ values: [{}] }, { values: [{}] }],
                fields: 'userEnteredValue',
              },
            },
          ],
        },
      }),
    );
    expect(r.status).toBe(400);
    expect(r.message).toMatch(
      /^Invalid requests\[1\]\.updateCells: Range \(T!A1000:A1001\) exceeds grid limits\. Max rows: 1000, max columns: 26$/,
    );
    expect(google.getSpreadsheetState(id).tabs.map((t) => t.title)).toEqual(['T']);
    expect(google.meta(id)).toEqual(before);

    const dup = await statusOf(
      sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ addSheet: { properties: { title: 't' } } }] } }),
    );
    expect(dup.message).toContain('already exists');
    const del = await statusOf(
      sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ deleteSheet: { sheetId: 0 } }] } }),
    );
    expect(del.status).toBe(400);
  });

  it('tracks user edits: updateValues bumps modifiedTime and version; renameTab and new tabs', async () => {
    const m0 = google.addSpreadsheet({ title: 'edits', tabs: { OKRs: [['a']] } });
    const m1 = google.updateValues(m0.id, 'OKRs', [['b']]);
    expect(Date.parse(m1.modifiedTime)).toBeGreaterThan(Date.parse(m0.modifiedTime));
    expect(Number(m1.version)).toBe(Number(m0.version) + 1);
    google.updateValues(m0.id, 'Check-ins', [['date']]);
    google.renameTab(m0.id, 'OKRs', 'Team OKRs');
    const titles = await sheets.spreadsheets.get({ spreadsheetId: m0.id, fields: 'sheets.properties.title' });
    expect(titles.data.sheets?.map((s) => s.properties?.title)).toEqual(['Team OKRs', 'Check-ins']);
  });
});

describe('faults, latency, quota and counting', () => {
  let id: string;
  beforeAll(() => {
    id = google.addSpreadsheet({ title: 'faulty', tabs: { OKRs: OKR_GRID } }).id;
  });
  const read = (client = keySheets, spreadsheetId = id) =>
    client.spreadsheets.values.batchGet({ spreadsheetId, ranges: ['OKRs'], valueRenderOption: 'UNFORMATTED_VALUE' });

  it('injects 429 with Retry-After, 500 and 503 once each, in order, with Google error bodies', async () => {
    google.injectFault({ kind: 'status', status: 429, retryAfter: 3 });
    google.injectFault({ kind: 'status', status: 500 });
    google.injectFault({ kind: 'status', status: 503 });
    const a = await statusOf(read());
    expect(a.status).toBe(429);
    expect((a.headers as Headers).get('retry-after')).toBe('3');
    expect((await statusOf(read())).status).toBe(500);
    const c = await statusOf(read());
    expect(c.status).toBe(503);
    expect(c.message).toBe('The service is currently unavailable.');
    expect((await read()).status).toBe(200);
    expect(google.counts()).toMatchObject({
      total: 4,
      batchGet: 4,
      faults: 3,
      rateLimited: 1,
      errors: 3,
      byStatus: { 200: 1, 429: 1, 500: 1, 503: 1 },
    });
  });

  it('hangs (client times out) or answers late', async () => {
    const impatient = new sheets_v4.Sheets({ rootUrl: google.url, auth: 'k', retry: false, timeout: 150 });
    google.injectFault({ kind: 'hang' });
    const t0 = performance.now();
    const e = await statusOf(read(impatient));
    expect(e.message).toMatch(/abort/i);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);

    google.injectFault({ kind: 'hang', ms: 120 });
    const t1 = performance.now();
    expect((await read()).data.valueRanges?.[0]?.values?.[0]?.[0]).toBe('Objective');
    expect(performance.now() - t1).toBeGreaterThanOrEqual(110);
  });

  it('sends truncated JSON, HTML, or a reset connection', async () => {
    google.injectFault({ kind: 'truncated' });
    const t = await read();
    expect(typeof t.data).toBe('string');
    expect(() => JSON.parse(t.data as unknown as string)).toThrow();

    google.injectFault({ kind: 'non-json' });
    const h = await read();
    expect(String(h.data)).toContain('<html>');

    google.injectFault({ kind: 'reset' });
    const r = await statusOf(read());
    expect(r.status).toBeUndefined();
  });

  it('scopes faults by spreadsheet id and op, permanently if asked', async () => {
    const other = google.addSpreadsheet({ title: 'fine', tabs: { OKRs: [['ok']] } }).id;
    const rule = google.injectFault({ kind: 'status', status: 403 }, { match: { id, op: 'batchGet' }, times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 3; i++) {
      const e = await statusOf(read());
      expect(e.status).toBe(403);
      expect(e.message).toBe('The caller does not have permission');
    }
    expect((await read(keySheets, other)).status).toBe(200);
    expect((await keySheets.spreadsheets.get({ spreadsheetId: id })).status).toBe(200);
    expect(rule.hits).toBe(3);

    google.clearFaults();
    google.setFaultHook((info) =>
      info.op === 'batchGet' && info.query.getAll('ranges').includes('Boom') ? { kind: 'status', status: 500 } : undefined,
    );
    expect((await statusOf(keySheets.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ['Boom'] }))).status).toBe(500);
  });

  it('adds latency to every request', async () => {
    google.setLatency(50);
    const t0 = performance.now();
    await read();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45);
  });

  it('enforces a per-window read quota, refilled at the window boundary, with RESOURCE_EXHAUSTED 429s and no Retry-After', async () => {
    let t = 500;
    google.setClock(() => t);
    google.setQuota({ readsPerWindow: 5, windowMs: 1000 });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        read().then(
          () => 200,
          (e: { status: number }) => e.status,
        ),
      ),
    );
    expect(results.filter((s) => s === 200)).toHaveLength(5);
    expect(results.filter((s) => s === 429)).toHaveLength(3);
    // Writes and Drive are separate buckets.
    expect((await drive.files.list({ pageSize: 1, fields: 'files(id)' })).status).toBe(200);
    // Not a sliding window: the quota refills at the next window, not 1 s after each request.
    t = 999;
    expect(await read().then(() => 200, (e: { status: number; response?: { headers: Headers } }) => {
      expect(e.response?.headers.get('retry-after') ?? null).toBeNull();
      return e.status;
    })).toBe(429);
    t = 1000;
    expect((await read()).status).toBe(200);
    const counts = google.counts();
    expect(counts).toMatchObject({ quotaRejected: 4, rateLimited: 4, batchGet: 10, driveList: 1 });
    const rejected = google.requests.find((r) => r.status === 429);
    expect(rejected).toMatchObject({
      method: 'GET',
      op: 'batchGet',
      fault: 'quota',
      query: { ranges: 'OKRs', valueRenderOption: 'UNFORMATTED_VALUE' },
    });
  });

  it('logs method, path, query, body size and status per request', async () => {
    await sheets.spreadsheets.values.update({
      spreadsheetId: id,
      range: "'OKRs'!H1",
      valueInputOption: 'RAW',
      requestBody: { values: [['x']] },
    });
    expect(google.requests).toEqual([
      expect.objectContaining({
        method: 'PUT',
        op: 'valuesUpdate',
        id,
        path: `/v4/spreadsheets/${id}/values/%27OKRs%27%21H1`,
        query: { valueInputOption: 'RAW' },
        bodyBytes: 18,
        status: 200,
      }),
    ]);
    google.resetCounts();
    expect(google.requests).toEqual([]);
    expect(google.counts().total).toBe(0);
  });
});

describe('scale', () => {
  it('serves 1,000 spreadsheets and thousands of requests quickly', async () => {
    const folder = 'big';
    const ids: string[] = [];
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) {
      const rows = Array.from({ length: 30 }, (_, r) => [`Objective ${r}`, `KR ${r}`, 'Owner', r / 30, new Date(Date.UTC(2025, 0, 1 + r))]);
      ids.push(google.addSpreadsheet({ title: `Team ${i}`, folderId: folder, tabs: { OKRs: rows, 'Check-ins': rows.slice(0, 10) } }).id);
    }
    const setupMs = performance.now() - t0;
    const t1 = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < ids.length * 2) {
        const sid = ids[next++ % ids.length] as string;
        const res = await keySheets.spreadsheets.values.batchGet({
          spreadsheetId: sid,
          ranges: ['OKRs', "'Check-ins'"],
          valueRenderOption: 'UNFORMATTED_VALUE',
        });
        expect(res.data.valueRanges?.[0]?.values).toHaveLength(30);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const ms = performance.now() - t1;
    expect(google.counts().batchGet).toBe(2000);
    console.log(
      `fake: 1,000 spreadsheets set up in ${setupMs.toFixed(0)} ms; 2,000 batchGets in ${ms.toFixed(0)} ms (${((2000 / ms) * 1000).toFixed(0)}/s)`,
    );
    // A smoke bound against pathological slowness (shared 2-core machine: typically 1.5-4 s).
    expect(ms).toBeLessThan(45_000);
  });
});

describe('what Google refuses', () => {
  let id: string;
  beforeAll(() => {
    id = google.addSpreadsheet({ title: 'Strict', tabs: { OKRs: [['x']] } }).id;
  });

  it('a request body over 10 MB: 400 "Request payload size exceeds the limit"', async () => {
    const big = 'x'.repeat(40_000);
    const rows = Array.from({ length: 270 }, () => ({ values: [{ userEnteredValue: { stringValue: big } }] }));
    const res = await statusOf(
      sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ updateCells: { start: { sheetId: 0 }, rows, fields: 'userEnteredValue' } }] } }),
    );
    expect(res).toMatchObject({ status: 400, message: 'Request payload size exceeds the limit: 10485760 bytes.' });
    expect(google.cell(id, 'OKRs', 'A1').value).toBe('x');
  });

  it('an unknown request kind or field name, as checked against the discovery types', async () => {
    const unknownKind = await statusOf(sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ paintCells: {} } as never] } }));
    expect(unknownKind).toMatchObject({ status: 400, message: expect.stringContaining('Unknown name "paintCells" at \'requests[0]\'') });
    const unknownField = await statusOf(
      sheets.spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: { requests: [{ repeatCell: { range: { sheetId: 0 }, cell: { userEnteredFormat: { backgroundColour: {} } } as never, fields: 'userEnteredFormat' } }] },
      }),
    );
    expect(unknownField).toMatchObject({ status: 400, message: expect.stringContaining('Unknown name "backgroundColour"') });
  });

  it('a field mask naming a field the target type does not have', async () => {
    const res = await statusOf(
      sheets.spreadsheets.batchUpdate({
        spreadsheetId: id,
        requestBody: { requests: [{ updateSheetProperties: { properties: { sheetId: 0, title: 'Y' }, fields: 'title,gridProperties.rowcount' } }] },
      }),
    );
    expect(res).toMatchObject({ status: 400, message: expect.stringContaining('"rowcount" is not a field of GridProperties') });
    expect(google.getSpreadsheetState(id).tabs[0]?.title).toBe('OKRs');
  });
});
