/**
 * spreadsheets.batchUpdate for the fake. Requests are applied to a copy of the
 * book and committed only if all succeed (Google applies a batch atomically).
 * Modelled: addSheet, deleteSheet, updateSheetProperties, updateSpreadsheetProperties,
 * updateCells, repeatCell, updateDimensionProperties, appendDimension,
 * insertDimension, deleteDimension, addChart, updateChartSpec,
 * deleteEmbeddedObject, addConditionalFormatRule, deleteConditionalFormatRule,
 * setBasicFilter, clearBasicFilter. Anything else is accepted and stored
 * verbatim in `book.unhandled`.
 */
import { formatA1 } from './a1.ts';
import { ApiError, badRequest } from './errors.ts';
import { assignMasked, parseFieldMask } from './fields.ts';
import {
  type Book,
  type Cell,
  type ExtendedValue,
  type Json,
  type Tab,
  extendedToCell,
  getCell,
  newTab,
  setCell,
  userEnteredValue,
} from './model.ts';

class RequestError extends Error {}

interface GridRange {
  sheetId?: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

interface Ctx {
  book: Book;
  newId: () => number;
}

type Handler = (req: Json, ctx: Ctx) => Json | undefined;

const reindex = (book: Book) => {
  book.tabs.sort((a, b) => a.properties.index - b.properties.index);
  book.tabs.forEach((t, i) => {
    t.properties.index = i;
  });
};

function tabById(book: Book, sheetId: unknown): Tab {
  const id = typeof sheetId === 'number' ? sheetId : 0;
  const tab = book.tabs.find((t) => t.properties.sheetId === id);
  if (!tab) throw new RequestError(`No grid with id: ${id}`);
  return tab;
}

/** GridRange → concrete bounds; unbounded sides reach the grid edge. Beyond the grid is an error, as in Sheets. */
function bounds(book: Book, range: GridRange | undefined) {
  const tab = tabById(book, range?.sheetId);
  const g = tab.properties.gridProperties;
  const r0 = range?.startRowIndex ?? 0;
  const c0 = range?.startColumnIndex ?? 0;
  const r1 = range?.endRowIndex ?? g.rowCount;
  const c1 = range?.endColumnIndex ?? g.columnCount;
  checkGrid(tab, r0, c0, r1, c1);
  return { tab, r0, c0, r1, c1 };
}

function checkGrid(tab: Tab, r0: number, c0: number, r1: number, c1: number): void {
  const g = tab.properties.gridProperties;
  if (r0 < 0 || c0 < 0 || r1 < r0 || c1 < c0) throw new RequestError('Invalid range: start index must be less than or equal to end index');
  if (r1 > g.rowCount || c1 > g.columnCount) {
    throw new RequestError(
      `Range (${formatA1(tab.properties.title, r0, c0, Math.max(r1, r0 + 1), Math.max(c1, c0 + 1))}) exceeds grid limits. Max rows: ${g.rowCount}, max columns: ${g.columnCount}`,
    );
  }
}

// CellData <-> stored cell, so that field masks apply to the API shape.
const READ_ONLY = new Set(['effectiveValue', 'formattedValue', 'effectiveFormat']);

function toCellData(c: Cell | undefined): Json {
  if (!c) return {};
  const out: Json = { ...(c.extra ? structuredClone(c.extra) : {}) };
  const uev = userEnteredValue(c);
  if (uev) out.userEnteredValue = uev;
  if (c.fmt) out.userEnteredFormat = structuredClone(c.fmt);
  if (c.note !== undefined) out.note = c.note;
  return out;
}

function fromCellData(data: Json, prev: Cell | undefined): Cell | undefined {
  const { userEnteredValue: uev, userEnteredFormat, note, ...rest } = data;
  const cell: Cell = {};
  const prevUev = prev ? userEnteredValue(prev) : undefined;
  // An untouched value keeps its cached formula result.
  if (prev && JSON.stringify(prevUev) === JSON.stringify(uev)) {
    if (prev.v !== undefined) cell.v = prev.v;
    if (prev.f !== undefined) cell.f = prev.f;
    if (prev.err !== undefined) cell.err = prev.err;
  } else {
    Object.assign(cell, extendedToCell(uev as ExtendedValue | undefined));
  }
  if (userEnteredFormat && typeof userEnteredFormat === 'object' && Object.keys(userEnteredFormat).length)
    cell.fmt = userEnteredFormat as Json;
  if (typeof note === 'string') cell.note = note;
  const extra = Object.fromEntries(Object.entries(rest).filter(([k]) => !READ_ONLY.has(k)));
  if (Object.keys(extra).length) cell.extra = extra;
  return Object.keys(cell).length ? cell : undefined;
}

function requireFields(req: Json): string {
  if (typeof req.fields !== 'string' || req.fields.trim() === '')
    throw new RequestError("At least one field must be updated. Specify 'fields'");
  return req.fields;
}

function maskOf(fields: string) {
  try {
    return parseFieldMask(fields);
  } catch {
    throw new RequestError(`Invalid field mask: ${fields}`);
  }
}

function writeCell(tab: Tab, r: number, c: number, data: Json, mask: ReturnType<typeof parseFieldMask>): void {
  const prev = getCell(tab, r, c);
  // Clearing a cell that holds nothing leaves nothing (and clears of whole grids stay cheap).
  if (!prev && Object.keys(data).length === 0) return;
  const target = toCellData(prev);
  assignMasked(target, data, mask);
  setCell(tab, r, c, fromCellData(target, prev));
}

function findChart(book: Book, chartId: unknown): { tab: Tab; index: number } {
  for (const tab of book.tabs) {
    const index = tab.charts.findIndex((c) => c.chartId === chartId);
    if (index >= 0) return { tab, index };
  }
  throw new RequestError(`No chart with id: ${String(chartId)}`);
}

function shiftMap(map: Map<number, Json>, start: number, delta: number, removeEnd?: number): Map<number, Json> {
  const out = new Map<number, Json>();
  for (const [k, v] of map) {
    if (removeEnd !== undefined && k >= start && k < removeEnd) continue;
    out.set(k >= start ? k + delta : k, v);
  }
  return out;
}

function dimension(req: Json, book: Book) {
  const range = (req.range ?? {}) as { sheetId?: number; dimension?: string; startIndex?: number; endIndex?: number };
  const tab = tabById(book, range.sheetId);
  const rows = range.dimension === 'ROWS';
  if (!rows && range.dimension !== 'COLUMNS') throw new RequestError('range.dimension must be ROWS or COLUMNS');
  const g = tab.properties.gridProperties;
  const size = rows ? g.rowCount : g.columnCount;
  const start = range.startIndex ?? 0;
  const end = range.endIndex ?? size;
  return { tab, rows, start, end, size };
}

const HANDLERS: Record<string, Handler> = {
  addSheet(req, { book, newId }) {
    const props = (req.properties ?? {}) as Json as Partial<Tab['properties']>;
    if (props.sheetId !== undefined && book.tabs.some((t) => t.properties.sheetId === props.sheetId)) {
      throw new RequestError(`A sheet with the id "${props.sheetId}" already exists. Please enter another id.`);
    }
    let title = props.title;
    if (title === undefined) {
      let n = book.tabs.length + 1;
      while (book.tabs.some((t) => t.properties.title === `Sheet${n}`)) n++;
      title = `Sheet${n}`;
    }
    if (book.tabs.some((t) => t.properties.title.toLowerCase() === title.toLowerCase())) {
      throw new RequestError(`A sheet with the name "${title}" already exists. Please enter another name.`);
    }
    const index = Math.min(props.index ?? book.tabs.length, book.tabs.length);
    for (const t of book.tabs) if (t.properties.index >= index) t.properties.index++;
    const tab = newTab({ ...structuredClone(props), sheetId: props.sheetId ?? newId(), title, index });
    book.tabs.push(tab);
    reindex(book);
    return { addSheet: { properties: structuredClone(tab.properties) } };
  },

  deleteSheet(req, { book }) {
    const tab = tabById(book, req.sheetId);
    if (book.tabs.length === 1) throw new RequestError("You can't remove all the sheets in a document.");
    book.tabs = book.tabs.filter((t) => t !== tab);
    reindex(book);
    return undefined;
  },

  updateSheetProperties(req, { book }) {
    const props = (req.properties ?? {}) as Json;
    const tab = tabById(book, props.sheetId);
    const mask = maskOf(requireFields(req));
    const next = structuredClone(tab.properties) as Json;
    const { sheetId: _ignored, ...source } = props;
    assignMasked(next, { ...source, sheetId: tab.properties.sheetId }, mask);
    next.sheetId = tab.properties.sheetId;
    const title = String(next.title ?? '');
    if (title === '') throw new RequestError('Sheet title must not be empty');
    if (book.tabs.some((t) => t !== tab && t.properties.title.toLowerCase() === title.toLowerCase())) {
      throw new RequestError(`A sheet with the name "${title}" already exists. Please enter another name.`);
    }
    const grid = (next.gridProperties ?? {}) as Tab['properties']['gridProperties'];
    grid.rowCount ??= tab.properties.gridProperties.rowCount;
    grid.columnCount ??= tab.properties.gridProperties.columnCount;
    next.gridProperties = grid;
    // Shrinking the grid drops the data outside it.
    tab.rows.length = Math.min(tab.rows.length, grid.rowCount);
    for (const row of tab.rows) if (row && row.length > grid.columnCount) row.length = grid.columnCount;
    const oldIndex = tab.properties.index;
    tab.properties = next as Tab['properties'];
    if (typeof next.index === 'number' && next.index !== oldIndex) {
      // Indexes are "before the move": the sheet lands just before the one now at `index`.
      const target = Math.min(next.index, book.tabs.length);
      const order = book.tabs.filter((t) => t !== tab);
      order.splice(target > oldIndex ? target - 1 : target, 0, tab);
      book.tabs = order;
      order.forEach((t, i) => {
        t.properties.index = i;
      });
    }
    reindex(book);
    return undefined;
  },

  updateSpreadsheetProperties(req, { book }) {
    const mask = maskOf(requireFields(req));
    const next = structuredClone(book.properties) as Json;
    assignMasked(next, (req.properties ?? {}) as Json, mask);
    if (typeof next.title !== 'string') throw new RequestError('Spreadsheet title must be a string');
    book.properties = next as Book['properties'];
    return undefined;
  },

  updateCells(req, { book }) {
    const mask = maskOf(requireFields(req));
    const rows = (req.rows ?? []) as { values?: Json[] }[];
    if (req.start && req.range) throw new RequestError('Only one of start or range may be set');
    if (req.range) {
      const { tab, r0, c0, r1, c1 } = bounds(book, req.range as GridRange);
      for (let r = r0; r < r1; r++) {
        for (let c = c0; c < c1; c++) writeCell(tab, r, c, rows[r - r0]?.values?.[c - c0] ?? {}, mask);
      }
      return undefined;
    }
    const start = (req.start ?? {}) as { sheetId?: number; rowIndex?: number; columnIndex?: number };
    const tab = tabById(book, start.sheetId);
    const r0 = start.rowIndex ?? 0;
    const c0 = start.columnIndex ?? 0;
    const width = Math.max(0, ...rows.map((r) => r.values?.length ?? 0));
    checkGrid(tab, r0, c0, r0 + rows.length, c0 + width);
    rows.forEach((row, i) => {
      row.values?.forEach((data, j) => {
        writeCell(tab, r0 + i, c0 + j, data ?? {}, mask);
      });
    });
    return undefined;
  },

  repeatCell(req, { book }) {
    const mask = maskOf(requireFields(req));
    const { tab, r0, c0, r1, c1 } = bounds(book, req.range as GridRange);
    const data = (req.cell ?? {}) as Json;
    for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) writeCell(tab, r, c, data, mask);
    return undefined;
  },

  updateDimensionProperties(req, { book }) {
    const mask = maskOf(requireFields(req));
    const { tab, rows, start, end, size } = dimension(req, book);
    if (end > size) throw new RequestError(`Invalid requests: dimension range end ${end} exceeds grid size ${size}`);
    const map = rows ? tab.rowMetadata : tab.columnMetadata;
    for (let i = start; i < end; i++) {
      const cur = structuredClone(map.get(i) ?? {});
      assignMasked(cur, (req.properties ?? {}) as Json, mask);
      map.set(i, cur);
    }
    return undefined;
  },

  appendDimension(req, { book }) {
    const tab = tabById(book, req.sheetId);
    const length = Number(req.length);
    if (!(length > 0)) throw new RequestError('length must be positive');
    const g = tab.properties.gridProperties;
    if (req.dimension === 'ROWS') g.rowCount += length;
    else if (req.dimension === 'COLUMNS') g.columnCount += length;
    else throw new RequestError('dimension must be ROWS or COLUMNS');
    return undefined;
  },

  insertDimension(req, { book }) {
    const { tab, rows, start, end, size } = dimension(req, book);
    if (start > size) throw new RequestError(`Invalid requests: insert position ${start} exceeds grid size ${size}`);
    const n = end - start;
    const g = tab.properties.gridProperties;
    if (rows) {
      if (tab.rows.length > start) tab.rows.splice(start, 0, ...new Array<undefined>(n));
      tab.rowMetadata = shiftMap(tab.rowMetadata, start, n);
      g.rowCount += n;
    } else {
      for (const row of tab.rows) if (row && row.length > start) row.splice(start, 0, ...new Array<undefined>(n));
      tab.columnMetadata = shiftMap(tab.columnMetadata, start, n);
      g.columnCount += n;
    }
    return undefined;
  },

  deleteDimension(req, { book }) {
    const { tab, rows, start, end, size } = dimension(req, book);
    if (end > size) throw new RequestError(`Invalid requests: dimension range end ${end} exceeds grid size ${size}`);
    const n = end - start;
    const g = tab.properties.gridProperties;
    if (rows) {
      if (n >= g.rowCount) throw new RequestError("You can't delete all the rows on the sheet.");
      tab.rows.splice(start, n);
      tab.rowMetadata = shiftMap(tab.rowMetadata, start, -n, end);
      g.rowCount -= n;
    } else {
      if (n >= g.columnCount) throw new RequestError("You can't delete all the columns on the sheet.");
      for (const row of tab.rows) row?.splice(start, n);
      tab.columnMetadata = shiftMap(tab.columnMetadata, start, -n, end);
      g.columnCount -= n;
    }
    return undefined;
  },

  addChart(req, ctx) {
    const chart = structuredClone((req.chart ?? {}) as Json);
    const position = (chart.position ?? {}) as {
      sheetId?: number;
      newSheet?: boolean;
      overlayPosition?: { anchorCell?: { sheetId?: number } };
    };
    let tab: Tab;
    if (position.newSheet) {
      const reply = HANDLERS.addSheet?.({ properties: { sheetType: 'OBJECT', title: `Chart${ctx.book.tabs.length + 1}` } }, ctx) as {
        addSheet: { properties: { sheetId: number } };
      };
      tab = tabById(ctx.book, reply.addSheet.properties.sheetId);
      chart.position = { sheetId: tab.properties.sheetId };
    } else {
      tab = tabById(ctx.book, position.overlayPosition?.anchorCell?.sheetId ?? position.sheetId);
    }
    if (chart.chartId !== undefined && ctx.book.tabs.some((t) => t.charts.some((c) => c.chartId === chart.chartId))) {
      throw new RequestError(`A chart with id ${String(chart.chartId)} already exists.`);
    }
    chart.chartId ??= ctx.newId();
    tab.charts.push(chart as Tab['charts'][number]);
    return { addChart: { chart: structuredClone(chart) } };
  },

  updateChartSpec(req, { book }) {
    const { tab, index } = findChart(book, req.chartId);
    const chart = tab.charts[index] as Tab['charts'][number];
    chart.spec = structuredClone(req.spec);
    return undefined;
  },

  deleteEmbeddedObject(req, { book }) {
    const { tab, index } = findChart(book, req.objectId);
    tab.charts.splice(index, 1);
    return undefined;
  },

  addConditionalFormatRule(req, { book }) {
    const rule = structuredClone((req.rule ?? {}) as { ranges?: GridRange[] });
    const first = rule.ranges?.[0];
    if (!first) throw new RequestError('rule.ranges must not be empty');
    const tab = tabById(book, first.sheetId);
    const index = typeof req.index === 'number' ? req.index : 0;
    if (index > tab.conditionalFormats.length) throw new RequestError(`Invalid index: ${index}`);
    tab.conditionalFormats.splice(index, 0, rule);
    return undefined;
  },

  deleteConditionalFormatRule(req, { book }) {
    const tab = tabById(book, req.sheetId);
    const index = Number(req.index ?? 0);
    if (index >= tab.conditionalFormats.length)
      throw new RequestError(`No conditional format on sheet: ${tab.properties.sheetId} at index: ${index}`);
    const [rule] = tab.conditionalFormats.splice(index, 1);
    return { deleteConditionalFormatRule: { rule } };
  },

  setBasicFilter(req, { book }) {
    const filter = structuredClone((req.filter ?? {}) as { range?: GridRange });
    const tab = tabById(book, filter.range?.sheetId);
    tab.basicFilter = filter;
    return undefined;
  },

  clearBasicFilter(req, { book }) {
    const tab = tabById(book, req.sheetId);
    delete tab.basicFilter;
    return undefined;
  },
};

/** Applies a batch atomically; returns the new book (or throws an ApiError, leaving the input untouched). */
export function applyBatchUpdate(book: Book, requests: unknown): { book: Book; replies: Json[] } {
  if (!Array.isArray(requests)) throw badRequest("Invalid JSON payload received. 'requests' must be a list.");
  const draft = structuredClone(book);
  const used = new Set<number>();
  for (const t of draft.tabs) {
    used.add(t.properties.sheetId);
    for (const c of t.charts) used.add(c.chartId);
  }
  const newId = () => {
    let id: number;
    do id = Math.floor(Math.random() * 2_000_000_000) + 1;
    while (used.has(id));
    used.add(id);
    return id;
  };
  const replies: Json[] = [];
  requests.forEach((raw, i) => {
    const req = (raw ?? {}) as Json;
    const kinds = Object.keys(req).filter((k) => req[k] !== undefined && req[k] !== null);
    if (kinds.length !== 1) throw badRequest(`Invalid requests[${i}]: exactly one request kind must be set, got ${kinds.length}`);
    const kind = kinds[0] as string;
    const body = (req[kind] ?? {}) as Json;
    const handler = HANDLERS[kind];
    try {
      if (handler) replies.push(handler(body, { book: draft, newId }) ?? {});
      else {
        draft.unhandled.push(structuredClone(req));
        replies.push({});
      }
    } catch (e) {
      if (e instanceof RequestError) throw badRequest(`Invalid requests[${i}].${kind}: ${e.message}`);
      if (e instanceof ApiError) throw e;
      throw badRequest(`Invalid requests[${i}].${kind}: ${(e as Error).message}`);
    }
    draft.history.push(structuredClone(req));
  });
  return { book: draft, replies };
}
