/// <reference types="google-apps-script" />
// Inserting the team and company OKR templates: the grid comes from shared (buildOkrTemplate,
// formulas included: one array formula per computed column, in the header row) and is written with
// ONE setValues; the rest is a fixed number of formatting calls (validation, conditional formats,
// protection, notes, widths) whatever the template size. Formulas are written in the syntax of the
// spreadsheet's locale (shared/formulas.ts localizeFormula says why).
import { COLUMN_BY_KEY, COLUMNS, type ColumnKey, DEFAULT_OKR_TAB } from '../shared/columns.ts';
import { KINDS, KR_TYPES } from '../shared/enums.ts';
import { type FormulaLocale, localizeFormula, objectiveRowRule, scoreGradeRule } from '../shared/formulas.ts';
import { GRADE_COLORS } from '../shared/grades.ts';
import type { Grade } from '../shared/schemas.ts';
import { buildOkrTemplate, exampleObjectives, type TemplateGrid } from '../shared/template.ts';
import { ensureCheckinsSheet } from './checkins-tab.ts';
import type { Sheet, Spreadsheet, Value } from './gas.ts';
import { columnRuns, formulaLocale, freeSheetName } from './okr-sheet.ts';
import { readSettings } from './settings.ts';
import { HEADER_BACKGROUND, OBJECTIVE_ROW_BACKGROUND } from './style.ts';

export type Level = 'team' | 'company';

export const TAB_NAMES: Readonly<Record<Level, string>> = {
  team: DEFAULT_OKR_TAB,
  company: 'Company OKRs',
};
/** Ready rows after the examples: scored as soon as someone types in them. */
export const EMPTY_ROWS = 20;
/**
 * Rows the new tab keeps below the template (Sheets makes 1000). The column formulas weigh every
 * row against every other to find objective blocks, so a short tab keeps them cheap; rows added
 * later at the bottom are covered as they come (open-ended ranges such as `K7:K` follow them).
 */
export const SPARE_ROWS = 30;

const GRADES: readonly Grade[] = ['green', 'yellow', 'red'];
const WIDTHS: Partial<Record<ColumnKey, number>> = {
  objectiveId: 95,
  objective: 260,
  alignsTo: 90,
  keyResult: 320,
  krId: 85,
  type: 90,
  owner: 110,
  kind: 105,
  objectiveWeight: 85,
  notes: 260,
  objectiveScore: 90,
};
const DEFAULT_WIDTH = 80;
const NUMBER_FORMATS: Partial<Record<ColumnKey, string>> = {
  confidence: '0%',
  score: '0.00',
  objectiveScore: '0.00',
};

export function insertTeamOkrs(): void {
  insertOkrTemplate('team');
}

export function insertCompanyOkrs(): void {
  insertOkrTemplate('company');
}

/** Adds a new tab (never overwriting one) holding the template, plus the Check-ins tab if missing. */
export function insertOkrTemplate(level: Level): Sheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const s = readSettings();
  const locale = formulaLocale(ss);
  const template = buildOkrTemplate({
    locale,
    level,
    ...(level === 'team' && s.team ? { team: s.team } : {}),
    ...(s.period ? { period: s.period } : {}),
    ...(s.start ? { start: s.start } : {}),
    ...(s.end ? { end: s.end } : {}),
    ...(level === 'company' && s.mission ? { mission: s.mission } : {}),
    objectives: exampleObjectives(level),
    emptyRows: EMPTY_ROWS,
  });
  return insertTemplateTab(ss, level, template, locale, ss.getActiveSheet());
}

/** A new tab named by the free-name rule (`OKRs`, `OKRs (2)`, …) right after `after`, holding `template`; it becomes the active tab. */
export function insertTemplateTab(ss: Spreadsheet, level: Level, template: TemplateGrid, locale: FormulaLocale, after: Sheet): Sheet {
  // Right after the tab (getIndex is 1-based, insertSheet's index 0-based).
  const sheet = ss.insertSheet(freeSheetName(ss, TAB_NAMES[level]), after.getIndex());
  const keep = template.lastRow + SPARE_ROWS;
  if (sheet.getMaxRows() > keep) sheet.deleteRows(keep + 1, sheet.getMaxRows() - keep);
  writeTemplate(sheet, template, locale);
  ensureCheckinsSheet(ss);
  sheet.activate();
  return sheet;
}

export function writeTemplate(sheet: Sheet, t: TemplateGrid, locale: FormulaLocale): void {
  const width = COLUMNS.length;
  const values: Value[][] = t.values.map((row) => row.map((c) => c ?? ''));
  sheet.getRange(1, 1, values.length, width).setValues(values);

  const col = (key: ColumnKey) => t.columns.indexOf(key) + 1;
  const first = t.firstDataRow;
  const rows = t.lastRow - first + 1;
  const dataColumn = (key: ColumnKey) => sheet.getRange(first, col(key), rows, 1);

  // Title block and header.
  sheet.getRange(1, 1, t.headerRow - 2, 1).setFontWeight('bold');
  sheet
    .getRange(t.headerRow, 1, 1, width)
    .setNotes([COLUMNS.map((c) => c.note)])
    .setFontWeight('bold')
    .setBackground(HEADER_BACKGROUND)
    .setWrap(true)
    .setVerticalAlignment('middle');
  sheet.setFrozenRows(t.headerRow);

  for (const [key, format] of Object.entries(NUMBER_FORMATS) as [ColumnKey, string][]) dataColumn(key).setNumberFormat(format);

  // Dropdowns and number limits, with the column's note as help text.
  const list = (key: ColumnKey, items: readonly string[]) =>
    dataColumn(key).setDataValidation(
      SpreadsheetApp.newDataValidation()
        .requireValueInList([...items], true)
        .setAllowInvalid(false)
        .setHelpText(COLUMN_BY_KEY[key].note)
        .build(),
    );
  list('type', KR_TYPES);
  list('kind', KINDS);
  dataColumn('confidence').setDataValidation(
    SpreadsheetApp.newDataValidation().requireNumberBetween(0, 1).setAllowInvalid(false).setHelpText('Confidence is 0–100%, e.g. 70%.').build(),
  );
  for (const key of ['weight', 'objectiveWeight'] as const) {
    dataColumn(key).setDataValidation(
      SpreadsheetApp.newDataValidation()
        .requireNumberGreaterThanOrEqualTo(0)
        .setAllowInvalid(false)
        .setHelpText(`${COLUMN_BY_KEY[key].header} is 0 or more (blank = 1).`)
        .build(),
    );
  }

  sheet.setConditionalFormatRules(conditionalFormats(sheet, t, locale));

  // Formula columns, from the header cell holding the formula down to the sheet's last row, which
  // its results fill: warn before anyone types there (a typed value stops the column filling).
  for (const [start, span] of columnRuns(COLUMNS.filter((c) => c.computed).map((c) => col(c.key)))) {
    sheet
      .getRange(t.headerRow, start, sheet.getMaxRows() - t.headerRow + 1, span)
      .protect()
      .setDescription('OKR formulas: these cells compute scores. Use "Repair formulas" if they break.')
      .setWarningOnly(true);
  }

  // Column widths, in runs of equal width.
  const widths = COLUMNS.map((c) => WIDTHS[c.key] ?? DEFAULT_WIDTH);
  for (let i = 0; i < widths.length; ) {
    let j = i;
    while (j + 1 < widths.length && widths[j + 1] === widths[i]) j++;
    sheet.setColumnWidths(i + 1, j - i + 1, widths[i]!);
    i = j + 1;
  }
}

/** Score cells coloured by grade (shared thresholds, by the Kind of the row's objective); Objective Score and Grade by the Grade text; objective cells shaded. */
function conditionalFormats(sheet: Sheet, t: TemplateGrid, locale: FormulaLocale): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
  const L = t.letters;
  const first = t.firstDataRow;
  const rows = t.lastRow - first + 1;
  const col = (key: ColumnKey) => t.columns.indexOf(key) + 1;
  const scoreRange = sheet.getRange(first, col('score'), rows, 1);
  const gradeRange = sheet.getRange(first, col('objectiveScore'), rows, col('grade') - col('objectiveScore') + 1);
  const objectiveRange = sheet.getRange(first, col('objectiveId'), rows, col('alignsTo') - col('objectiveId') + 1);
  const rule = () => SpreadsheetApp.newConditionalFormatRule();
  const rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = [];
  for (const grade of GRADES) {
    const c = GRADE_COLORS[grade];
    rules.push(
      rule()
        .whenFormulaSatisfied(localizeFormula(scoreGradeRule(grade, t.headerRow, first, L), locale))
        .setBackground(c.background)
        .setFontColor(c.text)
        .setRanges([scoreRange])
        .build(),
    );
  }
  for (const grade of GRADES) {
    const c = GRADE_COLORS[grade];
    rules.push(
      rule()
        .whenFormulaSatisfied(`=$${L.grade}${first}="${grade}"`)
        .setBackground(c.background)
        .setFontColor(c.text)
        .setBold(true)
        .setRanges([gradeRange])
        .build(),
    );
  }
  // Objective rows stand out (follows objectives added later, since it is a rule, not a format).
  rules.push(
    rule()
      .whenFormulaSatisfied(localizeFormula(objectiveRowRule(first, L), locale))
      .setBackground(OBJECTIVE_ROW_BACKGROUND)
      .setBold(true)
      .setRanges([objectiveRange])
      .build(),
  );
  return rules;
}
