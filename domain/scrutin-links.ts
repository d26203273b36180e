// Vocabulary of the links between scrutins and what they decide: how a scrutin was linked to
// an amendment or a dossier, and why a scrutin naming an amendment is left unlinked. Written
// at ingest (scrapers/lib/scrutin-links.ts), read by the pages and exports.

/** How a scrutin was linked to an amendment. */
export const LINK_METHODS = {
  reference: 'référence du scrutin (objet.referenceLegislative)',
  'titre-seance':
    "numéro (et auteur) lus dans l'intitulé, amendement de séance discuté à la séance du scrutin",
  'titre-dossier':
    "numéro (et auteur) lus dans l'intitulé, amendement de séance du dossier du scrutin (nommé par ses étapes ou par le fichier du scrutin ; à défaut, un dossier dont l'intitulé ou ceux de ses textes concordent avec le texte que nomme l'intitulé du scrutin), non discuté à la séance du scrutin",
} as const;
export type LinkMethod = keyof typeof LINK_METHODS;

/** Why a scrutin whose title names an amendment is not linked to one. */
export const UNRESOLVED_REASONS = {
  'titre-incompris': "intitulé non compris (aucun numéro d'amendement lisible)",
  'texte-absent': "les amendements du texte voté ne sont pas dans l'archive",
  'numero-absent':
    "texte présent dans l'archive, mais aucun amendement de séance ne porte ce numéro",
  'auteur-different': "des amendements portent ce numéro, mais aucun n'est de l'auteur nommé",
  'plusieurs-candidats': "plusieurs amendements de séance répondent : aucun n'est choisi",
} as const;
export type UnresolvedReason = keyof typeof UNRESOLVED_REASONS;

/** How a scrutin was linked to a dossier (scrutin_dossier.method). */
export const DOSSIER_METHODS = {
  etapes: 'une étape du dossier nomme le scrutin',
  reference: 'le fichier du scrutin nomme le dossier (objet.dossierLegislatif)',
  amendement: "dossier de l'amendement voté",
} as const;
export type DossierMethod = keyof typeof DOSSIER_METHODS;
