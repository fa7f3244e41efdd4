// The OKR templates the add-on inserts (team and company) and the Check-ins tab, as plain grids:
// values, with formulas as strings starting with "=". The add-on writes them with one setValues
// call; `okr template` writes the .xlsx dialect; tests load both into a spreadsheet engine.
import { CHECKIN_COLUMNS, COLUMNS, type ColumnKey } from './columns.ts';
import { type ColumnLetters, type FormulaDialect, type FormulaLocale, localizeFormula, sheetsColumnFormulas, TEMPLATE_LETTERS, xlsxRowFormulas } from './formulas.ts';
import type { KrType, Kind } from './schemas.ts';

export type TemplateCell = string | number | boolean | Date | null;

export interface TemplateKr {
  title: string;
  id?: string;
  type: KrType | string;
  start?: TemplateCell;
  target?: TemplateCell;
  current?: TemplateCell;
  weight?: TemplateCell;
  confidence?: TemplateCell;
  owner?: string;
  notes?: string;
}

export interface TemplateObjective {
  id: string;
  title: string;
  alignsTo?: string[];
  kind?: Kind;
  weight?: TemplateCell;
  owner?: string;
  notes?: string;
  keyResults: TemplateKr[];
}

export interface TemplateOptions {
  level: 'team' | 'company';
  team?: string;
  period?: string;
  /** YYYY-MM-DD */
  start?: string;
  end?: string;
  mission?: string;
  objectives?: TemplateObjective[];
  /** Ready empty rows after the objectives (scored as soon as someone types in them). */
  emptyRows?: number;
  /**
   * 'sheets' (default): one array formula per computed column, in the header row; 'xlsx': formulas
   * on every row, to be written as single-cell array formulas (formulas.ts).
   */
  dialect?: FormulaDialect;
  /** Sheets only: write the formulas in this locale's syntax (`;` and `0,7` in de_DE). */
  locale?: FormulaLocale;
}

export interface TemplateGrid {
  values: TemplateCell[][];
  /** 1-based sheet rows. */
  headerRow: number;
  firstDataRow: number;
  lastRow: number;
  objectiveRows: number[];
  columns: readonly ColumnKey[];
  letters: ColumnLetters;
  dialect: FormulaDialect;
}

export const TEMPLATE_COLUMN_KEYS: readonly ColumnKey[] = COLUMNS.map((c) => c.key);

export function buildOkrTemplate(opts: TemplateOptions): TemplateGrid {
  const width = COLUMNS.length;
  const blankRow = (): TemplateCell[] => new Array<TemplateCell>(width).fill(null);
  const meta: [string, TemplateCell][] = [
    ['Team:', opts.team ?? (opts.level === 'company' ? 'Company' : 'My team')],
    ['Period:', opts.period ?? ''],
    ['Start:', opts.start ?? ''],
    ['End:', opts.end ?? ''],
  ];
  if (opts.level === 'company') meta.push(['Mission:', opts.mission ?? ''], ['Level:', 'Company']);
  const values: TemplateCell[][] = meta.map(([k, v]) => {
    const row = blankRow();
    row[0] = k;
    row[1] = v;
    return row;
  });
  values.push(blankRow());
  values.push(COLUMNS.map((c) => c.header));
  const headerRow = values.length;
  const firstDataRow = headerRow + 1;
  const objectiveRows: number[] = [];
  const idx = Object.fromEntries(COLUMNS.map((c, i) => [c.key, i])) as Record<ColumnKey, number>;
  for (const o of opts.objectives ?? []) {
    const krs = o.keyResults.length ? o.keyResults : [null];
    krs.forEach((kr, i) => {
      const row = blankRow();
      if (i === 0) {
        objectiveRows.push(values.length + 1);
        row[idx.objectiveId] = o.id;
        row[idx.objective] = o.title;
        row[idx.alignsTo] = (o.alignsTo ?? []).join(', ');
        row[idx.kind] = o.kind ?? 'aspirational';
        row[idx.objectiveWeight] = o.weight ?? null;
        row[idx.owner] = o.owner ?? null;
        row[idx.notes] = o.notes ?? null;
      }
      if (kr) {
        row[idx.keyResult] = kr.title;
        row[idx.krId] = kr.id ?? null;
        row[idx.type] = kr.type;
        row[idx.start] = kr.start ?? null;
        row[idx.target] = kr.target ?? null;
        row[idx.current] = kr.current ?? null;
        row[idx.weight] = kr.weight ?? null;
        row[idx.confidence] = kr.confidence ?? null;
        row[idx.owner] = kr.owner ?? row[idx.owner] ?? null;
        row[idx.notes] = kr.notes ?? (i === 0 ? row[idx.notes] : null) ?? null;
      }
      values.push(row);
    });
  }
  for (let i = 0; i < (opts.emptyRows ?? 20); i++) values.push(blankRow());
  const lastRow = values.length;
  const dialect = opts.dialect ?? 'sheets';
  const put = (row: TemplateCell[], f: { score: string; objectiveScore: string; grade: string }) => {
    row[idx.score] = f.score;
    row[idx.objectiveScore] = f.objectiveScore;
    row[idx.grade] = f.grade;
  };
  if (dialect === 'sheets') {
    const f = sheetsColumnFormulas(headerRow);
    put(values[headerRow - 1]!, { score: localizeFormula(f.score, opts.locale), objectiveScore: localizeFormula(f.objectiveScore, opts.locale), grade: localizeFormula(f.grade, opts.locale) });
  } else {
    for (let r = firstDataRow; r <= lastRow; r++) put(values[r - 1]!, xlsxRowFormulas(r, headerRow, lastRow));
  }
  return { values, headerRow, firstDataRow, lastRow, objectiveRows, columns: TEMPLATE_COLUMN_KEYS, letters: TEMPLATE_LETTERS, dialect };
}

export const CHECKIN_HEADERS: readonly string[] = CHECKIN_COLUMNS.map((c) => c.header);

/** Example rows that show every key result type (easy to delete). */
export function exampleObjectives(level: 'team' | 'company'): TemplateObjective[] {
  if (level === 'company') {
    return [
      {
        id: 'CO-1',
        title: 'Become the tool customers recommend to their peers',
        kind: 'aspirational',
        owner: 'CEO',
        keyResults: [
          { title: 'Net Promoter Score from 32 to 50', type: 'metric', start: 32, target: 50, current: null },
          { title: 'Publish 4 customer case studies', type: 'milestone', target: 4, current: null },
        ],
      },
      {
        id: 'CO-2',
        title: 'Run a business that funds its own growth',
        kind: 'committed',
        owner: 'CFO',
        keyResults: [
          { title: 'Monthly burn from $400,000 down to $250,000', type: 'metric', start: 400000, target: 250000, current: null },
          { title: 'Close the annual audit with no findings', type: 'binary', current: null },
        ],
      },
    ];
  }
  return [
    {
      id: 'TEAM-1',
      title: 'Delight new customers in their first week',
      alignsTo: ['CO-1'],
      kind: 'aspirational',
      owner: 'Team lead',
      keyResults: [
        { title: 'Activation rate from 40% to 65%', type: 'metric', start: 0.4, target: 0.65, current: null, owner: 'PM' },
        { title: 'Median time to first value from 3 days to 1 day', type: 'metric', start: 3, target: 1, current: null },
        { title: 'Ship 5 onboarding improvements', type: 'milestone', target: 5, current: null },
      ],
    },
    {
      id: 'TEAM-2',
      title: 'Make our releases boring',
      alignsTo: ['CO-2'],
      kind: 'committed',
      keyResults: [
        { title: 'Automated rollback in production', type: 'binary', current: null },
        { title: 'Team confidence in the release process (survey)', type: 'manual', current: null },
      ],
    },
  ];
}
