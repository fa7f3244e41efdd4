// Property tests: random OKR tables agree with the template formulas in HyperFormula; parsing never
// throws on arbitrary grids; roll-up over random alignment graphs stays within its parts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLUMNS, type ColumnKey } from '../shared/columns.ts';
import { parseOkrTable } from '../shared/contract.ts';
import { gradeFor } from '../shared/grades.ts';
import { lintTable } from '../shared/lints.ts';
import { rollup } from '../shared/rollup.ts';
import type { Alignment, ParsedTable, RollupMode } from '../shared/schemas.ts';
import { buildOkrTemplate, type TemplateCell, type TemplateObjective } from '../shared/template.ts';
import { BINARY_NO, BINARY_YES, type Cell } from '../shared/values.ts';
import { evaluateGrid } from './hf-sheet.ts';

const col = (key: ColumnKey): number => COLUMNS.findIndex((c) => c.key === key);
const EPS = 1e-9;

// ---- Random OKR tables, as Google Sheets stores what people type ----
// Numbers are realistic (integers, cents): the code and the spreadsheet then do the same float
// arithmetic; pathological floats (1 + 1e-15) would only test HyperFormula's rounding.
const amount = fc.oneof(fc.integer({ min: -1000, max: 100_000 }), fc.integer({ min: -200, max: 300 }).map((n) => n / 100));
// Text as a sheet holds it: words, whitespace of every kind, and numbers stored as text.
const text = fc.constantFrom('n/a', 'about half', 'TBD', '—', 'نعم', 'كبير', '\u00a0', '  ', '\t', '\n', '1,200', '52%', '$1,200', '3', '0.5');
const date = fc.constantFrom<TemplateCell>(new Date(Date.UTC(2026, 2, 4)), new Date(Date.UTC(2026, 0, 1, 12)));
const blank = fc.constantFrom<TemplateCell>(null, '', ' ');
const number = fc.oneof({ weight: 6, arbitrary: amount }, { weight: 2, arbitrary: blank }, { weight: 1, arbitrary: text }, { weight: 1, arbitrary: fc.boolean() }, { weight: 1, arbitrary: date });
const binaryWord = fc.constantFrom<TemplateCell>(...BINARY_YES, ...BINARY_NO, 'YES', ' No ', 'Done', 'not  done', 'yes\u00a0', 'done\n', '\tno', 'yes\u2003', 'maybe', true, false, 1, 0, 2, 0.5, null, '');
const type = fc.constantFrom<TemplateCell>('metric', 'milestone', 'binary', 'manual', 'Metric', ' MANUAL ', 'metrc', '', 'binary\u00a0', 'metric\t', '\nmilestone', 'manual\u2003', 1, true);
const weight = fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: fc.constantFrom<TemplateCell>(0, 1, 2.5, 3, -1, 0.5, 'heavy', '\u00a0', '2', '\t', true, false, new Date(Date.UTC(2026, 2, 4))) });

const keyResult = fc.record({
  type,
  start: number,
  target: number,
  current: fc.oneof(number, binaryWord),
  weight,
  // A blank title leaves the row without a key result.
  title: fc.constantFrom('Reach it', 'Ship it', '١٢٣', 'כן', '', '\u00a0', '\t\n'),
});
const objectives = fc
  .array(
    fc.record({
      kind: fc.constantFrom<string>('aspirational', 'committed', 'commit', 'stretch', '', 'whatever', '\tcommitted\n'),
      keyResults: fc.array(keyResult, { maxLength: 6 }),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((os): TemplateObjective[] =>
    os.map((o, i) => ({
      id: `R-${i + 1}`,
      title: `Objective ${i + 1}`,
      kind: o.kind as TemplateObjective['kind'],
      // Type as any cell (a number, a checkbox): the template writes it as given.
      keyResults: o.keyResults.map((k) => ({ ...k, type: k.type as string })),
    })),
  );

/** Blank rows to splice in after these data-row offsets: the column formulas cover them as they are. */
const blankRowsAt = fc.array(fc.nat({ max: 40 }), { maxLength: 4 });

function withBlankRows(objs: TemplateObjective[], gaps: number[]) {
  const t = buildOkrTemplate({ level: 'team', team: 'prop', objectives: objs, emptyRows: 2 });
  const head = t.values.slice(0, t.firstDataRow - 1);
  const body = t.values.slice(t.firstDataRow - 1);
  for (const g of [...gaps].sort((a, b) => b - a)) body.splice(Math.min(g, body.length), 0, new Array<TemplateCell>(COLUMNS.length).fill(null));
  return { values: [...head, ...body], firstDataRow: t.firstDataRow };
}

function sheetAgreesWithCode(values: Cell[][], table: ParsedTable, from: number): void {
  const krByRow = new Map(table.objectives.flatMap((o) => o.keyResults).map((k) => [k.row, k]));
  const objByRow = new Map(table.objectives.map((o) => [o.row, o]));
  for (let r = from; r <= values.length; r++) {
    const cells = values[r - 1] ?? [];
    const at = (key: ColumnKey) => cells[col(key)] ?? '';
    const k = krByRow.get(r);
    if (k?.score != null) expect(Math.abs((at('score') as number) - k.score), `Score row ${r}: sheet ${String(at('score'))}, code ${k.score}`).toBeLessThanOrEqual(EPS);
    else expect(at('score'), `Score row ${r}`).toBe('');
    const o = objByRow.get(r);
    if (o?.score != null) expect(Math.abs((at('objectiveScore') as number) - o.score), `Objective Score row ${r}`).toBeLessThanOrEqual(EPS);
    else expect(at('objectiveScore'), `Objective Score row ${r}`).toBe('');
    expect(at('grade'), `Grade row ${r}`).toBe(o ? (gradeFor(o.score, o.kind) ?? '') : '');
  }
  expect(table.problems.filter((p) => p.code === 'score-mismatch' || p.code === 'formula-error')).toEqual([]);
}

describe('random OKR tables: the sheet’s formulas equal the code', () => {
  it('every Score, Objective Score and Grade (HyperFormula)', () => {
    fc.assert(
      fc.property(objectives, blankRowsAt, (objs, gaps) => {
        const { values: grid, firstDataRow } = withBlankRows(objs, gaps);
        const { values } = evaluateGrid(grid);
        const table = parseOkrTable(values, { tab: 'OKRs', cells: 'typed' });
        expect(table.objectives.map((o) => o.id)).toEqual(objs.map((o) => o.id));
        sheetAgreesWithCode(values, table, firstDataRow);
      }),
      { numRuns: 50 },
    );
  });
});

// ---- Arbitrary grids ----
const HEADER_WORDS = COLUMNS.flatMap((c) => [c.header, ...c.aliases]);
const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('مرحبا بالعالم', 'שלום עולם', '\u202eevil\u202c', '\u200f42\u200e', '٣٫٥', '١٬٠٠٠', '0x1F', '1e309', '-0', '(3)', '€ 1 200,50', '12%', '—'),
  fc.constantFrom(...HEADER_WORDS, 'metric', 'milestone', 'binary', 'manual', 'Team:', 'Start:', 'End: 2026-13-45', 'Mission: x', 'Level: company', ...BINARY_YES, ...BINARY_NO),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.date(),
  fc.constant(new Date(Number.NaN)),
  fc.constantFrom(null, undefined, '', '   '),
  fc.nat({ max: 3 }).map((n) => 'x'.repeat(50_000 * (n + 1))),
);
const anyRow = fc.array(anyCell, { maxLength: 20 });
const anyGrid = fc.tuple(fc.array(anyRow, { maxLength: 25 }), fc.boolean(), fc.nat({ max: 12 })).map(([rows, withHeader, at]) => {
  // Half the time, a real header somewhere in the first rows so the parse goes all the way.
  if (withHeader) rows.splice(Math.min(at, rows.length), 0, COLUMNS.map((c) => c.header));
  return rows;
});

const inUnit = (x: number | null) => x === null || (x >= 0 && x <= 1);

describe('parsing arbitrary grids', () => {
  it('never throws; scores stay in [0,1] or null; problems are well-formed', () => {
    fc.assert(
      fc.property(anyGrid, (grid) => {
        const t = parseOkrTable(grid, { tab: 'Fuzz' });
        for (const o of t.objectives) {
          expect(inUnit(o.score), `objective ${o.id} score ${o.score}`).toBe(true);
          for (const k of o.keyResults) expect(inUnit(k.score), `kr ${k.id} score ${k.score}`).toBe(true);
        }
        for (const p of t.problems) {
          expect(['error', 'warning']).toContain(p.severity);
          expect(typeof p.message).toBe('string');
          expect(p.tab).toBe('Fuzz');
          if (p.row !== undefined) expect(p.row >= 1 && p.row <= grid.length).toBe(true);
        }
        lintTable(t, { asOf: new Date('2026-06-01T00:00:00Z') });
        rollup([t], { asOf: '2026-06-01T00:00:00Z' });
      }),
      { numRuns: 200 },
    );
  });
});

// ---- Random alignment graphs ----
const graph = fc
  .record({
    company: fc.array(fc.record({ id: fc.constantFrom('CO-1', 'CO-2', 'CO-3', 'A-1'), parents: fc.array(fc.constantFrom('CO-1', 'CO-2', 'A-1', 'ZZ-9'), { maxLength: 2 }), score: fc.option(fc.double({ min: 0, max: 1, noNaN: true })), weight: fc.constantFrom<Cell>(null, 0, 1, 2, -1) }), { maxLength: 3 }),
    teams: fc.array(
      fc.array(
        fc.record({
          id: fc.constantFrom('A-1', 'A-2', 'A-3', 'B-1', 'B-2', 'C-1', 'CO-1'),
          parents: fc.array(fc.constantFrom('CO-1', 'CO-2', 'CO-3', 'A-1', 'A-2', 'A-3', 'B-1', 'B-2', 'C-1', 'NOPE'), { maxLength: 3 }),
          score: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
          weight: fc.constantFrom<Cell>(null, 0, 1, 2, 0.5, -1),
        }),
        { maxLength: 6 },
      ),
      { minLength: 1, maxLength: 3 },
    ),
    mode: fc.constantFrom<RollupMode>('both', 'key-results', 'children'),
  });

type GraphObjective = { id: string; parents: string[]; score: number | null; weight: Cell };
function graphTable(team: string, objs: GraphObjective[], company: boolean): ParsedTable {
  const header = ['Objective ID', 'Objective', 'Aligns To', 'Key Result', 'Type', 'Current', 'Objective Weight'];
  const meta: Cell[][] = company ? [['Mission: win']] : [['Team:', team]];
  // A null score: an objective with no key results.
  const rows = objs.map((o): Cell[] => [o.id, 'An objective', o.parents.join(', '), o.score === null ? null : 'KR', o.score === null ? null : 'manual', o.score, o.weight]);
  return parseOkrTable([...meta, header, ...rows], { tab: 'OKRs' });
}

function checkAlignment(a: Alignment): void {
  const byKey = new Map(a.objectives.map((o) => [o.key, o]));
  expect(byKey.size).toBe(a.objectives.length); // keys are unique
  for (const o of a.objectives) {
    const own = o.keyResults.length > 0 ? o.score : null;
    const kids = o.children.map((k) => byKey.get(k)!).filter((c) => c.rolledScore !== null && c.weight > 0).map((c) => c.rolledScore!);
    const parts = a.mode === 'key-results' ? [own] : a.mode === 'children' ? (kids.length ? kids : [own]) : [own, ...kids];
    const counted = parts.filter((s): s is number => s !== null);
    if (counted.length === 0) expect(o.rolledScore, o.key).toBeNull();
    else {
      expect(o.rolledScore, o.key).not.toBeNull();
      expect(o.rolledScore!).toBeGreaterThanOrEqual(Math.min(...counted) - 1e-12);
      expect(o.rolledScore!).toBeLessThanOrEqual(Math.max(...counted) + 1e-12);
    }
    // Links are symmetric, never inside a cycle, never to oneself.
    for (const p of o.parents) expect(byKey.get(p)!.children).toContain(o.key);
    for (const c of o.children) expect(byKey.get(c)!.parents).toContain(o.key);
    expect(o.parents).not.toContain(o.key);
    // Reaching the company: company objectives, or a parent that does.
    expect(o.reachesCompany).toBe(o.isCompany || o.parents.some((p) => byKey.get(p)!.reachesCompany));
    if (o.inCycle) expect(a.problems.some((p) => p.code === 'cycle' && p.objectiveId === o.id && p.message.startsWith(`cycle: ${o.id} → `))).toBe(true);
  }
  // What is left of the links is acyclic.
  const state = new Map<string, 'open' | 'done'>();
  const visit = (k: string): void => {
    expect(state.get(k), `cycle left through ${k}`).not.toBe('open');
    if (state.get(k) === 'done') return;
    state.set(k, 'open');
    for (const p of byKey.get(k)!.parents) visit(p);
    state.set(k, 'done');
  };
  for (const k of byKey.keys()) visit(k);
  const { ratio, aligned, teamObjectives } = a.coverage;
  expect(aligned).toBeLessThanOrEqual(teamObjectives);
  if (teamObjectives === 0) expect(ratio).toBeNull();
  else expect(ratio! >= 0 && ratio! <= 1).toBe(true);
  for (const k of a.orphans) expect(byKey.get(k)!.parents).toEqual([]);
}

describe('random alignment graphs', () => {
  it('roll-up never throws; each rolled score lies within its parts; coverage in [0,1]', () => {
    fc.assert(
      fc.property(graph, ({ company, teams, mode }) => {
        const tables = [
          ...(company.length ? [graphTable('Company', company, true)] : []),
          ...teams.map((objs, i) => graphTable(`team-${i}`, objs, false)),
        ];
        const a = rollup(tables, { mode, asOf: '2026-06-01T00:00:00Z' });
        expect(a.mode).toBe(mode);
        checkAlignment(a);
      }),
      { numRuns: 200 },
    );
  });
});
