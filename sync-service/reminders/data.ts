// What a weekly run reads, all through the Store's public API: the latest alignment, the stored
// check-ins and company history, each team's People tab (from its last good parse) and where
// each team's sheet lives.
import type { PersonEmail } from '../../shared/schemas.ts';
import type { Store } from '../db/store.ts';
import type { StoredCheckin } from '../db/types.ts';
import type { AlignmentDocument } from '../engine/document.ts';
import { latestDocument } from '../http/snapshot.ts';
import { isTeamParse } from '../sources/parse.ts';
import type { HistoryPoint } from './digest.ts';

export interface WeekInputs {
  doc: AlignmentDocument;
  checkins: StoredCheckin[];
  history: HistoryPoint[];
  people: PersonEmail[];
  /** Team → link to its sheet. */
  links: Map<string, string>;
}

const SHEET_PREFIX = 'sheet:';

/** A team's sheet: its Google Sheets URL, else its page in the view (when the view's URL is known). */
export function sheetLink(team: string, sourceId: string | undefined, viewUrl: string | undefined): string | null {
  if (sourceId?.startsWith(SHEET_PREFIX)) return `https://docs.google.com/spreadsheets/d/${encodeURIComponent(sourceId.slice(SHEET_PREFIX.length))}/edit`;
  return viewUrl ? `${viewUrl.replace(/\/+$/, '')}/teams/${encodeURIComponent(team)}` : null;
}

export async function loadWeekInputs(store: Store, asOf: Date, opts: { viewUrl?: string | undefined; peopleTab: boolean }): Promise<WeekInputs | null> {
  const latest = await latestDocument(store);
  if (!latest) return null;
  const [checkins, history, states, snapshots] = await Promise.all([
    // This period's check-ins: a key result id reused next quarter starts clean.
    store.checkins(latest.meta.period ? { period: latest.meta.period } : {}),
    store.history({ companyOnly: true, from: new Date(asOf.getTime() - 15 * 86_400_000), to: asOf }),
    store.teamStates(),
    opts.peopleTab ? store.lastGoodTeamSnapshots() : Promise.resolve(new Map()),
  ]);
  const people: PersonEmail[] = [];
  const newest = new Map<string, { syncId: number; people: PersonEmail[] }>();
  for (const s of snapshots.values()) {
    if (!isTeamParse(s.parsed) || !Array.isArray(s.parsed.people)) continue;
    const prev = newest.get(s.team);
    if (!prev || s.syncId > prev.syncId) newest.set(s.team, { syncId: s.syncId, people: s.parsed.people });
  }
  for (const n of newest.values()) people.push(...n.people);

  const links = new Map<string, string>();
  // A team's readable source wins over a stale one (a team that moved to another sheet).
  const sourceOf = new Map<string, string>();
  for (const s of states) if (!sourceOf.has(s.team) || !s.stale) sourceOf.set(s.team, s.sourceId);
  for (const t of latest.doc.teams) {
    const link = sheetLink(t.team, sourceOf.get(t.team), opts.viewUrl);
    if (link) links.set(t.team, link);
  }
  return { doc: latest.doc, checkins, history, people, links };
}
