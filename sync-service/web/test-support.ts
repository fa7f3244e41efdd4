// Small companies for the alignment view's unit tests, rolled up by the real shared roll-up.
import { parseOkrTable } from '../../shared/contract.ts';
import { rollup } from '../../shared/rollup.ts';
import type { AlignedObjective, Alignment, ParsedTable } from '../../shared/schemas.ts';
import type { Cell } from '../../shared/values.ts';

/** One objective with one manual key result `<id>-1` scoring `score` (or none with 'none'). */
export interface O {
  id: string;
  /** Aligns To, comma-separated. */
  to?: string;
  score?: number | 'none';
  title?: string;
}

const HEADER = ['Objective ID', 'Objective', 'Aligns To', 'Key Result', 'KR ID', 'Type', 'Current'];

export const PERIOD = { label: 'Q4 2026', start: '2026-10-01', end: '2026-12-31' };
export const AS_OF = new Date('2026-11-25T12:00:00Z');

export function sheet(team: string, objectives: O[], opts: { company?: boolean } = {}): ParsedTable {
  const meta: Cell[][] = [
    ['Team:', team],
    ['Start:', PERIOD.start],
    ['End:', PERIOD.end],
    ['Period:', PERIOD.label],
  ];
  if (opts.company) meta.push(['Mission:', 'Make OKRs easy']);
  const rows = objectives.map((o): Cell[] => {
    const s = o.score ?? 0.5;
    const kr: Cell[] = s === 'none' ? [null, null, null, null] : [`KR of ${o.id}`, `${o.id}-1`, 'manual', s];
    return [o.id, o.title ?? `Objective ${o.id} of ${team}`, o.to ?? null, ...kr];
  });
  return parseOkrTable([...meta, [], HEADER, ...rows], { tab: 'OKRs' });
}

export function company(tables: ParsedTable[]): Alignment {
  return rollup(tables, { asOf: AS_OF, period: PERIOD });
}

export function byKey(a: { objectives: readonly AlignedObjective[] }, key: string): AlignedObjective {
  const o = a.objectives.find((x) => x.key === key);
  if (!o) throw new Error(`no objective ${key}`);
  return o;
}
