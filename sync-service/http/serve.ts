// Binding the app to a socket. 127.0.0.1 unless told otherwise: the API is not on the network by default.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve as honoServe } from '@hono/node-server';
import type { Hono } from 'hono';

export interface ServeOptions {
  port?: number;
  host?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

export function serve(app: Pick<Hono, 'fetch'>, opts: ServeOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 8787;
  return new Promise((resolve, rejectRaw) => {
    const reject = (err: NodeJS.ErrnoException) =>
      rejectRaw(err.code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is already in use: pass --port <n> or set PORT`, { cause: err }) : err);
    const server = honoServe({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      server.off('error', reject);
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${info.port}`,
        port: info.port,
        host,
        close: () =>
          new Promise<void>((done, fail) => {
            const s = server as Server;
            s.close((err) => (err ? fail(err) : done()));
            // Idle keep-alive sockets would hold close() open for seconds.
            s.closeIdleConnections?.();
          }),
      });
    }) as Server;
    server.once('error', reject);
  });
}
