// Deleting what is old, so the database does not grow without bound. Two ages:
//   - `days`: sync runs older than this go, with the alignment and history snapshots and team parses
//     they stored;
//   - `syncRunDays`: runs that stored nothing of their own (a sync that changed nothing, a failed
//     one) go sooner — they are most of the rows at a 5-minute interval.
// Never deleted: a running sync, the latest complete sync and the snapshot it serves, and each team's
// newest parse (its "last good" version). 0 keeps everything of that kind.
import type { Database } from './database.ts';
import { COMPLETE } from './sql.ts';

export interface RetentionPolicy {
  days: number;
  syncRunDays: number;
}

export const DEFAULT_RETENTION: Readonly<RetentionPolicy> = Object.freeze({ days: 400, syncRunDays: 30 });

export interface RetentionResult {
  syncRuns: number;
  problemSets: number;
}

const DAY_MS = 86_400_000;

export async function applyRetention(db: Database, policy: RetentionPolicy, now: Date = new Date()): Promise<RetentionResult> {
  const cutoff = (days: number) => (days > 0 ? new Date(now.getTime() - days * DAY_MS).toISOString() : null);
  const old = cutoff(policy.days);
  const idle = cutoff(policy.syncRunDays);
  if (old === null && idle === null) return { syncRuns: 0, problemSets: 0 };
  return db.transaction(async (tx) => {
    const runs = await tx.query(
      `WITH latest AS (
         SELECT id FROM sync_runs WHERE status IN ${COMPLETE} ORDER BY id DESC LIMIT 1
       ), newest_parse AS (
         SELECT DISTINCT ON (team, source_id) sync_id FROM team_snapshots ORDER BY team, source_id, sync_id DESC
       ), doomed AS (
         SELECT r.id FROM sync_runs r
          WHERE r.status <> 'running'
            AND (
                  ($1::timestamptz IS NOT NULL AND r.started_at < $1::timestamptz)
               OR ($2::timestamptz IS NOT NULL AND r.started_at < $2::timestamptz
                   AND NOT EXISTS (SELECT 1 FROM alignment_snapshots a WHERE a.sync_id = r.id)
                   AND NOT EXISTS (SELECT 1 FROM team_snapshots t WHERE t.sync_id = r.id))
                )
            AND r.id NOT IN (SELECT id FROM latest)
            AND r.id NOT IN (SELECT sync_id FROM newest_parse)
       )
       DELETE FROM sync_runs r
        WHERE r.id IN (SELECT id FROM doomed)
          -- The snapshot a run that stays serves stays too.
          AND NOT EXISTS (SELECT 1 FROM sync_runs k WHERE k.snapshot_sync_id = r.id AND k.id NOT IN (SELECT id FROM doomed))`,
      [old, idle],
    );
    const sets = await tx.query('DELETE FROM problem_sets p WHERE NOT EXISTS (SELECT 1 FROM sync_runs r WHERE r.problems_hash = p.hash)');
    return { syncRuns: runs.rowCount, problemSets: sets.rowCount };
  });
}
