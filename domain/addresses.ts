// Address rules of the watched pages: a tracker's URL, and every redirect it follows, must
// name a public host, never this machine or its private network (SSRF).
import { BlockList, isIP } from 'node:net';

/** The ranges a watched page may not be fetched from, each with its French name. */
const RANGES: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'adresse non spécifiée'],
  ['127.0.0.0', 8, 'ipv4', 'adresse de bouclage (loopback)'],
  ['10.0.0.0', 8, 'ipv4', 'adresse privée'],
  ['172.16.0.0', 12, 'ipv4', 'adresse privée'],
  ['192.168.0.0', 16, 'ipv4', 'adresse privée'],
  ['100.64.0.0', 10, 'ipv4', 'adresse partagée (CGNAT)'],
  ['169.254.0.0', 16, 'ipv4', 'adresse locale au lien'],
  ['192.0.0.0', 24, 'ipv4', 'adresse réservée'],
  ['198.18.0.0', 15, 'ipv4', 'adresse réservée'],
  ['224.0.0.0', 4, 'ipv4', 'adresse de multidiffusion'],
  ['240.0.0.0', 4, 'ipv4', 'adresse réservée'],
  ['::', 128, 'ipv6', 'adresse non spécifiée'],
  ['::1', 128, 'ipv6', 'adresse de bouclage (loopback)'],
  ['::', 96, 'ipv6', 'adresse réservée'],
  ['fc00::', 7, 'ipv6', 'adresse privée'],
  ['fe80::', 10, 'ipv6', 'adresse locale au lien'],
  ['fec0::', 10, 'ipv6', 'adresse privée'],
  ['ff00::', 8, 'ipv6', 'adresse de multidiffusion'],
];

const BLOCKS = RANGES.map(([network, prefix, type, label]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return { list, label };
});

/**
 * Why an IP address may not be fetched (loopback, private, link-local, reserved…), or null
 * for a public one (or not an IP address). IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`)
 * are judged by their IPv4 part.
 */
export function forbiddenAddress(address: string): string | null {
  const version = isIP(address);
  if (version === 0) return null;
  const type = version === 4 ? 'ipv4' : 'ipv6';
  return BLOCKS.find((b) => b.list.check(address, type))?.label ?? null;
}

/**
 * Why a URL's host may not be fetched, judged without resolving its name: an IP literal in a
 * forbidden range, or `localhost` and its subdomains (RFC 6761), with or without the final dot;
 * null otherwise.
 */
export function forbiddenHost(url: URL): string | null {
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return 'adresse de bouclage (loopback)';
  return forbiddenAddress(host);
}
