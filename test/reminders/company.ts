// A small company for the reminder tests: a company sheet, Product (with a People tab and a title
// that looks like markup) and Sales (owners found through the config, one with no address at all).
// Times are fixed: the run is Monday 2026-12-07 09:00 in Oslo (08:00 UTC), ISO week 2026-W50.
import path from 'node:path';
import type { ConfigInput } from '../../sync-service/config/schema.ts';
import { CHECKIN_HEADER, okrGrid, type RowSpec, writeXlsx } from '../fixtures/workbooks.ts';

export const AS_OF = new Date('2026-12-07T08:00:00.000Z');
export const AS_OF_DATE = '2026-12-07';
export const WEEK = '2026-W50';
/** When the earlier sync "happened": more than a week before AS_OF. */
export const WEEK_BEFORE = new Date('2026-11-29T12:00:00.000Z');

const period = { period: 'Q4 2026', start: '2026-10-01', end: '2026-12-31' };
const metric = (r: RowSpec): RowSpec => ({ type: 'metric', start: 0, target: 10, ...r });

export const P2_TITLE = 'Ship the <b>API</b> & "SDK"';

/** `current`: the company KR's and Product P1-2's Current (changes between the two syncs). */
export async function writeCompany(dir: string, current: { c1: number; p12: number }): Promise<void> {
  await writeXlsx(path.join(dir, 'company.xlsx'), [
    {
      name: 'OKRs',
      grid: okrGrid({ team: 'Northwind', mission: 'Make planning joyful', ...period }, [
        metric({ oid: 'C1', objective: 'Grow revenue', kr: 'Revenue to 10 M', krId: 'C1-1', current: current.c1, owner: 'Mia Park' }),
        metric({ oid: 'C2', objective: 'Delight customers', kr: 'NPS to 10', krId: 'C2-1', current: 6, owner: 'Mia Park' }),
      ]),
    },
    {
      name: 'Check-ins',
      grid: [
        [...CHECKIN_HEADER],
        [new Date('2026-12-05T09:00:00Z'), 'mia', 'C1', 'C1-1', 4, 5, null, 0.8, ''],
        [new Date('2026-12-06T09:00:00Z'), 'mia', 'C2', 'C2-1', 5, 6, null, 0.8, ''],
      ],
    },
  ]);
  await writeXlsx(path.join(dir, 'product.xlsx'), [
    {
      name: 'OKRs',
      grid: okrGrid({ team: 'Product', ...period }, [
        metric({ oid: 'P1', objective: 'Make onboarding effortless', alignsTo: 'C2', kr: 'Setup under 10 minutes', krId: 'P1-1', current: 5, owner: 'Ana Lopez' }),
        metric({ kr: 'Activation to 10 %', krId: 'P1-2', current: current.p12, owner: 'ana lopez' }),
        metric({ oid: 'P2', objective: P2_TITLE, alignsTo: 'C1', kr: 'Ten <script>alert(1)</script> partners', krId: 'P2-1', current: 1, owner: 'Bo Chen' }),
      ]),
    },
    {
      name: 'Check-ins',
      grid: [
        [...CHECKIN_HEADER],
        [new Date('2026-12-04T10:00:00Z'), 'ana', 'P1', 'P1-1', 4, 5, null, 0.7, ''],
        [new Date('2026-11-20T10:00:00Z'), 'ana', 'P1', 'P1-2', 1, 2, null, 0.5, ''],
      ],
    },
    { name: 'People', grid: [['Owner', 'Email'], ['Ana Lopez', 'ana@example.com'], ['Bo Chen', 'bo@example.com'], ['Cy', 'not an address']] },
  ]);
  await writeXlsx(path.join(dir, 'sales.xlsx'), [
    {
      name: 'OKRs',
      grid: okrGrid({ team: 'Sales', ...period }, [
        metric({ oid: 'S1', objective: 'Win enterprise customers', alignsTo: 'C1', kr: 'Ten enterprise deals', krId: 'S1-1', current: 3, owner: 'Sam Reed' }),
        metric({ kr: 'Pipeline of 10 M', krId: 'S1-2', current: 4, owner: 'Kim Ito' }),
      ]),
    },
    { name: 'Check-ins', grid: [[...CHECKIN_HEADER], [new Date('2026-11-25T10:00:00Z'), 'sam', 'S1', 'S1-1', 2, 3, null, 0.5, '']] },
  ]);
}

export function remindersConfig(smtpPort: number, webhookUrl: string): NonNullable<ConfigInput['reminders']> {
  return {
    weekday: 'monday',
    time: '09:00',
    timeZone: 'Europe/Oslo',
    leaders: ['ceo@example.com', 'coo@example.com'],
    // The team's People tab wins over this for Ana; Sam is found only here.
    people: { 'Sam Reed': 'sam@example.com', 'Ana Lopez': 'not-this@example.com' },
    viewUrl: 'https://okr.example.com/',
    email: { from: 'OKR Sheets <okr@example.com>', smtp: { host: '127.0.0.1', port: smtpPort } },
    webhook: { url: webhookUrl },
  };
}
