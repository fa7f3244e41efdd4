import { describe, expect, it } from 'vitest';
import { GarbageResponseError, GoogleRequestError, classifyGoogleError, parseRetryAfter, redact } from './errors.ts';
import { backoffDelay, withRetry } from './retry.ts';

/** A gaxios-like HTTP error. */
const httpError = (status: number, opts: { headers?: Record<string, string>; data?: unknown; message?: string } = {}) =>
  Object.assign(new Error(opts.message ?? `HTTP ${status}`), {
    status,
    response: { status, headers: new Headers(opts.headers ?? {}), data: opts.data ?? {} },
  });

describe('classifyGoogleError', () => {
  it('classifies HTTP statuses', () => {
    expect(classifyGoogleError(httpError(429))).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(classifyGoogleError(httpError(500))).toMatchObject({ kind: 'server', status: 500 });
    expect(classifyGoogleError(httpError(503))).toMatchObject({ kind: 'server', status: 503 });
    expect(classifyGoogleError(httpError(403, { data: { error: { code: 403, status: 'PERMISSION_DENIED' } } }))).toMatchObject({
      kind: 'forbidden',
      reason: 'PERMISSION_DENIED',
    });
    expect(classifyGoogleError(httpError(401))).toMatchObject({ kind: 'forbidden', status: 401 });
    expect(classifyGoogleError(httpError(404))).toMatchObject({ kind: 'not-found' });
    expect(classifyGoogleError(httpError(400, { message: 'Unable to parse range: X' }))).toMatchObject({
      kind: 'bad-request',
      message: 'Unable to parse range: X',
    });
    expect(classifyGoogleError(httpError(409))).toMatchObject({ kind: 'other', status: 409 });
  });

  it("treats Drive's 403 rate-limit reasons as rate limiting", () => {
    const drive403 = httpError(403, { data: { error: { code: 403, errors: [{ reason: 'userRateLimitExceeded' }] } } });
    expect(classifyGoogleError(drive403)).toMatchObject({ kind: 'rate-limited', reason: 'userRateLimitExceeded' });
  });

  it('reads Retry-After (seconds or HTTP date) and google.rpc.RetryInfo', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(classifyGoogleError(httpError(429, { headers: { 'Retry-After': '7' } }), now).retryAfterMs).toBe(7000);
    const dated = httpError(503, { headers: { 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' } });
    expect(classifyGoogleError(dated, now).retryAfterMs).toBe(30_000);
    const rpc = httpError(429, {
      data: { error: { details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '12s' }] } },
    });
    expect(classifyGoogleError(rpc).retryAfterMs).toBe(12_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('classifies aborts, socket errors and garbage', () => {
    const abort = Object.assign(new Error('The operation was aborted.'), {
      cause: Object.assign(new Error('aborted'), { name: 'AbortError', type: 'aborted' }),
    });
    expect(classifyGoogleError(abort).kind).toBe('timeout');
    const reset = Object.assign(new Error('Invalid response body: aborted'), { code: 'ECONNRESET' });
    expect(classifyGoogleError(reset).kind).toBe('network');
    expect(classifyGoogleError(new GarbageResponseError('bad body')).kind).toBe('garbage');
    expect(classifyGoogleError(new SyntaxError('Unexpected end of JSON input')).kind).toBe('garbage');
    expect(classifyGoogleError(new Error('boom')).kind).toBe('other');
  });

  it('redacts API keys and tokens from messages', () => {
    expect(redact('failed to fetch https://x/v4/s?ranges=A&key=AIzaSecret123&z=1')).toBe(
      'failed to fetch https://x/v4/s?ranges=A&key=***&z=1',
    );
    expect(classifyGoogleError(new Error('GET https://x?key=AIzaSecret')).message).not.toContain('AIzaSecret');
    expect(redact('Authorization: Bearer ya29.abc-def')).toBe('Authorization: Bearer ***');
  });
});

describe('withRetry', () => {
  const recorder = () => {
    const sleeps: number[] = [];
    return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
  };

  it('backs off exponentially, capped, and succeeds after transient failures', async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls <= 4) throw httpError(calls % 2 ? 500 : 503);
        return 'ok';
      },
      { baseMs: 100, maxMs: 500, jitter: 'none', sleep },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(5);
    expect(sleeps).toEqual([100, 200, 400, 500]);
  });

  it('uses full jitter: uniform in [0, ceiling]', () => {
    const e = { kind: 'server' as const, message: '' };
    expect(backoffDelay(3, e, { baseMs: 100, random: () => 0.5 })).toBe(200);
    expect(backoffDelay(3, e, { baseMs: 100, random: () => 0 })).toBe(0);
    expect(backoffDelay(10, e, { baseMs: 100, maxMs: 1000, random: () => 0.999 })).toBe(999);
  });

  it('waits at least Retry-After', async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    await withRetry(
      async () => {
        if (calls++ === 0) throw httpError(503, { headers: { 'retry-after': '3' } });
      },
      { baseMs: 100, random: () => 0.1, sleep },
    );
    expect(sleeps).toEqual([3000]);
  });

  it('backs off a 429 without Retry-After from 5 s, doubling to 64 s, until the 5-minute budget is spent', async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    const err = await withRetry(
      () => {
        calls++;
        return Promise.reject(httpError(429));
      },
      { random: () => 0, sleep },
    ).catch((e: unknown) => e);
    // Google: "min(((2^n)+random_number_milliseconds), maximum_backoff)", maximum_backoff 32 or 64 s.
    expect(sleeps).toEqual([5_000, 10_000, 20_000, 40_000, 64_000, 64_000, 64_000]);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(267_000);
    expect(err).toMatchObject({ kind: 'rate-limited', attempts: 8 });
    expect(calls).toBe(8);
  });

  it('adds up to 1 s of jitter to each rate-limit wait, and honours a longer Retry-After', async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    await withRetry(
      async () => {
        calls++;
        if (calls === 1) throw httpError(429);
        if (calls === 2) throw httpError(429, { headers: { 'retry-after': '30' } });
      },
      { random: () => 0.5, sleep },
    );
    expect(sleeps).toEqual([5_500, 30_000]);
  });

  it('counts rate-limit waits apart from other failures', async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    await withRetry(
      async () => {
        calls++;
        if (calls <= 3) throw httpError(calls === 2 ? 429 : 503);
      },
      { retries: 2, baseMs: 100, jitter: 'none', rateLimit: { baseMs: 1_000, jitterMs: 0 }, sleep },
    );
    expect(sleeps).toEqual([100, 1_000, 200]);
  });

  it('gives up when Retry-After exceeds maxRetryAfterMs', async () => {
    const { sleeps, sleep } = recorder();
    const err = await withRetry(() => Promise.reject(httpError(429, { headers: { 'retry-after': '3600' } })), {
      sleep,
      maxRetryAfterMs: 60_000,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(GoogleRequestError);
    expect(err).toMatchObject({ kind: 'rate-limited', attempts: 1 });
    expect(sleeps).toEqual([]);
  });

  it.each([400, 401, 403, 404])('does not retry %i', async (status) => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    const err = await withRetry(
      async () => {
        calls++;
        throw httpError(status);
      },
      { sleep },
    ).catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
    expect(err).toBeInstanceOf(GoogleRequestError);
    expect((err as GoogleRequestError).status).toBe(status);
  });

  it('stops after `retries` and reports the last classification, attempts and cause', async () => {
    const { sleep } = recorder();
    const seen: string[] = [];
    const cause = new GarbageResponseError('truncated');
    const err = await withRetry(() => Promise.reject(cause), {
      retries: 2,
      sleep,
      onRetry: (i) => seen.push(`${i.attempt}:${i.error.kind}`),
    }).catch((e: unknown) => e as GoogleRequestError);
    expect(err).toMatchObject({ kind: 'garbage', attempts: 3 });
    expect(err.cause).toBe(cause);
    expect(seen).toEqual(['1:garbage', '2:garbage']);
  });

  it('stops waiting when the signal aborts', async () => {
    const ctrl = new AbortController();
    const p = withRetry(() => Promise.reject(httpError(503)), { baseMs: 10_000, jitter: 'none', signal: ctrl.signal });
    setTimeout(() => ctrl.abort(new Error('shutdown')), 20);
    await expect(p).rejects.toThrow('shutdown');
  });
});
