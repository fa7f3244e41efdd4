// One sync: list every source, read only what changed, parse with the shared contract, roll up,
// and store the whole result in one transaction — under the advisory lock, so two instances never
// sync at once. A team whose sheet cannot be read keeps its last good parse, marked stale.
import { checkinPeriod } from '../../shared/periods.ts';
import { countBySeverity, problem, sortProblems } from '../../shared/problems.ts';
import type { CheckIn, Period, Problem, RollupMode } from '../../shared/schemas.ts';
import { DEFAULT_RETENTION, type RetentionPolicy } from '../db/retention.ts';
import type { Store } from '../db/store.ts';
import type { CheckinInput, HistoryRow, TeamSnapshotInput, TeamState, TeamStateInput } from '../db/types.ts';
import { canonical, fileProblems, isCurrentParse, isTeamParse, parseWorkbook, type TeamParse } from '../sources/parse.ts';
import type { KnownEntry, Source, SourceEntry } from '../sources/types.ts';
import type { AlignmentDocument, StaleTeam } from './document.ts';
import { bumpSyncGeneration } from './generation.ts';
import { mapLimit } from './limit.ts';
import { type PeriodDocument, periodSummary, rollUpPeriods } from './periods.ts';
import type { ProgressListener, TeamOutcome } from './progress.ts';
import { append } from '../../shared/arrays.ts';

/** What a company-sheet writer (sync-service/company-sheet/) is given after each roll-up. */
export interface CompanySheetContext {
  syncId: number;
  document: AlignmentDocument;
  now: Date;
  /** Company objectives' scores in earlier stored snapshots of this period (for trends). */
  history: HistoryRow[];
  /** Every check-in of the current period known, this sync's included. */
  checkins: CheckinInput[];
  /** Every period's document, in time order (the company sheet's Periods tab). */
  periods?: { label: string; current: boolean; doc: AlignmentDocument }[];
}

/** Writes the company roll-up somewhere (a Google spreadsheet); returns the API requests it made. */
export type CompanySheetWriter = (ctx: CompanySheetContext) => Promise<{ requests: number }>;

export interface SyncEngine {
  store: Store;
  sources: readonly Source[];
  /** `source`: the file name or spreadsheet id of the company sheet (company-claim.ts). */
  company: { name?: string | undefined; mission?: string | undefined; source?: string | undefined };
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
  /** Old syncs deleted after each complete sync (default DEFAULT_RETENTION; see db/retention.ts). */
  retention?: RetentionPolicy | undefined;
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
  /** The current period's document. */
  document: AlignmentDocument;
  /** Every period's roll-up, in time order. */
  periods: PeriodDocument[];
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

/** One sync under the lock, in named steps; a failure marks the sync failed and is rethrown. */
async function syncLocked(engine: SyncEngine, opts: RunSyncOptions): Promise<SyncResult> {
  const { store, sources } = engine;
  const emit: ProgressListener = opts.onProgress ?? (() => {});
  const started = performance.now();
  const requestsBefore = sources.reduce((s, src) => s + src.requestCount(), 0);
  const syncId = await store.beginSync(sources.map((s) => s.ref));
  emit({ type: 'begin', syncId });
  const counts: SyncCountsOut = { teams: 0, read: 0, unchangedSkipped: 0, stale: 0, problems: 0, requests: 0 };
  try {
    const known = await loadKnown(store);
    const listing = await listSources(engine, known.entries);
    const total = listing.entries.length + listing.missing.length;
    // Nothing to roll up is never an all-clear: the sync fails, naming where it looked.
    if (total === 0) throw new NoTeamSheetsError(sources, listing.unlisted);
    emit({ type: 'listed', total });
    const results = await readTeams(engine, opts, syncId, known, listing, emit);
    const asOf = statusMoment((engine.now ?? (() => new Date()))(), engine.asOfPrecision);
    const rolled = rollUpTeams(engine, results, asOf, listing.unlisted);
    const companyRequests = await writeCompanySheet(engine, syncId, rolled, asOf);

    counts.teams = rolled.parsed.length;
    counts.read = results.filter((r) => r.outcome === 'read').length;
    counts.unchangedSkipped = results.filter((r) => r.outcome === 'unchanged').length;
    counts.stale = rolled.staleTeams.length;
    counts.problems = rolled.document.problems.length;
    counts.requests = sources.reduce((s, src) => s + src.requestCount(), 0) - requestsBefore + companyRequests;

    emit({ type: 'storing' });
    const durationMs = Math.round(performance.now() - started);
    // A source that could not be listed, or no team rolled up, is never 'ok'.
    const partial = listing.unlisted.length > 0 || rolled.parsed.length === 0;
    const stored = await storeSync(engine, syncId, results, rolled, { counts, asOf, durationMs, partial });
    await applyRetention(engine);
    emit({ type: 'done', syncId, status: stored.status, durationMs });
    const { errors, warnings } = countBySeverity(rolled.document.problems);
    return {
      skipped: false,
      syncId,
      status: stored.status,
      counts,
      durationMs,
      errors,
      warnings,
      staleTeams: rolled.staleTeams,
      etag: stored.etag,
      document: rolled.document,
      periods: rolled.periods,
    };
  } catch (err) {
    await store.failSync(syncId, err, { counts: { ...counts }, durationMs: Math.round(performance.now() - started) }).catch(() => {});
    throw err;
  }
}

interface Known {
  stateBySource: Map<string, TeamState>;
  snapshotBySource: Map<string, { parse: TeamParse; syncId: number }>;
  entries: Map<string, KnownEntry>;
}

/** What earlier syncs left: each source's newest state and last good parse. */
async function loadKnown(store: Store): Promise<Known> {
  const [states, snapshots] = await Promise.all([store.teamStates(), store.lastGoodTeamSnapshots()]);
  const stateBySource = latestBySource(states);
  const snapshotBySource = new Map<string, { parse: TeamParse; syncId: number }>();
  for (const s of snapshots.values()) {
    const prev = snapshotBySource.get(s.sourceId);
    if (isTeamParse(s.parsed) && (!prev || s.syncId > prev.syncId)) snapshotBySource.set(s.sourceId, { parse: canonical(s.parsed), syncId: s.syncId });
  }
  const entries = new Map<string, KnownEntry>(
    [...stateBySource.values()].map((s) => [
      s.sourceId,
      { sourceId: s.sourceId, team: s.team, version: s.version, lastModified: s.lastModified, stale: s.stale },
    ]),
  );
  return { stateBySource, snapshotBySource, entries };
}

interface Listing {
  entries: SourceEntry[];
  missing: { sourceId: string; reason: string }[];
  /** A source that could not be listed, said even when no team of it is known yet. */
  unlisted: Problem[];
}

/** Lists every source; a source that cannot be listed leaves its known teams stale. */
async function listSources(engine: SyncEngine, known: ReadonlyMap<string, KnownEntry>): Promise<Listing> {
  const entries: SourceEntry[] = [];
  const missing: { sourceId: string; reason: string }[] = [];
  const unlisted: Problem[] = [];
  for (const source of engine.sources) {
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
  return { entries, missing, unlisted };
}

/** Reads what changed, reuses the last parse of what did not, and falls back to it for what cannot be read. */
async function readTeams(
  engine: SyncEngine,
  opts: RunSyncOptions,
  syncId: number,
  known: Known,
  listing: Listing,
  emit: ProgressListener,
): Promise<TeamResult[]> {
  const { stateBySource, snapshotBySource } = known;
  const total = listing.entries.length + listing.missing.length;
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

  const results = await mapLimit(listing.entries, engine.concurrency ?? 4, async (entry) => {
    const prev = stateBySource.get(entry.sourceId);
    const snap = snapshotBySource.get(entry.sourceId);
    // A parse stored without the People tab (older build, reminders newly on) is read again once.
    const readsPeople = engine.sources.find((s) => s.owns(entry.sourceId))?.readsPeople === true;
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
      const parse = canonical(parseWorkbook(await readEntry(engine.sources, entry), entry.fallbackTeam, entry.name));
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
  for (const m of listing.missing) {
    const team = snapshotBySource.get(m.sourceId)?.parse.table.team ?? stateBySource.get(m.sourceId)?.team ?? m.sourceId;
    results.push(report(fallback(m.sourceId, team, team, m.reason)));
  }
  return results;
}

interface RolledUp {
  /** Teams with a parse, in roll-up order (by team, then source). */
  parsed: (TeamResult & { parse: TeamParse })[];
  staleTeams: StaleTeam[];
  /** The current period's document (served by default). */
  document: AlignmentDocument;
  /** Every period's, in time order. */
  periods: PeriodDocument[];
}

/** The roll-up of every team with a parse, and the problems of the sheets that could not be read. */
function rollUpTeams(engine: SyncEngine, results: readonly TeamResult[], asOf: Date, unlisted: readonly Problem[]): RolledUp {
  const parsed = results.filter((r): r is TeamResult & { parse: TeamParse } => r.parse !== null);
  parsed.sort((a, b) => a.parse.table.team.localeCompare(b.parse.table.team) || a.sourceId.localeCompare(b.sourceId));
  const staleTeams: StaleTeam[] = [];
  const extra: Problem[] = [...unlisted, ...parsed.flatMap((r) => fileProblems(r.parse))];
  for (const r of results) {
    if (r.outcome !== 'stale' && r.outcome !== 'missing') continue;
    const team = r.parse?.table.team ?? r.fallbackTeam;
    staleTeams.push({
      team,
      sourceId: r.sourceId,
      name: r.name,
      reason: r.reason ?? 'unknown error',
      hasSnapshot: r.parse !== null,
      lastGoodSyncId: r.lastGoodSyncId,
    });
    extra.push(unreadProblem(r, team));
  }
  append(extra, duplicateTeamProblems(parsed));

  const teamSources = new Map(parsed.map((r) => [r.parse.table.team, r.name]));
  const rolled = rollUpPeriods(parsed, {
    mode: engine.rollupMode ?? 'both',
    asOf,
    configured: engine.period,
    mission: engine.company.mission,
    companySource: engine.company.source,
    document: { company: engine.company, staleTeams, teamSources, extraProblems: extra },
  });
  return { parsed, staleTeams, document: rolled.current.document, periods: rolled.periods };
}

/** A sheet that could not be read: stale (its last good version is shown) or missing. */
function unreadProblem(r: TeamResult, team: string): Problem {
  const tab = r.parse?.table.tab ?? r.name;
  return r.parse
    ? problem(
        { team, tab },
        'warning',
        'stale',
        `Could not read ${r.name}: ${r.reason}. Showing its last good version${r.lastGoodSyncId ? ` (sync #${r.lastGoodSyncId})` : ''}.`,
        { value: r.name },
      )
    : problem({ team, tab }, 'error', 'source-unreadable', `Could not read ${r.name}: ${r.reason}. The team is left out until it can be read.`, {
        value: r.name,
      });
}

/** Writes the company sheet, when one is configured; a failure is a problem of this sync, not its end. */
async function writeCompanySheet(engine: SyncEngine, syncId: number, rolled: RolledUp, asOf: Date): Promise<number> {
  if (!engine.writeCompanySheet) return 0;
  const { document } = rolled;
  try {
    const [history, stored] = await Promise.all([
      engine.store.history({ companyOnly: true, ...(document.period?.start ? { from: document.period.start } : {}) }),
      engine.store.checkins(),
    ]);
    // The current period's check-ins (the store keys them by period only when this sync is stored).
    const periods = rolled.periods.map((p) => p.period);
    const current = rolled.periods.find((p) => p.current)?.period.label ?? '';
    const checkins = dedupeCheckins([...stored, ...rolled.parsed.filter((r) => r.outcome === 'read').flatMap((r) => r.parse.checkins)]).filter(
      (c) => checkinPeriod(periods, c.timestamp, current) === current,
    );
    const all = rolled.periods.map((p) => ({ label: p.period.label, current: p.current, doc: p.document }));
    return (await engine.writeCompanySheet({ syncId, document, now: asOf, history, checkins, periods: all })).requests;
  } catch (err) {
    document.problems = sortProblems([
      ...document.problems,
      problem({ team: document.company.name, tab: 'Company sheet' }, 'error', 'company-sheet', `Could not write the company sheet: ${errorMessage(err)}`),
    ]);
    return 0;
  }
}

/** Stores the sync in one transaction: the alignment, new team parses and check-ins, and each source's state. */
function storeSync(
  engine: SyncEngine,
  syncId: number,
  results: readonly TeamResult[],
  rolled: Pick<RolledUp, 'document' | 'periods'>,
  run: { counts: SyncCountsOut; asOf: Date; durationMs: number; partial: boolean },
) {
  const { document } = rolled;
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
      teamStates.push({ team, sourceId: r.sourceId, stale: true, staleReason: r.reason ?? null, error: r.reason ?? null, errorAt: run.asOf.toISOString() });
    }
  }
  return engine.store.completeSync(syncId, {
    alignment: document as unknown as Record<string, unknown>,
    // Every period's objectives, each with its period (an id may be reused next quarter).
    objectives: rolled.periods.flatMap((p) =>
      p.document.objectives.map((o) => ({ ...o, ownScore: o.score, ...(p.period.label ? { period: p.period.label } : {}) })),
    ),
    periods: rolled.periods.map((p) => ({
      label: p.period.label,
      start: p.period.start,
      end: p.period.end,
      current: p.current,
      summary: periodSummary(p.document),
      ...(p.current ? {} : { alignment: p.document as unknown as Record<string, unknown> }),
    })),
    teamSnapshots,
    checkins,
    teamStates,
    counts: { ...run.counts },
    problems: document.problems,
    ...(run.partial ? { status: 'partial' as const } : {}),
    period: currentLabel(rolled.periods),
    durationMs: run.durationMs,
  });
}

/** The current period's label (null when no tab names a period or dates). */
function currentLabel(periods: readonly PeriodDocument[]): string | null {
  return periods.find((p) => p.current)?.period.label || null;
}

/** A sync found no team sheet at all: every source is empty or could not be listed. */
export class NoTeamSheetsError extends Error {
  override name = 'NoTeamSheetsError';
  constructor(sources: readonly Source[], unlisted: readonly Problem[]) {
    const where = sources.map((s) => s.ref.name).join(' and ') || 'no source is configured';
    super(unlisted.length > 0 ? unlisted.map((p) => p.message).join('; ') : `No team sheets found in ${where}`);
  }
}

/**
 * Deletes what the retention policy says is old. The sync is complete already: a failure here is
 * only logged, and the next sync tries again.
 */
async function applyRetention(engine: SyncEngine): Promise<void> {
  try {
    await engine.store.applyRetention(engine.retention ?? DEFAULT_RETENTION, (engine.now ?? (() => new Date()))());
  } catch (err) {
    console.warn(`okr sync: could not delete old syncs: ${errorMessage(err)}`);
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
  if (typeof err === 'string') return err;
  // A plain object thrown by a library (never `[object Object]`).
  const o = err as { message?: unknown; name?: unknown } | null;
  if (o && typeof o === 'object') return typeof o.message === 'string' && o.message ? o.message : (JSON.stringify(err) ?? String(o.name));
  return String(err);
}
