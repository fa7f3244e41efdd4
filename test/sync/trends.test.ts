// One source of trend data: on a new install (one stored sync) the view, GET /api/history's trends
// and the company sheet's Trends tab all show the quarter replayed from check-ins — the same dates
// and the same scores — not one row of stored history.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIO } from '../../sync-service/cli/io.ts';
import { runCli } from '../../sync-service/cli/program.ts';
import { openDatabase } from '../../sync-service/db/database.ts';
import { createStore } from '../../sync-service/db/store.ts';
import { removeTempDirs, tempDir } from '../fixtures/workbooks.ts';
import { appFor } from '../web/fixtures.ts';

afterAll(removeTempDirs);

interface ApiTrend {
  key: string;
  id: string;
  source: string;
  points: { at: string; score: number | null }[];
}

describe('trends', () => {
  it('are the same in the company sheet, GET /api/history and the view, from the first sync on', async () => {
    const cwd = tempDir();
    const m = memoryIO({ cwd });
    expect(await runCli(['sync', '--source', path.resolve('examples'), '--as-of', '2026-11-20', '--out', 'company.xlsx'], m.io)).toBe(0);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(cwd, 'company.xlsx'));
    const sheet = wb.getWorksheet('Trends')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(2) as string[];
    const sheetRows: { date: string; scores: (number | null)[] }[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const v = row.values as unknown[];
      sheetRows.push({ date: (v[1] as Date).toISOString().slice(0, 10), scores: header.map((_, i) => (typeof v[i + 2] === 'number' ? (v[i + 2] as number) : null)) });
    });
    // A new install: one stored sync, yet the quarter so far (weekly from 1 Oct).
    expect(sheetRows.length).toBeGreaterThan(5);
    expect(sheetRows[0]!.date).toBe('2026-10-01');
    expect(sheetRows.at(-1)!.date).toBe('2026-11-20');

    const db = await openDatabase({ dataDir: path.join(cwd, '.okr/db') });
    try {
      const app = appFor(createStore(db));
      const body = (await (await app.request('/api/history')).json()) as { rows: unknown[]; trends: ApiTrend[] };
      expect(body.rows.length).toBeGreaterThan(0);
      expect(body.trends.map((t) => `${t.id}: `)).toEqual(header.map((h) => h.slice(0, h.indexOf(': ') + 2)));
      for (const [i, t] of body.trends.entries()) {
        expect(t.source).toBe('check-ins');
        const apiByDate = new Map(t.points.map((p) => [p.at.slice(0, 10), p.score]));
        expect([...apiByDate.keys()]).toEqual(sheetRows.map((r) => r.date));
        for (const r of sheetRows) expect(r.scores[i], `${t.id} on ${r.date}`).toBeCloseTo(apiByDate.get(r.date)!, 9);
      }
      // from/to narrow the points.
      const narrowed = (await (await app.request('/api/history?from=2026-11-01')).json()) as { trends: ApiTrend[] };
      expect(narrowed.trends[0]!.points.every((p) => p.at >= '2026-11-01')).toBe(true);
      // The view's chart for the first company objective says the same first and last score.
      const first = body.trends[0]!;
      const html = await (await app.request('/')).text();
      const known = first.points.filter((p) => p.score !== null);
      const desc = new RegExp(`from ${known[0]!.score!.toFixed(2)} on 1 Oct 2026 to ${known.at(-1)!.score!.toFixed(2)} on 20 Nov 2026`);
      expect(html).toMatch(desc);
      // A team's trends come from the same place.
      const team = (await (await app.request('/api/history?team=Sales')).json()) as { trends: ApiTrend[] };
      expect(team.trends.length).toBeGreaterThan(1);
      expect(team.trends.every((t) => t.id.startsWith('SALES-'))).toBe(true);
      expect(team.trends[0]!.points.length).toBe(sheetRows.length);
    } finally {
      await db.close();
    }
  });
});
