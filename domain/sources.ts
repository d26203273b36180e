// The description of each source: its id (the one name used by `--source`, /sources, the
// registry and CRAWL_SCHEDULE_<ID>), its canonical URL, publisher, licence and default schedule.
import { isHttpUrl } from './text.ts';

/** A text encoding a source declares for its text files (WHATWG labels). */
export type TextEncoding = 'utf-8' | 'iso-8859-1';

/** One file a source fetches: what it is, where it is published, by whom, under which licence. */
export interface SourceFile {
  id: string;
  name: string;
  /** Canonical URL, as published. */
  url: string;
  licence: string;
  licenceUrl: string;
  publisher: string;
  /** For a text file (CSV): the encoding it is published in; its bytes are checked against it. */
  encoding?: TextEncoding;
}

export interface SourceInfo extends SourceFile {
  /** Default cron expression of its runs in `npm start` (minute hour day month weekday). */
  schedule?: string;
  /** The files it fetches, when they are more than the one at its own URL. */
  files?: SourceFile[];
}

/** The schedule of a source that names none: daily at 05:00. */
export const FALLBACK_SCHEDULE = '0 5 * * *';

const LICENCE_OUVERTE = {
  licence: 'Licence Ouverte / Open Licence 2.0 (Etalab)',
  licenceUrl: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
};

/** The AMO40 referential: active deputies, their active mandates and every organ. */
export function anReferential(config: { legislature: number }): SourceInfo {
  const l = config.legislature;
  return {
    id: 'an',
    schedule: '0 */4 * * *',
    name: 'Référentiel des députés (AMO40)',
    url: `https://data.assemblee-nationale.fr/static/openData/repository/${l}/amo/deputes_actifs_mandats_actifs_organes_divises/AMO40_deputes_actifs_mandats_actifs_organes_divises.json.zip`,
    publisher: 'Assemblée nationale',
    ...LICENCE_OUVERTE,
  };
}

/** Every roll-call vote (scrutin) of the legislature, one JSON file per scrutin. */
export function anScrutins(config: { legislature: number }): SourceInfo {
  const l = config.legislature;
  return {
    id: 'votes',
    schedule: '30 */4 * * *',
    name: 'Scrutins publics (votes nominatifs)',
    url: `https://data.assemblee-nationale.fr/static/openData/repository/${l}/loi/scrutins/Scrutins.json.zip`,
    publisher: 'Assemblée nationale',
    ...LICENCE_OUVERTE,
  };
}

/** The legislative dossiers and their texts, one JSON file per dossier and per text. */
export function anDossiers(config: { legislature: number }): SourceInfo {
  const l = config.legislature;
  return {
    id: 'dossiers',
    schedule: '45 */4 * * *',
    name: 'Dossiers législatifs et textes',
    url: `https://data.assemblee-nationale.fr/static/openData/repository/${l}/loi/dossiers_legislatifs/Dossiers_Legislatifs.json.zip`,
    publisher: 'Assemblée nationale',
    ...LICENCE_OUVERTE,
  };
}

/** Every amendment of the legislature, one JSON file per amendment under its dossier and text. */
export function anAmendements(config: { legislature: number }): SourceInfo {
  const l = config.legislature;
  return {
    id: 'amendements',
    schedule: '0 1-23/4 * * *',
    name: 'Amendements',
    url: `https://data.assemblee-nationale.fr/static/openData/repository/${l}/loi/amendements_div_legis/Amendements.json.zip`,
    publisher: 'Assemblée nationale',
    ...LICENCE_OUVERTE,
  };
}

/** Every meeting of the legislature: committees and other bodies, plenary sittings, attendance. */
export function anAgenda(config: { legislature: number }): SourceInfo {
  const l = config.legislature;
  return {
    id: 'agenda',
    schedule: '30 1-23/4 * * *',
    name: 'Réunions et présences (agenda)',
    url: `https://data.assemblee-nationale.fr/static/openData/repository/${l}/vp/reunions/Agenda.json.zip`,
    publisher: 'Assemblée nationale',
    ...LICENCE_OUVERTE,
  };
}

const HATVP = 'https://www.hatvp.fr';

/** HATVP's index of every published declaration (one `;`-separated line per declaration). */
export function hatvpIndex(): SourceInfo {
  return {
    id: 'hatvp',
    schedule: '0 3 * * *',
    name: "Déclarations d'intérêts et d'activités (HATVP)",
    url: `${HATVP}/livraison/opendata/liste.csv`,
    encoding: 'utf-8',
    publisher: 'Haute Autorité pour la transparence de la vie publique',
    ...LICENCE_OUVERTE,
  };
}

/** HATVP's register of lobbyists (répertoire des représentants d'intérêts), its 15 CSV tables. */
export function hatvpLobbies(): SourceInfo {
  return {
    id: 'lobbies',
    schedule: '30 3 * * *',
    name: "Répertoire des représentants d'intérêts (HATVP)",
    url: `${HATVP}/agora/opendata/csv/Vues_Separees_CSV.zip`,
    encoding: 'utf-8',
    publisher: 'Haute Autorité pour la transparence de la vie publique',
    ...LICENCE_OUVERTE,
  };
}

/** The trackers as a crawl source; each page has its own URL and schedule. */
export function trackersSource(): SourceInfo {
  return {
    id: 'trackers',
    schedule: '*/15 * * * *',
    name: 'Pages suivies (changements vérifiés par une personne)',
    url: 'urn:suivi-des-deputes:trackers',
    publisher: 'Pages web choisies par les administrateurs',
    licence: "Selon l'éditeur de chaque page ; seul le texte de la partie suivie est conservé",
    licenceUrl: '/donnees#faits',
  };
}

/**
 * The geography, named after its first file: INSEE's table commune → législative
 * circonscription (xlsx), joined with La Poste's postcodes.
 */
export function inseeCirconscriptions(): SourceInfo {
  const insee: SourceFile = {
    id: 'geo',
    name: 'Composition communale des circonscriptions législatives',
    url: 'https://www.insee.fr/fr/statistiques/fichier/6436476/circo_composition.xlsx',
    publisher: 'INSEE',
    ...LICENCE_OUVERTE,
  };
  return {
    ...insee,
    schedule: '0 4 * * 1',
    files: [
      insee,
      laPostePostcodes(),
      regardsCitoyensCirconscriptions(),
      regardsCitoyensEtranger(),
      circonscriptionContours(),
    ],
  };
}

const ODBL = {
  licence: 'Open Database License (ODbL) 1.0',
  licenceUrl: 'https://opendatacommons.org/licenses/odbl/1-0/',
};

const REGARDS_CITOYENS_STATIC =
  'https://raw.githubusercontent.com/regardscitoyens/nosdeputes.fr/master/batch/depute/static';

/**
 * Regards Citoyens' table commune → circonscription → postcodes (NosDéputés.fr), crawled with
 * the `geo` source: it alone gives the postcodes of each circonscription of Paris, Lyon and
 * Marseille.
 */
export function regardsCitoyensCirconscriptions(): SourceFile {
  return {
    id: 'geo:circo_insee',
    name: 'Communes et codes postaux par circonscription (NosDéputés.fr)',
    url: `${REGARDS_CITOYENS_STATIC}/circo_insee_2012.csv`,
    publisher: 'Regards Citoyens',
    ...ODBL,
  };
}

/** Regards Citoyens' table country → circonscription of French people abroad, with the `geo` source. */
export function regardsCitoyensEtranger(): SourceFile {
  return {
    id: 'geo:circo_etranger',
    name: 'Pays et circonscriptions des Français établis hors de France (NosDéputés.fr)',
    url: `${REGARDS_CITOYENS_STATIC}/circo_etranger.csv`,
    publisher: 'Regards Citoyens',
    ...ODBL,
  };
}

/** The circonscriptions' contours (2012 boundaries, simplified GeoJSON), with the `geo` source. */
export function circonscriptionContours(): SourceFile {
  return {
    id: 'geo:contours',
    name: 'Carte des circonscriptions législatives 2012 (contours simplifiés)',
    url: 'https://static.data.gouv.fr/resources/carte-des-circonscriptions-legislatives-2012-et-2017/20170721-135742/france-circonscriptions-legislatives-2012.json',
    publisher: 'Atelier de cartographie de Sciences Po, d’après Toxicode (data.gouv.fr)',
    ...ODBL,
  };
}

/** La Poste's official postcode base (postcode → INSEE commune), crawled with the `geo` source. */
export function laPostePostcodes(): SourceFile {
  return {
    id: 'geo:laposte',
    name: 'Base officielle des codes postaux',
    url: 'https://datanova.laposte.fr/data-fair/api/v1/datasets/laposte-hexasmal/raw',
    encoding: 'iso-8859-1',
    publisher: 'La Poste',
    ...LICENCE_OUVERTE,
  };
}

/** Canonical URLs of HATVP files: the XML and PDF of a declaration, a declarant's page, robots.txt. */
export const hatvpUrls = {
  robots: `${HATVP}/robots.txt`,
  file: (name: string) => `${HATVP}/livraison/dossiers/${encodeURIComponent(name)}`,
  page: (path: string) => `${HATVP}${path.startsWith('/') ? '' : '/'}${path}`,
};

/**
 * The sources this build crawls, in crawl order: the referential, the votes, the dossiers and
 * the amendments several times a day, the geography weekly, the HATVP daily, page trackers every
 * 15 minutes.
 */
export function describeSources(config: { legislature: number }): SourceInfo[] {
  return [
    anReferential(config),
    anScrutins(config),
    anDossiers(config),
    anAmendements(config),
    anAgenda(config),
    inseeCirconscriptions(),
    hatvpIndex(),
    hatvpLobbies(),
    trackersSource(),
  ];
}

/** The files whose data the site republishes (/donnees): each source's files, or its own URL. */
export function publishedFiles(sources: readonly SourceInfo[]): SourceFile[] {
  return sources.flatMap((s) => s.files ?? (isHttpUrl(s.url) ? [s] : []));
}

/** What the scheduler of `npm start` tells the pages about one source. */
export interface ScheduledStatus {
  source: string;
  /** The cron expression, or null when scheduled runs are off. */
  cron: string | null;
  nextRunAt: string | null;
  running: boolean;
  queued: boolean;
  /** Consecutive failed runs (0 after a success). */
  failures: number;
}
