// Alignment documents for the company-sheet tests, made by the real pipeline: small OKR grids →
// parseOkrTable → rollup → buildAlignmentDocument (and check-ins through parseCheckins).
import { parseCheckins } from '../../shared/checkins.ts';
import { parseOkrTable } from '../../shared/contract.ts';
import { rollup } from '../../shared/rollup.ts';
import type { CheckIn, ParsedTable } from '../../shared/schemas.ts';
import { CHECKIN_HEADERS } from '../../shared/template.ts';
import type { Cell } from '../../shared/values.ts';
import type { HistoryPoint } from '../../sync-service/company-sheet/build.ts';
import { type AlignmentDocument, type StaleTeam, buildAlignmentDocument } from '../../sync-service/engine/document.ts';

export const HOSTILE = {
  formula: '=HYPERLINK("http://evil","x")',
  dde: "+cmd|' /C calc'!A0",
  at: '@SUM(1)',
  script: '<script>alert(1)</script>',
  minus: '-2+3',
  note: '=1+1',
} as const;

const HEADER = ['Objective ID', 'Objective', 'Aligns To', 'Key Result', 'KR ID', 'Type', 'Start', 'Target', 'Current', 'Owner', 'Notes'];
type Row = { oid?: string; obj?: string; to?: string; kr: string; krId: string; current: number | null; owner?: string; notes?: string };
const row = (r: Row): Cell[] => [r.oid ?? null, r.obj ?? null, r.to ?? null, r.kr, r.krId, 'metric', 0, 100, r.current, r.owner ?? null, r.notes ?? null];

function table(meta: [string, string][], rows: Row[]): ParsedTable {
  return parseOkrTable([...meta.map(([k, v]) => [`${k}:`, v]), [], HEADER, ...rows.map(row)], { tab: 'OKRs' });
}

export interface DocOptions {
  asOf?: Date;
  /** Sales' first key result, 0..100. */
  sales?: number;
  /** Include the Engineering team (one objective under CO-2, one unaligned). */
  eng?: boolean;
  /** Include Sales' second objective. */
  salesTwo?: boolean;
  /** Add a third company objective (one more Trends series). */
  co3?: boolean;
  staleTeams?: StaleTeam[];
}

export const AS_OF = new Date('2026-08-15T10:00:00Z');

export function tables(o: DocOptions = {}): ParsedTable[] {
  const company = table(
    [
      ['Team', 'Company'],
      ['Mission', 'Make OKRs easy'],
      ['Period', '2026-Q3'],
      ['Start', '2026-07-01'],
      ['End', '2026-09-30'],
    ],
    [
      { oid: 'CO-1', obj: 'Win the market', kr: 'Revenue', krId: 'CO-1.1', current: 40, owner: 'Ana' },
      { oid: 'CO-2', obj: HOSTILE.formula, kr: 'Ship the platform', krId: 'CO-2.1', current: 20, owner: HOSTILE.dde },
      ...(o.co3 ? [{ oid: 'CO-3', obj: 'Delight customers', kr: 'NPS', krId: 'CO-3.1', current: 90, owner: 'Cy' }] : []),
    ],
  );
  const sales = table(
    [['Team', 'Sales']],
    [
      { oid: 'S-1', obj: 'Close deals', to: 'CO-1', kr: HOSTILE.at, krId: 'S-1.1', current: o.sales ?? 45, owner: 'Dana', notes: HOSTILE.script },
      ...(o.salesTwo === false ? [] : [{ oid: 'S-2', obj: 'Hire reps', to: 'CO-1', kr: 'Reps hired', krId: 'S-2.1', current: 50, owner: 'Eli' }]),
    ],
  );
  const eng = table(
    [['Team', 'Engineering']],
    [
      { oid: 'E-1', obj: 'Build the platform', to: 'CO-2', kr: 'Services live', krId: 'E-1.1', current: 80, owner: 'Fay' },
      { oid: 'E-2', obj: HOSTILE.script, kr: 'Toil hours', krId: 'E-2.1', current: 10, owner: HOSTILE.minus },
    ],
  );
  return [company, sales, ...(o.eng === false ? [] : [eng])];
}

export function companyDocument(o: DocOptions = {}): AlignmentDocument {
  const t = tables(o);
  const alignment = rollup(t, { asOf: o.asOf ?? AS_OF });
  return buildAlignmentDocument(alignment, {
    company: { name: 'Acme' },
    teamSources: new Map(t.map((x) => [x.team, `${x.team.toLowerCase()}.xlsx`])),
    ...(o.staleTeams ? { staleTeams: o.staleTeams } : {}),
  });
}

/** Sales' Check-ins tab: a fresh one (S-1.1, with hostile text), an old one (S-2.1). */
export function salesCheckins(): CheckIn[] {
  const grid: Cell[][] = [
    [...CHECKIN_HEADERS],
    [new Date('2026-08-14T09:30:00Z'), HOSTILE.minus, 'S-1', 'S-1.1', 30, 45, 0.45, 0.8, HOSTILE.note],
    [new Date('2026-07-10T16:00:00Z'), 'Eli', 'S-2', 'S-2.1', 40, 50, 0.5, 0.6, 'two more'],
  ];
  const { checkins, problems } = parseCheckins(grid, { team: 'Sales', tab: 'Check-ins' });
  if (problems.length) throw new Error(`bad check-ins fixture: ${JSON.stringify(problems)}`);
  return checkins;
}

/** A past sync's score rows, as the store keeps them (one per objective). */
export function historyOf(doc: AlignmentDocument, syncId: number, at: string): HistoryPoint[] {
  return doc.objectives.map((o) => ({
    syncId,
    at,
    period: doc.period?.label ?? null,
    key: o.key,
    id: o.id,
    isCompany: o.isCompany,
    rolledScore: o.rolledScore,
  }));
}
