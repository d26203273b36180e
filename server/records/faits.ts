import type { FactRecordRow } from '../../db/queries/faits.ts';
import type { FactKind } from '../../domain/facts.ts';
import type { Column } from '../lib/export.ts';

/** French label of a fact type. */
export const FACT_KIND_LABELS: Record<FactKind, string> = {
  fonction_partisane: 'Fonction partisane',
  lien_familial: 'Lien familial',
  autre: 'Autre',
};

/** Columns of `/faits.csv` and `/faits.json` (and of `faits` in `/deputes/<uid>.json`). */
export const FACT_COLUMNS: Column<FactRecordRow>[] = [
  { name: 'depute_uid', description: 'Identifiant du député (PA…)', value: (f) => f.acteur_uid },
  { name: 'prenom', description: 'Prénom', value: (f) => f.first_name },
  { name: 'nom', description: 'Nom', value: (f) => f.last_name },
  { name: 'groupe', description: 'Sigle du groupe actuel', value: (f) => f.group_abbreviation },
  {
    name: 'type',
    description: 'fonction_partisane, lien_familial ou autre',
    value: (f) => f.kind,
  },
  {
    name: 'libelle',
    description: 'Ce que dit le fait (ex. « Trésorière »)',
    value: (f) => f.label,
  },
  { name: 'valeur', description: 'Sa valeur (ex. « Parti A »)', value: (f) => f.value },
  { name: 'source', description: 'Adresse de la source consultée', value: (f) => f.source_url },
  {
    name: 'verifie_le',
    description: 'Date (AAAA-MM-JJ) à laquelle une personne a vérifié le fait à sa source',
    value: (f) => f.verified_on,
  },
  {
    name: 'importe_le',
    description: 'Date et heure de la première importation (ISO 8601)',
    value: (f) => f.imported_at,
  },
  {
    name: 'modifie_le',
    description: 'Date et heure de la dernière modification (ISO 8601)',
    value: (f) => f.updated_at,
  },
];

/** A fact as a JSON object keyed by the documented column names. */
export function factJson(f: FactRecordRow) {
  return Object.fromEntries(FACT_COLUMNS.map((c) => [c.name, c.value(f)]));
}
