// The address rules of domain/addresses.ts applied at fetch time: a watched page's URL and
// each redirect it answers are checked, names resolved, before any request is sent there.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { forbiddenAddress, forbiddenHost } from '../../domain/addresses.ts';

export interface AddressRules {
  /** TRACKERS_ALLOW_PRIVATE: every address is allowed. */
  allowPrivate: boolean;
  /** SOURCES_MIRROR, set by the operator: its origin is allowed whatever its address. */
  mirror: string | null;
}

/**
 * Why a tracker may not fetch `url`, or null: its host is, or resolves to (any of its
 * addresses), a loopback, private, link-local or reserved address.
 */
export async function refusedAddress(url: string, rules: AddressRules): Promise<string | null> {
  if (rules.allowPrivate) return null;
  const target = new URL(url);
  if (rules.mirror && target.origin === new URL(rules.mirror).origin) return null;
  const literal = forbiddenHost(target);
  if (literal) return `${target.hostname} est une ${literal}`;
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return null;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch (error) {
    return `nom ${host} introuvable (${(error as NodeJS.ErrnoException).code ?? 'DNS'})`;
  }
  for (const { address } of addresses) {
    const reason = forbiddenAddress(address);
    if (reason) return `${host} désigne ${address}, une ${reason}`;
  }
  return null;
}
