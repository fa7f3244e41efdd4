import { describe, expect, it } from 'vitest';
import { GRADE_COLORS } from '../../shared/grades.ts';
import type { CheckinInput, HistoryRow, StoredCheckin } from '../../sync-service/db/types.ts';
import type { CompanySheetWriter as EngineWriter } from '../../sync-service/engine/sync.ts';
import { type CheckinPoint, type HistoryPoint, INDENT, MAX_STALE_ROWS, buildCompanyWorkbook } from '../../sync-service/company-sheet/build.ts';
import { createCompanySheetWriter } from '../../sync-service/company-sheet/google.ts';
import { type ModelCell, type SheetModel, type WorkbookModel, isDate, isNumber, isText, modelHash } from '../../sync-service/company-sheet/model.ts';
import { rollup } from '../../shared/rollup.ts';
import { buildAlignmentDocument } from '../../sync-service/engine/document.ts';
import { AS_OF, HOSTILE, companyDocument, historyOf, salesCheckins, tables } from './documents.ts';

// Compile-time: the store's rows and the engine's writer type fit this module's structural types.
const _history: readonly HistoryPoint[] = [] as HistoryRow[];
const _stored: readonly CheckinPoint[] = [] as StoredCheckin[];
const _input: readonly CheckinPoint[] = [] as CheckinInput[];
const _writer: EngineWriter = createCompanySheetWriter({ spreadsheetId: 'x' });
void [_history, _stored, _input, _writer];

const sheet = (m: WorkbookModel, name: string): SheetModel => {
  const s = m.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no ${name}`);
  return s;
};
const plain = (c: ModelCell | null | undefined) => (!c ? null : isText(c) ? c.text : isNumber(c) ? c.number : isDate(c) ? c.date : null);
const values = (s: SheetModel) => s.rows.map((r) => r.map(plain));
const rowStarting = (s: SheetModel, first: string) => {
  const r = s.rows.find((x) => plain(x[0]) === first);
  if (!r) throw new Error(`no row ${first} in ${s.name}`);
  return r;
};

describe('buildCompanyWorkbook', () => {
  const doc = companyDocument();
  const model = buildCompanyWorkbook(doc, { checkins: salesCheckins() }, new Date('2026-08-15T12:00:00Z'));

  it('has the eight tabs in order', () => {
    expect(model.sheets.map((s) => s.name)).toEqual(['Summary', 'Alignment', 'Teams', 'Trends', 'Periods', 'Check-ins', 'Learnings', 'Problems']);
  });

  it('Learnings: says none is graded until a quarter is closed', () => {
    expect(values(sheet(model, 'Learnings')).slice(1)).toEqual([[expect.stringContaining('No objective is graded yet')]]);
  });

  it('Learnings: one row per graded objective, company first, final score filled by its grade, learning as text', () => {
    const t = tables();
    const [sales1, sales2] = t[1]!.objectives;
    Object.assign(sales1!, { finalScore: 0.45, learning: HOSTILE.formula, carryOn: true });
    Object.assign(sales2!, { finalScore: null, learning: '', carryOn: false });
    Object.assign(t[0]!.objectives[0]!, { finalScore: 0.8, learning: 'Focus wins' });
    const graded = buildAlignmentDocument(rollup(t, { asOf: AS_OF }), { company: { name: 'Acme' } });
    const s = sheet(buildCompanyWorkbook(graded), 'Learnings');
    expect(values(s)).toEqual([
      ['Team', 'Objective ID', 'Objective', 'Final score', 'Live score', 'Learning', 'Carries on', 'Aligns to'],
      ['Company', 'CO-1', 'Win the market', 0.8, 0.4, 'Focus wins', '', ''],
      ['Sales', 'S-1', 'Close deals', 0.45, 0.45, HOSTILE.formula, 'Yes', 'CO-1'],
      ['Sales', 'S-2', 'Hire reps', null, 0.5, '', 'No', 'CO-1'],
    ]);
    expect(s.rows[1]![3]!.style).toEqual({ fill: GRADE_COLORS.green.background, color: GRADE_COLORS.green.text });
    expect(s.rows[2]![3]!.style).toEqual({ fill: GRADE_COLORS.yellow.background, color: GRADE_COLORS.yellow.text });
    // A closed quarter changes the model (and so the write); the same one again does not.
    expect(modelHash(buildCompanyWorkbook(graded))).not.toBe(modelHash(buildCompanyWorkbook(companyDocument())));
  });

  it('Summary: company, mission, period, overall score with its grade fill, time elapsed, one row per company objective', () => {
    const s = sheet(model, 'Summary');
    expect(plain(rowStarting(s, 'Company')[1])).toBe('Acme');
    expect(plain(rowStarting(s, 'Mission')[1])).toBe('Make OKRs easy');
    expect(plain(rowStarting(s, 'Period')[1])).toBe('2026-Q3 (2026-07-01 – 2026-09-30)');
    const overall = rowStarting(s, 'Overall score')[1];
    expect(overall).toMatchObject({ number: doc.overall, format: '0.00', style: { fill: GRADE_COLORS.yellow.background } });
    // 45 whole days of 92 have passed at the start of 2026-08-15 (UTC).
    expect(rowStarting(s, 'Time elapsed')[1]).toEqual({ number: 45 / 92, format: '0%' });
    const co1 = rowStarting(s, 'Win the market');
    const node = doc.tree.find((n) => n.id === 'CO-1')!;
    expect(co1.map(plain)).toEqual(['Win the market', 'CO-1', 'Ana', node.rolledScore, 'Yellow', 'On track', 2, 0.5, 'Sales']);
    expect(plain(rowStarting(s, HOSTILE.formula)[2])).toBe(HOSTILE.dde);
  });

  it('Alignment: the tree depth-indented, then the unaligned objectives', () => {
    const s = sheet(model, 'Alignment');
    expect(s.frozenRows).toBe(1);
    expect(values(s).map((r) => r.slice(0, 3))).toEqual([
      ['Objective', 'ID', 'Team'],
      ['Win the market', 'CO-1', 'Company'],
      [`${INDENT}Close deals`, 'S-1', 'Sales'],
      [`${INDENT}Hire reps`, 'S-2', 'Sales'],
      [HOSTILE.formula, 'CO-2', 'Company'],
      [`${INDENT}Build the platform`, 'E-1', 'Engineering'],
      [],
      ['Not aligned to a company objective'],
      [HOSTILE.script, 'E-2', 'Engineering'],
    ]);
    const e1 = rowStarting(s, `${INDENT}Build the platform`);
    expect(e1[5]).toMatchObject({ number: 0.8, style: { fill: GRADE_COLORS.green.background } });
    expect(plain(e1[6])).toBe('Green');
    expect(rowStarting(s, 'Win the market')[0]?.style).toMatchObject({ bold: true });
  });

  it('Teams: counts, average score, last check-in, stale flags (and teams missing altogether)', () => {
    const stale = companyDocument({
      staleTeams: [
        { team: 'Sales', sourceId: 's', name: 'sales.xlsx', reason: 'HTTP 500', hasSnapshot: true, lastGoodSyncId: 3 },
        { team: 'Ops', sourceId: 'o', name: 'ops.xlsx', reason: 'not found', hasSnapshot: false, lastGoodSyncId: null },
      ],
    });
    const s = sheet(buildCompanyWorkbook(stale, { checkins: salesCheckins() }, AS_OF), 'Teams');
    expect(rowStarting(s, 'Sales').map(plain)).toEqual(['Sales', 'sales.xlsx', 2, 2, 0.475, 2, '2026-08-14T09:30:00.000Z', 'Yes', 'HTTP 500', 0, 0]);
    expect(rowStarting(s, 'Ops').map(plain)).toEqual(['Ops', 'ops.xlsx', null, null, null, null, null, 'Yes (missing)', 'not found', null, null]);
    expect(plain(rowStarting(s, 'Engineering')[6])).toBeNull();
    expect(values(sheet(buildCompanyWorkbook(stale, {}, AS_OF), 'Alignment')).find((r) => r[1] === 'S-1')?.[8]).toBe('stale: last good values of Sales');
  });

  it('Trends: one row per date (the last sync of each day), one column per company objective, today from the document', () => {
    const early = companyDocument({ sales: 0, asOf: new Date('2026-08-01T09:00:00Z') });
    const later = companyDocument({ sales: 100, asOf: new Date('2026-08-01T18:00:00Z') });
    const history = [
      ...historyOf(later, 2, '2026-08-01T18:00:00Z'),
      ...historyOf(early, 1, '2026-08-01T09:00:00Z'),
      // Another period's objectives with the same ids are left out.
      ...historyOf(early, 0, '2026-06-20T09:00:00Z').map((h) => ({ ...h, period: '2026-Q2' })),
    ];
    const s = sheet(buildCompanyWorkbook(doc, { history }, AS_OF), 'Trends');
    const co = (d: typeof doc, id: string) => d.objectives.find((o) => o.id === id)!.rolledScore;
    expect(values(s)).toEqual([
      ['Date', 'CO-1: Win the market', `CO-2: ${HOSTILE.formula}`],
      ['2026-08-01', co(later, 'CO-1'), co(later, 'CO-2')],
      ['2026-08-15', co(doc, 'CO-1'), co(doc, 'CO-2')],
    ]);
    expect(co(later, 'CO-1')).not.toBe(co(early, 'CO-1'));
    expect(s.chart).toMatchObject({ headerRow: 0, rowCount: 3, domainColumn: 0, seriesColumns: [1, 2] });
  });

  it('Check-ins: values read as people typed them, with the same formatter as the view and the CLI', () => {
    const rated = companyDocument();
    const kr = rated.objectives.flatMap((o) => o.keyResults).find((k) => k.id === 'S-1.1')!;
    Object.assign(kr, { title: 'Activation from 35% to 70%', start: 0.35, target: 0.7, currentRaw: '0.5' });
    const checkins = salesCheckins().map((c) => (c.krId === 'S-1.1' ? { ...c, before: '0.35', after: 0.7 } : c));
    const v = values(sheet(buildCompanyWorkbook(rated, { checkins }, new Date('2026-08-15T12:00:00Z')), 'Check-ins'));
    expect(v[2]?.[5]).toBe('35% → 70%');
  });

  it('Check-ins: what moved in the last 7 days and key results without a check-in for 14 days', () => {
    const s = sheet(model, 'Check-ins');
    const v = values(s);
    expect(v[2]).toEqual(['2026-08-14T09:30:00.000Z', 'Sales', 'S-1', 'S-1.1', HOSTILE.at, '30 → 45', 0.45, 0.8, HOSTILE.minus, HOSTILE.note]);
    expect(v[3]).toEqual([]); // only one check-in this week
    const stale = v.slice(v.findIndex((r) => r[0] === 'Team') + 1);
    // Most neglected first: never checked in (by team), then the longest since.
    expect(stale.map((r) => r[2])).toEqual(['CO-1.1', 'CO-2.1', 'E-1.1', 'E-2.1', 'S-2.1']);
    expect(stale.find((r) => r[2] === 'S-2.1')).toEqual(['Sales', 'S-2', 'S-2.1', 'Reps hired', 'Eli', '2026-07-10T16:00:00.000Z', 36]);
    expect(stale.find((r) => r[2] === 'CO-1.1')?.[5]).toBe('never');
    // Without check-in data the tab says so instead of calling every key result stale.
    const none = values(sheet(buildCompanyWorkbook(doc, {}, AS_OF), 'Check-ins'));
    expect(none.filter((r) => r[0] === 'Check-in history was not available for this sheet.')).toHaveLength(2);
  });

  it('Check-ins: lists at most MAX_STALE_ROWS stale key results and says how many more there are', () => {
    const big = companyDocument();
    const o = big.objectives.find((x) => !x.isCompany)!;
    const template = o.keyResults[0]!;
    o.keyResults = Array.from({ length: MAX_STALE_ROWS + 40 }, (_, i) => ({ ...template, id: `BIG-${i + 1}`, title: `Key result ${i + 1}` }));
    const v = values(sheet(buildCompanyWorkbook(big, { checkins: [] }, AS_OF), 'Check-ins'));
    const rows = v.slice(v.findIndex((r) => r[0] === 'Team') + 1);
    const total = big.objectives.reduce((n, x) => n + x.keyResults.length, 0);
    expect(rows).toHaveLength(MAX_STALE_ROWS + 1);
    expect(rows.at(-1)?.[0]).toBe(`…and ${total - MAX_STALE_ROWS} more stale key results: every team's page in the alignment view lists its own.`);
  });

  it('Problems: team / tab / row / column / severity / message', () => {
    const s = sheet(model, 'Problems');
    expect(values(s)[0]).toEqual(['Team', 'Tab', 'Row', 'Column', 'Severity', 'Message', 'Why']);
    expect(s.rows).toHaveLength(doc.problems.length + 1);
    const p = doc.problems[0]!;
    expect(values(s)[1]?.slice(0, 5)).toEqual([p.team, p.tab, p.row ?? null, p.column ?? '', p.severity]);
    expect(s.rows[1]?.[4]?.style?.fill).toBe(GRADE_COLORS.yellow.background);
  });

  it('keeps text as text: no cell turns a team’s string into anything else', () => {
    const texts = model.sheets.flatMap((s) => s.rows.flat()).filter(isText).map((c) => c.text);
    for (const h of [HOSTILE.formula, HOSTILE.dde, HOSTILE.at, HOSTILE.script, HOSTILE.minus, HOSTILE.note]) expect(texts).toContain(h);
  });

  it('depends on the clock only through the day, so its hash is stable between syncs of the same day', () => {
    const at = (iso: string) => modelHash(buildCompanyWorkbook(doc, { checkins: salesCheckins() }, new Date(iso)));
    expect(at('2026-08-15T00:00:01Z')).toBe(at('2026-08-15T23:59:59Z'));
    expect(at('2026-08-16T00:00:01Z')).not.toBe(at('2026-08-15T23:59:59Z'));
    expect(modelHash(buildCompanyWorkbook(companyDocument({ sales: 46 }), {}, AS_OF))).not.toBe(modelHash(buildCompanyWorkbook(doc, {}, AS_OF)));
  });
});
