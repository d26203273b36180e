// Who a request comes from, for the per-client limits (dump downloads, failed logins).
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** The proxies of TRUST_PROXY (addresses or CIDR ranges, as loadConfig checked them). */
export function trustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/') as [string, string | undefined];
    if (prefix === undefined) list.addAddress(address, family(address));
    else list.addSubnet(address, Number(prefix), family(address));
  }
  return list;
}

/**
 * The client's address: the socket's peer, not a header a client could forge; when the peer
 * is a trusted proxy, the address that proxy (and any trusted proxy before it) appended to
 * X-Forwarded-For, read from the right. Requests made without a socket (the tests'
 * `app.request`) share the name `local`.
 */
export function clientAddress(c: Context, proxies: BlockList): string {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  let client = env?.incoming?.socket?.remoteAddress;
  if (!client) return 'local';
  const hops = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  while (proxies.check(client, family(client))) {
    const hop = hops.pop();
    if (!hop || isIP(hop) === 0) break;
    client = hop;
  }
  return client;
}
