// Property tests through the file readers: random OKR tables are written as .xlsx (ExcelJS) and as
// .csv (comma or semicolon with decimal commas, LF or CRLF, with or without a BOM, UTF-8 or
// Latin-1), read back through the folder source, parsed and rolled up. Reading never throws, every
// cell comes back as written, every score is in [0, 1], and every score that combines others lies
// between the smallest and the largest of them. (The pure-contract properties are in
// test/properties.test.ts; these exercise the readers and the byte-level formats.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { rollup } from '../../shared/rollup.ts';
import { type Cell, cellText, parseNumber } from '../../shared/values.ts';
import { folderSource } from '../../sync-service/sources/folder.ts';
import { parseWorkbook } from '../../sync-service/sources/parse.ts';
import { OKR_HEADER } from '../fixtures/workbooks.ts';

type Written = string | number | boolean | null;

// ---- random tables ---------------------------------------------------------------------------------

// Text people type, with what breaks naive readers: delimiters, quotes, new lines, RTL, emoji, and
// Latin-1 letters. Characters 0x80–0xBF are left out of the Latin-1 alphabet: after a letter from
// 0xC0 up they can form valid UTF-8, and no reader can tell such bytes apart.
const LATIN1_SAFE = [...'abcXYZ 019-_.éüßñøÉÅç'];
const WIDE = [...'"\',;\n\r\t=<>/&عربىעבר🚀👩‍💻\u202e\u00a0'];
const latin1Text = fc.string({ unit: fc.constantFrom(...LATIN1_SAFE), maxLength: 12 });
const anyText = fc.string({ unit: fc.constantFrom(...LATIN1_SAFE, ...WIDE), maxLength: 12 });
/** Numbers as spreadsheets hold them: integers and cents (≤ 2 decimals, so "1,50" is never read as thousands). */
const amount = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100),
);
const cell = (text: fc.Arbitrary<string>): fc.Arbitrary<Written> =>
  fc.oneof(
    { weight: 3, arbitrary: text },
    { weight: 3, arbitrary: amount },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 2, arbitrary: fc.constant(null) },
  );

const ID_POOL = ['P1', 'P2', 'P3', 'P4', 'Ü-5', 'ع6'];
/** Latin-1 files can only hold Latin-1 ids. */
const LATIN1_IDS = ['P1', 'P2', 'P3', 'P4', 'Ü-5', 'ø6'];
const TYPES = ['metric', 'milestone', 'binary', 'manual', 'Metric ', 'metrc', ''];

interface Table {
  header: string[];
  rows: Written[][];
}

/** A header (required columns plus a random subset of the rest, in random order) and rows. */
const table = (text: fc.Arbitrary<string>, ids: readonly string[] = ID_POOL): fc.Arbitrary<Table> =>
  fc
    .record({
      optional: fc.subarray(OKR_HEADER.filter((h) => !['Objective ID', 'Objective', 'Key Result', 'Type'].includes(h))),
      order: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
      rows: fc.array(
        fc.record({
          id: fc.oneof(fc.constantFrom<Written>(...ids), fc.constant(null)),
          alignsTo: fc.oneof(fc.constantFrom<Written>(...ids, 'P1; P2', 'NOPE'), fc.constant(null)),
          type: fc.constantFrom<Written>(...TYPES),
          start: fc.oneof(amount, fc.constant(null)),
          target: fc.oneof(amount, fc.constant(null)),
          current: cell(text),
          weight: fc.oneof(fc.constantFrom<Written>(null, 0, 1, 2.5, -1, 'heavy'), amount),
          other: cell(text),
          krTitle: fc.oneof(text, fc.constant(null)),
        }),
        { maxLength: 25 },
      ),
    })
    .map(({ optional, order, rows }) => {
      const header = ['Objective ID', 'Objective', 'Key Result', 'Type', ...optional]
        .map((h, i) => ({ h, k: order[i] ?? 0 }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.h);
      const value = (h: string, r: (typeof rows)[number], i: number): Written => {
        switch (h) {
          case 'Objective ID':
            return r.id;
          case 'Objective':
            return r.id === null ? null : `Objective ${i}`;
          case 'Aligns To':
            return r.alignsTo;
          case 'Key Result':
            return r.krTitle;
          case 'Type':
            return r.type;
          case 'Start':
            return r.start;
          case 'Target':
            return r.target;
          case 'Current':
            return r.current;
          case 'Weight':
          case 'Objective Weight':
            return r.weight;
          default:
            return r.other;
        }
      };
      return { header, rows: rows.map((r, i) => header.map((h) => value(h, r, i))) };
    });

// ---- writing and reading -----------------------------------------------------------------------------

const dir = mkdtempSync(path.join(tmpdir(), 'okr-props-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;

async function writeXlsx(t: Table): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('OKRs');
  for (const [r, row] of [t.header, ...t.rows].entries()) {
    for (const [c, v] of row.entries()) if (v !== null) ws.getCell(r + 1, c + 1).value = v;
  }
  const name = `t${++seq}.xlsx`;
  await wb.xlsx.writeFile(path.join(dir, name));
  return name;
}

interface CsvDialect {
  delimiter: ',' | ';';
  crlf: boolean;
  bom: boolean;
  latin1: boolean;
}

/** How a spreadsheet exports a cell: booleans in capitals, decimal commas in semicolon files. */
function csvField(v: Written, d: CsvDialect): string {
  if (v === null) return '';
  const s = typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : typeof v === 'number' && d.delimiter === ';' ? String(v).replace('.', ',') : String(v);
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeCsv(t: Table, d: CsvDialect): string {
  const eol = d.crlf ? '\r\n' : '\n';
  const text = [t.header, ...t.rows].map((r) => r.map((v) => csvField(v, d)).join(d.delimiter)).join(eol) + eol;
  const body = Buffer.from(text, d.latin1 ? 'latin1' : 'utf8');
  const name = `t${++seq}.csv`;
  writeFileSync(path.join(dir, name), d.bom && !d.latin1 ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body);
  return name;
}

/** Reads one file through the folder source, as a sync would. */
async function readThroughSource(name: string) {
  const source = folderSource(dir);
  const { entries } = await source.list(new Map());
  const entry = entries.find((e) => e.sourceId === `file:${name}`);
  if (!entry) throw new Error(`${name} not listed`);
  return source.read(entry);
}

// ---- the properties ------------------------------------------------------------------------------

/** Every written cell reads back as itself (text as the contract normalises it; numbers as numbers). */
function expectRoundTrip(t: Table, grid: readonly (readonly Cell[])[], kind: 'xlsx' | 'csv') {
  const written = [t.header, ...t.rows];
  const bad: string[] = [];
  for (const [r, row] of written.entries()) {
    for (const [c, v] of row.entries()) {
      const got = grid[r]?.[c] ?? null;
      if (typeof v === 'number') {
        const n =
          kind === 'xlsx'
            ? got
            : (() => {
                const p = parseNumber(got);
                return p.kind === 'ok' ? p.value : got;
              })();
        if (n !== v) bad.push(`r${r + 1}c${c + 1}: wrote ${v}, read ${JSON.stringify(got)}`);
      } else if (cellText(got) !== cellText(v)) bad.push(`r${r + 1}c${c + 1}: wrote ${JSON.stringify(v)}, read ${JSON.stringify(got)}`);
    }
  }
  // Nothing read beyond what was written (blank cells aside).
  for (const [r, row] of grid.entries()) {
    for (const [c, got] of row.entries()) {
      if ((r >= written.length || c >= (written[r]?.length ?? 0)) && cellText(got) !== '') bad.push(`r${r + 1}c${c + 1}: extra ${JSON.stringify(got)}`);
    }
  }
  expect(bad).toEqual([]);
}

/** Scores in [0, 1]; objective scores and roll-ups between the smallest and largest of their parts. */
function expectScoresWithinParts(tables: ReturnType<typeof parseWorkbook>['table'][]) {
  const within = (v: number, parts: number[]) => parts.length > 0 && v >= Math.min(...parts) - 1e-12 && v <= Math.max(...parts) + 1e-12;
  for (const t of tables) {
    for (const o of t.objectives) {
      for (const kr of o.keyResults) if (kr.score !== null) expect(kr.score >= 0 && kr.score <= 1, `${kr.id} ${kr.score}`).toBe(true);
      const parts = o.keyResults.filter((k) => k.score !== null && k.weight > 0).map((k) => k.score!);
      if (o.score !== null) expect(within(o.score, parts), `${o.id}: ${o.score} of ${parts}`).toBe(true);
      else expect(parts).toEqual([]);
    }
  }
  const a = rollup(tables, { asOf: new Date('2026-02-15T12:00:00Z') });
  const byKey = new Map(a.objectives.map((o) => [o.key, o]));
  for (const o of a.objectives) {
    const parts = [
      ...(o.keyResults.length > 0 && o.score !== null ? [o.score] : []),
      ...o.children
        .map((k) => byKey.get(k)!)
        .filter((c) => c.weight > 0 && c.rolledScore !== null)
        .map((c) => c.rolledScore!),
    ];
    if (o.rolledScore === null) expect(parts).toEqual([]);
    else {
      expect(o.rolledScore >= 0 && o.rolledScore <= 1).toBe(true);
      expect(within(o.rolledScore, parts), `${o.key}: ${o.rolledScore} of ${parts}`).toBe(true);
    }
  }
}

describe('random tables through the folder source', () => {
  it('.xlsx: reads back as written; parsing never throws; scores stay within their parts', async () => {
    await fc.assert(
      fc.asyncProperty(table(anyText), async (t) => {
        const name = await writeXlsx(t);
        const grids = await readThroughSource(name);
        expect(grids.okr[0]?.tab).toBe('OKRs');
        expectRoundTrip(t, grids.okr[0]!.grid, 'xlsx');
        const parsed = parseWorkbook(grids, 'Random');
        expect(parsed.table.headerRow).toBe(1);
        expectScoresWithinParts([parsed.table]);
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  const dialect = fc.record({ delimiter: fc.constantFrom<',' | ';'>(',', ';'), crlf: fc.boolean(), bom: fc.boolean(), latin1: fc.boolean() });
  const csvCase = dialect.chain((d) => fc.record({ d: fc.constant(d), t: d.latin1 ? table(latin1Text, LATIN1_IDS) : table(anyText) }));

  it('.csv in any dialect: reads back as written; parsing never throws; scores stay within their parts', async () => {
    await fc.assert(
      fc.asyncProperty(csvCase, async ({ d, t }) => {
        const name = writeCsv(t, d);
        const grids = await readThroughSource(name);
        expect(grids.okr[0]?.tab).toBe(name);
        expectRoundTrip(t, grids.okr[0]!.grid, 'csv');
        const parsed = parseWorkbook(grids, 'Random');
        expect(parsed.table.headerRow).toBe(1);
        expectScoresWithinParts([parsed.table]);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('several random files roll up together within their parts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(table(anyText), { minLength: 2, maxLength: 4 }), async (tables) => {
        const parsed = [];
        for (const [i, t] of tables.entries()) {
          const name = i % 2 === 0 ? await writeXlsx(t) : writeCsv(t, { delimiter: ',', crlf: false, bom: false, latin1: false });
          parsed.push(parseWorkbook(await readThroughSource(name), `Team ${i}`).table);
        }
        expectScoresWithinParts(parsed);
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
