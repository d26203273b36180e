// The sections of a HATVP declaration of interests and how their XML fields map to the typed
// columns of an item. One table for every section keeps a search across sections simple; the
// mapping below says which column holds what in each section.

export const SECTIONS = [
  'activite',
  'consultant',
  'dirigeant',
  'participation',
  'conjoint',
  'benevole',
  'mandat',
  'collaborateur',
  'observation',
] as const;

export type Section = (typeof SECTIONS)[number];

/** Text columns an XML field can fill. */
export type TextColumn = 'organisation' | 'description' | 'person' | 'comment' | 'advisory_org';

export interface SectionSpec {
  /** Element name in the XML (`activProfCinqDerniereDto`). */
  element: string;
  label: string;
  /** XML field → text column. */
  text: Record<string, TextColumn>;
  /** The section has `dateDebut`/`dateFin` months. */
  period: boolean;
  /** The section has `remuneration` with yearly amounts. */
  yearly: boolean;
  /** The section has a `conservee` flag (activity kept during the mandate). */
  kept: boolean;
  /** Financial participation fields: value, capital share, shares, income, advisory role. */
  holding: boolean;
}

export const SECTION_SPECS: Record<Section, SectionSpec> = {
  activite: {
    element: 'activProfCinqDerniereDto',
    label: 'Activités professionnelles des cinq dernières années',
    text: { employeur: 'organisation', description: 'description' },
    period: true,
    yearly: true,
    kept: true,
    holding: false,
  },
  consultant: {
    element: 'activConsultantDto',
    label: 'Activités de consultant',
    text: { nomEmployeur: 'organisation', description: 'description' },
    period: true,
    yearly: true,
    kept: true,
    holding: false,
  },
  dirigeant: {
    element: 'participationDirigeantDto',
    label: "Participation aux organes dirigeants d'un organisme public ou privé",
    text: { nomSociete: 'organisation', activite: 'description' },
    period: true,
    yearly: true,
    kept: true,
    holding: false,
  },
  participation: {
    element: 'participationFinanciereDto',
    label: "Participations financières directes dans le capital d'une société",
    text: { nomSociete: 'organisation', nomOrganisationConseil: 'advisory_org' },
    period: false,
    yearly: false,
    kept: false,
    holding: true,
  },
  conjoint: {
    element: 'activProfConjointDto',
    label: 'Activités professionnelles du conjoint',
    text: { employeurConjoint: 'organisation', activiteProf: 'description', nomConjoint: 'person' },
    period: false,
    yearly: false,
    kept: false,
    holding: false,
  },
  benevole: {
    element: 'fonctionBenevoleDto',
    label: 'Fonctions bénévoles',
    text: { nomStructure: 'organisation', descriptionActivite: 'description' },
    period: false,
    yearly: false,
    kept: true,
    holding: false,
  },
  mandat: {
    element: 'mandatElectifDto',
    label: 'Fonctions et mandats électifs',
    text: { descriptionMandat: 'description' },
    period: true,
    yearly: true,
    kept: true,
    holding: false,
  },
  collaborateur: {
    element: 'activCollaborateursDto',
    label: 'Collaborateurs parlementaires et leurs autres activités',
    text: { nom: 'person', employeur: 'organisation', descriptionActivite: 'description' },
    period: false,
    yearly: false,
    kept: false,
    holding: false,
  },
  observation: {
    element: 'observationInteretDto',
    label: 'Observations',
    text: { contenu: 'description' },
    period: false,
    yearly: false,
    kept: false,
    holding: false,
  },
};

/**
 * Sections of a declaration of assets (DSP): known, recorded as present, not itemised here
 * (assets are published for consultation only and outside this tracker's scope).
 */
export const ASSET_SECTIONS = new Set([
  'immeubleDto',
  'sciDto',
  'valeursEnBourseDto',
  'valeursNonEnBourseDto',
  'assuranceVieDto',
  'comptesBancaireDto',
  'fondDto',
  'bienDiverDto',
  'vehiculeDto',
  'autreBienDto',
  'bienEtrangerDto',
  'passifDto',
  'observationPatrimoineDto',
  'evenementMajeurDto',
  'revenuMandatDto',
]);

/** Item fields every section may have besides its own. */
export const COMMON_ITEM_FIELDS = new Set(['motif', 'commentaire']);

/** Fields of a financial participation item. */
export const HOLDING_FIELDS = new Set([
  'evaluation',
  'capitalDetenu',
  'nombreParts',
  'remuneration',
  'actiConseil',
]);

/** A section's code from its XML element name, or null when unknown. */
export function sectionOfElement(element: string): Section | null {
  return SECTIONS.find((s) => SECTION_SPECS[s].element === element) ?? null;
}
