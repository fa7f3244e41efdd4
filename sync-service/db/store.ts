// The repository the sync engine and the HTTP API use. Every write of a sync lands in one
// transaction (completeSync), so readers only ever see whole snapshots; reads never see a
// running or failed sync.
import { z } from 'zod';
import type { Database, Queryable } from './database.ts';
import { alignmentEtag, checkinKey, normalizeTimestamp, sha256 } from './keys.ts';
import {
  type AlignmentInput,
  type CheckinQuery,
  CompleteSyncInput,
  type CompleteSyncResult,
  type HistoryQuery,
  type HistoryRow,
  type LatestAlignment,
  type LatestAlignmentJson,
  type LockResult,
  ObjectiveInput,
  type ProblemInput,
  type StoredCheckin,
  type StoredObjective,
  type StoredTeamSnapshot,
  SourceRef,
  SyncCounts,
  type SyncRun,
  type SyncRunDetail,
  type SyncStatus,
  type TeamState,
  TeamStateInput,
} from './types.ts';

/** Advisory lock namespace for syncing (first key); the second is the schema's hash. */
export const SYNC_LOCK_CLASS = 0x6f6b7202; // "okr\x02"
const LOCK_KEYS = `$1::int, hashtext(coalesce(current_schema(), ''))`;

export const INTERRUPTED = 'interrupted: the process stopped before the sync finished';

/** Thrown by completeSync / failSync misuse: the sync is unknown or no longer running. */
export class SyncStateError extends Error {
  override name = 'SyncStateError';
}

/** Key of lastGoodTeamSnapshots()' map. */
export function teamSourceKey(team: string, sourceId: string): string {
  return `${team}\u0000${sourceId}`;
}

export function createStore(db: Database): Store {
  return new Store(db);
}

const COMPLETE = `('ok', 'partial')`;

export class Store {
  /** True while this instance runs a withSyncLock callback (PGlite's one session cannot exclude itself). */
  #lockHeld = false;
  /** Syncs begun by this instance and not yet finished: recoverInterrupted must not touch them. */
  readonly #active = new Set<number>();

  constructor(readonly db: Database) {}

  // ---- writing a sync --------------------------------------------------------------------------

  /** Records a sync as running and returns its id. */
  async beginSync(sources: readonly SourceRef[] = []): Promise<number> {
    const parsed = z.array(SourceRef).parse(sources);
    const { rows } = await this.db.query<{ id: number }>(
      'INSERT INTO sync_runs (sources) VALUES ($1::jsonb) RETURNING id',
      [JSON.stringify(parsed)],
    );
    const id = first(rows, 'beginSync').id;
    this.#active.add(id);
    return id;
  }

  /**
   * Stores a sync's results and marks it ok / partial, all in one transaction: if anything fails,
   * nothing of it is visible and the previous complete snapshot stays the latest.
   * An alignment identical to the latest snapshot's (same etag) is not stored again; this sync
   * then serves the earlier snapshot (snapshotSyncId).
   */
  async completeSync(syncId: number, raw: CompleteSyncInput): Promise<CompleteSyncResult> {
    const input = CompleteSyncInput.parse(raw);
    // Stored as given (not the parsed copy) so the API serves back exactly what the engine produced.
    const rawObjectives = (raw.objectives ?? raw.alignment.objectives ?? []) as unknown[];
    const objectives = input.objectives ?? z.array(ObjectiveInput).parse(rawObjectives);
    assertUniqueKeys(objectives);
    const status = input.status ?? (input.teamStates.some((s) => s.stale) ? 'partial' : 'ok');
    const period = input.period ?? null;
    const alignmentJson = JSON.stringify(raw.alignment);
    // Objectives given apart from the alignment count too: a snapshot is only reused when both match.
    const etag = alignmentEtag(
      raw.objectives ? `${alignmentJson}\n${JSON.stringify(raw.objectives)}` : alignmentJson,
      period,
    );

    const objectiveRows = objectives.map((o, i) => ({
      key: o.key,
      id: o.id,
      team: o.team,
      title: o.title,
      is_company: o.isCompany,
      kind: o.kind ?? null,
      own_score: finiteOrNull(o.ownScore),
      rolled_score: finiteOrNull(o.rolledScore),
      grade: o.grade ?? null,
      status: o.status ?? null,
      period: o.period ?? period,
      data: rawObjectives[i],
    }));
    const checkinRows = dedupeBy(
      input.checkins.map((c, i) => ({
        natural_key: checkinKey(c),
        team: c.team,
        at: normalizeTimestamp(c.timestamp),
        objective_id: c.objectiveId ?? null,
        kr_id: c.krId ?? null,
        score: finiteOrNull(c.score),
        confidence: finiteOrNull(c.confidence),
        data: raw.checkins?.[i] ?? c,
      })),
      (r) => r.natural_key,
    );
    const snapshotRows = dedupeBy(
      input.teamSnapshots.map((t) => {
        const parsed = t.parsed ?? null;
        return {
          team: t.team,
          source_id: t.sourceId,
          source_version: t.sourceVersion ?? null,
          parsed_hash: sha256(JSON.stringify(parsed)),
          parsed,
        };
      }),
      (r) => teamSourceKey(r.team, r.source_id),
    );
    const stateRows = teamStateRows(input.teamStates, input.teamSnapshots);

    const result = await this.db.transaction(async (tx) => {
      await lockRunning(tx, syncId);

      const prev = (
        await tx.query<{ snapshot_sync_id: number; etag: string }>(
          `SELECT r.snapshot_sync_id, a.etag
             FROM sync_runs r JOIN alignment_snapshots a ON a.sync_id = r.snapshot_sync_id
            WHERE r.status IN ${COMPLETE}
            ORDER BY r.id DESC LIMIT 1`,
        )
      ).rows[0];
      const reuse = prev !== undefined && prev.etag === etag;
      const snapshotSyncId = reuse ? prev.snapshot_sync_id : syncId;
      if (!reuse) {
        await tx.query('INSERT INTO alignment_snapshots (sync_id, etag, alignment) VALUES ($1, $2, $3::json)', [
          syncId,
          etag,
          alignmentJson,
        ]);
        if (objectiveRows.length > 0) {
          await tx.query(
            `INSERT INTO objective_snapshots
               (sync_id, key, id, team, title, is_company, kind, own_score, rolled_score, grade, status, period, data)
             SELECT $1, x.key, x.id, x.team, x.title, x.is_company, x.kind, x.own_score, x.rolled_score,
                    x.grade, x.status, x.period, x.data
               FROM jsonb_to_recordset($2::jsonb) AS x(key text, id text, team text, title text,
                    is_company boolean, kind text, own_score double precision, rolled_score double precision,
                    grade text, status text, period text, data jsonb)`,
            [syncId, JSON.stringify(objectiveRows)],
          );
        }
      }

      // Team parses: only those that differ from the team's newest stored one.
      let teamSnapshotsStored = 0;
      if (snapshotRows.length > 0) {
        const stored = await tx.query(
          `INSERT INTO team_snapshots (team, source_id, sync_id, source_version, parsed_hash, parsed)
           SELECT x.team, x.source_id, $1, x.source_version, x.parsed_hash, x.parsed
             FROM jsonb_to_recordset($2::jsonb)
                  AS x(team text, source_id text, source_version text, parsed_hash text, parsed jsonb)
            WHERE x.parsed_hash IS DISTINCT FROM (
                    SELECT t.parsed_hash FROM team_snapshots t
                     WHERE t.team = x.team AND t.source_id = x.source_id
                     ORDER BY t.sync_id DESC LIMIT 1)`,
          [syncId, JSON.stringify(snapshotRows)],
        );
        teamSnapshotsStored = stored.rowCount;
      }

      if (stateRows.length > 0) {
        await tx.query(
          `INSERT INTO team_states AS s (team, source_id, last_modified, version, last_good_sync_id, stale,
                                         stale_reason, last_error, last_error_at, updated_at)
           SELECT x.team, x.source_id, x.last_modified, x.version,
                  CASE WHEN x.stale THEN NULL ELSE $1::int END, x.stale,
                  CASE WHEN x.stale THEN coalesce(x.stale_reason, x.error) END,
                  x.error, CASE WHEN x.error IS NOT NULL THEN coalesce(x.error_at, ${NOW_MS}) END, ${NOW_MS}
             FROM jsonb_to_recordset($2::jsonb) AS x(team text, source_id text, last_modified text, version text,
                  stale boolean, stale_reason text, error text, error_at timestamptz)
           ON CONFLICT (team, source_id) DO UPDATE SET
                  last_modified = coalesce(EXCLUDED.last_modified, s.last_modified),
                  version = coalesce(EXCLUDED.version, s.version),
                  last_good_sync_id = coalesce(EXCLUDED.last_good_sync_id, s.last_good_sync_id),
                  stale = EXCLUDED.stale,
                  stale_reason = EXCLUDED.stale_reason,
                  last_error = coalesce(EXCLUDED.last_error, s.last_error),
                  last_error_at = coalesce(EXCLUDED.last_error_at, s.last_error_at),
                  updated_at = ${NOW_MS}`,
          [syncId, JSON.stringify(stateRows)],
        );
      }

      let newCheckins = 0;
      if (checkinRows.length > 0) {
        const inserted = await tx.query(
          `INSERT INTO checkins (natural_key, team, at, objective_id, kr_id, score, confidence, data, first_seen_sync)
           SELECT x.natural_key, x.team, x.at, x.objective_id, x.kr_id, x.score, x.confidence, x.data, $1
             FROM jsonb_to_recordset($2::jsonb) AS x(natural_key text, team text, at timestamptz,
                  objective_id text, kr_id text, score double precision, confidence double precision, data jsonb)
           ON CONFLICT (natural_key) DO NOTHING`,
          [syncId, JSON.stringify(checkinRows)],
        );
        newCheckins = inserted.rowCount;
      }

      const finished = await tx.query<{ finished_at: unknown }>(
        `UPDATE sync_runs
            SET status = $2, finished_at = ${NOW_MS},
                duration_ms = coalesce($3::int, ${ELAPSED_MS}),
                counts = $4::jsonb, problems = $5::jsonb, period = $6, snapshot_sync_id = $7, error = NULL
          WHERE id = $1
          RETURNING finished_at`,
        [
          syncId,
          status,
          input.durationMs ?? null,
          JSON.stringify(input.counts),
          JSON.stringify(raw.problems ?? []),
          period,
          snapshotSyncId,
        ],
      );
      return {
        syncId,
        status,
        finishedAt: iso(first(finished.rows, 'completeSync').finished_at),
        etag,
        snapshotStored: !reuse,
        snapshotSyncId,
        newCheckins,
        teamSnapshotsStored,
      } satisfies CompleteSyncResult;
    });
    this.#active.delete(syncId);
    return result;
  }

  /** Marks a running sync failed. Returns false when it was not running (already finished or unknown). */
  async failSync(
    syncId: number,
    error: unknown,
    extra: { counts?: SyncCounts; problems?: readonly ProblemInput[]; durationMs?: number } = {},
  ): Promise<boolean> {
    const counts = extra.counts === undefined ? null : JSON.stringify(SyncCounts.parse(extra.counts));
    const { rowCount } = await this.db.query(
      `UPDATE sync_runs
          SET status = 'failed', finished_at = ${NOW_MS},
              duration_ms = coalesce($3::int, ${ELAPSED_MS}), error = $2,
              counts = coalesce($4::jsonb, counts), problems = coalesce($5::jsonb, problems)
        WHERE id = $1 AND status = 'running'`,
      [
        syncId,
        errorText(error),
        extra.durationMs ?? null,
        counts,
        extra.problems === undefined ? null : JSON.stringify(extra.problems),
      ],
    );
    this.#active.delete(syncId);
    return rowCount > 0;
  }

  /**
   * Marks syncs left 'running' by a crashed process as failed (interrupted). Only does so while
   * holding the sync lock, so it never touches another live instance's sync; when another instance
   * holds the lock it returns { skipped: true }. Call at start-up.
   */
  async recoverInterrupted(): Promise<{ skipped: boolean; recovered: number[] }> {
    const recover = async () => {
      const { rows } = await this.db.query<{ id: number }>(
        `UPDATE sync_runs
            SET status = 'failed', finished_at = ${NOW_MS}, error = $1, duration_ms = ${ELAPSED_MS}
          WHERE status = 'running' AND NOT (id = ANY (SELECT jsonb_array_elements_text($2::jsonb)::int))
          RETURNING id`,
        [INTERRUPTED, JSON.stringify([...this.#active])],
      );
      return rows.map((r) => r.id).sort((a, b) => a - b);
    };
    // Already inside our own withSyncLock: no other instance can be syncing.
    if (this.#lockHeld) return { skipped: false, recovered: await recover() };
    const r = await this.withSyncLock(recover);
    return r.skipped ? { skipped: true, recovered: [] } : { skipped: false, recovered: r.value };
  }

  /**
   * Runs fn while holding the sync lock, a Postgres session advisory lock held on one dedicated
   * connection for fn's whole run. If another instance (or this one) holds it, returns
   * { skipped: true } at once instead of waiting. A crashed holder's lock dies with its connection.
   */
  async withSyncLock<T>(fn: () => Promise<T>): Promise<LockResult<T>> {
    if (this.#lockHeld) return { skipped: true };
    this.#lockHeld = true;
    try {
      return await this.db.withSession(async (session) => {
        const { rows } = await session.query<{ locked: boolean }>(
          `SELECT pg_try_advisory_lock(${LOCK_KEYS}) AS locked`,
          [SYNC_LOCK_CLASS],
        );
        if (!first(rows, 'withSyncLock').locked) return { skipped: true } as const;
        try {
          return { skipped: false, value: await fn() } as const;
        } finally {
          // Same session as the lock. It can only fail when the connection died, which already freed
          // the lock (pg-pool discards such a connection); fn's outcome stands either way.
          await session.query(`SELECT pg_advisory_unlock(${LOCK_KEYS})`, [SYNC_LOCK_CLASS]).catch((err: unknown) => {
            console.warn(
              `okr db: sync lock connection lost before unlock (${errorText(err)}); it was released with it`,
            );
          });
        }
      });
    } finally {
      this.#lockHeld = false;
    }
  }

  // ---- reading -----------------------------------------------------------------------------------

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
   * Objectives (full stored JSON) of the snapshot served by a sync: the latest complete one by
   * default. Empty when there is none.
   */
  async objectives(
    q: { syncId?: number; team?: string; companyOnly?: boolean; key?: string } = {},
  ): Promise<StoredObjective[]> {
    const w = new Where();
    const snapshot =
      q.syncId === undefined
        ? `(SELECT snapshot_sync_id FROM sync_runs WHERE status IN ${COMPLETE} ORDER BY id DESC LIMIT 1)`
        : `(SELECT snapshot_sync_id FROM sync_runs WHERE id = ${w.param(q.syncId)})`;
    w.add(`o.sync_id = ${snapshot}`);
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
    if (q.period !== undefined) w.add(`o.period = ${w.param(q.period)}`);
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
    if (q.period !== undefined) w.add(`o.period = ${w.param(q.period)}`);
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
    if (q.beforeId !== undefined) w.add(`id < ${w.param(q.beforeId)}`);
    const limit = w.param(positiveInt(q.limit ?? 50, 'limit'));
    const { rows } = await this.db.query<SyncSqlRow>(
      `SELECT ${SYNC_COLUMNS} FROM sync_runs ${w.sql()} ORDER BY id DESC LIMIT ${limit}`,
      w.params,
    );
    return rows.map(syncRun);
  }

  async getSync(id: number): Promise<SyncRunDetail | null> {
    const { rows } = await this.db.query<SyncSqlRow & { problems: ProblemInput[] }>(
      `SELECT ${SYNC_COLUMNS}, problems FROM sync_runs WHERE id = $1`,
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

// ---- helpers ---------------------------------------------------------------------------------------

/** Times are kept to the millisecond, so an ISO string handed out compares equal when handed back. */
const NOW_MS = `date_trunc('milliseconds', clock_timestamp())`;
const ELAPSED_MS = `round(extract(epoch FROM clock_timestamp() - started_at) * 1000)::int`;

/** Row-locks the sync (serialising with failSync / recoverInterrupted) and checks it is still running. */
async function lockRunning(tx: Queryable, syncId: number): Promise<void> {
  const { rows } = await tx.query<{ status: SyncStatus; error: string | null }>(
    'SELECT status, error FROM sync_runs WHERE id = $1 FOR UPDATE',
    [syncId],
  );
  const run = rows[0];
  if (!run) throw new SyncStateError(`sync ${syncId} does not exist`);
  if (run.status !== 'running') {
    throw new SyncStateError(`sync ${syncId} is ${run.status}${run.error ? ` (${run.error})` : ''}, not running`);
  }
}

function teamStateRows(states: readonly TeamStateInput[], snapshots: readonly { team: string; sourceId: string }[]) {
  const byKey = new Map<string, z.infer<typeof TeamStateInput>>();
  for (const s of states) {
    const parsed = TeamStateInput.parse(s);
    byKey.set(teamSourceKey(parsed.team, parsed.sourceId), parsed);
  }
  // A team parsed in this sync is good in this sync, even if the engine sent no state for it.
  for (const t of snapshots) {
    const k = teamSourceKey(t.team, t.sourceId);
    if (!byKey.has(k)) byKey.set(k, { team: t.team, sourceId: t.sourceId, stale: false });
  }
  return [...byKey.values()].map((s) => ({
    team: s.team,
    source_id: s.sourceId,
    last_modified: s.lastModified ?? null,
    version: s.version ?? null,
    stale: s.stale,
    stale_reason: s.staleReason ?? null,
    error: s.error ?? null,
    error_at: s.errorAt ? normalizeTimestamp(s.errorAt) : null,
  }));
}

function assertUniqueKeys(objectives: readonly { key: string }[]): void {
  const seen = new Set<string>();
  for (const o of objectives) {
    if (seen.has(o.key)) throw new Error(`completeSync: duplicate objective key "${o.key}"`);
    seen.add(o.key);
  }
}

function dedupeBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  const m = new Map<string, T>();
  for (const it of items) m.set(key(it), it);
  return [...m.values()];
}

function finiteOrNull(n: number | null | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
}

function first<T>(rows: readonly T[], what: string): T {
  const r = rows[0];
  if (r === undefined) throw new Error(`${what}: the database returned no row`);
  return r;
}

/** Both drivers parse timestamptz to Date; normalise to ISO text at the boundary. */
function iso(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return new Date(String(v)).toISOString();
}

function isoOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : iso(v);
}

function isoParam(v: string | Date): string {
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a valid time: ${String(v)}`);
  return d.toISOString();
}

function positiveInt(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what} must be a positive integer`);
  return n;
}

/** WHERE clauses with numbered parameters; values never enter the SQL text. */
class Where {
  readonly params: unknown[] = [];
  readonly #clauses: string[] = [];
  param(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }
  add(clause: string): void {
    this.#clauses.push(clause);
  }
  sql(): string {
    return this.#clauses.length ? `WHERE ${this.#clauses.join(' AND ')}` : '';
  }
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

const SYNC_COLUMNS = `id, started_at, finished_at, status, sources, counts, duration_ms, error, period,
  snapshot_sync_id, jsonb_array_length(problems) AS problem_count`;

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
