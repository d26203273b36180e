import { sql, type Kysely } from 'kysely';
import { likeEscape } from './like.ts';
import type { Database } from '../schema/index.ts';
import { fold } from '../../domain/text.ts';
import { type Basis, placeKey } from '../../domain/places.ts';
import { approximateDeputies } from './recherche-noms.ts';
import {
  type AbroadHit,
  type DepartementHit,
  findAbroad,
  findDepartement,
} from './recherche-lieux.ts';

/** The AN's code for the deputies of French people living abroad. */
export const ABROAD = '099';

/** A deputy in office, as a circonscription or a search result shows them. */
export interface DeputyBrief {
  uid: string;
  first_name: string;
  last_name: string;
  sex: string;
  group_abbreviation: string | null;
  group_label: string | null;
  group_color: string | null;
}

export interface Circonscription {
  departement_code: string;
  number: number;
  departement_name: string;
  /** Counts from INSEE's table and La Poste's base; null when INSEE's table lacks it. */
  communes: number | null;
  whole_communes: number | null;
  postcodes: number | null;
  /** Deputies in office elected there: one, or none when the seat is vacant. */
  deputies: DeputyBrief[];
  /** Listed by the AN for the legislature / present in INSEE's table. */
  in_an: boolean;
  in_insee: boolean;
}

const circoKey = (departement: string, number: number) => `${departement}-${number}`;

/** Sorts départements as the AN lists them: 01…19, 2A, 2B, 21…95, 971…988, then 099. */
export function departementSortKey(code: string): string {
  if (code === ABROAD) return '~';
  return code.length === 2 ? code.replace(/^2([AB])$/, '20$1') : code;
}

function deputiesQuery(db: Kysely<Database>, inOffice = true) {
  const query = db
    .selectFrom('acteur as a')
    .leftJoin('organe as g', 'g.uid', 'a.group_uid')
    .select([
      'a.uid',
      'a.first_name',
      'a.last_name',
      'a.sex',
      'a.departement_code',
      'a.departement_name',
      'a.circo_number',
      'g.abbreviation as group_abbreviation',
      'g.label as group_label',
      'g.color as group_color',
    ]);
  return inOffice ? query.where('a.in_office', '=', 1) : query;
}

/**
 * The circonscriptions of some départements (all when `departements` is null): those the AN
 * lists for the legislature and those of INSEE's table, with their deputies in office.
 */
export async function circonscriptions(
  db: Kysely<Database>,
  legislature: number,
  departements: readonly string[] | null = null,
): Promise<Circonscription[]> {
  if (departements && departements.length === 0) return [];
  let organes = db
    .selectFrom('organe')
    .select(['departement_code', 'departement_name', 'number'])
    .where('code_type', '=', 'CIRCONSCRIPTION')
    .where('legislature', '=', legislature)
    .where('departement_code', 'is not', null)
    .where('number', 'is not', null);
  let counts = db.selectFrom('geo_circonscription').selectAll();
  let deputies = deputiesQuery(db);
  if (departements) {
    organes = organes.where('departement_code', 'in', departements);
    counts = counts.where('departement_code', 'in', departements);
    deputies = deputies.where('a.departement_code', 'in', departements);
  }
  const [anRows, inseeRows, deputyRows] = await Promise.all([
    organes.execute(),
    counts.execute(),
    deputies.orderBy('a.uid').execute(),
  ]);
  const byKey = new Map<string, Circonscription>();
  const entry = (departement: string, number: number, name: string) => {
    const key = circoKey(departement, number);
    let circo = byKey.get(key);
    if (!circo) {
      circo = {
        departement_code: departement,
        number,
        departement_name: name,
        communes: null,
        whole_communes: null,
        postcodes: null,
        deputies: [],
        in_an: false,
        in_insee: false,
      };
      byKey.set(key, circo);
    }
    return circo;
  };
  for (const row of anRows) {
    const circo = entry(row.departement_code!, row.number!, row.departement_name ?? '');
    circo.in_an = true;
    if (row.departement_name) circo.departement_name = row.departement_name;
  }
  for (const row of inseeRows) {
    const circo = entry(row.departement_code, row.number, row.departement_name);
    circo.in_insee = true;
    circo.communes = row.communes;
    circo.whole_communes = row.whole_communes;
    circo.postcodes = row.postcodes;
  }
  for (const d of deputyRows) {
    if (d.departement_code === null || d.circo_number === null) continue;
    // A deputy's seat is a circonscription even when neither list has it.
    const circo = entry(d.departement_code, d.circo_number, d.departement_name ?? '');
    const { departement_code: _d, departement_name: _m, circo_number: _n, ...brief } = d;
    circo.deputies.push(brief);
  }
  return [...byKey.values()].sort((a, b) => {
    // Plain code-unit order of the keys: '~' (abroad) after every digit.
    const [x, y] = [departementSortKey(a.departement_code), departementSortKey(b.departement_code)];
    return x < y ? -1 : x > y ? 1 : a.number - b.number;
  });
}

/** One circonscription with its communes and postcodes, or null. */
export async function getCirconscription(
  db: Kysely<Database>,
  legislature: number,
  departement: string,
  number: number,
) {
  const circo = (await circonscriptions(db, legislature, [departement])).find(
    (c) => c.number === number,
  );
  if (!circo) return null;
  const [communes, postcodes, departementCommunes, formerDeputy] = await Promise.all([
    db
      .selectFrom('geo_area_circo as l')
      .innerJoin('geo_area as a', 'a.code', 'l.area_code')
      .select(['a.code', 'a.name', 'a.postcodes', 'l.whole'])
      .where('l.departement_code', '=', departement)
      .where('l.number', '=', number)
      .where('a.kind', '=', 'commune')
      .orderBy('a.name_key')
      .orderBy('a.code')
      .execute(),
    db
      .selectFrom('geo_area_circo as l')
      .innerJoin('geo_postcode as p', 'p.area_code', 'l.area_code')
      .innerJoin('geo_area as a', 'a.code', 'l.area_code')
      .select(['p.postcode', 'a.code', 'a.name', 'l.whole'])
      .where('l.departement_code', '=', departement)
      .where('l.number', '=', number)
      .orderBy('p.postcode')
      .orderBy('a.name_key')
      .execute(),
    // Communes INSEE's table lacks: known only to lie in one of the département's circonscriptions.
    db
      .selectFrom('geo_area')
      .select(['code', 'name', 'postcodes'])
      .where('basis', '=', 'departement')
      .where('departement_code', '=', departement)
      .orderBy('name_key')
      .execute(),
    circo.deputies.length > 0
      ? Promise.resolve(null)
      : db
          .selectFrom('acteur')
          .select(['uid', 'first_name', 'last_name', 'sex', 'mandate_end'])
          .where('in_office', '=', 0)
          .where('departement_code', '=', departement)
          .where('circo_number', '=', number)
          .orderBy('mandate_end', 'desc')
          .executeTakeFirst(),
  ]);
  return {
    circo,
    communes,
    postcodes,
    departementCommunes,
    formerDeputy: formerDeputy ?? null,
  };
}

export type CirconscriptionDetail = NonNullable<Awaited<ReturnType<typeof getCirconscription>>>;

/** A place a search found. */
export interface PlaceHit {
  code: string;
  kind: string;
  name: string;
  departement_code: string | null;
  departement_name: string | null;
  basis: Basis;
  /** The postcode searched for, or the place's postcodes. */
  postcode: string | null;
  localities: string | null;
  /**
   * When Regards Citoyens' table lacks the postcode searched for but lists the arrondissement's
   * other postcodes: those that answered (75116 is answered by 75016), space-separated.
   */
  answered_by?: string;
}

/** One answer: a place or a deputy, with a circonscription (null when none is known). */
export interface Candidate {
  match:
    | 'code_postal'
    | 'commune'
    | 'depute'
    | 'circonscription'
    | 'etranger'
    | 'position'
    | 'departement'
    | 'pays';
  place: PlaceHit | null;
  circo: Circonscription | null;
  /** Whether the whole place lies in the circonscription (null for a deputy). */
  whole: boolean | null;
  /** A point searched for: whether it lies inside the contour, and how far from its edge (km). */
  position?: { inside: boolean; distance_km: number };
  /** For a country or a city abroad: what was recognised. */
  abroad?: AbroadHit;
  /** For a deputy found by an approximate name: the edits between query and name. */
  distance?: number;
  /** A former deputy of the legislature found by name; `circo` is their last seat. */
  former?: DeputyBrief;
}

export type SearchKind =
  | 'code_postal'
  | 'debut_code_postal'
  | 'circonscription'
  | 'nom'
  | 'etranger'
  | 'position'
  | 'departement'
  | 'pays'
  | 'vide';

export interface SearchResult {
  query: string;
  kind: SearchKind;
  candidates: Candidate[];
  /** Places and deputies found, before the limit. */
  places: number;
  deputies: number;
  /** Distinct circonscriptions among the candidates. */
  circos: number;
  truncated: boolean;
  /** A deputy's name when no name matched as written but this one is close ("vouliez-vous dire"). */
  suggestion?: string;
  /** The département a name or code named (kind 'departement'). */
  departement?: DepartementHit;
  /** The country a name named (kind 'pays'). */
  abroad?: AbroadHit;
  /** For a département code: the postcodes starting with the same digits, still reachable. */
  postcodePrefix?: { prefix: string; count: number; postcodes: string[] };
}

/** Rows listed for one whole postcode: every commune it serves. */
const EXACT_POSTCODE_LIMIT = 500;

const ABROAD_QUERY =
  /^(?:(?:les )?francais (?:de l |a l |etablis hors de france|hors de france))?(?:etranger|hors de france|expatries?)$/;

/** Places (with their postcode) → candidates, one per circonscription of each place. */
async function placeCandidates(
  db: Kysely<Database>,
  legislature: number,
  places: PlaceHit[],
  match: Candidate['match'],
): Promise<Candidate[]> {
  if (places.length === 0) return [];
  const codes = [...new Set(places.map((p) => p.code))];
  // Arrondissements of Paris, Lyon and Marseille: their postcodes in Regards Citoyens' table,
  // the one searched for, else any of the arrondissement's.
  const arrondissements = [
    ...new Set(places.filter((p) => p.kind === 'arrondissement').map((p) => p.code)),
  ];
  const areaPostcodes = new Map(
    arrondissements.length === 0
      ? []
      : (
          await db
            .selectFrom('geo_area')
            .select(['code', 'postcodes'])
            .where('code', 'in', arrondissements)
            .execute()
        ).map((a) => [a.code, a.postcodes.split(' ').filter(Boolean)]),
  );
  const arrondissementPostcodes = [
    ...new Set(
      places
        .filter((p) => p.kind === 'arrondissement')
        .flatMap((p) => [...(p.postcode?.split(' ') ?? []), ...(areaPostcodes.get(p.code) ?? [])]),
    ),
  ];
  const [links, finer] = await Promise.all([
    db.selectFrom('geo_area_circo').selectAll().where('area_code', 'in', codes).execute(),
    arrondissementPostcodes.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('geo_postcode_circo')
          .selectAll()
          .where('postcode', 'in', arrondissementPostcodes)
          .execute(),
  ]);
  const departements = new Set([
    ...links.map((l) => l.departement_code),
    ...finer.map((l) => l.departement_code),
  ]);
  for (const p of places)
    if (p.basis === 'departement' && p.departement_code) departements.add(p.departement_code);
  const circos = await circonscriptions(db, legislature, [...departements]);
  const byKey = new Map(circos.map((c) => [circoKey(c.departement_code, c.number), c]));
  const candidates: Candidate[] = [];
  for (const place of places) {
    let found: Candidate[] = [];
    const listed = (postcodes: readonly string[]) =>
      finer.filter((l) => postcodes.includes(l.postcode));
    let rows = place.kind === 'arrondissement' ? listed(place.postcode?.split(' ') ?? []) : [];
    let answeredBy: string | null = null;
    if (rows.length === 0 && place.kind === 'arrondissement') {
      rows = listed(areaPostcodes.get(place.code) ?? []);
      answeredBy = [...new Set(rows.map((l) => l.postcode))].sort().join(' ') || null;
    }
    const rc = [...new Map(rows.map((l) => [circoKey(l.departement_code, l.number), l])).values()];
    if (rc.length > 0) {
      const answered: PlaceHit = {
        ...place,
        basis: 'regards_citoyens',
        ...(answeredBy ? { answered_by: answeredBy } : {}),
      };
      found = rc
        .map((l) => ({
          match,
          place: answered,
          circo: byKey.get(circoKey(l.departement_code, l.number)) ?? null,
          whole: rc.length === 1,
        }))
        .filter((c) => c.circo !== null)
        .sort((a, b) => a.circo!.number - b.circo!.number);
    } else if (place.basis === 'departement') {
      const own = circos.filter((c) => c.departement_code === place.departement_code);
      found = own.map((circo) => ({ match, place, circo, whole: own.length === 1 }));
    } else {
      found = links
        .filter((l) => l.area_code === place.code)
        .map((l) => ({
          match,
          place,
          circo: byKey.get(circoKey(l.departement_code, l.number)) ?? null,
          whole: l.whole === 1,
        }))
        .filter((c) => c.circo !== null)
        .sort((a, b) => a.circo!.number - b.circo!.number);
    }
    candidates.push(...(found.length > 0 ? found : [{ match, place, circo: null, whole: null }]));
  }
  return candidates;
}

/** A département's circonscriptions, each a candidate. */
async function departementCandidates(
  db: Kysely<Database>,
  legislature: number,
  departement: DepartementHit,
): Promise<Candidate[]> {
  const circos = await circonscriptions(db, legislature, [departement.code]);
  return circos.map((circo) => ({ match: 'departement', place: null, circo, whole: null }));
}

/** Postcodes listed after a département answers its code: the reader may have meant them. */
const PREFIX_POSTCODES = 12;

async function postcodePrefix(db: Kysely<Database>, prefix: string) {
  const distinct = db
    .selectFrom('geo_postcode')
    .select('postcode')
    .distinct()
    .where('postcode', 'like', `${prefix}%`);
  const [rows, { n }] = await Promise.all([
    distinct.orderBy('postcode').limit(PREFIX_POSTCODES).execute(),
    db
      .selectFrom(distinct.as('p'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  if (rows.length === 0) return undefined;
  return { prefix, count: Number(n), postcodes: rows.map((r) => r.postcode) };
}

/** The circonscription abroad of a country, or an answer saying why there is none. */
async function abroadCandidates(
  db: Kysely<Database>,
  legislature: number,
  abroad: AbroadHit,
): Promise<Candidate[]> {
  const circo =
    abroad.number === null
      ? null
      : ((await circonscriptions(db, legislature, [ABROAD])).find(
          (c) => c.number === abroad.number,
        ) ?? null);
  return [{ match: 'pays', place: null, circo, whole: null, abroad }];
}

const placeColumns = [
  'a.code',
  'a.kind',
  'a.name',
  'a.departement_code',
  'a.departement_name',
  'a.basis',
] as const;

/**
 * Finds a deputy from a postcode (or its first digits), a commune or arrondissement name
 * (case, accents, hyphens, "St"/"Saint" ignored) or a deputy's name. `limit` caps the places
 * and the deputies listed.
 */
export async function search(
  db: Kysely<Database>,
  legislature: number,
  query: string,
  limit = 30,
): Promise<SearchResult> {
  const q = query.trim();
  const result = (
    kind: SearchKind,
    candidates: Candidate[],
    places: number,
    deputies: number,
    truncated = false,
  ): SearchResult => ({
    query: q,
    kind,
    candidates,
    places,
    deputies,
    circos: new Set(
      candidates
        .filter((c) => c.circo)
        .map((c) => circoKey(c.circo!.departement_code, c.circo!.number)),
    ).size,
    truncated,
  });

  const compact = q.replace(/\s+/g, '');
  // A département's code answers the département; its postcodes stay listed.
  if (/^(?:\d{2,3}|2[AaBb])$/.test(compact)) {
    const departement = await findDepartement(db, legislature, compact);
    if (departement) {
      const [candidates, prefix] = await Promise.all([
        departementCandidates(db, legislature, departement),
        /^\d+$/.test(compact) ? postcodePrefix(db, compact) : undefined,
      ]);
      return {
        ...result('departement', candidates, 0, 0),
        departement,
        ...(prefix ? { postcodePrefix: prefix } : {}),
      };
    }
  }
  if (/^\d{2,5}$/.test(compact)) {
    const exact = compact.length === 5;
    let rows = db
      .selectFrom('geo_postcode as p')
      .innerJoin('geo_area as a', 'a.code', 'p.area_code')
      .select([...placeColumns, 'p.postcode', 'p.localities']);
    rows = exact
      ? rows.where('p.postcode', '=', compact)
      : rows.where('p.postcode', 'like', `${compact}%`);
    const [{ n }, hits] = await Promise.all([
      db
        .selectFrom('geo_postcode')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('postcode', exact ? '=' : 'like', exact ? compact : `${compact}%`)
        .executeTakeFirstOrThrow(),
      // A whole postcode is listed in full (La Poste's largest serves 46 communes).
      rows
        .orderBy('p.postcode')
        .orderBy('a.name_key')
        .limit(exact ? EXACT_POSTCODE_LIMIT : limit)
        .execute(),
    ]);
    const candidates = await placeCandidates(
      db,
      legislature,
      hits.map((h) => ({ ...h, basis: h.basis as Basis })),
      'code_postal',
    );
    return result(
      exact ? 'code_postal' : 'debut_code_postal',
      candidates,
      Number(n),
      0,
      Number(n) > hits.length,
    );
  }

  const circoId = /^(\d{2,3}|2[AB])\s*-\s*0*([1-9]\d?)$/i.exec(q);
  if (circoId) {
    const departement = circoId[1]!.toUpperCase();
    const circo = (await circonscriptions(db, legislature, [departement])).find(
      (c) => c.number === Number(circoId[2]),
    );
    return result(
      'circonscription',
      circo ? [{ match: 'circonscription', place: null, circo, whole: null }] : [],
      0,
      0,
    );
  }

  const key = placeKey(q);
  const nameKey = fold(q);
  if (key.length < 2) return result('vide', [], 0, 0);

  if (ABROAD_QUERY.test(key)) {
    const circos = await circonscriptions(db, legislature, [ABROAD]);
    return result(
      'etranger',
      circos.map((circo) => ({ match: 'etranger', place: null, circo, whole: null })),
      0,
      0,
    );
  }

  // A département or a country by name; a French commune of the same name is listed after.
  const [departement, abroad] = await Promise.all([
    findDepartement(db, legislature, q),
    findAbroad(db, legislature, q),
  ]);
  if (departement || abroad) {
    const answerDepartement =
      departement ??
      (abroad?.departement ? await findDepartement(db, legislature, abroad.departement) : null);
    const homonyms = await db
      .selectFrom('geo_area as a')
      .select([...placeColumns, 'a.postcodes as postcode', sql<null>`null`.as('localities')])
      .where('a.name_key', '=', key)
      .where('a.departement_code', 'is not', null)
      .$if(answerDepartement !== null, (w) =>
        w.where('a.departement_code', '!=', answerDepartement!.code),
      )
      .orderBy('a.departement_code')
      .orderBy('a.code')
      .limit(limit)
      .execute();
    // Deputies bearing the name as a whole word ("Florence"), after the places.
    const namesakes = nameKey
      ? await deputiesQuery(db)
          .where(
            sql<boolean>`(' ' || a.name_key || ' ') like ${'% ' + likeEscape(nameKey) + ' %'} escape '\\'`,
          )
          .orderBy('a.sort_name')
          .orderBy('a.uid')
          .limit(limit)
          .execute()
      : [];
    const [homonymHits, namesakeCircos] = await Promise.all([
      placeCandidates(
        db,
        legislature,
        homonyms.map((h) => ({ ...h, basis: h.basis as Basis })),
        'commune',
      ),
      circonscriptions(db, legislature, [
        ...new Set(namesakes.map((d) => d.departement_code).filter((d) => d !== null)),
      ]),
    ]);
    const namesakeHits: Candidate[] = namesakes.map((d) => ({
      match: 'depute',
      place: null,
      circo:
        namesakeCircos.find(
          (c) => c.departement_code === d.departement_code && c.number === d.circo_number,
        ) ?? null,
      whole: null,
    }));
    const others = [...homonymHits, ...namesakeHits];
    if (answerDepartement) {
      const own = await departementCandidates(db, legislature, answerDepartement);
      return {
        ...result('departement', [...own, ...others], homonyms.length, namesakes.length),
        departement: answerDepartement,
        ...(abroad ? { abroad } : {}),
      };
    }
    const own = await abroadCandidates(db, legislature, abroad!);
    return {
      ...result('pays', [...own, ...others], homonyms.length, namesakes.length),
      abroad: abroad!,
    };
  }

  const exactPlaces = await db
    .selectFrom('geo_area as a')
    .select([...placeColumns, 'a.postcodes as postcode', sql<null>`null`.as('localities')])
    .where('a.name_key', '=', key)
    .orderBy('a.departement_code')
    .orderBy('a.code')
    .limit(limit + 1)
    .execute();
  const exact = exactPlaces.length > 0;
  const k = likeEscape(key);
  // One pattern for "starts with" and "a word starts with"; one scan gives rows and count.
  // A query ending in a number ends a word there: "paris 1" is not "paris 10".
  const prefixPattern = /\d$/.test(key)
    ? sql<boolean>`(' ' || a.name_key || ' ') like ${'% ' + k + ' %'} escape '\\'`
    : sql<boolean>`(' ' || a.name_key) like ${'% ' + k + '%'} escape '\\'`;
  const prefixPlaces = exact
    ? []
    : await db
        .selectFrom('geo_area as a')
        .select([
          ...placeColumns,
          'a.postcodes as postcode',
          sql<null>`null`.as('localities'),
          sql<number>`count(*) over ()`.as('matches'),
        ])
        .where(prefixPattern)
        .orderBy(sql`a.name_key like ${k + '%'} escape '\\'`, 'desc')
        .orderBy(sql`length(a.name_key)`)
        .orderBy('a.name_key')
        .orderBy('a.code')
        .limit(limit)
        .execute();
  const placeCount = exact ? exactPlaces.length : Number(prefixPlaces[0]?.matches ?? 0);
  const places = (exact ? exactPlaces.slice(0, limit) : prefixPlaces).map(
    ({ matches: _m, ...p }: { matches?: number } & (typeof exactPlaces)[number]) => ({
      ...p,
      basis: p.basis as Basis,
    }),
  );

  // A deputy's name: any word may start with the query; after an exact place name, whole words only.
  const n = likeEscape(nameKey);
  const nameWhere = exact
    ? sql<boolean>`(' ' || a.name_key || ' ') like ${'% ' + n + ' %'} escape '\\'`
    : sql<boolean>`(' ' || a.name_key) like ${'% ' + n + '%'} escape '\\'`;
  let deputyRows = nameKey
    ? await deputiesQuery(db)
        .where(nameWhere)
        .orderBy('a.sort_name')
        .orderBy('a.uid')
        .limit(limit + 1)
        .execute()
    : [];
  // No name as written: the closest names, within a few edits (see recherche-noms.ts).
  const distances = new Map<string, number>();
  if (deputyRows.length === 0 && !exact && nameKey) {
    const close = await approximateDeputies(db, legislature, q, limit);
    for (const m of close) distances.set(m.uid, m.distance);
    if (close.length > 0) {
      const rows = await deputiesQuery(db, false)
        .where(
          'a.uid',
          'in',
          close.map((m) => m.uid),
        )
        .execute();
      const byUid = new Map(rows.map((r) => [r.uid, r]));
      deputyRows = close.map((m) => byUid.get(m.uid)).filter((r) => r !== undefined);
    }
  }
  const deputyCount = deputyRows.length;
  const deputyDeps = [
    ...new Set(deputyRows.map((d) => d.departement_code).filter((d) => d !== null)),
  ];
  const [placeHits, deputyCircos] = await Promise.all([
    placeCandidates(db, legislature, places, 'commune'),
    circonscriptions(db, legislature, deputyDeps),
  ]);
  const deputyCandidates: Candidate[] = deputyRows.slice(0, limit).map((d) => {
    const circo =
      deputyCircos.find(
        (c) => c.departement_code === d.departement_code && c.number === d.circo_number,
      ) ?? null;
    const { departement_code: _d, departement_name: _m, circo_number: _n, ...brief } = d;
    return {
      match: 'depute',
      place: null,
      circo,
      whole: null,
      ...(distances.has(d.uid) ? { distance: distances.get(d.uid)! } : {}),
      ...(circo?.deputies.some((x) => x.uid === d.uid) ? {} : { former: brief }),
    };
  });
  // Places the query names come before deputies whose name is only close to it ("Bordeau"
  // is Bordeaux before Pascale Bordes), and then no name is suggested.
  const placesFirst = exact || (distances.size > 0 && placeCount > 0);
  const closest = distances.size > 0 && placeCount === 0 ? deputyRows[0] : undefined;
  const candidates = placesFirst
    ? [...placeHits, ...deputyCandidates]
    : [...deputyCandidates, ...placeHits];
  return {
    ...result(
      'nom',
      candidates,
      placeCount,
      deputyCount,
      placeCount > places.length || deputyCount > limit,
    ),
    ...(closest ? { suggestion: `${closest.first_name} ${closest.last_name}` } : {}),
  };
}

/** Every row of INSEE's table, in file order (optionally one département's communes). */
export async function inseeTable(db: Kysely<Database>, departement: string | null) {
  let q = db.selectFrom('geo_insee_row').selectAll();
  if (departement) q = q.where('departement_code', '=', departement);
  return q.orderBy('id').execute();
}

/** Postcode → commune → circonscription, one row per link (optionally one département). */
export async function postcodeTable(
  db: Kysely<Database>,
  legislature: number,
  departement: string | null,
) {
  let q = db
    .selectFrom('geo_postcode as p')
    .innerJoin('geo_area as a', 'a.code', 'p.area_code')
    .leftJoin('geo_area_circo as l', 'l.area_code', 'a.code')
    .select([
      'p.postcode',
      'p.localities',
      'a.code',
      'a.name',
      'a.kind',
      'a.city_code',
      'a.departement_code',
      'a.basis',
      'l.departement_code as circo_departement',
      'l.number as circo_number',
      'l.whole',
    ]);
  if (departement) q = q.where('a.departement_code', '=', departement);
  const rows = await q.orderBy('p.postcode').orderBy('a.code').orderBy('l.number').execute();
  // Communes INSEE's table lacks get every circonscription of their département.
  const departements = [
    ...new Set(rows.filter((r) => r.basis === 'departement').map((r) => r.departement_code!)),
  ];
  const circos = await circonscriptions(db, legislature, departements);
  return rows.flatMap((r) => {
    if (r.basis !== 'departement') return [r];
    const own = circos.filter((c) => c.departement_code === r.departement_code);
    if (own.length === 0) return [r];
    return own.map((c) => ({
      ...r,
      circo_departement: c.departement_code,
      circo_number: c.number,
      whole: own.length === 1 ? 1 : 0,
    }));
  });
}

export type PostcodeTableRow = Awaited<ReturnType<typeof postcodeTable>>[number];
export type InseeTableRow = Awaited<ReturnType<typeof inseeTable>>[number];
