import type {
  AmendementDumpRow,
  AmendementRow,
  CosignaturePairRow,
  DossierAmendementGroup,
  DossierAmendements,
} from '../../db/queries/amendements.ts';
import {
  AMENDEMENT_SORTS,
  SORT_LABELS,
  anAmendementUrl,
  type AmendementSort,
} from '../../domain/amendements.ts';
import { personName } from '../../domain/text.ts';
import type { Column } from '../lib/export.ts';

/** An amendment of the list with its AN page. */
export type AmendementListRow = AmendementRow & { url_an: string | null };

export const withAnUrl = (r: AmendementRow): AmendementListRow => ({
  ...r,
  url_an: anAmendementUrl(r),
});

/** The fields every amendment row carries, in the list and in the bulk dump. */
type AmendementFields = Pick<
  AmendementRow,
  | 'uid'
  | 'legislature'
  | 'numero'
  | 'numero_long'
  | 'numero_rect'
  | 'texte_uid'
  | 'dossier_uid'
  | 'article'
  | 'author_type'
  | 'author_uid'
  | 'author_first_name'
  | 'author_last_name'
  | 'author_group_uid'
  | 'group_abbreviation'
  | 'signatories_label'
  | 'sort'
  | 'sort_label'
  | 'date_depot'
  | 'date_sort'
  | 'organe_prefix'
  | 'parent_uid'
>;

/** The columns the list and the dump share, defined once so both say the same. */
const COLUMN = {
  uid: { name: 'uid', description: 'Identifiant AN (AMANR5L17…)', value: (a) => a.uid },
  numero: {
    name: 'numero',
    description:
      'Numéro tel que publié (numeroLong), avec le préfixe de la commission (CL12, I-CF123, 828)',
    value: (a) => a.numero_long,
  },
  rectification: {
    name: 'rectification',
    description: 'Nombre de rectifications (0 si aucune)',
    value: (a) => a.numero_rect,
  },
  texte_uid: {
    name: 'texte_uid',
    description: 'Texte amendé (PIONANR5L17B…, PRJLANR5L17B…)',
    value: (a) => a.texte_uid,
  },
  dossier_uid: {
    name: 'dossier_uid',
    description: 'Dossier législatif (DLR5L…)',
    value: (a) => a.dossier_uid,
  },
  examen: {
    name: 'examen',
    description:
      'Où il est examiné : AN (séance publique) ou le préfixe de la commission (CION_LOIS…)',
    value: (a) => a.organe_prefix,
  },
  article: {
    name: 'article',
    description: 'Article visé, forme courte (ART. 3, APRÈS ART. 3 BIS)',
    value: (a) => a.article,
  },
  type_auteur: {
    name: 'type_auteur',
    description: 'Député, Gouvernement ou Rapporteur',
    value: (a) => a.author_type,
  },
  auteur_uid: {
    name: 'auteur_uid',
    description: 'Acteur auteur (PA…), vide pour le Gouvernement',
    value: (a) => a.author_uid,
  },
  auteur: {
    name: 'auteur',
    description: 'Nom de l’auteur au référentiel des députés en fonction, vide sinon',
    value: (a) => personName(a.author_first_name, a.author_last_name),
  },
  groupe_uid: {
    name: 'groupe_uid',
    description: 'Groupe de l’auteur au dépôt (groupePolitiqueRef, PO…)',
    value: (a) => a.author_group_uid,
  },
  groupe: { name: 'groupe', description: 'Sigle de ce groupe', value: (a) => a.group_abbreviation },
  signataires: {
    name: 'signataires',
    description: 'Auteur et cosignataires tels que publiés (libellé de l’AN)',
    value: (a) => a.signatories_label,
  },
  sort: {
    name: 'sort',
    description:
      'Sort normalisé : adopte, rejete, tombe, retire, non-soutenu, irrecevable, en-cours (voir /methodologie#amendements)',
    value: (a) => a.sort,
  },
  sort_publie: {
    name: 'sort_publie',
    description: 'cycleDeVie.sort tel que publié, vide tant que non examiné',
    value: (a) => a.sort_label,
  },
  date_depot: {
    name: 'date_depot',
    description: 'Date de dépôt (AAAA-MM-JJ)',
    value: (a) => a.date_depot,
  },
  date_sort: {
    name: 'date_sort',
    description: 'Date du sort (AAAA-MM-JJ)',
    value: (a) => a.date_sort,
  },
  parent_uid: {
    name: 'parent_uid',
    description: 'Amendement sous-amendé, pour un sous-amendement',
    value: (a) => a.parent_uid,
  },
  url_an: {
    name: 'url_an',
    description: 'Page de l’amendement sur le site de l’Assemblée',
    value: (a) => anAmendementUrl(a),
  },
} satisfies Record<string, Column<AmendementFields>>;

/** Columns of `/amendements.csv` and `/amendements.json`. */
export const AMENDEMENT_COLUMNS: Column<AmendementRow>[] = [
  COLUMN.uid,
  COLUMN.numero,
  COLUMN.rectification,
  COLUMN.texte_uid,
  COLUMN.dossier_uid,
  COLUMN.examen,
  COLUMN.article,
  COLUMN.type_auteur,
  COLUMN.auteur_uid,
  COLUMN.auteur,
  COLUMN.groupe_uid,
  COLUMN.groupe,
  COLUMN.signataires,
  COLUMN.sort,
  COLUMN.sort_publie,
  {
    name: 'etat',
    description: 'État du traitement (etatDesTraitements), avec le sous-état',
    value: (a) => [a.etat_label, a.sous_etat_label].filter(Boolean).join(' / ') || null,
  },
  COLUMN.date_depot,
  COLUMN.date_sort,
  COLUMN.parent_uid,
  COLUMN.url_an,
];

export const sortLabel = (sort: string) => SORT_LABELS[sort as keyof typeof SORT_LABELS] ?? sort;

/** The list of a dossier's amendments on /amendements, narrowed to one group row or outcome. */
export function dossierAmendementsUrl(
  dossier: string,
  narrow: { group?: DossierAmendementGroup; sort?: AmendementSort } = {},
): string | null {
  const params = new URLSearchParams({ dossier });
  const g = narrow.group;
  if (g?.group_uid) params.set('groupe', g.group_uid);
  else if (g?.author_type === 'Gouvernement') params.set('type_auteur', 'gouvernement');
  // Authors without group other than the Gouvernement: no filter narrows to them alone.
  else if (g) return null;
  if (narrow.sort) params.set('sort', narrow.sort);
  return `/amendements?${params}`;
}

const allSorts = (counts: Partial<Record<AmendementSort, number>>) =>
  Object.fromEntries(AMENDEMENT_SORTS.map((s) => [s, counts[s] ?? 0])) as Record<
    AmendementSort,
    number
  >;

/** `amendements` of `/dossiers/<uid>.json`: counts by outcome and by group at filing, with links. */
export function dossierAmendementsJson(dossier: string, data: DossierAmendements) {
  return {
    total: data.total,
    par_sort: allSorts(data.bySort),
    par_groupe: data.groups.map((g) => ({
      groupe_uid: g.group_uid,
      groupe: g.abbreviation,
      groupe_libelle: g.label,
      // For a row without group: who filed them (Gouvernement…).
      type_auteur: g.author_type,
      total: g.total,
      par_sort: allSorts(g.bySort),
      url: dossierAmendementsUrl(dossier, { group: g }),
    })),
    url: dossierAmendementsUrl(dossier),
    derniers: data.latest.map((a) => ({
      uid: a.uid,
      numero: a.numero_long,
      article: a.article,
      auteur_uid: a.author_uid,
      type_auteur: a.author_type,
      groupe_uid: a.author_group_uid,
      sort: a.sort,
      date_depot: a.date_depot,
    })),
  };
}

/** Columns of the bulk `/exports/amendements.csv`, one row per amendment; documented on /donnees. */
export function amendementDumpColumns(publicUrl: string): Column<AmendementDumpRow>[] {
  return [
    COLUMN.uid,
    COLUMN.numero,
    {
      name: 'numero_ordre',
      description: 'Numéro d’ordre de dépôt (numeroOrdreDepot)',
      value: (a) => a.numero,
    },
    COLUMN.rectification,
    { name: 'legislature', description: 'Législature', value: (a) => a.legislature },
    COLUMN.dossier_uid,
    COLUMN.texte_uid,
    COLUMN.article,
    {
      name: 'article_designation',
      description: 'Article visé, en entier',
      value: (a) => a.article_designation,
    },
    COLUMN.type_auteur,
    COLUMN.auteur_uid,
    COLUMN.auteur,
    COLUMN.groupe_uid,
    COLUMN.groupe,
    {
      name: 'cosignataires_nombre',
      description: 'Nombre de cosignataires',
      value: (a) => a.cosigners.length,
    },
    {
      name: 'cosignataires_uid',
      description: 'Cosignataires (PA…) dans l’ordre publié, séparés par « ; »',
      value: (a) => a.cosigners.join(' ; ') || null,
    },
    COLUMN.signataires,
    COLUMN.sort,
    COLUMN.sort_publie,
    { name: 'etat_code', description: 'Code de l’état du traitement', value: (a) => a.etat_code },
    { name: 'etat', description: 'État du traitement', value: (a) => a.etat_label },
    {
      name: 'sous_etat_code',
      description: 'Code du sous-état',
      value: (a) => a.sous_etat_code,
    },
    { name: 'sous_etat', description: 'Sous-état du traitement', value: (a) => a.sous_etat_label },
    COLUMN.date_depot,
    {
      name: 'date_publication',
      description: 'Date de publication (AAAA-MM-JJ)',
      value: (a) => a.date_publication,
    },
    COLUMN.date_sort,
    COLUMN.examen,
    {
      name: 'seance_publique',
      description: 'true si examiné en séance publique, false en commission',
      value: (a) => a.seance === 1,
    },
    {
      name: 'organe_examen_uid',
      description: 'Organe qui l’examine (PO…)',
      value: (a) => a.organe_examen_uid,
    },
    {
      name: 'examen_uid',
      description: 'Examen (examenRef, EXANR5L17…)',
      value: (a) => a.examen_uid,
    },
    {
      name: 'seance_discussion',
      description: 'Séance où il a été discuté (seanceDiscussionRef, RUANR5L17S…)',
      value: (a) => a.seance_ref,
    },
    COLUMN.parent_uid,
    COLUMN.url_an,
    {
      name: 'url',
      description: 'Page de l’amendement sur ce site (texte du dispositif et de l’exposé)',
      value: (a) => `${publicUrl}/amendements/${a.uid}`,
    },
  ];
}

/** Columns of the bulk `/exports/cosignatures.csv`, one row per (author, co-signer) pair. */
export const COSIGNATURE_COLUMNS: Column<CosignaturePairRow>[] = [
  { name: 'auteur_uid', description: 'Auteur des amendements (PA…)', value: (p) => p.author_uid },
  {
    name: 'auteur',
    description: 'Nom de l’auteur au référentiel des députés en fonction, vide sinon',
    value: (p) => personName(p.author_first_name, p.author_last_name),
  },
  {
    name: 'auteur_groupe',
    description: 'Sigle du groupe actuel de l’auteur (référentiel), vide pour un ancien député',
    value: (p) => p.author_group,
  },
  {
    name: 'cosignataire_uid',
    description: 'Cosignataire (PA…), jamais l’auteur lui-même',
    value: (p) => p.cosigner_uid,
  },
  {
    name: 'cosignataire',
    description: 'Nom du cosignataire au référentiel, vide sinon',
    value: (p) => personName(p.cosigner_first_name, p.cosigner_last_name),
  },
  {
    name: 'cosignataire_groupe',
    description: 'Sigle du groupe actuel du cosignataire (référentiel)',
    value: (p) => p.cosigner_group,
  },
  {
    name: 'amendements',
    description: 'Amendements de cet auteur que ce cosignataire a cosignés',
    value: (p) => p.amendements,
  },
  {
    name: 'amendements_adoptes',
    description: 'Dont adoptés',
    value: (p) => p.adopted,
  },
];
