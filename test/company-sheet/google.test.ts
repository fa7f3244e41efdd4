import { sheets_v4 } from '@googleapis/sheets';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GRADE_COLORS } from '../../shared/grades.ts';
import { dateToSerial } from '../../shared/values.ts';
import { syntheticDocument } from '../../bench/company-sheet.ts';
import { type CompanySheetWriter, createCompanySheetWriter } from '../../sync-service/company-sheet/google.ts';
import { MAX_BATCH_BYTES } from '../../sync-service/company-sheet/google-requests.ts';
import { TAB_NAMES } from '../../sync-service/company-sheet/model.ts';
import type { AlignmentDocument } from '../../sync-service/engine/document.ts';
import { type FakeGoogleServer, type SpreadsheetState, type TabState, fakeAuthClient, startFakeGoogle } from '../fakes/google-server.ts';
import { rollup } from '../../shared/rollup.ts';
import { buildAlignmentDocument } from '../../sync-service/engine/document.ts';
import { AS_OF, HOSTILE, companyDocument, historyOf, salesCheckins, tables } from './documents.ts';

let google: FakeGoogleServer;
beforeAll(async () => {
  google = await startFakeGoogle();
});
afterAll(async () => {
  await google.close();
});

const retries: number[] = [];
beforeEach(() => {
  retries.length = 0;
  google.clearFaults();
});

function setup(id: string): { writer: CompanySheetWriter; write: (document: AlignmentDocument, now?: Date) => ReturnType<CompanySheetWriter> } {
  google.addSpreadsheet({ id, title: 'Acme OKRs', tabs: {} });
  const writer = newWriter(id);
  let syncId = 0;
  return { writer, write: (document, now = AS_OF) => writer({ syncId: ++syncId, document, now, checkins: salesCheckins() }) };
}
const newWriter = (spreadsheetId: string) =>
  createCompanySheetWriter({
    spreadsheetId,
    rootUrl: google.url,
    auth: fakeAuthClient(),
    retry: { baseMs: 1, sleep: async () => {}, onRetry: (r) => retries.push(r.error.status ?? 0) },
  });

/** Requests the fake saw for one spreadsheet since `from`, by op. */
function opsSince(id: string, from: number): string[] {
  return google.requests.filter((r) => r.seq > from && r.id === id).map((r) => `${r.op}:${r.status}`);
}
const lastSeq = () => google.requests.at(-1)?.seq ?? 0;
/** Rows of a tab as displayed values (trailing empty rows dropped). */
const values = (t: TabState) => t.values;
const kinds = (s: SpreadsheetState) => s.history.map((r) => Object.keys(r)[0]);
function findCell(t: TabState, value: string) {
  for (const row of t.cells) for (const c of row) if (c.value === value) return c;
  throw new Error(`no cell "${value}" in ${t.title}`);
}

describe('Google company sheet writer', () => {
  it('first write: one get and one batchUpdate create the eight tabs, the chart and every cell', async () => {
    const { write } = setup('first');
    const before = lastSeq();
    const doc = companyDocument();
    expect(await write(doc)).toEqual({ requests: 2, written: true });
    expect(opsSince('first', before)).toEqual(['spreadsheetGet:200', 'batchUpdate:200']);
    const getReq = google.requests.find((r) => r.seq > before && r.op === 'spreadsheetGet');
    expect(getReq?.query.fields).toBe('sheets.properties,sheets.charts.chartId');

    const state = google.getSpreadsheetState('first');
    expect(state.tabs.map((t) => t.title)).toEqual([...TAB_NAMES, 'Sheet1']);
    expect(kinds(state).filter((k) => k === 'addSheet')).toHaveLength(TAB_NAMES.length);
    expect(kinds(state).filter((k) => k === 'addChart')).toHaveLength(1);

    // Summary
    const summary = state.tab('Summary');
    expect(values(summary)[0]).toEqual(['Company', 'Acme']);
    expect(values(summary)[1]).toEqual(['Mission', 'Make OKRs easy']);
    expect(summary.cell('B4')).toMatchObject({ kind: 'number', value: dateToSerial(new Date('2026-08-15T00:00:00Z')) });
    expect(summary.cell('B4').format).toMatchObject({ numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } });
    const overall = summary.cell('B6');
    expect(overall).toMatchObject({ kind: 'number', value: doc.overall });
    expect(overall.format).toMatchObject({ numberFormat: { type: 'NUMBER', pattern: '0.00' }, backgroundColorStyle: { rgbColor: { red: 0xfc / 255, green: 0xe8 / 255, blue: 0xb2 / 255 } } });
    expect(GRADE_COLORS.yellow.background).toBe('#fce8b2');
    expect(summary.cell('B5').format).toMatchObject({ numberFormat: { type: 'PERCENT', pattern: '0%' } });
    expect(summary.cell('A10').format).toMatchObject({ textFormat: { bold: true } });

    // Alignment: indented tree, scores as numbers, frozen header, widths
    const alignment = state.tab('Alignment');
    expect(values(alignment).map((r) => r[0] ?? '')).toEqual([
      'Objective',
      'Win the market',
      '    Close deals',
      '    Hire reps',
      HOSTILE.formula,
      '    Build the platform',
      '',
      'Not aligned to a company objective',
      HOSTILE.script,
    ]);
    expect(alignment.cell('F6')).toMatchObject({ kind: 'number', value: 0.8 });
    expect(alignment.properties).toMatchObject({ gridProperties: { frozenRowCount: 1 } });
    expect(alignment.columnMetadata[0]).toMatchObject({ pixelSize: 420 });

    // Teams, Trends, Check-ins, Problems
    expect(values(state.tab('Teams'))[2]?.slice(0, 6)).toEqual(['Sales', 'sales.xlsx', 2, 2, 0.475, 2]);
    // Replayed from the check-ins weekly from the period's start (the view's trends), ending on today's scores.
    const trendRows = state.tab('Trends').values;
    expect(trendRows[0]).toEqual(['Date', 'CO-1: Win the market', `CO-2: ${HOSTILE.formula}`]);
    expect(trendRows[1]?.[0]).toBe(dateToSerial(new Date('2026-07-01T00:00:00Z')));
    expect(trendRows.at(-1)).toEqual([dateToSerial(new Date('2026-08-15T00:00:00Z')), doc.tree[0]?.rolledScore, doc.tree[1]?.rolledScore]);
    expect(values(state.tab('Check-ins'))[2]?.slice(1, 6)).toEqual(['Sales', 'S-1', 'S-1.1', HOSTILE.at, '30 → 45']);
    expect(values(state.tab('Problems'))).toHaveLength(doc.problems.length + 1);

    // The chart: a line chart over the Trends block (date column + one series per company objective).
    const trends = state.tab('Trends');
    expect(trends.charts).toHaveLength(1);
    const chart = trends.charts[0] as { chartId: number; spec: sheets_v4.Schema$ChartSpec; position: sheets_v4.Schema$EmbeddedObjectPosition };
    const range = (c: number) => ({ sheetId: trends.sheetId, startRowIndex: 0, endRowIndex: 1000, startColumnIndex: c, endColumnIndex: c + 1 });
    expect(chart.spec.basicChart?.chartType).toBe('LINE');
    expect(chart.spec.basicChart?.headerCount).toBe(1);
    expect(chart.spec.basicChart?.domains?.[0]?.domain?.sourceRange?.sources).toEqual([range(0)]);
    expect(chart.spec.basicChart?.series?.map((s) => s.series?.sourceRange?.sources)).toEqual([[range(1)], [range(2)]]);
    expect(chart.position.overlayPosition?.anchorCell).toEqual({ sheetId: trends.sheetId, rowIndex: 0, columnIndex: 4 });
  });

  it('a quarter closed in a team sheet: its learnings reach the Learnings tab as text in one batchUpdate; the same document again writes nothing', async () => {
    const { write } = setup('learnings');
    await write(companyDocument());
    const t = tables();
    Object.assign(t[1]!.objectives[0]!, { finalScore: 0.45, learning: HOSTILE.formula, carryOn: true });
    const graded = buildAlignmentDocument(rollup(t, { asOf: AS_OF }), { company: { name: 'Acme' }, teamSources: new Map(t.map((x) => [x.team, `${x.team.toLowerCase()}.xlsx`])) });
    const before = lastSeq();
    expect(await write(graded)).toEqual({ requests: 1, written: true });
    expect(opsSince('learnings', before)).toEqual(['batchUpdate:200']);
    const tab = google.getSpreadsheetState('learnings').tab('Learnings');
    expect(values(tab)[1]?.slice(0, 7)).toEqual(['Sales', 'S-1', 'Close deals', 0.45, 0.45, HOSTILE.formula, 'Yes']);
    expect(findCell(tab, HOSTILE.formula)).toMatchObject({ kind: 'string' });
    expect(await write(graded)).toEqual({ requests: 0, written: false });
  });

  it('writes team text as strings, never formulas', async () => {
    const { write } = setup('hostile');
    await write(companyDocument());
    const state = google.getSpreadsheetState('hostile');
    const cells = state.tabs.flatMap((t) => t.cells.flat());
    expect(cells.filter((c) => c.kind === 'formula')).toEqual([]);
    const where = [
      ['Alignment', HOSTILE.formula],
      ['Summary', HOSTILE.dde],
      ['Check-ins', HOSTILE.at],
      ['Alignment', HOSTILE.script],
      ['Check-ins', HOSTILE.minus],
      ['Check-ins', HOSTILE.note],
    ] as const;
    for (const [tab, text] of where) expect(findCell(state.tab(tab), text)).toMatchObject({ kind: 'string', value: text });
    // What was sent: stringValue only (no formulaValue anywhere in any updateCells).
    const sent = JSON.stringify(state.history);
    expect(sent).not.toContain('formulaValue');
    expect(sent).toContain(JSON.stringify({ stringValue: HOSTILE.formula }));
  });

  it('sends nothing when the document has not changed, even later the same day', async () => {
    const { write } = setup('same');
    await write(companyDocument());
    const before = lastSeq();
    expect(await write(companyDocument())).toEqual({ requests: 0, written: false });
    expect(await write(companyDocument({ asOf: new Date('2026-08-15T18:00:00Z') }), new Date('2026-08-15T18:00:00Z'))).toEqual({ requests: 0, written: false });
    expect(opsSince('same', before)).toEqual([]);
    // A new day moves "As of" and time elapsed: one batchUpdate.
    expect(await write(companyDocument(), new Date('2026-08-16T08:00:00Z'))).toEqual({ requests: 1, written: true });
    expect(google.getSpreadsheetState('same').tab('Summary').cell('B4').value).toBe(dateToSerial(new Date('2026-08-16T00:00:00Z')));
  });

  it('a changed score: one batchUpdate, cells updated in place, no new tabs or charts', async () => {
    const { write } = setup('changed');
    await write(companyDocument());
    const first = google.getSpreadsheetState('changed');
    const before = lastSeq();
    expect(await write(companyDocument({ sales: 95 }))).toEqual({ requests: 1, written: true });
    expect(opsSince('changed', before)).toEqual(['batchUpdate:200']);
    const state = google.getSpreadsheetState('changed');
    expect(state.tabs.map((t) => [t.title, t.sheetId])).toEqual(first.tabs.map((t) => [t.title, t.sheetId]));
    expect(state.tab('Trends').charts.map((c) => c.chartId)).toEqual(first.tab('Trends').charts.map((c) => c.chartId));
    const newKinds = kinds(state).slice(first.history.length);
    expect(newKinds).not.toContain('addSheet');
    expect(newKinds).not.toContain('addChart');
    expect(newKinds).not.toContain('updateChartSpec'); // same series, same ranges
    expect(state.tab('Alignment').cell('E3')).toMatchObject({ kind: 'number', value: 0.95 });
  });

  it('a shrinking tree leaves no rows (or formats) behind', async () => {
    const { write } = setup('shrink');
    await write(companyDocument());
    expect(values(google.getSpreadsheetState('shrink').tab('Alignment'))).toHaveLength(9);
    expect(await write(companyDocument({ eng: false, salesTwo: false }))).toMatchObject({ requests: 1 });
    const alignment = google.getSpreadsheetState('shrink').tab('Alignment');
    expect(values(alignment).map((r) => r[0])).toEqual(['Objective', 'Win the market', '    Close deals', HOSTILE.formula]);
    for (const a1 of ['A5', 'B6', 'G7', 'A8', 'A9', 'F6']) expect(alignment.cell(a1)).toEqual({ kind: 'empty' });
  });

  it('a new company objective: the chart spec is updated in the same single batchUpdate', async () => {
    const { write } = setup('series');
    await write(companyDocument());
    const before = lastSeq();
    expect(await write(companyDocument({ co3: true }))).toMatchObject({ requests: 1 });
    expect(opsSince('series', before)).toEqual(['batchUpdate:200']);
    const trends = google.getSpreadsheetState('series').tab('Trends');
    expect(trends.charts).toHaveLength(1);
    const spec = trends.charts[0]?.spec as sheets_v4.Schema$ChartSpec | undefined;
    expect(spec?.basicChart?.series).toHaveLength(3);
    expect(trends.values[0]).toEqual(['Date', 'CO-1: Win the market', `CO-2: ${HOSTILE.formula}`, 'CO-3: Delight customers']);
  });

  it('Trends grows by one row per date from the score history', async () => {
    const { writer } = setup('trends');
    const past = companyDocument({ sales: 5, asOf: new Date('2026-08-08T10:00:00Z') });
    const history = historyOf(past, 7, '2026-08-08T10:00:00Z');
    await writer({ syncId: 8, document: companyDocument(), now: AS_OF, history });
    const trends = google.getSpreadsheetState('trends').tab('Trends');
    expect(trends.values.map((r) => r[0])).toEqual(['Date', dateToSerial(new Date('2026-08-08T00:00:00Z')), dateToSerial(new Date('2026-08-15T00:00:00Z'))]);
    expect(trends.values[1]?.[1]).toBe(past.tree[0]?.rolledScore);
  });

  it('retries a 429 on the batchUpdate', async () => {
    const { write } = setup('r429');
    await write(companyDocument());
    google.injectFault({ kind: 'status', status: 429 }, { match: { op: 'batchUpdate', id: 'r429' } });
    const before = lastSeq();
    expect(await write(companyDocument({ sales: 70 }))).toEqual({ requests: 2, written: true });
    expect(opsSince('r429', before)).toEqual(['batchUpdate:429', 'batchUpdate:200']);
    expect(retries).toEqual([429]);
    expect(google.getSpreadsheetState('r429').tab('Alignment').cell('E3').value).toBe(0.7);
  });

  it('retries a 500 on the first batchUpdate, re-reading the tabs so none is added twice', async () => {
    const { write } = setup('r500');
    google.injectFault({ kind: 'status', status: 500 }, { match: { op: 'batchUpdate', id: 'r500' } });
    const before = lastSeq();
    expect(await write(companyDocument())).toEqual({ requests: 4, written: true });
    expect(opsSince('r500', before)).toEqual(['spreadsheetGet:200', 'batchUpdate:500', 'spreadsheetGet:200', 'batchUpdate:200']);
    expect(google.getSpreadsheetState('r500').tabs.map((t) => t.title)).toEqual([...TAB_NAMES, 'Sheet1']);
  });

  it('a first batch applied but its answer lost: the retry finds the tabs and chart and does not add them again', async () => {
    const { write } = setup('lost');
    google.injectFault({ kind: 'reset' }, { match: { op: 'batchUpdate', id: 'lost' } });
    expect(await write(companyDocument())).toMatchObject({ written: true });
    const state = google.getSpreadsheetState('lost');
    expect(state.tabs.map((t) => t.title)).toEqual([...TAB_NAMES, 'Sheet1']);
    expect(state.tab('Trends').charts).toHaveLength(1);
    expect(kinds(state).filter((k) => k === 'addSheet')).toHaveLength(TAB_NAMES.length);
  });

  it('a new writer (service restart) finds the existing tabs and chart: no duplicates', async () => {
    const { write } = setup('restart');
    await write(companyDocument());
    const first = google.getSpreadsheetState('restart');
    const before = lastSeq();
    const again = newWriter('restart');
    expect(await again({ syncId: 9, document: companyDocument(), now: AS_OF, checkins: salesCheckins() })).toEqual({ requests: 2, written: true });
    expect(opsSince('restart', before)).toEqual(['spreadsheetGet:200', 'batchUpdate:200']);
    const state = google.getSpreadsheetState('restart');
    expect(state.tabs.map((t) => [t.title, t.sheetId])).toEqual(first.tabs.map((t) => [t.title, t.sheetId]));
    expect(state.tab('Trends').charts.map((c) => c.chartId)).toEqual(first.tab('Trends').charts.map((c) => c.chartId));
    expect(kinds(state).slice(first.history.length)).toContain('updateChartSpec');
  });

  it('a tab deleted by hand is recreated on the next write', async () => {
    const { write } = setup('deleted');
    await write(companyDocument());
    const sheets = new sheets_v4.Sheets({ rootUrl: google.url, auth: fakeAuthClient(), retry: false });
    const problemsId = google.getSpreadsheetState('deleted').tab('Problems').sheetId;
    await sheets.spreadsheets.batchUpdate({ spreadsheetId: 'deleted', requestBody: { requests: [{ deleteSheet: { sheetId: problemsId } }] } });
    const before = lastSeq();
    expect(await write(companyDocument({ sales: 60 }))).toEqual({ requests: 3, written: true });
    expect(opsSince('deleted', before)).toEqual(['batchUpdate:400', 'spreadsheetGet:200', 'batchUpdate:200']);
    const state = google.getSpreadsheetState('deleted');
    expect(state.tabs.map((t) => t.title)).toEqual([...TAB_NAMES, 'Sheet1']);
    expect(state.tab('Problems').values[0]).toEqual(['Team', 'Tab', 'Row', 'Column', 'Severity', 'Message', 'Why']);
  });

  it('a failure that is not retried is thrown, and the next write starts afresh', async () => {
    const { write } = setup('fail');
    await write(companyDocument());
    google.injectFault({ kind: 'status', status: 403 }, { match: { op: 'batchUpdate', id: 'fail' } });
    await expect(write(companyDocument({ sales: 61 }))).rejects.toMatchObject({ kind: 'forbidden', requests: 1 });
    const before = lastSeq();
    expect(await write(companyDocument({ sales: 61 }))).toEqual({ requests: 2, written: true });
    expect(opsSince('fail', before)).toEqual(['spreadsheetGet:200', 'batchUpdate:200']);
  });
});

describe('a large company', () => {
  it('is written in batchUpdates of at most 2 MB, formats by bands, and reads back whole', { timeout: 120_000 }, async () => {
    const { document, checkins } = syntheticDocument(400);
    google.addSpreadsheet({ id: 'large', title: 'Large Co', tabs: {} });
    const before = lastSeq();
    const result = await newWriter('large')({ syncId: 1, document, now: AS_OF, checkins });
    const sent = google.requests.filter((r) => r.seq > before && r.id === 'large' && r.op === 'batchUpdate');
    expect(sent.length).toBeGreaterThan(1);
    expect(result).toEqual({ requests: sent.length + 1, written: true });
    // https://developers.google.com/sheets/api/limits: "we recommend a 2 MB maximum payload".
    for (const r of sent) expect(r.bodyBytes).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    const state = google.getSpreadsheetState('large');
    // Values travel without formats; formats go by bands (one repeatCell per run, not per cell).
    const cellWrites = state.history.filter((r) => 'updateCells' in r).map((r) => (r.updateCells as { fields: string }).fields);
    expect(cellWrites.every((f) => !f.includes('userEnteredFormat') || f === 'userEnteredValue,userEnteredFormat')).toBe(true);
    const bands = state.history.filter((r) => 'repeatCell' in r).length;
    const alignment = state.tab('Alignment');
    expect(alignment.values.length).toBeGreaterThan(1000);
    expect(bands).toBeLessThan(alignment.values.length * 3);
    // Every objective of the document is on the Alignment tab, with its grade colour.
    const names = new Set(alignment.values.map((r) => String(r[0]).trim()));
    expect(document.objectives.filter((o) => !names.has(o.title.trim()))).toEqual([]);
    const green = { red: 0xb7 / 255, green: 0xe1 / 255, blue: 0xcd / 255 };
    const graded = alignment.cells.flat().filter((c) => JSON.stringify((c.format?.backgroundColorStyle as { rgbColor?: unknown } | undefined)?.rgbColor) === JSON.stringify(green));
    expect(graded.length).toBeGreaterThan(0);
  });

  it('never sends a request again that Google refused for its size', async () => {
    const { write } = setup('too-big');
    await write(companyDocument());
    google.injectFault(
      { kind: 'status', status: 400, message: 'Request payload size exceeds the limit: 10485760 bytes.' },
      { match: { op: 'batchUpdate', id: 'too-big' } },
    );
    const before = lastSeq();
    await expect(write(companyDocument({ sales: 61 }))).rejects.toMatchObject({ kind: 'bad-request', requests: 1 });
    expect(opsSince('too-big', before)).toEqual(['batchUpdate:400']);
  });
});
