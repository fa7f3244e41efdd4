// Writing a sync: every write of one sync lands in one transaction (completeSync), so readers only
// ever see whole snapshots. Each step below writes one table; only what changed is stored — an
// alignment equal to the latest is not stored again, nor a team parse equal to the team's newest,
// nor a check-in seen before, nor a problem list equal to an earlier one.
import { z } from 'zod';
import type { Database, Queryable } from './database.ts';
import { alignmentEtag, checkinKey, normalizeTimestamp, sha256 } from './keys.ts';
import { COMPLETE, ELAPSED_MS, errorText, first, iso, NOW_MS } from './sql.ts';
import {
  CompleteSyncInput,
  type CompleteSyncResult,
  ObjectiveInput,
  type ProblemInput,
  SyncCounts,
  type SyncStatus,
  TeamStateInput,
} from './types.ts';

/** Thrown by completeSync / failSync misuse: the sync is unknown or no longer running. */
export class SyncStateError extends Error {
  override name = 'SyncStateError';
}

/** Key of lastGoodTeamSnapshots()' map. */
export function teamSourceKey(team: string, sourceId: string): string {
  return `${team}\u0000${sourceId}`;
}

/** A sync's rows, prepared (and validated) before the transaction opens. */
interface SyncRows {
  status: 'ok' | 'partial';
  period: string | null;
  etag: string;
  alignmentJson: string;
  objectiveRows: Record<string, unknown>[];
  checkinRows: Record<string, unknown>[];
  snapshotRows: Record<string, unknown>[];
  stateRows: Record<string, unknown>[];
  problemsJson: string;
  periodRows: Record<string, unknown>[];
  /** The periods check-ins are keyed by (dated ones), and the current one's label. */
  checkinPeriods: { periods: { label: string; start: string; stop: string }[]; current: string | null } | null;
}

/**
 * Stores a sync's results and marks it ok / partial, all in one transaction: if anything fails,
 * nothing of it is visible and the previous complete snapshot stays the latest.
 */
export async function completeSync(db: Database, syncId: number, raw: CompleteSyncInput): Promise<CompleteSyncResult & { alignmentJson: string }> {
  const rows = prepareRows(raw);
  const result = await db.transaction(async (tx) => {
    await lockRunning(tx, syncId);
    const snapshot = await storeAlignment(tx, syncId, rows);
    const teamSnapshotsStored = await storeTeamSnapshots(tx, syncId, rows.snapshotRows);
    await storeTeamStates(tx, syncId, rows.stateRows);
    const newCheckins = await storeCheckins(tx, syncId, rows.checkinRows);
    if (rows.checkinPeriods) await keyCheckinsByPeriod(tx, rows.checkinPeriods);
    const finishedAt = await finishRun(tx, syncId, raw, rows, snapshot.snapshotSyncId);
    return { syncId, status: rows.status, finishedAt, etag: rows.etag, ...snapshot, newCheckins, teamSnapshotsStored } satisfies CompleteSyncResult;
  });
  // The text stored as the snapshot (an unchanged sync's earlier snapshot holds the same text: equal etags).
  return { ...result, alignmentJson: rows.alignmentJson };
}

function prepareRows(raw: CompleteSyncInput): SyncRows {
  const input = CompleteSyncInput.parse(raw);
  // Stored as given (not the parsed copy) so the API serves back exactly what the engine produced.
  const rawObjectives = (raw.objectives ?? raw.alignment.objectives ?? []) as unknown[];
  const objectives = input.objectives ?? z.array(ObjectiveInput).parse(rawObjectives);
  assertUniqueKeys(objectives);
  const status = input.status ?? (input.teamStates.some((s) => s.stale) ? 'partial' : 'ok');
  const period = input.period ?? null;
  const alignmentJson = JSON.stringify(raw.alignment);
  const periodRows = (raw.periods ?? []).map((p, position) => {
    const json = p.alignment ? JSON.stringify(p.alignment) : null;
    return {
      label: p.label,
      position,
      start_date: p.start ?? null,
      end_date: p.end ?? null,
      is_current: p.current,
      etag: alignmentEtag(json ?? alignmentJson, p.label),
      summary: p.summary ?? {},
      alignment: json,
    };
  });
  // Objectives given apart from the alignment, and the other periods' documents, count too: a
  // snapshot is only reused when all match.
  const content = [alignmentJson, ...(raw.objectives ? [JSON.stringify(raw.objectives)] : []), ...(periodRows.length ? [JSON.stringify(periodRows)] : [])];
  const etag = alignmentEtag(content.join('\n'), period);

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
      return { team: t.team, source_id: t.sourceId, source_version: t.sourceVersion ?? null, parsed_hash: sha256(JSON.stringify(parsed)), parsed };
    }),
    (r) => teamSourceKey(r.team, r.source_id),
  );
  const stateRows = teamStateRows(input.teamStates, input.teamSnapshots);
  const dated = (raw.periods ?? []).filter((p) => p.start && p.end).map((p) => ({ label: p.label, start: p.start as string, stop: p.end as string }));
  const checkinPeriods = raw.periods ? { periods: dated, current: raw.periods.find((p) => p.current)?.label ?? null } : null;
  return {
    status,
    period,
    etag,
    alignmentJson,
    objectiveRows,
    checkinRows,
    snapshotRows,
    stateRows,
    problemsJson: JSON.stringify(raw.problems ?? []),
    periodRows,
    checkinPeriods,
  };
}

/** The alignment and its objectives, unless the latest complete sync's is identical (then that one is served). */
async function storeAlignment(tx: Queryable, syncId: number, rows: SyncRows): Promise<{ snapshotStored: boolean; snapshotSyncId: number }> {
  const prev = (
    await tx.query<{ snapshot_sync_id: number; etag: string }>(
      `SELECT r.snapshot_sync_id, a.etag
         FROM sync_runs r JOIN alignment_snapshots a ON a.sync_id = r.snapshot_sync_id
        WHERE r.status IN ${COMPLETE}
        ORDER BY r.id DESC LIMIT 1`,
    )
  ).rows[0];
  if (prev !== undefined && prev.etag === rows.etag) return { snapshotStored: false, snapshotSyncId: prev.snapshot_sync_id };
  await tx.query('INSERT INTO alignment_snapshots (sync_id, etag, alignment) VALUES ($1, $2, $3::json)', [syncId, rows.etag, rows.alignmentJson]);
  if (rows.objectiveRows.length > 0) {
    await tx.query(
      `INSERT INTO objective_snapshots
         (sync_id, key, id, team, title, is_company, kind, own_score, rolled_score, grade, status, period, data)
       SELECT $1, x.key, x.id, x.team, x.title, x.is_company, x.kind, x.own_score, x.rolled_score,
              x.grade, x.status, x.period, x.data
         FROM jsonb_to_recordset($2::jsonb) AS x(key text, id text, team text, title text,
              is_company boolean, kind text, own_score double precision, rolled_score double precision,
              grade text, status text, period text, data jsonb)`,
      [syncId, JSON.stringify(rows.objectiveRows)],
    );
  }
  if (rows.periodRows.length > 0) {
    await tx.query(
      `INSERT INTO period_snapshots (sync_id, label, position, start_date, end_date, is_current, etag, summary, alignment)
       SELECT $1, x.label, x.position, x.start_date, x.end_date, x.is_current, x.etag, x.summary, x.alignment::json
         FROM jsonb_to_recordset($2::jsonb) AS x(label text, position integer, start_date text, end_date text,
              is_current boolean, etag text, summary jsonb, alignment text)`,
      [syncId, JSON.stringify(rows.periodRows)],
    );
  }
  return { snapshotStored: true, snapshotSyncId: syncId };
}

/** Team parses: only those that differ from the team's newest stored one. */
async function storeTeamSnapshots(tx: Queryable, syncId: number, snapshotRows: SyncRows['snapshotRows']): Promise<number> {
  if (snapshotRows.length === 0) return 0;
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
  return stored.rowCount;
}

/** Each source's change-detection and staleness state. */
async function storeTeamStates(tx: Queryable, syncId: number, stateRows: SyncRows['stateRows']): Promise<void> {
  if (stateRows.length === 0) return;
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

/** Check-ins not seen before. */
async function storeCheckins(tx: Queryable, syncId: number, checkinRows: SyncRows['checkinRows']): Promise<number> {
  if (checkinRows.length === 0) return 0;
  const inserted = await tx.query(
    `INSERT INTO checkins (natural_key, team, at, objective_id, kr_id, score, confidence, data, first_seen_sync)
     SELECT x.natural_key, x.team, x.at, x.objective_id, x.kr_id, x.score, x.confidence, x.data, $1
       FROM jsonb_to_recordset($2::jsonb) AS x(natural_key text, team text, at timestamptz,
            objective_id text, kr_id text, score double precision, confidence double precision, data jsonb)
     ON CONFLICT (natural_key) DO NOTHING`,
    [syncId, JSON.stringify(checkinRows)],
  );
  return inserted.rowCount;
}

/**
 * Keys every check-in by the period its timestamp falls in — the rule of shared/periods.ts
 * checkinPeriod: the period whose Start..End holds its (UTC) day; outside every period, the latest
 * that started before it, else the earliest; an unreadable timestamp, the current period. Only rows
 * whose period changes are written (none in a sync whose periods did not change).
 */
async function keyCheckinsByPeriod(tx: Queryable, p: NonNullable<SyncRows['checkinPeriods']>): Promise<void> {
  await tx.query(
    `WITH p AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(label text, start date, stop date)),
     want AS (
       SELECT c.id, coalesce(
                (SELECT p.label FROM p WHERE (c.at AT TIME ZONE 'UTC')::date BETWEEN p.start AND p.stop ORDER BY p.start DESC LIMIT 1),
                (SELECT p.label FROM p WHERE (c.at AT TIME ZONE 'UTC')::date >= p.start ORDER BY p.start DESC LIMIT 1),
                (SELECT p.label FROM p WHERE c.at IS NOT NULL ORDER BY p.start LIMIT 1),
                $2) AS label
         FROM checkins c)
     UPDATE checkins c SET period = w.label FROM want w WHERE w.id = c.id AND c.period IS DISTINCT FROM w.label`,
    [JSON.stringify(p.periods), p.current],
  );
}

/**
 * A problem list, stored once however many syncs report it (a large company's list is hundreds of
 * KB, and most syncs change nothing); returns its key. The key is computed by the database from the
 * jsonb text, the same way migration 0002 keyed the lists it moved.
 */
export async function storeProblems(tx: Queryable, problemsJson: string): Promise<string> {
  const { rows } = await tx.query<{ hash: string }>(
    `INSERT INTO problem_sets AS p (hash, problems, problem_count)
     SELECT md5(x.v::text), x.v, jsonb_array_length(x.v) FROM (SELECT $1::jsonb AS v) x
     ON CONFLICT (hash) DO UPDATE SET hash = p.hash
     RETURNING hash`,
    [problemsJson],
  );
  return first(rows, 'storeProblems').hash;
}

/** Marks the run complete, with its counts, problems and the snapshot it serves. */
async function finishRun(tx: Queryable, syncId: number, raw: CompleteSyncInput, rows: SyncRows, snapshotSyncId: number): Promise<string> {
  const problemsHash = await storeProblems(tx, rows.problemsJson);
  const finished = await tx.query<{ finished_at: unknown }>(
    `UPDATE sync_runs
        SET status = $2, finished_at = ${NOW_MS},
            duration_ms = coalesce($3::int, ${ELAPSED_MS}),
            counts = $4::jsonb, problems_hash = $5, period = $6, snapshot_sync_id = $7, error = NULL
      WHERE id = $1
      RETURNING finished_at`,
    [syncId, rows.status, raw.durationMs ?? null, JSON.stringify(SyncCounts.parse(raw.counts ?? {})), problemsHash, rows.period, snapshotSyncId],
  );
  return iso(first(finished.rows, 'completeSync').finished_at);
}

/** Marks a running sync failed. Returns false when it was not running (already finished or unknown). */
export async function failSync(
  db: Database,
  syncId: number,
  error: unknown,
  extra: { counts?: SyncCounts; problems?: readonly ProblemInput[]; durationMs?: number } = {},
): Promise<boolean> {
  const counts = extra.counts === undefined ? null : JSON.stringify(SyncCounts.parse(extra.counts));
  return db.transaction(async (tx) => {
    const problemsHash = extra.problems === undefined ? null : await storeProblems(tx, JSON.stringify(extra.problems));
    const { rowCount } = await tx.query(
      `UPDATE sync_runs
          SET status = 'failed', finished_at = ${NOW_MS},
              duration_ms = coalesce($3::int, ${ELAPSED_MS}), error = $2,
              counts = coalesce($4::jsonb, counts), problems_hash = coalesce($5, problems_hash)
        WHERE id = $1 AND status = 'running'`,
      [syncId, errorText(error), extra.durationMs ?? null, counts, problemsHash],
    );
    return rowCount > 0;
  });
}

/** Row-locks the sync (serialising with failSync / recoverInterrupted) and checks it is still running. */
async function lockRunning(tx: Queryable, syncId: number): Promise<void> {
  const { rows } = await tx.query<{ status: SyncStatus; error: string | null }>('SELECT status, error FROM sync_runs WHERE id = $1 FOR UPDATE', [syncId]);
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

/** Keys are unique within a period (an id may be reused next quarter). */
function assertUniqueKeys(objectives: readonly { key: string; period?: string | undefined }[]): void {
  const seen = new Set<string>();
  for (const o of objectives) {
    const k = `${o.period ?? ''}\u0000${o.key}`;
    if (seen.has(k)) throw new Error(`completeSync: duplicate objective key "${o.key}"${o.period ? ` in period ${o.period}` : ''}`);
    seen.add(k);
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
