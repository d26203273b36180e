import type { Kysely } from 'kysely';
import { insertRows } from '../insert.ts';
import type { Database, NewChangeEvent } from '../schema/index.ts';

/**
 * Appends events to the change log. Call it inside the transaction that writes the data
 * the events describe, so that a crash leaves neither without the other.
 */
export async function appendChanges(
  trx: Kysely<Database>,
  events: readonly NewChangeEvent[],
): Promise<void> {
  if (events.length > 0) await insertRows(trx, 'change_event', events);
}
