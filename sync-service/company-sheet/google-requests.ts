// WorkbookModel → Sheets v4 batchUpdate requests, in batches of at most 2 MB. Pure: given what the
// spreadsheet already holds (tab ids, grid sizes, our chart), returns the batches and what the
// spreadsheet holds afterwards.
//
// - Text goes in as `userEnteredValue.stringValue` (never formulaValue), so "=HYPERLINK(…)",
//   "+cmd|…", "@SUM(1)" stay inert text; numbers as numberValue; dates as serial numbers.
// - Values and formats travel apart: values by updateCells over blocks of rows (fields
//   userEnteredValue), formats by bands — one repeatCell per run of cells with the same format
//   (fields userEnteredFormat) — so a format is sent once per band, not once per cell.
// - What lies beyond the rows and columns written is cleared, so a shrinking tree leaves nothing behind.
// - Google recommends "a 2 MB maximum payload" and refuses requests over 10 MB
//   (https://developers.google.com/sheets/api/limits): the first batch holds the tabs and the chart
//   (new ones get ids chosen here, so later batches can address them); everything is packed in order
//   into batches of up to MAX_BATCH_BYTES.
import type { sheets_v4 } from '@googleapis/sheets';
import { dateToSerial } from '../../shared/values.ts';
import {
  type CellStyle,
  DATE_FORMAT,
  DATE_TIME_FORMAT,
  type LineChartModel,
  type ModelCell,
  type SheetModel,
  TAB_NAMES,
  type TabName,
  type WorkbookModel,
  columnCount,
  isDate,
  isNumber,
} from './model.ts';

type Request = sheets_v4.Schema$Request;
type CellData = sheets_v4.Schema$CellData;
type CellFormat = sheets_v4.Schema$CellFormat;
type ChartSpec = sheets_v4.Schema$ChartSpec;

/** A new sheet's grid in Sheets; we only ever grow it. */
export const MIN_ROWS = 1000;
export const MIN_COLUMNS = 26;
/** The chart's ranges reach this many rows (at least), so a new trend row does not change its spec. */
export const CHART_ROWS = 1000;
const CHART_WIDTH = 720;
const CHART_HEIGHT = 400;
const FIRST_SHEET_ID = 710_001;
const FIRST_CHART_ID = 720_001;

export interface TabLayout {
  sheetId: number;
  rowCount: number;
  columnCount: number;
}

/** What the company spreadsheet holds, as far as this writer is concerned. */
export interface SheetLayout {
  tabs: Partial<Record<TabName, TabLayout>>;
  /** Every sheet id and chart id in the spreadsheet (ours and others'), to choose fresh ones. */
  usedIds: number[];
  chart: { chartId: number; sheetId: number; spec: string | null; anchor: string | null } | null;
}

export interface WritePlan {
  /** batchUpdate bodies' `requests`, to send in order: the first makes the tabs and the chart. */
  batches: Request[][];
  /** The layout once every batch has been applied. */
  layout: SheetLayout;
  added: { tabs: TabName[]; chart: boolean };
}

/** Largest batchUpdate body sent (JSON bytes): Google's recommended maximum payload. */
export const MAX_BATCH_BYTES = 2_000_000;
/** One updateCells of values stays well under a batch. */
const MAX_VALUES_BYTES = 500_000;

function hexColor(hex: string): sheets_v4.Schema$Color {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return { red: ((n >> 16) & 255) / 255, green: ((n >> 8) & 255) / 255, blue: (n & 255) / 255 };
}

function cellFormat(cell: ModelCell | null | undefined): CellFormat | undefined {
  if (!cell) return undefined;
  const style: CellStyle = cell.style ?? {};
  const f: CellFormat = {};
  if (isNumber(cell)) f.numberFormat = { type: cell.format.includes('%') ? 'PERCENT' : 'NUMBER', pattern: cell.format };
  else if (isDate(cell)) f.numberFormat = cell.time ? { type: 'DATE_TIME', pattern: DATE_TIME_FORMAT } : { type: 'DATE', pattern: DATE_FORMAT };
  if (style.fill) f.backgroundColorStyle = { rgbColor: hexColor(style.fill) };
  const tf: sheets_v4.Schema$TextFormat = {};
  if (style.bold) tf.bold = true;
  if (style.italic) tf.italic = true;
  if (style.color) tf.foregroundColorStyle = { rgbColor: hexColor(style.color) };
  if (Object.keys(tf).length) f.textFormat = tf;
  if (style.wrap) f.wrapStrategy = 'WRAP';
  if (style.align) f.horizontalAlignment = style.align.toUpperCase();
  return Object.keys(f).length ? f : undefined;
}

/** A cell's value only (its format goes in a band). */
export function cellValue(cell: ModelCell | null | undefined): CellData {
  if (!cell) return {};
  const value: sheets_v4.Schema$ExtendedValue = isNumber(cell)
    ? { numberValue: cell.number }
    : isDate(cell)
      ? { numberValue: dateToSerial(new Date(cell.time ? cell.date : `${cell.date}T00:00:00Z`)) }
      : { stringValue: cell.text };
  return { userEnteredValue: value };
}

const jsonBytes = (x: unknown): number => Buffer.byteLength(JSON.stringify(x));

/** Values in blocks of rows, each row padded to `width` so cells left empty are cleared. */
function valueRequests(sheet: SheetModel, sheetId: number, width: number): Request[] {
  const out: Request[] = [];
  let rows: sheets_v4.Schema$RowData[] = [];
  let start = 0;
  let bytes = 0;
  const flush = (next: number) => {
    if (rows.length) out.push({ updateCells: { start: { sheetId, rowIndex: start, columnIndex: 0 }, rows, fields: 'userEnteredValue' } });
    rows = [];
    bytes = 0;
    start = next;
  };
  sheet.rows.forEach((r, i) => {
    const row = { values: Array.from({ length: width }, (_, c) => cellValue(r[c])) };
    const size = jsonBytes(row);
    if (bytes + size > MAX_VALUES_BYTES) flush(i);
    rows.push(row);
    bytes += size;
  });
  flush(sheet.rows.length);
  return out;
}

/**
 * Formats by bands: in each column, runs of rows with the same format; runs with the same rows
 * and format in adjacent columns merge into one rectangle. Every cell of rows × width is covered
 * (an unformatted run resets what an earlier write left there).
 */
function formatRequests(sheet: SheetModel, sheetId: number, width: number): Request[] {
  const n = sheet.rows.length;
  const keyOf = (f: CellFormat | undefined) => (f ? JSON.stringify(f) : '');
  const bands: { r0: number; r1: number; c0: number; c1: number; format: CellFormat | undefined }[] = [];
  const open = new Map<string, (typeof bands)[number]>();
  for (let c = 0; c < width; c++) {
    let r0 = 0;
    for (let r = 1; r <= n; r++) {
      const format = cellFormat(sheet.rows[r0]?.[c]);
      if (r < n && keyOf(cellFormat(sheet.rows[r]?.[c])) === keyOf(format)) continue;
      const id = `${r0}:${r}:${keyOf(format)}`;
      const band = open.get(id);
      if (band && band.c1 === c) band.c1 = c + 1;
      else {
        const fresh = { r0, r1: r, c0: c, c1: c + 1, format };
        bands.push(fresh);
        open.set(id, fresh);
      }
      r0 = r;
    }
  }
  return bands.map((b) => ({
    repeatCell: {
      range: { sheetId, startRowIndex: b.r0, endRowIndex: b.r1, startColumnIndex: b.c0, endColumnIndex: b.c1 },
      cell: b.format ? { userEnteredFormat: b.format } : {},
      fields: 'userEnteredFormat',
    },
  }));
}

/** Clears what lies right of and below the block written (values and formats). */
function clearRequests(sheetId: number, rows: number, width: number): Request[] {
  const fields = 'userEnteredValue,userEnteredFormat';
  return [
    { updateCells: { range: { sheetId, startRowIndex: 0, endRowIndex: rows, startColumnIndex: width }, fields } },
    { updateCells: { range: { sheetId, startRowIndex: rows }, fields } },
  ];
}

/** Packs requests in order into batches of at most MAX_BATCH_BYTES. */
function pack(requests: Request[]): Request[][] {
  const batches: Request[][] = [];
  let batch: Request[] = [];
  let bytes = 0;
  for (const r of requests) {
    const size = jsonBytes(r) + 1;
    if (batch.length && bytes + size > MAX_BATCH_BYTES - 32) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(r);
    bytes += size;
  }
  if (batch.length) batches.push(batch);
  return batches;
}

function chartSpec(chart: LineChartModel, sheetId: number): ChartSpec {
  const endRowIndex = chart.headerRow + Math.max(CHART_ROWS, chart.rowCount);
  const column = (c: number): sheets_v4.Schema$ChartData => ({
    sourceRange: { sources: [{ sheetId, startRowIndex: chart.headerRow, endRowIndex, startColumnIndex: c, endColumnIndex: c + 1 }] },
  });
  return {
    title: chart.title,
    basicChart: {
      chartType: 'LINE',
      legendPosition: 'BOTTOM_LEGEND',
      headerCount: 1,
      axis: [
        { position: 'BOTTOM_AXIS', title: chart.xAxis },
        { position: 'LEFT_AXIS', title: chart.yAxis },
      ],
      domains: [{ domain: column(chart.domainColumn) }],
      series: chart.seriesColumns.map((c) => ({ series: column(c), targetAxis: 'LEFT_AXIS' })),
    },
  };
}

/** The chart sits right of the data, at the top. */
function chartPosition(chart: LineChartModel, sheetId: number): sheets_v4.Schema$EmbeddedObjectPosition {
  const columnIndex = Math.max(chart.domainColumn, ...chart.seriesColumns) + 2;
  return { overlayPosition: { anchorCell: { sheetId, rowIndex: chart.headerRow, columnIndex }, widthPixels: CHART_WIDTH, heightPixels: CHART_HEIGHT } };
}

/** Columns a tab needs: its cells, plus room for the chart's anchor cell. */
function neededColumns(sheet: SheetModel): number {
  const cols = columnCount(sheet);
  return sheet.chart ? Math.max(cols, Math.max(sheet.chart.domainColumn, ...sheet.chart.seriesColumns) + 3) : cols;
}

function freshId(used: Set<number>, from: number): number {
  let id = from;
  while (used.has(id)) id++;
  used.add(id);
  return id;
}

function widthRequests(sheet: SheetModel, sheetId: number): Request[] {
  const out: Request[] = [];
  let start = 0;
  sheet.widths.forEach((w, i) => {
    if (sheet.widths[i + 1] === w) return;
    out.push({
      updateDimensionProperties: {
        range: { sheetId, dimension: 'COLUMNS', startIndex: start, endIndex: i + 1 },
        properties: { pixelSize: w },
        fields: 'pixelSize',
      },
    });
    start = i + 1;
  });
  return out;
}

export function planWriteBatches(model: WorkbookModel, current: SheetLayout): WritePlan {
  const used = new Set(current.usedIds);
  const tabs: Partial<Record<TabName, TabLayout>> = { ...current.tabs };
  const requests: Request[] = [];
  const content: Request[] = [];
  const added: WritePlan['added'] = { tabs: [], chart: false };

  model.sheets.forEach((sheet) => {
    const rows = Math.max(MIN_ROWS, sheet.rows.length + 1);
    const cols = Math.max(MIN_COLUMNS, neededColumns(sheet));
    const existing = tabs[sheet.name];
    let sheetId: number;
    if (!existing) {
      sheetId = freshId(used, FIRST_SHEET_ID + TAB_NAMES.indexOf(sheet.name));
      requests.push({
        addSheet: {
          properties: {
            sheetId,
            title: sheet.name,
            index: TAB_NAMES.indexOf(sheet.name),
            gridProperties: { rowCount: rows, columnCount: cols, frozenRowCount: sheet.frozenRows },
          },
        },
      });
      tabs[sheet.name] = { sheetId, rowCount: rows, columnCount: cols };
      added.tabs.push(sheet.name);
    } else {
      sheetId = existing.sheetId;
      const grid = { rowCount: Math.max(existing.rowCount, rows), columnCount: Math.max(existing.columnCount, cols) };
      requests.push({
        updateSheetProperties: {
          properties: { sheetId, gridProperties: { ...grid, frozenRowCount: sheet.frozenRows } },
          fields: 'gridProperties.rowCount,gridProperties.columnCount,gridProperties.frozenRowCount',
        },
      });
      tabs[sheet.name] = { sheetId, ...grid };
    }
    requests.push(...widthRequests(sheet, sheetId));
    const width = columnCount(sheet);
    content.push(...valueRequests(sheet, sheetId, width), ...formatRequests(sheet, sheetId, width), ...clearRequests(sheetId, sheet.rows.length, width));
  });

  // The chart, after its data: created once, its spec replaced only when it changes.
  const chartSheet = model.sheets.find((s) => s.chart);
  let chart = current.chart;
  if (chartSheet?.chart) {
    const sheetId = (tabs[chartSheet.name] as TabLayout).sheetId;
    const spec = chartSpec(chartSheet.chart, sheetId);
    const position = chartPosition(chartSheet.chart, sheetId);
    const specText = JSON.stringify(spec);
    const anchorText = JSON.stringify(position);
    if (!chart || chart.sheetId !== sheetId) {
      if (chart) requests.push({ deleteEmbeddedObject: { objectId: chart.chartId } });
      const chartId = freshId(used, FIRST_CHART_ID);
      requests.push({ addChart: { chart: { chartId, spec, position } } });
      added.chart = true;
      chart = { chartId, sheetId, spec: specText, anchor: anchorText };
    } else {
      if (chart.spec !== specText) requests.push({ updateChartSpec: { chartId: chart.chartId, spec } });
      if (chart.anchor !== anchorText) {
        requests.push({ updateEmbeddedObjectPosition: { objectId: chart.chartId, newPosition: position, fields: 'anchorCell,widthPixels,heightPixels' } });
      }
      chart = { ...chart, spec: specText, anchor: anchorText };
    }
  } else if (chart) {
    // No company objectives left to plot (a line chart needs a series).
    requests.push({ deleteEmbeddedObject: { objectId: chart.chartId } });
    chart = null;
  }

  // The tabs and the chart come first, so they are all in the first batch (a small company: the only one).
  return { batches: pack([...requests, ...content]), layout: { tabs, usedIds: [...used], chart }, added };
}
