// Request bodies are capped (a 1 MB POST gets 413 JSON, whether it announces its length or streams
// it chunked, and before the token is even looked at), and anything unknown under /api is a JSON 404.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../sync-service/http/app.ts';
import { type RunningServer, serve } from '../../sync-service/http/serve.ts';
import { webRoutes } from '../../sync-service/web/routes.ts';
import { emptyStore } from './support.ts';

const TOKEN = 'limits-test-token';
const LIMIT = 16 * 1024;
const MB = 1024 * 1024;
let app: ReturnType<typeof createApp>;
let server: RunningServer;

beforeAll(async () => {
  // No database needed: nothing here gets as far as reading one. No runner: an authorised
  // request that gets through answers 503 ("does not run syncs").
  app = createApp({ store: emptyStore(), runner: null, token: TOKEN, webRoutes, log: () => {} });
  server = await serve(app, { port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server?.close();
});

const auth = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
/** `{"force":false}` padded with spaces to exactly `size` bytes (still valid JSON). */
const jsonOf = (size: number) => {
  const base = '{"force":false}';
  return base + ' '.repeat(size - base.length);
};

async function expect413(res: Response) {
  expect(res.status).toBe(413);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { message: string } };
  expect(body.error.message).toMatch(/too large/i);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
}

describe('body size limit on POST /api/sync', () => {
  it('1 MB with a Content-Length: 413 JSON', async () => {
    await expect413(await app.request('/api/sync', { method: 'POST', headers: { ...auth, 'Content-Length': String(MB) }, body: jsonOf(MB) }));
  });

  it('1 MB over a real socket: 413 JSON', async () => {
    await expect413(await rawPost('/api/sync', auth, jsonOf(MB)));
  });

  it('1 MB streamed chunked (no Content-Length): 413 JSON', async () => {
    await expect413(await rawPost('/api/sync', auth, jsonOf(MB), { chunked: true }));
  });

  it('1 MB without a token: still 413 (the size is checked first)', async () => {
    await expect413(await rawPost('/api/sync', { 'Content-Type': 'application/json' }, jsonOf(MB)));
  });

  it('exactly at the limit is read; one byte over is refused', async () => {
    const at = await rawPost('/api/sync', auth, jsonOf(LIMIT));
    expect(at.status).toBe(503); // through the limit, the token and validation: no runner here
    await expect413(await rawPost('/api/sync', auth, jsonOf(LIMIT + 1)));
    await expect413(await rawPost('/api/sync', auth, jsonOf(LIMIT + 1), { chunked: true }));
  });
});

/**
 * A POST on a connection of its own, through node:http: the server may answer 413 and close the
 * connection before the client has sent everything (fetch reports that as a failed request
 * rather than the answer it got).
 */
function rawPost(url: string, headers: Record<string, string>, body: string, opts: { chunked?: boolean } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}${url}`, {
      method: 'POST',
      agent: false,
      headers: opts.chunked ? { ...headers, 'Transfer-Encoding': 'chunked' } : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: h }));
      });
    });
    // Once the answer is in, the server may cut the upload short: that is expected.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const chunk = 64 * 1024;
    const write = (i: number): void => {
      if (i >= body.length) return void req.end();
      if (req.destroyed) return;
      const ok = req.write(body.slice(i, i + chunk));
      if (ok) setImmediate(() => write(i + chunk));
      else req.once('drain', () => write(i + chunk));
    };
    write(0);
  });
}

describe('unknown routes under /api', () => {
  const cases: [method: string, url: string][] = [
    ['GET', '/api'],
    ['GET', '/api/'],
    ['GET', '/api/nope'],
    ['GET', '/api/alignment/extra'],
    ['GET', '/api/syncs/1/problems'],
    ['POST', '/api/alignment'],
    ['PUT', '/api/sync'],
    ['GET', '/api/sync'],
    ['DELETE', '/api/syncs/1'],
    ['PATCH', '/api/teams'],
    ['OPTIONS', '/api/problems'],
  ];
  for (const [method, url] of cases) {
    it(`${method} ${url}: 404 JSON`, async () => {
      const res = await app.request(url, { method, headers: auth, ...(method === 'GET' || method === 'OPTIONS' ? {} : { body: '{}' }) });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/^No such route: /);
    });
  }

  it('a 1 MB body to an unknown route: 404 JSON', async () => {
    const res = await rawPost('/api/nope', auth, jsonOf(MB));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^No such route/);
  });
});
