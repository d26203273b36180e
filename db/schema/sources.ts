// Tables of the crawls themselves: each source's sync state (validators, last check) and
// each run of a source.
import type { Generated, Selectable } from 'kysely';

export interface SyncStateTable {
  source: string;
  url: string;
  etag: string | null;
  last_modified: string | null;
  content_hash: string | null;
  checked_at: string;
  changed_at: string | null;
  last_error: string | null;
}

export type CrawlRunStatus = 'running' | 'ok' | 'unchanged' | 'partial' | 'failed' | 'interrupted';

/** One run of one source; `running` rows left by a crash are closed as `interrupted`. */
export interface CrawlRunTable {
  id: Generated<number>;
  source: string;
  /** schedule, startup, retry, cli. */
  trigger: string;
  /** The process running it (null for runs recorded before this column). */
  pid: number | null;
  started_at: string;
  finished_at: string | null;
  status: CrawlRunStatus;
  fetched: Generated<number>;
  unchanged: Generated<number>;
  added: Generated<number>;
  changed: Generated<number>;
  removed: Generated<number>;
  failed: Generated<number>;
  /** Change events this run appended. */
  events: Generated<number>;
  error: string | null;
}

export type CrawlRun = Selectable<CrawlRunTable>;

export type SyncState = Selectable<SyncStateTable>;

/** The data version: one row (id 1), bumped by every committed change of published data. */
export interface DataVersionTable {
  id: number;
  version: number;
  /** When it was last bumped (ISO), the pages' Last-Modified. */
  changed_at: string;
}
