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

export type GeoArea = Selectable<GeoAreaTable>;

export type NewGeoInseeRow = Insertable<GeoInseeRowTable>;

export type NewGeoLaposteRow = Insertable<GeoLaposteRowTable>;
