// The example company in examples/ (what `npm start` serves): read every workbook back the way an
// export is read (ExcelJS cached results for .xlsx, csv-parse for .csv), roll up as of 2026-11-25,
// and check it shows what it is meant to show — cleanly, with warnings only.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollup } from '../shared/rollup.ts';
import type { Alignment, KeyResult } from '../shared/schemas.ts';
import { parseBinary, parseNumber } from '../shared/values.ts';
import { AS_OF } from '../examples/src/northwind.ts';
import { arrayBuffer, readFolder, type WorkbookRead } from '../examples/src/read.ts';
import { writeExamples } from '../examples/src/write.ts';

const DIR = fileURLToPath(new URL('../examples/', import.meta.url));
const DAY_MS = 86_400_000;

let read: WorkbookRead[];
let alignment: Alignment;

beforeAll(async () => {
  read = await readFolder(DIR);
  alignment = rollup(
    read.map((w) => w.table),
    { asOf: AS_OF },
  );
});

const teams = () => read.filter((w) => !w.table.isCompany);
const keyResults = (): KeyResult[] => read.flatMap((w) => w.table.objectives.flatMap((o) => o.keyResults));
const warnings = () => alignment.problems.filter((p) => p.severity === 'warning');

describe('the example company', () => {
  it('has a company workbook with a mission and 3–4 objectives, and at least six team workbooks in both formats', () => {
    expect(read.length).toBeGreaterThanOrEqual(7);
    const company = read.filter((w) => w.table.isCompany);
    expect(company).toHaveLength(1);
    expect(company[0]!.file).toBe('company.xlsx');
    expect(company[0]!.table.meta.mission).toMatch(/\w{3,}/);
    expect(company[0]!.table.objectives.length).toBeGreaterThanOrEqual(3);
    expect(company[0]!.table.objectives.length).toBeLessThanOrEqual(4);
    expect(new Set(teams().map((w) => w.table.team)).size).toBeGreaterThanOrEqual(6);
    expect(teams().filter((w) => w.file.endsWith('.csv')).length).toBeGreaterThanOrEqual(1);
    expect(teams().filter((w) => w.file.endsWith('.xlsx')).length).toBeGreaterThanOrEqual(4);
    for (const w of read) {
      // Team comes from the sheet's Team: metadata, not the file name; the period from Start:/End: (real dates in .xlsx).
      expect(w.table.meta.team, w.file).toBeTruthy();
      expect(w.table.meta, w.file).toMatchObject({ period: 'Q4 2026', start: '2026-10-01', end: '2026-12-31' });
    }
  });

  it('has about thirty objectives, every key result type, decreasing metrics, weights and both kinds', () => {
    const objectives = read.flatMap((w) => w.table.objectives);
    expect(objectives.length).toBeGreaterThanOrEqual(25);
    expect(objectives.length).toBeLessThanOrEqual(35);
    const krs = keyResults();
    expect(new Set(krs.map((kr) => kr.type))).toEqual(new Set(['metric', 'milestone', 'binary', 'manual']));
    const decreasing = krs.filter((kr) => kr.type === 'metric' && kr.start !== null && kr.target !== null && kr.target < kr.start);
    expect(decreasing.length).toBeGreaterThanOrEqual(3);
    expect(krs.some((kr) => kr.weight !== 1)).toBe(true);
    expect(objectives.some((o) => o.weight !== 1)).toBe(true);
    expect(new Set(objectives.map((o) => o.kind))).toEqual(new Set(['aspirational', 'committed']));
  });

  it('rolls up with zero errors, showing exactly the intended quality warnings', () => {
    expect(alignment.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(read.flatMap((w) => w.checkinProblems)).toEqual([]);
    const shown = warnings().map((p) => `${p.code} ${p.team} ${p.krId ?? p.objectiveId ?? ''}`);
    expect(shown.sort()).toEqual(
      [
        'too-many-objectives Engineering ENG-6', // a team with six objectives
        'metric-title Marketing MKT-3', // "Tell 12 customer stories…"
        'not-measurable Customer Success CS-2-3', // a key result without a target
        'no-range Engineering ENG-2-1', // Start = Target
      ].sort(),
    );
    expect(warnings().every((p) => p.why)).toBe(true);
  });

  it('aligns through multiple parents and team-to-team links, with one orphan keeping coverage below 100%', () => {
    const byKey = new Map(alignment.objectives.map((o) => [o.key, o]));
    expect(alignment.orphans).toEqual(['ENG-6']);
    expect(alignment.coverage.ratio).toBeLessThan(1);
    expect(alignment.coverage.aligned).toBe(alignment.coverage.teamObjectives - 1);
    expect(byKey.get('ENG-6')!.reachesCompany).toBe(false);
    const multi = alignment.objectives.filter((o) => !o.isCompany && o.parents.filter((k) => byKey.get(k)!.isCompany).length >= 2);
    expect(multi.map((o) => o.key)).toContain('PROD-1');
    // A team objective under another team's objective, which itself aligns to a company objective.
    const viaTeam = alignment.objectives.filter((o) => !o.isCompany && o.parents.some((k) => !byKey.get(k)!.isCompany && byKey.get(k)!.reachesCompany));
    expect(viaTeam.map((o) => o.key)).toEqual(expect.arrayContaining(['MKT-1', 'ENG-3']));
    expect(viaTeam.every((o) => o.reachesCompany)).toBe(true);
  });

  it('tells a story: green, yellow and red objectives; on track, at risk and exactly one off track', () => {
    const team = alignment.objectives.filter((o) => !o.isCompany);
    expect(new Set(team.map((o) => o.grade))).toEqual(new Set(['green', 'yellow', 'red']));
    expect(team.filter((o) => o.status === 'on-track').length).toBeGreaterThan(team.length / 2);
    expect(team.filter((o) => o.status === 'at-risk').length).toBeGreaterThanOrEqual(2);
    expect(alignment.objectives.filter((o) => o.status === 'off-track').map((o) => o.key)).toEqual(['ENG-5']);
    expect(alignment.objectives.every((o) => o.status !== 'not-started')).toBe(true);
    expect(alignment.overall).toBeGreaterThan(0.4);
    expect(alignment.overall).toBeLessThan(0.7);
  });

  it("agrees with the sheets' own Score formulas on every key result", () => {
    expect(alignment.problems.filter((p) => p.code === 'score-mismatch')).toEqual([]);
    for (const w of read) {
      for (const kr of w.table.objectives.flatMap((o) => o.keyResults)) {
        if (kr.score === null) {
          expect(kr.sheetScore, `${w.file} ${kr.id}`).toBeNull();
          continue;
        }
        // Every score was cached by the sheet (so the agreement above is not vacuous).
        expect(kr.sheetScore, `${w.file} ${kr.id}`).not.toBeNull();
        expect(Math.abs(kr.sheetScore! - kr.score), `${w.file} ${kr.id}`).toBeLessThan(1e-6);
      }
    }
  });

  it('gives every team weekly check-ins over at least four weeks, ending where the sheet stands today', () => {
    const asOf = Date.parse(`${AS_OF}T00:00:00Z`);
    for (const w of read) {
      const times = w.checkins.map((c) => Date.parse(c.timestamp));
      expect(times.length, w.file).toBeGreaterThan(10);
      expect(Math.max(...times) - Math.min(...times), w.file).toBeGreaterThanOrEqual(28 * DAY_MS);
      expect(Math.max(...times), w.file).toBeLessThan(asOf);
      expect(Math.min(...times), w.file).toBeGreaterThanOrEqual(Date.parse('2026-10-01T00:00:00Z'));
      expect(new Set(w.checkins.map((c) => c.person)).size, w.file).toBeGreaterThanOrEqual(2);

      const krs = new Map(w.table.objectives.flatMap((o) => o.keyResults.map((kr) => [kr.id, kr] as const)));
      for (const c of w.checkins) expect(krs.get(c.krId)?.objectiveId, `${w.file} ${c.krId}`).toBe(c.objectiveId);
      for (const kr of krs.values()) {
        const last = w.checkins.filter((c) => c.krId === kr.id).at(-1);
        expect(last, `${w.file} ${kr.id} has check-ins`).toBeDefined();
        const after = kr.type === 'binary' ? parseBinary(last!.after) : parseNumber(last!.after);
        expect(after.kind === 'ok' && kr.current !== null && Math.abs(after.value - kr.current) < 1e-9, `${w.file} ${kr.id}: last check-in "${last!.after}" = Current ${kr.current}`).toBe(true);
      }
    }
  });

  it('writes .xlsx as a spreadsheet export: column formulas with cached results, dates, number formats', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(await readFile(join(DIR, 'sales.xlsx'))));
    const ws = wb.getWorksheet('OKRs')!;
    expect(wb.getWorksheet('Check-ins')).toBeDefined();
    expect(ws.getCell('B3').value).toEqual(new Date('2026-10-01T00:00:00Z'));
    const sales = read.find((w) => w.file === 'sales.xlsx')!.table;
    const row = sales.objectives[0]!.row;
    // Each computed column is one array formula in its header cell; the cells below hold its results.
    const header = ws.getCell(`K${sales.headerRow}`);
    expect(header.type).toBe(ExcelJS.ValueType.Formula);
    expect(header.result).toBe('Score');
    expect(ws.getCell(`Q${sales.headerRow}`).formula).toMatch(/MMULT/);
    expect(typeof ws.getCell(`K${row}`).value).toBe('number');
    expect(typeof ws.getCell(`Q${row}`).value).toBe('number');
    expect(ws.getCell(`R${row}`).value).toBe('yellow');
    expect(ws.getCell(`G${row}`).numFmt).toContain('$');
  });

  it('writes .csv the way people type and Google downloads: 1,000 · 8% · $1,200, results not formulas', async () => {
    const csv = (await readdir(DIR)).filter((f) => f.endsWith('.csv'));
    const text = (await Promise.all(csv.map((f) => readFile(join(DIR, f), 'utf8')))).join('\n');
    expect(text).toContain('"$1,200"');
    expect(text).toContain('"1,000"');
    expect(text).toMatch(/,\d{1,2}%,/);
    expect(text).not.toMatch(/,=/);
  });
});

describe('examples/generate.ts', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'okr-examples-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('reproduces the committed files byte for byte (if this fails, run `npx tsx examples/generate.ts`)', async () => {
    const written = await writeExamples(out);
    const files = written.flatMap((w) => w.files).sort();
    const committed = (await readdir(DIR)).filter((f) => /\.(xlsx|csv)$/.test(f)).sort();
    expect(files).toEqual(committed);
    for (const f of files) {
      const [a, b] = await Promise.all([readFile(join(out, f)), readFile(join(DIR, f))]);
      expect(a.equals(b), f).toBe(true);
    }
  });
});
