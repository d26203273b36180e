// Real-data suite: crawls the AN referential and the geo source from ../shared/fixtures/mirror
// (served on loopback) and checks the "find my deputy" answers against figures computed here,
// independently, from the raw files. Skipped, saying so, when the fixtures are absent.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.tsx';
import { crawledSite, type CrawledSite } from '../../helpers/crawl.ts';

const fixtures = path.resolve('../shared/fixtures');
const mirrorDir = path.join(fixtures, 'mirror');
const present = existsSync(mirrorDir);
if (!present) console.log(`geo real-data suite skipped: no ${mirrorDir}`);

const INSEE_FILE = path.join(
  mirrorDir,
  'www.insee.fr/fr/statistiques/fichier/6436476/circo_composition.xlsx',
);
const LAPOSTE_FILE = path.join(
  mirrorDir,
  'datanova.laposte.fr/data-fair/api/v1/datasets/laposte-hexasmal/raw',
);
const AMO_FILE = path.join(
  mirrorDir,
  'data.assemblee-nationale.fr/static/openData/repository/17/amo/deputes_actifs_mandats_actifs_organes_divises/AMO40_deputes_actifs_mandats_actifs_organes_divises.json.zip',
);

/** The raw files, read here without the project's parsers. */
interface Raw {
  /** commune code → circonscription ids ("33-4"), from INSEE's sheet. */
  communeCircos: Map<string, Set<string>>;
  communeNames: Map<string, string>;
  inseeCircos: Set<string>;
  /** postcode → La Poste commune codes. */
  postcodeCommunes: Map<string, Set<string>>;
  /** circonscription id → uids of deputies with an open mandate of the 17th legislature. */
  seats: Map<string, string[]>;
  anCircos: Set<string>;
  deputies: { uid: string; first: string; last: string }[];
}

const circoId = (code: string) => {
  const m = code.startsWith('97')
    ? [code.slice(0, 3), code.slice(3)]
    : [code.slice(0, 2), code.slice(2)];
  return `${m[0]}-${Number(m[1])}`;
};
const list = <T>(v: T | T[] | null | undefined): T[] =>
  v == null ? [] : Array.isArray(v) ? v : [v];
const isNil = (v: unknown) =>
  v === null || (typeof v === 'object' && v !== null && '@xsi:nil' in v);

async function readRaw(): Promise<Raw> {
  const sheets = await readXlsxFile(readFileSync(INSEE_FILE));
  const table = sheets.find((s) => s.data[0]?.includes('COMMUNE_RESID'))!.data;
  const header = table[0]!.map(String);
  const col = (name: string) => header.indexOf(name);
  const communeCircos = new Map<string, Set<string>>();
  const communeNames = new Map<string, string>();
  const inseeCircos = new Set<string>();
  for (const row of table.slice(1)) {
    const commune = String(row[col('COMMUNE_RESID')]);
    communeNames.set(commune, String(row[col('LIBcom')]));
    const set = communeCircos.get(commune) ?? new Set<string>();
    const circo = row[col('circo')];
    if (circo) {
      set.add(circoId(String(circo)));
      inseeCircos.add(circoId(String(circo)));
    }
    communeCircos.set(commune, set);
  }

  const postcodeCommunes = new Map<string, Set<string>>();
  const lines = new TextDecoder('latin1').decode(readFileSync(LAPOSTE_FILE)).split(/\r?\n/);
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const [commune, , postcode] = line.split(';');
    const set = postcodeCommunes.get(postcode!) ?? new Set<string>();
    set.add(commune!);
    postcodeCommunes.set(postcode!, set);
  }

  const seats = new Map<string, string[]>();
  const anCircos = new Set<string>();
  const deputies: Raw['deputies'] = [];
  const decoder = new TextDecoder();
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(AMO_FILE)))) {
    if (/organe\/PO\d+\.json$/.test(name)) {
      const o = JSON.parse(decoder.decode(bytes)).organe;
      if (o.codeType === 'CIRCONSCRIPTION' && o.legislature === '17')
        anCircos.add(`${o.lieu.departement.code}-${Number(o.numero)}`);
    } else if (/acteur\/PA\d+\.json$/.test(name)) {
      const a = JSON.parse(decoder.decode(bytes)).acteur;
      const uid = typeof a.uid === 'string' ? a.uid : a.uid['#text'];
      for (const m of list(a.mandats?.mandat)) {
        if (m.typeOrgane !== 'ASSEMBLEE' || m.legislature !== '17' || !isNil(m.dateFin)) continue;
        const id = `${m.election.lieu.numDepartement}-${Number(m.election.lieu.numCirco)}`;
        seats.set(id, [...(seats.get(id) ?? []), uid]);
        deputies.push({ uid, first: a.etatCivil.ident.prenom, last: a.etatCivil.ident.nom });
      }
    }
  }
  return { communeCircos, communeNames, inseeCircos, postcodeCommunes, seats, anCircos, deputies };
}

let raw: Raw;
let site: CrawledSite | undefined;
let app: ReturnType<typeof createApp>;

interface Json {
  total: number;
  motif?: string | null;
  items: Record<string, string | number | boolean | null>[];
}
const get = async (url: string): Promise<Json> => {
  const res = await app.request(url);
  expect(res.status, url).toBe(200);
  return (await res.json()) as Json;
};
const search = (q: string) => get(`/recherche.json?q=${encodeURIComponent(q)}`);
const values = (body: Json, name: string) => body.items.map((i) => i[name]);
const distinct = (body: Json, name: string) => [...new Set(values(body, name))].sort();
const deputyOf = (circo: string) => raw.seats.get(circo)?.[0] ?? null;

describe.skipIf(!present)('geo on the real files', () => {
  beforeAll(async () => {
    raw = await readRaw();
    site = await crawledSite(['an', 'geo'], 'tracker-geo-real-');
    app = site.app;
  }, 120_000);
  afterAll(async () => {
    await site?.close();
  });

  it('gives one deputy for the postcodes of single-circonscription communes', async () => {
    // Postcodes whose every commune is in INSEE's table, each in one and the same circonscription.
    const simple = [...raw.postcodeCommunes.entries()].filter(([, communes]) => {
      const circos = new Set(
        [...communes].flatMap((c) => [...(raw.communeCircos.get(c) ?? ['?', '!'])]),
      );
      return circos.size === 1 && [...communes].every((c) => raw.communeCircos.get(c)?.size === 1);
    });
    expect(simple.length).toBeGreaterThan(4000);
    // Every 50th of them, across France.
    const sample = simple.filter((_, i) => i % 50 === 0);
    for (const [postcode, communes] of sample) {
      const circo = [...raw.communeCircos.get([...communes][0]!)!][0]!;
      const body = await search(postcode);
      expect(distinct(body, 'circonscription'), postcode).toEqual([circo]);
      expect(distinct(body, 'uid'), postcode).toEqual([deputyOf(circo)]);
      expect(distinct(body, 'code_commune'), postcode).toEqual([...communes].sort());
    }
    const [postcode, communes] = sample[0]!;
    const circo = [...raw.communeCircos.get([...communes][0]!)!][0]!;
    const res = await app.request(`/recherche?q=${postcode}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(
      deputyOf(circo) ? `/deputes/${deputyOf(circo)}` : `/circonscriptions/${circo}`,
    );
    console.log(
      `geo real: ${simple.length} single-circonscription postcodes, ${sample.length} checked`,
    );
  });

  it('gives the whole city for a Lyon postcode that Regards Citoyens does not list', async () => {
    // 69005 is in no row of Regards Citoyens' table, nor is any other postcode of the 5e
    // (75116 is answered from the 16e's other postcode: see real-precise.test.ts).
    for (const [postcode, city] of [['69005', '69123']] as const) {
      const circos = [...raw.communeCircos.get(city)!].sort();
      const body = await search(postcode);
      expect(distinct(body, 'circonscription'), postcode).toEqual(circos);
      expect(distinct(body, 'base'), postcode).toEqual(['ville']);
      for (const item of body.items) expect(item.uid).toBe(deputyOf(String(item.circonscription)));
      expect(body.motif).toContain(`ne range le ${postcode} dans aucune circonscription`);
    }
    expect(raw.communeCircos.get('75056')!.size).toBe(18);
  });

  it('finds a commune written with or without accents, and with "St" for "Saint"', async () => {
    const cases: [string, string[]][] = [
      ['33394', ['Saint-Émilion', 'saint emilion', 'St Emilion', 'ST-ÉMILION']],
      ['69202', ['Sainte-Foy-lès-Lyon', 'ste foy les lyon', 'Ste-Foy-Les-Lyon']],
      ['42218', ['Saint-Étienne', 'st etienne', 'SAINT ETIENNE']],
    ];
    for (const [code, queries] of cases) {
      const circos = [...raw.communeCircos.get(code)!].sort();
      expect(raw.communeNames.get(code)).toBe(queries[0]);
      for (const q of queries) {
        const body = await search(q);
        expect(distinct(body, 'code_commune'), q).toEqual([code]);
        expect(distinct(body, 'circonscription'), q).toEqual(circos);
      }
    }
  });

  it('lists the communes of a postcode serving many', async () => {
    const [postcode, communes] = [...raw.postcodeCommunes.entries()].sort(
      (a, b) => b[1].size - a[1].size,
    )[0]!;
    expect(communes.size).toBeGreaterThan(30);
    const body = await search(postcode);
    expect(distinct(body, 'code_commune')).toEqual([...communes].sort());
    const expectedCircos = new Set(
      [...communes].flatMap((c) => [...(raw.communeCircos.get(c) ?? [])]),
    );
    expect(distinct(body, 'circonscription')).toEqual([...expectedCircos].sort());
    console.log(
      `geo real: postcode ${postcode} serves ${communes.size} communes in ${expectedCircos.size} circonscription(s)`,
    );
  });

  it('finds a deputy by name, with and without accents', async () => {
    const accented = raw.deputies.filter((d) => /[À-ÿ]/.test(`${d.first} ${d.last}`));
    expect(accented.length).toBeGreaterThan(50);
    const plain = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    for (const d of accented.filter((_, i) => i % 10 === 0)) {
      for (const q of [`${d.first} ${d.last}`, plain(`${d.first} ${d.last}`).toLowerCase()]) {
        const body = await search(q);
        expect(values(body, 'uid'), q).toContain(d.uid);
      }
    }
  });

  it('shows every circonscription with exactly one deputy in office, or vacant', async () => {
    for (const [circo, uids] of raw.seats) expect(uids, circo).toHaveLength(1);
    const expected = new Set([...raw.anCircos, ...raw.inseeCircos]);
    const body = await get('/circonscriptions.json');
    expect(body.total).toBe(expected.size);
    expect(new Set(values(body, 'circonscription'))).toEqual(expected);
    let vacant = 0;
    for (const item of body.items) {
      const id = String(item.circonscription);
      expect(item.depute_uid, id).toBe(deputyOf(id));
      expect(item.vacante, id).toBe(!raw.seats.has(id));
      if (item.vacante) vacant++;
    }
    // INSEE's circonscriptions are all among the AN's.
    for (const c of raw.inseeCircos) expect(raw.anCircos.has(c), c).toBe(true);
    console.log(
      `geo real: ${body.total} circonscriptions, ${vacant} vacant, ${raw.inseeCircos.size} in INSEE's table`,
    );
  });

  it('lists the eleven circonscriptions of French people abroad', async () => {
    const body = await search('Français de l’étranger');
    const abroad = [...raw.anCircos].filter((c) => c.startsWith('099-'));
    expect(abroad).toHaveLength(11);
    expect(distinct(body, 'circonscription')).toEqual(abroad.sort());
    expect(values(body, 'lieu').every((zone) => typeof zone === 'string' && zone.length > 0)).toBe(
      true,
    );
    const listed = await get('/circonscriptions.json?departement=099');
    expect(values(listed, 'circonscription')).toEqual(
      abroad.sort((a, b) => Number(a.slice(4)) - Number(b.slice(4))),
    );
    expect(values(listed, 'zone').filter(Boolean)).toHaveLength(11);
    const page = await (await app.request('/circonscriptions/099-5')).text();
    expect(page).toContain('Les 11 circonscriptions des Français établis hors de France');
  });

  it('handles overseas communes, arrondissements and communes without circonscription', async () => {
    // Mamoudzou (Mayotte) is not in INSEE's table: both circonscriptions of Mayotte.
    expect(raw.communeCircos.has('97611')).toBe(false);
    const mayotte = [...raw.anCircos].filter((c) => c.startsWith('976-')).sort();
    expect(distinct(await search('Mamoudzou'), 'circonscription')).toEqual(mayotte);
    // Saint-Pierre-et-Miquelon has one circonscription: one answer.
    expect(distinct(await search('97500'), 'uid')).toEqual([deputyOf('975-1')]);
    // The Meuse villages INSEE attaches to no circonscription.
    const none = [...raw.communeCircos.entries()].filter(([, s]) => s.size === 0).map(([c]) => c);
    expect(none).toHaveLength(6);
    const body = await search(raw.communeNames.get(none[0]!)!);
    expect(values(body, 'circonscription')).toEqual([null]);
  });
});
