import { createHash, timingSafeEqual } from 'node:crypto';
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
