// What the pages are built from: the latest snapshot (parsed once and shared with the JSON API),
// plus everything derived from it that only changes with a new sync — the placement, alignment
// health, the check-in replay and the company objectives' history — computed once per sync.
import type { AlignedObjective } from '../../shared/schemas.ts';
import type { Store } from '../db/store.ts';
import type { StoredCheckin, StoredPeriod } from '../db/types.ts';
import type { AlignmentDocument } from '../engine/document.ts';
import { type LatestDocument, latestPeriods, periodPrepared } from '../http/snapshot.ts';
import { alignmentHealth, type Health } from './health.ts';
import { type Placement, placeObjectives } from './placement.ts';
import { historySeries, type Point, replayFromCheckins } from './trends.ts';

export interface ViewData {
  meta: LatestDocument['meta'];
  /** The latest sync's periods, in time order, and the one shown (null for a sync without any). */
  periods: readonly StoredPeriod[];
  period: StoredPeriod | null;
  doc: AlignmentDocument;
  byKey: ReadonlyMap<string, AlignedObjective>;
  placement: Placement;
  checkins: readonly StoredCheckin[];
  health: Health;
  /** Every objective's score replayed from check-ins (null without check-ins). */
  replay: { times: number[]; series: Map<string, Point[]> } | null;
  /** Company objectives' stored history (this period), by key. */
  companyHistory: Map<string, Point[]>;
  staleTeams: ReadonlySet<string>;
  /** Milliseconds spent deriving this (once per sync). */
  buildMs: number;
  /** A sync that failed after the one shown (its data is older than that failure); set per request. */
  failure?: SyncFailure | null;
}

export interface SyncFailure {
  syncId: number | null;
  finishedAt: string | null;
  error: string | null;
}

/** Per store, per period label ('' for the current one): the data of one sync's document. */
const cache = new WeakMap<Store, Map<string, { syncId: number; etag: string; data: Promise<ViewData> }>>();

/**
 * The view data of the current period, or of the period named (null before the first sync, or when
 * the label is not one of the latest sync's periods).
 */
export async function loadViewData(store: Store, period?: string): Promise<ViewData | null> {
  const prepared = await periodPrepared(store, period);
  if (!prepared) return null;
  const latest = prepared.latest();
  let byPeriod = cache.get(store);
  if (!byPeriod) {
    byPeriod = new Map();
    cache.set(store, byPeriod);
  }
  const key = period ?? '';
  const hit = byPeriod.get(key);
  if (hit && hit.syncId === latest.meta.syncId && hit.etag === latest.meta.etag) return hit.data;
  const periods = await latestPeriods(store);
  const shown = periods.find((p) => (period === undefined ? p.current : p.label === period)) ?? null;
  const data = build(store, latest, periods, shown);
  byPeriod.set(key, { syncId: latest.meta.syncId, etag: latest.meta.etag, data });
  // A failed build must not stay cached.
  data.catch(() => {
    if (byPeriod.get(key)?.data === data) byPeriod.delete(key);
  });
  return data;
}

async function build(store: Store, latest: LatestDocument, periods: readonly StoredPeriod[], period: StoredPeriod | null): Promise<ViewData> {
  const started = performance.now();
  const { doc, meta } = latest;
  // This period's check-ins only: a key result id reused next quarter starts clean.
  const only = meta.period ? { period: meta.period } : {};
  const [checkins, history] = await Promise.all([store.checkins(only), store.history({ companyOnly: true, ...only })]);
  const byKey = new Map(doc.objectives.map((o) => [o.key, o]));
  const placement = placeObjectives(doc);
  const health = alignmentHealth(doc, checkins);
  const replay = replayFromCheckins({ objectives: doc.objectives, period: doc.period, mode: doc.mode, asOf: doc.asOf }, checkins);
  return {
    meta,
    periods,
    period,
    doc,
    byKey,
    placement,
    checkins,
    health,
    replay,
    companyHistory: historySeries(history),
    staleTeams: new Set(doc.staleTeams.map((s) => s.team)),
    buildMs: performance.now() - started,
  };
}

/** The team as named in the roll-up, matched case-insensitively. */
export function findTeam(doc: AlignmentDocument, name: string): AlignmentDocument['teams'][number] | null {
  const exact = doc.teams.find((t) => t.team === name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  return doc.teams.find((t) => t.team.toLowerCase() === lower) ?? null;
}

/** An objective by key, else by its sheet id (the first match; keys of duplicates hold the team). */
export function findObjective(data: ViewData, keyOrId: string): { objective: AlignedObjective; alsoMatching: string[] } | null {
  const byKey = data.byKey.get(keyOrId);
  if (byKey) return { objective: byKey, alsoMatching: [] };
  const matches = data.doc.objectives.filter((o) => o.id === keyOrId);
  const first = matches[0];
  return first ? { objective: first, alsoMatching: matches.slice(1).map((o) => o.key) } : null;
}
