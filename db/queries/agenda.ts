import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.ts';

/**
 * Every published attendance (meeting × member), in (reunion_uid, acteur_uid) order, in
 * key-range batches of `size` rows, with the meeting's day, kind, state and body.
 */
export async function* allPresencesInBatches(db: Kysely<Database>, size = 2000) {
  let after: { reunion: string; acteur: string } | null = null;
  for (;;) {
    let q = db
      .selectFrom('reunion_presence as p')
      .innerJoin('reunion as r', 'r.uid', 'p.reunion_uid')
      .leftJoin('organe as o', 'o.uid', 'r.organe_uid')
      .leftJoin('acteur as a', 'a.uid', 'p.acteur_uid')
      .select([
        'p.reunion_uid',
        'r.day',
        'r.week',
        'r.kind',
        'r.etat',
        'r.counted',
        'r.organe_uid',
        'o.label as organe_label',
        'p.acteur_uid',
        'a.first_name',
        'a.last_name',
        'p.presence',
      ])
      .orderBy('p.reunion_uid')
      .orderBy('p.acteur_uid')
      .limit(size);
    if (after) {
      const { reunion, acteur } = after;
      q = q.where((eb) =>
        eb(eb.refTuple('p.reunion_uid', 'p.acteur_uid'), '>', eb.tuple(reunion, acteur)),
      );
    }
    const rows = await q.execute();
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { reunion: last.reunion_uid, acteur: last.acteur_uid };
    if (rows.length < size) return;
  }
}

export type PresenceDumpRow =
  Awaited<ReturnType<ReturnType<typeof allPresencesInBatches>['next']>> extends IteratorResult<
    infer B,
    unknown
  >
    ? B extends (infer R)[]
      ? R
      : never
    : never;
