import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/index.ts';
import type { AmendementSort } from '../../domain/amendements.ts';
import { fold } from '../../domain/text.ts';
import { likeEscape } from './like.ts';

export interface AmendementFilter {
  auteur: string | null;
  cosignataire: string | null;
  dossier: string | null;
  texte: string | null;
  /** Words of the article designation (ART. 3, APRÈS ART. 5), accents and case ignored. */
  article: string | null;
  /** The author's group at filing (PO…). */
  groupe: string | null;
  authorType: string | null;
  sort: AmendementSort | null;
  /** Examined in séance (true), in committee (false), either (null). */
  seance: boolean | null;
  from: string | null;
  to: string | null;
  /** Full-text search in the dispositif and exposé. */
  words: string | null;
}

/**
 * The FTS5 query of a free-text search: each folded word, all required; words of two letters
 * or more as prefixes, a one-letter word exact (`"a"*` would match most of the index).
 */
export function ftsQuery(text: string): string | null {
  const words = fold(text)
    .split(' ')
    .filter((w) => w.length > 0)
    .slice(0, 10);
  return words.length === 0
    ? null
    : words.map((w) => (w.length >= 2 ? `"${w}"*` : `"${w}"`)).join(' ');
}

const listColumns = [
  'a.uid',
  'a.legislature',
  'a.numero',
  'a.numero_long',
  'a.numero_rect',
  'a.texte_uid',
  'a.dossier_uid',
  'a.organe_examen_uid',
  'a.organe_prefix',
  'a.seance',
  'a.article',
  'a.author_type',
  'a.author_uid',
  'a.author_group_uid',
  'a.signatories_label',
  'a.parent_uid',
  'a.sort',
  'a.sort_label',
  'a.etat_label',
  'a.sous_etat_label',
  'a.date_depot',
  'a.date_sort',
] as const;

/** Amendments matching a filter, most recently filed first: one page and the total. */
export async function listAmendements(
  db: Kysely<Database>,
  legislature: number,
  filter: AmendementFilter,
  page: { limit: number | null; offset: number },
) {
  let q = db.selectFrom('amendement as a').where('a.legislature', '=', legislature);
  if (filter.auteur) q = q.where('a.author_uid', '=', filter.auteur);
  if (filter.cosignataire) {
    // An IN list read from the acteur index (a correlated EXISTS scanned every amendment).
    const acteur = filter.cosignataire;
    q = q.where('a.uid', 'in', (eb) =>
      eb
        .selectFrom('amendement_cosignataire as c')
        .select('c.amendement_uid')
        .where('c.acteur_uid', '=', acteur),
    );
  }
  if (filter.dossier) q = q.where('a.dossier_uid', '=', filter.dossier);
  if (filter.texte) q = q.where('a.texte_uid', '=', filter.texte);
  if (filter.groupe) q = q.where('a.author_group_uid', '=', filter.groupe);
  if (filter.authorType) q = q.where('a.author_type', '=', filter.authorType);
  if (filter.sort) q = q.where('a.sort', '=', filter.sort);
  if (filter.seance !== null) q = q.where('a.seance', '=', filter.seance ? 1 : 0);
  if (filter.from) q = q.where('a.date_depot', '>=', filter.from);
  if (filter.to) q = q.where('a.date_depot', '<=', filter.to);
  if (filter.article) {
    for (const word of fold(filter.article).split(' ').filter(Boolean).slice(0, 5)) {
      // The designation folded the same way as the search words, then matched by word.
      q = q.where(
        sql<boolean>`' ' || lower(replace(replace(replace(a.article, '.', ' '), 'È', 'e'), 'É', 'e')) || ' ' like ${`% ${likeEscape(word)} %`} escape '\\'`,
      );
    }
  }
  const match = filter.words ? ftsQuery(filter.words) : null;
  if (match) {
    q = q.where(
      sql<boolean>`a.rowid in (select rowid from amendement_fts where amendement_fts match ${match})`,
    );
  }
  const { total } = await q
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  let rows = q
    .leftJoin('acteur as au', 'au.uid', 'a.author_uid')
    .leftJoin('organe as g', 'g.uid', 'a.author_group_uid')
    .select([
      ...listColumns,
      'au.first_name as author_first_name',
      'au.last_name as author_last_name',
      'g.abbreviation as group_abbreviation',
      'g.label as group_label',
      'g.color as group_color',
    ])
    .orderBy('a.date_depot', 'desc')
    .orderBy('a.texte_uid', 'desc')
    .orderBy('a.numero', 'desc')
    // Last, so that equal keys keep one order from page to page.
    .orderBy('a.uid', 'desc');
  if (page.limit !== null) rows = rows.limit(page.limit).offset(page.offset);
  return { total: Number(total), rows: await rows.execute() };
}

export type AmendementRow = Awaited<ReturnType<typeof listAmendements>>['rows'][number];

/** A co-signer with their name and their group at the amendment's filing, when known. */
export interface Cosigner {
  acteur_uid: string;
  position: number;
  first_name: string | null;
  last_name: string | null;
  group_uid: string | null;
  group_abbreviation: string | null;
  group_label: string | null;
  group_color: string | null;
}

/** One amendment with its author's and co-signers' names, its parent and sub-amendments. */
export async function getAmendement(db: Kysely<Database>, uid: string) {
  const a = await db
    .selectFrom('amendement as a')
    .leftJoin('acteur as au', 'au.uid', 'a.author_uid')
    .leftJoin('organe as g', 'g.uid', 'a.author_group_uid')
    .leftJoin('organe as ex', 'ex.uid', 'a.organe_examen_uid')
    .selectAll('a')
    .select([
      'au.first_name as author_first_name',
      'au.last_name as author_last_name',
      'g.abbreviation as group_abbreviation',
      'g.label as group_label',
      'g.color as group_color',
      'ex.label as organe_examen_label',
    ])
    .where('a.uid', '=', uid)
    .executeTakeFirst();
  if (!a) return null;
  // The co-signer's group at filing: the group mandate (GP) open on the filing day.
  const day = a.date_depot ?? '9999-12-31';
  const cosigners: Cosigner[] = await db
    .selectFrom('amendement_cosignataire as c')
    .leftJoin('acteur as p', 'p.uid', 'c.acteur_uid')
    .leftJoin('mandat as m', (join) =>
      join
        .onRef('m.acteur_uid', '=', 'c.acteur_uid')
        .on('m.organe_type', '=', 'GP')
        .on((eb) => eb.or([eb('m.start_date', 'is', null), eb('m.start_date', '<=', day)]))
        .on((eb) => eb.or([eb('m.end_date', 'is', null), eb('m.end_date', '>=', day)])),
    )
    .leftJoin('organe as g', 'g.uid', 'm.organe_uid')
    .select([
      'c.acteur_uid',
      'c.position',
      'p.first_name',
      'p.last_name',
      'm.organe_uid as group_uid',
      'g.abbreviation as group_abbreviation',
      'g.label as group_label',
      'g.color as group_color',
    ])
    .where('c.amendement_uid', '=', uid)
    .groupBy('c.position')
    .orderBy('c.position')
    .execute();
  const related = (where: 'uid' | 'parent_uid', value: string) =>
    db
      .selectFrom('amendement')
      .select(['uid', 'numero_long', 'sort', 'signatories_label'])
      .where(where, '=', value)
      .orderBy('numero')
      .execute();
  const parent = a.parent_uid ? ((await related('uid', a.parent_uid))[0] ?? null) : null;
  const children = await related('parent_uid', a.uid);
  // The scrutins that decided it (linked at ingest, scrapers/lib/scrutin-links.ts).
  const scrutins = await db
    .selectFrom('scrutin_amendement as l')
    .innerJoin('scrutin as s', 's.uid', 'l.scrutin_uid')
    .select([
      's.uid',
      's.number',
      's.date',
      's.title',
      's.result_code',
      's.for_count',
      's.against_count',
      's.abstention_count',
      'l.method',
    ])
    .where('l.amendement_uid', '=', uid)
    .orderBy('s.number')
    .execute();
  return { amendement: a, cosigners, parent, children, scrutins };
}

export type AmendementDetail = NonNullable<Awaited<ReturnType<typeof getAmendement>>>;

/** A deputy's stored amendment figures, or null when they filed and co-signed nothing. */
export async function deputyAmendementStats(db: Kysely<Database>, uid: string) {
  return (
    (await db
      .selectFrom('deputy_amendement_stats')
      .selectAll()
      .where('acteur_uid', '=', uid)
      .executeTakeFirst()) ?? null
  );
}

/** Outcome counts of a dossier's amendments by the author's group at filing. */
export interface DossierAmendementGroup {
  /** The group at filing (PO…), null for an author without one (the Gouvernement…). */
  group_uid: string | null;
  /** The author type of a row without group: Gouvernement, Rapporteur or Député. */
  author_type: string | null;
  abbreviation: string | null;
  label: string | null;
  color: string | null;
  total: number;
  bySort: Partial<Record<AmendementSort, number>>;
}

/**
 * A dossier's amendments: counts by outcome, by the author's group at filing (each with its
 * outcomes; rows without group kept apart by author type), and the latest filed.
 */
export async function dossierAmendements(
  db: Kysely<Database>,
  legislature: number,
  dossier: string,
  latest = 10,
) {
  const rows = await db
    .selectFrom('amendement as a')
    .leftJoin('organe as g', 'g.uid', 'a.author_group_uid')
    .select((eb) => [
      'a.author_group_uid as group_uid',
      sql<string | null>`case when a.author_group_uid is null then a.author_type end`.as(
        'author_type',
      ),
      'g.abbreviation',
      'g.label',
      'g.color',
      'a.sort',
      eb.fn.countAll<number>().as('n'),
    ])
    .where('a.dossier_uid', '=', dossier)
    .where('a.legislature', '=', legislature)
    .groupBy(['a.author_group_uid', 'author_type', 'a.sort'])
    .execute();
  const bySort: Partial<Record<AmendementSort, number>> = {};
  const groups = new Map<string, DossierAmendementGroup>();
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    bySort[r.sort] = (bySort[r.sort] ?? 0) + n;
    const key = r.group_uid ?? `type:${r.author_type}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        group_uid: r.group_uid,
        author_type: r.author_type,
        abbreviation: r.abbreviation,
        label: r.label,
        color: r.color,
        total: 0,
        bySort: {},
      };
      groups.set(key, g);
    }
    g.total += n;
    g.bySort[r.sort] = (g.bySort[r.sort] ?? 0) + n;
  }
  const first =
    total === 0
      ? []
      : (
          await listAmendements(
            db,
            legislature,
            {
              auteur: null,
              cosignataire: null,
              dossier,
              texte: null,
              article: null,
              groupe: null,
              authorType: null,
              sort: null,
              seance: null,
              from: null,
              to: null,
              words: null,
            },
            { limit: latest, offset: 0 },
          )
        ).rows;
  return {
    total,
    bySort,
    // Most amendments first; groups without a sigle (the Gouvernement…) after, then by uid.
    groups: [...groups.values()].sort(
      (a, b) =>
        b.total - a.total ||
        (a.abbreviation ?? '\uffff').localeCompare(b.abbreviation ?? '\uffff') ||
        (a.group_uid ?? '').localeCompare(b.group_uid ?? ''),
    ),
    latest: first,
  };
}

export type DossierAmendements = Awaited<ReturnType<typeof dossierAmendements>>;

/**
 * Every amendment of the legislature in uid order, in batches of `size` read by key range
 * (never the whole table in memory), each with its author's name, the sigle of the group at
 * filing and its co-signers' uids in order: the rows of `/exports/amendements.csv`.
 */
export async function* allAmendementsInBatches(
  db: Kysely<Database>,
  legislature: number,
  size = 1000,
) {
  let after: string | null = null;
  for (;;) {
    let q = db
      .selectFrom('amendement as a')
      .leftJoin('acteur as au', 'au.uid', 'a.author_uid')
      .leftJoin('organe as g', 'g.uid', 'a.author_group_uid')
      .select([
        ...listColumns,
        'a.examen_uid',
        'a.article_designation',
        'a.etat_code',
        'a.sous_etat_code',
        'a.date_publication',
        'a.seance_ref',
        'au.first_name as author_first_name',
        'au.last_name as author_last_name',
        'g.abbreviation as group_abbreviation',
      ])
      .where('a.legislature', '=', legislature)
      .orderBy('a.uid')
      .limit(size);
    if (after !== null) q = q.where('a.uid', '>', after);
    const rows = await q.execute();
    if (rows.length === 0) return;
    const cosigners = new Map<string, string[]>();
    for (const c of await db
      .selectFrom('amendement_cosignataire')
      .select(['amendement_uid', 'acteur_uid'])
      .where(
        'amendement_uid',
        'in',
        rows.map((r) => r.uid),
      )
      .orderBy('amendement_uid')
      .orderBy('position')
      .execute()) {
      const list = cosigners.get(c.amendement_uid);
      if (list) list.push(c.acteur_uid);
      else cosigners.set(c.amendement_uid, [c.acteur_uid]);
    }
    yield rows.map((r) => ({ ...r, cosigners: cosigners.get(r.uid) ?? [] }));
    after = rows[rows.length - 1]!.uid;
  }
}

export type AmendementDumpRow =
  Awaited<ReturnType<ReturnType<typeof allAmendementsInBatches>['next']>> extends IteratorResult<
    infer B,
    unknown
  >
    ? B extends (infer R)[]
      ? R
      : never
    : never;

/**
 * Every co-signature pair (author, co-signer) in key order, in batches read by key range, with
 * both names and current groups from the referential: the rows of `/exports/cosignatures.csv`.
 */
export async function* allCosignaturePairsInBatches(db: Kysely<Database>, size = 2000) {
  let after: { author: string; cosigner: string } | null = null;
  for (;;) {
    let q = db
      .selectFrom('cosignature_pair as p')
      .leftJoin('acteur as au', 'au.uid', 'p.author_uid')
      .leftJoin('organe as ga', 'ga.uid', 'au.group_uid')
      .leftJoin('acteur as co', 'co.uid', 'p.cosigner_uid')
      .leftJoin('organe as gc', 'gc.uid', 'co.group_uid')
      .select([
        'p.author_uid',
        'au.first_name as author_first_name',
        'au.last_name as author_last_name',
        'ga.abbreviation as author_group',
        'p.cosigner_uid',
        'co.first_name as cosigner_first_name',
        'co.last_name as cosigner_last_name',
        'gc.abbreviation as cosigner_group',
        'p.amendements',
        'p.adopted',
      ])
      .orderBy('p.author_uid')
      .orderBy('p.cosigner_uid')
      .limit(size);
    if (after) {
      const { author, cosigner } = after;
      q = q.where((eb) =>
        eb(eb.refTuple('p.author_uid', 'p.cosigner_uid'), '>', eb.tuple(author, cosigner)),
      );
    }
    const rows = await q.execute();
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { author: last.author_uid, cosigner: last.cosigner_uid };
  }
}

export type CosignaturePairRow =
  Awaited<
    ReturnType<ReturnType<typeof allCosignaturePairsInBatches>['next']>
  > extends IteratorResult<infer B, unknown>
    ? B extends (infer R)[]
      ? R
      : never
    : never;
