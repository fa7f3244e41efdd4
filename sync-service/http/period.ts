// `?period=LABEL` on the JSON routes: the period's document, the current one without it, a 400
// naming `period` for a label that is not one of the latest sync's periods.
import type { Context } from 'hono';
import type { Store } from '../db/store.ts';
import type { StoredPeriod } from '../db/types.ts';
import { apiError } from './errors.ts';
import { type LatestDocument, latestPeriods, type PreparedAlignment, periodPrepared } from './snapshot.ts';
import { ParamText } from './validate.ts';

/** The query parameter: a period's label as GET /api/periods lists it. */
export const PeriodParam = ParamText(200).optional();

export type ResolvedPeriod =
  | { ok: true; prepared: PreparedAlignment; latest: LatestDocument; period: StoredPeriod | null }
  | { ok: false; response: Response };

export async function resolvePeriod(c: Context, store: Store, label: string | undefined): Promise<ResolvedPeriod> {
  const prepared = await periodPrepared(store, label);
  if (prepared === undefined) return { ok: false, response: apiError(c, 503, 'No sync has finished yet', undefined, { 'Retry-After': '2' }) };
  const periods = await latestPeriods(store);
  if (prepared === null) return { ok: false, response: apiError(c, 400, unknownPeriod(label ?? '', periods), 'period') };
  const period = periods.find((p) => (label === undefined ? p.current : p.label === label)) ?? null;
  return { ok: true, prepared, latest: prepared.latest(), period };
}

export function unknownPeriod(label: string, periods: readonly StoredPeriod[]): string {
  const known = periods.map((p) => JSON.stringify(p.label)).join(', ');
  return `period: "${label}" is not a period of the latest sync (known: ${known || 'none'}); GET /api/periods lists them`;
}
