// Records and documented columns of the comparisons: two deputies or groups side by side
// (/comparer) and the ranking of deputies and groups by agreement with a visitor's answers
// (/vote-comme-moi), with the ranking rule shared by the page and its exports.
import type {
  ComparisonRow,
  DeputyAgreementRow,
  GroupAgreementRow,
  Subject,
} from '../../db/queries/comparer.ts';
import { MIN_SIGNIFICANT_VOTES, isSignificant } from '../../domain/votes.ts';
import type { Column } from '../lib/export.ts';

/** How a deputy or group is named; a former deputy outside the referential by uid. */
export function subjectName(s: Pick<Subject, 'kind' | 'uid' | 'name'>): string {
  if (s.name) return s.name;
  return s.kind === 'depute'
    ? `${s.uid} (ancien député, hors du référentiel)`
    : `Groupe ${s.uid} (absent du référentiel)`;
}

/** The figures of a comparison: common scrutins, agreements, rate, significance. */
export interface ComparisonSummary {
  common: number;
  agreements: number;
}

/** agreements ÷ common scrutins, or null without common scrutin. */
export const agreementRate = (s: ComparisonSummary): number | null =>
  s.common === 0 ? null : s.agreements / s.common;

/** Columns of `/comparer.csv` and `/comparer.json`: one row per scrutin listed. */
export const COMPARE_COLUMNS: Column<ComparisonRow>[] = [
  { name: 'numero', description: 'Numéro du scrutin dans la législature', value: (r) => r.number },
  { name: 'date', description: 'Date du scrutin (AAAA-MM-JJ)', value: (r) => r.date },
  {
    name: 'type',
    description: 'SPO (ordinaire), SPS (solennel), MOC (motion de censure)',
    value: (r) => r.type_code,
  },
  { name: 'titre', description: 'Intitulé du scrutin', value: (r) => r.title },
  { name: 'resultat', description: 'adopté ou rejeté', value: (r) => r.result_code },
  {
    name: 'position_a',
    description:
      'Position de a : son vote (pour, contre, abstention) pour un député, la majorité des votes de ses membres pour un groupe',
    value: (r) => r.position_a,
  },
  { name: 'position_b', description: 'Position de b, de même', value: (r) => r.position_b },
  {
    name: 'accord',
    description: 'true si a et b ont pris la même position',
    value: (r) => r.position_a === r.position_b,
  },
];

/** One side of a comparison in the JSON metadata. */
export function subjectJson(s: Subject) {
  return {
    uid: s.uid,
    type: s.kind,
    nom: subjectName(s),
    groupe: s.kind === 'depute' ? s.abbreviation : null,
    sigle: s.kind === 'groupe' ? s.abbreviation : null,
    dans_le_referentiel: s.inReferential,
  };
}

/** The summary of a comparison as JSON metadata. */
export function comparisonJson(a: Subject, b: Subject, summary: ComparisonSummary) {
  return {
    a: subjectJson(a),
    b: subjectJson(b),
    scrutins_communs: summary.common,
    accords: summary.agreements,
    desaccords: summary.common - summary.agreements,
    taux_accord: agreementRate(summary),
    significatif: isSignificant(summary.common),
    seuil_significatif: MIN_SIGNIFICANT_VOTES,
    formule: 'taux_accord = accords ÷ scrutins_communs',
  };
}

/** A deputy or group with its agreement with the visitor, its rank (null when not ranked). */
export interface AgreementRecord {
  type: 'depute' | 'groupe';
  uid: string;
  name: string;
  /** Sort key of the name (folded by the referential), the uid outside it. */
  sortKey: string;
  /** A deputy's current group, or a group's own abbreviation. */
  abbreviation: string | null;
  label: string | null;
  color: string | null;
  /** A deputy in office, or a group not dissolved. */
  inOffice: boolean;
  inReferential: boolean;
  common: number;
  agreements: number;
  rate: number;
  significant: boolean;
  rank: number | null;
}

type Unranked = Omit<AgreementRecord, 'rate' | 'significant' | 'rank'>;

export function deputyAgreementRecord(r: DeputyAgreementRow): Unranked {
  return {
    type: 'depute',
    uid: r.uid,
    name:
      r.first_name && r.last_name
        ? `${r.first_name} ${r.last_name}`
        : subjectName({ kind: 'depute', uid: r.uid, name: null }),
    sortKey: r.sort_name ?? r.uid,
    abbreviation: r.group_abbreviation,
    label: r.group_label,
    color: r.group_color,
    inOffice: r.in_office === 1,
    inReferential: r.inReferential,
    common: r.common,
    agreements: r.agreements,
  };
}

export function groupAgreementRecord(r: GroupAgreementRow): Unranked {
  return {
    type: 'groupe',
    uid: r.uid,
    name: r.label ?? subjectName({ kind: 'groupe', uid: r.uid, name: null }),
    sortKey: r.label ?? r.uid,
    abbreviation: r.abbreviation,
    label: r.label,
    color: r.color,
    inOffice: r.inReferential && r.end_date === null,
    inReferential: r.inReferential,
    common: r.common,
    agreements: r.agreements,
  };
}

// One collator for every comparison: localeCompare with a locale builds one per call.
const collator = new Intl.Collator('fr');
const byName = (a: Unranked, b: Unranked) =>
  collator.compare(a.sortKey, b.sortKey) || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);

/**
 * Ranks by agreement rate, highest first. Ties share a rank (1, 2, 2, 4) and are listed by
 * common scrutins (more first), then name. Those with fewer than MIN_SIGNIFICANT_VOTES common
 * scrutins are not significant: listed after every ranked one, by common scrutins then rate
 * then name, never given a rank. Rates are compared exactly (a/b > c/d as a·d > c·b).
 */
export function rankAgreements(rows: Unranked[]): AgreementRecord[] {
  const cmpRate = (x: Unranked, y: Unranked) => y.agreements * x.common - x.agreements * y.common;
  const significant = rows
    .filter((r) => isSignificant(r.common))
    .sort((x, y) => cmpRate(x, y) || y.common - x.common || byName(x, y));
  const others = rows
    .filter((r) => !isSignificant(r.common))
    .sort((x, y) => y.common - x.common || cmpRate(x, y) || byName(x, y));
  const ranked: AgreementRecord[] = [];
  significant.forEach((r, i) => {
    const previous = ranked[i - 1];
    const tied = previous !== undefined && cmpRate(significant[i - 1]!, r) === 0;
    ranked.push({
      ...r,
      rate: r.agreements / r.common,
      significant: true,
      rank: tied ? previous.rank : i + 1,
    });
  });
  return [
    ...ranked,
    ...others.map((r) => ({
      ...r,
      rate: r.common === 0 ? 0 : r.agreements / r.common,
      significant: false,
      rank: null,
    })),
  ];
}

/** Columns of `/vote-comme-moi.csv` and `.json`: groups first, then deputies. */
export const AGREEMENT_COLUMNS: Column<AgreementRecord>[] = [
  {
    name: 'rang',
    description:
      'Rang par taux d’accord parmi les groupes ou parmi les députés (ex aequo au même rang) ; vide si non significatif',
    value: (r) => r.rank,
  },
  { name: 'type', description: 'groupe ou depute', value: (r) => r.type },
  { name: 'uid', description: 'Identifiant AN (PO… groupe, PA… député)', value: (r) => r.uid },
  { name: 'nom', description: 'Nom du député ou du groupe', value: (r) => r.name },
  {
    name: 'groupe',
    description: 'Sigle du groupe (pour un député : son groupe actuel)',
    value: (r) => r.abbreviation,
  },
  {
    name: 'en_exercice',
    description: 'Député en exercice, ou groupe non dissous',
    value: (r) => r.inOffice,
  },
  {
    name: 'scrutins_communs',
    description:
      'Scrutins répondus où le député a voté (pour, contre, abstention) ou le groupe avait une majorité',
    value: (r) => r.common,
  },
  {
    name: 'accords',
    description: 'Scrutins communs où sa position est celle de votre réponse',
    value: (r) => r.agreements,
  },
  {
    name: 'taux_accord',
    description: 'accords ÷ scrutins_communs (entre 0 et 1)',
    value: (r) => r.rate,
  },
  {
    name: 'significatif',
    description:
      'false si moins de scrutins communs que le seuil (10, ou le nombre de réponses s’il est plus petit) : jamais classé',
    value: (r) => r.significant,
  },
];
