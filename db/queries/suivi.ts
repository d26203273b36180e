// Queries of /suivi: trackers (watched pages), their snapshots and review items, and the
// admin sessions and login attempts.
import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { appendChanges } from '../state/changes.ts';
import { bumpDataVersion } from '../state/data-version.ts';
import type { AdminSession, Database, ReviewStatus, Tracker } from '../schema/index.ts';
import { compareTexts, compileNoise, isDue, type Comparison } from '../../domain/trackers.ts';

/** What an admin sets on a tracker. */
export interface TrackerInput {
  label: string;
  url: string;
  selector: string;
  intervalMinutes: number;
  acteurUid: string | null;
  active: boolean;
  /** Noise patterns, in order. */
  noise: string[];
}

export interface TrackerRow extends Tracker {
  acteur_name: string | null;
  pending: number;
  snapshots: number;
}

/** Every tracker, with its deputy's name, pending review items and snapshots kept. */
export async function listTrackers(db: Kysely<Database>): Promise<TrackerRow[]> {
  return db
    .selectFrom('tracker as t')
    .leftJoin('acteur as a', 'a.uid', 't.acteur_uid')
    .selectAll('t')
    .select([
      sql<string | null>`a.first_name || ' ' || a.last_name`.as('acteur_name'),
      sql<number>`(select count(*) from review_item r where r.tracker_id = t.id and r.status = 'pending')`.as(
        'pending',
      ),
      sql<number>`(select count(*) from tracker_snapshot s where s.tracker_id = t.id)`.as(
        'snapshots',
      ),
    ])
    .orderBy('t.label')
    .orderBy('t.id')
    .execute();
}

/** One tracker with its noise patterns, or undefined. */
export async function getTracker(db: Kysely<Database>, id: number) {
  const tracker = await db
    .selectFrom('tracker')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!tracker) return undefined;
  return { ...tracker, noise: await noisePatterns(db, id) };
}

/** A tracker's noise patterns, in the order they were added. */
export async function noisePatterns(db: Kysely<Database>, trackerId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('tracker_noise')
    .select('pattern')
    .where('tracker_id', '=', trackerId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.pattern);
}

/** The latest snapshots of a tracker, newest first. */
export async function latestSnapshots(db: Kysely<Database>, trackerId: number, limit = 10) {
  return db
    .selectFrom('tracker_snapshot')
    .selectAll()
    .where('tracker_id', '=', trackerId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

async function replaceNoise(
  trx: Kysely<Database>,
  trackerId: number,
  patterns: string[],
  now: string,
): Promise<void> {
  const current = await noisePatterns(trx, trackerId);
  if (current.join('\n') === patterns.join('\n')) return;
  await trx.deleteFrom('tracker_noise').where('tracker_id', '=', trackerId).execute();
  for (const pattern of patterns) {
    compileNoise(pattern);
    await trx
      .insertInto('tracker_noise')
      .values({ tracker_id: trackerId, pattern, review_item_id: null, created_at: now })
      .execute();
  }
}

/** Creates a tracker; returns its id. */
export async function createTracker(
  db: Kysely<Database>,
  input: TrackerInput,
  now: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('tracker')
      .values({
        label: input.label,
        url: input.url,
        selector: input.selector,
        interval_minutes: input.intervalMinutes,
        acteur_uid: input.acteurUid,
        active: input.active ? 1 : 0,
        created_at: now,
        updated_at: now,
        checked_at: null,
        last_error: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceNoise(trx, id, input.noise, now);
    return id;
  });
}

/** Updates a tracker; false when there is none with this id. */
export async function updateTracker(
  db: Kysely<Database>,
  id: number,
  input: TrackerInput,
  now: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('tracker')
      .set({
        label: input.label,
        url: input.url,
        selector: input.selector,
        interval_minutes: input.intervalMinutes,
        acteur_uid: input.acteurUid,
        active: input.active ? 1 : 0,
        updated_at: now,
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await replaceNoise(trx, id, input.noise, now);
    return true;
  });
}

/** Deletes a tracker with its snapshots and review items (confirmed changes stay in the log). */
export async function deleteTracker(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('tracker').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Active trackers due for a check at `now` (see isDue). */
export async function dueTrackers(db: Kysely<Database>, now: Date): Promise<Tracker[]> {
  const active = await db
    .selectFrom('tracker')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  return active.filter((t) => isDue(t.checked_at, t.interval_minutes, now));
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Records a successful check of a tracker: a new text is kept as a snapshot, and a
 * difference that survives the noise patterns becomes a pending review item. One transaction.
 */
export async function recordCheck(
  db: Kysely<Database>,
  trackerId: number,
  text: string,
  now: string,
): Promise<Comparison['kind']> {
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('tracker_snapshot')
      .select(['id', 'text'])
      .where('tracker_id', '=', trackerId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const comparison = compareTexts(last?.text ?? null, text, await noisePatterns(trx, trackerId));
    await trx
      .updateTable('tracker')
      .set({ checked_at: now, last_error: null })
      .where('id', '=', trackerId)
      .execute();
    if (comparison.kind === 'same') return comparison.kind;
    const snapshot = await trx
      .insertInto('tracker_snapshot')
      .values({ tracker_id: trackerId, fetched_at: now, text, content_hash: hash(text) })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (comparison.kind === 'changed' && last) {
      await trx
        .insertInto('review_item')
        .values({
          tracker_id: trackerId,
          old_snapshot_id: last.id,
          new_snapshot_id: snapshot.id,
          old_text: comparison.before,
          new_text: comparison.after,
          diff: comparison.diff,
          detected_at: now,
          decided_at: null,
          reason: null,
          change_event_id: null,
        })
        .execute();
    }
    return comparison.kind;
  });
}

/** Records a failed check; the page is tried again once its interval has passed. */
export async function recordFailure(
  db: Kysely<Database>,
  trackerId: number,
  reason: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('tracker')
    .set({ checked_at: now, last_error: reason })
    .where('id', '=', trackerId)
    .execute();
}

/** Review items joined with their tracker and its deputy (name and current group). */
function reviewItems(db: Kysely<Database>) {
  return db
    .selectFrom('review_item as r')
    .innerJoin('tracker as t', 't.id', 'r.tracker_id')
    .leftJoin('acteur as a', 'a.uid', 't.acteur_uid')
    .selectAll('r')
    .select([
      't.label as tracker_label',
      't.url as tracker_url',
      't.acteur_uid',
      'a.group_uid',
      sql<string | null>`a.first_name || ' ' || a.last_name`.as('acteur_name'),
    ]);
}

/** Review items with their tracker, newest first; `status` null lists every item. */
export async function listReviewItems(
  db: Kysely<Database>,
  status: ReviewStatus | null,
  limit = 100,
) {
  let query = reviewItems(db);
  if (status) query = query.where('r.status', '=', status);
  return query.orderBy('r.detected_at', 'desc').orderBy('r.id', 'desc').limit(limit).execute();
}

export type ReviewItemRow = Awaited<ReturnType<typeof listReviewItems>>[number];

/** Thrown when a review item does not exist or was already decided. */
export class ReviewError extends Error {
  constructor(
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'ReviewError';
  }
}

async function pendingItem(trx: Kysely<Database>, id: number) {
  const item = await reviewItems(trx).where('r.id', '=', id).executeTakeFirst();
  if (!item) throw new ReviewError(404, `Aucun élément ${id} dans la file de revue.`);
  if (item.status !== 'pending')
    throw new ReviewError(409, `L'élément ${id} a déjà été traité (${item.status}).`);
  return item;
}

/**
 * Confirms a review item: it becomes a public change in the change log, with its diff and
 * the page's URL, in the same transaction. Returns the change event's id.
 */
export async function confirmReview(db: Kysely<Database>, id: number, now: string) {
  return db.transaction().execute(async (trx) => {
    const item = await pendingItem(trx, id);
    const onDeputy = item.acteur_uid !== null;
    await appendChanges(trx, [
      {
        run_id: null,
        source: 'trackers',
        entity_type: onDeputy ? 'depute' : 'page',
        entity_id: item.acteur_uid ?? item.tracker_url,
        entity_label: onDeputy ? (item.acteur_name ?? item.acteur_uid) : item.tracker_label,
        group_uid: item.group_uid ?? null,
        kind: 'page_change',
        field: item.tracker_label,
        old_value: item.old_text,
        new_value: item.new_text,
        detail: item.diff,
        detected_at: item.detected_at,
        source_url: item.tracker_url,
      },
    ]);
    const { eventId } = await sql<{
      eventId: number;
    }>`select last_insert_rowid() as eventId`
      .execute(trx)
      .then((r) => r.rows[0]!);
    await trx
      .updateTable('review_item')
      .set({ status: 'confirmed', decided_at: now, change_event_id: eventId })
      .where('id', '=', id)
      .execute();
    // The change is now public (the change log, the deputy's page).
    await bumpDataVersion(trx);
    return eventId;
  });
}

/**
 * Dismisses a review item as a false positive, keeping it with its reason; a noise pattern,
 * when given, is added to its tracker so the same difference is ignored from now on.
 */
export async function dismissReview(
  db: Kysely<Database>,
  id: number,
  reason: string,
  noisePattern: string | null,
  now: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const item = await pendingItem(trx, id);
    await trx
      .updateTable('review_item')
      .set({ status: 'dismissed', decided_at: now, reason })
      .where('id', '=', id)
      .execute();
    if (noisePattern) {
      compileNoise(noisePattern);
      await trx
        .insertInto('tracker_noise')
        .values({
          tracker_id: item.tracker_id,
          pattern: noisePattern,
          review_item_id: id,
          created_at: now,
        })
        .execute();
    }
  });
}

// Admin access.

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

/** Failed login attempts from `client` since `since`. */
export async function failedLogins(
  db: Kysely<Database>,
  client: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('login_attempt')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client', '=', client)
    .where('success', '=', 0)
    .where('at', '>', since.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
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
