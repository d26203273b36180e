import { sql, type Kysely } from 'kysely';
import { likeEscape } from './like.ts';
import type { Database } from '../schema/index.ts';
import type { DossierState } from '../../domain/dossiers.ts';
import { fold } from '../../domain/text.ts';

export interface DossierFilter {
  /** Words to find in the title, accents and case ignored. */
  words: string | null;
  procedure: string | null;
  state: DossierState | null;
  /** Bounds on the deposit date (first dated step), AAAA-MM-JJ. */
  from: string | null;
  to: string | null;
  /** An initiator's current group, by abbreviation (any case) or uid. */
  group: string | null;
  legislature: number | null;
  sort: 'activite' | 'depot';
  order: 'asc' | 'desc';
}

export const defaultDossierFilter: DossierFilter = {
  words: null,
  procedure: null,
  state: null,
  from: null,
  to: null,
  group: null,
  legislature: null,
  sort: 'activite',
  order: 'desc',
};

const words = (text: string | null) =>
  text
    ? fold(text)
        .split(' ')
        .filter((w) => w.length > 0)
        .slice(0, 10)
    : [];

/** An initiator of a dossier with the acteur's name and current group, or the organ's name. */
export interface InitiatorRow {
  dossier_uid: string;
  position: number;
  acteur_uid: string | null;
  organe_uid: string | null;
  first_name: string | null;
  last_name: string | null;
  group_abbreviation: string | null;
  group_label: string | null;
  group_color: string | null;
  organe_label: string | null;
}

/** The initiators of these dossiers, in source order, by dossier uid. */
export async function dossierInitiators(db: Kysely<Database>, uids: string[]) {
  const byDossier = new Map<string, InitiatorRow[]>();
  for (let i = 0; i < uids.length; i += 500) {
    const rows = await db
      .selectFrom('dossier_initiator as i')
      .leftJoin('acteur as a', 'a.uid', 'i.acteur_uid')
      .leftJoin('organe as g', 'g.uid', 'a.group_uid')
      .leftJoin('organe as o', 'o.uid', 'i.organe_uid')
      .select([
        'i.dossier_uid',
        'i.position',
        'i.acteur_uid',
        'i.organe_uid',
        'a.first_name',
        'a.last_name',
        'g.abbreviation as group_abbreviation',
        'g.label as group_label',
        'g.color as group_color',
        'o.label as organe_label',
      ])
      .where('i.dossier_uid', 'in', uids.slice(i, i + 500))
      .orderBy('i.dossier_uid')
      .orderBy('i.position')
      .execute();
    for (const r of rows)
      byDossier.set(r.dossier_uid, [...(byDossier.get(r.dossier_uid) ?? []), r]);
  }
  return byDossier;
}

/**
 * Dossiers matching a filter: one page, the total, and each row's initiators and the number of
 * scrutins linked to it (scrutin_dossier, whatever the method: the list its page shows).
 */
export async function listDossiers(
  db: Kysely<Database>,
  filter: DossierFilter,
  page: { limit: number | null; offset: number },
) {
  let q = db.selectFrom('dossier');
  if (filter.legislature !== null) q = q.where('legislature', '=', filter.legislature);
  if (filter.procedure) q = q.where('procedure_code', '=', filter.procedure);
  if (filter.state) q = q.where('state', '=', filter.state);
  if (filter.from) q = q.where('first_date', '>=', filter.from);
  if (filter.to) q = q.where('first_date', '<=', filter.to);
  for (const word of words(filter.words)) {
    q = q.where(sql<boolean>`title_key like ${`%${likeEscape(word)}%`} escape '\\'`);
  }
  if (filter.group) {
    const group = filter.group;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('dossier_initiator as i')
          .innerJoin('acteur as a', 'a.uid', 'i.acteur_uid')
          .innerJoin('organe as g', 'g.uid', 'a.group_uid')
          .select('i.dossier_uid')
          .whereRef('i.dossier_uid', '=', 'dossier.uid')
          .where((eb) =>
            eb.or([
              eb('g.uid', '=', group),
              eb(eb.fn('upper', ['g.abbreviation']), '=', group.toUpperCase()),
            ]),
          ),
      ),
    );
  }
  const { total } = await q
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const column = filter.sort === 'depot' ? 'first_date' : 'last_date';
  let rows = q
    .selectAll()
    .select((eb) =>
      eb
        .selectFrom('scrutin_dossier as sd')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('sd.dossier_uid', '=', 'dossier.uid')
        .as('scrutins'),
    )
    // Undated dossiers last, whatever the order.
    .orderBy(sql`${sql.ref(column)} is null`)
    .orderBy(column, filter.order)
    .orderBy('uid', filter.order);
  if (page.limit !== null) rows = rows.limit(page.limit).offset(page.offset);
  const found = await rows.execute();
  const initiators = await dossierInitiators(
    db,
    found.map((r) => r.uid),
  );
  return {
    total: Number(total),
    rows: found.map((r) => ({
      ...r,
      scrutins: Number(r.scrutins ?? 0),
      initiators: initiators.get(r.uid) ?? [],
    })),
  };
}

export type DossierRow = Awaited<ReturnType<typeof listDossiers>>['rows'][number];

/** The procedures present, with their number of dossiers, for the filter form. */
export async function dossierProcedures(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('dossier')
    .select((eb) => ['procedure_code', 'procedure_label', eb.fn.countAll<number>().as('n')])
    .where('procedure_code', 'is not', null)
    .groupBy(['procedure_code', 'procedure_label'])
    .orderBy('n', 'desc')
    .execute();
  return rows.map((r) => ({ code: r.procedure_code!, label: r.procedure_label, n: Number(r.n) }));
}

/** One dossier with its initiators, steps, texts and scrutins, or null. */
export async function getDossier(db: Kysely<Database>, uid: string) {
  const dossier = await db
    .selectFrom('dossier')
    .selectAll()
    .where('uid', '=', uid)
    .executeTakeFirst();
  if (!dossier) return null;
  const initiators = (await dossierInitiators(db, [uid])).get(uid) ?? [];
  const steps = await db
    .selectFrom('dossier_step as s')
    .leftJoin('organe as o', 'o.uid', 's.organe_uid')
    .selectAll('s')
    .select('o.label as organe_label')
    .where('s.dossier_uid', '=', uid)
    .orderBy('s.position')
    .execute();
  const texts = await db
    .selectFrom('dossier_step_text as t')
    .leftJoin('document as d', 'd.uid', 't.text_uid')
    .select([
      't.step_position',
      't.text_uid',
      't.role',
      'd.type_code',
      'd.type_label',
      'd.denomination',
      'd.title',
      'd.numero',
      'd.deposit_date',
    ])
    .where('t.dossier_uid', '=', uid)
    .orderBy('t.step_position')
    .orderBy('t.role')
    .orderBy('t.text_uid')
    .execute();
  const stepVotes = await db
    .selectFrom('dossier_step_vote as v')
    .leftJoin('scrutin as s', 's.uid', 'v.scrutin_uid')
    .select(['v.step_position', 'v.scrutin_uid', 's.number', 's.date', 's.title', 's.result_code'])
    .where('v.dossier_uid', '=', uid)
    .orderBy('v.step_position')
    .orderBy('v.scrutin_uid')
    .execute();
  const documents = await db
    .selectFrom('document')
    .selectAll()
    .where('dossier_uid', '=', uid)
    .orderBy(sql`deposit_date is null`)
    .orderBy('deposit_date')
    .orderBy('uid')
    .execute();
  // Every scrutin linked to the dossier (scrutin_dossier: the one set the list counts), each
  // once: those its steps name, in the order of the steps, then those whose file names the
  // dossier, then the votes on one of its amendments, by number.
  const scrutins = await db
    .selectFrom('scrutin_dossier as sd')
    .leftJoin('scrutin as s', 's.uid', 'sd.scrutin_uid')
    .select(['sd.scrutin_uid', 'sd.method', 's.number', 's.date', 's.title', 's.result_code'])
    .where('sd.dossier_uid', '=', uid)
    .orderBy(sql`case sd.method when 'etapes' then 0 when 'reference' then 1 else 2 end`)
    .orderBy(
      sql`(select min(v.step_position) from dossier_step_vote v
        where v.dossier_uid = sd.dossier_uid and v.scrutin_uid = sd.scrutin_uid)`,
    )
    .orderBy(sql`s.number is null`)
    .orderBy('s.number')
    .orderBy('sd.scrutin_uid')
    .execute();
  return { dossier, initiators, steps, texts, stepVotes, documents, scrutins };
}

export type DossierDetail = NonNullable<Awaited<ReturnType<typeof getDossier>>>;

/** The scrutins of the legislature, and how many of them a dossier's steps name. */
export async function scrutinLinkRate(db: Kysely<Database>, legislature: number) {
  const row = await db
    .selectFrom('scrutin as s')
    .select((eb) => [
      eb.fn.countAll<number>().as('scrutins'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.exists(
                eb
                  .selectFrom('scrutin_dossier as sd')
                  .select('sd.dossier_uid')
                  .whereRef('sd.scrutin_uid', '=', 's.uid'),
              ),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('linked'),
    ])
    .where('s.legislature', '=', legislature)
    .executeTakeFirstOrThrow();
  return { scrutins: Number(row.scrutins), linked: Number(row.linked ?? 0) };
}
