/**
 * Capped exponential backoff with full jitter for Google API calls. Retries
 * rate limits, 5xx, timeouts, dropped connections and unparseable bodies;
 * never 400/401/403/404. Honours Retry-After (as a lower bound on the wait).
 * The clients' own retry is disabled (see clients.ts) so this is the only one.
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
  /** Override which classified errors are retried. */
  shouldRetry?: (error: ClassifiedError) => boolean;
  /** Stop retrying (and stop waiting) once aborted. */
  signal?: AbortSignal;
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
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const error = classifyGoogleError(err, now());
      const giveUp = attempt > retries || !shouldRetry(error) || (error.retryAfterMs ?? 0) > maxRetryAfter || opts.signal?.aborted === true;
      if (giveUp) throw new GoogleRequestError(error, attempt, { cause: err });
      const delayMs = backoffDelay(attempt, error, opts);
      opts.onRetry?.({ attempt, delayMs, error });
      await (opts.sleep ? opts.sleep(delayMs) : defaultSleep(delayMs, opts.signal));
    }
  }
}
