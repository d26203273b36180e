// Pure parsers of the register's CSV tables (`;`-separated UTF-8, `"` quoting, a header per
// table): bytes in, typed rows out, each bad row reported with its table and line rather than
// dropped. Columns are found by their header name, so the 2019 and 2020 layouts (same
// columns, other file numbers) both read.
import Papa from 'papaparse';
import { fold } from '../../domain/text.ts';
import { LOBBY_TABLES, type LobbyTableName } from '../../domain/lobbies.ts';

/** The table an archive entry holds, from its file name wherever it sits (`x/8_objets_activites.csv`). */
export function lobbyTableOf(entryName: string): LobbyTableName | null {
  const base = entryName.split('/').pop()!.toLowerCase();
  const match = /^\d+_([a-z_]+)\.csv$/.exec(base);
  const name = match?.[1];
  return name && (LOBBY_TABLES as readonly string[]).includes(name)
    ? (name as LobbyTableName)
    : null;
}

/** A row that cannot be read: its table, its line in the file (header = 1) and why. */
export interface BadRow {
  table: LobbyTableName;
  line: number;
  reason: string;
  /** The row's own id when readable (keyed tables): its stored version is kept. */
  key?: number;
}

/** The id column of each table whose rows have one of their own. */
export const KEY_COLUMNS: Partial<Record<LobbyTableName, string>> = {
  informations_generales: 'representants_id',
  exercices: 'exercices_id',
  objets_activites: 'activite_id',
  observations: 'action_representation_interet_id',
};

/** A file whose header lacks a column the tracker reads: the whole table is refused. */
export class LobbyTableError extends Error {}

class RowError extends Error {}

type Cells = (name: string) => string;

const text = (v: string): string | null => {
  const t = v.replace(/[\s\u00a0\u202f]+/gu, ' ').trim();
  return t === '' ? null : t;
};

const required = (v: string, column: string): string => {
  const t = text(v);
  if (t === null) throw new RowError(`${column} vide`);
  return t;
};

const id = (v: string, column: string): number => {
  const t = v.trim();
  if (!/^\d{1,12}$/.test(t))
    throw new RowError(`${column} « ${t.slice(0, 40)} » n'est pas un identifiant`);
  return Number(t);
};

const optionalInt = (v: string, column: string): number | null => {
  const t = v.trim();
  if (t === '') return null;
  if (!/^-?\d+(\.0+)?$/.test(t))
    throw new RowError(`${column} « ${t.slice(0, 40)} » n'est pas un entier`);
  return Math.round(Number(t));
};

/** An upper bound: `inf` (an open band, "> = 1 000 000 €") is no bound (null). */
const upperBound = (v: string, column: string): number | null =>
  v.trim().toLowerCase() === 'inf' ? null : optionalInt(v, column);

const optionalNumber = (v: string, column: string): number | null => {
  const t = v.trim();
  if (t === '') return null;
  const n = Number(t);
  if (!Number.isFinite(n) || n < 0)
    throw new RowError(`${column} « ${t.slice(0, 40)} » n'est pas un nombre`);
  return n;
};

const bool = (v: string, column: string): number | null => {
  const t = v.trim().toLowerCase();
  if (t === '') return null;
  if (t === 'true' || t === '1') return 1;
  if (t === 'false' || t === '0') return 0;
  throw new RowError(`${column} « ${t.slice(0, 20)} » n'est ni True ni False`);
};

/** `dd/mm/yyyy hh:mm:ss` or `yyyy-mm-dd` (the two forms the tables use) as ISO text. */
export function lobbyDate(v: string, column: string): string | null {
  const t = v.trim();
  if (t === '') return null;
  let m = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(t);
  if (m) {
    const day = `${m[3]}-${m[2]}-${m[1]}`;
    if (!isDay(day)) throw new RowError(`${column} « ${t} » n'est pas une date`);
    return m[4] ? `${day}T${m[4]}:${m[5]}:${m[6]}` : day;
  }
  m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2}))?/.exec(t);
  if (m && isDay(m[1]!)) return m[2] ? `${m[1]}T${m[2]}` : m[1]!;
  throw new RowError(`${column} « ${t.slice(0, 30)} » n'est pas une date`);
}

const isDay = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
};

/** Folded "prénom nom" of a person, for matching people across sources. */
export const personKey = (prenom: string | null, nom: string) => fold(`${prenom ?? ''} ${nom}`);

/** A parsed organisation (1_informations_generales). */
export interface ParsedOrganisation {
  id: number;
  denomination: string;
  nom_usage: string | null;
  sigle: string | null;
  identifiant_national: string | null;
  type_identifiant: string | null;
  categorie: string | null;
  adresse: string | null;
  code_postal: string | null;
  ville: string | null;
  pays: string | null;
  site_web: string | null;
  page_twitter: string | null;
  page_facebook: string | null;
  page_linkedin: string | null;
  date_premiere_publication: string | null;
  derniere_publication_activite: string | null;
  activites_publiees: number;
  declaration_organisation_appartenance: number;
  declaration_tiers: number;
  text_key: string;
  line: number;
}

export interface ParsedPerson {
  organisation_id: number;
  position: number;
  civilite: string | null;
  nom: string;
  prenom: string | null;
  fonction: string | null;
  name_key: string;
}

export interface ParsedRelated {
  organisation_id: number;
  position: number;
  denomination: string;
  identifiant_national: string | null;
  type_identifiant: string | null;
}

export interface ParsedLabel {
  organisation_id: number;
  label: string;
}

export interface ParsedExercise {
  id: number;
  organisation_id: number;
  date_debut: string | null;
  date_fin: string | null;
  annee_debut: number | null;
  annee_fin: number | null;
  sans_activite: number;
  nombre_activites: number | null;
  declaration_incomplete: number;
  date_publication: string | null;
  sans_chiffre_affaires: number | null;
  montant_depense: string | null;
  depense_min: number | null;
  depense_max: number | null;
  nombre_salaries: number | null;
  chiffre_affaires: string | null;
  ca_min: number | null;
  ca_max: number | null;
  line: number;
}

export interface ParsedActivity {
  id: number;
  exercise_id: number;
  date_publication: string | null;
  identifiant_fiche: string | null;
  objet: string;
  line: number;
}

export interface ParsedDomain {
  activity_id: number;
  domaine: string;
}

export interface ParsedAction {
  id: number;
  activity_id: number;
  observation: string | null;
}

export interface ParsedActionType {
  action_id: number;
  position: number;
  action_menee: string;
  autre: string | null;
}

export interface ParsedBeneficiary {
  action_id: number;
  position: number;
  beneficiaire: string;
  en_propre: number | null;
}

export interface ParsedDecision {
  action_id: number;
  decision: string;
}

export interface ParsedTarget {
  action_id: number;
  responsable: string;
  ministere: string | null;
  autre: string | null;
}

/** The rows each table parses to. */
export interface LobbyRows {
  informations_generales: ParsedOrganisation;
  dirigeants: ParsedPerson;
  collaborateurs: ParsedPerson;
  clients: ParsedRelated;
  affiliations: ParsedRelated;
  niveaux_intervention: ParsedLabel;
  secteurs_activites: ParsedLabel;
  exercices: ParsedExercise;
  objets_activites: ParsedActivity;
  domaines_intervention: ParsedDomain;
  observations: ParsedAction;
  actions_menees: ParsedActionType;
  beneficiaires: ParsedBeneficiary;
  decisions_concernees: ParsedDecision;
  ministeres_aai_api: ParsedTarget;
}

/** Positions counted per key, in file order (directors of one organisation: 1, 2, 3…). */
function counter() {
  const counts = new Map<number, number>();
  return (key: number) => {
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return n;
  };
}

interface Spec<T> {
  columns: readonly string[];
  /** A fresh row reader per file (some number rows within their parent). */
  reader: () => (cell: Cells, line: number) => T;
}

const person = (kind: 'dirigeant' | 'collaborateur'): Spec<ParsedPerson> => ({
  columns: [
    'representants_id',
    `civilite_${kind}`,
    `nom_${kind}`,
    `prenom_${kind}`,
    `fonction_${kind}`,
  ],
  reader: () => {
    const position = counter();
    return (cell) => {
      const organisation_id = id(cell('representants_id'), 'representants_id');
      const nom = required(cell(`nom_${kind}`), `nom_${kind}`);
      const prenom = text(cell(`prenom_${kind}`));
      return {
        organisation_id,
        position: position(organisation_id),
        civilite: text(cell(`civilite_${kind}`)),
        nom,
        prenom,
        fonction: text(cell(`fonction_${kind}`)),
        name_key: personKey(prenom, nom),
      };
    };
  },
});

const related = (suffix: 'client' | 'affiliation'): Spec<ParsedRelated> => ({
  columns: [
    'representants_id',
    `denomination_${suffix}`,
    `identifiant_national_${suffix}`,
    `type_identifiant_national_${suffix}`,
  ],
  reader: () => {
    const position = counter();
    return (cell) => {
      const organisation_id = id(cell('representants_id'), 'representants_id');
      return {
        organisation_id,
        position: position(organisation_id),
        denomination: required(cell(`denomination_${suffix}`), `denomination_${suffix}`),
        identifiant_national: text(cell(`identifiant_national_${suffix}`)),
        type_identifiant: text(cell(`type_identifiant_national_${suffix}`)),
      };
    };
  },
});

const label = (column: string): Spec<ParsedLabel> => ({
  columns: ['representants_id', column],
  reader: () => (cell) => ({
    organisation_id: id(cell('representants_id'), 'representants_id'),
    label: required(cell(column), column),
  }),
});

const SPECS: { [K in LobbyTableName]: Spec<LobbyRows[K]> } = {
  informations_generales: {
    columns: [
      'representants_id',
      'denomination',
      'nom_usage_HATVP',
      'sigle_HATVP',
      'identifiant_national',
      'type_identifiant_national',
      'label_categorie_organisation',
      'adresse',
      'code_postal',
      'ville',
      'pays',
      'site_web',
      'page_twitter',
      'page_facebook',
      'page_linkedin',
      'date_premiere_publication',
      'derniere_publication_activite',
      'activites_publiees',
      'declaration_organisation_appartenance',
      'declaration_tiers',
    ],
    reader: () => (cell, line) => {
      const denomination = required(cell('denomination'), 'denomination');
      const nom_usage = text(cell('nom_usage_HATVP'));
      const sigle = text(cell('sigle_HATVP'));
      return {
        id: id(cell('representants_id'), 'representants_id'),
        denomination,
        nom_usage,
        sigle,
        identifiant_national: text(cell('identifiant_national')),
        type_identifiant: text(cell('type_identifiant_national')),
        categorie: text(cell('label_categorie_organisation')),
        adresse: text(cell('adresse')),
        code_postal: text(cell('code_postal')),
        ville: text(cell('ville')),
        pays: text(cell('pays')),
        site_web: text(cell('site_web')),
        page_twitter: text(cell('page_twitter')),
        page_facebook: text(cell('page_facebook')),
        page_linkedin: text(cell('page_linkedin')),
        date_premiere_publication: lobbyDate(
          cell('date_premiere_publication'),
          'date_premiere_publication',
        ),
        derniere_publication_activite: lobbyDate(
          cell('derniere_publication_activite'),
          'derniere_publication_activite',
        ),
        activites_publiees: bool(cell('activites_publiees'), 'activites_publiees') ?? 0,
        declaration_organisation_appartenance:
          bool(
            cell('declaration_organisation_appartenance'),
            'declaration_organisation_appartenance',
          ) ?? 0,
        declaration_tiers: bool(cell('declaration_tiers'), 'declaration_tiers') ?? 0,
        text_key: fold([denomination, nom_usage, sigle].filter(Boolean).join(' ')),
        line,
      };
    },
  },
  dirigeants: person('dirigeant'),
  collaborateurs: person('collaborateur'),
  clients: related('client'),
  affiliations: related('affiliation'),
  niveaux_intervention: label('niveau_intervention'),
  secteurs_activites: label('secteur_activite'),
  exercices: {
    columns: [
      'exercices_id',
      'representants_id',
      'date_debut',
      'date_fin',
      'annee_debut',
      'annee_fin',
      'exercice_sans_activite',
      'nombre_activites',
      'declaration_incomplete',
      'date_publication',
      'exercice_sans_CA',
      'montant_depense',
      'montant_depense_inf',
      'montant_depense_sup',
      'nombre_salaries',
      'chiffre_affaires',
      'ca_inf',
      'ca_sup',
    ],
    reader: () => (cell, line) => {
      const band = text(cell('montant_depense'));
      const ca = text(cell('chiffre_affaires'));
      return {
        id: id(cell('exercices_id'), 'exercices_id'),
        organisation_id: id(cell('representants_id'), 'representants_id'),
        date_debut: lobbyDate(cell('date_debut'), 'date_debut'),
        date_fin: lobbyDate(cell('date_fin'), 'date_fin'),
        annee_debut: optionalInt(cell('annee_debut'), 'annee_debut'),
        annee_fin: optionalInt(cell('annee_fin'), 'annee_fin'),
        sans_activite: bool(cell('exercice_sans_activite'), 'exercice_sans_activite') ?? 0,
        nombre_activites: optionalInt(cell('nombre_activites'), 'nombre_activites'),
        declaration_incomplete: bool(cell('declaration_incomplete'), 'declaration_incomplete') ?? 0,
        date_publication: lobbyDate(cell('date_publication'), 'date_publication'),
        sans_chiffre_affaires: bool(cell('exercice_sans_CA'), 'exercice_sans_CA'),
        montant_depense: band,
        // The bounds are 0 and 0 when no band is published: they mean nothing then.
        depense_min:
          band === null ? null : optionalInt(cell('montant_depense_inf'), 'montant_depense_inf'),
        depense_max:
          band === null ? null : upperBound(cell('montant_depense_sup'), 'montant_depense_sup'),
        nombre_salaries: optionalNumber(cell('nombre_salaries'), 'nombre_salaries'),
        chiffre_affaires: ca,
        ca_min: ca === null ? null : optionalInt(cell('ca_inf'), 'ca_inf'),
        ca_max: ca === null ? null : upperBound(cell('ca_sup'), 'ca_sup'),
        line,
      };
    },
  },
  objets_activites: {
    columns: [
      'activite_id',
      'exercices_id',
      'date_publication_activite',
      'identifiant_fiche',
      'objet_activite',
    ],
    reader: () => (cell, line) => ({
      id: id(cell('activite_id'), 'activite_id'),
      exercise_id: id(cell('exercices_id'), 'exercices_id'),
      date_publication: lobbyDate(cell('date_publication_activite'), 'date_publication_activite'),
      identifiant_fiche: text(cell('identifiant_fiche')),
      objet: required(cell('objet_activite'), 'objet_activite'),
      line,
    }),
  },
  domaines_intervention: {
    columns: ['activite_id', 'domaines_intervention_actions_menees'],
    reader: () => (cell) => ({
      activity_id: id(cell('activite_id'), 'activite_id'),
      domaine: required(
        cell('domaines_intervention_actions_menees'),
        'domaines_intervention_actions_menees',
      ),
    }),
  },
  observations: {
    columns: ['action_representation_interet_id', 'activite_id', 'observation'],
    reader: () => (cell) => ({
      id: id(cell('action_representation_interet_id'), 'action_representation_interet_id'),
      activity_id: id(cell('activite_id'), 'activite_id'),
      observation: text(cell('observation')),
    }),
  },
  actions_menees: {
    columns: ['action_representation_interet_id', 'action_menee', 'action_menee_autre'],
    reader: () => {
      const position = counter();
      return (cell) => {
        const action_id = id(
          cell('action_representation_interet_id'),
          'action_representation_interet_id',
        );
        return {
          action_id,
          position: position(action_id),
          action_menee: required(cell('action_menee'), 'action_menee'),
          autre: text(cell('action_menee_autre')),
        };
      };
    },
  },
  beneficiaires: {
    columns: [
      'action_representation_interet_id',
      'beneficiaire_action_menee',
      'action_menee_en_propre',
    ],
    reader: () => {
      const position = counter();
      return (cell) => {
        const action_id = id(
          cell('action_representation_interet_id'),
          'action_representation_interet_id',
        );
        return {
          action_id,
          position: position(action_id),
          beneficiaire: required(cell('beneficiaire_action_menee'), 'beneficiaire_action_menee'),
          en_propre: bool(cell('action_menee_en_propre'), 'action_menee_en_propre'),
        };
      };
    },
  },
  decisions_concernees: {
    columns: ['action_representation_interet_id', 'decision_concernee'],
    reader: () => (cell) => ({
      action_id: id(cell('action_representation_interet_id'), 'action_representation_interet_id'),
      decision: required(cell('decision_concernee'), 'decision_concernee'),
    }),
  },
  ministeres_aai_api: {
    columns: [
      'action_representation_interet_id',
      'responsable_public',
      'departement_ministeriel',
      'responsable_public_ou_dpt_ministeriel_autre',
    ],
    // Rows are rebuilt into targets per action afterwards (rebuildTargets).
    reader: () => (cell) => ({
      action_id: id(cell('action_representation_interet_id'), 'action_representation_interet_id'),
      responsable: required(cell('responsable_public'), 'responsable_public'),
      ministere: cell('departement_ministeriel'),
      autre: text(cell('responsable_public_ou_dpt_ministeriel_autre')),
    }),
  },
};

/** What one table parses to: its good rows and its bad ones. */
export interface ParsedTable<K extends LobbyTableName> {
  table: K;
  rows: LobbyRows[K][];
  bad: BadRow[];
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * A table with more bad rows than both of these is refused whole (its stored rows kept): so
 * many unreadable rows mean a broken export, not a few faulty declarations.
 */
export const MAX_BAD_ROWS = 5;
export const MAX_BAD_SHARE = 0.05;

/**
 * Parses one table's CSV. A missing header column refuses the table (LobbyTableError); a row
 * with another number of cells or an unreadable value is a BadRow with its physical line (a
 * quoted line break counts as a line, as in a text editor). The table is refused too when a
 * malformed row spans several lines (an unclosed quote swallowing the lines after it) or
 * when its bad rows exceed MAX_BAD_ROWS and MAX_BAD_SHARE of the rows read.
 */
export function parseLobbyTable<K extends LobbyTableName>(
  table: K,
  bytes: Uint8Array,
): ParsedTable<K> {
  let source: string;
  try {
    source = decoder.decode(bytes);
  } catch {
    throw new LobbyTableError("n'est pas de l'UTF-8 valide");
  }
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  const spec = SPECS[table] as Spec<LobbyRows[K]>;
  const read = spec.reader();
  const rows: LobbyRows[K][] = [];
  const bad: BadRow[] = [];
  let header: string[] | null = null;
  let index = new Map<string, number>();
  let line = 1;
  let cursor = 0;
  let failure: LobbyTableError | null = null;
  const keyColumn = KEY_COLUMNS[table];
  const keys = new Map<number, number>();
  const keyOf = (cells: string[]): number | undefined => {
    const raw = keyColumn ? cells[index.get(keyColumn)!]?.trim() : undefined;
    return raw && /^\d{1,12}$/.test(raw) ? Number(raw) : undefined;
  };
  const reject = (line: number, reason: string, cells: string[]) => {
    const key = keyOf(cells);
    bad.push(key === undefined ? { table, line, reason } : { table, line, reason, key });
  };
  let swallowed: string | null = null;
  Papa.parse<string[]>(source, {
    delimiter: ';',
    quoteChar: '"',
    skipEmptyLines: false,
    step: (result, parser) => {
      const start = line;
      const end = result.meta.cursor;
      for (let i = cursor; i < end; i++) if (source.charCodeAt(i) === 10) line++;
      // The line breaks inside the row (its own final one left out).
      const inner =
        source
          .slice(cursor, end)
          .replace(/\r?\n$/, '')
          .split('\n').length - 1;
      cursor = end;
      const cells = result.data;
      const broken = (reason: string) => {
        if (inner > 0) {
          // A quote left open reads the following lines into this row: they are lost, so the
          // table is not trusted at all.
          swallowed = `ligne ${start} : ${reason}, et cette ligne en couvre ${inner + 1} (lignes ${start} à ${start + inner}, guillemet non fermé ?)`;
          parser.abort();
          return;
        }
        reject(start, reason, cells);
      };
      if (!header) {
        header = cells.map((c) => c.trim());
        index = new Map(header.map((name, i) => [name, i]));
        const missing = spec.columns.filter((c) => !index.has(c));
        if (missing.length > 0) {
          failure = new LobbyTableError(`colonnes absentes de l'en-tête : ${missing.join(', ')}`);
          parser.abort();
        }
        return;
      }
      if (cells.length === 1 && cells[0]!.trim() === '') return;
      if (result.errors.length > 0) return broken(result.errors[0]!.message);
      if (cells.length !== header.length) {
        return broken(`${cells.length} cellules au lieu de ${header.length}`);
      }
      const key = keyOf(cells);
      if (key !== undefined && keys.has(key)) {
        // Reported without its key: the first row of that id stays.
        bad.push({
          table,
          line: start,
          reason: `${keyColumn} ${key} déjà lu ligne ${keys.get(key)}`,
        });
        return;
      }
      try {
        rows.push(read((name) => cells[index.get(name)!]!, start));
        if (key !== undefined) keys.set(key, start);
      } catch (error) {
        if (!(error instanceof RowError)) throw error;
        reject(start, error.message, cells);
      }
    },
  });
  if (failure) throw failure;
  if (swallowed) throw new LobbyTableError(swallowed);
  if (!header) throw new LobbyTableError('fichier vide');
  const total = rows.length + bad.length;
  if (bad.length > MAX_BAD_ROWS && bad.length > MAX_BAD_SHARE * total) {
    throw new LobbyTableError(
      `${bad.length} lignes illisibles sur ${total} (plus de ${MAX_BAD_SHARE * 100} %), la première ligne ${bad[0]!.line} : ${bad[0]!.reason}`,
    );
  }
  if (table === 'ministeres_aai_api') {
    return { table, rows: rebuildTargets(rows as ParsedTarget[]) as LobbyRows[K][], bad };
  }
  return { table, rows, bad };
}

const GOVERNMENT = 'Membre du Gouvernement ou membre de cabinet ministériel';
const AUTHORITY =
  "Directeur ou secrétaire général, ou leur adjoint, ou membre du collège ou d'une commission des sanctions d'une autorité administrative ou publique indépendante";

/** The kind of official, its label made whole (the export cuts some) and its " - <list>" removed. */
function officialKind(raw: string): { kind: string; list: string | null } {
  const t = raw.replace(/\s+/g, ' ').trim();
  const dash = t.indexOf(' - ');
  const head = dash >= 0 ? t.slice(0, dash) : t;
  const list = dash >= 0 ? t.slice(dash + 3) : null;
  const folded = fold(head);
  if (folded.startsWith(fold('Membre du Gouvernement ou membre de cabinet')))
    return { kind: GOVERNMENT, list };
  if (folded.startsWith(fold('Directeur ou secretaire general'))) return { kind: AUTHORITY, list };
  return { kind: head, list };
}

/**
 * The ministries or authorities of a comma-split list: a piece starting in lower case
 * continues the previous one ("Environnement", " énergie et mer" → "Environnement, énergie et
 * mer"), and pieces of the official's own label (which the export splits too) are left out.
 */
export function joinMinistryPieces(pieces: readonly string[], kind: string): string[] {
  const out: string[] = [];
  const kindKey = fold(kind);
  for (const raw of pieces) {
    const piece = raw.replace(/\s+/g, ' ').trim();
    if (piece === '') continue;
    if (kindKey.includes(fold(piece))) continue;
    if (/^\p{Ll}/u.test(piece) && out.length > 0) out[out.length - 1] += `, ${piece}`;
    else out.push(piece);
  }
  return out;
}

/**
 * Rebuilds the targeted officials of each action from 13_ministeres_aai_api: the export writes
 * one row per comma-separated piece of the ministry (`departement_ministeriel`) and one more
 * row with the whole list after the official's label (`… - Premier ministre, Economie et
 * finances`); both give the same ministries, kept once per action and official.
 */
export function rebuildTargets(rows: readonly ParsedTarget[]): ParsedTarget[] {
  const out: ParsedTarget[] = [];
  const seen = new Set<string>();
  const named = new Set<string>();
  const pieces = new Map<
    string,
    { action_id: number; kind: string; autre: string | null; parts: string[] }
  >();
  const emit = (
    action_id: number,
    kind: string,
    ministere: string | null,
    autre: string | null,
  ) => {
    const key = `${action_id}\u0000${kind}\u0000${ministere ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (ministere !== null) named.add(`${action_id}\u0000${kind}`);
    out.push({ action_id, responsable: kind, ministere, autre });
  };
  const flush = () => {
    for (const p of pieces.values()) {
      const names = joinMinistryPieces(p.parts, p.kind);
      if (names.length === 0 && !named.has(`${p.action_id}\u0000${p.kind}`)) {
        emit(p.action_id, p.kind, null, p.autre);
      }
      for (const name of names) emit(p.action_id, p.kind, name, p.autre);
    }
    pieces.clear();
  };
  let current: number | null = null;
  for (const row of rows) {
    if (row.action_id !== current) {
      flush();
      current = row.action_id;
    }
    const { kind, list } = officialKind(row.responsable);
    const piece = row.ministere ?? '';
    if (list !== null && piece.trim() === '') {
      for (const name of joinMinistryPieces(list.split(','), kind))
        emit(row.action_id, kind, name, row.autre);
      continue;
    }
    const key = `${row.action_id}\u0000${kind}`;
    const entry = pieces.get(key) ?? {
      action_id: row.action_id,
      kind,
      autre: row.autre,
      parts: [],
    };
    entry.parts.push(piece);
    entry.autre ??= row.autre;
    pieces.set(key, entry);
  }
  flush();
  return out;
}
