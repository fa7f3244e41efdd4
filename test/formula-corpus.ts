// The corpus both formula proofs run (HyperFormula: test/formulas.test.ts; LibreOffice Calc:
// test/formulas-libreoffice.test.ts): raw cells as a real sheet holds them — typed numbers, numbers
// stored as text, dates, checkboxes, odd whitespace — with the code's verdicts, and the comparison
// of every computed cell with the code.
import { expect } from 'vitest';
import { COLUMNS, type ColumnKey } from '../shared/columns.ts';
import { gradeFor } from '../shared/grades.ts';
import type { ParsedTable } from '../shared/schemas.ts';
import type { TemplateKr, TemplateObjective } from '../shared/template.ts';
import { type Cell, dateToSerial } from '../shared/values.ts';

export const col = (key: ColumnKey): number => COLUMNS.findIndex((c) => c.key === key);

export const kr = (id: string, type: string, fields: Omit<TemplateKr, 'title' | 'type' | 'id'> & { title?: string } = {}): TemplateKr => ({ id, title: `KR ${id}`, type, ...fields });

const BINARY_WORDS = ['yes', 'no', 'y', 'n', 'true', 'false', 'done', 'not done', '✓', '✗', '✔', '✘', 'YES', ' Done ', 'Not  Done', 'yes\u00a0', 'done\n', '\tyes\r\n', 'not\tdone', 'yes\u2003'];
export const MARCH_4 = new Date(Date.UTC(2026, 2, 4));

export const CORPUS: TemplateObjective[] = [
  {
    id: 'MET-1',
    title: 'Metrics of every shape',
    keyResults: [
      kr('met-up', 'metric', { start: 40, target: 65, current: 50 }),
      kr('met-down', 'metric', { start: 400_000, target: 250_000, current: 325_000 }),
      kr('met-over', 'metric', { start: 0, target: 100, current: 150 }),
      kr('met-below', 'metric', { start: 10, target: 20, current: 5 }),
      kr('met-blank-start', 'metric', { target: 200, current: 50 }),
      kr('met-fraction', 'metric', { start: 0.4, target: 0.65, current: 0.48 }),
    ],
  },
  {
    id: 'MET-2',
    title: 'Metrics that cannot move or be read',
    keyResults: [
      kr('range-hit', 'metric', { start: 5, target: 5, current: 5 }),
      kr('range-miss', 'metric', { start: 5, target: 5, current: 6 }),
      kr('met-no-current', 'metric', { start: 1, target: 3 }),
      kr('met-no-target', 'metric', { start: 1, current: 3 }),
      kr('met-text', 'metric', { start: 0, target: 10, current: 'about half' }),
      kr('met-bool-start', 'metric', { start: true, target: 10, current: 5 }),
      kr('met-nbsp-current', 'metric', { start: 0, target: 10, current: '\u00a0' }),
      kr('met-zero-range', 'metric', { target: 0, current: 0 }),
      kr('float-noise', 'metric', { start: 0.3, target: 0.1 + 0.2, current: 0.1 + 0.2 }),
      kr('float-noise-current', 'metric', { start: 0.3, target: 0.1 + 0.2, current: 0.3 }),
      kr('float-noise-miss', 'metric', { start: 0.3, target: 0.1 + 0.2, current: 0.31 }),
    ],
  },
  {
    id: 'RAW-1',
    title: 'Numbers stored as text, dates and checkboxes',
    keyResults: [
      kr('txt-start', 'metric', { start: '$1,200', target: 900, current: 1050 }),
      kr('txt-target', 'metric', { start: 0, target: '1,200', current: 600 }),
      kr('txt-current', 'manual', { current: '52%' }),
      kr('txt-milestone', 'milestone', { target: 4, current: '3' }),
      kr('txt-weight', 'manual', { current: 1, weight: '2' }),
      kr('date-milestone', 'milestone', { target: 4, current: MARCH_4 }),
      kr('date-metric', 'metric', { start: 0, target: 100_000, current: MARCH_4 }),
      kr('date-weight', 'manual', { current: 0.5, weight: MARCH_4 }),
      kr('bool-manual', 'manual', { current: true }),
      kr('bool-weight', 'manual', { current: 0, weight: true }), // a ticked checkbox weighs 1
      kr('bool-weight-unticked', 'manual', { current: 1, weight: false }), // an unticked one leaves it out
      kr('txt-start-milestone', 'milestone', { start: 'n/a', target: 2, current: 1 }),
    ],
  },
  {
    id: 'WS-1',
    title: 'Whitespace other than spaces',
    kind: '\tcommitted\n' as 'committed',
    keyResults: [
      kr('ws-type-tab', 'metric\t', { start: 0, target: 10, current: 5 }),
      kr('ws-type-newline', '\nmilestone', { target: 2, current: 1 }),
      kr('ws-type-nbsp', '\u00a0manual\r', { current: 0.25 }),
      kr('ws-type-emspace', 'manual\u2003', { current: 0.25 }),
      kr('ws-blank-title', 'manual', { title: '\t\n', current: 1 }),
      kr('ws-weight-tab', 'manual', { current: 1, weight: '\t' }),
    ],
  },
  {
    id: 'MIL-1',
    title: 'Milestones',
    keyResults: [
      kr('mil-part', 'milestone', { target: 5, current: 3 }),
      kr('mil-over', 'milestone', { target: 4, current: 6 }),
      kr('mil-no-current', 'milestone', { target: 4 }),
      kr('mil-no-target', 'milestone', { current: 2 }),
      kr('mil-zero-target', 'milestone', { target: 0, current: 1 }),
      kr('mil-start-ignored', 'milestone', { start: 2, target: 4, current: 2 }),
    ],
  },
  {
    id: 'BIN-1',
    title: 'Binaries, every spelling',
    keyResults: [
      ...BINARY_WORDS.map((w, i) => kr(`bin-word-${i}`, 'binary', { current: w })),
      kr('bin-checked', 'binary', { current: true }),
      kr('bin-unchecked', 'binary', { current: false }),
      kr('bin-one', 'binary', { current: 1 }),
      kr('bin-zero', 'binary', { current: 0 }),
      kr('bin-blank', 'binary'),
      kr('bin-maybe', 'binary', { current: 'maybe' }),
      kr('bin-two', 'binary', { current: 2 }),
      kr('bin-date', 'binary', { current: MARCH_4 }),
    ],
  },
  {
    id: 'MAN-1',
    title: 'Manual judgements',
    keyResults: [
      kr('man-06', 'manual', { current: 0.6 }),
      kr('man-over', 'manual', { current: 1.5 }),
      kr('man-under', 'manual', { current: -0.2 }),
      kr('man-blank', 'manual'),
      kr('man-text', 'manual', { current: 'great' }),
      kr('man-one', 'manual', { current: 1 }),
      kr('man-date', 'manual', { current: MARCH_4 }),
    ],
  },
  {
    id: 'WGT-1',
    title: 'Weights',
    keyResults: [
      kr('w-blank', 'manual', { current: 1 }),
      kr('w-zero', 'manual', { current: 0, weight: 0 }),
      kr('w-two-and-a-half', 'manual', { current: 0.2, weight: 2.5 }),
      kr('w-negative', 'manual', { current: 0, weight: -1 }),
      kr('w-text', 'manual', { current: 0, weight: 'heavy' }),
      kr('w-nbsp', 'manual', { current: 0.4, weight: '\u00a0' }),
    ],
  },
  {
    id: 'UNK-1',
    title: 'Types nobody knows',
    keyResults: [kr('unk-typo', 'metrc', { start: 0, target: 10, current: 5 }), kr('unk-blank', '', { current: 1 }), kr('unk-case', ' Binary ', { current: 'yes' })],
  },
  {
    id: 'ALL-NONE',
    title: 'Nothing here can be scored',
    keyResults: [kr('none-type', 'score', { current: 0.5 }), kr('none-target', 'metric', { current: 3 })],
  },
  { id: 'ONE-1', title: 'Just one key result', kind: 'committed', keyResults: [kr('one', 'milestone', { target: 3, current: 3 })] },
  { id: 'COM-1', title: 'Committed but short', kind: 'committed', keyResults: [kr('com', 'manual', { current: 0.9 })] },
  {
    id: 'EDGE-1',
    title: 'Exactly at the green line',
    keyResults: [kr('edge-a', 'manual', { current: 0.4 }), kr('edge-b', 'manual', { current: 1 }), kr('edge-c', 'manual', { current: 0.7 })],
  },
  { id: 'EMPTY-1', title: 'No key results yet', keyResults: [] },
  // An Objective ID of a no-break space is blank: these rows are key results of EMPTY-1.
  { id: '\u00a0', title: 'An objective whose id is only a no-break space', keyResults: [kr('nbsp-id', 'manual', { current: 0.5 })] },
];

const serial = dateToSerial(MARCH_4);

/** The code's verdicts by the rules (number-cell.ts, values.ts, scoring.ts), written out. */
export const EXPECTED: Record<string, number | null> = {
  'met-up': 0.4,
  'met-down': 0.5,
  'met-over': 1,
  'met-below': 0,
  'met-blank-start': 0.25,
  'met-fraction': 0.32,
  'range-hit': 1,
  'range-miss': 0,
  'met-no-current': 0,
  'met-no-target': null,
  'met-text': null,
  'met-bool-start': null, // a checkbox is not a number
  'met-nbsp-current': 0,
  'met-zero-range': 1,
  'float-noise': 1, // Start 0.3 = Target 0.30000000000000004
  'float-noise-current': 1,
  'float-noise-miss': 0,
  'txt-start': null, // text "$1,200" is not a number: unscored on both sides
  'txt-target': null,
  'txt-current': null,
  'txt-milestone': null,
  'txt-weight': 1, // scores, but its text weight "2" leaves it out of the objective
  'date-milestone': 1, // the date's serial, 46085, of 4
  'date-metric': serial / 100_000,
  'date-weight': 0.5,
  'bool-manual': null,
  'bool-weight': 0,
  'bool-weight-unticked': 1,
  'txt-start-milestone': 0.5, // milestones ignore Start
  'ws-type-tab': 0.5,
  'ws-type-newline': 0.5,
  'ws-type-nbsp': 0.25,
  'ws-type-emspace': null, // an em space is text, not whitespace, to both
  'ws-weight-tab': 1,
  'mil-part': 0.6,
  'mil-over': 1,
  'mil-no-current': 0,
  'mil-no-target': null,
  'mil-zero-target': null,
  'mil-start-ignored': 0.5,
  'bin-checked': 1,
  'bin-unchecked': 0,
  'bin-one': 1,
  'bin-zero': 0,
  'bin-blank': 0,
  'bin-maybe': null,
  'bin-two': null,
  'bin-date': null,
  'man-06': 0.6,
  'man-over': 1,
  'man-under': 0,
  'man-blank': 0,
  'man-text': null,
  'man-one': 1,
  'man-date': 1,
  'unk-typo': null,
  'unk-blank': null,
  'unk-case': 1,
  'none-type': null,
  'none-target': null,
  'nbsp-id': 0.5,
};
BINARY_WORDS.forEach((w, i) => {
  EXPECTED[`bin-word-${i}`] = /^[\s\u00a0]*(yes|y|true|done|✓|✔)[\s\u00a0]*$/i.test(w) && !w.includes('\u2003') ? 1 : w.includes('\u2003') ? null : 0;
});

export interface Compared {
  /** Score, Objective Score and Grade cells compared with the code. */
  cells: number;
  scored: number;
}

/**
 * Every Score, Objective Score and Grade cell on rows from..end equals the code's verdict for that
 * row: '' where the code has nothing (no key result, unscorable, not an objective row).
 */
export function expectSheetAgreesWithCode(values: Cell[][], table: ParsedTable, from: number, label = ''): Compared {
  const krByRow = new Map(table.objectives.flatMap((o) => o.keyResults).map((k) => [k.row, k]));
  const objByRow = new Map(table.objectives.map((o) => [o.row, o]));
  let cells = 0;
  let scored = 0;
  for (let r = from; r <= values.length; r++) {
    const cellsOfRow = values[r - 1] ?? [];
    const at = (key: ColumnKey) => cellsOfRow[col(key)] ?? '';
    const k = krByRow.get(r);
    const sheetScore = at('score');
    if (k?.score != null) {
      expect(typeof sheetScore, `${label} Score on row ${r} (${k.id})`).toBe('number');
      expect(Math.abs((sheetScore as number) - k.score), `${label} Score on row ${r} (${k.id}): sheet ${sheetScore}, code ${k.score}`).toBeLessThanOrEqual(1e-9);
      scored++;
    } else {
      expect(sheetScore, `${label} Score on row ${r} (${k?.id ?? 'no key result'})`).toBe('');
    }
    const o = objByRow.get(r);
    const objScore = at('objectiveScore');
    if (o?.score != null) {
      expect(typeof objScore, `${label} Objective Score of ${o.id}`).toBe('number');
      expect(Math.abs((objScore as number) - o.score), `${label} Objective Score of ${o.id}: sheet ${objScore}, code ${o.score}`).toBeLessThanOrEqual(1e-9);
    } else {
      expect(objScore, `${label} Objective Score on row ${r} (${o?.id ?? 'not an objective'})`).toBe('');
    }
    expect(at('grade'), `${label} Grade on row ${r}`).toBe(o ? (gradeFor(o.score, o.kind) ?? '') : '');
    cells += 3;
  }
  // The sheet's Score agreed with the code on every row, so the contract found nothing overwritten.
  expect(table.problems.filter((p) => p.code === 'score-mismatch' || p.code === 'formula-error')).toEqual([]);
  return { cells, scored };
}

export function expectNoErrors(values: Cell[][]): void {
  const errors = values.flatMap((row, r) => row.map((c, i) => [r + 1, i, c] as const)).filter(([, , c]) => typeof c === 'string' && /^#[A-Z]/.test(c));
  expect(errors).toEqual([]);
}

/** The code scores the corpus as EXPECTED says. */
export function expectCodeVerdicts(table: ParsedTable): void {
  const all = table.objectives.flatMap((o) => o.keyResults);
  for (const [id, score] of Object.entries(EXPECTED)) {
    const k = all.find((x) => x.id === id);
    expect(k, id).toBeDefined();
    if (score === null) expect(k!.score, id).toBeNull();
    else expect(k!.score, id).toBeCloseTo(score, 12);
  }
}
