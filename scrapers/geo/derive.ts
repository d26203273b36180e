import type { InseeRow, LaposteRow } from './parse.ts';
import {
  anDepartementOf,
  ARRONDISSEMENT_CITIES,
  arrondissementName,
  arrondissementOf,
  type Basis,
  laPosteDisplayName,
  localityLabel,
  placeKey,
  placeNameIndex,
} from '../../domain/places.ts';

/**
 * How an area's circonscriptions are known: 'insee' from INSEE's table, 'ville' from the whole
 * city's row (an arrondissement), 'departement' any of its département's (a commune INSEE's
 * table lacks: Mayotte, overseas collectivities, newer communes), 'aucune' none.
 */

export interface AreaRecord {
  code: string;
  kind: 'commune' | 'arrondissement' | 'hors_insee';
  name: string;
  name_key: string;
  city_code: string | null;
  departement_code: string | null;
  departement_name: string | null;
  basis: Basis;
  circo_count: number;
  postcodes: string;
}

export interface AreaCircoRecord {
  area_code: string;
  departement_code: string;
  number: number;
  whole: number;
}

export interface PostcodeRecord {
  postcode: string;
  area_code: string;
  localities: string | null;
}

export interface CirconscriptionRecord {
  departement_code: string;
  number: number;
  departement_name: string;
  communes: number;
  whole_communes: number;
  postcodes: number;
}

export interface GeoTables {
  areas: AreaRecord[];
  areaCircos: AreaCircoRecord[];
  postcodes: PostcodeRecord[];
  circonscriptions: CirconscriptionRecord[];
}

interface Commune {
  name: string;
  departement: string;
  departementName: string;
  /** By "dep-number"; a commune listed twice in one circonscription counts once, as a part. */
  circos: Map<string, { departement: string; number: number; whole: number }>;
}

const circoKey = (departement: string, number: number) => `${departement}-${number}`;

/**
 * Joins INSEE's table and La Poste's base: the areas a search can land on, their
 * circonscriptions, postcodes, and the counts of communes and postcodes per circonscription.
 * `formerNames` (accented names of former communes) help write La Poste's localities.
 */
export function deriveGeo(
  insee: readonly InseeRow[],
  laposte: readonly LaposteRow[],
  formerNames: Iterable<string> = [],
): GeoTables {
  const departementNames = new Map<string, string>();
  const communes = new Map<string, Commune>();
  for (const row of insee) {
    if (!departementNames.has(row.departement_code))
      departementNames.set(row.departement_code, row.departement_name);
    let commune = communes.get(row.commune_code);
    if (!commune) {
      commune = {
        name: row.commune_name,
        departement: row.departement_code,
        departementName: row.departement_name,
        circos: new Map(),
      };
      communes.set(row.commune_code, commune);
    }
    if (row.circo_departement === null || row.circo_number === null) continue;
    const key = circoKey(row.circo_departement, row.circo_number);
    const seen = commune.circos.get(key);
    commune.circos.set(key, {
      departement: row.circo_departement,
      number: row.circo_number,
      whole: seen ? 0 : (row.whole ?? 0),
    });
  }

  // La Poste: postcodes and localities of each commune code, localities written as people do.
  const knownNames = placeNameIndex([...insee.map((r) => r.commune_name), ...formerNames]);
  const served = new Map<string, { name: string; postcodes: Map<string, Set<string>> }>();
  for (const row of laposte) {
    let entry = served.get(row.commune_code);
    if (!entry) {
      entry = { name: row.commune_name, postcodes: new Map() };
      served.set(row.commune_code, entry);
    }
    const localities = entry.postcodes.get(row.postcode) ?? new Set<string>();
    if (row.locality) localities.add(localityLabel(row.locality, knownNames));
    entry.postcodes.set(row.postcode, localities);
  }

  const areas = new Map<string, AreaRecord>();
  const areaCircos: AreaCircoRecord[] = [];
  const addArea = (
    area: Omit<AreaRecord, 'name_key' | 'circo_count' | 'postcodes'>,
    circos: { departement: string; number: number; whole: number }[],
  ) => {
    areas.set(area.code, {
      ...area,
      name_key: placeKey(area.name),
      circo_count: circos.length,
      postcodes: [...(served.get(area.code)?.postcodes.keys() ?? [])].sort().join(' '),
    });
    for (const c of circos)
      areaCircos.push({
        area_code: area.code,
        departement_code: c.departement,
        number: c.number,
        whole: c.whole,
      });
  };

  for (const [code, commune] of communes) {
    const circos = [...commune.circos.values()];
    addArea(
      {
        code,
        kind: 'commune',
        name: commune.name,
        city_code: code,
        departement_code: commune.departement,
        departement_name: commune.departementName,
        basis: circos.length > 0 ? 'insee' : 'aucune',
      },
      circos,
    );
  }
  const cityPostcodes = new Map<string, Set<string>>();
  for (const [code, entry] of served) {
    if (communes.has(code)) continue;
    const arrondissement = arrondissementOf(code);
    const city = arrondissement ? communes.get(arrondissement.city) : undefined;
    if (arrondissement && city) {
      const circos = [...city.circos.values()];
      addArea(
        {
          code,
          kind: 'arrondissement',
          name: arrondissementName(city.name, arrondissement.n),
          city_code: arrondissement.city,
          departement_code: city.departement,
          departement_name: city.departementName,
          basis: circos.length > 0 ? 'ville' : 'aucune',
        },
        circos,
      );
      const postcodes = cityPostcodes.get(arrondissement.city) ?? new Set<string>();
      for (const p of entry.postcodes.keys()) postcodes.add(p);
      cityPostcodes.set(arrondissement.city, postcodes);
      continue;
    }
    const departement = anDepartementOf(code);
    addArea(
      {
        code,
        kind: 'hors_insee',
        name: laPosteDisplayName(entry.name),
        city_code: null,
        departement_code: departement,
        departement_name: departement ? (departementNames.get(departement) ?? null) : null,
        basis: departement ? 'departement' : 'aucune',
      },
      [],
    );
  }
  // A whole city shows its arrondissements' postcodes.
  for (const [city, postcodes] of cityPostcodes) {
    const area = areas.get(city);
    if (area && area.postcodes === '') area.postcodes = [...postcodes].sort().join(' ');
  }

  const postcodes: PostcodeRecord[] = [];
  for (const [code, entry] of served) {
    for (const [postcode, localities] of entry.postcodes) {
      postcodes.push({
        postcode,
        area_code: code,
        localities: localities.size > 0 ? [...localities].sort().join(' · ') : null,
      });
    }
  }

  const perCirco = new Map<
    string,
    {
      departement: string;
      number: number;
      communes: Set<string>;
      whole: number;
      postcodes: Set<string>;
    }
  >();
  for (const link of areaCircos) {
    const key = circoKey(link.departement_code, link.number);
    let entry = perCirco.get(key);
    if (!entry) {
      entry = {
        departement: link.departement_code,
        number: link.number,
        communes: new Set(),
        whole: 0,
        postcodes: new Set(),
      };
      perCirco.set(key, entry);
    }
    const area = areas.get(link.area_code)!;
    if (area.kind === 'commune') {
      entry.communes.add(area.code);
      entry.whole += link.whole;
    }
    for (const p of area.postcodes.split(' ')) if (p) entry.postcodes.add(p);
  }
  const circonscriptions = [...perCirco.values()].map((c) => ({
    departement_code: c.departement,
    number: c.number,
    departement_name: departementNames.get(c.departement) ?? c.departement,
    communes: c.communes.size,
    whole_communes: c.whole,
    postcodes: c.postcodes.size,
  }));

  return { areas: [...areas.values()], areaCircos, postcodes, circonscriptions };
}

export interface PostcodeCircoRecord {
  postcode: string;
  departement_code: string;
  number: number;
  basis: 'regards_citoyens';
}

/** The cities whose postcodes Regards Citoyens' table assigns to circonscriptions. */
const PLM_CITIES = new Set<string>(ARRONDISSEMENT_CITIES.map((c) => c.city));

/**
 * Postcode → circonscriptions of Paris, Lyon and Marseille from Regards Citoyens' rows: each
 * postcode gets exactly the circonscriptions whose row for the city lists it.
 */
export function derivePostcodeCircos(
  rows: readonly {
    commune_code: string;
    departement_code: string;
    number: number;
    postcodes: string;
  }[],
): PostcodeCircoRecord[] {
  const seen = new Map<string, PostcodeCircoRecord>();
  for (const row of rows) {
    if (!PLM_CITIES.has(row.commune_code)) continue;
    for (const postcode of row.postcodes.split(' ')) {
      if (!postcode) continue;
      const key = `${postcode}|${circoKey(row.departement_code, row.number)}`;
      seen.set(key, {
        postcode,
        departement_code: row.departement_code,
        number: row.number,
        basis: 'regards_citoyens',
      });
    }
  }
  return [...seen.values()];
}
