import { describe, expect, it } from 'vitest';
import { insertCompanyOkrs, insertTeamOkrs, repairFormulas } from '../../apps-script/main.ts';
import { SETTINGS_PROPERTY } from '../../apps-script/settings.ts';
import { EMPTY_ROWS, TAB_NAMES } from '../../apps-script/template-tab.ts';
import { COLUMNS, type ColumnKey, DEFAULT_CHECKINS_TAB } from '../../shared/columns.ts';
import { parseOkrTable } from '../../shared/contract.ts';
import { KINDS, KR_TYPES } from '../../shared/enums.ts';
import { localizeFormula, objectiveRowRule, scoreGradeRule, TEMPLATE_LETTERS } from '../../shared/formulas.ts';
import { GRADE_COLORS, gradeFor } from '../../shared/grades.ts';
import type { Grade, ParsedTable } from '../../shared/schemas.ts';
import { scoreKeyResult } from '../../shared/scoring.ts';
import { buildOkrTemplate, CHECKIN_HEADERS, exampleObjectives } from '../../shared/template.ts';
import { validateTables } from '../../shared/validate.ts';
import type { AppsScriptFake } from '../fakes/apps-script/index.ts';
import { grid, useAddonFake } from './harness.ts';

const col = (key: ColumnKey) => COLUMNS.findIndex((c) => c.key === key) + 1;
const team = buildOkrTemplate({
  level: 'team',
  objectives: exampleObjectives('team'),
  emptyRows: EMPTY_ROWS,
});
const company = buildOkrTemplate({
  level: 'company',
  objectives: exampleObjectives('company'),
  emptyRows: EMPTY_ROWS,
});
const AS_OF = new Date('2026-02-15T12:00:00Z');

function parse(fake: AppsScriptFake, tab: string): ParsedTable {
  return parseOkrTable(grid(fake, tab), { tab, cells: 'typed' });
}

/** Writes cells of one row by column key, through Range.setValues. */
function setRow(fake: AppsScriptFake, tab: string, row: number, cells: Partial<Record<ColumnKey, string | number | boolean>>): void {
  const sheet = fake.sheet(tab);
  for (const [key, value] of Object.entries(cells) as [ColumnKey, string | number | boolean][]) sheet.getRange(row, col(key)).setValues([[value]]);
}

/** Every key result's sheet Score and every objective's Objective Score and Grade agree with shared scoring. */
function expectSheetScoresMatchShared(fake: AppsScriptFake, tab: string): ParsedTable {
  const table = parse(fake, tab);
  const values = grid(fake, tab);
  expect(table.problems.filter((p) => p.code === 'score-mismatch' || p.code === 'formula-error')).toEqual([]);
  for (const o of table.objectives) {
    for (const kr of o.keyResults) {
      const expected = scoreKeyResult({
        type: kr.type,
        start: kr.start,
        target: kr.target,
        current: kr.current,
      });
      expect(kr.sheetScore, `${kr.id} Score cell`).not.toBeNull();
      expect(kr.sheetScore!).toBeCloseTo(expected.score ?? Number.NaN, 9);
    }
    const row = values[o.row - 1]!;
    expect(row[col('objectiveScore') - 1], `${o.id} Objective Score`).toBeCloseTo(o.score!, 9);
    expect(row[col('grade') - 1], `${o.id} Grade`).toBe(gradeFor(o.score, o.kind));
  }
  return table;
}

describe('Insert team OKRs / Insert company OKRs', () => {
  const fake = useAddonFake();

  it('adds an OKRs tab and a Check-ins tab, and the template parses with zero problems', () => {
    const f = fake();
    insertTeamOkrs();
    expect(f.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'OKRs', DEFAULT_CHECKINS_TAB]);
    expect(f.spreadsheet.getActiveSheet().getName()).toBe('OKRs');
    expect(
      f
        .sheetFormulas('OKRs')
        .flat()
        .filter((x) => x).length,
    ).toBeGreaterThan(0);
    const table = parse(f, 'OKRs');
    expect(validateTables([table], { asOf: AS_OF })).toEqual([]);
    expect(table.headerRow).toBe(team.headerRow);
    expect(table.objectives.map((o) => o.id)).toEqual(['TEAM-1', 'TEAM-2']);
    expect(new Set(table.objectives.flatMap((o) => o.keyResults.map((k) => k.type)))).toEqual(new Set(KR_TYPES));
    expect(grid(f, DEFAULT_CHECKINS_TAB)[0]).toEqual([...CHECKIN_HEADERS]);
    expect(f.sheet(DEFAULT_CHECKINS_TAB).getFrozenRows()).toBe(1);
  });

  it('writes exactly the shared template: values and formulas, in one setValues', () => {
    const f = fake();
    const m = f.counters.measure(() => insertTeamOkrs());
    expect(m.byMethod['Range.setValues']).toBe(2); // the template, and the Check-ins header
    const formulas = f.sheetFormulas('OKRs');
    const values = grid(f, 'OKRs');
    for (const [r, row] of team.values.entries()) {
      for (const [c, cell] of row.entries()) {
        if (typeof cell === 'string' && cell.startsWith('=')) expect(formulas[r]![c]).toBe(cell);
        else if (cell !== null && cell !== '') expect(values[r]![c]).toEqual(cell);
      }
    }
  });

  it('never overwrites a tab: the next insert picks the next free name', () => {
    const f = fake();
    insertTeamOkrs();
    setRow(f, 'OKRs', team.firstDataRow, { current: 0.5 });
    const before = f.sheetValues('OKRs');
    insertTeamOkrs();
    insertTeamOkrs();
    insertCompanyOkrs();
    insertCompanyOkrs();
    const names = f.spreadsheet.getSheets().map((s) => s.getName());
    expect([...names].sort()).toEqual(['Check-ins', 'Company OKRs', 'Company OKRs (2)', 'OKRs', 'OKRs (2)', 'OKRs (3)', 'Sheet1'].sort());
    expect(f.sheetValues('OKRs')).toEqual(before);
    for (const tab of ['OKRs (2)', 'OKRs (3)', 'Company OKRs (2)']) expect(validateTables([parse(f, tab)], { asOf: AS_OF })).toEqual([]);
  });

  it('treats tab names case-insensitively, as Sheets does', () => {
    const f = fake();
    f.setSheetValues('okrs', [['something else']]);
    insertTeamOkrs();
    expect(f.spreadsheet.getActiveSheet().getName()).toBe('OKRs (2)');
    expect(f.sheetValues('okrs')).toEqual([['something else']]);
  });

  it('company template: Mission and Level, company examples, zero problems', () => {
    const f = fake();
    insertCompanyOkrs();
    expect(f.spreadsheet.getActiveSheet().getName()).toBe(TAB_NAMES.company);
    const table = parse(f, TAB_NAMES.company);
    expect(table.isCompany).toBe(true);
    expect(table.objectives.map((o) => o.id)).toEqual(['CO-1', 'CO-2']);
    expect(validateTables([table], { asOf: AS_OF })).toEqual([]);
    expect(
      grid(f, TAB_NAMES.company)
        .slice(0, company.headerRow - 2)
        .map((r) => r[0]),
    ).toEqual(['Team:', 'Period:', 'Start:', 'End:', 'Mission:', 'Level:']);
  });

  it('fills Team, Period, Start, End and Mission from the Settings', () => {
    const f = fake();
    f.properties.document.set(
      SETTINGS_PROPERTY,
      JSON.stringify({
        team: 'Growth',
        period: '2026 Q1',
        start: '2026-01-01',
        end: '2026-03-31',
        mission: 'Help every team focus',
        syncUrl: '',
      }),
    );
    insertTeamOkrs();
    insertCompanyOkrs();
    const t = parse(f, 'OKRs');
    expect(t.meta).toEqual({
      team: 'Growth',
      period: '2026 Q1',
      start: '2026-01-01',
      end: '2026-03-31',
    });
    const c = parse(f, TAB_NAMES.company);
    expect(c.meta).toMatchObject({
      team: 'Company',
      mission: 'Help every team focus',
      start: '2026-01-01',
      end: '2026-03-31',
    });
  });

  it('formats the tab: frozen header, header notes, number formats, widths', () => {
    const f = fake();
    insertTeamOkrs();
    const sheet = f.sheet('OKRs');
    expect(sheet.getFrozenRows()).toBe(team.headerRow);
    expect(sheet.getRange(team.headerRow, 1, 1, COLUMNS.length).getNotes()).toEqual([COLUMNS.map((c) => c.note)]);
    const format = (key: ColumnKey) => sheet.getRange(team.firstDataRow + 1, col(key)).getNumberFormat();
    expect(format('confidence')).toBe('0%');
    expect(format('score')).toBe('0.00');
    expect(format('objectiveScore')).toBe('0.00');
    expect(sheet.getColumnWidth(col('keyResult'))).toBeGreaterThan(sheet.getColumnWidth(col('weight')));
  });

  it('validates Type, Kind, Confidence, Weight and Objective Weight, and rejects bad input', () => {
    const f = fake();
    insertTeamOkrs();
    const sheet = f.sheet('OKRs');
    const rule = (key: ColumnKey, row = team.lastRow) => sheet.getRange(row, col(key)).getDataValidation();
    expect(rule('type')?.getCriteriaType()).toBe('VALUE_IN_LIST');
    expect(rule('type')?.getCriteriaValues()[0]).toEqual([...KR_TYPES]);
    expect(rule('kind')?.getCriteriaValues()[0]).toEqual([...KINDS]);
    expect(rule('confidence')?.getCriteriaType()).toBe('NUMBER_BETWEEN');
    expect(rule('confidence')?.getCriteriaValues()).toEqual([0, 1]);
    for (const key of ['weight', 'objectiveWeight'] as const) {
      expect(rule(key)?.getCriteriaType()).toBe('NUMBER_GREATER_THAN_OR_EQUAL_TO');
      expect(rule(key)?.getCriteriaValues()).toEqual([0]);
    }
    expect(rule('type', team.headerRow)).toBeNull();
    const row = team.firstDataRow;
    expect(() => sheet.getRange(row, col('type')).setValues([['metrc']])).toThrow(/violates the data validation/);
    expect(() => sheet.getRange(row, col('confidence')).setValues([[1.5]])).toThrow(/violates/);
    expect(() => sheet.getRange(row, col('weight')).setValues([[-1]])).toThrow(/violates/);
    sheet.getRange(row, col('confidence')).setValues([['80%']]);
    expect(grid(f, 'OKRs')[row - 1]![col('confidence') - 1]).toBeCloseTo(0.8);
  });

  it('protects the formula columns with a warning only', () => {
    const f = fake();
    insertTeamOkrs();
    const protections = f.sheet('OKRs').getProtections('RANGE');
    const covered = protections.map((p) => {
      const r = p.getRange();
      return {
        warningOnly: p.isWarningOnly(),
        row: r.getRow(),
        rows: r.getNumRows(),
        column: r.getColumn(),
        columns: r.getNumColumns(),
      };
    });
    // From the header cell holding the column formula to the sheet's last row, which it fills.
    const rows = f.sheet('OKRs').getMaxRows() - team.headerRow + 1;
    expect(covered).toEqual([
      {
        warningOnly: true,
        row: team.headerRow,
        rows,
        column: col('score'),
        columns: 1,
      },
      {
        warningOnly: true,
        row: team.headerRow,
        rows,
        column: col('objectiveScore'),
        columns: 2,
      },
    ]);
  });

  it('colours Score, Objective Score and Grade by the shared grade thresholds', () => {
    const f = fake();
    insertTeamOkrs();
    const rules = f.sheet('OKRs').getConditionalFormatRules();
    const first = team.firstDataRow;
    const summary = rules.map((r) => {
      const c = r.getBooleanCondition();
      const range = r.getRanges()[0]!;
      return {
        formula: c.getCriteriaValues()[0],
        background: c.getBackground(),
        color: c.getFontColor(),
        column: range.getColumn(),
        columns: range.getNumColumns(),
        row: range.getRow(),
      };
    });
    const grades: Grade[] = ['green', 'yellow', 'red'];
    for (const g of grades) {
      expect(summary).toContainEqual({
        formula: scoreGradeRule(g, team.headerRow, first),
        background: GRADE_COLORS[g].background,
        color: GRADE_COLORS[g].text,
        column: col('score'),
        columns: 1,
        row: first,
      });
      expect(summary).toContainEqual({
        formula: `=$${TEMPLATE_LETTERS.grade}${first}="${g}"`,
        background: GRADE_COLORS[g].background,
        color: GRADE_COLORS[g].text,
        column: col('objectiveScore'),
        columns: 2,
        row: first,
      });
    }
    expect(summary.map((r) => r.formula)).toContain(objectiveRowRule(first));
  });

  it('the Score colour rule picks the grade shared gradeFor gives, row by row, on its objective’s scale', () => {
    const f = fake();
    insertTeamOkrs();
    const [metric, , milestone, binary, manual] = team.objectiveRows.flatMap((r, i) => (i === 0 ? [r, r + 1, r + 2] : [r, r + 1]));
    setRow(f, 'OKRs', metric!, { current: 0.6 }); // (0.6-0.4)/0.25 = 0.8 → green
    setRow(f, 'OKRs', milestone!, { current: 2 }); // 0.4 → yellow
    setRow(f, 'OKRs', binary!, { current: 'no' }); // committed objective row, 0 → red
    setRow(f, 'OKRs', manual!, { current: 0.75 }); // key result row under the committed objective: committed scale → yellow
    const sheetId = f.hf.getSheetId('OKRs')!;
    const table = parse(f, 'OKRs');
    const values = grid(f, 'OKRs');
    expect(values[manual! - 1]![col('kind') - 1]).toBe('');
    for (const kr of table.objectives.flatMap((o) => o.keyResults)) {
      const objective = table.objectives.find((o) => o.id === kr.objectiveId)!;
      const expected = gradeFor(kr.sheetScore, objective.kind);
      if (kr.row === manual) expect(expected).toBe('yellow');
      const matching = (['green', 'yellow', 'red'] as const).filter((g) => {
        const formula = scoreGradeRule(g, team.headerRow, team.firstDataRow, TEMPLATE_LETTERS).replace(
          new RegExp(`(\\$[A-Z]+)${team.firstDataRow}(?!\\d)`, 'g'),
          `$1${kr.row}`,
        );
        return f.hf.calculateFormula(formula, sheetId) === true;
      });
      expect(matching, `row ${kr.row}`).toEqual([expected]);
    }
  });
});

describe('the template scores in the sheet exactly as shared scoring does', () => {
  const fake = useAddonFake();

  it('every key result type, edge values and weights', () => {
    const f = fake();
    insertTeamOkrs();
    const [o1, o2] = team.objectiveRows as [number, number];
    setRow(f, 'OKRs', o1, { current: 0.5, confidence: 0.7 }); // metric up: 0.4
    setRow(f, 'OKRs', o1 + 1, { current: 0.5, weight: 2 }); // metric down 3 → 1: past target, clamped to 1
    setRow(f, 'OKRs', o1 + 2, { current: 3 }); // milestone 3/5
    setRow(f, 'OKRs', o2, { current: 'done' }); // binary
    setRow(f, 'OKRs', o2 + 1, { current: '60%' }); // manual
    const table = expectSheetScoresMatchShared(f, 'OKRs');
    const scores = table.objectives.flatMap((o) => o.keyResults.map((k) => k.score));
    expect(scores).toEqual([expect.closeTo(0.4, 9), 1, expect.closeTo(0.6, 9), 1, expect.closeTo(0.6, 9)]);
    expect(table.objectives[0]!.score).toBeCloseTo((0.4 + 2 * 1 + 0.6) / 4, 9);

    // Over- and under-shoot, blanks, "no", weight 0, unreadable values.
    setRow(f, 'OKRs', o1, { current: 2 }); // far past the target → 1
    setRow(f, 'OKRs', o1 + 1, { current: 9, weight: 0 }); // went the wrong way → 0, and left out
    setRow(f, 'OKRs', o1 + 2, { current: '' }); // not checked in → 0
    setRow(f, 'OKRs', o2, { current: 'no' });
    setRow(f, 'OKRs', o2 + 1, { current: 1.2 }); // manual above 100% → clamped
    expectSheetScoresMatchShared(f, 'OKRs');
  });

  it('a new objective with key results of every type, typed into the ready rows, scores at once', () => {
    const f = fake();
    insertTeamOkrs();
    const start = team.lastRow - EMPTY_ROWS + 1;
    setRow(f, 'OKRs', start, {
      objectiveId: 'TEAM-3',
      objective: 'Win back churned customers',
      kind: 'committed',
      keyResult: 'Churn from 5% to 3%',
      type: 'metric',
      start: '5%',
      target: '3%',
      current: '4%',
    });
    setRow(f, 'OKRs', start + 1, {
      keyResult: 'Call 40 churned accounts',
      type: 'milestone',
      target: 40,
      current: 10,
    });
    setRow(f, 'OKRs', start + 2, {
      keyResult: 'Win-back offer live',
      type: 'binary',
      current: 'yes',
    });
    setRow(f, 'OKRs', start + 3, {
      keyResult: 'Quality of the exit interviews',
      type: 'manual',
      current: 0.35,
      weight: 3,
    });
    // No script runs: the column formulas score the new rows and the new objective.
    const values = grid(f, 'OKRs');
    expect(values[start - 1]![col('score') - 1]).toBeCloseTo(0.5, 9);
    const table = expectSheetScoresMatchShared(f, 'OKRs');
    expect(table.objectives.map((o) => o.id)).toEqual(['TEAM-1', 'TEAM-2', 'TEAM-3']);
    expect(table.objectives[2]!.score).toBeCloseTo((0.5 + 0.25 + 1 + 3 * 0.35) / 6, 9);
    // 0.47 on a committed objective: yellow (green only at 1.0).
    expect(grid(f, 'OKRs')[start - 1]![col('grade') - 1]).toBe('yellow');
  });

  it('a key result row inserted inside an objective keeps the objective score right', () => {
    const f = fake();
    insertTeamOkrs();
    const [o1, o2] = team.objectiveRows as [number, number];
    setRow(f, 'OKRs', o1, { current: 0.5 });
    setRow(f, 'OKRs', o1 + 2, { current: 4 });
    setRow(f, 'OKRs', o2 + 1, { current: 0.5 });
    const before = parse(f, 'OKRs').objectives.map((o) => o.score);
    const sheet = f.sheet('OKRs');

    // A blank row in the middle of TEAM-1, and one right after its last key result.
    sheet.insertRowsAfter(o1, 1);
    sheet.insertRowsBefore(o2 + 1, 1);
    const mid = o1 + 1;
    const end = o2 + 1;
    let table = expectSheetScoresMatchShared(f, 'OKRs');
    expect(table.objectives.map((o) => o.score)).toEqual(before);

    // Someone fills them in: no formula to copy, no script to run; they count at once.
    setRow(f, 'OKRs', mid, {
      keyResult: 'Support tickets in week one from 120 to 60',
      type: 'metric',
      start: 120,
      target: 60,
      current: 90,
    });
    setRow(f, 'OKRs', end, {
      keyResult: 'Publish the onboarding playbook',
      type: 'binary',
      current: 'yes',
    });
    table = expectSheetScoresMatchShared(f, 'OKRs');
    const t1 = table.objectives[0]!;
    expect(t1.keyResults.map((k) => k.row)).toEqual([o1, mid, o1 + 2, o1 + 3, end]);
    expect(t1.score).toBeCloseTo((0.4 + 0.5 + 0 + 0.8 + 1) / 5, 9);
  });
});

describe('Repair formulas', () => {
  const fake = useAddonFake();

  it('follows a tab’s own column order', () => {
    const f = fake();
    insertTeamOkrs();
    // Someone moves Notes to the front: every formula column shifts one to the right.
    f.sheet('OKRs').insertColumnsBefore(1, 1);
    const sheet = f.sheet('OKRs');
    sheet.getRange(team.headerRow, 1).setValues([['Notes']]);
    sheet.getRange(team.headerRow, col('notes') + 1).setValues([['']]);
    sheet.getRange(team.objectiveRows[0]!, col('current') + 1).setValues([[0.5]]);
    // …and someone types over the Score column.
    const rows = team.lastRow - team.firstDataRow + 1;
    sheet.getRange(team.firstDataRow, col('score') + 1, rows, 1).setValues(Array.from({ length: rows }, () => [0.99]));
    // The typed values stop the Score column formula filling its column: its header shows the error.
    expect(parse(f, 'OKRs').problems.map((p) => [p.code, p.row, p.column])).toContainEqual(['formula-error', team.headerRow, 'L']);
    expect(repairFormulas()).toMatchObject({ ok: true, objectives: 2 });
    // The Score formula, in the header cell, now reads Current from column J, where it moved.
    expect(f.sheetFormulas('OKRs')[team.headerRow - 1]![col('score')]).toContain(`ISNUMBER(J${team.headerRow}:J)`);
    const table = parse(f, 'OKRs');
    expect(table.problems).toEqual([]);
    expect(table.objectives[0]!.keyResults[0]!.sheetScore).toBeCloseTo(0.4, 9);
    expect(f.ui.alerts.at(-1)!.prompt).toMatch(/Formulas rewritten on “OKRs”, rows 7–/);
  });

  it('explains what is missing instead of writing', () => {
    const f = fake();
    f.setSheetValues('Sheet1', [['Objective ID', 'Objective', 'Key Result', 'Type']]);
    expect(repairFormulas()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no Start, Target, Current, Weight, Score, Kind, Objective Score, Grade column/),
    });
    f.setSheetValues('Notes', [['a shopping list']]);
    f.setActiveSheet('Notes');
    expect(repairFormulas()).toMatchObject({ ok: false, message: expect.stringMatching(/holds no OKR table/) });
    expect(f.ui.alerts).toHaveLength(2);
  });
});

describe('a de_DE spreadsheet (comma decimals, ; between arguments)', () => {
  const fake = useAddonFake({ locale: 'de_DE' });

  it('gets the formulas in its own syntax, and they score as the code does', () => {
    const f = fake();
    insertTeamOkrs();
    const formulas = f.sheetFormulas('OKRs')[team.headerRow - 1]!;
    const score = formulas[col('score') - 1]!;
    expect(score).toContain(';');
    expect(score).toContain('0,000000001');
    expect(f.sheet('OKRs').getConditionalFormatRules()[0]!.getBooleanCondition().getCriteriaValues()[0]).toBe(localizeFormula(scoreGradeRule('green', team.headerRow, team.firstDataRow), { decimal: ',' }));
    const [o1, o2] = team.objectiveRows as [number, number];
    setRow(f, 'OKRs', o1, { current: 0.5 });
    setRow(f, 'OKRs', o1 + 2, { current: 3 });
    setRow(f, 'OKRs', o2, { current: 'yes' });
    const table = expectSheetScoresMatchShared(f, 'OKRs');
    expect(table.objectives[0]!.score).toBeCloseTo((0.4 + 0 + 0.6) / 3, 9);
    expect(repairFormulas()).toMatchObject({ ok: true });
    expect(f.sheetFormulas('OKRs')[team.headerRow - 1]![col('score') - 1]).toBe(score);
  });

  it('the English formulas would not parse there (the fake reads the locale’s syntax, as Sheets does)', () => {
    const f = fake();
    insertTeamOkrs();
    f.sheet('OKRs').getRange(team.headerRow, col('score')).setValues([[team.values[team.headerRow - 1]![col('score') - 1] as string]]);
    expect(grid(f, 'OKRs')[team.headerRow - 1]![col('score') - 1]).toMatch(/^#/);
  });
});
