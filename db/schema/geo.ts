// Tables of the geography (source `geo`): INSEE's commune → circonscription table, La Poste's
// postcodes, and the places and counts derived from them.
import type { Generated, Insertable, Selectable } from 'kysely';

/** One row of INSEE's table; a commune in several circonscriptions has one row for each. */
export interface GeoInseeRowTable {
  id: Generated<number>;
  commune_code: string;
  commune_name: string;
  departement_code: string;
  departement_name: string;
  region_code: string | null;
  region_name: string | null;
  /** Null for the communes INSEE attaches to no circonscription. */
  circo_departement: string | null;
  circo_number: number | null;
  /** 1 for a whole commune, 0 for a part of it, null without a circonscription. */
  whole: number | null;
}

/** One row of La Poste's base: a postcode serving a commune (and a locality, line 5). */
export interface GeoLaposteRowTable {
  id: Generated<number>;
  commune_code: string;
  commune_name: string;
  postcode: string;
  delivery_label: string;
  locality: string | null;
}

/**
 * A place a search can land on: an INSEE commune, a Paris/Lyon/Marseille arrondissement, or a
 * commune only La Poste knows (overseas collectivities, Mayotte, newer communes).
 */
export interface GeoAreaTable {
  code: string;
  /** 'commune', 'arrondissement' or 'hors_insee'. */
  kind: string;
  name: string;
  /** Folded name for search (see placeKey). */
  name_key: string;
  /** The code INSEE's table uses for it: itself, or the whole city for an arrondissement. */
  city_code: string | null;
  /** Département as the AN codes it ('33', '2A', '971', '977'), null abroad. */
  departement_code: string | null;
  departement_name: string | null;
  /** How its circonscriptions are known: 'insee', 'ville', 'departement' or 'aucune'. */
  basis: string;
  /** Circonscriptions in geo_area_circo for it (0 for 'departement' and 'aucune'). */
  circo_count: number;
  /** Its postcodes, space-separated, sorted. */
  postcodes: string;
}

export interface GeoAreaCircoTable {
  area_code: string;
  departement_code: string;
  number: number;
  /** 1 when the whole area lies in the circonscription. */
  whole: number;
}

export interface GeoPostcodeTable {
  postcode: string;
  area_code: string;
  /** La Poste's localities (line 5) of this postcode in this area, ' · '-separated. */
  localities: string | null;
}

/** Counts per circonscription of INSEE's table, derived at ingest. */
export interface GeoCirconscriptionTable {
  departement_code: string;
  number: number;
  departement_name: string;
  /** Communes wholly or partly in it. */
  communes: number;
  whole_communes: number;
  /** Distinct postcodes serving those communes (or their arrondissements). */
  postcodes: number;
}

/**
 * One row of Regards Citoyens' table (circo_insee_2012.csv): a commune in a circonscription,
 * with the postcodes it has there. For Paris, Lyon and Marseille one row per circonscription
 * of the city lists the postcodes (arrondissements) that circonscription covers.
 */
export interface GeoRcRowTable {
  id: Generated<number>;
  /** INSEE code: the département and the file's three digits ('01001', '75056'). */
  commune_code: string;
  commune_name: string;
  departement_code: string;
  number: number;
  /** Its postcodes in this circonscription, space-separated, as the file lists them. */
  postcodes: string;
}

/**
 * A postcode's circonscriptions where a finer table than INSEE's answers: the postcodes of
 * Paris, Lyon and Marseille from Regards Citoyens' table, derived at ingest.
 */
export interface GeoPostcodeCircoTable {
  postcode: string;
  departement_code: string;
  number: number;
  /** The table that answered: 'regards_citoyens'. */
  basis: string;
}

/** A country or territory and the circonscription of French people abroad it belongs to (circo_etranger.csv). */
export interface GeoAbroadCountryTable {
  /** ISO 3166-1 alpha-2 code ('BE', 'MC'). */
  code: string;
  /** As the file writes it ('Canada (le)', 'Belgique'). */
  name: string;
  /** Folded name for search (see placeKey), without the article in brackets. */
  name_key: string;
  iso_a3: string | null;
  /** 1–11; null for France and its overseas territories (the file's 0) and for countries attached to none (-1). */
  number: number | null;
}

/** A circonscription's contour (2012 boundaries, simplified), from data.gouv's GeoJSON. */
export interface GeoContourTable {
  /** Département as the AN codes it ('33', '2A', '971'; the file's 'ZA' is Guadeloupe). */
  departement_code: string;
  number: number;
  /** The GeoJSON geometry (Polygon or MultiPolygon, longitude/latitude), as published. */
  geometry: string;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
}

export type GeoArea = Selectable<GeoAreaTable>;

export type GeoContour = Selectable<GeoContourTable>;

export type NewGeoInseeRow = Insertable<GeoInseeRowTable>;

export type NewGeoLaposteRow = Insertable<GeoLaposteRowTable>;
