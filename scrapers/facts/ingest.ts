// Writes curated facts in one transaction, with a change-log event for each new or changed
// fact; a file that names an unknown deputy writes nothing.
import type { Kysely } from 'kysely';
import { appendChanges } from '../../db/state/changes.ts';
import { bumpDataVersion } from '../../db/state/data-version.ts';
import type { Database, Fact, NewChangeEvent } from '../../db/schema/index.ts';
import { FactsFileError, type FactRow } from './parse.ts';

export interface FactsImport {
  added: number;
  changed: number;
  unchanged: number;
}

/**
 * Imports validated rows: a fact is identified by (deputy, type, libellé); a new one is
 * added, one whose value, source or date differs is updated, an identical one left alone.
 * Facts absent from the file are kept. Re-importing the same file changes nothing.
 */
export async function importFacts(
  db: Kysely<Database>,
  rows: readonly FactRow[],
  now: string,
): Promise<FactsImport> {
  return db.transaction().execute(async (trx) => {
    const uids = [...new Set(rows.map((r) => r.acteurUid))];
    const acteurs = new Map(
      (
        await trx
          .selectFrom('acteur')
          .select(['uid', 'first_name', 'last_name', 'group_uid'])
          .where('uid', 'in', uids.length > 0 ? uids : [''])
          .execute()
      ).map((a) => [a.uid, a]),
    );
    const unknown = rows.filter((r) => !acteurs.has(r.acteurUid));
    if (unknown.length > 0) {
      throw new FactsFileError(
        unknown.map((r) => ({
          line: r.line,
          message: `colonne « depute_uid » : aucun député ${r.acteurUid} dans la base`,
        })),
      );
    }
    // The stored facts of these deputies, read once: one query per row scanned all the facts
    // of a deputy and type each time (a file of 20,000 rows took 29 s). Labels compare in
    // lower case, as the file's own duplicate check does (SQLite's lower() folds ASCII only).
    const key = (uid: string, kind: string, label: string) =>
      `${uid}\u0000${kind}\u0000${label.toLowerCase()}`;
    const stored = new Map<string, Fact>();
    for (const fact of await trx
      .selectFrom('fact')
      .selectAll()
      .where('acteur_uid', 'in', uids.length > 0 ? uids : [''])
      .orderBy('id')
      .execute()) {
      const k = key(fact.acteur_uid, fact.kind, fact.label);
      if (!stored.has(k)) stored.set(k, fact);
    }
    const result: FactsImport = { added: 0, changed: 0, unchanged: 0 };
    const events: NewChangeEvent[] = [];
    for (const row of rows) {
      const acteur = acteurs.get(row.acteurUid)!;
      const existing = stored.get(key(row.acteurUid, row.kind, row.label));
      const values = {
        label: row.label,
        value: row.value,
        source_url: row.sourceUrl,
        verified_on: row.verifiedOn,
        updated_at: now,
      };
      if (
        existing &&
        existing.label === row.label &&
        existing.value === row.value &&
        existing.source_url === row.sourceUrl &&
        existing.verified_on === row.verifiedOn
      ) {
        result.unchanged++;
        continue;
      }
      if (existing) {
        await trx.updateTable('fact').set(values).where('id', '=', existing.id).execute();
        result.changed++;
      } else {
        await trx
          .insertInto('fact')
          .values({ acteur_uid: row.acteurUid, kind: row.kind, imported_at: now, ...values })
          .execute();
        result.added++;
      }
      events.push({
        run_id: null,
        source: 'facts',
        entity_type: 'depute',
        entity_id: row.acteurUid,
        entity_label: `${acteur.first_name} ${acteur.last_name}`,
        group_uid: acteur.group_uid,
        kind: existing ? 'fact_changed' : 'fact_added',
        field: `${row.kind}/${row.label}`,
        old_value: existing?.value ?? null,
        new_value: row.value,
        detail: `Vérifié le ${row.verifiedOn} sur ${row.sourceUrl}${
          existing && existing.source_url !== row.sourceUrl
            ? ` (auparavant ${existing.source_url}, vérifié le ${existing.verified_on})`
            : ''
        }`,
        detected_at: now,
        source_url: row.sourceUrl,
      });
    }
    await appendChanges(trx, events);
    if (events.length > 0) await bumpDataVersion(trx);
    return result;
  });
}
