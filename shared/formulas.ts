// The formulas the add-on's template writes. They score key results in the sheet with no script
// running and agree with scoring.ts (proved in HyperFormula by test/formulas.test.ts).
// Only functions both Google Sheets and HyperFormula have; no TRUE/FALSE literals (HyperFormula
// has no such constants) and no LET/LAMBDA/REGEXMATCH.
import { COLUMNS, columnLetter, type ColumnKey } from './columns.ts';
import { GRADE_EPSILON, GRADE_THRESHOLDS } from './grades.ts';
import type { Grade } from './schemas.ts';
import { BINARY_NO, BINARY_YES, COMMITTED_WORDS } from './values.ts';

export type ColumnLetters = Readonly<Record<ColumnKey, string>>;

/** The template's column order is the contract's. */
export const TEMPLATE_LETTERS: ColumnLetters = Object.fromEntries(COLUMNS.map((c, i) => [c.key, columnLetter(i)])) as Record<ColumnKey, string>;

const list = (items: readonly string[]) => `{${items.map((s) => `"${s}"`).join(',')}}`;
/**
 * TRIM that also drops non-breaking spaces (pasted from web pages), as the code's cleanText does;
 * plain TRIM removes only ASCII spaces. Works on ranges inside ARRAYFORMULA too.
 */
const trim = (ref: string) => `TRIM(SUBSTITUTE(${ref},CHAR(160)," "))`;
const isBlankCell = (ref: string) => `LEN(${trim(ref)})=0`;
/** Kind words read as committed (the contract's readKind accepts the same). */
const committedTest = (ref: string) => `OR(${COMMITTED_WORDS.map((w) => `LOWER(${trim(ref)})="${w}"`).join(',')})`;
const threshold = (x: number) => String(Math.round((x - GRADE_EPSILON) * 1e12) / 1e12);

/** Score of the key result on `row`, by its Type; "" when it cannot be scored. */
export function krScoreFormula(row: number, L: ColumnLetters = TEMPLATE_LETTERS): string {
  const c = (k: ColumnKey) => `${L[k]}${row}`;
  const cur = c('current');
  const tgt = c('target');
  // A blank or non-numeric Start counts as 0 (N() would read a checkbox TRUE as 1).
  const start = `IF(ISNUMBER(${c('start')}),${c('start')},0)`;
  const type = `LOWER(${trim(c('type'))})`;
  const blank = isBlankCell;
  const clamp = (x: string) => `MIN(1,MAX(0,${x}))`;
  const metric = `IF(ISNUMBER(${tgt}),IF(${blank(cur)},0,IF(ISNUMBER(${cur}),IF(${tgt}=${start},IF(${cur}=${tgt},1,0),${clamp(`(${cur}-${start})/(${tgt}-${start})`)}),"")),"")`;
  const milestone = `IF(ISNUMBER(${tgt}),IF(${tgt}<=0,"",IF(${blank(cur)},0,IF(ISNUMBER(${cur}),${clamp(`${cur}/${tgt}`)},""))),"")`;
  const word = `LOWER(${trim(cur)})`;
  const binary = `IF(${blank(cur)},0,IF(ISNUMBER(MATCH(${word},${list(BINARY_YES)},0)),1,IF(ISNUMBER(MATCH(${word},${list(BINARY_NO)},0)),0,"")))`;
  const manual = `IF(${blank(cur)},0,IF(ISNUMBER(${cur}),${clamp(cur)},""))`;
  return `=IF(${blank(c('keyResult'))},"",IF(${type}="metric",${metric},IF(${type}="milestone",${milestone},IF(${type}="binary",${binary},IF(${type}="manual",${manual},"")))))`;
}

/**
 * Objective score on the objective's own row `row`: the weighted mean of the Scores on its row and
 * on every following row with a blank Objective ID, up to `blockEnd` (the next objective's row, or
 * the table's last row). The range starts on the objective's row and ends on the next objective's
 * row, so a key result row inserted anywhere inside the block — even right after its last key
 * result — falls inside the range and counts.
 */
export function objectiveScoreFormula(row: number, blockEnd: number, L: ColumnLetters = TEMPLATE_LETTERS): string {
  const rng = (k: ColumnKey) => `${L[k]}${row}:${L[k]}${Math.max(row, blockEnd)}`;
  const s1 = `${L.score}${row}`;
  const w1 = `${L.weight}${row}`;
  const weight = (w: string) => `IF(${isBlankCell(w)},1,IF(ISNUMBER(${w}),IF(${w}>0,${w},0),0))`;
  const rest = (x: string) => `ARRAYFORMULA(SUMPRODUCT(IF((${isBlankCell(rng('objectiveId'))})*ISNUMBER(${rng('score')}),${x},0)))`;
  const num = `IF(ISNUMBER(${s1}),${s1}*${weight(w1)},0)+${rest(`${rng('score')}*${weight(rng('weight'))}`)}`;
  const den = `IF(ISNUMBER(${s1}),${weight(w1)},0)+${rest(weight(rng('weight')))}`;
  return `=IFERROR((${num})/(${den}),"")`;
}

/** Grade of the objective on `row` from its Objective Score and Kind. */
export function gradeFormula(row: number, L: ColumnLetters = TEMPLATE_LETTERS): string {
  const s = `${L.objectiveScore}${row}`;
  const scale = (t: { yellow: number; green: number }) => `IF(${s}>=${threshold(t.green)},"green",IF(${s}>=${threshold(t.yellow)},"yellow","red"))`;
  return `=IF(ISNUMBER(${s}),IF(${committedTest(`${L.kind}${row}`)},${scale(GRADE_THRESHOLDS.committed)},${scale(GRADE_THRESHOLDS.aspirational)}),"")`;
}

/**
 * Custom formula for conditional formatting of a Score cell (relative to the range's first row):
 * true when the score on that row has `grade`. The row's Kind decides the scale when present.
 */
export function scoreGradeRule(grade: Grade, firstRow: number, scoreColumn: string, L: ColumnLetters = TEMPLATE_LETTERS): string {
  const s = `$${scoreColumn}${firstRow}`;
  const committed = committedTest(`$${L.kind}${firstRow}`);
  const a = GRADE_THRESHOLDS.aspirational;
  const c = GRADE_THRESHOLDS.committed;
  const band = (t: { yellow: number; green: number }) =>
    grade === 'green' ? `${s}>=${threshold(t.green)}` : grade === 'yellow' ? `AND(${s}>=${threshold(t.yellow)},${s}<${threshold(t.green)})` : `${s}<${threshold(t.yellow)}`;
  return `=AND(ISNUMBER(${s}),IF(${committed},${band(c)},${band(a)}))`;
}

export interface TableFormulas {
  score: string;
  objectiveScore: string;
  grade: string;
}

/**
 * The formula columns for rows firstRow..lastRow, given which rows hold an objective (a non-blank
 * Objective ID). Used to build the template and to repair formulas after objectives are added.
 */
export function tableFormulas(objectiveRows: readonly number[], firstRow: number, lastRow: number, L: ColumnLetters = TEMPLATE_LETTERS): TableFormulas[] {
  const starts = [...objectiveRows].sort((a, b) => a - b);
  const next = new Map<number, number>(starts.map((r, i) => [r, starts[i + 1] ?? lastRow]));
  const out: TableFormulas[] = [];
  for (let r = firstRow; r <= lastRow; r++) {
    const end = next.get(r);
    out.push({
      score: krScoreFormula(r, L),
      objectiveScore: end === undefined ? '' : objectiveScoreFormula(r, end, L),
      grade: end === undefined ? '' : gradeFormula(r, L),
    });
  }
  return out;
}
