// One hostile workbook read through the bounded reader, in a process of its own: prints the wall
// time (the worker already started), the outcome and the process's peak RSS (the reading worker
// included). argv: case, quick. `dense` is an honest large sheet: 40,000 rows × 12 cells (5,000 with quick).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWorkbookReader } from '../sync-service/sources/read-pool.ts';
import { afterSheetData, extraRows, inlineCell, patchedXlsx, type XlsxPatch } from '../test/corpus/hostile.ts';
import { okrGrid } from '../test/fixtures/workbooks.ts';

const [name = '', quick = ''] = process.argv.slice(2);
const whole = (part: string) => afterSheetData(part);
const DENSE_ROWS = quick === 'quick' ? 5_000 : 40_000;
const DENSE_COLS = 'ABCDEFGHIJKL'.split('');

/** The files issue 13 found stopping the company (and a large honest one for scale). */
export const READ_CASES: Record<string, XlsxPatch> = {
  'xfd-on-2000-rows': { sheet: extraRows(10, 2000, (r) => inlineCell(`XFD${r}`, 'far')) },
  'validation-whole-sheet': { sheet: whole('<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a"</formula1></dataValidation></dataValidations>') },
  'validation-whole-column': { sheet: whole('<dataValidations count="1"><dataValidation type="whole" sqref="F1:F1048576"><formula1>0</formula1></dataValidation></dataValidations>') },
  'merge-huge': { sheet: whole('<mergeCells count="1"><mergeCell ref="A20:XFD1048576"/></mergeCells>') },
  'defined-names-whole-sheet': {
    book: (xml) => xml.replace('</sheets>', '</sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">OKRs!$A$1:$XFD$1048576</definedName></definedNames>'),
  },
  'last-row': { sheet: extraRows(1048576, 1, (r) => inlineCell(`A${r}`, 'bottom')) },
  'dense': { sheet: extraRows(10, DENSE_ROWS, (r) => DENSE_COLS.map((c) => inlineCell(`${c}${r}`, `cell ${c}${r}`)).join('')) },
};

if (name) {
  const patch = READ_CASES[name];
  if (!patch) throw new Error(`unknown case ${name}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-bench-read-'));
  try {
    const file = path.join(dir, `${name}.xlsx`);
    const grid = okrGrid({ team: 'Bench' }, [{ oid: 'B1', objective: 'x', alignsTo: 'C1', kr: 'k', type: 'metric', start: 0, target: 10, current: 5 }]);
    writeFileSync(file, await patchedXlsx('OKRs', grid, patch));
    const reader = createWorkbookReader({ maxWorkers: 1 });
    // The worker's start (ExcelJS loading) is paid once per process: not part of the read.
    const tiny = path.join(dir, 'tiny.csv');
    writeFileSync(tiny, 'Team:,Tiny\n');
    await reader.read(tiny);
    const started = performance.now();
    let outcome = 'read';
    try {
      await reader.read(file);
    } catch (err) {
      outcome = `refused: ${err instanceof Error ? err.message : String(err)}`;
    }
    const ms = performance.now() - started;
    await reader.close();
    process.stdout.write(`${JSON.stringify({ name, ms, outcome, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
