// Periods (quarters): which period each OKR table belongs to, which period is current, and which
// period a check-in belongs to. Pure: the sync, `okr rollup` and the add-on share it.
import type { Objective, ParsedTable, Period } from './schemas.ts';

/** A period as the roll-up keys it: always labelled (a tab with dates only is labelled by them). */
export interface LabelledPeriod {
  label: string;
  start: string | null;
  end: string | null;
}

export interface PeriodGroup {
  period: LabelledPeriod;
  tables: ParsedTable[];
}

/** The label of a tab that gives Start and End but no Period line. */
export const datesLabel = (start: string, end: string): string => `${start}..${end}`;

/** Whether an ISO date or time falls in the period (its End day included). */
export function periodContains(p: Pick<LabelledPeriod, 'start' | 'end'>, at: string): boolean {
  if (!p.start || !p.end) return false;
  const day = at.slice(0, 10);
  return day >= p.start && day <= p.end;
}

/** Periods declared by the tables' Period lines, with the dates the first table giving them says. */
function declaredPeriods(tables: readonly ParsedTable[]): Map<string, LabelledPeriod> {
  const out = new Map<string, LabelledPeriod>();
  for (const t of tables) {
    const label = t.meta.period?.trim();
    if (!label) continue;
    const known = out.get(label);
    if (!known) out.set(label, { label, start: t.meta.start ?? null, end: t.meta.end ?? null });
    else if (!known.start && t.meta.start && t.meta.end) out.set(label, { label, start: t.meta.start, end: t.meta.end });
  }
  return out;
}

/**
 * The default period: the one containing `asOf` (the `--as-of` date, or today), else the latest
 * (by start; periods without dates count in the order given).
 */
export function currentPeriod<P extends Pick<LabelledPeriod, 'start' | 'end'>>(periods: readonly P[], asOf: Date | string): P | null {
  const at = asOf instanceof Date ? asOf.toISOString() : asOf;
  return periods.find((p) => periodContains(p, at)) ?? latest(periods);
}

function latest<P extends Pick<LabelledPeriod, 'start'>>(periods: readonly P[]): P | null {
  let best: P | null = null;
  for (const p of periods) if (!best || (p.start ?? '') >= (best.start ?? '')) best = p;
  return best;
}

/** Periods in time order (undated ones last, in the order first seen). */
function chronological(periods: Iterable<LabelledPeriod>): LabelledPeriod[] {
  const list = [...periods];
  return list
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.start && b.p.start ? a.p.start.localeCompare(b.p.start) : a.p.start ? -1 : b.p.start ? 1 : 0) || a.i - b.i)
    .map((x) => x.p);
}

export interface GroupOptions {
  /** The moment the current period is judged at. */
  asOf: Date | string;
  /** The configured period (config `period`): the current one's label and dates when set. */
  configured?: Period | null | undefined;
}

/**
 * Tables grouped by period, in time order. A table's period is its Period line; a table with only
 * Start and End belongs to the declared period its dates fall in (else to a period of those dates);
 * a table with neither belongs to the current period (the company sheet's). With no period
 * anywhere there is one group, labelled by the configured period or empty.
 */
export function groupByPeriod(tables: readonly ParsedTable[], opts: GroupOptions): { groups: PeriodGroup[]; current: LabelledPeriod } {
  const declared = declaredPeriods(tables);
  if (opts.configured?.label && !declared.has(opts.configured.label)) {
    declared.set(opts.configured.label, { label: opts.configured.label, start: opts.configured.start, end: opts.configured.end });
  }
  const byLabel = new Map<string, ParsedTable[]>();
  const periods = new Map(declared);
  const undated: ParsedTable[] = [];
  const add = (label: string, t: ParsedTable) => {
    const list = byLabel.get(label);
    if (list) list.push(t);
    else byLabel.set(label, [t]);
  };
  for (const t of tables) {
    const label = t.meta.period?.trim();
    if (label) add(label, t);
    else if (t.meta.start && t.meta.end) {
      const start = t.meta.start;
      const end = t.meta.end;
      const within = [...declared.values()].find((p) => periodContains(p, start));
      if (within) add(within.label, t);
      else {
        const own = datesLabel(start, end);
        if (!periods.has(own)) periods.set(own, { label: own, start, end });
        add(own, t);
      }
    } else undated.push(t);
  }
  const configuredDates = opts.configured && !opts.configured.label ? opts.configured : null;
  const current =
    (opts.configured?.label ? periods.get(opts.configured.label) : undefined) ??
    currentPeriod(chronological(periods.values()), configuredDates ? configuredDates.start : opts.asOf) ??
    (configuredDates
      ? { label: datesLabel(configuredDates.start, configuredDates.end), start: configuredDates.start, end: configuredDates.end }
      : { label: '', start: null, end: null });
  if (!periods.has(current.label)) periods.set(current.label, current);
  for (const t of undated) add(current.label, t);
  const groups = chronological(periods.values())
    .filter((p) => byLabel.has(p.label) || p.label === current.label)
    .map((period) => ({ period, tables: byLabel.get(period.label) ?? [] }));
  return { groups, current };
}

/** The shared Period of a labelled one (for the roll-up): null when its dates are unknown. */
export function toPeriod(p: LabelledPeriod): Period | null {
  if (!p.start || !p.end) return null;
  return { ...(p.label && p.label !== datesLabel(p.start, p.end) ? { label: p.label } : {}), start: p.start, end: p.end };
}

/** Where an objective id is defined in other periods (for the roll-up's cross-period link problem). */
export type OtherPeriods = ReadonlyMap<string, { period: string; objective: Objective }>;

/** Every objective id of the other groups → its period and objective (the first use wins). */
export function objectivesOutside(groups: readonly PeriodGroup[], own: PeriodGroup): Map<string, { period: string; objective: Objective }> {
  const out = new Map<string, { period: string; objective: Objective }>();
  for (const g of groups) {
    if (g === own) continue;
    for (const t of g.tables) for (const o of t.objectives) if (!out.has(o.id)) out.set(o.id, { period: g.period.label, objective: o });
  }
  return out;
}

/**
 * The period a check-in belongs to: the one whose Start..End holds its timestamp; one outside every
 * period belongs to the latest period that started before it, else to the earliest; an unreadable
 * timestamp (or no dated period) to the current one. The store's migration 0004 applies the same rule.
 */
export function checkinPeriod(periods: readonly LabelledPeriod[], timestamp: string, current: string): string {
  const ms = Date.parse(timestamp);
  const dated = chronological(periods.filter((p) => p.start && p.end));
  if (Number.isNaN(ms) || dated.length === 0) return current;
  const at = new Date(ms).toISOString();
  const within = dated.filter((p) => periodContains(p, at));
  if (within.length > 0) return (within[within.length - 1] as LabelledPeriod).label;
  const before = dated.filter((p) => (p.start as string) <= at.slice(0, 10));
  return (before[before.length - 1] ?? dated[0] as LabelledPeriod).label;
}
