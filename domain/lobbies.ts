import { fold } from './text.ts';

// Vocabulary of HATVP's register of lobbyists (source `lobbies`): its tables, the kinds of
// officials it names, and the change events its ingest records.

/** The register's 15 tables, by file name without its number (`8_objets_activites.csv`). */
export const LOBBY_TABLES = [
  'informations_generales',
  'dirigeants',
  'collaborateurs',
  'clients',
  'affiliations',
  'niveaux_intervention',
  'domaines_intervention',
  'objets_activites',
  'secteurs_activites',
  'actions_menees',
  'beneficiaires',
  'decisions_concernees',
  'ministeres_aai_api',
  'observations',
  'exercices',
] as const;

export type LobbyTableName = (typeof LOBBY_TABLES)[number];

/** The kinds of targeted officials, as the register names them, with a short slug for URLs. */
export const LOBBY_OFFICIALS = {
  gouvernement: 'Membre du Gouvernement ou membre de cabinet ministériel',
  aai: "Directeur ou secrétaire général, ou leur adjoint, ou membre du collège ou d'une commission des sanctions d'une autorité administrative ou publique indépendante",
} as const;

/** The register's page of an organisation (its public sheet on hatvp.fr). */
export const lobbyRegisterUrl = (identifiant: string | null) =>
  identifiant
    ? `https://www.hatvp.fr/fiche-organisation/?organisation=${encodeURIComponent(identifiant)}`
    : null;

/**
 * Legal forms left out of a name before comparing it (`AIRBUS SAS` and `Airbus` compare
 * equal): French and common foreign company forms, as single folded words.
 */
export const LEGAL_FORMS = new Set([
  'sa',
  'sas',
  'sasu',
  'sarl',
  'eurl',
  'sca',
  'snc',
  'scs',
  'sci',
  'scop',
  'scic',
  'gie',
  'sem',
  'se',
  'selarl',
  'selas',
  'scp',
  'spa',
  'gmbh',
  'ltd',
  'plc',
  'inc',
  'llc',
  'bv',
  'nv',
  'ag',
]);

/** A name's folded words, a run of single letters joined (`S.A.S.` → `sas`). */
function words(name: string): string[] {
  const out: string[] = [];
  let letters = '';
  for (const w of fold(name).split(' ')) {
    if (w.length === 1) {
      letters += w;
      continue;
    }
    if (letters) out.push(letters);
    letters = '';
    if (w) out.push(w);
  }
  if (letters) out.push(letters);
  return out;
}

/** A name's words without case, accents, punctuation and legal forms: the key names are matched on. */
export function organisationKey(name: string): string {
  return words(name)
    .filter((w) => !LEGAL_FORMS.has(w))
    .join(' ');
}

/** The legal forms a name states (`Airbus SE` → `se`). */
export function legalForms(name: string): string[] {
  return words(name).filter((w) => LEGAL_FORMS.has(w));
}

/** How sure a candidate match is: SIREN on both sides, or the name alone. */
export type MatchConfidence = 'haute' | 'moyenne' | 'faible';

/**
 * Whether a declared organisation name designates a registered one, on names alone: their
 * keys (organisationKey) must be equal and at least 3 characters long. `faible` when both
 * state different legal forms (Airbus SE, a listed parent, and AIRBUS SAS, its French
 * company) or the key is a single word of 4 letters or fewer (an acronym: AXA, SNCF); else
 * `moyenne`. Null when the names differ.
 */
export function nameMatch(declared: string, registered: string): MatchConfidence | null {
  const key = organisationKey(declared);
  if (key.length < 3 || key !== organisationKey(registered)) return null;
  const a = legalForms(declared);
  const b = legalForms(registered);
  if (a.length > 0 && b.length > 0 && !a.some((f) => b.includes(f))) return 'faible';
  if (!key.includes(' ') && key.length <= 4) return 'faible';
  return 'moyenne';
}

/**
 * The SIREN numbers a text gives: 9 digits (spaces allowed every 3), or the first 9 of a
 * SIRET (14 digits, "552 049 447 00013"), standing alone between non-letters and non-digits
 * (so not inside an association's "W751234567" or a phone number). In a free-text
 * description, `keyword` requires "SIREN" or "SIRET" in the 30 characters before the number.
 */
export function sirensIn(text: string, keyword = false): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(
    /(?<![\p{L}\p{N}])(\d{3}) ?(\d{3}) ?(\d{3})(?: ?\d{3} ?\d{2}| ?\d{5})?(?![\p{L}\p{N}])/gu,
  )) {
    if (keyword && !/siren|siret/i.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    out.push(m[1]! + m[2]! + m[3]!);
  }
  return out;
}

/**
 * How an activity is linked to a dossier, and how sure the link is: the dossier's whole title
 * (4 words at least) appears in the activity's object, a candidate of `moyenne` confidence
 * (the object may name the bill in passing, or a same-titled bill of another legislature).
 */
export const DOSSIER_LINK_METHOD = 'titre_entier';
export const DOSSIER_LINK_CONFIDENCE: MatchConfidence = 'moyenne';
