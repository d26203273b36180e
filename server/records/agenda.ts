// Meetings and their attendance as the exports show them.
import type { PresenceDumpRow, ReunionRow } from '../../db/queries/agenda.ts';
import type { Column } from '../lib/export.ts';

/** Columns of `/exports/presences.csv`, one row per (meeting, member); documented on /donnees. */
export const PRESENCE_DUMP_COLUMNS: Column<PresenceDumpRow>[] = [
  {
    name: 'reunion_uid',
    description: 'Identifiant de la réunion (RU…)',
    value: (r) => r.reunion_uid,
  },
  {
    name: 'jour',
    description: 'Jour de la réunion, heure de Paris (AAAA-MM-JJ)',
    value: (r) => r.day,
  },
  { name: 'semaine', description: 'Sa semaine ISO (2024-W29)', value: (r) => r.week },
  {
    name: 'type',
    description: 'commission (réunion de commission ou d’organe), seance ou initiative',
    value: (r) => r.kind,
  },
  {
    name: 'etat',
    description: 'État publié : Confirmé, Annulé, Supprimé, Eventuel',
    value: (r) => r.etat,
  },
  {
    name: 'comptee',
    description: 'true si la réunion compte dans les taux de présence (ni annulée ni supprimée)',
    value: (r) => r.counted === 1,
  },
  {
    name: 'organe_uid',
    description: 'Identifiant de l’organe réuni (PO…)',
    value: (r) => r.organe_uid,
  },
  { name: 'organe', description: 'Nom de l’organe réuni', value: (r) => r.organe_label },
  { name: 'acteur_uid', description: 'Identifiant du membre (PA…)', value: (r) => r.acteur_uid },
  { name: 'prenom', description: 'Prénom (vide hors du référentiel)', value: (r) => r.first_name },
  { name: 'nom', description: 'Nom (vide hors du référentiel)', value: (r) => r.last_name },
  {
    name: 'presence',
    description: 'present, absent ou excuse, tel que publié',
    value: (r) => r.presence,
  },
];

/** Columns of `/agenda.csv` and `/agenda.json`, in order; documented on /donnees. */
export const REUNION_COLUMNS: Column<ReunionRow>[] = [
  { name: 'uid', description: 'Identifiant de la réunion (RU…)', value: (r) => r.uid },
  { name: 'jour', description: 'Jour, heure de Paris (AAAA-MM-JJ)', value: (r) => r.day },
  { name: 'debut', description: 'Début publié (ISO avec décalage)', value: (r) => r.start },
  { name: 'fin', description: 'Fin publiée, ou vide', value: (r) => r.end },
  { name: 'type', description: 'commission, seance ou initiative', value: (r) => r.kind },
  { name: 'organe_uid', description: 'Identifiant de l’organe réuni', value: (r) => r.organe_uid },
  { name: 'organe', description: 'Nom de l’organe réuni', value: (r) => r.organe_label },
  {
    name: 'etat',
    description: 'État publié : Confirmé, Annulé, Supprimé, Eventuel',
    value: (r) => r.etat,
  },
  {
    name: 'comptee',
    description: 'true si elle compte dans les chiffres (ni annulée ni supprimée)',
    value: (r) => r.counted === 1,
  },
  {
    name: 'presences_publiees',
    description: 'true si la liste de présence est publiée',
    value: (r) => r.attendance_published === 1,
  },
  { name: 'lieu', description: 'Lieu publié', value: (r) => r.place },
  {
    name: 'ordre_du_jour',
    description: 'Points de l’ordre du jour, séparés par « | »',
    value: (r) => r.items.join(' | '),
  },
];
