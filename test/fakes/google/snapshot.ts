/** Deep snapshots of a tab's cells, for tests asserting what writers wrote. */
import { parseArea } from './a1.ts';
import type { Cell, Json, Scalar, Tab } from './model.ts';

export interface CellState {
  kind: 'empty' | 'string' | 'number' | 'boolean' | 'formula' | 'error';
  /** The stored value; for formulas the cached result if any. */
  value?: Scalar;
  formula?: string;
  error?: { type: string; message?: string };
  format?: Json;
  note?: string;
  extra?: Json;
}

export interface TabState {
  sheetId: number;
  title: string;
  index: number;
  properties: Json;
  /** Raw values (formulas as their cached value or ''), trailing empties trimmed. */
  values: unknown[][];
  /** Every cell up to the data extent. */
  cells: CellState[][];
  charts: Json[];
  conditionalFormats: unknown[];
  basicFilter?: unknown;
  rowMetadata: Record<number, Json>;
  columnMetadata: Record<number, Json>;
  /** One cell by A1 reference (e.g. 'B2'). */
  cell(a1: string): CellState;
}

export function cellState(c: Cell | undefined): CellState {
  if (!c || (c.v === undefined && c.f === undefined && c.err === undefined)) {
    const s: CellState = { kind: 'empty' };
    if (c?.fmt) s.format = structuredClone(c.fmt);
    if (c?.note !== undefined) s.note = c.note;
    if (c?.extra) s.extra = structuredClone(c.extra);
    return s;
  }
  const s: CellState = {
    kind: c.f !== undefined ? 'formula' : c.err !== undefined ? 'error' : (typeof c.v as 'string' | 'number' | 'boolean'),
  };
  if (c.v !== undefined) s.value = c.v;
  if (c.f !== undefined) s.formula = c.f;
  if (c.err !== undefined) s.error = { ...c.err };
  if (c.fmt) s.format = structuredClone(c.fmt);
  if (c.note !== undefined) s.note = c.note;
  if (c.extra) s.extra = structuredClone(c.extra);
  return s;
}

export function tabState(tab: Tab): TabState {
  const cells: CellState[][] = [];
  const values: unknown[][] = [];
  tab.rows.forEach((row, r) => {
    if (!row) return;
    cells[r] = Array.from(row, (c) => cellState(c));
    const vals = Array.from(row, (c) => (c?.err ? (c.err.message ?? '#ERROR!') : (c?.v ?? (c?.f !== undefined ? '' : undefined))));
    let n = vals.length;
    while (n > 0 && vals[n - 1] === undefined) n--;
    values[r] = vals.slice(0, n).map((v) => v ?? '');
  });
  for (let r = 0; r < cells.length; r++) {
    cells[r] ??= [];
    values[r] ??= [];
  }
  while (values.length && (values[values.length - 1] as unknown[]).length === 0) values.pop();
  const toRecord = (m: Map<number, Json>) => Object.fromEntries([...m].map(([k, v]) => [k, structuredClone(v)]));
  return {
    sheetId: tab.properties.sheetId,
    title: tab.properties.title,
    index: tab.properties.index,
    properties: structuredClone(tab.properties),
    values,
    cells,
    charts: structuredClone(tab.charts),
    conditionalFormats: structuredClone(tab.conditionalFormats),
    ...(tab.basicFilter ? { basicFilter: structuredClone(tab.basicFilter) } : {}),
    rowMetadata: toRecord(tab.rowMetadata),
    columnMetadata: toRecord(tab.columnMetadata),
    cell(a1: string) {
      const area = parseArea(a1);
      if (!area || area.startRow === undefined || area.startCol === undefined) throw new Error(`Not a cell reference: ${a1}`);
      return cells[area.startRow]?.[area.startCol] ?? { kind: 'empty' };
    },
  };
}
