// The company-sheet write at scale: the synthetic company (N teams) parsed and rolled up in
// memory, its company workbook planned as Sheets batchUpdate requests, and each request's JSON size
// measured. Google recommends at most 2 MB per request and refuses 10 MB
// (https://developers.google.com/sheets/api/limits), so the largest request must stay under 2 MB
// however many teams there are.
import { rollup } from '../shared/rollup.ts';
import { buildCompanyWorkbook } from '../sync-service/company-sheet/build.ts';
import { planWriteBatches, type SheetLayout } from '../sync-service/company-sheet/google-requests.ts';
import { buildAlignmentDocument } from '../sync-service/engine/document.ts';
import { parseWorkbook } from '../sync-service/sources/parse.ts';
import { AS_OF, PERIOD, syntheticCompany } from './synthetic.ts';

export interface CompanySheetSize {
  teams: number;
  /** batchUpdate requests of a first write (an empty spreadsheet). */
  requests: number;
  /** The largest request body, in bytes. */
  largestBytes: number;
  totalBytes: number;
}

const EMPTY: SheetLayout = { tabs: {}, usedIds: [0], chart: null };

/** The synthetic company of `teams` teams, rolled up: its alignment document and check-ins. */
export function syntheticDocument(teams: number, seed = 1) {
  const company = syntheticCompany({ teams, seed, checkinsPerTeam: 4 });
  const parses = [company.company, ...company.teams].map((s) =>
    parseWorkbook({ okr: [{ tab: 'OKRs', grid: s.okr, text: true }], checkins: s.checkins ? { tab: 'Check-ins', grid: s.checkins, text: true } : null }, s.title),
  );
  const alignment = rollup(
    parses.map((p) => p.table),
    { mode: 'both', asOf: AS_OF, period: PERIOD },
  );
  const document = buildAlignmentDocument(alignment, { company: { name: 'Bench Co' } });
  return { document, checkins: parses.flatMap((p) => p.checkins) };
}

export function companySheetSize(teams: number, seed = 1): CompanySheetSize {
  const { document, checkins } = syntheticDocument(teams, seed);
  const model = buildCompanyWorkbook(document, { checkins }, AS_OF);
  const sizes = planWriteBatches(model, EMPTY).batches.map((b) => Buffer.byteLength(JSON.stringify({ requests: b })));
  return { teams, requests: sizes.length, largestBytes: Math.max(...sizes), totalBytes: sizes.reduce((a, b) => a + b, 0) };
}
