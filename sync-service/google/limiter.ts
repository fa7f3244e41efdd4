/**
 * Client-side rate limiter for Google API requests: at most `limit` starts per
 * `windowMs`, spaced evenly (one start every I = windowMs / (limit × safety)),
 * plus a cap on requests in flight. A burst of 1,000 reads against a per-minute
 * quota therefore finishes near the quota floor without 429s.
 * `pause(ms)` holds every start (used after a 429).
 *
 * Late timers (a busy event loop) must neither slow the schedule down nor bunch
 * starts up. Each start is scheduled I after the previous *intended* start, but
 * never earlier than I after (previous actual start − slack), with slack a
 * quarter of the headroom H = limit·I − windowMs. By induction, start k+j is
 * never before (start k − slack + j·I), so any limit+1 consecutive starts span
 * at least windowMs + ¾H: that ¾H absorbs jitter between our send and Google's
 * receive (≈3 s for a 60 s window at safety 0.95; pick a lower safety for very
 * short windows).
 *
 * Written here rather than depending on p-limit / bottleneck: p-limit is only a
 * transitive dependency (concurrency only, no spacing) and the combined logic is small.
 */

/** Sheets API default quotas (requests per minute). The per-user limit binds a single service account. */
export const SHEETS_QUOTA = {
  readsPerMinutePerProject: 300,
  readsPerMinutePerUser: 60,
  writesPerMinutePerProject: 300,
  writesPerMinutePerUser: 60,
} as const;

export interface RateLimiterOptions {
  /** Starts allowed per window (default 60: Sheets reads per minute per user). */
  limit?: number;
  /** Window length in ms (default 60 000). */
  windowMs?: number;
  /** Requests in flight at once (default 10). */
  concurrency?: number;
  /**
   * Fraction of the quota to use (default 0.95): headroom for jitter between our
   * send time and Google's receive time.
   */
  safety?: number;
  now?: () => number;
  /** Timer used to wait for the next start (default setTimeout); tests pass one that runs on a fast clock. */
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
}

const realTimer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  return { cancel: () => clearTimeout(t) };
};

export interface RateLimiterStats {
  started: number;
  maxActive: number;
  /** Sum of queueing time of all started tasks, in ms. */
  waitedMs: number;
}

export interface RateLimiter {
  schedule<T>(fn: () => Promise<T>): Promise<T>;
  /** Hold all starts for `ms` from now (e.g. after a 429). */
  pause(ms: number): void;
  /** Tasks waiting to start. */
  readonly pending: number;
  /** Tasks in flight. */
  readonly active: number;
  /** Minimum spacing between starts, in ms. */
  readonly intervalMs: number;
  stats(): RateLimiterStats;
}

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const limit = options.limit ?? SHEETS_QUOTA.readsPerMinutePerUser;
  const windowMs = options.windowMs ?? 60_000;
  const concurrency = options.concurrency ?? 10;
  const safety = options.safety ?? 0.95;
  const now = options.now ?? (() => performance.now());
  const setTimer = options.setTimer ?? realTimer;
  if (!(limit > 0) || !(windowMs > 0) || !(concurrency >= 1) || !(safety > 0 && safety <= 1)) {
    throw new Error('createRateLimiter: limit, windowMs, concurrency must be positive and safety in (0, 1]');
  }
  const intervalMs = Number.isFinite(limit) ? windowMs / (limit * safety) : 0;
  const slackMs = Number.isFinite(limit) ? (limit * intervalMs - windowMs) / 4 : 0;

  const queue: { start: () => void; queuedAt: number }[] = [];
  let active = 0;
  let nextStartAt = Number.NEGATIVE_INFINITY;
  let pausedUntil = Number.NEGATIVE_INFINITY;
  let timer: { cancel(): void } | undefined;
  const stats: RateLimiterStats = { started: 0, maxActive: 0, waitedMs: 0 };

  const pump = (): void => {
    if (timer !== undefined) return;
    while (queue.length > 0 && active < concurrency) {
      const t = now();
      const at = Math.max(nextStartAt, pausedUntil);
      if (at > t) {
        timer = setTimer(
          () => {
            timer = undefined;
            pump();
          },
          Math.ceil(at - t),
        );
        return;
      }
      const task = queue.shift() as (typeof queue)[number];
      // Catch up on timer lag (the task was already waiting at `at`), by at most `slackMs`;
      // after idle time, count from now.
      nextStartAt = (task.queuedAt <= at ? Math.max(at, t - slackMs) : t) + intervalMs;
      active++;
      stats.started++;
      stats.maxActive = Math.max(stats.maxActive, active);
      stats.waitedMs += t - task.queuedAt;
      task.start();
    }
  };

  return {
    schedule<T>(fn: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({
          queuedAt: now(),
          start: () => {
            let p: Promise<T>;
            try {
              p = fn();
            } catch (e) {
              p = Promise.reject(e);
            }
            p.then(resolve, reject).finally(() => {
              active--;
              pump();
            });
          },
        });
        pump();
      });
    },
    pause(ms: number): void {
      pausedUntil = Math.max(pausedUntil, now() + ms);
      if (timer !== undefined) {
        // Re-arm so the pause is honoured even if a start was already timed.
        timer.cancel();
        timer = undefined;
        pump();
      }
    },
    get pending() {
      return queue.length;
    },
    get active() {
      return active;
    },
    intervalMs,
    stats: () => ({ ...stats }),
  };
}
