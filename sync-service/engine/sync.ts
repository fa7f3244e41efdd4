// One sync: list every source, read only what changed, parse with the shared contract, roll up,
// and store the whole result in one transaction — under the advisory lock, so two instances never
// sync at once. A team whose sheet cannot be read keeps its last good parse, marked stale.
import { countBySeverity, problem, sortProblems } from '../../shared/problems.ts';
import { rollup } from '../../shared/rollup.ts';
import type { CheckIn, Period, Problem, RollupMode } from '../../shared/schemas.ts';
import type { Store } from '../db/store.ts';
import type { CheckinInput, HistoryRow, TeamSnapshotInput, TeamState, TeamStateInput } from '../db/types.ts';
import { canonical, isCurrentParse, isTeamParse, parseWorkbook, type TeamParse } from '../sources/parse.ts';
import type { KnownEntry, Source, SourceEntry } from '../sources/types.ts';
import { type AlignmentDocument, buildAlignmentDocument, type StaleTeam } from './document.ts';
import { bumpSyncGeneration } from './generation.ts';
import { mapLimit } from './limit.ts';
import type { ProgressListener, TeamOutcome } from './progress.ts';
import { append } from '../../shared/arrays.ts';

/** What a company-sheet writer (sync-service/company-sheet/) is given after each roll-up. */
export interface CompanySheetContext {
  syncId: number;
  document: AlignmentDocument;
  now: Date;
  /** Company objectives' scores in earlier stored snapshots of this period (for trends). */
  history: HistoryRow[];
  /** Every check-in known, this sync's included. */
  checkins: CheckinInput[];
}

/** Writes the company roll-up somewhere (a Google spreadsheet); returns the API requests it made. */
export type CompanySheetWriter = (ctx: CompanySheetContext) => Promise<{ requests: number }>;

export interface SyncEngine {
  store: Store;
  sources: readonly Source[];
  company: { name?: string | undefined; mission?: string | undefined };
  /** The configured period; default: the company sheet's own Period / Start / End. */
  period?: Period | null | undefined;
  rollupMode?: RollupMode;
  now?: () => Date;
  /** Sheets read at once (default 4). */
  concurrency?: number;
  /**
   * 'day' (default): statuses are judged as of the start of the current UTC day, so syncs that
   * change nothing produce the same alignment and share one stored snapshot (history grows with
   * changes and days, not with syncs). 'exact': as of the sync's own moment.
   */
  asOfPrecision?: 'day' | 'exact';
  writeCompanySheet?: CompanySheetWriter | undefined;
}

export interface RunSyncOptions {
  /** Read every sheet even when its version says it is unchanged. */
  force?: boolean;
  onProgress?: ProgressListener;
}

export interface SyncCountsOut {
  /** Teams in the roll-up (fresh or stale). */
  teams: number;
  /** Sheets read in this sync. */
  read: number;
  /** Sheets not read because they had not changed (their last parse was reused). */
  unchangedSkipped: number;
  /** Teams whose sheet could not be read (last good values kept, or missing). */
  stale: number;
  problems: number;
  /** Remote API requests (Drive + Sheets, and the company sheet write). */
  requests: number;
}

export interface SyncSummary {
  syncId: number;
  status: 'ok' | 'partial';
  counts: SyncCountsOut;
  durationMs: number;
  errors: number;
  warnings: number;
  staleTeams: StaleTeam[];
  etag: string;
  document: AlignmentDocument;
}

export type SyncResult = ({ skipped: false } & SyncSummary) | { skipped: true; reason: string };

interface TeamResult {
  sourceId: string;
  name: string;
  /** The team to name when there is no parse to take it from. */
  fallbackTeam: string;
  parse: TeamParse | null;
  outcome: TeamOutcome;
  reason?: string;
  lastGoodSyncId: number | null;
  /** Set when the sheet was read in this sync. */
  fresh?: { version: string | null; lastModified: string | null };
}

export async function runSync(engine: SyncEngine, opts: RunSyncOptions = {}): Promise<SyncResult> {
  let locked: Awaited<ReturnType<typeof engine.store.withSyncLock<SyncResult>>>;
  try {
    locked = await engine.store.withSyncLock(() => syncLocked(engine, opts));
  } finally {
    // Whatever happened, what is served may have changed: prepared documents are looked at again.
    bumpSyncGeneration(engine.store);
  }
  return locked.skipped ? { skipped: true, reason: 'another sync is running (the sync lock is held)' } : locked.value;
}

async function syncLocked(engine: SyncEngine, opts: RunSyncOptions): Promise<SyncResult> {
  const { store, sources } = engine;
  const now = engine.now ?? (() => new Date());
  const emit: ProgressListener = opts.onProgress ?? (() => {});
  const started = performance.now();
  const requestsBefore = sources.reduce((s, src) => s + src.requestCount(), 0);
  const syncId = await store.beginSync(sources.map((s) => s.ref));
  emit({ type: 'begin', syncId });
  const counts: SyncCountsOut = { teams: 0, read: 0, unchangedSkipped: 0, stale: 0, problems: 0, requests: 0 };
  try {
    const [states, snapshots] = await Promise.all([store.teamStates(), store.lastGoodTeamSnapshots()]);
    const stateBySource = latestBySource(states);
    const snapshotBySource = new Map<string, { parse: TeamParse; syncId: number }>();
    for (const s of snapshots.values()) {
      const prev = snapshotBySource.get(s.sourceId);
      if (isTeamParse(s.parsed) && (!prev || s.syncId > prev.syncId)) snapshotBySource.set(s.sourceId, { parse: canonical(s.parsed), syncId: s.syncId });
    }
    const known = new Map<string, KnownEntry>(
      [...stateBySource.values()].map((s) => [
        s.sourceId,
        { sourceId: s.sourceId, team: s.team, version: s.version, lastModified: s.lastModified, stale: s.stale },
      ]),
    );

    // List every source; a source that cannot be listed leaves its known teams stale.
    const entries: SourceEntry[] = [];
    const missing: { sourceId: string; reason: string }[] = [];
    const unlisted: Problem[] = [];
    for (const source of sources) {
      try {
        const listed = await source.list(known);
        append(entries, listed.entries);
        append(missing, listed.missing ?? []);
      } catch (err) {
        const reason = `could not list ${source.ref.name}: ${errorMessage(err)}`;
        for (const id of known.keys()) if (source.owns(id)) missing.push({ sourceId: id, reason });
        // Said even when no team is known yet: a wrong folder must not look like an empty one.
        unlisted.push(problem({ team: engine.company.name ?? '', tab: source.ref.name }, 'error', 'source-unlisted', `Could not list ${source.ref.name}: ${errorMessage(err)}`));
      }
    }
    const total = entries.length + missing.length;
    emit({ type: 'listed', total });

    let done = 0;
    const report = (r: TeamResult) => {
      emit({
        type: 'team',
        done: ++done,
        total,
        name: r.name,
        team: r.parse?.table.team ?? r.name,
        outcome: r.outcome,
        ...(r.reason ? { reason: r.reason } : {}),
      });
      return r;
    };
    const fallback = (sourceId: string, name: string, fallbackTeam: string, reason: string): TeamResult => {
      const snap = snapshotBySource.get(sourceId);
      const lastGoodSyncId = stateBySource.get(sourceId)?.lastGoodSyncId ?? snap?.syncId ?? null;
      const team = stateBySource.get(sourceId)?.team ?? fallbackTeam;
      return snap
        ? { sourceId, name, fallbackTeam: team, parse: snap.parse, outcome: 'stale', reason, lastGoodSyncId }
        : { sourceId, name, fallbackTeam: team, parse: null, outcome: 'missing', reason, lastGoodSyncId };
    };

    const results = await mapLimit(entries, engine.concurrency ?? 4, async (entry) => {
      const prev = stateBySource.get(entry.sourceId);
      const snap = snapshotBySource.get(entry.sourceId);
      // A parse stored without the People tab (older build, reminders newly on) is read again once.
      const readsPeople = sources.find((s) => s.owns(entry.sourceId))?.readsPeople === true;
      const unchanged =
        !opts.force &&
        snap &&
        prev &&
        !prev.stale &&
        entry.version !== null &&
        entry.version === prev.version &&
        !entry.error &&
        isCurrentParse(snap.parse, readsPeople);
      if (unchanged) {
        return report({
          sourceId: entry.sourceId,
          name: entry.name,
          fallbackTeam: entry.fallbackTeam,
          parse: snap.parse,
          outcome: 'unchanged',
          lastGoodSyncId: prev.lastGoodSyncId,
        });
      }
      try {
        if (entry.error) throw new Error(entry.error);
        const parse = canonical(parseWorkbook(await readEntry(sources, entry), entry.fallbackTeam));
        return report({
          sourceId: entry.sourceId,
          name: entry.name,
          fallbackTeam: entry.fallbackTeam,
          parse,
          outcome: 'read',
          lastGoodSyncId: syncId,
          fresh: { version: entry.version, lastModified: entry.lastModified },
        });
      } catch (err) {
        return report(fallback(entry.sourceId, entry.name, entry.fallbackTeam, errorMessage(err)));
      }
    });
    for (const m of missing) {
      const team = snapshotBySource.get(m.sourceId)?.parse.table.team ?? stateBySource.get(m.sourceId)?.team ?? m.sourceId;
      results.push(report(fallback(m.sourceId, team, team, m.reason)));
    }

    // Roll up (teams in a stable order: by team, then source).
    const parsed = results.filter((r): r is TeamResult & { parse: TeamParse } => r.parse !== null);
    parsed.sort((a, b) => a.parse.table.team.localeCompare(b.parse.table.team) || a.sourceId.localeCompare(b.sourceId));
    const asOf = statusMoment(now(), engine.asOfPrecision);
    const alignment = rollup(
      parsed.map((r) => r.parse.table),
      {
        mode: engine.rollupMode ?? 'both',
        asOf,
        ...(engine.period ? { period: engine.period } : {}),
        ...(engine.company.mission ? { mission: engine.company.mission } : {}),
      },
    );

    const staleTeams: StaleTeam[] = [];
    const extra: Problem[] = [...unlisted, ...parsed.flatMap((r) => [...r.parse.checkinProblems, ...(r.parse.peopleProblems ?? [])])];
    for (const r of results) {
      if (r.outcome !== 'stale' && r.outcome !== 'missing') continue;
      const team = r.parse?.table.team ?? r.fallbackTeam;
      const tab = r.parse?.table.tab ?? r.name;
      staleTeams.push({
        team,
        sourceId: r.sourceId,
        name: r.name,
        reason: r.reason ?? 'unknown error',
        hasSnapshot: r.parse !== null,
        lastGoodSyncId: r.lastGoodSyncId,
      });
      extra.push(
        r.parse
          ? problem(
              { team, tab },
              'warning',
              'stale',
              `Could not read ${r.name}: ${r.reason}. Showing its last good version${r.lastGoodSyncId ? ` (sync #${r.lastGoodSyncId})` : ''}.`,
              { value: r.name },
            )
          : problem({ team, tab }, 'error', 'source-unreadable', `Could not read ${r.name}: ${r.reason}. The team is left out until it can be read.`, {
              value: r.name,
            }),
      );
    }
    append(extra, duplicateTeamProblems(parsed));

    const teamSources = new Map(parsed.map((r) => [r.parse.table.team, r.name]));
    const document = buildAlignmentDocument(alignment, { company: engine.company, staleTeams, teamSources, extraProblems: extra });

    let companyRequests = 0;
    if (engine.writeCompanySheet) {
      try {
        const [history, stored] = await Promise.all([
          store.history({ companyOnly: true, ...(document.period?.start ? { from: document.period.start } : {}) }),
          store.checkins(),
        ]);
        const checkins = dedupeCheckins([...stored, ...parsed.filter((r) => r.outcome === 'read').flatMap((r) => r.parse.checkins)]);
        companyRequests = (await engine.writeCompanySheet({ syncId, document, now: asOf, history, checkins })).requests;
      } catch (err) {
        document.problems = sortProblems([
          ...document.problems,
          problem({ team: document.company.name, tab: 'Company sheet' }, 'error', 'company-sheet', `Could not write the company sheet: ${errorMessage(err)}`),
        ]);
      }
    }

    counts.teams = parsed.length;
    counts.read = results.filter((r) => r.outcome === 'read').length;
    counts.unchangedSkipped = results.filter((r) => r.outcome === 'unchanged').length;
    counts.stale = staleTeams.length;
    counts.problems = document.problems.length;
    counts.requests = sources.reduce((s, src) => s + src.requestCount(), 0) - requestsBefore + companyRequests;

    const teamSnapshots: TeamSnapshotInput[] = [];
    const teamStates: TeamStateInput[] = [];
    const checkins: CheckIn[] = [];
    for (const r of results) {
      const team = r.parse?.table.team ?? r.fallbackTeam;
      if (r.outcome === 'read' && r.parse) {
        teamSnapshots.push({ team, sourceId: r.sourceId, sourceVersion: r.fresh?.version ?? null, parsed: r.parse });
        append(checkins, r.parse.checkins); // unchanged sheets' check-ins are stored already
        teamStates.push({ team, sourceId: r.sourceId, version: r.fresh?.version ?? null, lastModified: r.fresh?.lastModified ?? null, stale: false });
      } else if (r.outcome === 'unchanged') {
        teamStates.push({ team, sourceId: r.sourceId, stale: false });
      } else {
        teamStates.push({ team, sourceId: r.sourceId, stale: true, staleReason: r.reason ?? null, error: r.reason ?? null, errorAt: asOf.toISOString() });
      }
    }

    emit({ type: 'storing' });
    const durationMs = Math.round(performance.now() - started);
    const { errors, warnings } = countBySeverity(document.problems);
    const stored = await store.completeSync(syncId, {
      alignment: document as unknown as Record<string, unknown>,
      objectives: document.objectives.map((o) => ({ ...o, ownScore: o.score })),
      teamSnapshots,
      checkins,
      teamStates,
      counts: { ...counts },
      problems: document.problems,
      period: engine.period?.label ?? document.period?.label ?? (document.period ? `${document.period.start}..${document.period.end}` : null),
      durationMs,
    });
    emit({ type: 'done', syncId, status: stored.status, durationMs });
    return { skipped: false, syncId, status: stored.status, counts, durationMs, errors, warnings, staleTeams, etag: stored.etag, document };
  } catch (err) {
    await store.failSync(syncId, err, { counts: { ...counts }, durationMs: Math.round(performance.now() - started) }).catch(() => {});
    throw err;
  }
}

/** The moment statuses are judged at: the start of `now`'s UTC day, or `now` itself. */
export function statusMoment(now: Date, precision: 'day' | 'exact' = 'day'): Date {
  return precision === 'exact' ? now : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Same identity as the store's natural key: team, time, objective, key result, value after. */
function dedupeCheckins(list: readonly CheckinInput[]): CheckinInput[] {
  const seen = new Map<string, CheckinInput>();
  for (const c of list) {
    const at = Date.parse(c.timestamp);
    const key = JSON.stringify([c.team, Number.isNaN(at) ? c.timestamp : at, c.objectiveId ?? null, c.krId ?? null, c.after ?? null]);
    if (!seen.has(key)) seen.set(key, c);
  }
  return [...seen.values()].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

function readEntry(sources: readonly Source[], entry: SourceEntry) {
  const source = sources.find((s) => s.owns(entry.sourceId));
  if (!source) throw new Error(`no source owns ${entry.sourceId}`);
  return source.read(entry);
}

/** The newest state per source id (a renamed team leaves an older row behind). */
function latestBySource(states: readonly TeamState[]): Map<string, TeamState> {
  const out = new Map<string, TeamState>();
  for (const s of states) {
    const prev = out.get(s.sourceId);
    if (!prev || s.updatedAt > prev.updatedAt) out.set(s.sourceId, s);
  }
  return out;
}

function duplicateTeamProblems(parsed: readonly { name: string; parse: TeamParse }[]): Problem[] {
  const first = new Map<string, string>();
  const out: Problem[] = [];
  for (const r of parsed) {
    const team = r.parse.table.team;
    const prev = first.get(team);
    if (prev === undefined) first.set(team, r.name);
    else {
      out.push(
        problem(
          { team, tab: r.parse.table.tab },
          'warning',
          'duplicate-team',
          `Team "${team}" comes from both ${prev} and ${r.name}: give each sheet its own Team name`,
          { value: r.name },
        ),
      );
    }
  }
  return out;
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return typeof err === 'string' ? err : String(err);
}
