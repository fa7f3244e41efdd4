import { describe, expect, it } from 'vitest';
import { BINARY_NO, BINARY_YES, type Cell } from './values.ts';
import { parseOkrTable } from './contract.ts';
import { formatProblem } from './problems.ts';
import type { KeyResult, ParsedTable, Problem } from './schemas.ts';

const HEADER = ['Objective ID', 'Objective', 'Aligns To', 'Key Result', 'KR ID', 'Type', 'Start', 'Target', 'Current', 'Weight', 'Score', 'Confidence', 'Owner', 'Kind', 'Objective Weight', 'Notes'];
type Row = Partial<Record<'oid' | 'obj' | 'align' | 'kr' | 'krId' | 'type' | 'start' | 'target' | 'current' | 'weight' | 'score' | 'conf' | 'owner' | 'kind' | 'objWeight' | 'notes', Cell>>;
const ORDER = ['oid', 'obj', 'align', 'kr', 'krId', 'type', 'start', 'target', 'current', 'weight', 'score', 'conf', 'owner', 'kind', 'objWeight', 'notes'] as const;
const row = (r: Row): Cell[] => ORDER.map((k) => r[k] ?? null);

/** A table with the full header on row 1 (first data row 2), unless `above` adds rows first. */
function parse(rows: Row[], above: Cell[][] = [], ctx = { team: 'sales', tab: 'OKRs' }): ParsedTable {
  return parseOkrTable([...above, HEADER, ...rows.map(row)], ctx);
}
const krs = (t: ParsedTable): KeyResult[] => t.objectives.flatMap((o) => o.keyResults);
const codes = (t: ParsedTable) => t.problems.map((p) => p.code);
const only = (t: ParsedTable, code: string): Problem => {
  const found = t.problems.filter((p) => p.code === code);
  expect(found, `${code} in ${JSON.stringify(t.problems)}`).toHaveLength(1);
  return found[0]!;
};

describe('header row', () => {
  it('on row 1: the first data row is row 2', () => {
    const t = parse([{ oid: 'S-1', obj: 'Grow', kr: 'Deals', type: 'milestone', target: 4, current: 2 }]);
    expect(t.headerRow).toBe(1);
    expect(t.objectives[0]!.row).toBe(2);
    expect(t.objectives[0]!.keyResults[0]!.row).toBe(2);
    expect(t.problems).toEqual([]);
  });

  it('is the first row of the first 10 with both Objective ID and Key Result', () => {
    const grid: Cell[][] = [
      ['My OKRs'],
      ['Objective ID', 'Objective'], // no Key Result: not the header
      [],
      ['objective-id', 'OBJECTIVE', 'key result', 'TYPE', 'Target', 'Current'],
      ['S-1', 'Grow', 'Deals', 'milestone', 4, 2],
    ];
    const t = parseOkrTable(grid, { tab: 'OKRs' });
    expect(t.headerRow).toBe(4);
    expect(t.objectives[0]!.row).toBe(5);
    expect(t.objectives[0]!.keyResults[0]!.score).toBe(0.5);
  });

  it('accepts a header on row 10 but not on row 11', () => {
    const pad = (n: number): Cell[][] => Array.from({ length: n }, () => ['']);
    const body: Cell[][] = [HEADER, row({ oid: 'S-1', obj: 'Grow', kr: 'x', type: 'binary', current: 'yes' })];
    expect(parseOkrTable([...pad(9), ...body], { tab: 'T' }).headerRow).toBe(10);
    const t = parseOkrTable([...pad(10), ...body], { tab: 'T' });
    expect(t.headerRow).toBeNull();
    expect(t.objectives).toEqual([]);
    expect(only(t, 'missing-header')).toMatchObject({ severity: 'error', team: 'T', tab: 'T' });
    expect(only(t, 'missing-header').message).toMatch(/expected a row with "Objective ID" and "Key Result"/);
  });

  it('reports an empty sheet', () => {
    expect(codes(parseOkrTable([], { tab: 'T' }))).toEqual(['empty-sheet']);
    expect(codes(parseOkrTable([[null, ''], ['  ']], { tab: 'T' }))).toEqual(['empty-sheet']);
  });

  it('matches headers case-insensitively, ignoring spaces and punctuation, with aliases', () => {
    const grid: Cell[][] = [
      ['OBJ. ID', 'goal', 'Parent', 'KR', 'Measure', 'baseline', 'TARGET VALUE', 'actual', 'kr_weight', 'Commitment', 'obj weight'],
      ['S-1', 'Grow', 'CO-1; CO-2', 'Revenue', 'Metric', '10', '20', '15', '2', 'committed', '3'],
    ];
    const t = parseOkrTable(grid, { tab: 'T' });
    expect(t.problems).toEqual([]);
    const o = t.objectives[0]!;
    expect(o).toMatchObject({ id: 'S-1', title: 'Grow', alignsTo: ['CO-1', 'CO-2'], kind: 'committed', weight: 3 });
    expect(o.keyResults[0]).toMatchObject({ title: 'Revenue', type: 'metric', start: 10, target: 20, current: 15, weight: 2, score: 0.5 });
  });

  it('warns about a duplicated column and uses the first', () => {
    const t = parseOkrTable(
      [
        ['Objective ID', 'Objective', 'Key Result', 'Type', 'Current', 'Actual'],
        ['S-1', 'Grow', 'x', 'manual', 0.3, 0.9],
      ],
      { tab: 'T' },
    );
    expect(only(t, 'duplicate-column')).toMatchObject({ severity: 'warning', row: 1, column: 'Current', value: 'Current, Actual' });
    expect(only(t, 'duplicate-column').message).toMatch(/columns E, F; using column E/);
    expect(krs(t)[0]!.score).toBe(0.3);
  });
});

describe('metadata above the header', () => {
  it('reads `Key: value` in one cell and `Key:` | value in two', () => {
    const t = parse(
      [{ oid: 'S-1', obj: 'Grow', kr: 'x', type: 'binary', current: 'yes' }],
      [
        ['Team: Sales EMEA'],
        ['Period:', '', 'Q4 2026'],
        ['Start:', new Date(Date.UTC(2026, 9, 1))],
        ['End: 12/31/2026'],
        ['Owner:', 'ignored'],
      ],
    );
    expect(t.meta).toEqual({ team: 'Sales EMEA', period: 'Q4 2026', start: '2026-10-01', end: '2026-12-31' });
    expect(t.team).toBe('Sales EMEA');
    expect(t.isCompany).toBe(false);
    expect(t.headerRow).toBe(6);
    expect(t.objectives[0]).toMatchObject({ team: 'Sales EMEA', row: 7 });
    expect(t.problems).toEqual([]);
  });

  it('a Mission or `Level: Company` makes it the company sheet', () => {
    expect(parse([], [['Mission:', 'Organize the world’s OKRs']]).isCompany).toBe(true);
    expect(parse([], [['Mission:', 'Organize the world’s OKRs']]).meta.mission).toBe('Organize the world’s OKRs');
    expect(parse([], [['Level: Company']]).isCompany).toBe(true);
    expect(parse([], [['Level: Team']]).isCompany).toBe(false);
  });

  it('reads dates as serial numbers, and warns about ones it cannot read', () => {
    const t = parse([], [['Start:', 46296], ['End:', 'next year']]);
    expect(t.meta.start).toBe('2026-10-01');
    expect(t.meta.end).toBeUndefined();
    expect(only(t, 'bad-date')).toMatchObject({ severity: 'warning', value: 'next year' });
  });

  it('an end before the start is an error', () => {
    const t = parse([], [['Start: 2026-12-31'], ['End: 2026-10-01']]);
    expect(only(t, 'bad-period').severity).toBe('error');
  });

  it('without Team:, the team is the given name, else the tab', () => {
    expect(parseOkrTable([HEADER], { team: 'file-name', tab: 'OKRs' }).team).toBe('file-name');
    expect(parseOkrTable([HEADER], { tab: 'Marketing' }).team).toBe('Marketing');
  });
});

describe('columns', () => {
  it('needs only Objective ID, Objective, Key Result and Type', () => {
    const t = parseOkrTable(
      [
        ['Objective ID', 'Objective', 'Key Result', 'Type'],
        ['S-1', 'Grow', 'Launch', 'binary'],
      ],
      { tab: 'T' },
    );
    expect(t.problems).toEqual([]);
    expect(krs(t)[0]).toMatchObject({ id: 'S-1-1', type: 'binary', current: null, score: 0, state: 'not-checked-in', weight: 1, confidence: null, sheetScore: null });
  });

  it.each(['Objective', 'Type'])('a missing required %s column is an error', (name) => {
    const header = ['Objective ID', 'Objective', 'Key Result', 'Type', 'Current'].filter((h) => h !== name);
    const data = header.map((h) => ({ 'Objective ID': 'S-1', Objective: 'Grow', 'Key Result': 'Launch', Type: 'binary', Current: 'yes' })[h]!);
    const t = parseOkrTable([header, data], { tab: 'T' });
    expect(only(t, 'missing-column')).toMatchObject({ severity: 'error', row: 1, column: name });
    // One problem for the column, not one more per row.
    expect(t.problems).toHaveLength(1);
    expect(t.objectives).toHaveLength(1);
    if (name === 'Type') expect(krs(t)[0]).toMatchObject({ type: null, score: null });
  });

  it('defaults a missing KR ID to <Objective ID>-<n>', () => {
    const t = parse([
      { oid: 'S-1', obj: 'Grow', kr: 'a', type: 'binary' },
      { kr: 'b', type: 'binary', krId: 'CUSTOM' },
      { kr: 'c', type: 'binary' },
      { oid: 'S-2', obj: 'Keep', kr: 'd', type: 'binary' },
    ]);
    expect(krs(t).map((k) => k.id)).toEqual(['S-1-1', 'CUSTOM', 'S-1-3', 'S-2-1']);
  });

  it('warns about a KR ID used twice', () => {
    const t = parse([
      { oid: 'S-1', obj: 'Grow', kr: 'a', type: 'binary', krId: 'K' },
      { kr: 'b', type: 'binary', krId: 'K' },
    ]);
    expect(only(t, 'duplicate-kr-id')).toMatchObject({ row: 3, column: 'KR ID', value: 'K' });
    expect(only(t, 'duplicate-kr-id').message).toMatch(/row 2/);
  });

  it('keeps owner (inherited from the objective), notes and confidence', () => {
    const t = parse([
      { oid: 'S-1', obj: 'Grow', owner: 'Ana', notes: 'risky', kr: 'a', type: 'binary', conf: '80%' },
      { kr: 'b', type: 'binary', owner: 'Bo', conf: 0.8 },
      { kr: 'c', type: 'binary', conf: 80 },
    ]);
    const o = t.objectives[0]!;
    expect(o).toMatchObject({ owner: 'Ana', notes: 'risky' });
    expect(o.keyResults.map((k) => k.owner)).toEqual(['Ana', 'Bo', 'Ana']);
    expect(o.keyResults.map((k) => k.confidence)).toEqual([0.8, 0.8, 0.8]);
  });

  it('warns about a confidence it cannot read', () => {
    const t = parse([{ oid: 'S-1', obj: 'Grow', kr: 'a', type: 'binary', conf: '150%' }]);
    expect(only(t, 'bad-confidence')).toMatchObject({ severity: 'warning', value: '150%', column: 'Confidence' });
    expect(krs(t)[0]!.confidence).toBeNull();
  });
});

describe('rows', () => {
  it('continuation rows belong to the objective above; blank rows are skipped', () => {
    const t = parse([
      { oid: 'S-1', obj: 'Grow', kr: 'a', type: 'binary', current: 'yes' },
      { kr: 'b', type: 'binary', current: 'no' },
      {},
      { kr: 'c', type: 'binary', current: 'yes' },
      { oid: 'S-2', obj: 'Keep' },
      { kr: 'd', type: 'milestone', target: 2, current: 1 },
    ]);
    expect(t.problems).toEqual([]);
    expect(t.objectives.map((o) => [o.id, o.row, o.keyResults.map((k) => [k.title, k.row])])).toEqual([
      ['S-1', 2, [['a', 2], ['b', 3], ['c', 5]]],
      ['S-2', 6, [['d', 7]]],
    ]);
    expect(t.objectives[0]!.score).toBeCloseTo(2 / 3, 12);
    expect(t.objectives[1]!.score).toBe(0.5);
  });

  it('a key result row before any objective is a problem', () => {
    const t = parse([{ kr: 'orphan', type: 'binary', current: 'yes' }, { oid: 'S-1', obj: 'Grow', kr: 'a', type: 'binary' }]);
    expect(only(t, 'kr-before-objective')).toMatchObject({ severity: 'error', row: 2, column: 'Objective ID', value: 'orphan', team: 'sales', tab: 'OKRs' });
    expect(krs(t).map((k) => k.title)).toEqual(['a']);
  });

  it('an objective without a title is an error but still parses', () => {
    const t = parse([{ oid: 'S-1', kr: 'a', type: 'binary', current: 'yes' }]);
    expect(only(t, 'missing-value')).toMatchObject({ severity: 'error', row: 2, column: 'Objective', objectiveId: 'S-1' });
    expect(t.objectives[0]!.score).toBe(1);
  });

  it('an objective title without an id is read as a key result of the objective above, with a warning', () => {
    const t = parse([{ oid: 'S-1', obj: 'Grow', kr: 'a', type: 'binary' }, { obj: 'Another', kr: 'b', type: 'binary' }]);
    expect(only(t, 'missing-value')).toMatchObject({ severity: 'warning', row: 3, column: 'Objective ID', value: 'Another' });
    expect(krs(t).map((k) => k.objectiveId)).toEqual(['S-1', 'S-1']);
  });

  it('warns about rows with values but no key result, and ignores them', () => {
    const t = parse([{ oid: 'S-1', obj: 'Grow', kr: 'a', type: 'binary' }, { type: 'metric', target: 5 }, { obj: 'Lost objective' }]);
    const [stray, lost] = t.problems;
    expect(stray).toMatchObject({ code: 'missing-value', severity: 'warning', row: 3, column: 'Key Result' });
    expect(stray!.message).toMatch(/Type, Target/);
    expect(lost).toMatchObject({ code: 'missing-value', row: 4, column: 'Objective ID', value: 'Lost objective' });
    expect(krs(t)).toHaveLength(1);
  });

  it('an objective row without a key result has its key results below', () => {
    const t = parse([{ oid: 'S-1', obj: 'Grow' }, { kr: 'a', type: 'binary', current: true }]);
    expect(t.objectives[0]!.keyResults.map((k) => k.row)).toEqual([3]);
  });

  it('splits Aligns To on commas and semicolons', () => {
    const t = parse([{ oid: 'S-1', obj: 'Grow', align: 'CO-1, CO-2;CO-3', kr: 'a', type: 'binary' }]);
    expect(t.objectives[0]!.alignsTo).toEqual(['CO-1', 'CO-2', 'CO-3']);
  });
});

describe('values as people type them', () => {
  it.each<[Cell, Cell, Cell, number]>([
    ['0', '1,000', '250', 0.25],
    ['$1,200', '$2,200', '$1,700', 0.5],
    ['€5', '€15', ' €10 ', 0.5],
    ['  10  ', ' 20 ', '15', 0.5],
    ['0%', '10%', '8%', 0.8],
    ['1 000', '2 000', '1 500', 0.5],
  ])('metric %j → %j at %j scores %d', (start, target, current, expected) => {
    const t = parse([{ oid: 'S-1', obj: 'Grow', kr: 'a', type: 'metric', start, target, current }]);
    expect(t.problems).toEqual([]);
    expect(krs(t)[0]!.score).toBeCloseTo(expected, 12);
  });

  it('8% is 0.08', () => {
    expect(krs(parse([{ oid: 'S-1', obj: 'Grow', kr: 'a', type: 'metric', target: 1, current: '8%' }]))[0]!.current).toBeCloseTo(0.08, 12);
  });

  it.each([
    ...BINARY_YES.map((w) => [w, 1] as const),
    ...BINARY_NO.map((w) => [w, 0] as const),
    ['Yes', 1],
    ['DONE', 1],
    ['Not Done', 0],
    [true, 1],
    [false, 0],
    [1, 1],
    [0, 0],
  ] as const)('binary %j scores %d', (current, score) => {
    const t = parse([{ oid: 'S-1', obj: 'Grow', kr: 'a', type: 'binary', current }]);
    expect(t.problems).toEqual([]);
    expect(krs(t)[0]).toMatchObject({ current: score, score, state: 'scored' });
    expect(t.objectives[0]!.checkedIn).toBe(true);
  });

  it('an unreadable binary is a problem that names the value and what was expected', () => {
    const t = parse([{ oid: 'S-1', obj: 'Grow', kr: 'a', type: 'binary', current: 'maybe' }]);
    const p = only(t, 'bad-binary');
    expect(p).toMatchObject({ severity: 'error', row: 2, column: 'Current', value: 'maybe', objectiveId: 'S-1', krId: 'S-1-1' });
    expect(p.message).toMatch(/expected yes\/no/);
    expect(krs(t)[0]).toMatchObject({ score: null, state: 'invalid' });
  });

  it('text in a metric’s Current is a problem; the key result scores nothing', () => {
    const t = parse([{ oid: 'S-1', obj: 'Grow', kr: 'a', type: 'metric', target: 10, current: 'about half' }]);
    expect(only(t, 'bad-number')).toMatchObject({ row: 2, column: 'Current', value: 'about half' });
    expect(krs(t)[0]!.score).toBeNull();
    expect(t.objectives[0]!.score).toBeNull();
  });

  it('text in Target or Start is a problem naming the column, and leaves the key result unscored', () => {
    const t = parse([
      { oid: 'S-1', obj: 'Grow', kr: 'a', type: 'metric', start: 'zero', target: 10, current: 5 },
      { kr: 'b', type: 'milestone', target: 'four', current: 1 },
    ]);
    expect(t.problems.map((p) => [p.code, p.row, p.column, p.value])).toEqual([
      ['bad-number', 2, 'Start', 'zero'],
      ['bad-number', 3, 'Target', 'four'],
    ]);
    expect(t.problems[0]!.message).toMatch(/expected e\.g\. 1,000, 8% or \$1,200/);
    expect(krs(t).map((k) => k.score)).toEqual([null, null]);
  });

  it('manual: 0.6, 60%, and out-of-range values clamped with a warning', () => {
    const t = parse([
      { oid: 'S-1', obj: 'Grow', kr: 'a', type: 'manual', current: 0.6 },
      { kr: 'b', type: 'manual', current: '60%' },
      { kr: 'c', type: 'Manual', current: 1.5 },
      { kr: 'd', type: 'manual', current: -0.2 },
    ]);
    expect(krs(t).map((k) => k.score)).toEqual([0.6, 0.6, 1, 0]);
    expect(t.problems.map((p) => [p.code, p.severity, p.row, p.column, p.value])).toEqual([
      ['out-of-range', 'warning', 4, 'Current', '1.5'],
      ['out-of-range', 'warning', 5, 'Current', '-0.2'],
    ]);
  });

  it('manual: a score typed into Score when Current is blank (hand-made sheets)', () => {
    const t = parse([
      { oid: 'S-1', obj: 'Grow', kr: 'a', type: 'manual', score: '70%' },
      { kr: 'b', type: 'manual', score: 1.4 },
    ]);
    expect(krs(t).map((k) => [k.score, k.state])).toEqual([
      [0.7, 'manual-score'],
      [1, 'manual-score'],
    ]);
    expect(t.objectives[0]!.checkedIn).toBe(true);
    expect(only(t, 'out-of-range')).toMatchObject({ row: 3, column: 'Score', value: '1.4' });
  });

  it('Kind: committed / aspirational, blank is aspirational, anything else is a warning', () => {
    const t = parse([
      { oid: 'A', obj: 'a', kr: 'x', type: 'binary', kind: 'Committed' },
      { oid: 'B', obj: 'b', kr: 'x', type: 'binary', kind: 'aspirational' },
      { oid: 'C', obj: 'c', kr: 'x', type: 'binary' },
      { oid: 'D', obj: 'd', kr: 'x', type: 'binary', kind: 'must-have' },
    ]);
    expect(t.objectives.map((o) => o.kind)).toEqual(['committed', 'aspirational', 'aspirational', 'aspirational']);
    expect(only(t, 'bad-kind')).toMatchObject({ severity: 'warning', row: 5, column: 'Kind', value: 'must-have' });
    expect(only(t, 'bad-kind').message).toMatch(/expected committed or aspirational/);
  });
});

describe('types and weights', () => {
  it('an unknown type is a problem naming the value and the accepted types; the KR scores nothing', () => {
    const t = parse([
      { oid: 'S-1', obj: 'Grow', kr: 'a', type: 'metrc', target: 10, current: 5 },
      { kr: 'b', type: ' METRIC ', target: 10, current: 5 },
    ]);
    const p = only(t, 'unknown-type');
    expect(formatProblem(p)).toBe('sales / OKRs / row 2 / Type: unknown type "metrc" (expected metric, milestone, binary, manual)');
    expect(p).toMatchObject({ severity: 'error', value: 'metrc', krId: 'S-1-1' });
    expect(krs(t).map((k) => [k.type, k.typeRaw, k.score, k.state])).toEqual([
      [null, 'metrc', null, 'unknown-type'],
      ['metric', 'METRIC', 0.5, 'scored'],
    ]);
    expect(t.objectives[0]!.score).toBe(0.5);
  });

  it('a blank type is a problem too', () => {
    const t = parse([{ oid: 'S-1', obj: 'Grow', kr: 'a', target: 10, current: 5 }]);
    expect(t.problems.map((p) => [p.code, p.column])).toEqual([['missing-value', 'Type']]);
    expect(t.problems[0]!.message).toMatch(/expected metric, milestone, binary, manual/);
  });

  it('Weight: blank = 1, 0 leaves the KR out, 2.5 counts 2.5 times, negative is a problem', () => {
    const t = parse([
      { oid: 'S-1', obj: 'Grow', kr: 'a', type: 'manual', current: 1 },
      { kr: 'b', type: 'manual', current: 0, weight: 0 },
      { kr: 'c', type: 'manual', current: 0.2, weight: 2.5 },
      { kr: 'd', type: 'manual', current: 0, weight: -1 },
      { kr: 'e', type: 'manual', current: 0, weight: 'heavy' },
    ]);
    expect(krs(t).map((k) => k.weight)).toEqual([1, 0, 2.5, 0, 0]);
    expect(t.objectives[0]!.score).toBeCloseTo((1 + 0.2 * 2.5) / 3.5, 12);
    expect(t.problems.map((p) => [p.code, p.severity, p.row, p.column, p.value])).toEqual([
      ['negative-weight', 'error', 5, 'Weight', '-1'],
      ['bad-number', 'error', 6, 'Weight', 'heavy'],
    ]);
  });

  it('Objective Weight defaults to 1; negative is a problem', () => {
    const t = parse([
      { oid: 'A', obj: 'a', kr: 'x', type: 'binary' },
      { oid: 'B', obj: 'b', kr: 'x', type: 'binary', objWeight: 2 },
      { oid: 'C', obj: 'c', kr: 'x', type: 'binary', objWeight: -2 },
    ]);
    expect(t.objectives.map((o) => o.weight)).toEqual([1, 2, 0]);
    expect(only(t, 'negative-weight')).toMatchObject({ row: 4, column: 'Objective Weight', objectiveId: 'C' });
  });

  it('an objective whose key results are all unscorable has no score', () => {
    const t = parse([
      { oid: 'S-1', obj: 'Grow', kr: 'a', type: 'metric', current: 3 },
      { kr: 'b', type: 'nope' },
    ]);
    expect(t.objectives[0]!.score).toBeNull();
  });

  it('a milestone with Target 0 is a problem', () => {
    const t = parse([{ oid: 'S-1', obj: 'Grow', kr: 'a', type: 'milestone', target: 0, current: 1 }]);
    expect(only(t, 'bad-target')).toMatchObject({ severity: 'error', column: 'Target', value: '0' });
    expect(krs(t)[0]!.score).toBeNull();
  });

  it('blank Current = not checked in, for every type', () => {
    const t = parse([
      { oid: 'S-1', obj: 'Grow', kr: 'a', type: 'metric', start: 1, target: 2 },
      { kr: 'b', type: 'milestone', target: 3 },
      { kr: 'c', type: 'binary' },
      { kr: 'd', type: 'manual' },
    ]);
    expect(krs(t).map((k) => [k.score, k.state])).toEqual(Array.from({ length: 4 }, () => [0, 'not-checked-in']));
    expect(t.objectives[0]).toMatchObject({ score: 0, checkedIn: false });
    expect(t.problems).toEqual([]);
  });
});

describe('Score read from the sheet', () => {
  it('agrees: no problem, and sheetScore keeps the cell', () => {
    const t = parse([{ oid: 'S-1', obj: 'Grow', kr: 'a', type: 'milestone', target: 4, current: 1, score: 0.25 }]);
    expect(t.problems).toEqual([]);
    expect(krs(t)[0]).toMatchObject({ sheetScore: 0.25, score: 0.25 });
  });

  it('disagrees (overwritten formula): the code’s score wins, with a warning', () => {
    const t = parse([
      { oid: 'S-1', obj: 'Grow', kr: 'a', type: 'milestone', target: 4, current: 1, score: 0.9 },
      { kr: 'b', type: 'binary', current: 'yes', score: 'done!' },
    ]);
    expect(krs(t).map((k) => k.score)).toEqual([0.25, 1]);
    expect(t.problems.map((p) => [p.code, p.severity, p.row, p.column, p.value])).toEqual([
      ['score-mismatch', 'warning', 2, 'Score', '0.9'],
      ['score-mismatch', 'warning', 3, 'Score', 'done!'],
    ]);
    expect(t.problems[0]!.message).toMatch(/Score shows 0.9 but the key result scores 0.25/);
  });

  it('text Scores (CSV exports, formatted API values) agree at the precision they show', () => {
    const t = parse([
      { oid: 'S-1', obj: 'Grow', kr: 'a', type: 'milestone', target: 3, current: 1, score: '0.33' },
      { kr: 'b', type: 'milestone', target: 3, current: 1, score: '33%' },
      { kr: 'c', type: 'milestone', target: 3, current: 1, score: '0.3' },
      { kr: 'd', type: 'milestone', target: 3, current: 1, score: '0.3333333' },
      { kr: 'e', type: 'milestone', target: 3, current: 1, score: '0.35' },
      { kr: 'f', type: 'milestone', target: 3, current: 1, score: '30%' },
      { kr: 'g', type: 'milestone', target: 3, current: 1, score: 0.33 },
    ]);
    expect(t.problems.map((p) => [p.code, p.row, p.value])).toEqual([
      ['score-mismatch', 6, '0.35'],
      ['score-mismatch', 7, '0.3'],
      ['score-mismatch', 8, '0.33'],
    ]);
  });

  it('a formula error in Score is reported', () => {
    const t = parse([{ oid: 'S-1', obj: 'Grow', kr: 'a', type: 'binary', current: 'yes', score: '#VALUE!' }]);
    expect(only(t, 'formula-error')).toMatchObject({ column: 'Score', value: '#VALUE!' });
    expect(krs(t)[0]!.score).toBe(1);
  });
});

describe('problems', () => {
  it('never throws, and every problem is located and says what was expected', () => {
    const weird: Cell[] = [null, undefined, '', ' ', 'x', -1, 0, 1e300, Number.NaN, true, false, new Date(Number.NaN), new Date(0), '#N/A', '∞', 'نعم'];
    const rows: Cell[][] = [];
    for (let i = 0; i < 200; i++) rows.push(HEADER.map((_, c) => weird[(i * 7 + c * 3) % weird.length]!));
    const grid: Cell[][] = [['Start:', 'soon'], ['End: 2020-01-01'], HEADER, ...rows, HEADER];
    const t = parseOkrTable(grid, { tab: 'Weird' });
    expect(t.problems.length).toBeGreaterThan(0);
    for (const p of t.problems) {
      expect(p.team).toBe('Weird');
      expect(p.tab).toBe('Weird');
      expect(['error', 'warning']).toContain(p.severity);
      expect(p.message).toMatch(/expected/);
      if (p.code !== 'bad-date') {
        expect(p.row).toBeGreaterThanOrEqual(3);
        expect(p.column).toBeTruthy();
      }
    }
    for (const k of krs(t)) if (k.score !== null) expect(k.score).toBeGreaterThanOrEqual(0);
  });
});

describe('closing columns (Final Score, Learning, Carry On)', () => {
  const CLOSED = [...HEADER, 'Final Score', 'Learning', 'Carry On'];
  const closed = (rows: Cell[][], mode: 'typed' | 'text' = 'typed'): ParsedTable =>
    parseOkrTable([CLOSED, ...rows], { team: 'sales', tab: 'OKRs', cells: mode });
  const line = (r: Row, final: Cell, learning: Cell, carry: Cell): Cell[] => [...row(r), final, learning, carry];
  const obj = { oid: 'S-1', obj: 'Grow', kr: 'Deals', type: 'milestone', target: 4, current: 2 } as const;

  it('reads them on the objective row into finalScore, learning and carryOn', () => {
    const t = closed([
      line(obj, 0.6, 'Pipeline reviews weekly beat monthly', 'yes'),
      line({ kr: 'Calls', type: 'milestone', target: 2, current: 2 }, null, null, null),
      line({ oid: 'S-2', obj: 'Keep', kr: 'NPS', type: 'binary', current: 'yes' }, 1, '', false),
    ]);
    expect(t.problems).toEqual([]);
    const [a, b] = t.objectives;
    expect([a!.finalScore, a!.learning, a!.carryOn]).toEqual([0.6, 'Pipeline reviews weekly beat monthly', true]);
    expect([b!.finalScore, b!.learning, b!.carryOn]).toEqual([1, '', false]);
    // Frozen: the live score still follows the key results.
    expect(a!.score).toBe(0.75);
  });

  it('leaves the fields out when the tab was never closed, and blank cells read as not set', () => {
    const never = parse([{ oid: 'S-1', obj: 'Grow', kr: 'Deals', type: 'milestone', target: 4, current: 2 }]);
    expect(Object.keys(never.objectives[0]!)).not.toEqual(expect.arrayContaining(['finalScore']));
    for (const k of ['finalScore', 'learning', 'carryOn']) expect(never.objectives[0]!, k).not.toHaveProperty(k);
    const blank = closed([line(obj, null, null, null)]).objectives[0]!;
    expect(blank.finalScore).toBeNull();
    expect(blank.learning).toBe('');
    expect(blank).not.toHaveProperty('carryOn');
  });

  it.each([
    [1.4, 'bad-final-score', 'Final Score 1.4 is outside 0–1'],
    [-0.1, 'bad-final-score', 'Final Score -0.1 is outside 0–1'],
    ['great', 'bad-final-score', 'Final Score "great" is not a number'],
    ['0.7', 'text-number', 'Final Score "0.7" is stored as text'],
    [true, 'bad-final-score', 'Final Score is a checkbox'],
  ] as const)('a Final Score of %j is an error located on its cell (%s)', (cell, code, message) => {
    const t = closed([line(obj, cell, 'x', 'no')]);
    const p = only(t, code);
    expect(p).toMatchObject({ severity: 'error', team: 'sales', tab: 'OKRs', row: 2, column: 'Final Score', objectiveId: 'S-1' });
    expect(p.message).toContain(message);
    expect(t.objectives[0]!.finalScore).toBeNull();
    expect(t.objectives[0]!.carryOn).toBe(false);
  });

  it('reads a text grid (CSV) as people type: 70% is 0.7', () => {
    const t = closed([line(obj, '70%', 'Learned', 'no')].map((r) => r.map((c) => (c === null ? '' : String(c)))), 'text');
    expect(t.problems).toEqual([]);
    expect(t.objectives[0]!.finalScore).toBeCloseTo(0.7);
  });

  it('a Carry On that is not yes/no is a warning naming the cell; the rest still reads', () => {
    const t = closed([line(obj, 0.5, 'x', 'maybe')]);
    expect(only(t, 'bad-carry-on')).toMatchObject({ severity: 'warning', row: 2, column: 'Carry On', value: 'maybe', objectiveId: 'S-1' });
    expect(t.objectives[0]!).not.toHaveProperty('carryOn');
    expect(t.objectives[0]!.finalScore).toBe(0.5);
  });

  it('values on a key result row are reported as misplaced, not read', () => {
    const t = closed([line(obj, 0.5, '', 'yes'), line({ kr: 'Calls', type: 'milestone', target: 2, current: 1 }, 0.9, 'wrong row', '')]);
    expect(only(t, 'misplaced-closing')).toMatchObject({ severity: 'warning', row: 3, column: 'Final Score', objectiveId: 'S-1' });
    expect(only(t, 'misplaced-closing').message).toContain('Final Score, Learning on a key result row is ignored');
    expect(t.objectives[0]!.finalScore).toBe(0.5);
  });

  it('reads them by alias and wherever they sit', () => {
    const grid: Cell[][] = [
      ['Carry over', 'Objective ID', 'Objective', 'Lessons learned', 'Key Result', 'Type', 'Final grade'],
      ['n', 'S-1', 'Grow', 'Less is more', 'Deals', 'binary', 0.3],
    ];
    const o = parseOkrTable(grid, { tab: 'OKRs', team: 't', cells: 'typed' }).objectives[0]!;
    expect([o.finalScore, o.learning, o.carryOn]).toEqual([0.3, 'Less is more', false]);
  });
});
