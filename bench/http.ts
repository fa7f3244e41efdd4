// GET /api/alignment under load on loopback: the server in a child process (bench/http-server-child.ts,
// the example company synced into PGlite), autocannon here. Three bounded runs: plain, revalidating
// with If-None-Match (should be answered 304 with no body), and with Accept-Encoding: gzip.
import http from 'node:http';
import autocannon from 'autocannon';
import { forkChild, nextMessage, runChildJson } from './child.ts';
import type { HomeChildResult } from './home-child.ts';
import type { ParentMessage, ServerMessage } from './http-server-child.ts';

export const HTTP_CONNECTIONS = 10;

export interface LoadRun {
  rps: number;
  requests: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Share of responses with each status class / code. */
  share2xx: number;
  share304: number;
  errors: number;
  bytesPerResponse: number;
}

export interface HttpFigures {
  durationS: number;
  connections: number;
  teams: number;
  objectives: number;
  /** Body sizes of one response: plain JSON and gzip. */
  bodyBytes: number;
  gzipBytes: number;
  etag: string;
  plain: LoadRun;
  /** A bare node:http server answering the same bytes, same process, same load: the floor. */
  floor: LoadRun;
  notModified: LoadRun;
  gzip: LoadRun;
  /** GET / (the alignment view), when sync-service/web/ is mounted. */
  web: { status: number; bytes: number; gzipBytes: number; run: LoadRun } | null;
  webNote?: string;
  serverMaxRssMb: number;
  /** GET / for a large synthetic company (30,000 objectives; 3,000 with --quick); null when it failed (homeNote says why). */
  home: HomeChildResult | null;
  homeNote?: string;
}

export const HOME_OBJECTIVES = { full: 30_000, quick: 3_000 } as const;
/** GET / at 30,000 objectives: first request after a sync, and the page's size. */
export const HOME_TARGET = { ms: 1_000, kb: 1_024 } as const;
export const HTTP_FLOOR_SHARE = 0.5;

type Failed = Extract<ServerMessage, { type: 'error' }>;
/** Matches messages of one type, and errors (so a failing server is reported, not waited for). */
const isType =
  <T extends ServerMessage>(type: T['type']) =>
  (m: unknown): m is T | Failed =>
    typeof m === 'object' && m !== null && ((m as { type?: unknown }).type === type || (m as { type?: unknown }).type === 'error');

function ok<T extends ServerMessage>(m: T | Failed): T {
  if (m.type === 'error') throw new Error(`the API server failed: ${m.message}`);
  return m as T;
}

async function load(url: string, durationS: number, headers: Record<string, string>): Promise<LoadRun> {
  const r = await autocannon({ url, connections: HTTP_CONNECTIONS, duration: durationS, headers, timeout: 10 });
  const total = r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx'];
  const count304 = r.statusCodeStats?.['304' as keyof typeof r.statusCodeStats]?.count ?? 0;
  return {
    rps: total / r.duration,
    requests: total,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    share2xx: total ? r['2xx'] / total : 0,
    share304: total ? count304 / total : 0,
    errors: r.errors + r.timeouts + r['4xx'] + r['5xx'],
    bytesPerResponse: total ? r.throughput.total / total : 0,
  };
}

export async function runHttpBench(opts: { quick: boolean; seed: number; log: (line: string) => void }): Promise<HttpFigures> {
  const durationS = opts.quick ? 2 : 5;
  const child = await forkChild('http-server-child.ts');
  const tell = (m: ParentMessage) => child.connected && child.send(m);
  try {
    type Ready = Extract<ServerMessage, { type: 'ready' }>;
    type Stats = Extract<ServerMessage, { type: 'stats' }>;
    const ready = ok(await nextMessage(child, isType<Ready>('ready'), 180_000));
    const url = `${ready.url}/api/alignment`;
    opts.log(`http: ${ready.teams} teams synced in ${ready.syncMs.toFixed(0)} ms; serving ${url}`);

    const plainRes = await wireGet(url, {});
    if (plainRes.status !== 200) throw new Error(`GET /api/alignment answered ${plainRes.status}`);
    const etag = plainRes.etag;
    const gz = await wireGet(url, { 'accept-encoding': 'gzip' });
    if (gz.encoding !== 'gzip') opts.log('http: the API did not gzip the alignment JSON');

    // Warm the JIT briefly, bounded in count.
    for (let i = 0; i < 200; i++) await (await fetch(url)).arrayBuffer();

    for (let i = 0; i < 200; i++) await (await fetch(ready.floorUrl)).arrayBuffer();
    opts.log(`http: the floor (bare node:http, same bytes) for ${durationS} s…`);
    const floor = await load(ready.floorUrl, durationS, {});
    opts.log(`http: plain GET for ${durationS} s…`);
    const plain = await load(url, durationS, {});
    opts.log(`http: If-None-Match for ${durationS} s…`);
    const notModified = await load(url, durationS, { 'if-none-match': etag });
    opts.log(`http: Accept-Encoding: gzip for ${durationS} s…`);
    const gzip = await load(url, durationS, { 'accept-encoding': 'gzip' });

    let web: HttpFigures['web'] = null;
    let webNote: string | undefined;
    const page = await wireGet(`${ready.url}/`, {});
    const pageGz = await wireGet(`${ready.url}/`, { 'accept-encoding': 'gzip' });
    if (page.status === 200) {
      opts.log(`http: GET / (alignment view) for ${durationS} s…`);
      web = { status: page.status, bytes: page.bytes, gzipBytes: pageGz.bytes, run: await load(`${ready.url}/`, durationS, { 'accept-encoding': 'gzip' }) };
    } else webNote = `GET / answered ${page.status}`;
    if (webNote) opts.log(`http: alignment view not measured: ${webNote}`);

    tell({ type: 'stats' });
    const stats = ok(await nextMessage(child, isType<Stats>('stats'), 10_000));
    tell({ type: 'close' });

    const objectives = opts.quick ? HOME_OBJECTIVES.quick : HOME_OBJECTIVES.full;
    opts.log(`http: GET / for a company of ${objectives} objectives (synced into PGlite first)…`);
    let home: HomeChildResult | null = null;
    let homeNote: string | undefined;
    try {
      home = await runChildJson<HomeChildResult>('home-child.ts', ['--objectives', String(objectives), '--seed', String(opts.seed)], { timeoutMs: 600_000 });
      opts.log(`http: GET / at ${home.objectives} objectives: ${home.ms.toFixed(0)} ms (${(home.bytes / 1024).toFixed(0)} KB), sync ${home.syncMs.toFixed(0)} ms`);
    } catch (err) {
      homeNote = err instanceof Error ? err.message : String(err);
      opts.log(`http: GET / at ${objectives} objectives failed: ${homeNote}`);
    }
    return {
      durationS,
      connections: HTTP_CONNECTIONS,
      teams: ready.teams,
      objectives: ready.objectives,
      bodyBytes: plainRes.bytes,
      gzipBytes: gz.bytes,
      etag,
      plain,
      floor,
      notModified,
      gzip,
      web,
      ...(webNote ? { webNote } : {}),
      serverMaxRssMb: stats.maxRssMb,
      home,
      ...(homeNote ? { homeNote } : {}),
    };
  } finally {
    tell({ type: 'close' });
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const t = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 5_000);
      child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

/** One GET with the body's size as sent on the wire (fetch() would decompress it). */
function wireGet(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; etag: string; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, bytes, etag: String(res.headers.etag ?? ''), encoding: String(res.headers['content-encoding'] ?? '') }),
      );
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error('GET timed out')));
    req.on('error', reject);
  });
}
