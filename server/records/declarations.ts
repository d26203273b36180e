// HATVP declarations as pages and exports show them: one record per index line, per item,
// per unlinked declarant and per problem, with their documented CSV/JSON columns.
import type {
  DeclarationDetail,
  DeclarationRow,
  DeputyDeclarations,
  ItemRow,
  ProblemRow,
} from '../../db/queries/declarations.ts';
import type { Declarant } from '../../db/schema/index.ts';
import { SECTIONS, SECTION_SPECS, type Section } from '../../domain/hatvp-sections.ts';
import { hatvpUrls } from '../../domain/sources.ts';
import type { Column } from '../lib/export.ts';

/** `type_mandat` values of the index, in French. */
export const MANDATE_TYPES: Record<string, string> = {
  depute: 'Député',
  senateur: 'Sénateur',
  europe: 'Représentant au Parlement européen',
  gouvernement: 'Membre du Gouvernement',
  president: 'Présidence de la République',
  region: 'Élu régional',
  departement: 'Élu départemental',
  commune: 'Élu municipal',
  epci: 'Élu intercommunal (EPCI)',
  ctsp: 'Collectivité à statut particulier',
  autre: 'Autre responsable public',
};

/** Document types of the index, in French. */
export const DOCUMENT_TYPES: Record<string, string> = {
  di: "Déclaration d'intérêts",
  dim: "Déclaration d'intérêts modificative",
  dia: "Déclaration d'intérêts et d'activités",
  diam: "Déclaration d'intérêts et d'activités modificative",
  dsp: 'Déclaration de situation patrimoniale',
  dspm: 'Déclaration de situation patrimoniale modificative',
  dspfm: 'Déclaration de situation patrimoniale de fin de mandat',
};

/** What the XML status of a declaration means, in French. */
export const XML_STATUSES: Record<string, string> = {
  ok: 'lu',
  pending: 'à lire',
  none: 'pas encore publié',
  skipped: 'non lu (déclaration de patrimoine)',
  missing: 'fichier absent',
  failed: 'erreur de téléchargement',
  invalid: 'fichier illisible',
};

export const sectionLabel = (section: string) =>
  SECTION_SPECS[section as Section]?.label ?? section;

/** Where a declaration's files and pages are. */
export function declarationLinks(d: {
  id: string;
  pdf_file: string | null;
  xml_file: string | null;
  hatvp_path: string | null;
}) {
  return {
    page: `/declarations/${encodeURIComponent(d.id)}`,
    pdf: d.pdf_file ? hatvpUrls.file(d.pdf_file) : null,
    xml: d.xml_file ? hatvpUrls.file(d.xml_file) : null,
    hatvp: d.hatvp_path ? hatvpUrls.page(d.hatvp_path) : null,
  };
}

const flag = (value: number | null) => (value === null ? null : value === 1);

/** `2016: 36592 | 2017: 40838`: yearly amounts in one cell. */
export function amountsCell(amounts: ItemRow['amounts']): string | null {
  if (amounts.length === 0) return null;
  return amounts
    .map((a) => `${a.year ?? '?'}: ${a.amount ?? (a.text ? `« ${a.text} »` : '')}`)
    .join(' | ');
}

/** Columns of `/declarations.csv` and `/declarations.json` (the index), in order. */
export const DECLARATION_COLUMNS: Column<DeclarationRow>[] = [
  {
    name: 'id',
    description: 'Identifiant : nom du fichier XML sans .xml (ou attente-… avant publication)',
    value: (d) => d.id,
  },
  { name: 'civilite', description: 'M. ou Mme', value: (d) => d.civility },
  { name: 'prenom', description: 'Prénom du déclarant', value: (d) => d.first_name },
  { name: 'nom', description: 'Nom du déclarant', value: (d) => d.last_name },
  {
    name: 'declarant',
    description: 'Clé HATVP du déclarant (classement), commune à toutes ses déclarations',
    value: (d) => d.declarant_key,
  },
  {
    name: 'type_mandat',
    description: 'Type de mandat (depute, senateur, commune, epci, gouvernement…)',
    value: (d) => d.mandate_type,
  },
  {
    name: 'qualite',
    description: 'Qualité du déclarant (ex. Député du Rhône)',
    value: (d) => d.qualite,
  },
  {
    name: 'type_document',
    description: 'di, dia (initiale), dim, diam (modificative), dsp, dspm, dspfm (patrimoine)',
    value: (d) => d.document_type,
  },
  {
    name: 'departement',
    description: 'Département indiqué par la HATVP',
    value: (d) => d.departement,
  },
  { name: 'date_depot', description: 'Date de dépôt (AAAA-MM-JJ)', value: (d) => d.deposited_on },
  {
    name: 'date_publication',
    description: 'Date de publication (AAAA-MM-JJ)',
    value: (d) => d.published_on,
  },
  {
    name: 'statut_publication',
    description: 'Statut de publication selon la HATVP',
    value: (d) => d.publication_status,
  },
  {
    name: 'depute_uid',
    description: 'Identifiant AN (PA…) du député lié, vide si aucun',
    value: (d) => d.acteur_uid,
  },
  {
    name: 'liaison',
    description:
      'Règle qui a lié le déclarant au député : id_origine, url_dossier ou nom_departement',
    value: (d) => d.link_method,
  },
  {
    name: 'groupe',
    description: 'Sigle du groupe actuel du député lié',
    value: (d) => d.group_abbreviation,
  },
  {
    name: 'en_vigueur',
    description:
      'true si aucune version plus récente de la même série (déclarant, type de mandat, intérêts ou patrimoine)',
    value: (d) => d.superseded_by === null,
  },
  {
    name: 'remplacee_par',
    description: 'Identifiant de la version suivante',
    value: (d) => d.superseded_by,
  },
  {
    name: 'etat_xml',
    description:
      'ok, pending, none (non publié), skipped (patrimoine, non lu), missing (404), failed, invalid',
    value: (d) => d.xml_status,
  },
  {
    name: 'erreur_xml',
    description: 'Raison de l’échec de lecture, ou nombre d’avertissements',
    value: (d) => d.xml_error,
  },
  {
    name: 'elements',
    description: 'Nombre d’éléments lus dans le fichier XML',
    value: (d) => d.items,
  },
  {
    name: 'url',
    description: 'Page de la déclaration sur ce site',
    value: (d) => declarationLinks(d).page,
  },
  {
    name: 'url_pdf',
    description: 'PDF publié par la HATVP',
    value: (d) => declarationLinks(d).pdf,
  },
  {
    name: 'url_xml',
    description: 'Fichier XML publié par la HATVP',
    value: (d) => declarationLinks(d).xml,
  },
  {
    name: 'url_hatvp',
    description: 'Page du déclarant sur le site de la HATVP',
    value: (d) => declarationLinks(d).hatvp,
  },
];

/** Columns of `/declarations/items.csv` and `.json`: one row per declared item. */
export const ITEM_COLUMNS: Column<ItemRow>[] = [
  {
    name: 'declaration',
    description: 'Identifiant de la déclaration',
    value: (i) => i.declaration_id,
  },
  { name: 'prenom', description: 'Prénom du déclarant', value: (i) => i.first_name },
  { name: 'nom', description: 'Nom du déclarant', value: (i) => i.last_name },
  { name: 'type_mandat', description: 'Type de mandat du déclarant', value: (i) => i.mandate_type },
  {
    name: 'type_document',
    description: 'Type de déclaration (di, dia, dim, diam)',
    value: (i) => i.document_type,
  },
  {
    name: 'date_depot',
    description: 'Date de dépôt de la déclaration',
    value: (i) => i.deposited_on,
  },
  {
    name: 'en_vigueur',
    description: 'true si la déclaration est la dernière version lisible de sa série',
    value: (i) => i.current === 1,
  },
  { name: 'depute_uid', description: 'Identifiant AN du député lié', value: (i) => i.acteur_uid },
  {
    name: 'groupe',
    description: 'Sigle du groupe actuel du député lié',
    value: (i) => i.group_abbreviation,
  },
  {
    name: 'rubrique',
    description:
      'activite, consultant, dirigeant, participation, conjoint, benevole, mandat, collaborateur, observation',
    value: (i) => i.section,
  },
  {
    name: 'rubrique_libelle',
    description: 'Intitulé de la rubrique',
    value: (i) => sectionLabel(i.section),
  },
  { name: 'rang', description: 'Rang de l’élément dans sa rubrique', value: (i) => i.position },
  {
    name: 'organisme',
    description: 'Employeur, société, structure (selon la rubrique)',
    value: (i) => i.organisation,
  },
  {
    name: 'description',
    description: 'Activité, fonction, mandat ou texte de l’observation',
    value: (i) => i.description,
  },
  {
    name: 'personne',
    description: 'Nom du collaborateur (celui du conjoint n’est pas publié)',
    value: (i) => i.person,
  },
  { name: 'debut', description: 'Début (AAAA-MM)', value: (i) => i.start_month },
  { name: 'fin', description: 'Fin (AAAA-MM), vide si en cours', value: (i) => i.end_month },
  {
    name: 'conservee',
    description: 'true si l’activité est conservée pendant le mandat',
    value: (i) => flag(i.kept),
  },
  {
    name: 'remuneration_type',
    description: 'brut ou net, pour les montants annuels',
    value: (i) => i.gross_net,
  },
  {
    name: 'montants',
    description: 'Montants annuels en euros : « 2020: 40910 | 2021: 44206 »',
    value: (i) => amountsCell(i.amounts),
  },
  {
    name: 'montant_total',
    description: 'Somme des montants annuels',
    value: (i) => i.amount_total,
  },
  { name: 'derniere_annee', description: 'Dernière année déclarée', value: (i) => i.last_year },
  {
    name: 'dernier_montant',
    description: 'Montant de la dernière année déclarée',
    value: (i) => i.last_amount,
  },
  {
    name: 'valeur',
    description: 'Participation financière : valeur déclarée en euros',
    value: (i) => i.value,
  },
  {
    name: 'capital_detenu',
    description: 'Participation financière : part du capital détenue (%)',
    value: (i) => i.capital_share,
  },
  {
    name: 'nombre_parts',
    description: 'Participation financière : nombre de parts',
    value: (i) => i.shares,
  },
  {
    name: 'revenus',
    description: 'Participation financière : rémunération perçue, en euros si c’est un nombre',
    value: (i) => i.income,
  },
  {
    name: 'revenus_texte',
    description: 'Participation financière : rémunération telle que déclarée',
    value: (i) => i.income_text,
  },
  {
    name: 'activite_conseil',
    description: 'Participation financière : le déclarant conseille la société',
    value: (i) => flag(i.advisory),
  },
  {
    name: 'organisme_conseil',
    description: 'Participation financière : organisme conseillé',
    value: (i) => i.advisory_org,
  },
  { name: 'commentaire', description: 'Commentaire du déclarant', value: (i) => i.comment },
  {
    name: 'donnees_masquees',
    description: 'true si une partie du texte est « [Données non publiées] » (alors vide)',
    value: (i) => i.redacted === 1,
  },
  {
    name: 'url',
    description: 'Page de la déclaration sur ce site',
    value: (i) => `/declarations/${encodeURIComponent(i.declaration_id)}`,
  },
  {
    name: 'url_pdf',
    description: 'PDF publié par la HATVP',
    value: (i) => (i.pdf_file ? hatvpUrls.file(i.pdf_file) : null),
  },
];

/** Columns of `/declarations/non-liees.csv` and `.json`. */
export const UNLINKED_COLUMNS: Column<Declarant>[] = [
  { name: 'declarant', description: 'Clé HATVP du déclarant', value: (d) => d.key },
  { name: 'prenom', description: 'Prénom', value: (d) => d.first_name },
  { name: 'nom', description: 'Nom', value: (d) => d.last_name },
  {
    name: 'departement',
    description: 'Département de ses déclarations de député',
    value: (d) => d.departement,
  },
  {
    name: 'id_origine',
    description: 'Identifiant AN indiqué par la HATVP',
    value: (d) => d.origin_id,
  },
  { name: 'declarations', description: 'Nombre de déclarations', value: (d) => d.declarations },
  {
    name: 'raison',
    description: 'Pourquoi aucun député ne correspond',
    value: (d) => d.unlinked_reason,
  },
  {
    name: 'url_hatvp',
    description: 'Page du déclarant sur le site de la HATVP',
    value: (d) => (d.hatvp_path ? hatvpUrls.page(d.hatvp_path) : null),
  },
];

/** Columns of `/declarations/anomalies.csv` and `.json`. */
export const PROBLEM_COLUMNS: Column<ProblemRow>[] = [
  {
    name: 'type',
    description:
      'ligne (index), absent (404), http, xml (illisible), robots, section, champ, montant, date',
    value: (p) => p.kind,
  },
  { name: 'message', description: 'Raison', value: (p) => p.message },
  {
    name: 'ligne',
    description: 'Ligne de liste.csv, pour une ligne illisible',
    value: (p) => p.line,
  },
  {
    name: 'declaration',
    description: 'Identifiant de la déclaration concernée',
    value: (p) => p.declaration_id,
  },
  { name: 'fichier', description: 'Fichier XML concerné', value: (p) => p.xml_file },
  { name: 'prenom', description: 'Prénom du déclarant', value: (p) => p.first_name },
  { name: 'nom', description: 'Nom du déclarant', value: (p) => p.last_name },
  { name: 'date', description: 'Date du constat', value: (p) => p.recorded_at },
];

/** `/declarations/<id>.json`: the index record, the items with their amounts, the problems and versions. */
export function declarationJson(detail: DeclarationDetail) {
  const record = Object.fromEntries(
    DECLARATION_COLUMNS.map((c) => [c.name, c.value(detail.declaration)]),
  );
  return {
    ...record,
    date_depot_xml: detail.declaration.deposited_at,
    qualite_pdf: detail.declaration.office,
    debut_mandat: detail.declaration.mandate_start,
    fin_mandat: detail.declaration.mandate_end,
    elements_details: detail.items.map((i) => ({
      ...Object.fromEntries(
        ITEM_COLUMNS.filter((c) => !['prenom', 'nom', 'declaration'].includes(c.name)).map((c) => [
          c.name,
          c.value(i),
        ]),
      ),
      montants: i.amounts.map((a) => ({ annee: a.year, montant: a.amount, texte: a.text })),
    })),
    anomalies: detail.problems.map((p) => ({ type: p.kind, message: p.message })),
    versions: detail.history.map((h) => ({
      id: h.id,
      type_mandat: h.mandate_type,
      type_document: h.document_type,
      date_depot: h.deposited_on,
      en_vigueur: h.superseded_by === null,
      url: declarationLinks(h).page,
    })),
  };
}

/** `declarations_hatvp` in `/deputes/<uid>.json`: the current declaration's summary and every version. */
export function deputyDeclarationsJson(data: DeputyDeclarations | null) {
  if (!data) return null;
  const { interest, history } = data;
  return {
    declaration_en_vigueur: interest.current_id,
    date_depot: interest.current_deposited_on,
    version_plus_recente_illisible: interest.update_pending === 1,
    elements_par_rubrique: Object.fromEntries(SECTIONS.map((s) => [s, interest[s]])),
    valeur_participations: interest.participation_value,
    declarations: history.map((h) => ({
      id: h.id,
      type_mandat: h.mandate_type,
      type_document: h.document_type,
      date_depot: h.deposited_on,
      en_vigueur: h.superseded_by === null,
      etat_xml: h.xml_status,
      url: declarationLinks(h).page,
      url_pdf: declarationLinks(h).pdf,
    })),
  };
}
