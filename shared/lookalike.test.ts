import { describe, expect, it } from 'vitest';
import { idSkeleton, lookalikeIndex } from './lookalike.ts';
import { rollup } from './rollup.ts';
import { parseOkrTable } from './contract.ts';

describe('look-alike ids', () => {
  const index = lookalikeIndex(['CO-1', 'SALES-2']);

  it('names the id meant and what differs', () => {
    expect(index.hint('СО-1')).toBe('did you mean "CO-1"? "СО-1" has Cyrillic letters'); // Cyrillic С and О
    expect(index.hint('ＣＯ－１')).toMatch(/^did you mean "CO-1"\? "ＣＯ－１" has full-width characters/);
    expect(index.hint('CO\u20111')).toBe('did you mean "CO-1"? "CO\u20111" has a dash that is not a plain hyphen');
    expect(index.hint('CO\u200B-1')).toMatch(/invisible characters/);
    expect(index.hint('sales-2')).toMatch(/did you mean "SALES-2"\? .* different letter case/);
  });

  it('gives no hint for an id that looks like nothing known, or is known', () => {
    expect(index.hint('NOPE')).toBe('');
    expect(index.hint('CO-1')).toBe('');
    expect(idSkeleton('Ѕ-1')).toBe('S-1');
  });

  it('is part of the unknown-parent problem of the roll-up', () => {
    const company = parseOkrTable(
      [['Mission:', 'm'], [], ['Objective ID', 'Objective', 'Key Result', 'Type', 'Current'], ['CO-1', 'Company', 'k', 'manual', 0.5]],
      { team: 'Co', tab: 'OKRs' },
    );
    const team = parseOkrTable(
      [['Objective ID', 'Objective', 'Aligns To', 'Key Result', 'Type', 'Current'], ['T1', 'Team', 'СО-1', 'k', 'manual', 0.5]],
      { team: 'T', tab: 'OKRs' },
    );
    const p = rollup([company, team]).problems.find((x) => x.code === 'unknown-parent');
    expect(p?.message).toContain('did you mean "CO-1"? "СО-1" has Cyrillic letters');
    expect(p?.value).toBe('СО-1');
  });
});
