// The roll-up per period: every team's OKR tables (one per tab) are grouped by period
// (shared/periods.ts), each period rolls up on its own — alignment links resolve within a period —
// and each becomes an alignment document. Used by the sync and by `okr rollup`. Pure: no I/O.
import { groupByPeriod, type LabelledPeriod, objectivesOutside, toPeriod } from '../../shared/periods.ts';
import { rollup } from '../../shared/rollup.ts';
import type { ParsedTable, Period, Problem, RollupMode } from '../../shared/schemas.ts';
import { type TeamParse, tablesOf } from '../sources/parse.ts';
import { decideCompany } from './company-claim.ts';
import { type AlignmentDocument, buildAlignmentDocument, type DocumentInput } from './document.ts';

export interface PeriodDocument {
  period: LabelledPeriod;
  /** The period containing the as-of date, else the latest: what is served by default. */
  current: boolean;
  document: AlignmentDocument;
}

export interface PeriodRollup {
  /** In time order. */
  periods: PeriodDocument[];
  current: PeriodDocument;
  /** Problems of the company claim (company-claim.ts), already in every document. */
  companyProblems: Problem[];
}

export interface PeriodRollupOptions {
  mode: RollupMode;
  asOf: Date;
  /** The configured period (config `period`): the current period's label and dates. */
  configured?: Period | null | undefined;
  mission?: string | undefined;
  /** company.source in the config. */
  companySource?: string | undefined;
  /** What every period's document carries besides its roll-up (stale teams, file problems…). */
  document: DocumentInput;
}

/** The teams' tables with the company decided by its first tab; a company workbook's later tabs are the company's too. */
function decidedTables(teams: readonly { sourceId: string; name: string; parse: TeamParse }[], configured: string | undefined) {
  const company = decideCompany(
    teams.map((t) => ({ sourceId: t.sourceId, name: t.name, table: t.parse.table })),
    configured,
  );
  const tables: ParsedTable[] = [];
  teams.forEach((t, i) => {
    const first = company.tables[i] as ParsedTable;
    tables.push(first, ...tablesOf(t.parse).slice(1).map((x) => (x.isCompany === first.isCompany ? x : { ...x, isCompany: first.isCompany })));
  });
  return { tables, problems: company.problems };
}

export function rollUpPeriods(teams: readonly { sourceId: string; name: string; parse: TeamParse }[], opts: PeriodRollupOptions): PeriodRollup {
  const decided = decidedTables(teams, opts.companySource);
  // The company's tables first: a period's dates are the first table's that declares them.
  const ordered = [...decided.tables.filter((t) => t.isCompany), ...decided.tables.filter((t) => !t.isCompany)];
  const { groups, current } = groupByPeriod(ordered, { asOf: opts.asOf, configured: opts.configured });
  const periods = groups.map((g): PeriodDocument => {
    const isCurrent = g.period.label === current.label;
    const period = isCurrent && opts.configured ? opts.configured : toPeriod(g.period);
    const alignment = rollup(g.tables, {
      mode: opts.mode,
      asOf: opts.asOf,
      ...(period ? { period } : {}),
      ...(opts.mission ? { mission: opts.mission } : {}),
      otherPeriods: objectivesOutside(groups, g),
      periodLabel: g.period.label,
    });
    const document = buildAlignmentDocument(alignment, {
      ...opts.document,
      extraProblems: [...(opts.document.extraProblems ?? []), ...decided.problems],
    });
    return { period: g.period, current: isCurrent, document };
  });
  return { periods, current: periods.find((p) => p.current) as PeriodDocument, companyProblems: decided.problems };
}

/** The period a `--period` / `?period=` label names (the current one when none is given), or null. */
export function pickPeriod<P extends { period: LabelledPeriod; current: boolean }>(periods: readonly P[], label: string | undefined): P | null {
  return periods.find((p) => (label === undefined ? p.current : p.period.label === label)) ?? null;
}

/** What GET /api/periods lists of a period: its teams, objectives and company score. */
export function periodSummary(doc: AlignmentDocument): { teams: number; objectives: number; companyObjectives: number; score: number | null } {
  return {
    teams: doc.teams.filter((t) => !t.isCompany).length,
    objectives: doc.objectives.length,
    companyObjectives: doc.objectives.filter((o) => o.isCompany).length,
    score: doc.overall,
  };
}

/** An unknown period label, naming the known ones. */
export function unknownPeriodMessage(label: string, periods: readonly { period: Pick<LabelledPeriod, 'label'> }[]): string {
  const known = periods.map((p) => `"${p.period.label}"`).join(', ');
  return `period "${label}" is not one of the periods rolled up (${known || 'none'})`;
}
