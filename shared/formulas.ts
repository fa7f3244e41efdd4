// The formulas the templates carry. They score key results with no script running and follow the
// contract's rules exactly (number-cell.ts, values.ts, scoring.ts); test/formulas.test.ts proves it
// in HyperFormula (the Sheets dialect) and test/formulas-libreoffice.test.ts in LibreOffice Calc
// (the .xlsx dialect), cell by cell.
//
// Two dialects:
// - Google Sheets: one ARRAYFORMULA per computed column, in its header cell, over open-ended ranges
//   that start on the header row (`K7:K`). A row inserted anywhere below the header, appended at
//   the end, or a new objective typed into a blank row is scored at once: no per-row formula has to
//   be copied and no script has to run. Objective blocks are found with MMULT (a running count of
//   objective rows), since Sheets' array formulas have no per-row aggregation otherwise.
// - .xlsx (Excel, LibreOffice): no ARRAYFORMULA and no spilling (LibreOffice 7.4 has neither), so
//   every prepared row carries single-cell array formulas (CSE) that find their objective's block
//   themselves: a new objective typed into a prepared row is scored at once.
//
// Rules the formulas share with the code:
// - whitespace is space, tab, line feed, carriage return and no-break space (SHEET_WHITESPACE);
// - a number cell is a number (dates are their serials); text and checkboxes are not numbers,
//   except that a checkbox Weight counts 1 when ticked and 0 when not;
// - Start = Target when they differ by at most SAME_VALUE_EPSILON relative to their size;
// - no TRUE/FALSE literals, no array literals (their separators depend on the locale), no
//   LET/LAMBDA/REGEXMATCH, and no aggregation (MIN, MAX, OR, AND) where a formula runs over arrays.
import { COLUMNS, columnLetter, type ColumnKey } from './columns.ts';
import { GRADE_EPSILON, GRADE_THRESHOLDS } from './grades.ts';
import type { Grade } from './schemas.ts';
import { SAME_VALUE_EPSILON } from './scoring.ts';
import { BINARY_NO, BINARY_YES, COMMITTED_WORDS, type NumberLocale } from './values.ts';

export type ColumnLetters = Readonly<Record<ColumnKey, string>>;
export type FormulaDialect = 'sheets' | 'xlsx';

/** The template's column order is the contract's. */
export const TEMPLATE_LETTERS: ColumnLetters = Object.fromEntries(COLUMNS.map((c, i) => [c.key, columnLetter(i)])) as Record<ColumnKey, string>;

/** A decimal written out (no exponent: `1E-09` is not read the same in every locale). */
const decimal = (x: number) => x.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
const EPSILON = decimal(SAME_VALUE_EPSILON);
const threshold = (x: number) => decimal(Math.round((x - GRADE_EPSILON) * 1e12) / 1e12);

/** What differs between the engines, for the expressions both dialects share. */
interface Engine {
  /** Is the cell a number? LibreOffice stores a checkbox as 1, so ISNUMBER alone says yes. */
  isNumber(ref: string): string;
  /** The no-break space: Excel's CHAR uses the system code page, UNICHAR is Unicode everywhere. */
  nbsp: string;
  /**
   * LibreOffice hands formulas a tab inside a multi-line cell as U+0001 (its edit engine's feature
   * character), so the .xlsx dialect turns that into a tab first.
   */
  tab(ref: string): string;
}
const SHEETS: Engine = { isNumber: (ref) => `ISNUMBER(${ref})`, nbsp: 'CHAR(160)', tab: (ref) => ref };
const XLSX: Engine = { isNumber: (ref) => `(ISNUMBER(${ref})*NOT(ISLOGICAL(${ref}))=1)`, nbsp: '_xlfn.UNICHAR(160)', tab: (ref) => `SUBSTITUTE(${ref},CHAR(1),CHAR(9))` };
const ENGINES: Record<FormulaDialect, Engine> = { sheets: SHEETS, xlsx: XLSX };

/** The text of a cell with SHEET_WHITESPACE collapsed, as cleanText does. */
const clean = (e: Engine, ref: string) => `TRIM(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${e.tab(ref)},${e.nbsp}," "),CHAR(9)," "),CHAR(10)," "),CHAR(13)," "))`;
const isBlankCell = (e: Engine, ref: string) => `LEN(${clean(e, ref)})=0`;
/** One of the words (lower case); a sum of tests, since OR would aggregate over arrays. */
const oneOf = (word: string, words: readonly string[]) => `((${words.map((w) => `(${word}="${w}")`).join('+')})>0)`;
const committedTest = (e: Engine, ref: string) => oneOf(`LOWER(${clean(e, ref)})`, COMMITTED_WORDS);
/** Elementwise clamp to 0..1 and larger-of (MIN/MAX would aggregate over arrays). */
const clamp = (x: string) => `IF(${x}<0,0,IF(${x}>1,1,${x}))`;
const atLeast1 = (x: string) => `IF(${x}>1,${x},1)`;
/** sameValue() of scoring.ts. */
const same = (a: string, b: string) => `(ABS(${a}-${b})<=${EPSILON}*IF(ABS(${a})>ABS(${b}),${atLeast1(`ABS(${a})`)},${atLeast1(`ABS(${b})`)}))`;

interface KrRefs {
  keyResult: string;
  type: string;
  start: string;
  target: string;
  current: string;
}

/** Score of a key result by its Type; "" when it cannot be scored. Elementwise over ranges. */
function krScore(e: Engine, r: KrRefs): string {
  const num = (ref: string) => e.isNumber(ref);
  const blank = (ref: string) => isBlankCell(e, ref);
  const { target: tgt, current: cur } = r;
  const start = `IF(${num(r.start)},${r.start},0)`;
  // A Start that is there but not a number leaves the key result unscored (blank Start is 0).
  const metric = `IF((${blank(r.start)})+${num(r.start)}=0,"",IF(${num(tgt)},IF(${blank(cur)},0,IF(${num(cur)},IF(${same(tgt, start)},IF(${same(cur, tgt)},1,0),${clamp(`(${cur}-${start})/(${tgt}-${start})`)}),"")),""))`;
  const milestone = `IF(${num(tgt)},IF(${tgt}<=0,"",IF(${blank(cur)},0,IF(${num(cur)},${clamp(`${cur}/${tgt}`)},""))),"")`;
  const word = `LOWER(${clean(e, cur)})`;
  const binary = `IF(${blank(cur)},0,IF(${oneOf(word, BINARY_YES)},1,IF(${oneOf(word, BINARY_NO)},0,"")))`;
  const manual = `IF(${blank(cur)},0,IF(${num(cur)},${clamp(cur)},""))`;
  const type = `LOWER(${clean(e, r.type)})`;
  return `IF(${blank(r.keyResult)},"",IF(${type}="metric",${metric},IF(${type}="milestone",${milestone},IF(${type}="binary",${binary},IF(${type}="manual",${manual},"")))))`;
}

/**
 * Weight as it counts (readWeight, effectiveWeight): blank 1, a ticked checkbox 1 and an unticked
 * one 0, a positive number itself, anything else 0. (LibreOffice stores a checkbox as 1 or 0 and
 * its ISLOGICAL cannot see that inside a range, so a checkbox must count as its number.)
 */
const weightOf = (e: Engine, ref: string) => `IF(${isBlankCell(e, ref)},1,IF(ISLOGICAL(${ref}),IF(${ref},1,0),IF(ISNUMBER(${ref}),IF(${ref}>0,${ref},0),0)))`;

function gradeOf(e: Engine, score: string, kind: string): string {
  const scale = (t: { yellow: number; green: number }) => `IF(${score}>=${threshold(t.green)},"green",IF(${score}>=${threshold(t.yellow)},"yellow","red"))`;
  return `IF(${committedTest(e, kind)},${scale(GRADE_THRESHOLDS.committed)},${scale(GRADE_THRESHOLDS.aspirational)})`;
}

export interface ColumnFormulas {
  score: string;
  objectiveScore: string;
  grade: string;
}

// ---- Google Sheets: one array formula per column, in the header cell ---------------------------

/**
 * The Score, Objective Score and Grade formulas for the header cells on `headerRow` (English
 * syntax; see localizeFormula). Each returns its header text on the header row and the column's
 * values below it, down to the sheet's last row.
 */
export function sheetsColumnFormulas(headerRow: number, L: ColumnLetters = TEMPLATE_LETTERS): ColumnFormulas {
  const e = SHEETS;
  const col = (k: ColumnKey) => `${L[k]}${headerRow}:${L[k]}`;
  const rows = `ROW(${col('objectiveId')})`;
  const header = `ROW(${L.objectiveId}${headerRow})`;
  /** 1 on every row below the header with an Objective ID. */
  const isObjective = `((LEN(${clean(e, col('objectiveId'))})>0)*(${rows}>${header}))`;
  // Running count of objectives: rows with the same count form one objective's block.
  const block = `MMULT((${rows}>=TRANSPOSE(${rows}))*1,${isObjective})`;
  const sameBlock = `(${block}=TRANSPOSE(${block}))*1`;
  const firstObjective = `IFERROR(MATCH(1,${isObjective},0)+${header}-1,1000000000)`;
  const wrap = (title: string, body: string) => `=ARRAYFORMULA(IF(${rows}=${header},"${title}",${body}))`;

  const score = krScore(e, { keyResult: col('keyResult'), type: col('type'), start: col('start'), target: col('target'), current: col('current') });
  const scores = col('score');
  const weighted = `IF(ISNUMBER(${scores}),${scores}*${weightOf(e, col('weight'))},0)`;
  const weights = `IF(ISNUMBER(${scores}),${weightOf(e, col('weight'))},0)`;
  const num = `MMULT(${sameBlock},${weighted})`;
  const den = `MMULT(${sameBlock},${weights})`;
  // A zero total weight divides by zero: "" like the code's null (and den is built once).
  const objectiveScore = `IF(${isObjective}=1,IFERROR(${num}/${den},""),"")`;
  const os = col('objectiveScore');
  const grade = `IF(${isObjective}*ISNUMBER(${os})=1,${gradeOf(e, os, col('kind'))},"")`;
  return {
    // Key result rows above the first objective are not scored (the contract reports them).
    score: wrap('Score', `IF(${rows}<${firstObjective},"",${score})`),
    objectiveScore: wrap('Objective Score', objectiveScore),
    grade: wrap('Grade', grade),
  };
}

/**
 * Custom formula for conditional formatting of a Score cell (relative to the range's first row,
 * `firstRow`, below the header on `headerRow`): true when the score has `grade` on the scale of
 * its objective's Kind — the Kind on the nearest objective row at or above it. Excel and
 * LibreOffice evaluate conditional formats as array formulas; Sheets needs ARRAYFORMULA.
 */
export function scoreGradeRule(grade: Grade, headerRow: number, firstRow: number, L: ColumnLetters = TEMPLATE_LETTERS, dialect: FormulaDialect = 'sheets'): string {
  const e = ENGINES[dialect];
  const s = `$${L.score}${firstRow}`;
  const ids = `$${L.objectiveId}$${headerRow}:$${L.objectiveId}${firstRow}`;
  const kinds = `$${L.kind}$${headerRow}:$${L.kind}${firstRow}`;
  const offset = `(ROW(${ids})-ROW($${L.objectiveId}$${headerRow})+1)`;
  // The header row's own index (1) when there is no objective above: its Kind is the header text.
  const objectiveIndex = `MAX(1,MAX((LEN(${clean(e, ids)})>0)*${offset}))`;
  const kind = `INDEX(${kinds},${objectiveIndex})`;
  const band = (t: { yellow: number; green: number }) =>
    grade === 'green' ? `${s}>=${threshold(t.green)}` : grade === 'yellow' ? `AND(${s}>=${threshold(t.yellow)},${s}<${threshold(t.green)})` : `${s}<${threshold(t.yellow)}`;
  const committed = oneOf(`LOWER(${clean(e, kind)})`, COMMITTED_WORDS);
  const rule = `AND(ISNUMBER(${s}),IF(${committed},${band(GRADE_THRESHOLDS.committed)},${band(GRADE_THRESHOLDS.aspirational)}))`;
  return dialect === 'sheets' ? `=ARRAYFORMULA(${rule})` : `=${rule}`;
}

/** Conditional formatting: the row holds an objective (an Objective ID that is not blank). */
export function objectiveRowRule(firstRow: number, L: ColumnLetters = TEMPLATE_LETTERS, dialect: FormulaDialect = 'sheets'): string {
  return `=LEN(${clean(ENGINES[dialect], `$${L.objectiveId}${firstRow}`)})>0`;
}

/** Separators of a formula in a spreadsheet locale. */
export interface FormulaLocale {
  decimal: '.' | ',';
}

/**
 * An English formula in the syntax of a comma-decimal locale (de_DE, fr_FR, pt_BR): `;` between
 * arguments and `,` in decimals; text in quotes is kept. Function names stay English (Sheets'
 * default). Sheets parses formulas that scripts and the API write in the spreadsheet's locale
 * syntax (googleapis/google-api-nodejs-client#1994: `,`-separated formulaValue breaks in a Turkish
 * sheet); the Apps Script reference of Range.setFormula(s) and whenFormulaSatisfied says nothing
 * either way, so the add-on writes the locale's syntax (read with getSpreadsheetLocale()).
 */
export function localizeFormula(formula: string, locale: FormulaLocale | NumberLocale | undefined): string {
  if (!locale || locale.decimal === '.') return formula;
  // Our English formulas have no thousands separators, so every comma outside quotes separates.
  const code = (part: string) => part.replace(/,/g, ';').replace(/(\d)\.(\d)/g, '$1,$2');
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : code(part)))
    .join('');
}

// ---- .xlsx: single-cell array formulas on every prepared row -----------------------------------

/**
 * The formulas of table row `row` for the .xlsx template: header on `headerRow`, prepared rows down
 * to `lastRow`. Write them as array formulas (ExcelJS `shareType: 'array'`); they need array
 * evaluation, without which Excel and LibreOffice take one cell of each range.
 */
export function xlsxRowFormulas(row: number, headerRow: number, lastRow: number, L: ColumnLetters = TEMPLATE_LETTERS): ColumnFormulas {
  const e = XLSX;
  const c = (k: ColumnKey) => `${L[k]}${row}`;
  const down = (k: ColumnKey) => `${L[k]}${row}:${L[k]}$${lastRow}`;
  const ids = (range: string) => `(LEN(${clean(e, range)})>0)`;
  const header = `ROW($${L.objectiveId}$${headerRow})`;
  const above = `$${L.objectiveId}$${headerRow}:${L.objectiveId}${row}`;
  const hasObjective = `SUM(${ids(above)}*(ROW(${above})>${header}))>0`;
  const score = `IF(${hasObjective},${krScore(e, { keyResult: c('keyResult'), type: c('type'), start: c('start'), target: c('target'), current: c('current') })},"")`;

  // The block: this row down to the row before the next Objective ID (or the last prepared row).
  const rows = `ROW(${down('objectiveId')})`;
  const next = `MIN(IF(${ids(down('objectiveId'))}*(${rows}>ROW(${c('objectiveId')})),${rows},${lastRow + 1}))`;
  const inBlock = `(${rows}<${next})`;
  const scores = down('score');
  const weights = weightOf(e, down('weight'));
  const num = `SUM(IF(${inBlock}*ISNUMBER(${scores}),${scores}*${weights},0))`;
  const den = `SUM(IF(${inBlock}*ISNUMBER(${scores}),${weights},0))`;
  const objectiveScore = `IF(${isBlankCell(e, c('objectiveId'))},"",IF(${den}>0,${num}/${den},""))`;
  const os = c('objectiveScore');
  const grade = `IF(AND(NOT(${isBlankCell(e, c('objectiveId'))}),ISNUMBER(${os})),${gradeOf(e, os, c('kind'))},"")`;
  return { score: `=${score}`, objectiveScore: `=${objectiveScore}`, grade: `=${grade}` };
}
