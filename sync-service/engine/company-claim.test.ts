import { describe, expect, it } from 'vitest';
import { parseOkrTable } from '../../shared/contract.ts';
import { decideCompany } from './company-claim.ts';

const HEADER = ['Objective ID', 'Objective', 'Aligns To', 'Key Result', 'Type', 'Current'];
const sheet = (file: string, meta: string[][], rows: string[][]) => ({
  sourceId: `file:${file}`,
  name: file,
  table: parseOkrTable([...meta, [], HEADER, ...rows], { team: file.replace(/\..*/, ''), tab: 'OKRs' }),
});
const company = sheet('company.xlsx', [['Mission:', 'Real']], [['CO-1', 'Company goal', '', 'k', 'manual', '0.5']]);
const impostor = sheet('aaa.csv', [['Mission:', 'Fake']], [['AAA-1', 'Take over', '', 'k', 'manual', '0.5']]);
const team = sheet('sales.csv', [], [['S-1', 'Sell', 'CO-1', 'k', 'manual', '0.5']]);

describe('which sheet is the company', () => {
  it('without config: the claimant the most objectives align to; the other is a team, with an error naming both files', () => {
    const { tables, problems } = decideCompany([impostor, company, team]);
    expect(tables.map((t) => [t.team, t.isCompany])).toEqual([
      ['aaa', false],
      ['company', true],
      ['sales', false],
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'company-claim', severity: 'error', team: 'aaa', value: 'aaa.csv' });
    expect(problems[0]!.message).toContain('aaa.csv claims to be the company sheet');
    expect(problems[0]!.message).toContain('the company sheet is company.xlsx');
  });

  it('without config and a tie: none, each claimant told to set company.source', () => {
    const { tables, problems } = decideCompany([impostor, company]);
    expect(tables.every((t) => !t.isCompany)).toBe(true);
    expect(problems.map((p) => p.value)).toEqual(['aaa.csv', 'company.xlsx']);
    expect(problems[0]!.message).toMatch(/aaa\.csv and company\.xlsx all claim .* company\.source/);
  });

  it('with company.source: that sheet, whatever it says, and no other', () => {
    const plain = sheet('exec.csv', [], [['E-1', 'Exec goal', '', 'k', 'manual', '0.5']]);
    const { tables, problems } = decideCompany([impostor, company, plain], 'exec.csv');
    expect(tables.map((t) => t.isCompany)).toEqual([false, false, true]);
    expect(problems.map((p) => p.value)).toEqual(['aaa.csv', 'company.xlsx']);
    expect(problems[0]!.message).toContain('(company.source in the config)');
    const missing = decideCompany([company], 'nope.xlsx');
    expect(missing.tables[0]!.isCompany).toBe(false);
    expect(missing.problems.map((p) => p.code)).toEqual(['company-sheet-missing', 'company-claim']);
  });
});
