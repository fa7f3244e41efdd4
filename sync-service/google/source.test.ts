import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGoogleServer, fakeAuthClient, startFakeGoogle } from '../../test/fakes/google-server.ts';
import { steppedClock } from '../../test/fakes/fast-clock.ts';
import { createGoogleClients } from './clients.ts';
import { GoogleRequestError } from './errors.ts';
import { createRateLimiter } from './limiter.ts';
import type { RetryInfo } from './retry.ts';
import { DISCOVERY_FIELDS, type DriveFileMeta, type GoogleSourceDeps, type TabNames, createGoogleSource } from './source.ts';

let google: FakeGoogleServer;

beforeAll(async () => {
  google = await startFakeGoogle();
});
afterAll(() => google.close());
beforeEach(() => {
  google.clearFaults();
  google.setQuota(null);
  google.setLatency(0);
  google.resetCounts();
});

/** Tab names a source starts with (so a test of one read's retries needs no discovery first). */
let remembered: () => Map<string, TabNames> = () => new Map();

/** A source wired to the fake, with a recording (instant) sleep unless real waiting is wanted. */
function makeSource(opts: { timeoutMs?: number; realSleep?: boolean; retries?: number; deps?: Partial<GoogleSourceDeps> } = {}) {
  const { sheets, drive } = createGoogleClients({ rootUrl: google.url, auth: fakeAuthClient(), timeoutMs: opts.timeoutMs ?? 5_000 });
  const sleeps: number[] = [];
  const retries: RetryInfo[] = [];
  const source = createGoogleSource({
    sheets,
    drive,
    limiter: createRateLimiter({ limit: Number.POSITIVE_INFINITY, concurrency: 8 }),
    retry: {
      retries: opts.retries ?? 3,
      baseMs: 10,
      rateLimit: { baseMs: 10, jitterMs: 0 },
      ...(opts.realSleep ? {} : { sleep: async (ms: number) => void sleeps.push(ms) }),
      onRetry: (i) => retries.push(i),
    },
    tabNames: remembered(),
    ...opts.deps,
  });
  return { source, sleeps, retries };
}

const okrRows = (n = 3) => [
  ['Objective', 'Key result', 'Progress', 'Due'],
  ...Array.from({ length: n }, (_, i) => [`O${i}`, `KR${i}`, i / 10, new Date(Date.UTC(2025, 5, 30))]),
];
const meta = (id: string): DriveFileMeta => {
  const m = google.meta(id);
  return { id: m.id, name: m.name, modifiedTime: m.modifiedTime, version: m.version };
};

describe('listChanged', () => {
  it('lists a folder of 1,200 sheets in 2 paged requests and diffs against `since`', async () => {
    const folder = 'folder-1200';
    const ids = Array.from(
      { length: 1200 },
      (_, i) => google.addSpreadsheet({ title: `Team ${i}`, folderId: folder, tabs: { OKRs: [['x']] } }).id,
    );
    google.addSpreadsheet({ title: 'not mine', folderId: 'elsewhere', tabs: {} });
    const { source } = makeSource();

    const first = await source.listChanged(folder);
    expect(first.files).toHaveLength(1200);
    expect(first.changed).toHaveLength(1200);
    expect(first.requests).toBe(2);
    expect(google.counts()).toMatchObject({ total: 2, driveList: 2 });
    expect(first.files[0]).toEqual({ id: ids[0], name: 'Team 0', modifiedTime: expect.any(String), version: '1' });

    const since = new Map(first.files.map((f) => [f.id, { modifiedTime: f.modifiedTime, version: f.version }]));
    google.updateValues(ids[5] as string, 'OKRs', [['edited']]);
    google.renameSpreadsheet(ids[6] as string, 'Renamed');
    google.deleteSpreadsheet(ids[7] as string);
    google.trashSpreadsheet(ids[8] as string);
    const second = await source.listChanged(folder, since);
    expect(second.changed.map((f) => f.id).sort()).toEqual([ids[5], ids[6]].sort());
    expect(second.removed.sort()).toEqual([ids[7], ids[8]].sort());
    expect(second.unchanged).toHaveLength(1200 - 4);
  });

  it('checks explicit ids with one files.get each: 404 → removed, 403 → errors', async () => {
    const a = google.addSpreadsheet({ title: 'A', tabs: {} }).id;
    const b = google.addSpreadsheet({ title: 'B', tabs: {} }).id;
    const c = google.addSpreadsheet({ title: 'C', tabs: {} }).id;
    google.deleteSpreadsheet(b);
    google.injectFault({ kind: 'status', status: 403 }, { match: { id: c }, times: Number.POSITIVE_INFINITY });
    const { source, retries } = makeSource();
    const res = await source.listChanged([a, b, c], new Map([['dropped-id', { modifiedTime: 'x', version: '1' }]]));
    expect(res.files.map((f) => f.id)).toEqual([a]);
    expect(res.removed.sort()).toEqual([b, 'dropped-id'].sort());
    expect(res.errors).toEqual([{ id: c, error: expect.objectContaining({ kind: 'forbidden', status: 403 }) }]);
    expect(google.counts()).toMatchObject({ total: 3, driveGet: 3 });
    expect(retries).toEqual([]);
  });
});

describe('listChanged with a folder and explicit ids together', () => {
  it('gets only the ids the folder listing did not cover; an unreadable id is not "removed"', async () => {
    const folder = 'combo';
    const inside = google.addSpreadsheet({ title: 'in', folderId: folder, tabs: {} }).id;
    const outside = google.addSpreadsheet({ title: 'out', folderId: 'other', tabs: {} }).id;
    const locked = google.addSpreadsheet({ title: 'locked', folderId: 'other', tabs: {} }).id;
    google.injectFault({ kind: 'status', status: 403 }, { match: { id: locked }, times: Number.POSITIVE_INFINITY });
    const { source } = makeSource();
    const since = new Map([[locked, { modifiedTime: 't', version: '1' }]]);
    const res = await source.listChanged({ folderId: folder, spreadsheetIds: [inside, outside, locked] }, since);
    expect(res.files.map((f) => f.id)).toEqual([inside, outside]);
    expect(res.removed).toEqual([]);
    expect(res.errors.map((e) => e.id)).toEqual([locked]);
    expect(res.requests).toBe(3);
    expect(google.counts()).toMatchObject({ total: 3, driveList: 1, driveGet: 2 });
    expect(source.requestCount()).toBe(3);
  });
});

describe('readSpreadsheet', () => {
  it('first reads the time zone, locale and tabs (one get), then both tabs in one batchGet, raw values and serial dates', async () => {
    const id = google.addSpreadsheet({
      title: 'Team',
      timeZone: 'Asia/Tokyo',
      locale: 'ja_JP',
      tabs: {
        OKRs: okrRows(),
        'Check-ins': [
          ['Date', 'KR', 'Value'],
          [45800, 'KR0', 0.2],
        ],
      },
    }).id;
    const { source } = makeSource();
    const read = await source.readSpreadsheet(meta(id));
    expect(read).toMatchObject({ id, name: 'Team', version: '1', requests: 2, timeZone: 'Asia/Tokyo', locale: 'ja_JP' });
    // The Due instant (2025-06-30T00:00Z) is 09:00 on Tokyo's wall clock: serial 45838 + 9/24.
    expect(read.okr[0]).toEqual({
      tab: 'OKRs',
      grid: [
        ['Objective', 'Key result', 'Progress', 'Due'],
        ['O0', 'KR0', 0, 45838.375],
        ['O1', 'KR1', 0.1, 45838.375],
        ['O2', 'KR2', 0.2, 45838.375],
      ],
    });
    expect(read.checkins).toEqual({
      tab: 'Check-ins',
      grid: [
        ['Date', 'KR', 'Value'],
        [45800, 'KR0', 0.2],
      ],
    });
    expect(google.counts()).toMatchObject({ total: 2, spreadsheetGet: 1, batchGet: 1 });
    expect(google.requests[0]?.query).toMatchObject({ fields: DISCOVERY_FIELDS });
    expect(google.requests[1]?.query).toMatchObject({
      ranges: ["'OKRs'", "'Check-ins'"],
      valueRenderOption: 'UNFORMATTED_VALUE',
      dateTimeRenderOption: 'SERIAL_NUMBER',
    });

    google.resetCounts();
    expect(await source.readSpreadsheet(meta(id))).toMatchObject({ requests: 1, timeZone: 'Asia/Tokyo', locale: 'ja_JP' });
    expect(google.counts()).toMatchObject({ total: 1, batchGet: 1 });
  });

  it('discovers unconventional tab names once (get + batchGet), then reads in one request', async () => {
    const id = google.addSpreadsheet({
      title: 'Odd',
      tabs: { Notes: [['n']], 'Team OKRs 2025': okrRows(1), 'Weekly checkins': [['w']] },
    }).id;
    const { source } = makeSource();
    const first = await source.readSpreadsheet(meta(id));
    expect(first.okr[0]?.tab).toBe('Team OKRs 2025');
    expect(first.checkins).toEqual({ tab: 'Weekly checkins', grid: [['w']] });
    expect(first.requests).toBe(2);
    expect(google.counts()).toMatchObject({ total: 2, batchGet: 1, spreadsheetGet: 1, errors: 0 });

    google.resetCounts();
    const again = await source.readSpreadsheet(meta(id));
    expect(again.okr[0]?.grid).toEqual(first.okr[0]?.grid);
    expect(again.requests).toBe(1);
    expect(google.counts()).toMatchObject({ total: 1, batchGet: 1 });
    expect(source.tabNames.get(id)).toMatchObject({ okr: ['Team OKRs 2025'], checkins: 'Weekly checkins' });
  });

  it('remembers that a sheet has no check-ins tab; re-probes after recheckMissingTabMs', async () => {
    const id = google.addSpreadsheet({ title: 'No checkins', tabs: { OKRs: okrRows(1) } }).id;
    let clock = 1_000_000;
    const { source } = makeSource({ deps: { now: () => clock, recheckMissingTabMs: 60_000 } });
    const first = await source.readSpreadsheet(meta(id));
    expect(first.checkins).toBeUndefined();
    expect(first.requests).toBe(2);
    google.resetCounts();
    expect((await source.readSpreadsheet(meta(id))).requests).toBe(1);
    expect(google.counts().total).toBe(1);

    // The team adds the tab later; after the recheck period the spreadsheet is looked at again.
    google.updateValues(id, 'Check-ins', [['Date']]);
    clock += 61_000;
    google.resetCounts();
    const later = await source.readSpreadsheet(meta(id));
    expect(later.checkins).toEqual({ tab: 'Check-ins', grid: [['Date']] });
    expect(google.counts()).toMatchObject({ total: 2, spreadsheetGet: 1, batchGet: 1 });
  });

  it('re-discovers when a remembered tab was renamed', async () => {
    const id = google.addSpreadsheet({ title: 'Renames', tabs: { OKRs: okrRows(1), 'Check-ins': [['c']] } }).id;
    const { source } = makeSource();
    await source.readSpreadsheet(meta(id));
    google.renameTab(id, 'OKRs', 'OKRs (old)');
    google.resetCounts();
    const read = await source.readSpreadsheet(meta(id));
    expect(read.okr[0]?.tab).toBe('OKRs (old)');
    expect(google.counts()).toMatchObject({ batchGet: 2, spreadsheetGet: 1 });
  });

  it('readMany: one batchGet per spreadsheet, failures reported per file', async () => {
    const ids = Array.from(
      { length: 50 },
      (_, i) => google.addSpreadsheet({ title: `m${i}`, tabs: { OKRs: okrRows(2), 'Check-ins': [] } }).id,
    );
    const files = ids.map(meta);
    google.deleteSpreadsheet(ids[10] as string);
    const { source } = makeSource();
    const seen: string[] = [];
    const results = await source.readMany(files, { onRead: (r) => seen.push(r.file.id) });
    expect(results.filter((r) => r.read)).toHaveLength(49);
    expect(results[10]?.error).toMatchObject({ kind: 'not-found', status: 404 });
    expect(results[0]?.read?.checkins).toEqual({ tab: 'Check-ins', grid: [] });
    expect(seen).toHaveLength(50);
    // One discovery each (the deleted one stops there), then one batchGet each.
    expect(google.counts()).toMatchObject({ total: 99, spreadsheetGet: 50, batchGet: 49 });
  });
});

describe('retries and failure classification (real clients, fake server)', () => {
  let id: string;
  beforeAll(() => {
    id = google.addSpreadsheet({ title: 'flaky', tabs: { OKRs: okrRows(1), 'Check-ins': [['c']] } }).id;
    remembered = () => new Map([[id, { okr: ['OKRs'], checkins: 'Check-ins', timeZone: 'Etc/GMT', discoveredAt: Date.now() }]]);
  });
  afterAll(() => {
    remembered = () => new Map();
  });

  it('honours Retry-After on 429 (recorded wait)', async () => {
    google.injectFault({ kind: 'status', status: 429, retryAfter: 2 });
    const { source, sleeps, retries } = makeSource({ deps: { pauseOnRateLimit: false } });
    const t0 = performance.now();
    const read = await source.readSpreadsheet(meta(id));
    expect(read.okr[0]?.tab).toBe('OKRs');
    expect(sleeps).toEqual([2000]);
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(retries[0]?.error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 2000 });
    expect(google.counts()).toMatchObject({ batchGet: 2, rateLimited: 1 });
  });

  it('honours Retry-After on 429 (real time)', async () => {
    google.injectFault({ kind: 'status', status: 429, retryAfter: 1 });
    const { source } = makeSource({ realSleep: true });
    const t0 = performance.now();
    await source.readSpreadsheet(meta(id));
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(elapsed).toBeLessThan(3000);
  });

  it('retries 500 and 503', async () => {
    google.injectFault({ kind: 'status', status: 500 });
    google.injectFault({ kind: 'status', status: 503 });
    const { source, retries } = makeSource();
    await source.readSpreadsheet(meta(id));
    expect(retries.map((r) => `${r.error.kind}:${r.error.status}`)).toEqual(['server:500', 'server:503']);
    expect(source.requestCount()).toBe(3);
    expect(google.counts()).toMatchObject({ batchGet: 3, byStatus: { 200: 1, 500: 1, 503: 1 } });
  });

  it('times out a hung request and retries it', async () => {
    google.injectFault({ kind: 'hang' }, { match: { op: 'batchGet' } });
    const { source, retries } = makeSource({ timeoutMs: 200 });
    const t0 = performance.now();
    const read = await source.readSpreadsheet(meta(id));
    expect(read.okr[0]?.grid).toHaveLength(2);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(190);
    expect(retries.map((r) => r.error.kind)).toEqual(['timeout']);
    expect(google.counts().batchGet).toBe(2);
  });

  it('retries truncated / non-JSON / reset bodies, then classifies them as garbage', async () => {
    google.injectFault({ kind: 'truncated' });
    google.injectFault({ kind: 'non-json' });
    google.injectFault({ kind: 'reset' });
    const { source, retries } = makeSource();
    await source.readSpreadsheet(meta(id));
    expect(retries.map((r) => r.error.kind)).toEqual(['garbage', 'garbage', 'network']);

    google.resetCounts();
    google.injectFault({ kind: 'truncated' }, { times: Number.POSITIVE_INFINITY });
    const err = await makeSource({ retries: 2 })
      .source.readSpreadsheet(meta(id))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GoogleRequestError);
    expect(err).toMatchObject({ kind: 'garbage', attempts: 3 });
    expect(google.counts().batchGet).toBe(3);
  });

  it('does not retry 403, and reports 404 for a spreadsheet deleted between list and read', async () => {
    google.injectFault({ kind: 'status', status: 403 }, { match: { id } });
    const { source, retries } = makeSource();
    const denied = await source.readSpreadsheet(meta(id)).catch((e: unknown) => e);
    expect(denied).toMatchObject({ kind: 'forbidden', status: 403, attempts: 1, message: 'The caller does not have permission' });

    const doomed = google.addSpreadsheet({ title: 'doomed', tabs: { OKRs: [['x']] } }).id;
    const listed = meta(doomed);
    google.deleteSpreadsheet(doomed);
    const gone = await source.readSpreadsheet(listed).catch((e: unknown) => e);
    expect(gone).toMatchObject({ kind: 'not-found', status: 404, attempts: 1 });
    expect(retries).toEqual([]);
    expect(google.counts()).toMatchObject({ batchGet: 1, spreadsheetGet: 1 });
  });

  it('a 429 pauses the shared limiter for everyone', async () => {
    const { sheets, drive } = createGoogleClients({ rootUrl: google.url, auth: fakeAuthClient() });
    const limiter = createRateLimiter({ limit: Number.POSITIVE_INFINITY, concurrency: 1 });
    const source = createGoogleSource({
      sheets,
      drive,
      limiter,
      tabNames: remembered(),
      retry: { baseMs: 1, rateLimit: { baseMs: 1, jitterMs: 0 }, random: () => 0 },
    });
    google.injectFault({ kind: 'status', status: 429, retryAfter: 0.3 });
    const t0 = performance.now();
    await Promise.all([source.readSpreadsheet(meta(id)), source.readSpreadsheet(meta(id))]);
    // The second read was queued behind the first's retry and had to wait for the pause too.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    expect(google.counts()).toMatchObject({ batchGet: 3, rateLimited: 1 });
  });
});

describe('429 without Retry-After against a per-minute quota (stepped clock)', () => {
  it('keeps backing off, pausing the whole limiter, until the quota refills a minute later', async () => {
    // Time moves only by the waits: minutes of backoff take no real time, whatever the machine's load.
    const clock = steppedClock();
    const fake = await startFakeGoogle({ clock: clock.now, quota: { readsPerWindow: 4 } });
    try {
      const ids = Array.from({ length: 10 }, (_, i) => fake.addSpreadsheet({ title: `q${i}`, tabs: { OKRs: okrRows(1) } }).id);
      const { sheets, drive } = createGoogleClients({ rootUrl: fake.url, auth: fakeAuthClient() });
      const retries: RetryInfo[] = [];
      const pauses: number[] = [];
      const limiter = createRateLimiter({ limit: Number.POSITIVE_INFINITY, concurrency: 10, now: clock.now, setTimer: clock.setTimer });
      const pause = limiter.pause.bind(limiter);
      limiter.pause = (ms) => {
        pauses.push(ms);
        pause(ms);
      };
      const tabNames = new Map(ids.map((id) => [id, { okr: ['OKRs'], checkins: null, discoveredAt: 0 }]));
      const source = createGoogleSource({
        sheets,
        drive,
        limiter,
        tabNames,
        now: clock.now,
        recheckMissingTabMs: Number.POSITIVE_INFINITY,
        retry: { sleep: clock.sleep, now: clock.now, onRetry: (r) => retries.push(r) },
      });
      const files = ids.map((id) => {
        const m = fake.meta(id);
        return { id, name: m.name, modifiedTime: m.modifiedTime, version: m.version };
      });
      const results = await source.readMany(files);
      expect(results.filter((r) => r.error)).toEqual([]);
      expect(fake.counts().quotaRejected).toBeGreaterThan(0);
      // No Retry-After came, so every wait is Google's truncated exponential backoff from 5 s.
      expect(retries.every((r) => r.error.kind === 'rate-limited' && r.error.retryAfterMs === undefined)).toBe(true);
      expect(Math.min(...retries.map((r) => r.delayMs))).toBeGreaterThanOrEqual(5_000);
      expect(pauses.length).toBe(retries.length);
    } finally {
      await fake.close();
    }
  });
});
