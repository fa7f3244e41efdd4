// The repository the sync engine and the HTTP API use: reads (reads.ts), writing a sync in one
// transaction (sync-write.ts), retention (retention.ts), and the sync lock that keeps two instances
// from syncing at once.
import { z } from 'zod';
import type { Database } from './database.ts';
import { StoreReads } from './reads.ts';
import { applyRetention, type RetentionPolicy, type RetentionResult } from './retention.ts';
import { ELAPSED_MS, errorText, first, NOW_MS } from './sql.ts';
import { completeSync, failSync } from './sync-write.ts';
import { type CompleteSyncInput, type CompleteSyncResult, type LatestAlignmentJson, type LockResult, type ProblemInput, SourceRef, type SyncCounts } from './types.ts';

export { SyncStateError, teamSourceKey } from './sync-write.ts';

/** Advisory lock namespace for syncing (first key); the second is the schema's hash. */
export const SYNC_LOCK_CLASS = 0x6f6b7202; // "okr\x02"
const LOCK_KEYS = `$1::int, hashtext(coalesce(current_schema(), ''))`;

export const INTERRUPTED = 'interrupted: the process stopped before the sync finished';

export function createStore(db: Database): Store {
  return new Store(db);
}

export class Store extends StoreReads {
  /** True while this instance runs a withSyncLock callback (PGlite's one session cannot exclude itself). */
  #lockHeld = false;
  /** Syncs begun by this instance and not yet finished: recoverInterrupted must not touch them. */
  readonly #active = new Set<number>();
  /** See takeCompleted. A plain private field: a Proxy of the store (as tests wrap it) still reads it. */
  private completed: (LatestAlignmentJson & { alignment: unknown }) | null = null;

  /** Records a sync as running and returns its id. */
  async beginSync(sources: readonly SourceRef[] = []): Promise<number> {
    const parsed = z.array(SourceRef).parse(sources);
    const { rows } = await this.db.query<{ id: number }>('INSERT INTO sync_runs (sources) VALUES ($1::jsonb) RETURNING id', [JSON.stringify(parsed)]);
    const id = first(rows, 'beginSync').id;
    this.#active.add(id);
    return id;
  }

  /**
   * Stores a sync's results and marks it ok / partial, all in one transaction (sync-write.ts).
   * An alignment identical to the latest snapshot's (same etag) is not stored again; this sync
   * then serves the earlier snapshot (snapshotSyncId).
   */
  async completeSync(syncId: number, raw: CompleteSyncInput): Promise<CompleteSyncResult> {
    const { alignmentJson, ...result } = await completeSync(this.db, syncId, raw);
    this.#active.delete(syncId);
    const { snapshotSyncId, status, finishedAt, etag } = result;
    this.completed = { syncId, snapshotSyncId, status, finishedAt, period: raw.period ?? null, etag, json: alignmentJson, alignment: raw.alignment };
    return result;
  }

  /**
   * The sync this instance completed last, with its alignment as stored and as the engine built it,
   * when it is the sync asked for; taken once (the HTTP layer then keeps it), so serving the first
   * page after a sync needs no read of the stored document and no parse of it.
   */
  takeCompleted(syncId: number): (LatestAlignmentJson & { alignment: unknown }) | null {
    const done = this.completed;
    if (done?.syncId !== syncId) return null;
    this.completed = null;
    return done;
  }

  /** Marks a running sync failed. Returns false when it was not running (already finished or unknown). */
  async failSync(
    syncId: number,
    error: unknown,
    extra: { counts?: SyncCounts; problems?: readonly ProblemInput[]; durationMs?: number } = {},
  ): Promise<boolean> {
    try {
      return await failSync(this.db, syncId, error, extra);
    } finally {
      this.#active.delete(syncId);
    }
  }

  /** Deletes old syncs and what only they held (retention.ts). */
  applyRetention(policy: RetentionPolicy, now?: Date): Promise<RetentionResult> {
    return applyRetention(this.db, policy, now);
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
        const { rows } = await session.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEYS}) AS locked`, [SYNC_LOCK_CLASS]);
        if (!first(rows, 'withSyncLock').locked) return { skipped: true } as const;
        try {
          return { skipped: false, value: await fn() } as const;
        } finally {
          // Same session as the lock. It can only fail when the connection died, which already freed
          // the lock (pg-pool discards such a connection); fn's outcome stands either way.
          await session.query(`SELECT pg_advisory_unlock(${LOCK_KEYS})`, [SYNC_LOCK_CLASS]).catch((err: unknown) => {
            console.warn(`okr db: sync lock connection lost before unlock (${errorText(err)}); it was released with it`);
          });
        }
      });
    } finally {
      this.#lockHeld = false;
    }
  }
}
