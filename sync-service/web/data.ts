// What the pages are built from: the latest snapshot (parsed once and shared with the JSON API),
// plus everything derived from it that only changes with a new sync — the placement, alignment
// health, the check-in replay and the company objectives' history — computed once per sync.
import type { AlignedObjective } from '../../shared/schemas.ts';
import type { Store } from '../db/store.ts';
import type { StoredCheckin } from '../db/types.ts';
import type { AlignmentDocument } from '../engine/document.ts';
import { type LatestDocument, latestDocument } from '../http/snapshot.ts';
import { alignmentHealth, type Health } from './health.ts';
import { type Placement, placeObjectives } from './placement.ts';
import { historySeries, type Point, replayFromCheckins } from './trends.ts';

export interface ViewData {
  meta: LatestDocument['meta'];
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

const cache = new WeakMap<Store, { syncId: number; etag: string; data: Promise<ViewData> }>();

export async function loadViewData(store: Store): Promise<ViewData | null> {
  const latest = await latestDocument(store);
  if (!latest) return null;
  const hit = cache.get(store);
  if (hit && hit.syncId === latest.meta.syncId && hit.etag === latest.meta.etag) return hit.data;
  const data = build(store, latest);
  cache.set(store, { syncId: latest.meta.syncId, etag: latest.meta.etag, data });
  // A failed build must not stay cached.
  data.catch(() => {
    if (cache.get(store)?.data === data) cache.delete(store);
  });
  return data;
}

async function build(store: Store, latest: LatestDocument): Promise<ViewData> {
  const started = performance.now();
  const { doc, meta } = latest;
  const [checkins, history] = await Promise.all([store.checkins(), store.history({ companyOnly: true, ...(meta.period ? { period: meta.period } : {}) })]);
  const byKey = new Map(doc.objectives.map((o) => [o.key, o]));
  const placement = placeObjectives(doc);
  const health = alignmentHealth(doc, checkins);
  const replay = replayFromCheckins({ objectives: doc.objectives, period: doc.period, mode: doc.mode, asOf: doc.asOf }, checkins);
  return {
    meta,
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
