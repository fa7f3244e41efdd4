// DNS rebinding: a page on a foreign name that resolves to 127.0.0.1 sends that name as Host. The
// real server answers only the configured names (loopback by default) and refuses others with JSON.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../sync-service/http/app.ts';
import { hostName, servedHosts } from '../../sync-service/http/hosts.ts';
import { type RunningServer, serve } from '../../sync-service/http/serve.ts';
import { webRoutes } from '../../sync-service/web/routes.ts';
import { emptyStore } from './support.ts';

/** A raw GET with the Host header as given (fetch() would not let a test forge it). */
function get(port: number, path: string, host: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += String(d);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type'] ?? '') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Host names served', () => {
  let loopback: RunningServer;
  let configured: RunningServer;
  beforeAll(async () => {
    loopback = await serve(createApp({ store: emptyStore(), webRoutes, log: () => {} }), { port: 0, host: '127.0.0.1' });
    const allowed = servedHosts('127.0.0.1', ['okr.intranet.example']);
    configured = await serve(createApp({ store: emptyStore(), webRoutes, log: () => {}, allowedHosts: allowed }), { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await loopback.close();
    await configured.close();
  });

  it('answers the loopback names by default', async () => {
    for (const host of [`127.0.0.1:${loopback.port}`, `localhost:${loopback.port}`, `LOCALHOST:${loopback.port}`, `[::1]:${loopback.port}`, 'localhost']) {
      expect((await get(loopback.port, '/api/syncs', host)).status, host).toBe(200);
    }
  });

  it('refuses a foreign Host on every route with a 403 JSON error naming it', async () => {
    for (const path of ['/api/alignment', '/api/syncs', '/', '/healthz', '/teams/Sales']) {
      const r = await get(loopback.port, path, `evil.example:${loopback.port}`);
      expect(r.status, path).toBe(403);
      expect(r.type, path).toContain('application/json');
      const body = JSON.parse(r.body) as { error: { message: string; field: string } };
      expect(body.error.field).toBe('Host');
      expect(body.error.message).toContain('"evil.example" is not served here');
    }
    // A name that only starts like an allowed one is still foreign.
    expect((await get(loopback.port, '/api/syncs', 'localhost.evil.example')).status).toBe(403);
    expect((await get(loopback.port, '/api/syncs', '127.0.0.1.nip.io')).status).toBe(403);
  });

  it('answers configured names as well, and nothing else', async () => {
    expect((await get(configured.port, '/api/syncs', 'okr.intranet.example')).status).toBe(200);
    expect((await get(configured.port, '/api/syncs', `OKR.intranet.example:${configured.port}`)).status).toBe(200);
    expect((await get(configured.port, '/api/syncs', `127.0.0.1:${configured.port}`)).status).toBe(200);
    expect((await get(configured.port, '/api/syncs', 'intranet.example')).status).toBe(403);
  });

  it('serves the bound interface but never a wildcard as a name', () => {
    expect(servedHosts('10.0.0.5')).toContain('10.0.0.5');
    expect(servedHosts('::1')).toContain('[::1]');
    expect(servedHosts('0.0.0.0')).not.toContain('0.0.0.0');
    expect(hostName('[::1]:8787')).toBe('[::1]');
    expect(hostName('Example.COM:80')).toBe('example.com');
  });
});
