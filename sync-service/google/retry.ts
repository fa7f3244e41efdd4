/**
 * Capped exponential backoff with full jitter for Google API calls. Retries
 * rate limits, 5xx, timeouts, dropped connections and unparseable bodies;
 * never 400/401/403/404. Honours Retry-After (as a lower bound on the wait).
 * The clients' own retry is disabled (see clients.ts) so this is the only one.
 *
 * Rate limits get their own, slower schedule. Sheets quotas are per minute and "refilled every
 * minute"; a 429 (which usually carries no Retry-After) should be retried with truncated
 * exponential backoff, `min(2^n + random ms, maximum_backoff)` with maximum_backoff "typically 32
 * or 64 seconds" (https://developers.google.com/sheets/api/limits). So a 429 waits about 5 s, then
 * 10, 20, 40, 64, 64 … s, each plus up to 1 s of jitter, for as long as the waits fit in a time
 * budget (default 5 min: 5+10+20+40+64+64+64 = 267 s of waiting, then it gives up).
 */
import { type ClassifiedError, GoogleRequestError, classifyGoogleError, isRetryable } from './errors.ts';

export interface RetryInfo {
  /** 1-based number of the attempt that just failed. */
  attempt: number;
  delayMs: number;
  error: ClassifiedError;
}

export interface RetryOptions {
  /** Retries after the first attempt (default 5). */
  retries?: number;
  /** First backoff ceiling in ms (default 500); doubles per attempt. */
  baseMs?: number;
  /** Backoff ceiling in ms (default 32 000, Google's recommended truncation). */
  maxMs?: number;
  /** 'full' (default): wait uniformly in [0, ceiling]. 'none': wait the ceiling. */
  jitter?: 'full' | 'none';
  /** Give up instead of waiting when the server asks for longer than this (default 300 000). */
  maxRetryAfterMs?: number;
  onRetry?: (info: RetryInfo) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Schedule for rate-limited attempts (429, Drive's rateLimitExceeded). */
  rateLimit?: RateLimitBackoff;
  /** Override which classified errors are retried. */
  shouldRetry?: (error: ClassifiedError) => boolean;
  /** Stop retrying (and stop waiting) once aborted. */
  signal?: AbortSignal;
}

export interface RateLimitBackoff {
  /** First wait (default 5 000 ms); doubles per rate-limited attempt. */
  baseMs?: number;
  /** Longest single wait (default 64 000 ms, Google's maximum_backoff). */
  maxMs?: number;
  /** Random extra per wait, uniform in [0, jitterMs] (default 1 000 ms, Google's random_number_milliseconds). */
  jitterMs?: number;
  /** Give up once the next wait would take the total waited on rate limits past this (default 300 000 ms). */
  budgetMs?: number;
}

export const RATE_LIMIT_BACKOFF: Required<RateLimitBackoff> = { baseMs: 5_000, maxMs: 64_000, jitterMs: 1_000, budgetMs: 300_000 };

/** The wait before the `n`-th retry after a rate limit (1-based), at least the server's Retry-After. */
export function rateLimitDelay(n: number, error: ClassifiedError, opts: RateLimitBackoff = {}, random: () => number = Math.random): number {
  const o = { ...RATE_LIMIT_BACKOFF, ...opts };
  const wait = Math.min(o.maxMs, o.baseMs * 2 ** (n - 1)) + random() * o.jitterMs;
  return Math.round(Math.max(wait, error.retryAfterMs ?? 0));
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** The wait before retry number `attempt` (1-based): jittered exponential backoff, at least Retry-After. */
export function backoffDelay(
  attempt: number,
  error: ClassifiedError,
  opts: Pick<RetryOptions, 'baseMs' | 'maxMs' | 'jitter' | 'random'> = {},
): number {
  const base = opts.baseMs ?? 500;
  const max = opts.maxMs ?? 32_000;
  const ceiling = Math.min(max, base * 2 ** (attempt - 1));
  const jittered = (opts.jitter ?? 'full') === 'full' ? (opts.random ?? Math.random)() * ceiling : ceiling;
  return Math.round(Math.max(jittered, error.retryAfterMs ?? 0));
}

/**
 * Runs `fn` until it succeeds, a non-retryable error occurs, or retries run out.
 * Failures are thrown as GoogleRequestError (kind, status, attempts, cause).
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const retries = opts.retries ?? 5;
  const now = opts.now ?? Date.now;
  const shouldRetry = opts.shouldRetry ?? isRetryable;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 300_000;
  const budget = opts.rateLimit?.budgetMs ?? RATE_LIMIT_BACKOFF.budgetMs;
  let rateLimited = 0;
  let rateLimitWaited = 0;
  let otherFailures = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const error = classifyGoogleError(err, now());
      const isRateLimit = error.kind === 'rate-limited';
      let delayMs = 0;
      let giveUp = !shouldRetry(error) || (error.retryAfterMs ?? 0) > maxRetryAfter || opts.signal?.aborted === true;
      if (!giveUp && isRateLimit) {
        // Rate limits are bounded by the time budget, not by the retry count.
        rateLimited++;
        delayMs = rateLimitDelay(rateLimited, error, opts.rateLimit, opts.random);
        giveUp = rateLimitWaited + delayMs > budget;
        rateLimitWaited += delayMs;
      } else if (!giveUp) {
        otherFailures++;
        giveUp = otherFailures > retries;
        delayMs = backoffDelay(otherFailures, error, opts);
      }
      if (giveUp) throw new GoogleRequestError(error, attempt, { cause: err });
      opts.onRetry?.({ attempt, delayMs, error });
      await (opts.sleep ? opts.sleep(delayMs) : defaultSleep(delayMs, opts.signal));
    }
  }
}
