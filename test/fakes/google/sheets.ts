/** Sheets v4 endpoints of the fake, as pure functions over a Book. */
import { applyBatchUpdate } from './batch-update.ts';
import { checkBatchUpdate } from './discovery.ts';
import { badRequest } from './errors.ts';
import { applyFieldMask, parseFieldMask } from './fields.ts';
import {
  type Book,
  type Json,
  type RenderOptions,
  type ResolvedRange,
  type Tab,
  cellData,
  clearValues,
  dataHeight,
  newTab,
  rangeText,
  readValues,
  resolveRange,
  writeValues,
} from './model.ts';

const ENUMS: Record<string, [string, string[]]> = {
  valueRenderOption: ['ValueRenderOption', ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA']],
  responseValueRenderOption: ['ValueRenderOption', ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA']],
  dateTimeRenderOption: ['DateTimeRenderOption', ['SERIAL_NUMBER', 'FORMATTED_STRING']],
  responseDateTimeRenderOption: ['DateTimeRenderOption', ['SERIAL_NUMBER', 'FORMATTED_STRING']],
  majorDimension: ['Dimension', ['ROWS', 'COLUMNS']],
  valueInputOption: ['ValueInputOption', ['RAW', 'USER_ENTERED']],
  insertDataOption: ['InsertDataOption', ['OVERWRITE', 'INSERT_ROWS']],
};

const snake = (s: string) => s.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);

function enumParam(value: unknown, name: string, fallback: string): string {
  if (value === undefined || value === null || value === '') return fallback;
  const [type, allowed] = ENUMS[name] as [string, string[]];
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw badRequest(`Invalid value at '${snake(name)}' (type.googleapis.com/google.apps.sheets.v4.${type}), "${String(value)}"`);
  }
  return value;
}

function required(value: unknown, name: string): string {
  if (value === undefined || value === null || value === '') throw badRequest(`'${name}' is required but not specified`);
  return enumParam(value, name, '');
}

function renderOptions(p: URLSearchParams, prefix = ''): RenderOptions & { majorDimension: string } {
  const v = (name: string) => p.get(prefix ? `${prefix}${name[0]?.toUpperCase()}${name.slice(1)}` : name) ?? undefined;
  return {
    valueRenderOption: enumParam(v('valueRenderOption'), prefix ? 'responseValueRenderOption' : 'valueRenderOption', 'FORMATTED_VALUE'),
    dateTimeRenderOption: enumParam(
      v('dateTimeRenderOption'),
      prefix ? 'responseDateTimeRenderOption' : 'dateTimeRenderOption',
      'SERIAL_NUMBER',
    ),
    majorDimension: enumParam(p.get('majorDimension') ?? undefined, 'majorDimension', 'ROWS'),
  };
}

function valueRange(rr: ResolvedRange, o: RenderOptions & { majorDimension: string }): Json {
  const values = readValues(rr, o);
  // Empty ranges come back without a `values` key, as from Google.
  return { range: rangeText(rr), majorDimension: o.majorDimension, ...(values.length ? { values } : {}) };
}

function fieldMask(p: URLSearchParams) {
  try {
    return parseFieldMask(p.get('fields') ?? undefined);
  } catch {
    throw badRequest(`Invalid field selection ${p.get('fields')}`);
  }
}

// ---------- reads ----------

export function batchGet(book: Book, p: URLSearchParams): unknown {
  const o = renderOptions(p);
  const ranges = p.getAll('ranges');
  const body: Json = { spreadsheetId: book.id };
  if (ranges.length) body.valueRanges = ranges.map((r) => valueRange(resolveRange(book, r), o));
  return applyFieldMask(body, fieldMask(p));
}

export function valuesGet(book: Book, range: string, p: URLSearchParams): unknown {
  return applyFieldMask(valueRange(resolveRange(book, range), renderOptions(p)), fieldMask(p));
}

function gridData(tab: Tab, rr?: ResolvedRange): Json {
  const r0 = rr?.r0 ?? 0;
  const c0 = rr?.c0 ?? 0;
  const r1 = Math.min(rr?.r1 ?? tab.rows.length, tab.rows.length);
  const rowData: Json[] = [];
  for (let r = r0; r < r1; r++) {
    const row = tab.rows[r] ?? [];
    const c1 = Math.min(rr?.c1 ?? row.length, row.length);
    const values: Json[] = [];
    for (let c = c0; c < c1; c++) values.push(cellData(row[c]));
    rowData.push(values.length ? { values } : {});
  }
  while (rowData.length && Object.keys(rowData[rowData.length - 1] as Json).length === 0) rowData.pop();
  return { ...(r0 ? { startRow: r0 } : {}), ...(c0 ? { startColumn: c0 } : {}), rowData };
}

export function spreadsheetResource(book: Book, opts: { includeGridData?: boolean; ranges?: string[] } = {}): Json {
  const wanted = new Map<Tab, ResolvedRange[]>();
  for (const r of opts.ranges ?? []) {
    const rr = resolveRange(book, r);
    wanted.set(rr.tab, [...(wanted.get(rr.tab) ?? []), rr]);
  }
  const tabs = opts.ranges?.length ? book.tabs.filter((t) => wanted.has(t)) : book.tabs;
  return {
    spreadsheetId: book.id,
    properties: structuredClone(book.properties),
    sheets: tabs.map((tab) => {
      const sheet: Json = { properties: structuredClone(tab.properties) };
      if (opts.includeGridData) {
        const rrs = wanted.get(tab);
        sheet.data = rrs ? rrs.map((rr) => gridData(tab, rr)) : [gridData(tab)];
      }
      if (tab.charts.length) sheet.charts = structuredClone(tab.charts);
      if (tab.conditionalFormats.length) sheet.conditionalFormats = structuredClone(tab.conditionalFormats);
      if (tab.basicFilter) sheet.basicFilter = structuredClone(tab.basicFilter);
      return sheet;
    }),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${book.id}/edit`,
  };
}

export function spreadsheetGet(book: Book, p: URLSearchParams): unknown {
  const resource = spreadsheetResource(book, { includeGridData: p.get('includeGridData') === 'true', ranges: p.getAll('ranges') });
  return applyFieldMask(resource, fieldMask(p));
}

// ---------- writes (each returns the book to store) ----------

export interface WriteOutcome {
  book: Book;
  body: unknown;
  changed: boolean;
}

function valuesWrite(book: Book, range: string, body: Json, inputOption: string, p: URLSearchParams) {
  const rr = resolveRange(book, range);
  if (!Array.isArray(body.values))
    return { rr, result: { updatedRange: rangeText(rr), updatedRows: 0, updatedColumns: 0, updatedCells: 0 } };
  const majorDimension = enumParam(body.majorDimension, 'majorDimension', 'ROWS');
  const result = writeValues(rr, body.values as unknown[][], inputOption, majorDimension);
  const updatedData =
    p.get('includeValuesInResponse') === 'true' || body.includeValuesInResponse === true
      ? valueRange(resolveRange(book, result.updatedRange), renderOptions(p, 'response'))
      : undefined;
  return { rr, result: { ...result, ...(updatedData ? { updatedData } : {}) } };
}

export function valuesUpdate(book: Book, range: string, p: URLSearchParams, body: Json): WriteOutcome {
  const option = required(p.get('valueInputOption'), 'valueInputOption');
  if (typeof body.range === 'string' && body.range !== range) {
    throw badRequest(`Requested entity range [${body.range}] does not match the URL range [${range}]`);
  }
  const draft = structuredClone(book);
  const { result } = valuesWrite(draft, range, body, option, p);
  return { book: draft, body: { spreadsheetId: book.id, ...result }, changed: result.updatedCells > 0 };
}

export function valuesBatchUpdate(book: Book, p: URLSearchParams, body: Json): WriteOutcome {
  const option = required(body.valueInputOption, 'valueInputOption');
  const data = (Array.isArray(body.data) ? body.data : []) as Json[];
  const draft = structuredClone(book);
  const responses = data.map((vr) => {
    if (typeof vr.range !== 'string') throw badRequest("Invalid data[].range: 'range' is required");
    return valuesWrite(draft, vr.range, { ...vr, includeValuesInResponse: body.includeValuesInResponse }, option, p).result;
  });
  const total = (k: 'updatedRows' | 'updatedColumns' | 'updatedCells') => responses.reduce((n, r) => n + (r[k] as number), 0);
  const sheets = new Set(responses.filter((r) => r.updatedCells > 0).map((r) => r.updatedRange.split('!')[0]));
  const cells = total('updatedCells');
  return {
    book: draft,
    body: {
      spreadsheetId: book.id,
      ...(cells
        ? {
            totalUpdatedRows: total('updatedRows'),
            totalUpdatedColumns: total('updatedColumns'),
            totalUpdatedCells: cells,
            totalUpdatedSheets: sheets.size,
          }
        : {}),
      ...(responses.length ? { responses: responses.map((r) => ({ spreadsheetId: book.id, ...r })) } : {}),
    },
    changed: cells > 0,
  };
}

export function valuesClear(book: Book, range: string): WriteOutcome {
  const draft = structuredClone(book);
  const rr = resolveRange(draft, range);
  clearValues(rr);
  return { book: draft, body: { spreadsheetId: book.id, clearedRange: rangeText(rr) }, changed: true };
}

export function valuesBatchClear(book: Book, body: Json): WriteOutcome {
  const ranges = (Array.isArray(body.ranges) ? body.ranges : []) as string[];
  const draft = structuredClone(book);
  const cleared = ranges.map((r) => {
    const rr = resolveRange(draft, r);
    clearValues(rr);
    return rangeText(rr);
  });
  return {
    book: draft,
    body: { spreadsheetId: book.id, ...(cleared.length ? { clearedRanges: cleared } : {}) },
    changed: cleared.length > 0,
  };
}

/** values.append: writes below the last non-empty row of the range's columns. */
export function valuesAppend(book: Book, range: string, p: URLSearchParams, body: Json): WriteOutcome {
  const option = required(p.get('valueInputOption'), 'valueInputOption');
  enumParam(p.get('insertDataOption') ?? undefined, 'insertDataOption', 'OVERWRITE');
  const draft = structuredClone(book);
  const rr = resolveRange(draft, range);
  const top = Math.max(rr.r0, dataHeight(rr.tab, rr.c0, rr.c1));
  const target: ResolvedRange = { ...rr, r0: top, r1: top + 1, open: { rows: true, cols: true } };
  const values = Array.isArray(body.values) ? (body.values as unknown[][]) : [];
  const result = writeValues(target, values, option, enumParam(body.majorDimension, 'majorDimension', 'ROWS'));
  return {
    book: draft,
    body: {
      spreadsheetId: book.id,
      tableRange: rangeText({ ...rr, r1: Math.max(top, rr.r0 + 1), open: { rows: false, cols: rr.open.cols } }),
      updates: { spreadsheetId: book.id, ...result },
    },
    changed: result.updatedCells > 0,
  };
}

export function batchUpdate(book: Book, body: Json): WriteOutcome {
  checkBatchUpdate(body.requests);
  const { book: next, replies } = applyBatchUpdate(book, body.requests);
  const out: Json = { spreadsheetId: book.id, replies };
  if (body.includeSpreadsheetInResponse === true) {
    out.updatedSpreadsheet = spreadsheetResource(next, {
      includeGridData: body.responseIncludeGridData === true,
      ranges: Array.isArray(body.responseRanges) ? (body.responseRanges as string[]) : [],
    });
  }
  return { book: next, body: out, changed: replies.length > 0 };
}

/** spreadsheets.create: properties + sheets[].properties (+ optional sheets[].data as rowData). */
export function createBook(id: string, body: Json): Book {
  const props = (body.properties ?? {}) as Json;
  const sheets = (Array.isArray(body.sheets) ? body.sheets : []) as Json[];
  const book: Book = {
    id,
    properties: {
      locale: 'en_US',
      autoRecalc: 'ON_CHANGE',
      timeZone: 'Etc/GMT',
      ...structuredClone(props),
      title: typeof props.title === 'string' ? props.title : 'Untitled spreadsheet',
    },
    tabs: [],
    history: [],
    unhandled: [],
  };
  const specs = sheets.length ? sheets : [{ properties: {} }];
  specs.forEach((s, i) => {
    const p = (s.properties ?? {}) as Json;
    book.tabs.push(
      newTab({
        ...structuredClone(p),
        sheetId: typeof p.sheetId === 'number' ? p.sheetId : i === 0 ? 0 : 1000 + i,
        title: typeof p.title === 'string' ? p.title : `Sheet${i + 1}`,
        index: i,
      }),
    );
  });
  const titles = new Set(book.tabs.map((t) => t.properties.title.toLowerCase()));
  if (titles.size !== book.tabs.length) throw badRequest('Invalid spreadsheet: duplicate sheet titles');
  return book;
}
