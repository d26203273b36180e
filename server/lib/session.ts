import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';

/** Compares two secrets in constant time (whatever their lengths). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** True when the request reached us (or the proxy in front of us) over https. */
export function isHttps(c: Context): boolean {
  return (
    new URL(c.req.url).protocol === 'https:' ||
    c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
  );
}

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
 * X-Forwarded-For, read from the right.
 */
export function clientAddress(c: Context, proxies: BlockList): string {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  let client = env?.incoming?.socket?.remoteAddress;
  if (!client) return 'inconnu';
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

/**
 * False when the request names another origin than the site's PUBLIC_URL (a cross-site form
 * post). The request's own Host is not trusted for this: it is whatever the client sent.
 */
export function sameOrigin(c: Context, publicUrl: string): boolean {
  const origin = c.req.header('origin');
  if (!origin || origin === 'null') return origin !== 'null';
  try {
    return new URL(origin).origin === publicUrl;
  } catch {
    return false;
  }
}
