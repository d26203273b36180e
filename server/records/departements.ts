import type { Departement } from '../../db/queries/departements.ts';
import type { Column } from '../lib/export.ts';

/** `/departements/33`. */
export function departementPath(code: string): string {
  return `/departements/${encodeURIComponent(code)}`;
}

/** Columns of `/departements.csv` and `.json`. */
export const DEPARTEMENT_COLUMNS: Column<Departement>[] = [
  {
    name: 'departement',
    description:
      'Code du département, comme l’écrit l’AN (33, 2A, 971 ; 099 : Français établis hors de France)',
    value: (d) => d.code,
  },
  { name: 'departement_nom', description: 'Nom du département', value: (d) => d.name },
  {
    name: 'circonscriptions',
    description: 'Circonscriptions législatives',
    value: (d) => d.circonscriptions,
  },
  {
    name: 'sieges_vacants',
    description: 'Dont sièges sans député en exercice',
    value: (d) => d.vacant,
  },
  {
    name: 'communes',
    description: 'Communes (INSEE et La Poste, arrondissements non comptés ; vide hors de France)',
    value: (d) => d.communes,
  },
];
