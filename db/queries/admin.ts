import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AdminSession, Database } from '../schema.ts';

/** A random token for a cookie or a form: 256 bits, URL-safe. */
export const randomToken = () => randomBytes(32).toString('base64url');

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opens a session lasting `ttlMs`; returns the cookie value (only its hash is stored). */
export async function createSession(
  db: Kysely<Database>,
  now: Date,
  ttlMs: number,
): Promise<{ token: string; csrf: string }> {
  const token = randomToken();
  const csrf = randomToken();
  await db.deleteFrom('admin_session').where('expires_at', '<=', now.toISOString()).execute();
  await db
    .insertInto('admin_session')
    .values({
      token_hash: digest(token),
      csrf_token: csrf,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlMs).toISOString(),
    })
    .execute();
  return { token, csrf };
}

/** The open session of a cookie value, or undefined. */
export async function findSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<AdminSession | undefined> {
  return db
    .selectFrom('admin_session')
    .selectAll()
    .where('token_hash', '=', digest(token))
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('admin_session').where('token_hash', '=', digest(token)).execute();
}

/** Failed login attempts since `since`: from one client, and from all. */
export async function failedLogins(db: Kysely<Database>, client: string, since: Date) {
  const rows = await db
    .selectFrom('login_attempt')
    .select(['client'])
    .where('success', '=', 0)
    .where('at', '>', since.toISOString())
    .execute();
  return { client: rows.filter((r) => r.client === client).length, all: rows.length };
}

export async function recordLogin(
  db: Kysely<Database>,
  client: string,
  success: boolean,
  now: Date,
): Promise<void> {
  // Attempts older than a day say nothing about the current rate.
  const old = new Date(now.getTime() - 86_400_000).toISOString();
  await db.deleteFrom('login_attempt').where('at', '<', old).execute();
  await db
    .insertInto('login_attempt')
    .values({ client, at: now.toISOString(), success: success ? 1 : 0 })
    .execute();
}
