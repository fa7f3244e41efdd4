// Two quarters in a folder: a company workbook and a team workbook, each with a 2026 Q3 tab
// (`OKRs`) and a 2026 Q4 tab (`OKRs (2)`), one Check-ins tab spanning both. Objective and KR ids
// are reused in Q4 (S1, S1-1), and one Q4 objective aligns to a Q3-only company objective (C7).
import path from 'node:path';
import { CHECKIN_HEADER, okrGrid, writeXlsx } from '../fixtures/workbooks.ts';

export const Q3 = { period: '2026 Q3', start: '2026-07-01', end: '2026-09-30' };
export const Q4 = { period: '2026 Q4', start: '2026-10-01', end: '2026-12-31' };
export const AS_OF = new Date('2026-11-25T00:00:00Z');

const kr = (oid: string, objective: string, alignsTo: string | null, krId: string, current: number) => ({
  oid,
  objective,
  ...(alignsTo ? { alignsTo } : {}),
  kr: `${objective}: measured`,
  krId,
  type: 'metric',
  start: 0,
  target: 10,
  current,
});

/** Check-in timestamps: one in each quarter for the reused KR id S1-1, one after both ended. */
export const CHECKINS = [
  ['2026-08-10T09:00:00Z', 'S1', 'S1-1', 2, 8],
  ['2026-10-12T09:00:00Z', 'S1', 'S1-1', 0, 1],
  ['2027-01-04T09:00:00Z', 'S2', 'S2-1', 1, 2],
] as const;

export async function writeTwoQuarters(dir: string, q4Current = 3): Promise<string> {
  await writeXlsx(path.join(dir, 'company.xlsx'), [
    { name: 'OKRs', grid: okrGrid({ team: 'Company', mission: 'Be useful', ...Q3 }, [kr('C1', 'Grow', null, 'C1-1', 9), kr('C7', 'Open Berlin', null, 'C7-1', 6)]) },
    { name: 'OKRs (2)', grid: okrGrid({ team: 'Company', mission: 'Be useful', ...Q4 }, [kr('C1', 'Grow more', null, 'C1-1', 4)]) },
  ]);
  await writeXlsx(path.join(dir, 'sales.xlsx'), [
    { name: 'OKRs', grid: okrGrid({ team: 'Sales', ...Q3 }, [kr('S1', 'Sell', 'C1', 'S1-1', 8)]) },
    { name: 'OKRs (2)', grid: okrGrid({ team: 'Sales', ...Q4 }, [kr('S1', 'Sell again', 'C1', 'S1-1', q4Current), kr('S2', 'Sell in Berlin', 'C7', 'S2-1', 2)]) },
    {
      name: 'Check-ins',
      grid: [
        [...CHECKIN_HEADER],
        ...CHECKINS.map(([at, oid, krId, before, after]) => [new Date(at), 'Ana', oid, krId, before, after, after / 10, 0.7, 'ok']),
      ],
    },
  ]);
  return dir;
}
