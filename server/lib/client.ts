import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address a request comes from, for per-client limits: the socket's peer, so every
 * client behind one reverse proxy counts as one. Requests made without a socket (the tests'
 * `app.request`) share the name `local`.
 */
export function clientAddress(c: Context): string {
  if (!c.env?.incoming) return 'local';
  return getConnInfo(c).remote.address ?? 'local';
}
