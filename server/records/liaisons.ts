import type { UnresolvedRow } from '../../db/queries/liaisons.ts';
import { UNRESOLVED_REASONS, type UnresolvedReason } from '../../domain/scrutin-links.ts';
import type { Column } from '../lib/export.ts';

/** The French label of an unresolved reason. */
export const reasonLabel = (reason: string | null) =>
  reason ? (UNRESOLVED_REASONS[reason as UnresolvedReason] ?? reason) : null;

/** Columns of `/methodologie/liaisons.csv` and `.json`: the unlinked amendment numbers. */
export const UNRESOLVED_COLUMNS: Column<UnresolvedRow>[] = [
  { name: 'scrutin', description: 'Numéro du scrutin', value: (r) => r.number },
  { name: 'scrutin_uid', description: 'Identifiant AN du scrutin (VTANR…)', value: (r) => r.uid },
  { name: 'date', description: 'Date du scrutin (AAAA-MM-JJ)', value: (r) => r.date },
  { name: 'titre', description: 'Intitulé du scrutin', value: (r) => r.title },
  {
    name: 'rang',
    description: "Rang du numéro dans l'intitulé (1 : l'amendement voté ; 2… : vote commun)",
    value: (r) => r.position,
  },
  {
    name: 'numero_amendement',
    description: "Numéro d'amendement lu dans l'intitulé, vide s'il est illisible",
    value: (r) => r.numero,
  },
  { name: 'auteur_intitule', description: "Auteur nommé par l'intitulé", value: (r) => r.author },
  {
    name: 'motif',
    description:
      'titre-incompris, texte-absent, numero-absent, auteur-different ou plusieurs-candidats',
    value: (r) => r.reason,
  },
  { name: 'motif_libelle', description: 'Le motif en clair', value: (r) => reasonLabel(r.reason) },
  {
    name: 'candidats',
    description: "Amendements de séance du texte voté portant ce numéro (avant l'auteur)",
    value: (r) => r.candidates,
  },
  {
    name: 'texte_dans_archive',
    description: "true si l'archive contient des amendements du texte voté",
    value: (r) => r.text_in_archive === 1,
  },
];
