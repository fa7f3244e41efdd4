// The read bounds (sync-service/sources/bounds.ts), each broken on purpose with small limits: the
// read fails with a message naming the bound, the worker is replaced, and the next read works.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkbookReader } from '../../sync-service/sources/read-pool.ts';
import { extraRows, inlineCell, patchedXlsx } from '../corpus/hostile.ts';
import { okrGrid, removeTempDirs, tempDir } from '../fixtures/workbooks.ts';

const readers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(readers.map((r) => r.close()));
  removeTempDirs();
});

const dir = tempDir();
const small = path.join(dir, 'small.csv');
writeFileSync(small, 'Team:,Small\n\nObjective ID,Objective,Key Result,Type,Current\nS1,Fine,k,manual,0.5\n');

async function denseXlsx(name: string, rows: number): Promise<string> {
  const file = path.join(dir, name);
  const grid = okrGrid({ team: 'Dense' }, [{ oid: 'D1', objective: 'x', kr: 'k', type: 'manual', current: 0.5 }]);
  writeFileSync(file, await patchedXlsx('OKRs', grid, { sheet: extraRows(10, rows, (r) => ['Q', 'R', 'S', 'T'].map((c) => inlineCell(`${c}${r}`, `v${r}`)).join('')) }));
  return file;
}

describe('reading workbooks inside bounds', () => {
  it('a read over the time bound ends its worker and names the bound; the next read works', async () => {
    const reader = createWorkbookReader({ bounds: { timeoutMs: 300 }, maxWorkers: 1 });
    readers.push(reader);
    const slow = await denseXlsx('slow.xlsx', 20_000);
    await expect(reader.read(slow)).rejects.toThrow('reading it took longer than 0.3 s (the bound for one workbook)');
    expect((await reader.read(small)).okr[0]?.grid[3]).toEqual(['S1', 'Fine', 'k', 'manual', '0.5']);
  }, 120_000);

  it('a read over the heap bound ends its worker and names the bound', async () => {
    const reader = createWorkbookReader({ bounds: { maxHeapMb: 64 }, maxWorkers: 1 });
    readers.push(reader);
    const big = await denseXlsx('big.xlsx', 60_000);
    await expect(reader.read(big)).rejects.toThrow('reading it needed more than 64 MB of memory (the bound for one workbook)');
  }, 180_000);

  it('the unzipped size, row records and cells per row are bounded before the grid is built', async () => {
    const reader = createWorkbookReader({ bounds: { maxUnzippedBytes: 100_000, maxRows: 5_000, maxColumns: 3 } });
    readers.push(reader);
    const file = await denseXlsx('records.xlsx', 6_000);
    await expect(reader.read(file)).rejects.toThrow(/it unzips to [\d.]+ MB, more than 0\.1 MB \(the bound for one workbook\)/);
    const rows = createWorkbookReader({ bounds: { maxRows: 5_000 } });
    readers.push(rows);
    await expect(rows.read(file)).rejects.toThrow('a sheet holds more than 5000 rows (the row bound)');
    const cols = createWorkbookReader({ bounds: { maxColumns: 3 } });
    readers.push(cols);
    await expect(cols.read(file)).rejects.toThrow('a row holds more than 3 cells (the column bound)');
    const size = createWorkbookReader({ bounds: { maxFileBytes: 10 } });
    readers.push(size);
    await expect(size.read(small)).rejects.toThrow(/^the file is [\d.]+ MB, more than 0 MB \(the bound for one workbook\)$/);
  }, 180_000);

  it('a csv is cut to the row and column bounds, with a note of what was left out', async () => {
    const reader = createWorkbookReader({ bounds: { maxRows: 4, maxColumns: 3 } });
    readers.push(reader);
    const wide = path.join(dir, 'wide.csv');
    writeFileSync(wide, 'a,b,c,d\n\n\nx,y,z\nbelow\n');
    const grids = await reader.read(wide);
    expect(grids.okr[0]?.grid).toEqual([['a', 'b', 'c'], [''], [''], ['x', 'y', 'z']]);
    expect(grids.notes?.[0]?.message).toBe('2 cell(s) lie beyond the 4 rows × 3 columns that are read, first at row 1, column 4; they were left out');
  });
});
