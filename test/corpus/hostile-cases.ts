// The corpus cases of issue 13: files that used to stop or crash the whole company's sync —
// characters Postgres cannot store, workbooks ExcelJS would expand into millions of cells, numbers
// beyond the double range, a team claiming to be the company, look-alike ids, links and names the
// folder skipped. Each still lets every other team roll up, and names the bad team with the reason.
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { okrGrid, type XCell } from '../fixtures/workbooks.ts';
import type { CorpusCase } from './generate.ts';
import { afterSheetData, extraRows, inlineCell, patchedXlsx, type XlsxPatch } from './hostile.ts';

const metric = (start: XCell, target: XCell, current: XCell) => ({ type: 'metric', start, target, current });
const csvLine = (row: readonly XCell[], d: string) =>
  row.map((v) => (v === null || v === undefined ? '' : /[",\t\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(d);
const csvText = (grid: readonly (readonly XCell[])[], d = ',') => `${grid.map((r) => csvLine(r, d)).join('\n')}\n`;
const one = (team: string, oid: string, objective: string, extra: Record<string, XCell> = {}) =>
  okrGrid({ team }, [{ oid, objective, alignsTo: 'C1', kr: 'Works', ...metric(0, 10, 5), ...extra }]);
/** Where a symbolic link's target lives: a folder inside the corpus folder (the source ignores folders). */
const outside = (dir: string) => {
  const d = path.join(dir, 'outside');
  mkdirSync(d, { recursive: true });
  return d;
};

/** A one-objective .xlsx team (objective `oid`, score 0.5) whose package is patched. */
function patchedCase(c: { name: string; file: string; team: string; oid: string; title: string; patch: XlsxPatch } & Pick<CorpusCase, 'problems' | 'check'>): CorpusCase {
  return {
    name: c.name,
    file: c.file,
    team: c.team,
    tab: 'OKRs',
    write: async (dir) => writeFileSync(path.join(dir, c.file), await patchedXlsx('OKRs', one(c.team, c.oid, c.title), c.patch)),
    problems: c.problems,
    good: [{ key: c.oid, score: 0.5 }],
    ...(c.check ? { check: c.check } : {}),
  };
}

export const HOSTILE: CorpusCase[] = [
  {
    name: 'a UTF-16 "Unicode Text" export renamed .csv (byte-order mark, tab-separated)',
    file: 'utf16.csv',
    team: 'Utf16',
    tab: 'utf16.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'utf16.csv'),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvText(one('Utf16', 'U16', 'Wide characters', { current: 6 }), '\t'), 'utf16le')]),
      ),
    problems: [],
    good: [{ key: 'U16', score: 0.6 }],
  },
  {
    name: 'a NUL byte in a .csv',
    file: 'nul.csv',
    team: 'NulByte',
    tab: 'nul.csv',
    write: (dir) => writeFileSync(path.join(dir, 'nul.csv'), csvText(one('NulByte', 'NB1', 'Nul\u0000 in the title'))),
    problems: [{ code: 'unstorable-text', severity: 'warning', row: 4, value: 'nul.csv' }],
    good: [{ key: 'NB1', score: 0.5 }],
    check(doc) {
      expect(doc.objectives.find((o) => o.key === 'NB1')!.title).toBe('Nul in the title');
    },
  },
  {
    name: 'xlsx shared strings with `_x0000_` and `_xD800_` escapes (NUL, a lone surrogate)',
    file: 'escapes.xlsx',
    team: 'Escapes',
    tab: 'OKRs',
    write: async (dir) =>
      writeFileSync(
        path.join(dir, 'escapes.xlsx'),
        await patchedXlsx('OKRs', one('Escapes', 'ES1', 'ESCAPED', { kr: 'HALFPAIR' }), {
          strings: (xml) => xml.replace('ESCAPED', 'Esc_x0000_aped').replace('HALFPAIR', 'Half_xD800_pair'),
        }),
      ),
    problems: [{ code: 'unstorable-text', severity: 'warning', row: 4, value: 'escapes.xlsx' }],
    good: [{ key: 'ES1', score: 0.5 }],
    check(doc, problems) {
      const es1 = doc.objectives.find((o) => o.key === 'ES1')!;
      expect(es1.title).toBe('Escaped');
      expect(es1.keyResults[0]!.title).toBe('Half\uFFFDpair');
      expect(problems.find((p) => p.code === 'unstorable-text')!.message).toMatch(/^escapes\.xlsx: 2 cell\(s\) held characters the database cannot store/);
    },
  },
  patchedCase({
    name: 'a 12 KB xlsx with a cell in column XFD on 2,000 rows (33 M cells to walk)',
    file: 'far-cells.xlsx',
    team: 'FarCells',
    oid: 'FAR1',
    title: 'Stray cells far right',
    patch: { sheet: extraRows(10, 2000, (r) => inlineCell(`XFD${r}`, 'far')) },
    problems: [{ code: 'beyond-bounds', severity: 'warning', value: 'far-cells.xlsx' }],
    check(_doc, problems) {
      expect(problems.find((p) => p.code === 'beyond-bounds')!.message).toMatch(/2000 cell\(s\) lie beyond the 100000 rows × 256 columns \(IV\).*first XFD10/);
    },
  }),
  patchedCase({
    name: 'a data validation over the whole sheet (A1:XFD1048576)',
    file: 'validation.xlsx',
    team: 'Validation',
    oid: 'DV1',
    title: 'Validated everywhere',
    patch: {
      sheet: afterSheetData(
        '<dataValidations count="2"><dataValidation type="list" allowBlank="1" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation>' +
          '<dataValidation type="whole" sqref="F:F"><formula1>0</formula1></dataValidation></dataValidations>',
      ),
    },
    problems: [],
  }),
  patchedCase({
    name: 'a merged range of 17 billion cells',
    file: 'huge-merge.xlsx',
    team: 'HugeMerge',
    oid: 'HM1',
    title: 'Merged to the end',
    patch: { sheet: afterSheetData('<mergeCells count="1"><mergeCell ref="A20:XFD1048576"/></mergeCells>') },
    problems: [],
  }),
  patchedCase({
    name: 'defined names (a print area and a named range) over the whole sheet',
    file: 'print-area.xlsx',
    team: 'PrintArea',
    oid: 'PA1',
    title: 'Printed whole',
    patch: {
      book: (xml) =>
        xml.replace(
          '</sheets>',
          '</sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">OKRs!$A$1:$XFD$1048576</definedName>' +
            '<definedName name="everything">OKRs!$A$1:$XFD$1048576</definedName></definedNames>',
        ),
    },
    problems: [],
  }),
  patchedCase({
    name: 'a cell on the last row (A1048576)',
    file: 'last-row.xlsx',
    team: 'LastRow',
    oid: 'LR1',
    title: 'Something at the bottom',
    patch: { sheet: extraRows(1048576, 1, (r) => inlineCell(`A${r}`, 'bottom')) },
    problems: [{ code: 'beyond-bounds', severity: 'warning', value: 'last-row.xlsx' }],
  }),
  {
    name: 'numbers at the edge of the double range: ±1e308, weights of 1e308, 400 digits',
    file: 'extreme-numbers.csv',
    team: 'Extreme',
    tab: 'extreme-numbers.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'extreme-numbers.csv'),
        csvText(
          okrGrid({ team: 'Extreme' }, [
            { oid: 'EX1', objective: 'From -1e308 to 1e308', alignsTo: 'C1', kr: 'Half way', ...metric('-1e308', '1e308', 0) }, // 4
            { kr: '400 digits', ...metric(0, 10, '9'.repeat(400)) }, // 5
            { oid: 'EX2', objective: 'Heavy weights', alignsTo: 'C1', kr: 'Low', weight: '1e308', ...metric(0, 10, 2) }, // 6
            { kr: 'High', weight: '1e308', ...metric(0, 10, 8) }, // 7
          ]),
        ),
      ),
    problems: [{ code: 'bad-number', severity: 'error', row: 5, column: 'Current', value: '9'.repeat(400) }],
    good: [
      { key: 'EX1', score: 0.5 },
      { key: 'EX2', score: 0.5 },
    ],
  },
  {
    name: 'a team sheet with a Mission: line, named to sort first (claims to be the company)',
    file: 'aaa-impostor.csv',
    team: 'Impostor',
    tab: 'aaa-impostor.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'aaa-impostor.csv'),
        csvText(
          // The claim is the Mission: line. A tab that also declared a period of its own would now
          // belong to that period (issue 14; test/periods), so this one claims the company's quarter.
          okrGrid({ team: 'Impostor', mission: 'We are the company now' }, [
            { oid: 'IMP1', objective: 'Take over', alignsTo: 'C1', kr: 'Works', ...metric(0, 10, 5) },
          ]),
        ),
      ),
    problems: [{ code: 'company-claim', severity: 'error', value: 'aaa-impostor.csv', rollupOnly: true }],
    good: [{ key: 'IMP1', score: 0.5 }],
    check(doc, problems) {
      expect(doc.company).toEqual({ name: 'Company', mission: 'Survive bad input' });
      expect(doc.period).toMatchObject({ start: '2026-01-01', end: '2026-03-31' });
      expect(doc.objectives.find((o) => o.key === 'IMP1')).toMatchObject({ isCompany: false, parents: ['C1'] });
      expect(problems.find((p) => p.code === 'company-claim')!.message).toContain('aaa-impostor.csv claims to be the company sheet');
      expect(problems.find((p) => p.code === 'company-claim')!.message).toContain('the company sheet is company.xlsx');
    },
  },
  {
    name: 'look-alike ids in Aligns To (Cyrillic С1, full-width Ｃ１)',
    file: 'lookalike.csv',
    team: 'Lookalike',
    tab: 'lookalike.csv',
    write: (dir) =>
      writeFileSync(
        path.join(dir, 'lookalike.csv'),
        csvText(
          okrGrid({ team: 'Lookalike' }, [
            { oid: 'LK1', objective: 'Cyrillic parent', alignsTo: 'С1', kr: 'Works', ...metric(0, 10, 5) }, // 4
            { oid: 'LK2', objective: 'Full-width parent', alignsTo: 'Ｃ１', kr: 'Works', ...metric(0, 10, 5) }, // 5
          ]),
        ),
      ),
    problems: [
      { code: 'unknown-parent', severity: 'error', row: 4, column: 'Aligns To', value: 'С1', rollupOnly: true },
      { code: 'unknown-parent', severity: 'error', row: 5, column: 'Aligns To', value: 'Ｃ１', rollupOnly: true },
    ],
    good: [
      { key: 'LK1', score: 0.5 },
      { key: 'LK2', score: 0.5 },
    ],
    check(_doc, problems) {
      const msgs = problems.filter((p) => p.code === 'unknown-parent').map((p) => p.message);
      expect(msgs[0]).toContain('did you mean "C1"? "С1" has Cyrillic letters');
      expect(msgs[1]).toContain('did you mean "C1"? "Ｃ１" has full-width characters');
    },
  },
  {
    name: 'a symbolic link to a workbook outside the folder',
    file: 'linked.csv',
    team: 'Linked',
    tab: 'linked.csv',
    write: (dir) => {
      const target = path.join(outside(dir), 'linked-target.csv');
      writeFileSync(target, csvText(one('Linked', 'LN1', 'Read through a link')));
      symlinkSync(target, path.join(dir, 'linked.csv'));
    },
    problems: [],
    good: [{ key: 'LN1', score: 0.5 }],
  },
  {
    name: 'a broken symbolic link',
    file: 'broken-link.xlsx',
    team: 'broken-link',
    tab: 'broken-link.xlsx',
    write: (dir) => symlinkSync(path.join(outside(dir), 'gone.xlsx'), path.join(dir, 'broken-link.xlsx')),
    problems: [{ code: 'source-unreadable', severity: 'error', value: 'broken-link.xlsx' }],
    good: [],
    check(_doc, problems) {
      expect(problems.find((p) => p.code === 'source-unreadable')!.message).toMatch(/symbolic link to .*gone\.xlsx, which does not exist/);
    },
  },
  {
    name: 'a file name that is not UTF-8 (Latin-1 "café.csv")',
    file: 'caf\uFFFD.csv',
    rawName: Buffer.from('caf\xe9.csv', 'latin1'),
    team: 'caf\uFFFD',
    tab: 'caf\uFFFD.csv',
    write: (dir) => writeFileSync(Buffer.concat([Buffer.from(`${dir}${path.sep}`), Buffer.from('caf\xe9.csv', 'latin1')]), csvText(okrGrid({}, [{ oid: 'CF1', objective: 'Named in Latin-1', alignsTo: 'C1', kr: 'Works', ...metric(0, 10, 5) }]))),
    problems: [],
    good: [{ key: 'CF1', score: 0.5 }],
  },
  {
    name: 'a file over the size bound (40 MB)',
    file: 'oversize.csv',
    team: 'oversize',
    tab: 'oversize.csv',
    write: (dir) => {
      const file = path.join(dir, 'oversize.csv');
      writeFileSync(file, csvText(one('Oversize', 'OV1', 'Too big to read')));
      truncateSync(file, 40 * 1024 * 1024); // sparse: costs no disk
    },
    problems: [{ code: 'source-unreadable', severity: 'error', value: 'oversize.csv' }],
    good: [],
    check(_doc, problems) {
      expect(problems.find((p) => p.code === 'source-unreadable')!.message).toContain('the file is 40 MB, more than 32 MB (the bound for one workbook)');
    },
  },
];
