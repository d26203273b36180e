// Real-data suite of the forgiving search: crawls `an` and `geo` from ../shared/fixtures/mirror
// (served on loopback), then checks misspelt names written by hand, départements and countries
// against figures read here from the raw files. Skipped, saying so, when the fixtures are absent.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABROAD_CITIES, COUNTRY_ALIASES } from '../../../domain/abroad.ts';
import { createApp } from '../../../server/app.tsx';
import { crawledSite, type CrawledSite } from '../../helpers/crawl.ts';

const fixtures = path.resolve('../shared/fixtures');
const mirrorDir = path.join(fixtures, 'mirror');
const present = existsSync(mirrorDir);
if (!present) console.log(`recherche real-data suite skipped: no ${mirrorDir}`);

const AMO_FILE = path.join(
  mirrorDir,
  'data.assemblee-nationale.fr/static/openData/repository/17/amo/deputes_actifs_mandats_actifs_organes_divises/AMO40_deputes_actifs_mandats_actifs_organes_divises.json.zip',
);
const LAPOSTE_FILE = path.join(
  mirrorDir,
  'datanova.laposte.fr/data-fair/api/v1/datasets/laposte-hexasmal/raw',
);
const RC_FILE = path.join(
  mirrorDir,
  'raw.githubusercontent.com/regardscitoyens/nosdeputes.fr/master/batch/depute/static/circo_insee_2012.csv',
);
const ETRANGER_FILE = path.join(
  mirrorDir,
  'raw.githubusercontent.com/regardscitoyens/nosdeputes.fr/master/batch/depute/static/circo_etranger.csv',
);

/**
 * Twenty misspellings of real deputies of the fixture, written by hand: the uid, then what a
 * reader might type.
 */
const MISSPELT: [string, string][] = [
  ['PA720614', 'lepen'], // missing space, last name only
  ['PA720614', 'Marine Lepen'], // missing space
  ['PA720892', 'Mathilde Pannot'], // doubled letter
  ['PA719930', 'Boris Valaud'], // dropped letter
  ['PA1654', 'Hollande Francois'], // last name first, no cedilla
  ['PA267285', 'Laurent Wauqiez'], // dropped letter
  ['PA330240', 'Eric Cioti'], // dropped letter, no accent
  ['PA588884', 'Clementine Autin'], // dropped letter, no accent
  ['PA609332', 'Olivier Faurre'], // doubled letter
  ['PA717161', 'Elisabeth Bornes'], // extra letter, no accent
  ['PA720468', 'Sebastien Chenut'], // extra letter
  ['PA795778', 'Jean Philippe Tangui'], // no hyphen, changed letter
  ['PA795076', 'Sandrine Rouseau'], // dropped letter
  ['PA759832', 'Agnès Panier-Runacher'], // dropped letter
  ['PA795746', 'Antoine Leaumont'], // changed letter, no accent
  ['PA721202', 'Coquerel Eric'], // last name first
  ['PA791824', 'Sarah Legrian'], // swapped letters
  ['PA1567', 'Jérôme Gedj'], // dropped letter
  ['PA795318', 'Loius Boyard'], // swapped letters
  ['PA642988', 'Hervé Delépinau'], // missing space in the particle
];

interface Raw {
  /** Deputies with an open mandate of the 17th legislature. */
  inOffice: Set<string>;
  /** département code → its circonscriptions ("62-1"), from the AN's organes. */
  circos: Map<string, Set<string>>;
  /** ISO2 → circo_etranger.csv's row. */
  countries: Map<string, { name: string; iso3: string; circo: number }>;
}

const list = <T>(v: T | T[] | null | undefined): T[] =>
  v == null ? [] : Array.isArray(v) ? v : [v];
const isNil = (v: unknown) =>
  v === null || (typeof v === 'object' && v !== null && '@xsi:nil' in v);

function readRaw(): Raw {
  const inOffice = new Set<string>();
  const circos = new Map<string, Set<string>>();
  const decoder = new TextDecoder();
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(AMO_FILE)))) {
    if (/organe\/PO\d+\.json$/.test(name)) {
      const o = JSON.parse(decoder.decode(bytes)).organe;
      if (o.codeType !== 'CIRCONSCRIPTION' || o.legislature !== '17') continue;
      const dep = o.lieu.departement.code as string;
      const set = circos.get(dep) ?? new Set<string>();
      set.add(`${dep}-${Number(o.numero)}`);
      circos.set(dep, set);
    } else if (/acteur\/PA\d+\.json$/.test(name)) {
      const a = JSON.parse(decoder.decode(bytes)).acteur;
      const uid = typeof a.uid === 'string' ? a.uid : a.uid['#text'];
      for (const m of list(a.mandats?.mandat))
        if (m.typeOrgane === 'ASSEMBLEE' && m.legislature === '17' && isNil(m.dateFin))
          inOffice.add(uid);
    }
  }
  const countries = new Map<string, { name: string; iso3: string; circo: number }>();
  for (const line of readFileSync(ETRANGER_FILE, 'utf8').split(/\r?\n/).slice(1)) {
    if (!line) continue;
    const [code, name, iso3, , circo] = line.split(',');
    countries.set(code!, { name: name!, iso3: iso3!, circo: Number(circo) });
  }
  return { inOffice, circos, countries };
}

let raw: Raw;
let site: CrawledSite | undefined;
let app: ReturnType<typeof createApp>;

interface Json {
  total: number;
  type: string;
  motif: string | null;
  vouliez_vous_dire: string | null;
  items: Record<string, string | number | boolean | null>[];
}
const search = async (q: string): Promise<Json> => {
  const res = await app.request(`/recherche.json?q=${encodeURIComponent(q)}`);
  expect(res.status, q).toBe(200);
  return (await res.json()) as Json;
};
const distinct = (body: Json, name: string) => [...new Set(body.items.map((i) => i[name]))].sort();

describe.skipIf(!present)('the forgiving search on the real files', () => {
  beforeAll(async () => {
    raw = readRaw();
    site = await crawledSite(['an', 'geo'], 'tracker-recherche-real-');
    app = site.app;
  }, 180_000);
  afterAll(async () => {
    await site?.close();
  });

  it('finds twenty misspelt deputies first, offering their name', async () => {
    expect(MISSPELT).toHaveLength(20);
    for (const [uid, q] of MISSPELT) {
      expect(raw.inOffice.has(uid), `${uid} in office in the fixture`).toBe(true);
      const body = await search(q);
      expect(body.items[0]?.uid, q).toBe(uid);
      expect(body.vouliez_vous_dire, q).not.toBeNull();
    }
  });

  it('lists the places a truncated name starts before deputies of a close name', async () => {
    // "Bordeau": Bordeaux (INSEE 33063) first, though Pascale Bordes is two edits away.
    const body = await search('Bordeau');
    expect(body.items[0]?.code_commune).toBe('33063');
    expect(body.vouliez_vous_dire ?? null).toBeNull();
  });

  it('reads an arrondissement number as a whole word', async () => {
    // "Paris 1er" is not Paris 10e to 19e.
    expect(distinct(await search('Paris 1er'), 'code_commune')).toEqual(['75101']);
    expect(distinct(await search('Marseille 1er'), 'code_commune')).toEqual(['13201']);
  });

  it('lists the circonscriptions of Pas-de-Calais by name and by code', async () => {
    const expected = [...raw.circos.get('62')!].sort();
    expect(expected).toHaveLength(12);
    for (const q of ['Pas-de-Calais', 'pas de calais', '62']) {
      const body = await search(q);
      expect(body.type, q).toBe('departement');
      expect(distinct(body, 'circonscription'), q).toEqual(expected);
    }
  });

  it('lists the circonscriptions of Corse-du-Sud and overseas départements', async () => {
    for (const [dep, queries] of [
      ['2A', ['2A', '2a', 'Corse-du-Sud']],
      ['971', ['971', 'Guadeloupe']],
      ['974', ['La Réunion', 'Réunion', '974']],
    ] as const) {
      const expected = [...raw.circos.get(dep)!].sort();
      for (const q of queries) {
        const body = await search(q);
        expect(body.type, q).toBe('departement');
        const own = body.items.filter((i) => i.correspondance === 'departement');
        expect(own.map((i) => i.circonscription).sort(), q).toEqual(expected);
        // Then only communes of the same name elsewhere ("La Réunion", Lot-et-Garonne).
        for (const i of body.items.slice(own.length)) {
          expect(i.correspondance, q).toBe('commune');
          expect(i.departement, q).not.toBe(dep);
        }
      }
    }
  });

  it('writes La Poste’s localities as people write them', async () => {
    // Raw La Poste lines: REIMS 51100 "LA NEUVILLETTE"; ARBOYS EN BUGEY 01300 "ARBIGNIEU" and
    // "ST BOIS", former communes that Regards Citoyens' 2012 table writes "Arbignieu" and
    // "Saint-Bois" (both read from the raw files here).
    const laposte = new TextDecoder('latin1').decode(readFileSync(LAPOSTE_FILE));
    expect(laposte).toContain('51454;REIMS;51100;REIMS;LA NEUVILLETTE');
    expect(laposte).toContain('01015;ARBOYS EN BUGEY;01300;ARBOYS EN BUGEY;ARBIGNIEU');
    expect(laposte).toContain('01015;ARBOYS EN BUGEY;01300;ARBOYS EN BUGEY;ST BOIS');
    const rc = readFileSync(RC_FILE, 'utf8');
    expect(rc).toContain(';01;Arbignieu;');
    expect(rc).toContain(';01;Saint-Bois;');
    expect(rc).not.toMatch(/;La Neuvillette;/i);
    const locality = (body: Json, code: string) =>
      String(body.items.find((i) => i.code_commune === code)?.localites ?? '').split(' · ');
    expect(locality(await search('51100'), '51454')).toContain('La Neuvillette');
    const arboys = locality(await search('01300'), '01015');
    expect(arboys).toContain('Arbignieu');
    expect(arboys).toContain('Saint-Bois');
    const page = await (await app.request('/recherche?q=51100')).text();
    expect(page).toContain('Reims');
    expect(page).toContain('La Neuvillette');
    expect(page).not.toContain('LA NEUVILLETTE');
  });

  it('gives the circonscription abroad of countries and big cities', async () => {
    const abroad = (code: string) => `099-${raw.countries.get(code)!.circo}`;
    const cases: [string, string][] = [
      ['Belgique', 'BE'],
      ['Monaco', 'MC'],
      ['Royaume-Uni', 'GB'],
      ['Etats Unis', 'US'],
      ['Londres', 'GB'],
      ['New York', 'US'],
      ['Genève', 'CH'],
      ['Bruxelles', 'BE'],
      ['Dakar', 'SN'],
    ];
    expect(abroad('BE')).toBe('099-4');
    expect(abroad('MC')).toBe('099-5');
    expect(abroad('GB')).toBe('099-3');
    for (const [q, code] of cases) {
      const body = await search(q);
      expect(body.type, q).toBe('pays');
      expect(body.items[0]?.circonscription, q).toBe(abroad(code));
    }
    // Every city and alias of our vocabulary names a country the file attaches to a circonscription.
    for (const [name, code] of Object.entries({ ...ABROAD_CITIES, ...COUNTRY_ALIASES }))
      expect(raw.countries.get(code)?.circo, `${name} → ${code}`).toBeGreaterThan(0);
    // Montréal is also a commune of the Aude and of the Gers: listed after Canada's circonscription.
    const montreal = await search('Montréal');
    expect(montreal.items[0]?.circonscription).toBe(abroad('CA'));
    expect(montreal.items.length).toBeGreaterThan(1);
  });
});
