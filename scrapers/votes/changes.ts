// Change detection for the votes: a scrutin that appears is a "new scrutin" event; one whose
// file changed gives a "changed scrutin" event only when a fact that matters differs (title,
// result, official counts, type, date), so a re-serialised file records nothing.
import type { Kysely } from 'kysely';
import type { Database, NewChangeEvent, Scrutin } from '../../db/schema/index.ts';
import { changeEvent, initialImport, normText, type ChangeContext } from '../lib/changes.ts';

const FIELDS = {
  title: 'titre',
  result_code: 'résultat',
  for_count: 'pour',
  against_count: 'contre',
  abstention_count: 'abstention',
  non_voting_count: 'non-votants',
  type_code: 'type',
  date: 'date',
} as const;

type Field = keyof typeof FIELDS;
export type ScrutinFacts = Pick<Scrutin, 'uid' | 'number' | Field>;

/** The facts compared of every stored scrutin, by uid. */
export async function scrutinFacts(db: Kysely<Database>): Promise<Map<string, ScrutinFacts>> {
  const rows = await db
    .selectFrom('scrutin')
    .select(['uid', 'number', ...(Object.keys(FIELDS) as Field[])])
    .execute();
  return new Map(rows.map((r) => [r.uid, r]));
}

/** Events between the scrutins stored before an ingest and after it. */
export function scrutinChanges(
  ctx: ChangeContext,
  before: Map<string, ScrutinFacts>,
  after: Map<string, ScrutinFacts>,
): NewChangeEvent[] {
  if (before.size === 0) {
    return after.size === 0 ? [] : [initialImport(ctx, after.size, 'scrutins')];
  }
  const events: NewChangeEvent[] = [];
  const ordered = [...after.values()].sort((a, b) => a.number - b.number);
  for (const s of ordered) {
    const base = {
      entity_type: 'scrutin',
      entity_id: s.uid,
      entity_label: `Scrutin n° ${s.number} : ${s.title}`.slice(0, 500),
    };
    const old = before.get(s.uid);
    if (!old) {
      events.push(
        changeEvent(ctx, {
          ...base,
          kind: 'new_scrutin',
          field: 'résultat',
          new_value: s.result_code,
          detail: `${s.date} — pour ${s.for_count}, contre ${s.against_count}, abstention ${s.abstention_count}`,
        }),
      );
      continue;
    }
    for (const field of Object.keys(FIELDS) as Field[]) {
      const was = normText(old[field]);
      const is = normText(s[field]);
      if (was !== is) {
        events.push(
          changeEvent(ctx, {
            ...base,
            kind: 'scrutin_changed',
            field: FIELDS[field],
            old_value: was,
            new_value: is,
          }),
        );
      }
    }
  }
  return events;
}
