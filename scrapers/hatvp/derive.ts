// Pure derivations over the index: who each declarant is at the Assemblée (link to an acteur),
// which version of a series of declarations is current, and what a deputy declared.
import { professionKey } from '../../domain/professions.ts';
import { fold } from '../../domain/text.ts';

/** The facts of one index line that derivations need. */
export interface DeclarationFacts {
  id: string;
  declarant_key: string;
  civility: string | null;
  first_name: string;
  last_name: string;
  mandate_type: string;
  family: string;
  departement: string | null;
  deposited_on: string | null;
  number: number | null;
  hatvp_path: string | null;
  origin_id: string | null;
  parsed: number;
}

export interface DeclarantFacts {
  key: string;
  civility: string | null;
  first_name: string;
  last_name: string;
  name_key: string;
  /** Has declarations as a deputy (`type_mandat` = depute). */
  is_deputy: boolean;
  /** Départements of the deputy declarations (of all declarations for others). */
  departements: string[];
  origin_ids: string[];
  hatvp_paths: string[];
  declarations: number;
}

export interface ActeurKeys {
  uid: string;
  hatvp_url: string | null;
  name_key: string;
  departement_code: string | null;
}

export type LinkMethod = 'id_origine' | 'url_dossier' | 'nom_departement';

export interface Link {
  acteur_uid: string | null;
  method: LinkMethod | null;
  /** Why a deputy declarant could not be linked (null for others). */
  reason: string | null;
}

const byDeposit = (a: DeclarationFacts, b: DeclarationFacts) =>
  (a.deposited_on ?? '9999').localeCompare(b.deposited_on ?? '9999') ||
  (a.number ?? 0) - (b.number ?? 0) ||
  a.id.localeCompare(b.id);

const unique = (values: (string | null)[]) => [
  ...new Set(values.filter((v): v is string => v !== null && v !== '')),
];

/** The declarants of the index, one per HATVP key, named as in their latest declaration. */
export function declarantsOf(rows: DeclarationFacts[]): DeclarantFacts[] {
  const groups = new Map<string, DeclarationFacts[]>();
  for (const row of rows) {
    const list = groups.get(row.declarant_key);
    if (list) list.push(row);
    else groups.set(row.declarant_key, [row]);
  }
  return [...groups.entries()].map(([key, list]) => {
    const latest = [...list].sort(byDeposit).at(-1)!;
    const deputyRows = list.filter((r) => r.mandate_type === 'depute');
    return {
      key,
      civility: latest.civility,
      first_name: latest.first_name,
      last_name: latest.last_name,
      name_key: fold(`${latest.first_name} ${latest.last_name}`),
      is_deputy: deputyRows.length > 0,
      departements: unique((deputyRows.length > 0 ? deputyRows : list).map((r) => r.departement)),
      origin_ids: unique(list.map((r) => r.origin_id)),
      hatvp_paths: unique(list.map((r) => r.hatvp_path && hatvpPathKey(r.hatvp_path))),
      declarations: list.length,
    };
  });
}

/** A HATVP page URL or path reduced to a comparable key: `/pages_nominatives/david-alain`. */
export function hatvpPathKey(url: string): string {
  return url
    .trim()
    .replace(/^https?:\/\/(www\.)?hatvp\.fr/i, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/** Lookups over the acteurs for the three linking rules. */
export function acteurIndex(acteurs: ActeurKeys[]) {
  const uids = new Set(acteurs.map((a) => a.uid));
  const byPath = new Map<string, string>();
  const byName = new Map<string, ActeurKeys[]>();
  for (const a of acteurs) {
    if (a.hatvp_url) byPath.set(hatvpPathKey(a.hatvp_url), a.uid);
    byName.set(a.name_key, [...(byName.get(a.name_key) ?? []), a]);
  }
  return { uids, byPath, byName };
}

export type ActeurIndex = ReturnType<typeof acteurIndex>;

/**
 * Links a declarant to an acteur, trying in turn: `id_origine` (the AN number, `PA` + digits),
 * `url_dossier` against the acteur's `uri_hatvp`, then, for deputies only, the folded name
 * with one of their départements (one acteur exactly).
 */
export function linkDeclarant(d: DeclarantFacts, index: ActeurIndex): Link {
  const numeric = d.origin_ids.filter((id) => /^\d+$/.test(id));
  for (const id of numeric) {
    if (index.uids.has(`PA${id}`))
      return { acteur_uid: `PA${id}`, method: 'id_origine', reason: null };
  }
  for (const path of d.hatvp_paths) {
    const uid = index.byPath.get(path);
    if (uid) return { acteur_uid: uid, method: 'url_dossier', reason: null };
  }
  if (!d.is_deputy) return { acteur_uid: null, method: null, reason: null };
  const namesakes = index.byName.get(d.name_key) ?? [];
  const matches = namesakes.filter(
    (a) => a.departement_code !== null && d.departements.includes(a.departement_code),
  );
  if (matches.length === 1) {
    return { acteur_uid: matches[0]!.uid, method: 'nom_departement', reason: null };
  }
  const reasons = [
    numeric.length > 0
      ? `identifiant AN ${numeric.join(', ')} absent du référentiel`
      : 'aucun identifiant AN',
    d.hatvp_paths.length > 0 ? 'page HATVP inconnue du référentiel' : 'aucune page HATVP',
    matches.length > 1
      ? `${matches.length} députés homonymes dans le département`
      : namesakes.length > 0
        ? `homonyme sans département correspondant (${d.departements.join(', ') || '?'})`
        : 'aucun député de ce nom',
  ];
  return { acteur_uid: null, method: null, reason: reasons.join(' ; ') };
}

export interface Version {
  current: boolean;
  superseded_by: string | null;
}

/**
 * Versions of each series (one declarant, one mandate type, one family), ordered by deposit
 * date then declaration number: the next version supersedes a declaration, and the latest one
 * that was parsed is current (a modifying declaration replaces the earlier one).
 */
export function versions(rows: DeclarationFacts[]): Map<string, Version> {
  const series = new Map<string, DeclarationFacts[]>();
  for (const row of rows) {
    const key = `${row.declarant_key}\u0000${row.mandate_type}\u0000${row.family}`;
    const list = series.get(key);
    if (list) list.push(row);
    else series.set(key, [row]);
  }
  const result = new Map<string, Version>();
  for (const list of series.values()) {
    list.sort(byDeposit);
    const current = list.filter((r) => r.parsed === 1).at(-1)?.id ?? null;
    list.forEach((row, i) =>
      result.set(row.id, { current: row.id === current, superseded_by: list[i + 1]?.id ?? null }),
    );
  }
  return result;
}

/** Profession keys of declared activities, deduplicated, for the profession filter. */
export function activitiesKey(descriptions: (string | null)[]): string | null {
  const keys = unique(descriptions.map((d) => professionKey(d)));
  return keys.length > 0 ? keys.join(' | ') : null;
}
