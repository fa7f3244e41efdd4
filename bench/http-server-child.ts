// The HTTP API in a process of its own (so the load generator does not share its event loop):
// syncs examples/ into an in-memory PGlite store, serves createApp on 127.0.0.1:0, tells the parent
// its URL over IPC (and a bare node:http server's, answering the same bytes: the floor), and closes everything when told to (or when the parent goes away).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { MEMORY, openDatabase } from '../sync-service/db/database.ts';
import { createStore } from '../sync-service/db/store.ts';
import { runSync } from '../sync-service/engine/sync.ts';
import { createApp } from '../sync-service/http/app.ts';
import { webRoutes } from '../sync-service/web/routes.ts';
import { folderSource } from '../sync-service/sources/folder.ts';

export type ServerMessage =
  | { type: 'ready'; url: string; floorUrl: string; teams: number; objectives: number; syncMs: number; rssMb: number }
  | { type: 'stats'; rssMb: number; maxRssMb: number }
  | { type: 'error'; message: string };
export type ParentMessage = { type: 'stats' } | { type: 'close' };

const send = (m: ServerMessage) => process.send?.(m);
const mb = (b: number) => b / (1024 * 1024);

async function main(): Promise<void> {
  const db = await openDatabase({ dataDir: MEMORY });
  const store = createStore(db);
  const t0 = performance.now();
  const r = await runSync({
    store,
    // The bench starts its children in the project root (they run as a bundle elsewhere).
    sources: [folderSource(join(process.cwd(), 'examples'))],
    company: { name: 'Northwind Analytics' },
    now: () => new Date('2026-11-25T12:00:00Z'),
  });
  if (r.skipped) throw new Error(`sync skipped: ${r.reason}`);
  const syncMs = performance.now() - t0;
  // The alignment view, as `okr serve` mounts it.
  const app = createApp({ store, log: () => {}, webRoutes, companyName: 'Northwind Analytics' });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;

  // The floor: a bare node:http server in this process answering the same bytes and headers.
  const sample = await app.fetch(new Request(`http://127.0.0.1:${port}/api/alignment`));
  const floorBody = Buffer.from(await sample.arrayBuffer());
  const floorHeaders: Record<string, string> = {};
  sample.headers.forEach((v, k) => {
    floorHeaders[k] = v;
  });
  const floor = createServer((_req, res) => {
    res.writeHead(200, floorHeaders);
    res.end(floorBody);
  });
  await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
  const floorPort = (floor.address() as AddressInfo).port;

  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    const s = server as Server;
    s.closeAllConnections?.();
    floor.closeAllConnections();
    await new Promise<void>((done) => s.close(() => done()));
    await new Promise<void>((done) => floor.close(() => done()));
    await db.close().catch(() => {});
    process.disconnect?.();
  };
  process.on('message', (m: ParentMessage) => {
    if (m.type === 'stats') send({ type: 'stats', rssMb: mb(process.memoryUsage().rss), maxRssMb: process.resourceUsage().maxRSS / 1024 });
    else void close();
  });
  // The parent died or closed the channel: never outlive it.
  process.on('disconnect', () => void close());
  send({
    type: 'ready',
    url: `http://127.0.0.1:${port}`,
    floorUrl: `http://127.0.0.1:${floorPort}/api/alignment`,
    teams: r.counts.teams,
    objectives: r.document.objectives.length,
    syncMs,
    rssMb: mb(process.memoryUsage().rss),
  });
}

main().catch((err: unknown) => {
  send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exitCode = 1;
  process.disconnect?.();
});
