// Test helper: load a grid (values and "=formulas") into HyperFormula and read it back the way
// Apps Script's getValues() would (formula results, '' for empty cells and "" results).
import { HyperFormula } from 'hyperformula';
import type { Cell } from '../shared/values.ts';

export function evaluateGrid(grid: readonly (readonly Cell[])[], sheetName = 'OKRs'): { values: Cell[][]; hf: HyperFormula; sheet: number } {
  const hf = HyperFormula.buildEmpty({ licenseKey: 'gpl-v3' });
  const name = hf.addSheet(sheetName);
  const sheet = hf.getSheetId(name)!;
  hf.setSheetContent(sheet, grid.map((row) => row.map((c) => (c === undefined || c === null ? null : c instanceof Date ? c.toISOString().slice(0, 10) : c))));
  return { values: readValues(hf, sheet), hf, sheet };
}

export function readValues(hf: HyperFormula, sheet: number): Cell[][] {
  return hf.getSheetValues(sheet).map((row) =>
    row.map((v) => {
      if (v === null || v === undefined) return '';
      if (typeof v === 'object') return (v as { value: string }).value; // a formula error, e.g. #VALUE!
      return v as Cell;
    }),
  );
}
