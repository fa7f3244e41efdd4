import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeGoogleServer, startFakeGoogle } from '../../test/fakes/google-server.ts';
import { createGoogleClients } from './clients.ts';
import { createRateLimiter } from './limiter.ts';
import { withRetry } from './retry.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Most starts found in any window of `windowMs` (half-open, like the fake's sliding window). */
function maxInWindow(starts: number[], windowMs: number): number {
  const s = [...starts].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < s.length; hi++) {
    while ((s[hi] as number) - (s[lo] as number) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

describe('createRateLimiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('spaces starts evenly: never more than `limit` per window (fake clock)', async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter({ limit: 10, windowMs: 200, concurrency: 100, now: () => Date.now() });
    const interval = 200 / (10 * 0.95);
    expect(limiter.intervalMs).toBeCloseTo(interval);
    const starts: number[] = [];
    const t0 = Date.now();
    const all = Promise.all(Array.from({ length: 31 }, () => limiter.schedule(async () => void starts.push(Date.now() - t0))));
    await vi.runAllTimersAsync();
    await all;
    expect(maxInWindow(starts, 200)).toBeLessThanOrEqual(10);
    // Timers are whole milliseconds: each start is at most 1 ms after its ideal time.
    starts.forEach((s, k) => {
      expect(s).toBeGreaterThanOrEqual(k * interval - 1e-9);
      expect(s).toBeLessThanOrEqual(k * interval + 1);
    });
  });

  it('late timers do not bunch starts up (bounded catch-up)', async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter({ limit: 10, windowMs: 200, concurrency: 100, now: () => Date.now() });
    const starts: number[] = [];
    const t0 = Date.now();
    const all = Promise.all(Array.from({ length: 40 }, () => limiter.schedule(async () => void starts.push(Date.now() - t0))));
    // A busy event loop: every timer fires up to 15 ms late.
    for (let i = 0; i < 200 && starts.length < 40; i++) {
      await vi.advanceTimersToNextTimerAsync();
      vi.setSystemTime(Date.now() + (i % 3) * 7);
    }
    await vi.runAllTimersAsync();
    await all;
    expect(maxInWindow(starts, 200)).toBeLessThanOrEqual(10);
  });

  it('caps concurrency', async () => {
    const limiter = createRateLimiter({ limit: Number.POSITIVE_INFINITY, concurrency: 3 });
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        limiter.schedule(async () => {
          peak = Math.max(peak, ++active);
          await sleep(15);
          active--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(limiter.stats()).toMatchObject({ started: 12, maxActive: 3 });
  });

  it('pause() holds every start', async () => {
    const limiter = createRateLimiter({ limit: Number.POSITIVE_INFINITY });
    const t0 = performance.now();
    limiter.pause(80);
    await limiter.schedule(async () => undefined);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(75);
  });

  it('propagates failures and frees the slot', async () => {
    const limiter = createRateLimiter({ limit: Number.POSITIVE_INFINITY, concurrency: 1 });
    await expect(limiter.schedule(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(limiter.schedule(() => Promise.resolve(2))).resolves.toBe(2);
    expect(limiter.active).toBe(0);
  });
});

describe('limiter against a quota-enforcing fake', () => {
  let google: FakeGoogleServer;
  const ids: string[] = [];
  beforeAll(async () => {
    google = await startFakeGoogle();
    for (let i = 0; i < 60; i++) ids.push(google.addSpreadsheet({ title: `t${i}`, tabs: { OKRs: [['o', i]] } }).id);
  });
  afterAll(() => google.close());

  const QUOTA = { readsPerWindow: 20, windowMs: 500 };

  it('an unthrottled burst gets 429s (the quota is real)', async () => {
    // A long window so the count does not depend on how fast this machine is.
    google.setQuota({ readsPerWindow: 20, windowMs: 30_000 });
    google.resetCounts();
    const { sheets } = createGoogleClients({ rootUrl: google.url, auth: 'key' });
    await Promise.allSettled(ids.map((id) => sheets.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ['OKRs'] })));
    expect(google.counts().rateLimited).toBe(40);
  });

  it('a burst of 60 reads at 20 per 500 ms: zero 429s, close to the quota floor', async () => {
    google.setQuota(QUOTA);
    google.resetCounts();
    const { sheets } = createGoogleClients({ rootUrl: google.url, auth: 'key' });
    // A 500 ms window leaves little absolute headroom for in-process jitter: use 90% of the quota.
    const limiter = createRateLimiter({ limit: QUOTA.readsPerWindow, windowMs: QUOTA.windowMs, concurrency: 8, safety: 0.9 });
    const t0 = performance.now();
    let lastStart = 0;
    await Promise.all(
      ids.map((id) =>
        withRetry(
          () =>
            limiter.schedule(() => {
              lastStart = performance.now() - t0;
              return sheets.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ['OKRs'] });
            }),
          { retries: 0 },
        ),
      ),
    );
    const elapsed = performance.now() - t0;
    // Even spacing at the full quota starts the 60th read at 59 × 25 ms = 1475 ms; at 90% of it, 1639 ms.
    const floor = (ids.length - 1) * (QUOTA.windowMs / QUOTA.readsPerWindow);
    expect(google.counts()).toMatchObject({ batchGet: 60, rateLimited: 0 });
    expect(lastStart).toBeGreaterThanOrEqual(floor);
    // A sanity ceiling only: exact spacing is checked on a fake clock above; timer lag on a
    // loaded shared machine adds up here. The log line shows the real figure.
    expect(lastStart).toBeLessThan(floor * 2);
    console.log(
      `limiter: 60 reads at 20/500ms: last start at ${lastStart.toFixed(0)} ms, all done in ${elapsed.toFixed(0)} ms (floor ${floor} ms), 0 × 429`,
    );
  });
});
