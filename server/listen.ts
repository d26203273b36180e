import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';

/** A URL to reach a server bound to `hostname` and `port` (localhost for every address). */
export function serverUrl(hostname: string, port: number): string {
  const host =
    hostname === '0.0.0.0' || hostname === '::'
      ? 'localhost'
      : hostname.includes(':')
        ? `[${hostname}]`
        : hostname;
  return `http://${host}:${port}`;
}

/**
 * Serves an app on `hostname` (HOST: loopback unless told otherwise); resolves with a URL to
 * reach it and a close function.
 */
export function listen(app: Hono<any>, port: number, hostname = '127.0.0.1') {
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      resolve({
        url: serverUrl(hostname, info.port),
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
