// The links between scrutins and what they decide (stored at ingest by
// scrapers/lib/scrutin-links.ts), as published on /methodologie/liaisons: the linking rate
// and the scrutins whose title names an amendment that is not linked.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema/index.ts';

export interface LinkRate {
  /** Scrutins of the legislature. */
  scrutins: number;
  /** Scrutins whose title (or file) names an amendment. */
  naming: number;
  /** Of those, linked to an amendment (on the first amendment the title names). */
  linked: number;
  /** Of those naming one, the scrutins whose text voted on has amendments in the archive. */
  inArchive: number;
  /** Of those, linked. */
  linkedInArchive: number;
  /** Unlinked scrutins by reason (domain/scrutin-links.ts UNRESOLVED_REASONS). */
  byReason: Record<string, number>;
  /** Linked scrutins by method. */
  byMethod: Record<string, number>;
  /** Scrutins linked to a dossier, by the best method they have (etapes, reference, amendement). */
  dossiers: Record<string, number>;
}

/** The linking rate of the legislature's scrutins, with its denominators. */
export async function linkRate(db: Kysely<Database>, legislature: number): Promise<LinkRate> {
  const { n: scrutins } = await db
    .selectFrom('scrutin')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('legislature', '=', legislature)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('scrutin_amendement as l')
    .innerJoin('scrutin as s', 's.uid', 'l.scrutin_uid')
    .select(['l.method', 'l.reason', 'l.text_in_archive'])
    .select(sql<number>`l.amendement_uid is not null`.as('linked'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('s.legislature', '=', legislature)
    .where('l.position', '=', 1)
    .groupBy(['l.method', 'l.reason', 'l.text_in_archive', 'linked'])
    .execute();
  const rate: LinkRate = {
    scrutins: Number(scrutins),
    naming: 0,
    linked: 0,
    inArchive: 0,
    linkedInArchive: 0,
    byReason: {},
    byMethod: {},
    dossiers: {},
  };
  for (const r of rows) {
    const n = Number(r.n);
    const linked = Number(r.linked) === 1;
    rate.naming += n;
    if (linked) rate.linked += n;
    if (r.text_in_archive === 1) {
      rate.inArchive += n;
      if (linked) rate.linkedInArchive += n;
    }
    if (r.method) rate.byMethod[r.method] = (rate.byMethod[r.method] ?? 0) + n;
    if (r.reason) rate.byReason[r.reason] = (rate.byReason[r.reason] ?? 0) + n;
  }
  const dossiers = await db
    .selectFrom('scrutin_dossier as sd')
    .innerJoin('scrutin as s', 's.uid', 'sd.scrutin_uid')
    .select(['sd.method'])
    .select((eb) => eb.fn.count<number>('sd.scrutin_uid').distinct().as('n'))
    .where('s.legislature', '=', legislature)
    .groupBy('sd.method')
    .execute();
  for (const d of dossiers) rate.dossiers[d.method] = Number(d.n);
  return rate;
}

export interface UnresolvedFilter {
  reason: string | null;
  /**
   * false (the default): the scrutins whose amendment (the first number of the title) is not
   * linked, the population of linkRate's byReason; true: every unlinked number of a title,
   * including the 2nd… of a joint vote.
   */
  allNumbers?: boolean;
}

/** The amendment numbers named by a scrutin title that are not linked, by scrutin number. */
export async function listUnresolved(
  db: Kysely<Database>,
  legislature: number,
  filter: UnresolvedFilter,
  page: { limit: number | null; offset: number },
) {
  let q = db
    .selectFrom('scrutin_amendement as l')
    .innerJoin('scrutin as s', 's.uid', 'l.scrutin_uid')
    .where('s.legislature', '=', legislature)
    .where('l.amendement_uid', 'is', null);
  if (!filter.allNumbers) q = q.where('l.position', '=', 1);
  if (filter.reason) q = q.where('l.reason', '=', filter.reason);
  const { total } = await q
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  let rows = q
    .select([
      's.number',
      's.uid',
      's.date',
      's.title',
      'l.position',
      'l.numero',
      'l.author',
      'l.reason',
      'l.candidates',
      'l.text_in_archive',
    ])
    .orderBy('s.number')
    .orderBy('l.position');
  if (page.limit !== null) rows = rows.limit(page.limit).offset(page.offset);
  return { total: Number(total), rows: await rows.execute() };
}

export type UnresolvedRow = Awaited<ReturnType<typeof listUnresolved>>['rows'][number];
