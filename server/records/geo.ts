import type {
  Candidate,
  Circonscription,
  InseeTableRow,
  PostcodeTableRow,
  SearchResult,
} from '../../db/queries/geo.ts';
import type { Column } from '../lib/export.ts';
import { NEAR_BOUNDARY_KM } from '../../db/queries/geo-point.ts';
import { ARRONDISSEMENT_CITIES } from '../../domain/places.ts';
import { km, ordinal } from '../../views/format.ts';

/** `33-4`, `2A-1`, `099-11`: a circonscription's identifier in URLs and exports. */
export function circoId(c: { departement_code: string; number: number }): string {
  return `${c.departement_code}-${c.number}`;
}

/** `/circonscriptions/33-4`. */
export function circoPath(c: { departement_code: string; number: number }): string {
  return `/circonscriptions/${circoId(c)}`;
}

/** `Gironde – 4e circonscription`, `Français établis hors de France – 1re circonscription`. */
export function circoLabel(c: { departement_name: string; number: number }): string {
  return `${c.departement_name} – ${ordinal(c.number)} circonscription`;
}

/**
 * Where the eleven circonscriptions of French people abroad lie, as the Code électoral has
 * drawn them since 2010, in short: the AN publishes no country list.
 */
export const ABROAD_ZONES: Record<number, string> = {
  1: 'Canada et États-Unis',
  2: 'Amérique latine et Caraïbes',
  3: 'Europe du Nord (Royaume-Uni, Irlande, pays nordiques et baltes)',
  4: 'Benelux (Belgique, Pays-Bas, Luxembourg)',
  5: 'Péninsule Ibérique et Monaco (Espagne, Portugal, Andorre, Monaco)',
  6: 'Suisse et Liechtenstein',
  7: 'Europe centrale et orientale (dont Allemagne, Autriche et Balkans)',
  8: 'Europe du Sud et Méditerranée orientale (Italie, Grèce, Turquie, Chypre, Malte, Israël…)',
  9: 'Maghreb et Afrique de l’Ouest',
  10: 'Afrique centrale, orientale et australe, Proche et Moyen-Orient',
  11: 'Europe orientale, Asie et Océanie',
};

const yesNo = (v: number | null) => (v === null ? null : v === 1);

/** Columns of `/circonscriptions.csv` and `.json`. */
export const CIRCO_COLUMNS: Column<Circonscription>[] = [
  {
    name: 'circonscription',
    description: 'Identifiant : code du département, tiret, numéro (33-4, 2A-1, 099-11)',
    value: circoId,
  },
  {
    name: 'departement',
    description: 'Code du département (099 : Français établis hors de France)',
    value: (c) => c.departement_code,
  },
  { name: 'departement_nom', description: 'Nom du département', value: (c) => c.departement_name },
  { name: 'numero', description: 'Numéro de la circonscription', value: (c) => c.number },
  {
    name: 'vacante',
    description: 'true si aucun député en exercice n’y est élu',
    value: (c) => c.deputies.length === 0,
  },
  {
    name: 'depute_uid',
    description: 'Identifiant AN (PA…) du député en exercice',
    value: (c) => c.deputies[0]?.uid ?? null,
  },
  { name: 'depute_prenom', description: 'Prénom', value: (c) => c.deputies[0]?.first_name ?? null },
  { name: 'depute_nom', description: 'Nom', value: (c) => c.deputies[0]?.last_name ?? null },
  {
    name: 'groupe',
    description: 'Sigle de son groupe politique',
    value: (c) => c.deputies[0]?.group_abbreviation ?? null,
  },
  {
    name: 'communes',
    description:
      'Communes entièrement ou partiellement dans la circonscription (INSEE ; vide hors du fichier)',
    value: (c) => c.communes,
  },
  {
    name: 'communes_entieres',
    description: 'Dont communes entièrement incluses',
    value: (c) => c.whole_communes,
  },
  {
    name: 'codes_postaux',
    description: 'Codes postaux desservant ces communes (La Poste)',
    value: (c) => c.postcodes,
  },
  {
    name: 'zone',
    description: 'Pour les Français établis hors de France : pays de la circonscription, en bref',
    value: (c) => (c.departement_code === '099' ? (ABROAD_ZONES[c.number] ?? null) : null),
  },
];

/** One search answer, flat, as `/recherche.csv` and `.json` give it. */
export interface SearchRecord {
  correspondance: Candidate['match'];
  lieu: string | null;
  code_commune: string | null;
  code_postal: string | null;
  localites: string | null;
  entier: boolean | null;
  base: string | null;
  circonscription: string | null;
  departement: string | null;
  departement_nom: string | null;
  numero: number | null;
  dans_contour: boolean | null;
  distance_bord_km: number | null;
  uid: string | null;
  depute: string | null;
  groupe: string | null;
  ecart: number | null;
  ancien_depute_uid: string | null;
  ancien_depute: string | null;
}

/** "Londres (Royaume-Uni)", "Belgique". */
function abroadLabel(c: Candidate): string | null {
  if (!c.abroad) return null;
  return c.abroad.city ? `${c.abroad.city} (${c.abroad.country})` : c.abroad.country;
}

export function searchRecord(c: Candidate): SearchRecord {
  const deputy = c.circo?.deputies[0] ?? null;
  return {
    correspondance: c.match,
    lieu:
      c.place?.name ??
      abroadLabel(c) ??
      (c.match === 'departement' && c.circo ? c.circo.departement_name : null) ??
      (c.match === 'etranger' && c.circo ? (ABROAD_ZONES[c.circo.number] ?? null) : null),
    code_commune: c.place?.code ?? null,
    code_postal: c.place?.postcode ?? null,
    localites: c.place?.localities ?? null,
    entier: c.whole,
    base: c.place?.basis ?? null,
    circonscription: c.circo ? circoId(c.circo) : null,
    departement: c.circo?.departement_code ?? null,
    departement_nom: c.circo?.departement_name ?? null,
    numero: c.circo?.number ?? null,
    dans_contour: c.position?.inside ?? null,
    distance_bord_km: c.position ? Math.round(c.position.distance_km * 1000) / 1000 : null,
    uid: deputy?.uid ?? null,
    depute: deputy ? `${deputy.first_name} ${deputy.last_name}` : null,
    groupe: deputy?.group_abbreviation ?? null,
    ecart: c.distance ?? null,
    ancien_depute_uid: c.former?.uid ?? null,
    ancien_depute: c.former ? `${c.former.first_name} ${c.former.last_name}` : null,
  };
}

const field = <K extends keyof SearchRecord>(
  name: K,
  description: string,
): Column<SearchRecord> => ({
  name,
  description,
  value: (r) => r[name],
});

/** Columns of `/recherche.csv` and `.json`. */
export const SEARCH_COLUMNS: Column<SearchRecord>[] = [
  field(
    'correspondance',
    'Ce qui a été trouvé : code_postal, commune (ou arrondissement), depute, circonscription (identifiant 33-4 cherché), etranger, position (recherche par lat et lon), departement (nom ou code d’un département : une ligne par circonscription), pays (pays ou grande ville à l’étranger)',
  ),
  field(
    'lieu',
    'Commune ou arrondissement trouvé ; département ; pays (ou « ville (pays) ») cherché ; Français de l’étranger : pays de la circonscription',
  ),
  field('code_commune', 'Code INSEE du lieu (code d’arrondissement pour Paris, Lyon, Marseille)'),
  field('code_postal', 'Code postal cherché, ou codes postaux du lieu séparés par des espaces'),
  field('localites', 'Localités (ligne 5 de La Poste) desservies par ce code postal'),
  field(
    'entier',
    'true si tout le lieu est dans la circonscription, false s’il est partagé entre plusieurs',
  ),
  field(
    'base',
    'Table qui a répondu : insee (table INSEE), regards_citoyens (code postal de Paris, Lyon ou Marseille rangé par circonscription dans la table de Regards Citoyens / NosDéputés), ville (arrondissement absent de cette table : la ville entière d’après l’INSEE), departement (lieu absent de la table INSEE : toutes les circonscriptions du département), aucune',
  ),
  field('circonscription', 'Identifiant de la circonscription (33-4)'),
  field('departement', 'Code du département de la circonscription'),
  field('departement_nom', 'Nom du département'),
  field('numero', 'Numéro de la circonscription'),
  field(
    'dans_contour',
    'Recherche par position (lat, lon) : true si le point est dans le contour (simplifié) de la circonscription, false pour une voisine proche',
  ),
  field(
    'distance_bord_km',
    `Recherche par position : distance du point au bord du contour, en km ; sous ${NEAR_BOUNDARY_KM} km la réponse est incertaine (contours simplifiés, voir /methodologie)`,
  ),
  field('uid', 'Identifiant AN (PA…) du député en exercice (vide si siège vacant)'),
  field('depute', 'Prénom et nom du député'),
  field('groupe', 'Sigle de son groupe politique'),
  field(
    'ecart',
    'Nom de député approché : lettres à changer, ajouter ou ôter entre la recherche et le nom (distance d’édition, espaces ôtés) ; vide si le nom correspond tel qu’écrit',
  ),
  field(
    'ancien_depute_uid',
    'Ancien député de la législature trouvé par son nom (sa dernière circonscription et son député actuel sont sur la ligne)',
  ),
  field('ancien_depute', 'Prénom et nom de cet ancien député'),
];

/** Columns of `/correspondances/communes-circonscriptions.csv` and `.json` (INSEE's table). */
export const INSEE_COLUMNS: Column<InseeTableRow>[] = [
  { name: 'code_commune', description: 'Code INSEE de la commune', value: (r) => r.commune_code },
  { name: 'commune', description: 'Nom de la commune', value: (r) => r.commune_name },
  { name: 'departement', description: 'Code du département', value: (r) => r.departement_code },
  { name: 'departement_nom', description: 'Nom du département', value: (r) => r.departement_name },
  { name: 'region', description: 'Code de la région', value: (r) => r.region_code },
  { name: 'region_nom', description: 'Nom de la région', value: (r) => r.region_name },
  {
    name: 'circonscription',
    description: 'Identifiant de la circonscription (vide : commune rattachée à aucune)',
    value: (r) =>
      r.circo_departement && r.circo_number ? `${r.circo_departement}-${r.circo_number}` : null,
  },
  {
    name: 'departement_circonscription',
    description: 'Département de la circonscription (diffère pour quelques communes nouvelles)',
    value: (r) => r.circo_departement,
  },
  { name: 'numero', description: 'Numéro de la circonscription', value: (r) => r.circo_number },
  {
    name: 'commune_entiere',
    description: 'true : commune entièrement incluse ; false : une partie seulement',
    value: (r) => yesNo(r.whole),
  },
];

/** Columns of `/correspondances/codes-postaux.csv` and `.json`. */
export const POSTCODE_COLUMNS: Column<PostcodeTableRow>[] = [
  { name: 'code_postal', description: 'Code postal', value: (r) => r.postcode },
  {
    name: 'code_commune',
    description: 'Code INSEE selon La Poste (arrondissement pour Paris, Lyon, Marseille)',
    value: (r) => r.code,
  },
  { name: 'commune', description: 'Commune ou arrondissement', value: (r) => r.name },
  {
    name: 'type_lieu',
    description: 'commune, arrondissement, ou hors_insee (commune absente de la table INSEE)',
    value: (r) => r.kind,
  },
  {
    name: 'code_commune_insee',
    description:
      'Code de la ligne correspondante de la table INSEE (la ville pour un arrondissement)',
    value: (r) => r.city_code,
  },
  {
    name: 'departement',
    description: 'Code du département (AN)',
    value: (r) => r.departement_code,
  },
  { name: 'localites', description: 'Localités desservies (ligne 5)', value: (r) => r.localities },
  {
    name: 'circonscription',
    description: 'Identifiant d’une circonscription possible (une ligne par circonscription)',
    value: (r) =>
      r.circo_departement && r.circo_number ? `${r.circo_departement}-${r.circo_number}` : null,
  },
  {
    name: 'entier',
    description: 'true si tout le lieu est dans cette circonscription',
    value: (r) => yesNo(r.whole),
  },
  {
    name: 'base',
    description: 'Origine du rattachement : insee, ville, departement ou aucune (voir /recherche)',
    value: (r) => r.basis,
  },
];

const plural = (n: number, singular: string, pluralForm = `${singular}s`) =>
  `${n.toLocaleString('fr-FR')} ${n > 1 ? pluralForm : singular}`;

/** The one circonscription a search leads to, or null (none, several, or a partial postcode). */
export function singleAnswer(result: SearchResult): Circonscription | null {
  if (result.kind === 'debut_code_postal' || result.circos !== 1) return null;
  // An approximate name is offered, not assumed.
  if (result.suggestion) return null;
  if (result.kind === 'position' && !result.candidates[0]?.position?.inside) return null;
  if (!result.candidates.every((c) => c.circo)) return null;
  return result.candidates[0]!.circo;
}

/** "la 1re", "les 12e et 13e", "les 1re, 2e et 4e". */
function ordinals(numbers: number[]): string {
  const words = numbers.map(ordinal);
  if (words.length === 1) return `la ${words[0]}`;
  return `les ${words.slice(0, -1).join(', ')} et ${words[words.length - 1]}`;
}

/** "de Paris", "du Rhône", "des Bouches-du-Rhône": the département of a city's circonscriptions. */
const CITY_DEPARTEMENTS: Record<string, string> = {
  '75': 'de Paris',
  '69': 'du Rhône',
  '13': 'des Bouches-du-Rhône',
};

/**
 * Which table answered for an arrondissement of Paris, Lyon or Marseille: Regards Citoyens'
 * when it lists the postcode, else INSEE's (the whole city). Null for other places.
 */
function cityReason(result: SearchResult): string | null {
  const places = new Map(result.candidates.filter((c) => c.place).map((c) => [c.place!.code, c]));
  if (places.size !== 1) return null;
  const [{ place }] = [...places.values()] as [Candidate];
  if (place!.kind !== 'arrondissement') return null;
  const what =
    result.kind === 'code_postal' ? `le ${result.query}` : `${place!.name} (${place!.postcode})`;
  const own = result.candidates.filter((c) => c.place?.code === place!.code && c.circo);
  if (place!.basis === 'regards_citoyens') {
    const departement = own[0]!.circo!.departement_code;
    const numbers = own.map((c) => c.circo!.number);
    if (place!.answered_by) {
      const listed = place!.answered_by.split(' ');
      return `La table de Regards Citoyens (NosDéputés) ne cite pas ${what}, mais ${listed.length > 1 ? 'les' : 'le'} ${listed.join(', ')} du même arrondissement (${place!.name}) : d’après elle, ${listed.length > 1 ? 'ils sont couverts' : 'il est couvert'} par ${ordinals(numbers)} circonscription${numbers.length > 1 ? 's' : ''} ${CITY_DEPARTEMENTS[departement] ?? `(${own[0]!.circo!.departement_name})`}.`;
    }
    return `D’après la table de Regards Citoyens (NosDéputés), ${what} est couvert par ${ordinals(numbers)} circonscription${numbers.length > 1 ? 's' : ''} ${CITY_DEPARTEMENTS[departement] ?? `(${own[0]!.circo!.departement_name})`}.`;
  }
  if (place!.basis === 'ville' && own.length > 1) {
    const city = place!.name.split(' ')[0];
    return `La table de Regards Citoyens (NosDéputés) ne range ${what} dans aucune circonscription, et celle de l’INSEE décrit ${city} en entier, partagée entre ${own.length} circonscriptions : voici toutes celles de la ville.`;
  }
  return null;
}

/** What a point search found, in French: its contour, the near boundary, or nothing. */
function pointReason(result: SearchResult): string | null {
  const [first, ...others] = result.candidates;
  const near = `Les contours sont simplifiés : à moins de ${NEAR_BOUNDARY_KM} km d’une limite, la circonscription n’est pas certaine`;
  if (!first) {
    return `Aucune circonscription ici : ce point n’est dans aucun contour de circonscription, ni à moins de ${NEAR_BOUNDARY_KM} km de l’un d’eux. Français établis hors de France : cherchez votre pays de résidence (par exemple « Belgique »).`;
  }
  if (!first.position!.inside) {
    return `Ce point n’est dans aucun contour (en mer, ou hors de France ?). ${near} : voici ${others.length > 0 ? 'les circonscriptions les plus proches' : 'la plus proche'}, à ${km(first.position!.distance_km)}${others.length > 0 ? ' et plus' : ''}.`;
  }
  if (others.length > 0) {
    return `Ce point est dans le contour de ${circoLabel(first.circo!)}, à ${km(first.position!.distance_km)} de sa limite. ${near} : ${plural(others.length, 'circonscription voisine est', 'circonscriptions voisines sont')} aussi à moins de ${NEAR_BOUNDARY_KM} km.`;
  }
  return null;
}

/**
 * Why a search has no single answer, or which table answered for an arrondissement, in
 * French; null when there is nothing to say (or nothing was asked).
 */
export function explain(result: SearchResult): string | null {
  const { query: q, kind, candidates, circos } = result;
  if (kind === 'vide') return null;
  if (kind === 'position') return pointReason(result);
  if (candidates.length === 0) {
    if (kind === 'code_postal') return `Aucun code postal ${q} dans la base de La Poste.`;
    if (kind === 'debut_code_postal') return `Aucun code postal ne commence par ${q}.`;
    if (kind === 'circonscription') return `Aucune circonscription ${q} dans les données.`;
    return `Aucune commune ni aucun député en exercice ne correspond à « ${q} ».`;
  }
  // After a département or a country: communes and deputies of the same name, if any.
  const namesakes = () => {
    const found = [
      result.places > 0 ? plural(result.places, 'commune') : null,
      result.deputies > 0 ? plural(result.deputies, 'député') : null,
    ].filter(Boolean);
    const listed =
      result.places + result.deputies > 1 ? 'listés' : result.places === 1 ? 'listée' : 'listé';
    return found.length > 0
      ? ` « ${q} » désigne aussi ${found.join(' et ')}, ${listed} après.`
      : '';
  };
  if (kind === 'pays' && result.abroad && !candidates[0]?.circo) {
    const { country, city, french, code, number } = result.abroad;
    const where = city ? `${city} (${country})` : country;
    if (code === 'FR')
      return `En France, cherchez votre code postal, votre commune ou votre département.${namesakes()}`;
    if (number !== null)
      return `${where} relève de la circonscription 099-${number}, absente des données de l’Assemblée.${namesakes()}`;
    return `${
      french
        ? `${where} relève de la France mais n’élit pas de député à part : aucune circonscription n’y est rattachée.`
        : `Le fichier de Regards Citoyens ne rattache ${where} à aucune circonscription des Français établis hors de France.`
    }${namesakes()}`;
  }
  if (kind === 'etranger') {
    return `Les Français établis hors de France élisent ${plural(circos, 'député')}, un par circonscription : choisissez celle de votre pays de résidence.`;
  }
  const city = cityReason(result);
  if (singleAnswer(result)) return city;
  if (kind === 'departement' && result.departement) {
    const { name, code } = result.departement;
    const own = candidates.filter((c) => c.match === 'departement').length;
    let text = `${name} (${code}) : ${plural(own, 'circonscription')}.${namesakes()}`;
    if (result.postcodePrefix)
      text += ` ${plural(result.postcodePrefix.count, 'code postal', 'codes postaux')} commencent aussi par ${result.postcodePrefix.prefix}.`;
    return text;
  }
  if (kind === 'pays' && result.abroad) {
    // Reached with a circonscription abroad and namesakes in France.
    const where = result.abroad.city
      ? `${result.abroad.city} (${result.abroad.country})`
      : result.abroad.country;
    const n = candidates[0]!.circo!.number;
    return `${where} relève de la ${ordinal(n)} circonscription des Français établis hors de France.${namesakes()}`;
  }
  const places = [
    ...new Map(candidates.filter((c) => c.place).map((c) => [c.place!.code, c.place!])).values(),
  ];
  const parts: string[] = [];
  if (kind === 'code_postal' && places.length > 1) {
    parts.push(
      `Le code postal ${q} dessert ${plural(places.length, 'commune')}${circos > 1 ? `, réparties entre ${circos} circonscriptions` : ''}.`,
    );
  } else if (kind === 'debut_code_postal') {
    parts.push(`Plusieurs codes postaux commencent par ${q} : complétez le code postal.`);
  } else if (kind === 'nom' && result.suggestion) {
    parts.push(
      `Aucun député en exercice ne s’appelle exactement « ${q} » : voici les noms les plus proches.`,
    );
  } else if (kind === 'nom' && (places.length > 1 || result.deputies > 0)) {
    const found = [
      places.length > 0 ? plural(result.places, 'lieu', 'lieux') : null,
      result.deputies > 0 ? plural(result.deputies, 'député') : null,
    ].filter(Boolean);
    parts.push(`« ${q} » correspond à ${found.join(' et ')}.`);
  }
  if (places.length === 1) {
    const place = places[0]!;
    const own = candidates.filter((c) => c.place?.code === place.code && c.circo);
    if (own.length === 0) {
      parts.push(
        place.departement_code === null
          ? `${place.name} est hors de France : les Français qui y résident votent dans l’une des circonscriptions des Français établis hors de France.`
          : place.basis === 'aucune'
            ? `${place.name} n’est rattachée à aucune circonscription dans la table de l’INSEE.`
            : `Aucune circonscription n’est connue pour ${place.name}.`,
      );
    } else if (city) {
      parts.push(city);
    } else if (own.length > 1) {
      if (place.basis === 'ville') {
        const city = place.name.split(' ')[0];
        parts.push(
          `La table de l’INSEE décrit ${city} en entier, partagée entre ${own.length} circonscriptions, sans dire lesquelles couvrent le ${place.name.slice(city!.length + 1)} : voici toutes celles de la ville.`,
        );
      } else if (place.basis === 'departement') {
        parts.push(
          `${place.name} n’est pas décrite commune par commune dans la table de l’INSEE : elle relève de l’une des ${own.length} circonscriptions du département (${place.departement_name ?? own[0]!.circo!.departement_name}).`,
        );
      } else if (ARRONDISSEMENT_CITIES.some((city) => city.city === place.code)) {
        parts.push(
          `${place.name} est partagée entre ${own.length} circonscriptions : cherchez votre code postal ou votre arrondissement (« ${place.name} 3e »), que la table de Regards Citoyens range par circonscription.`,
        );
      } else {
        parts.push(
          `${place.name} est partagée entre ${own.length} circonscriptions ; la table de l’INSEE ne dit pas quelle partie de la commune relève de chacune.`,
        );
      }
    }
  }
  if (result.truncated)
    parts.push('Seuls les premiers résultats sont listés : précisez la recherche.');
  return parts.join(' ') || null;
}
