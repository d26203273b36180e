import type { ChangeRow } from '../../db/queries/changements.ts';
import type { Column } from '../lib/export.ts';

/** French label of each known event kind; other kinds (from newer sources) show as they are. */
export const KIND_LABELS: Record<string, string> = {
  initial_import: 'Import initial',
  source_updated: 'Source mise à jour',
  shrink_accepted: 'Réduction de la source acceptée par l’opérateur',
  took_office: 'Prise de fonctions',
  left_office: 'Fin de mandat',
  new_acteur: 'Nouvelle personne au référentiel',
  acteur_removed: 'Retrait du référentiel',
  group_change: 'Changement de groupe',
  party_change: 'Changement de parti',
  role_change: 'Fonction en commission ou délégation',
  profession_change: 'Changement de profession',
  contact_change: 'Changement de coordonnées',
  name_change: 'Changement de nom',
  seat_change: 'Changement de circonscription',
  new_scrutin: 'Nouveau scrutin',
  scrutin_changed: 'Scrutin modifié',
  new_dossier: 'Nouveau dossier législatif',
  dossier_state_changed: 'Dossier législatif : nouvelle étape ou nouvel état',
  new_amendement: 'Nouvel amendement',
  amendement_sort_changed: 'Sort d’un amendement',
  amendement_removed: 'Amendement retiré des données',
  new_reunion: 'Nouvelle réunion',
  reunion_cancelled: 'Réunion annulée ou supprimée',
  reunion_attendance_published: 'Liste de présence publiée',
  reunion_removed: 'Réunion retirée des données',
  new_declaration: 'Nouvelle déclaration',
  lobby_registered: 'Représentant d’intérêts inscrit au répertoire',
  lobby_activity_new: 'Nouvelle activité de représentation d’intérêts',
  lobby_expense_changed: 'Tranche de dépenses d’un représentant d’intérêts modifiée',
  new_declaration_version: 'Nouvelle version d’une déclaration',
  page_change: 'Changement sur une page suivie (vérifié)',
  fact_added: 'Fait vérifié ajouté',
  fact_changed: 'Fait vérifié modifié',
};

/** French label of each known entity type. */
export const ENTITY_LABELS: Record<string, string> = {
  depute: 'Député',
  scrutin: 'Scrutin',
  dossier: 'Dossier législatif',
  amendement: 'Amendement',
  reunion: 'Réunion',
  declaration: 'Déclaration HATVP',
  lobby: 'Représentant d’intérêts',
  source: 'Source',
  page: 'Page suivie',
  fact: 'Fait vérifié',
};

export const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind;
export const entityLabel = (type: string) => ENTITY_LABELS[type] ?? type;

/** The site page of an entity, when it has one. */
export function entityPath(row: Pick<ChangeRow, 'entity_type' | 'entity_id'>): string | null {
  const id = row.entity_id;
  if (row.entity_type === 'depute' && /^PA\d+$/.test(id)) return `/deputes/${id}`;
  if (row.entity_type === 'scrutin') {
    const n = /^VTANR\d+L\d+V(\d+)$/.exec(id)?.[1];
    return n ? `/scrutins/${n}` : null;
  }
  if (row.entity_type === 'dossier' && /^DLR[0-9A-Z]+$/.test(id)) return `/dossiers/${id}`;
  if (row.entity_type === 'declaration') return `/declarations/${encodeURIComponent(id)}`;
  if (row.entity_type === 'lobby' && /^\d+$/.test(id)) return `/lobbies/${id}`;
  if (row.entity_type === 'source') return '/sources';
  return null;
}

/** Columns of /changements.csv and .json, documented on /donnees. */
export const CHANGE_COLUMNS: Column<ChangeRow>[] = [
  {
    name: 'id',
    description: 'Numéro de l’événement (croissant, jamais réutilisé)',
    value: (r) => r.id,
  },
  {
    name: 'detecte_le',
    description: 'Date et heure de la détection (ISO 8601, UTC)',
    value: (r) => r.detected_at,
  },
  {
    name: 'type',
    description:
      'Nature du changement : initial_import, source_updated, shrink_accepted, took_office, left_office, group_change, party_change, role_change, profession_change, contact_change, name_change, seat_change, new_scrutin, scrutin_changed, new_dossier, dossier_state_changed, new_amendement, amendement_sort_changed, amendement_removed, new_reunion, reunion_cancelled, reunion_attendance_published, reunion_removed, new_declaration, new_declaration_version, lobby_registered, lobby_activity_new, lobby_expense_changed…',
    value: (r) => r.kind,
  },
  {
    name: 'type_libelle',
    description: 'Nature du changement, en clair',
    value: (r) => kindLabel(r.kind),
  },
  {
    name: 'entite_type',
    description:
      'Type de l’objet concerné : depute, scrutin, dossier, declaration, source, page, fact',
    value: (r) => r.entity_type,
  },
  {
    name: 'entite_id',
    description:
      'Identifiant de l’objet : PA… (député), VTANR5L17V… (scrutin), DLR5L17N… (dossier), nom du fichier HATVP…',
    value: (r) => r.entity_id,
  },
  {
    name: 'entite_libelle',
    description: 'Nom de l’objet au moment de la détection',
    value: (r) => r.entity_label,
  },
  {
    name: 'groupe',
    description: 'Sigle du groupe du député au moment de la détection',
    value: (r) => r.group_abbreviation,
  },
  {
    name: 'groupe_uid',
    description: 'Identifiant AN de ce groupe (PO…)',
    value: (r) => r.group_uid,
  },
  {
    name: 'champ',
    description: 'Champ modifié (groupe, profession, fonction, Mèl…)',
    value: (r) => r.field,
  },
  {
    name: 'ancienne_valeur',
    description: 'Valeur avant le changement (vide : aucune)',
    value: (r) => r.old_value,
  },
  {
    name: 'nouvelle_valeur',
    description: 'Valeur après le changement (vide : aucune)',
    value: (r) => r.new_value,
  },
  {
    name: 'detail',
    description: 'Précision lisible (libellés complets, dates)',
    value: (r) => r.detail,
  },
  {
    name: 'source',
    description: 'Source de données : an, votes, hatvp, geo…',
    value: (r) => r.source,
  },
  { name: 'source_url', description: 'Adresse publiée de la source', value: (r) => r.source_url },
  {
    name: 'collecte',
    description: 'Numéro de la collecte (crawl_run) qui l’a détecté ; vide pour une saisie humaine',
    value: (r) => r.run_id,
  },
];
