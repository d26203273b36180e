import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema/index.ts';
import { bumpDataVersion } from '../state/data-version.ts';
import { fold } from '../../domain/text.ts';
import { ftsQuery } from './amendements.ts';
import { likeEscape } from './like.ts';

/** The filters shared by `/lobbies` and `/lobbies/activites`. */
export interface LobbyFilter {
  /** label_categorie_organisation, exactly. */
  categorie: string | null;
  /** A sector of the organisation (9_secteurs_activites), exactly. */
  secteur: string | null;
  /** A domain of an activity (7_domaines_intervention), exactly. */
  domaine: string | null;
  /** The kind of official an action targeted (lobby_target.responsable), exactly. */
  responsable: string | null;
  /** The ministry or authority an action targeted, exactly. */
  ministere: string | null;
  /** Lower bound in euros of a published expense band (montant_depense_inf). */
  depense: number | null;
  /** annee_debut of the exercise. */
  annee: number | null;
  /** Words: of the name (organisations), or of the object and domains (activities, full text). */
  q: string | null;
}

type Page = { limit: number | null; offset: number };

/** Folded words of a keyword filter, at most 10. */
const words = (text: string) => fold(text).split(' ').filter(Boolean).slice(0, 10);

/**
 * The activity-level conditions of a filter, on the aliases `a` (lobby_activity) and `e` (its
 * exercise): bound parameters, never text built from the query string.
 */
function activityConditions(f: LobbyFilter): RawBuilder<boolean>[] {
  const out: RawBuilder<boolean>[] = [];
  if (f.domaine) {
    out.push(
      sql<boolean>`a.id in (select d.activity_id from lobby_activity_domain d where d.domaine = ${f.domaine})`,
    );
  }
  if (f.responsable || f.ministere) {
    out.push(sql<boolean>`a.id in (select x.activity_id from lobby_target t join lobby_action x on x.id = t.action_id
      where x.activity_id is not null
      ${f.responsable ? sql`and t.responsable = ${f.responsable}` : sql``}
      ${f.ministere ? sql`and t.ministere = ${f.ministere}` : sql``})`);
  }
  if (f.depense !== null)
    out.push(sql<boolean>`e.depense_min = ${f.depense} and e.montant_depense is not null`);
  if (f.annee !== null) out.push(sql<boolean>`e.annee_debut = ${f.annee}`);
  return out;
}

const activityLevel = (f: LobbyFilter) =>
  f.domaine !== null ||
  f.responsable !== null ||
  f.ministere !== null ||
  f.depense !== null ||
  f.annee !== null;

/** The organisations matching a filter (every condition through their activities and exercises). */
function organisations(db: Kysely<Database>, f: LobbyFilter) {
  let q = db.selectFrom('lobby_organisation as o');
  if (f.categorie) q = q.where('o.categorie', '=', f.categorie);
  if (f.secteur) {
    const secteur = f.secteur;
    q = q.where('o.id', 'in', (eb) =>
      eb.selectFrom('lobby_sector as s').select('s.organisation_id').where('s.label', '=', secteur),
    );
  }
  if (f.q) {
    for (const w of words(f.q))
      q = q.where(sql<boolean>`o.text_key like ${`%${likeEscape(w)}%`} escape '\\'`);
  }
  if (activityLevel(f)) {
    const onlyExercise = f.domaine === null && f.responsable === null && f.ministere === null;
    q = q.where('o.id', 'in', (eb) => {
      if (onlyExercise) {
        // An expense band or a year is a property of an exercise, with or without activity.
        let e = eb.selectFrom('lobby_exercise as e').select('e.organisation_id');
        if (f.depense !== null)
          e = e.where('e.depense_min', '=', f.depense).where('e.montant_depense', 'is not', null);
        if (f.annee !== null) e = e.where('e.annee_debut', '=', f.annee);
        return e;
      }
      return activityConditions(f)
        .reduce(
          (a, c) => a.where(c),
          eb
            .selectFrom('lobby_activity as a')
            .innerJoin('lobby_exercise as e', 'e.id', 'a.exercise_id'),
        )
        .select('e.organisation_id');
    });
  }
  return q;
}

export type LobbySort = 'nom' | 'activites' | 'depense';

/** Organisations matching a filter, with their summary: one page, the total and the count per category. */
export async function listLobbies(
  db: Kysely<Database>,
  f: LobbyFilter,
  sort: LobbySort,
  page: Page,
) {
  const base = organisations(db, f);
  const [{ total }, byCategory] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .select(['o.categorie', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('o.categorie')
      .orderBy('n', 'desc')
      .orderBy('o.categorie')
      .execute(),
  ]);
  let q = base
    .leftJoin('lobby_summary as s', 's.organisation_id', 'o.id')
    .select([
      'o.id',
      'o.denomination',
      'o.nom_usage',
      'o.sigle',
      'o.identifiant_national',
      'o.type_identifiant',
      'o.categorie',
      'o.ville',
      'o.code_postal',
      'o.pays',
      'o.date_premiere_publication',
      's.activites',
      's.actions',
      's.exercices',
      's.derniere_annee',
      's.derniere_depense',
      's.derniere_depense_min',
      's.derniere_salaries',
    ]);
  if (sort === 'activites') q = q.orderBy('s.activites', 'desc');
  if (sort === 'depense')
    q = q.orderBy(sql`s.derniere_depense_min is null`).orderBy('s.derniere_depense_min', 'desc');
  q = q.orderBy('o.denomination').orderBy('o.id');
  if (page.limit !== null) q = q.limit(page.limit).offset(page.offset);
  return {
    total: Number(total),
    byCategory: byCategory.map((c) => ({ categorie: c.categorie, n: Number(c.n) })),
    rows: await q.execute(),
  };
}

export type LobbyRow = Awaited<ReturnType<typeof listLobbies>>['rows'][number];

/** Activities matching a filter, most recently published first: one page and the total. */
export async function listLobbyActivities(db: Kysely<Database>, f: LobbyFilter, page: Page) {
  let q = activityConditions(f).reduce(
    (a, c) => a.where(c),
    db
      .selectFrom('lobby_activity as a')
      .innerJoin('lobby_exercise as e', 'e.id', 'a.exercise_id')
      .innerJoin('lobby_organisation as o', 'o.id', 'a.organisation_id'),
  );
  if (f.categorie) q = q.where('o.categorie', '=', f.categorie);
  if (f.secteur) {
    const secteur = f.secteur;
    q = q.where('o.id', 'in', (eb) =>
      eb.selectFrom('lobby_sector as s').select('s.organisation_id').where('s.label', '=', secteur),
    );
  }
  const match = f.q ? ftsQuery(f.q) : null;
  if (match) {
    q = q.where(
      'a.id',
      'in',
      sql<number>`(select rowid from lobby_activity_fts where lobby_activity_fts match ${match})`,
    );
  }
  const { total } = await q
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  let rows = q
    .select([
      'a.id',
      'a.organisation_id',
      'o.denomination',
      'o.categorie',
      'a.exercise_id',
      'e.annee_debut',
      'e.montant_depense',
      'a.date_publication',
      'a.identifiant_fiche',
      'a.objet',
      sql<
        string | null
      >`(select group_concat(d.domaine, ' ; ') from lobby_activity_domain d where d.activity_id = a.id)`.as(
        'domaines',
      ),
      sql<
        string | null
      >`(select group_concat(distinct t.ministere) from lobby_target t join lobby_action x on x.id = t.action_id where x.activity_id = a.id and t.ministere is not null)`.as(
        'ministeres',
      ),
    ])
    .orderBy('a.date_publication', 'desc')
    .orderBy('a.id', 'desc');
  if (page.limit !== null) rows = rows.limit(page.limit).offset(page.offset);
  return { total: Number(total), rows: await rows.execute() };
}

export type LobbyActivityRow = Awaited<ReturnType<typeof listLobbyActivities>>['rows'][number];

/** The values the filters offer, with how many organisations (or activities) carry each. */
export async function lobbyFacets(db: Kysely<Database>) {
  const [categories, secteurs, domaines, responsables, ministeres, depenses, annees] =
    await Promise.all([
      db
        .selectFrom('lobby_organisation')
        .select(['categorie as value', (eb) => eb.fn.countAll<number>().as('n')])
        .where('categorie', 'is not', null)
        .groupBy('categorie')
        .orderBy('categorie')
        .execute(),
      db
        .selectFrom('lobby_sector')
        .select(['label as value', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('label')
        .orderBy('label')
        .execute(),
      db
        .selectFrom('lobby_activity_domain')
        .select(['domaine as value', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('domaine')
        .orderBy('domaine')
        .execute(),
      db
        .selectFrom('lobby_target')
        .select(['responsable as value', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('responsable')
        .orderBy('responsable')
        .execute(),
      db
        .selectFrom('lobby_target')
        .select(['ministere as value', (eb) => eb.fn.countAll<number>().as('n')])
        .where('ministere', 'is not', null)
        .groupBy('ministere')
        .orderBy('ministere')
        .execute(),
      db
        .selectFrom('lobby_exercise')
        .select([
          'depense_min as min',
          sql<string>`min(montant_depense)`.as('label'),
          (eb) => eb.fn.countAll<number>().as('n'),
        ])
        .where('montant_depense', 'is not', null)
        .groupBy('depense_min')
        .orderBy('depense_min')
        .execute(),
      db
        .selectFrom('lobby_exercise')
        .select('annee_debut as value')
        .distinct()
        .where('annee_debut', 'is not', null)
        .orderBy('annee_debut', 'desc')
        .execute(),
    ]);
  return {
    categories,
    secteurs,
    domaines,
    responsables,
    ministeres: ministeres as { value: string; n: number }[],
    depenses: depenses as { min: number; label: string; n: number }[],
    annees: annees.map((a) => a.value as number),
  };
}

export type LobbyFacets = Awaited<ReturnType<typeof lobbyFacets>>;

/** One organisation with everything the register says of it; null when unknown. */
export async function getLobby(db: Kysely<Database>, id: number) {
  const organisation = await db
    .selectFrom('lobby_organisation')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!organisation) return null;
  const [
    dirigeants,
    collaborateurs,
    clients,
    affiliations,
    niveaux,
    secteurs,
    exercices,
    summary,
    activities,
  ] = await Promise.all([
    db
      .selectFrom('lobby_director')
      .selectAll()
      .where('organisation_id', '=', id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('lobby_collaborator')
      .selectAll()
      .where('organisation_id', '=', id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('lobby_client')
      .selectAll()
      .where('organisation_id', '=', id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('lobby_affiliation')
      .selectAll()
      .where('organisation_id', '=', id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('lobby_level')
      .select('label')
      .where('organisation_id', '=', id)
      .orderBy('label')
      .execute(),
    db
      .selectFrom('lobby_sector')
      .select('label')
      .where('organisation_id', '=', id)
      .orderBy('label')
      .execute(),
    db
      .selectFrom('lobby_exercise')
      .selectAll()
      .where('organisation_id', '=', id)
      .orderBy('date_debut', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db.selectFrom('lobby_summary').selectAll().where('organisation_id', '=', id).executeTakeFirst(),
    db
      .selectFrom('lobby_activity')
      .selectAll()
      .where('organisation_id', '=', id)
      .orderBy('date_publication', 'desc')
      .orderBy('id', 'desc')
      .execute(),
  ]);
  const activityIds = activities.map((a) => a.id);
  const none = activityIds.length === 0;
  const [domains, actions] = await Promise.all([
    none
      ? []
      : db
          .selectFrom('lobby_activity_domain')
          .selectAll()
          .where('activity_id', 'in', activityIds)
          .execute(),
    none
      ? []
      : db
          .selectFrom('lobby_action')
          .selectAll()
          .where('activity_id', 'in', activityIds)
          .orderBy('id')
          .execute(),
  ]);
  const actionIds = actions.map((a) => a.id);
  const noAction = actionIds.length === 0;
  const [types, beneficiaries, decisions, targets] = await Promise.all([
    noAction
      ? []
      : db
          .selectFrom('lobby_action_type')
          .selectAll()
          .where('action_id', 'in', actionIds)
          .orderBy('action_id')
          .orderBy('position')
          .execute(),
    noAction
      ? []
      : db
          .selectFrom('lobby_beneficiary')
          .selectAll()
          .where('action_id', 'in', actionIds)
          .orderBy('action_id')
          .orderBy('position')
          .execute(),
    noAction
      ? []
      : db.selectFrom('lobby_decision').selectAll().where('action_id', 'in', actionIds).execute(),
    noAction
      ? []
      : db.selectFrom('lobby_target').selectAll().where('action_id', 'in', actionIds).execute(),
  ]);
  const group = <T, K>(rows: T[], key: (r: T) => K) => {
    const map = new Map<K, T[]>();
    for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
    return map;
  };
  const domainsOf = group(domains, (d) => d.activity_id);
  const actionsOf = group(actions, (a) => a.activity_id);
  const typesOf = group(types, (t) => t.action_id);
  const beneficiariesOf = group(beneficiaries, (b) => b.action_id);
  const decisionsOf = group(decisions, (d) => d.action_id);
  const targetsOf = group(targets, (t) => t.action_id);
  return {
    organisation,
    summary: summary ?? null,
    dirigeants,
    collaborateurs,
    clients,
    affiliations,
    niveaux: niveaux.map((n) => n.label),
    secteurs: secteurs.map((s) => s.label),
    exercices,
    activites: activities.map((a) => ({
      ...a,
      domaines: (domainsOf.get(a.id) ?? []).map((d) => d.domaine),
      actions: (actionsOf.get(a.id) ?? []).map((x) => ({
        ...x,
        types: typesOf.get(x.id) ?? [],
        beneficiaires: beneficiariesOf.get(x.id) ?? [],
        decisions: (decisionsOf.get(x.id) ?? []).map((d) => d.decision),
        cibles: targetsOf.get(x.id) ?? [],
      })),
    })),
  };
}

export type LobbyDetail = NonNullable<Awaited<ReturnType<typeof getLobby>>>;

/** The candidate links of a deputy (not dismissed), surest first. */
export async function lobbyMatchesOfDeputy(db: Kysely<Database>, acteurUid: string) {
  return db
    .selectFrom('lobby_match as m')
    .innerJoin('lobby_organisation as o', 'o.id', 'm.organisation_id')
    .selectAll('m')
    .select(['o.denomination', 'o.categorie'])
    .where('m.acteur_uid', '=', acteurUid)
    .where('m.dismissed', '=', 0)
    .orderBy(sql`case m.confidence when 'haute' then 0 when 'moyenne' then 1 else 2 end`)
    .orderBy('o.denomination')
    .execute();
}

/** The candidate links of an organisation (not dismissed), with the deputy's name. */
export async function lobbyMatchesOfOrganisation(db: Kysely<Database>, organisationId: number) {
  return db
    .selectFrom('lobby_match as m')
    .leftJoin('acteur as a', 'a.uid', 'm.acteur_uid')
    .selectAll('m')
    .select(['a.first_name', 'a.last_name'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.dismissed', '=', 0)
    .orderBy(sql`case m.confidence when 'haute' then 0 when 'moyenne' then 1 else 2 end`)
    .orderBy('m.acteur_uid')
    .execute();
}

export type LobbyMatchRow = Awaited<ReturnType<typeof lobbyMatchesOfOrganisation>>[number];

/** Candidates for the admin review queue: pending ones (or dismissed ones), surest last. */
/** The admin review queue's page size. */
export const LOBBY_QUEUE_PAGE = 200;

/** One page of the admin review queue (the least sure first), and how many there are. */
export async function lobbyMatchQueue(db: Kysely<Database>, dismissed: boolean, page = 1) {
  const base = db
    .selectFrom('lobby_match as m')
    .innerJoin('lobby_organisation as o', 'o.id', 'm.organisation_id')
    .where('m.dismissed', '=', dismissed ? 1 : 0);
  const { total } = await base
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const items = await base
    .leftJoin('acteur as a', 'a.uid', 'm.acteur_uid')
    .selectAll('m')
    .select(['o.denomination', 'a.first_name', 'a.last_name'])
    .orderBy(sql`case m.confidence when 'faible' then 0 when 'moyenne' then 1 else 2 end`)
    .orderBy('m.kind')
    .orderBy('m.organisation_id')
    .orderBy('m.acteur_uid')
    .orderBy('m.evidence_key')
    .limit(LOBBY_QUEUE_PAGE)
    .offset((page - 1) * LOBBY_QUEUE_PAGE)
    .execute();
  return { total: Number(total), items };
}

export type LobbyQueueRow = Awaited<ReturnType<typeof lobbyMatchQueue>>['items'][number];

/**
 * A candidate's natural key: stable across rebuilds (its `id` is not, since the candidates
 * are rebuilt whole), so the admin form names the candidate by it.
 */
export interface LobbyMatchKey {
  kind: string;
  organisation_id: number;
  acteur_uid: string;
  evidence_key: string;
}

/**
 * Dismisses a candidate as a false match: recorded in lobby_match_dismissal (kept when the
 * candidates are rebuilt) and hidden at once. False when there is no such pending candidate.
 */
export async function dismissLobbyMatch(
  db: Kysely<Database>,
  key: LobbyMatchKey,
  reason: string,
  now: string,
) {
  return db.transaction().execute(async (trx) => {
    const byKey = <Q extends { where: (...a: any[]) => Q }>(q: Q): Q =>
      q
        .where('kind', '=', key.kind)
        .where('organisation_id', '=', key.organisation_id)
        .where('acteur_uid', '=', key.acteur_uid)
        .where('evidence_key', '=', key.evidence_key);
    const m = await byKey(trx.selectFrom('lobby_match').select('id'))
      .where('dismissed', '=', 0)
      .executeTakeFirst();
    if (!m) return false;
    await trx
      .insertInto('lobby_match_dismissal')
      .values({ ...key, reason, dismissed_at: now })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx.updateTable('lobby_match').set({ dismissed: 1 }).where('id', '=', m.id).execute();
    // The candidate disappears from the public pages.
    await bumpDataVersion(trx);
    return true;
  });
}

/** The activities naming a dossier's title, with their organisation, latest first. */
export async function lobbiesOfDossier(db: Kysely<Database>, dossierUid: string) {
  return db
    .selectFrom('lobby_dossier_link as l')
    .innerJoin('lobby_activity as a', 'a.id', 'l.activity_id')
    .innerJoin('lobby_organisation as o', 'o.id', 'l.organisation_id')
    .select([
      'l.activity_id',
      'l.organisation_id',
      'o.denomination',
      'a.objet',
      'a.date_publication',
    ])
    .where('l.dossier_uid', '=', dossierUid)
    .orderBy('a.date_publication', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}

export type DossierLobbyRow = Awaited<ReturnType<typeof lobbiesOfDossier>>[number];
