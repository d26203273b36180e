import type { Kysely } from 'kysely';
import type { Database, SyncState } from '../schema/index.ts';
import { bumpDataVersion } from './data-version.ts';

/** Reads and writes the per-source sync state (validators, content hash, last check). */
export function syncStateStore(db: Kysely<Database>) {
  const now = () => new Date().toISOString();
  return {
    async get(source: string): Promise<SyncState | null> {
      return (
        (await db
          .selectFrom('sync_state')
          .selectAll()
          .where('source', '=', source)
          .executeTakeFirst()) ?? null
      );
    },
    async all(): Promise<SyncState[]> {
      return db.selectFrom('sync_state').selectAll().orderBy('source').execute();
    },
    /** The source was checked and found unchanged. */
    async checked(source: string, url: string): Promise<void> {
      await db
        .insertInto('sync_state')
        .values({ source, url, checked_at: now(), last_error: null })
        .onConflict((oc) =>
          oc.column('source').doUpdateSet({ url, checked_at: now(), last_error: null }),
        )
        .execute();
    },
    /**
     * New content was ingested; call inside the ingest transaction (every ingest passes
     * here, which bumps the data version in the same transaction). With `rejected` (some
     * files could not be read) the validators are not kept, so the next crawl fetches the
     * source again and retries those files.
     */
    async changed(
      trx: Kysely<Database>,
      source: string,
      url: string,
      v: { etag: string | null; lastModified: string | null; contentHash: string },
      rejected: string | null = null,
    ): Promise<void> {
      const values = {
        url,
        etag: rejected ? null : v.etag,
        last_modified: rejected ? null : v.lastModified,
        content_hash: rejected ? null : v.contentHash,
        checked_at: now(),
        changed_at: now(),
        last_error: rejected,
      };
      await trx
        .insertInto('sync_state')
        .values({ source, ...values })
        .onConflict((oc) => oc.column('source').doUpdateSet(values))
        .execute();
      await bumpDataVersion(trx);
    },
    /** The crawl failed; the validators and data are left as they were. */
    async failed(source: string, url: string, error: string): Promise<void> {
      await db
        .insertInto('sync_state')
        .values({ source, url, checked_at: now(), last_error: error })
        .onConflict((oc) =>
          oc.column('source').doUpdateSet({ checked_at: now(), last_error: error }),
        )
        .execute();
    },
  };
}

export type SyncStateStore = ReturnType<typeof syncStateStore>;
