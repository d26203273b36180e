import { sql, type Kysely, type RawBuilder } from 'kysely';
import { likeEscape } from './like.ts';
import type { Database } from '../schema/index.ts';
import { fold } from '../../domain/text.ts';
import { SECTIONS, type Section } from '../../domain/hatvp-sections.ts';

export type Versions = 'courantes' | 'toutes';

/** Filters shared by the item search, the index and their exports. */
export interface DeclarationFilter {
  /** Text searched in the items (organisation, description, person, comment). */
  q: string | null;
  sections: Section[];
  /** `type_mandat` of the declaration: depute, senateur, commune… */
  mandateTypes: string[];
  /** Political group (abbreviation or PO uid) of the linked deputy. */
  groups: string[];
  /** Acteur uid of the linked deputy. */
  deputy: string | null;
  /** courantes: latest version of each series; toutes: every version. */
  versions: Versions;
}

export const defaultDeclarationFilter: DeclarationFilter = {
  q: null,
  sections: [],
  mandateTypes: [],
  groups: [],
  deputy: null,
  versions: 'courantes',
};

export interface Page {
  limit: number | null;
  offset: number;
}

function itemsBase(db: Kysely<Database>) {
  return db
    .selectFrom('declaration_item as i')
    .innerJoin('declaration as d', 'd.id', 'i.declaration_id')
    .leftJoin('declarant as p', 'p.key', 'd.declarant_key')
    .leftJoin('acteur as a', 'a.uid', 'p.acteur_uid')
    .leftJoin('organe as g', 'g.uid', 'a.group_uid');
}

type ItemsQuery = ReturnType<typeof itemsBase>;

function groupMatch(groups: string[]) {
  const wanted = groups.map((g) => g.toUpperCase());
  return sql<boolean>`(upper(g.abbreviation) in (${sql.join(wanted)}) or g.uid in (${sql.join(groups)}))`;
}

/** Filters on the declaration and its declarant (not on the items themselves). */
function declarationWhere<Q extends ItemsQuery | ReturnType<typeof declarationsBase>>(
  query: Q,
  filter: DeclarationFilter,
): Q {
  let q = query as ItemsQuery;
  if (filter.mandateTypes.length > 0) q = q.where('d.mandate_type', 'in', filter.mandateTypes);
  if (filter.deputy) q = q.where('p.acteur_uid', '=', filter.deputy);
  if (filter.groups.length > 0) q = q.where(groupMatch(filter.groups));
  return q as Q;
}

/** Conditions on the items (alias `i`): text, and sections unless told otherwise. */
function itemConditions(filter: DeclarationFilter, sections = true): RawBuilder<boolean>[] {
  const conditions: RawBuilder<boolean>[] = [];
  const text = filter.q ? fold(filter.q) : '';
  if (text) conditions.push(sql`i.search_key like ${`%${likeEscape(text)}%`} escape '\\'`);
  if (sections && filter.sections.length > 0) {
    conditions.push(sql`i.section in (${sql.join(filter.sections)})`);
  }
  return conditions;
}

function itemWhere(query: ItemsQuery, filter: DeclarationFilter, sections = true): ItemsQuery {
  return itemConditions(filter, sections).reduce((q, condition) => q.where(condition), query);
}

// Sections in the order of the HATVP form.
const SECTION_ORDER = SECTIONS.map((s, i) => `when '${s}' then ${i}`).join(' ');

const ITEM_COLUMNS = [
  'i.id',
  'i.declaration_id',
  'i.section',
  'i.position',
  'i.organisation',
  'i.description',
  'i.person',
  'i.comment',
  'i.advisory_org',
  'i.start_month',
  'i.end_month',
  'i.kept',
  'i.gross_net',
  'i.value',
  'i.capital_share',
  'i.shares',
  'i.income',
  'i.income_text',
  'i.advisory',
  'i.redacted',
  'i.amount_total',
  'i.last_year',
  'i.last_amount',
  'd.first_name',
  'd.last_name',
  'd.mandate_type',
  'd.qualite',
  'd.document_type',
  'd.deposited_on',
  'd.current',
  'd.pdf_file',
  'p.acteur_uid',
  'g.abbreviation as group_abbreviation',
  'g.color as group_color',
  'g.label as group_label',
] as const;

/** Yearly amounts of items, by item id. */
async function amountsOf(db: Kysely<Database>, itemIds: number[]) {
  const amounts = new Map<
    number,
    { year: number | null; amount: number | null; text: string | null }[]
  >();
  for (let i = 0; i < itemIds.length; i += 5000) {
    const rows = await db
      .selectFrom('declaration_amount')
      .select(['item_id', 'year', 'amount', 'text'])
      .where('item_id', 'in', itemIds.slice(i, i + 5000))
      .orderBy('item_id')
      .orderBy('position')
      .execute();
    for (const { item_id, ...amount } of rows) {
      const list = amounts.get(item_id);
      if (list) list.push(amount);
      else amounts.set(item_id, [amount]);
    }
  }
  return amounts;
}

/**
 * Items matching a filter: one page with their yearly amounts, the total, how many
 * declarations and declarants they come from, and the count per section (ignoring the
 * section filter, so that the counts show where else the search finds something).
 */
export async function searchItems(db: Kysely<Database>, filter: DeclarationFilter, page: Page) {
  let base = declarationWhere(itemsBase(db), filter);
  if (filter.versions === 'courantes') base = base.where('d.current', '=', 1);
  const filtered = itemWhere(base, filter);
  const [totals, sections] = await Promise.all([
    filtered
      .select((eb) => [
        eb.fn.countAll<number>().as('items'),
        eb.fn.count<number>('d.id').distinct().as('declarations'),
        eb.fn.count<number>('d.declarant_key').distinct().as('declarants'),
      ])
      .executeTakeFirstOrThrow(),
    itemWhere(base, filter, false)
      .select((eb) => ['i.section', eb.fn.countAll<number>().as('n')])
      .groupBy('i.section')
      .execute(),
  ]);
  let rows = filtered
    .select(ITEM_COLUMNS)
    .orderBy('d.last_name')
    .orderBy('d.first_name')
    .orderBy('d.declarant_key')
    .orderBy('d.deposited_on', 'desc')
    .orderBy('d.id')
    .orderBy(sql`case i.section ${sql.raw(SECTION_ORDER)} end`)
    .orderBy('i.position');
  if (page.limit !== null) rows = rows.limit(page.limit).offset(page.offset);
  const items = await rows.execute();
  const amounts = await amountsOf(
    db,
    items.map((i) => i.id),
  );
  return {
    total: Number(totals.items),
    declarations: Number(totals.declarations),
    declarants: Number(totals.declarants),
    sections: Object.fromEntries(sections.map((s) => [s.section, Number(s.n)])) as Partial<
      Record<Section, number>
    >,
    rows: items.map((i) => ({ ...i, amounts: amounts.get(i.id) ?? [] })),
  };
}

export type ItemRow = Awaited<ReturnType<typeof searchItems>>['rows'][number];

function declarationsBase(db: Kysely<Database>) {
  return db
    .selectFrom('declaration as d')
    .leftJoin('declarant as p', 'p.key', 'd.declarant_key')
    .leftJoin('acteur as a', 'a.uid', 'p.acteur_uid')
    .leftJoin('organe as g', 'g.uid', 'a.group_uid');
}

const DECLARATION_COLUMNS = [
  'd.id',
  'd.civility',
  'd.first_name',
  'd.last_name',
  'd.declarant_key',
  'd.mandate_type',
  'd.qualite',
  'd.document_type',
  'd.family',
  'd.departement',
  'd.published_on',
  'd.deposited_on',
  'd.deposited_at',
  'd.pdf_file',
  'd.hatvp_path',
  'd.xml_file',
  'd.publication_status',
  'd.origin_id',
  'd.xml_status',
  'd.xml_error',
  'd.parsed',
  'd.items',
  'd.current',
  'd.superseded_by',
  'd.modifying',
  'p.acteur_uid',
  'p.link_method',
  'g.abbreviation as group_abbreviation',
  'g.label as group_label',
  'g.color as group_color',
] as const;

/**
 * Lines of the index matching a filter. Item filters (text, sections) keep the declarations
 * holding at least one matching item; `courantes` keeps the latest version of each series.
 */
export async function listDeclarations(
  db: Kysely<Database>,
  filter: DeclarationFilter,
  page: Page,
) {
  let q = declarationWhere(declarationsBase(db), filter);
  if (filter.versions === 'courantes') q = q.where('d.superseded_by', 'is', null);
  const conditions = itemConditions(filter);
  if (conditions.length > 0) {
    q = q.where(
      sql<boolean>`exists (select 1 from declaration_item i where i.declaration_id = d.id and ${sql.join(conditions, sql` and `)})`,
    );
  }
  const { total } = await q
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  let rows = q
    .select(DECLARATION_COLUMNS)
    .orderBy('d.last_name')
    .orderBy('d.first_name')
    .orderBy('d.declarant_key')
    .orderBy('d.deposited_on', 'desc')
    .orderBy('d.id');
  if (page.limit !== null) rows = rows.limit(page.limit).offset(page.offset);
  return { total: Number(total), rows: await rows.execute() };
}

export type DeclarationRow = Awaited<ReturnType<typeof listDeclarations>>['rows'][number];

/** One declaration with its items, problems, and every declaration of the same person. */
export async function getDeclaration(db: Kysely<Database>, id: string) {
  const declaration = await declarationsBase(db)
    .select(DECLARATION_COLUMNS)
    .select([
      'd.uuid',
      'd.office',
      'd.mandate_start',
      'd.mandate_end',
      'd.xml_type',
      'd.asset_sections',
      'd.xml_checked_at',
      'a.first_name as acteur_first_name',
      'a.last_name as acteur_last_name',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!declaration) return null;
  const [items, problems, history] = await Promise.all([
    declarationItems(db, [id]),
    db
      .selectFrom('declaration_problem')
      .select(['kind', 'message', 'recorded_at'])
      .where('declaration_id', '=', id)
      .orderBy('id')
      .execute(),
    declarationsBase(db)
      .select(DECLARATION_COLUMNS)
      .where('d.declarant_key', '=', declaration.declarant_key)
      .orderBy('d.deposited_on', 'desc')
      .orderBy('d.number', 'desc')
      .orderBy('d.id')
      .execute(),
  ]);
  return { declaration, items, problems, history };
}

export type DeclarationDetail = NonNullable<Awaited<ReturnType<typeof getDeclaration>>>;

/** The items of some declarations, in form order, with their yearly amounts. */
export async function declarationItems(db: Kysely<Database>, ids: string[]) {
  if (ids.length === 0) return [];
  const items = await itemsBase(db)
    .select(ITEM_COLUMNS)
    .where('i.declaration_id', 'in', ids)
    .orderBy('i.declaration_id')
    .orderBy(sql`case i.section ${sql.raw(SECTION_ORDER)} end`)
    .orderBy('i.position')
    .execute();
  const amounts = await amountsOf(
    db,
    items.map((i) => i.id),
  );
  return items.map((i) => ({ ...i, amounts: amounts.get(i.id) ?? [] }));
}

/** What a deputy declared: the per-deputy summary, the current declaration's items, every declaration. */
export async function deputyDeclarations(db: Kysely<Database>, uid: string) {
  const interest = await db
    .selectFrom('deputy_interest')
    .selectAll()
    .where('acteur_uid', '=', uid)
    .executeTakeFirst();
  if (!interest) return null;
  const [history, items] = await Promise.all([
    declarationsBase(db)
      .select(DECLARATION_COLUMNS)
      .where('p.acteur_uid', '=', uid)
      .orderBy('d.deposited_on', 'desc')
      .orderBy('d.number', 'desc')
      .orderBy('d.id')
      .execute(),
    declarationItems(db, interest.current_id ? [interest.current_id] : []),
  ]);
  return { interest, history, items };
}

export type DeputyDeclarations = NonNullable<Awaited<ReturnType<typeof deputyDeclarations>>>;

/** Declarants with deputy declarations that no acteur matched, with the reason. */
export async function listUnlinked(db: Kysely<Database>) {
  return db
    .selectFrom('declarant')
    .selectAll()
    .where('is_deputy', '=', 1)
    .where('acteur_uid', 'is', null)
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('key')
    .execute();
}

/** How many deputy declarants were linked, and by which rule. */
export async function linkCounts(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('declarant')
    .select((eb) => ['link_method', eb.fn.countAll<number>().as('n')])
    .where('is_deputy', '=', 1)
    .groupBy('link_method')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.link_method ?? 'aucune', Number(r.n)]));
}

/** Lines of the index, and deputy declarants linked or not: context for the search page. */
export async function declarationTotals(db: Kysely<Database>) {
  const [{ n }, links] = await Promise.all([
    db
      .selectFrom('declaration')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    linkCounts(db),
  ]);
  const { aucune = 0, ...linked } = links;
  return {
    declarations: Number(n),
    linked: Object.values(linked).reduce((sum, v) => sum + v, 0),
    unlinked: aucune,
  };
}

/** Problems met while reading the index and the declaration files, latest first. */
export async function listProblems(db: Kysely<Database>, kinds: string[], page: Page) {
  let q = db
    .selectFrom('declaration_problem as x')
    .leftJoin('declaration as d', 'd.id', 'x.declaration_id');
  if (kinds.length > 0) q = q.where('x.kind', 'in', kinds);
  const [{ total }, counts] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    db
      .selectFrom('declaration_problem')
      .select((eb) => ['kind', eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .orderBy('kind')
      .execute(),
  ]);
  let rows = q
    .select([
      'x.kind',
      'x.message',
      'x.line',
      'x.declaration_id',
      'x.recorded_at',
      'd.first_name',
      'd.last_name',
      'd.xml_file',
      'd.mandate_type',
    ])
    .orderBy('x.line')
    .orderBy('d.last_name')
    .orderBy('x.id');
  if (page.limit !== null) rows = rows.limit(page.limit).offset(page.offset);
  return {
    total: Number(total),
    kinds: counts.map((c) => ({ kind: c.kind, n: Number(c.n) })),
    rows: await rows.execute(),
  };
}

export type ProblemRow = Awaited<ReturnType<typeof listProblems>>['rows'][number];

/** Mandate types present in the index, for the filter form, with their counts. */
export async function mandateTypes(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('declaration')
    .select((eb) => ['mandate_type', eb.fn.countAll<number>().as('n')])
    .groupBy('mandate_type')
    .orderBy('mandate_type')
    .execute();
  return rows.map((r) => ({ value: r.mandate_type, n: Number(r.n) }));
}

/**
 * For the deputies list: the acteur (alias `a`) has (`oui`) or has not (`non`) items of a
 * section in their current declaration of interests; deputies without one match neither.
 */
export function declaredSection(section: 'participation' | 'consultant', want: 'oui' | 'non') {
  return sql<boolean>`a.uid in (select acteur_uid from deputy_interest where current_id is not null and ${sql.ref(section)} ${sql.raw(want === 'oui' ? '> 0' : '= 0')})`;
}

/** For the deputies list: an activity declared to the HATVP matches a profession key. */
export function declaredActivity(professionKey: string) {
  const k = likeEscape(professionKey);
  return sql<boolean>`a.uid in (select acteur_uid from deputy_interest where activities_key like ${`${k}%`} escape '\\' or activities_key like ${`% ${k}%`} escape '\\')`;
}
