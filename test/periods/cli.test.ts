// `okr rollup|sync --period LABEL`: the current period (containing the --as-of day, else the
// latest) by default, a named one on request, an unknown one refused naming the known ones.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIO } from '../../sync-service/cli/io.ts';
import { runCli } from '../../sync-service/cli/program.ts';
import { okrGrid, removeTempDirs, tempDir, writeXlsx } from '../fixtures/workbooks.ts';
import { Q3, Q4, writeTwoQuarters } from './fixture.ts';

let folder: string;
beforeAll(async () => {
  folder = await writeTwoQuarters(tempDir());
});
afterAll(removeTempDirs);

async function cli(args: string[], cwd = tempDir()) {
  const m = memoryIO({ cwd });
  const code = await runCli(args, m.io);
  return { code, stdout: m.stdout(), stderr: m.stderr() };
}

type Doc = { period: { label: string } | null; objectives: { title: string }[] };

describe('okr rollup --period', () => {
  it('defaults to the period containing the as-of day, else the latest', async () => {
    const inQ4 = JSON.parse((await cli(['rollup', folder, '--json', '--as-of', '2026-11-25'])).stdout) as Doc;
    expect(inQ4.period?.label).toBe(Q4.period);
    const inQ3 = JSON.parse((await cli(['rollup', folder, '--json', '--as-of', '2026-08-01'])).stdout) as Doc;
    expect(inQ3.period?.label).toBe(Q3.period);
    expect(inQ3.objectives.map((o) => o.title)).toEqual(['Grow', 'Open Berlin', 'Sell']);
    const after = JSON.parse((await cli(['rollup', folder, '--json', '--as-of', '2027-03-01'])).stdout) as Doc;
    expect(after.period?.label).toBe(Q4.period);
  });

  it('prints the period named, and refuses an unknown one', async () => {
    const r = await cli(['rollup', folder, '--period', Q3.period, '--as-of', '2026-11-25']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Open Berlin');
    expect(r.stdout).not.toContain('Sell again');
    const bad = await cli(['rollup', folder, '--period', '2026 Q1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('okr rollup: period "2026 Q1" is not one of the periods rolled up ("2026 Q3", "2026 Q4")\n');
  });
});

describe('okr sync --period', () => {
  it('stores every period and shows the one named; --out writes that period', async () => {
    const cwd = tempDir();
    const r = await cli(['sync', '--source', folder, '--as-of', '2026-11-25', '--period', Q3.period, '--out', 'q3.xlsx'], cwd);
    expect(r.stderr).not.toContain('okr sync:');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  periods    2026 Q3, 2026 Q4 (current)\n');
    expect(r.stdout).toContain('  showing    2026 Q3 (a past period: the record)\n');
    expect(existsSync(path.join(cwd, 'q3.xlsx'))).toBe(true);
    const bad = await cli(['sync', '--source', folder, '--as-of', '2026-11-25', '--period', 'Q9'], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('okr sync: --period: period "Q9" is not one of the periods rolled up ("2026 Q3", "2026 Q4") (the sync itself was stored)');
  });
});

describe('okr validate with two quarters', () => {
  it('checks every OKR tab on its own: a problem in the later tab is found, an id reused next quarter is no duplicate', async () => {
    const dir = tempDir();
    const row = (type: string) => [{ oid: 'S1', objective: 'Sell', kr: 'Deals', krId: 'S1-1', type, start: 0, target: 10, current: 5 }];
    await writeXlsx(path.join(dir, 'sales.xlsx'), [
      { name: 'OKRs', grid: okrGrid({ team: 'Sales', ...Q3 }, row('metric')) },
      { name: 'OKRs (2)', grid: okrGrid({ team: 'Sales', ...Q4 }, row('metrc')) },
    ]);
    const r = await cli(['validate', path.join(dir, 'sales.xlsx')]);
    expect(r.stdout).toContain('Sales / OKRs (2) / row');
    expect(r.stdout).toContain('unknown type "metrc"');
    expect(r.stdout).not.toMatch(/used twice/);
    expect(r.code).toBe(1);
  });
});
