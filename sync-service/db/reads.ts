// The store's reads: the latest alignment, objectives and their history, sync runs, team states and
// parses, check-ins. Reads never see a running or failed sync's data (only complete syncs serve one).
import type { Database } from './database.ts';
import { teamSourceKey } from './sync-write.ts';
import { COMPLETE, iso, isoOrNull, isoParam, positiveInt, Where } from './sql.ts';
import type {
  AlignmentInput,
  CheckinQuery,
  HistoryQuery,
  HistoryRow,
  LatestAlignment,
  LatestAlignmentJson,
  ObjectiveInput,
  ProblemInput,
  SourceRef,
  StoredCheckin,
  StoredObjective,
  StoredPeriod,
  StoredTeamSnapshot,
  SyncCounts,
  SyncRun,
  SyncRunDetail,
  SyncStatus,
  TeamState,
} from './types.ts';

export class StoreReads {
  constructor(readonly db: Database) {}

  /** The alignment of the last complete (ok or partial) sync, or null before the first one. */
  async latestAlignment<A = AlignmentInput>(): Promise<LatestAlignment<A> | null> {
    const latest = await this.latestAlignmentJson();
    if (!latest) return null;
    const { json, ...rest } = latest;
    return { ...rest, alignment: JSON.parse(json) as A };
  }

  /** latestAlignment() with the alignment as stored JSON text, to send without re-serialising. */
  async latestAlignmentJson(): Promise<LatestAlignmentJson | null> {
    const { rows } = await this.db.query<{
      id: number;
      snapshot_sync_id: number;
      status: 'ok' | 'partial';
      finished_at: unknown;
      period: string | null;
      etag: string;
      json: string;
    }>(
      `SELECT r.id, r.snapshot_sync_id, r.status, r.finished_at, r.period, a.etag, a.alignment::text AS json
         FROM sync_runs r JOIN alignment_snapshots a ON a.sync_id = r.snapshot_sync_id
        WHERE r.status IN ${COMPLETE}
        ORDER BY r.id DESC LIMIT 1`,
    );
    const r = rows[0];
    if (!r) return null;
    return {
      syncId: r.id,
      snapshotSyncId: r.snapshot_sync_id,
      status: r.status,
      finishedAt: iso(r.finished_at),
      period: r.period,
      etag: r.etag,
      json: r.json,
    };
  }

  /**
   * The periods of the snapshot the latest complete sync serves, in time order. A snapshot stored
   * before periods were kept has one: the sync's own.
   */
  async periods(): Promise<StoredPeriod[]> {
    const { rows } = await this.db.query<{
      label: string;
      start_date: string | null;
      end_date: string | null;
      is_current: boolean;
      etag: string;
      summary: Record<string, unknown>;
    }>(
      `SELECT p.label, p.start_date, p.end_date, p.is_current, p.etag, p.summary
         FROM period_snapshots p
        WHERE p.sync_id = (SELECT snapshot_sync_id FROM sync_runs WHERE status IN ${COMPLETE} ORDER BY id DESC LIMIT 1)
        ORDER BY p.position`,
    );
    if (rows.length > 0) {
      return rows.map((r) => ({ label: r.label, start: r.start_date, end: r.end_date, current: r.is_current, etag: r.etag, summary: r.summary }));
    }
    const latest = await this.latestAlignmentJson();
    return latest ? [{ label: latest.period ?? '', start: null, end: null, current: true, etag: latest.etag, summary: {} }] : [];
  }

  /**
   * One period's alignment as stored JSON text, from the snapshot the latest complete sync serves:
   * the current period's is latestAlignmentJson()'s. Null when the period is not in it.
   */
  async periodAlignmentJson(label: string): Promise<LatestAlignmentJson | null> {
    const latest = await this.latestAlignmentJson();
    if (!latest) return null;
    const { rows } = await this.db.query<{ is_current: boolean; etag: string; json: string | null }>(
      'SELECT is_current, etag, alignment::text AS json FROM period_snapshots WHERE sync_id = $1 AND label = $2',
      [latest.snapshotSyncId, label],
    );
    const r = rows[0];
    if (!r) return (latest.period ?? '') === label ? latest : null;
    return r.is_current || r.json === null ? latest : { ...latest, period: label, etag: r.etag, json: r.json };
  }

  /**
   * Objectives (full stored JSON) of the snapshot served by a sync: the latest complete one by
   * default. Empty when there is none.
   */
  async objectives(
    q: { syncId?: number; team?: string; companyOnly?: boolean; key?: string; period?: string } = {},
  ): Promise<StoredObjective[]> {
    const w = new Where();
    const snapshot =
      q.syncId === undefined
        ? `(SELECT snapshot_sync_id FROM sync_runs WHERE status IN ${COMPLETE} ORDER BY id DESC LIMIT 1)`
        : `(SELECT snapshot_sync_id FROM sync_runs WHERE id = ${w.param(q.syncId)})`;
    w.add(`o.sync_id = ${snapshot}`);
    w.add(periodFilter(w, q.period));
    if (q.team !== undefined) w.add(`o.team = ${w.param(q.team)}`);
    if (q.companyOnly) w.add('o.is_company');
    if (q.key !== undefined) w.add(`o.key = ${w.param(q.key)}`);
    const { rows } = await this.db.query<{ sync_id: number; key: string; period: string | null; data: unknown }>(
      `SELECT o.sync_id, o.key, o.period, o.data FROM objective_snapshots o ${w.sql()} ORDER BY o.key`,
      w.params,
    );
    return rows.map((r) => ({ syncId: r.sync_id, key: r.key, period: r.period, data: r.data as ObjectiveInput }));
  }

  /**
   * Score history of one objective, by its key (unique) or its sheet id (may match one objective
   * in several teams: rows carry the key). One row per stored snapshot, oldest first; syncs that
   * changed nothing share the previous snapshot and add no row.
   */
  async objectiveHistory(keyOrId: string, q: { period?: string } = {}): Promise<HistoryRow[]> {
    const w = new Where();
    const p = w.param(keyOrId);
    w.add(`(o.key = ${p} OR o.id = ${p})`);
    w.add(periodFilter(w, q.period));
    const { rows } = await this.db.query<HistorySqlRow>(
      `SELECT ${HISTORY_COLUMNS} FROM objective_snapshots o JOIN sync_runs r ON r.id = o.sync_id
        ${w.sql()} ORDER BY o.sync_id, o.key`,
      w.params,
    );
    return rows.map(historyRow);
  }

  /**
   * Score history rows (one per objective per stored snapshot), oldest first. With `from`, the
   * snapshot in effect at `from` is included even if it was stored earlier, so a chart starts at
   * `from` with the right values.
   */
  async history(q: HistoryQuery = {}): Promise<HistoryRow[]> {
    const w = new Where();
    if (q.from !== undefined) {
      const from = w.param(isoParam(q.from));
      w.add(
        `(r.finished_at >= ${from}::timestamptz OR o.sync_id = (
            SELECT r2.snapshot_sync_id FROM sync_runs r2
             WHERE r2.status IN ${COMPLETE} AND r2.finished_at <= ${from}::timestamptz
             ORDER BY r2.finished_at DESC, r2.id DESC LIMIT 1))`,
      );
    }
    if (q.to !== undefined) w.add(`r.finished_at <= ${w.param(isoParam(q.to))}::timestamptz`);
    if (q.team !== undefined) w.add(`o.team = ${w.param(q.team)}`);
    if (q.companyOnly) w.add('o.is_company');
    w.add(periodFilter(w, q.period));
    const limit = q.limit === undefined ? '' : `LIMIT ${w.param(positiveInt(q.limit, 'limit'))}`;
    const { rows } = await this.db.query<HistorySqlRow>(
      `SELECT ${HISTORY_COLUMNS} FROM objective_snapshots o JOIN sync_runs r ON r.id = o.sync_id
        ${w.sql()} ORDER BY o.sync_id, o.key ${limit}`,
      w.params,
    );
    return rows.map(historyRow);
  }

  /** Sync runs, newest first (without their problem lists: see getSync). */
  async listSyncs(q: { limit?: number; beforeId?: number } = {}): Promise<SyncRun[]> {
    const w = new Where();
    if (q.beforeId !== undefined) w.add(`r.id < ${w.param(q.beforeId)}`);
    const limit = w.param(positiveInt(q.limit ?? 50, 'limit'));
    const { rows } = await this.db.query<SyncSqlRow>(
      `SELECT ${SYNC_COLUMNS} ${SYNC_FROM} ${w.sql()} ORDER BY r.id DESC LIMIT ${limit}`,
      w.params,
    );
    return rows.map(syncRun);
  }

  /**
   * The newest failed sync after the last complete one (what is served is older than it), or null
   * when the last sync to finish did not fail.
   */
  async failureSinceLastComplete(): Promise<{ syncId: number; finishedAt: string; error: string | null } | null> {
    const { rows } = await this.db.query<{ id: number; finished_at: unknown; error: string | null }>(
      `SELECT id, finished_at, error FROM sync_runs
        WHERE status = 'failed'
          AND id > coalesce((SELECT max(id) FROM sync_runs WHERE status IN ${COMPLETE}), 0)
        ORDER BY id DESC LIMIT 1`,
    );
    const r = rows[0];
    return r ? { syncId: r.id, finishedAt: iso(r.finished_at), error: r.error } : null;
  }

  async getSync(id: number): Promise<SyncRunDetail | null> {
    const { rows } = await this.db.query<SyncSqlRow & { problems: ProblemInput[] }>(
      `SELECT ${SYNC_COLUMNS}, coalesce(p.problems, '[]'::jsonb) AS problems ${SYNC_FROM} WHERE r.id = $1`,
      [id],
    );
    const r = rows[0];
    return r ? { ...syncRun(r), problems: r.problems } : null;
  }

  async teamStates(): Promise<TeamState[]> {
    const { rows } = await this.db.query<{
      team: string;
      source_id: string;
      last_modified: string | null;
      version: string | null;
      last_good_sync_id: number | null;
      stale: boolean;
      stale_reason: string | null;
      last_error: string | null;
      last_error_at: unknown;
      updated_at: unknown;
    }>('SELECT * FROM team_states ORDER BY team, source_id');
    return rows.map((r) => ({
      team: r.team,
      sourceId: r.source_id,
      lastModified: r.last_modified,
      version: r.version,
      lastGoodSyncId: r.last_good_sync_id,
      stale: r.stale,
      staleReason: r.stale_reason,
      lastError: r.last_error,
      lastErrorAt: isoOrNull(r.last_error_at),
      updatedAt: iso(r.updated_at),
    }));
  }

  /** The newest stored parse of every team and source, keyed by teamSourceKey(team, sourceId). */
  async lastGoodTeamSnapshots(): Promise<Map<string, StoredTeamSnapshot>> {
    const { rows } = await this.db.query<{
      team: string;
      source_id: string;
      sync_id: number;
      source_version: string | null;
      parsed: unknown;
    }>(
      `SELECT DISTINCT ON (team, source_id) team, source_id, sync_id, source_version, parsed
         FROM team_snapshots ORDER BY team, source_id, sync_id DESC`,
    );
    return new Map(
      rows.map((r) => [
        teamSourceKey(r.team, r.source_id),
        { team: r.team, sourceId: r.source_id, syncId: r.sync_id, sourceVersion: r.source_version, parsed: r.parsed },
      ]),
    );
  }

  /** Stored check-ins as read from the sheets, oldest first (unreadable timestamps last). */
  async checkins(q: CheckinQuery = {}): Promise<StoredCheckin[]> {
    const w = new Where();
    if (q.team !== undefined) w.add(`team = ${w.param(q.team)}`);
    if (q.period !== undefined) w.add(`period = ${w.param(q.period)}`);
    if (q.krId !== undefined) w.add(`kr_id = ${w.param(q.krId)}`);
    if (q.objectiveId !== undefined) w.add(`objective_id = ${w.param(q.objectiveId)}`);
    if (q.since !== undefined) w.add(`at >= ${w.param(isoParam(q.since))}::timestamptz`);
    const limit = q.limit === undefined ? '' : `LIMIT ${w.param(positiveInt(q.limit, 'limit'))}`;
    const { rows } = await this.db.query<{ data: StoredCheckin; first_seen_sync: number }>(
      `SELECT data, first_seen_sync FROM checkins ${w.sql()} ORDER BY at ASC NULLS LAST, id ${limit}`,
      w.params,
    );
    return rows.map((r) => ({ ...r.data, firstSeenSync: r.first_seen_sync }));
  }
}

/**
 * Rows of one period; without a label, of the period each snapshot was stored for (the one its
 * sync served by default), as before periods were kept apart.
 */
function periodFilter(w: Where, period: string | undefined): string {
  return period !== undefined
    ? `o.period = ${w.param(period)}`
    : 'o.period IS NOT DISTINCT FROM (SELECT sr.period FROM sync_runs sr WHERE sr.id = o.sync_id)';
}

const HISTORY_COLUMNS = `o.sync_id, r.finished_at, o.period, o.key, o.id, o.team, o.title, o.is_company,
  o.own_score, o.rolled_score, o.grade, o.status`;

interface HistorySqlRow {
  sync_id: number;
  finished_at: unknown;
  period: string | null;
  key: string;
  id: string;
  team: string;
  title: string;
  is_company: boolean;
  own_score: number | null;
  rolled_score: number | null;
  grade: string | null;
  status: string | null;
}

function historyRow(r: HistorySqlRow): HistoryRow {
  return {
    syncId: r.sync_id,
    at: iso(r.finished_at),
    period: r.period,
    key: r.key,
    id: r.id,
    team: r.team,
    title: r.title,
    isCompany: r.is_company,
    ownScore: r.own_score,
    rolledScore: r.rolled_score,
    grade: r.grade,
    status: r.status,
  };
}

const SYNC_COLUMNS = `r.id, r.started_at, r.finished_at, r.status, r.sources, r.counts, r.duration_ms, r.error, r.period,
  r.snapshot_sync_id, coalesce(p.problem_count, 0) AS problem_count`;
/** A run with its problem list (stored once per distinct list, migration 0002). */
const SYNC_FROM = 'FROM sync_runs r LEFT JOIN problem_sets p ON p.hash = r.problems_hash';

interface SyncSqlRow {
  id: number;
  started_at: unknown;
  finished_at: unknown;
  status: SyncStatus;
  sources: SourceRef[];
  counts: SyncCounts;
  duration_ms: number | null;
  error: string | null;
  period: string | null;
  snapshot_sync_id: number | null;
  problem_count: number;
}

function syncRun(r: SyncSqlRow): SyncRun {
  return {
    id: r.id,
    startedAt: iso(r.started_at),
    finishedAt: isoOrNull(r.finished_at),
    status: r.status,
    sources: r.sources,
    counts: r.counts,
    durationMs: r.duration_ms,
    error: r.error,
    period: r.period,
    snapshotSyncId: r.snapshot_sync_id,
    problemCount: r.problem_count,
  };
}
