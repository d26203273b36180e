// Real-data suite: the HATVP index and declaration files of ../shared/fixtures, crawled over
// loopback into a real database, checked against an independent read of the raw files
// written here (regular expressions and plain splitting, not the project's parsers).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import type { DB } from '../../../db/database.ts';
import { parseDeclarations } from '../../../scrapers/hatvp/parse-declaration.ts';
import { runCrawl, type SourceSummary } from '../../../scrapers/run.ts';
import { serveFolder, type StaticServer } from '../../../scripts/static-server.ts';
import { tempDatabase } from '../../helpers/db.ts';
import { SHARED_FIXTURES } from '../../helpers/paths.ts';

const MIRROR = path.join(SHARED_FIXTURES, 'mirror');
const HATVP = path.join(MIRROR, 'www.hatvp.fr', 'livraison');
const DOSSIERS = path.join(HATVP, 'dossiers');
const AMO40 = path.join(
  MIRROR,
  'data.assemblee-nationale.fr/static/openData/repository/17/amo/deputes_actifs_mandats_actifs_organes_divises/AMO40_deputes_actifs_mandats_actifs_organes_divises.json.zip',
);
const present = existsSync(path.join(HATVP, 'opendata', 'liste.csv')) && existsSync(AMO40);
if (!present) {
  console.log(`HATVP real-data suite skipped: no ${HATVP} (../shared/fixtures is absent here).`);
}

// Section element → the code the tracker uses.
const SECTIONS: Record<string, string> = {
  activProfCinqDerniereDto: 'activite',
  activConsultantDto: 'consultant',
  participationDirigeantDto: 'dirigeant',
  participationFinanciereDto: 'participation',
  activProfConjointDto: 'conjoint',
  fonctionBenevoleDto: 'benevole',
  mandatElectifDto: 'mandat',
  activCollaborateursDto: 'collaborateur',
  observationInteretDto: 'observation',
};

/** Independent read of one file: items per section (one `<motif>` per item) and amounts. */
function rawRead(xml: string) {
  const sections: Record<string, { items: number; amounts: [number, number][]; values: number[] }> =
    {};
  for (const [element, code] of Object.entries(SECTIONS)) {
    const block = new RegExp(`<${element}>([\\s\\S]*?)</${element}>`).exec(xml)?.[1] ?? '';
    const items = (block.match(/<motif>/g) ?? []).length;
    // An amount left empty (`<montant />`) is no number.
    const amounts = [
      ...block.matchAll(
        /<annee>\s*(\d{4})\s*<\/annee>\s*(?:<montant>([^<]*)<\/montant>|<montant\s*\/>)/g,
      ),
    ].map((m): [number, number] => {
      const digits = (m[2] ?? '').replace(/[^\d-]/g, '');
      return [Number(m[1]), digits === '' ? NaN : Number(digits)];
    });
    const values = [...block.matchAll(/<evaluation>([^<]*)<\/evaluation>/g)].map((m) =>
      Number(m[1]!.replace(/[^\d-]/g, '')),
    );
    if (items > 0) sections[code] = { items, amounts, values };
  }
  return sections;
}

/** Independent read of the index: distinct lines, split on `;`. */
function rawIndex() {
  const lines = readFileSync(path.join(HATVP, 'opendata', 'liste.csv'), 'utf8').split('\n');
  const header = lines[0]!.split(';');
  const data = lines.slice(1).filter((l) => l.trim() !== '');
  const distinct = [...new Set(data)];
  const col = (name: string) => header.indexOf(name);
  const rows = distinct.map((l) => l.split(';'));
  return { header, data, distinct, rows, col };
}

/** Independent read of the AMO40 acteurs: uid, HATVP page path, folded name, départements. */
function rawActeurs() {
  const files = unzipSync(new Uint8Array(readFileSync(AMO40)), {
    filter: (f) => f.name.startsWith('acteur/'),
  });
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return Object.values(files).map((bytes) => {
    const a = JSON.parse(new TextDecoder().decode(bytes)).acteur;
    const uid = typeof a.uid === 'string' ? a.uid : a.uid['#text'];
    const list = a.mandats ? [a.mandats.mandat].flat() : [];
    const deps = list
      .filter((m: any) => m.typeOrgane === 'ASSEMBLEE' && m.legislature === '17')
      .map((m: any) => m.election?.lieu?.numDepartement)
      .filter((d: unknown) => typeof d === 'string');
    const url =
      typeof a.uri_hatvp === 'string' ? a.uri_hatvp.replace('https://www.hatvp.fr', '') : null;
    return {
      uid,
      url,
      name: fold(`${a.etatCivil.ident.prenom} ${a.etatCivil.ident.nom}`),
      deps,
      fold,
    };
  });
}

describe.skipIf(!present)('HATVP real data (../shared/fixtures)', () => {
  let db: DB;
  let cleanup: () => Promise<void>;
  let mirror: StaticServer;
  let hatvp: SourceSummary;
  const requests: string[] = [];

  beforeAll(async () => {
    ({ db, cleanup } = await tempDatabase());
    mirror = await serveFolder(MIRROR, 0, (p) => requests.push(p));
    const config = loadConfig({
      DATABASE_PATH: ':memory:',
      SOURCES_MIRROR: mirror.url,
      CRAWL_DELAY_MS: '0',
      CRAWL_CONCURRENCY: '16',
    });
    const [an] = await runCrawl(db, config, { only: ['an'] });
    expect(an?.status).toBe('ok');
    const started = performance.now();
    [hatvp] = (await runCrawl(db, config, { only: ['hatvp'] })) as [SourceSummary];
    // Files the mirror lacks are 404s, recorded per declaration: not a failure of the crawl.
    expect(hatvp).toMatchObject({ status: 'ok', failed: 0, error: null });
    console.log(
      `HATVP real crawl: ${hatvp.fetched} files asked, ${hatvp.failed} failed, ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 300_000);

  afterAll(async () => {
    await mirror?.close();
    await cleanup?.();
  });

  it('parses every declaration XML of the mirror and the samples without error or warning', () => {
    const files = readdirSync(DOSSIERS).filter((f) => f.endsWith('.xml'));
    expect(files.length).toBeGreaterThan(500);
    const samples = path.join(SHARED_FIXTURES, 'samples', 'hatvp');
    const extra = [
      'mdamien_2017/declarations.xml',
      'yahatvp/01-declaration.xml',
      'yahatvp/declaration_single_real.xml',
    ]
      .map((f) => path.join(samples, f))
      .filter(existsSync);
    let declarations = 0;
    for (const file of [...files.map((f) => path.join(DOSSIERS, f)), ...extra]) {
      const parsed = parseDeclarations(readFileSync(file));
      for (const d of parsed) expect(d.warnings, file).toEqual([]);
      declarations += parsed.length;
    }
    console.log(
      `HATVP real files parsed: ${files.length} dossiers + ${extra.length} samples, ${declarations} declarations`,
    );
  }, 60_000);

  it('keeps every distinct line of the index, duplicates once', async () => {
    const index = rawIndex();
    const { n } = await db
      .selectFrom('declaration')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const wellFormed = index.rows.filter((r) => r.length === index.header.length).length;
    expect(Number(n)).toBe(wellFormed);
    expect(hatvp.added).toBe(wellFormed);
    console.log(
      `HATVP index: ${index.data.length} lines, ${index.data.length - index.distinct.length} exact duplicates, ${wellFormed} declarations stored`,
    );
  });

  it('reads every declaration of interests present in the mirror, records the others as missing', async () => {
    const index = rawIndex();
    const file = index.col('open_data');
    const type = index.col('type_document');
    const interests = index.rows
      .filter((r) => r[file] && r[type]!.startsWith('di'))
      .map((r) => r[file]!);
    const onDisk = new Set(readdirSync(DOSSIERS));
    const expectedOk = interests.filter((f) => onDisk.has(f)).length;
    const counts = Object.fromEntries(
      (
        await db
          .selectFrom('declaration')
          .select((eb) => ['xml_status', eb.fn.countAll<number>().as('n')])
          .groupBy('xml_status')
          .execute()
      ).map((r) => [r.xml_status, Number(r.n)]),
    );
    expect(counts.ok).toBe(expectedOk);
    expect(counts.missing).toBe(interests.length - expectedOk);
    expect(counts.invalid).toBeUndefined();
    expect(hatvp.fetched).toBe(1 + interests.length);
    console.log(
      `HATVP files: ${expectedOk} read, ${interests.length - expectedOk} absent from the mirror (404)`,
    );
  });

  it('stores, per declaration and section, the items and amounts an independent read finds', async () => {
    const parsed = await db
      .selectFrom('declaration')
      .select(['id', 'xml_file'])
      .where('xml_status', '=', 'ok')
      .execute();
    const items = await db
      .selectFrom('declaration_item as i')
      .leftJoin('declaration_amount as m', 'm.item_id', 'i.id')
      .select(['i.declaration_id', 'i.section', 'i.id', 'i.value', 'm.year', 'm.amount'])
      .orderBy('i.id')
      .orderBy('m.position')
      .execute();
    const stored = new Map<string, ReturnType<typeof rawRead>>();
    const seenItems = new Set<number>();
    for (const row of items) {
      const sections = stored.get(row.declaration_id) ?? {};
      const s = (sections[row.section] ??= { items: 0, amounts: [], values: [] });
      if (!seenItems.has(row.id)) {
        seenItems.add(row.id);
        s.items++;
        if (row.section === 'participation') s.values.push(row.value ?? NaN);
      }
      if (row.year !== null) s.amounts.push([row.year, row.amount ?? NaN]);
      stored.set(row.declaration_id, sections);
    }
    let totalItems = 0;
    let totalAmounts = 0;
    for (const d of parsed) {
      const raw = rawRead(readFileSync(path.join(DOSSIERS, d.xml_file!), 'utf8'));
      expect(stored.get(d.id) ?? {}, d.xml_file!).toEqual(raw);
      for (const s of Object.values(raw)) {
        totalItems += s.items;
        totalAmounts += s.amounts.length;
      }
    }
    expect(seenItems.size).toBe(totalItems);
    console.log(
      `HATVP items: ${totalItems} items and ${totalAmounts} yearly amounts in ${parsed.length} declarations, all equal to the raw read`,
    );
  }, 60_000);

  it('links deputy declarants as an independent application of the three rules does', async () => {
    const index = rawIndex();
    const acteurs = rawActeurs();
    const fold = acteurs[0]!.fold;
    const uids = new Set(acteurs.map((a) => a.uid));
    const byUrl = new Map(acteurs.filter((a) => a.url).map((a) => [a.url!.toLowerCase(), a.uid]));
    const c = index.col;
    const people = new Map<string, string[][]>();
    for (const r of index.rows) {
      if (r.length !== index.header.length) continue;
      people.set(r[c('classement')]!, [...(people.get(r[c('classement')]!) ?? []), r]);
    }
    let linked = 0;
    let unlinked = 0;
    const expected = new Map<string, string | null>();
    for (const [key, rows] of people) {
      const deputyRows = rows.filter((r) => r[c('type_mandat')] === 'depute');
      if (deputyRows.length === 0) continue;
      const byId = rows
        .map((r) => r[c('id_origine')]!)
        .find((id) => /^\d+$/.test(id) && uids.has(`PA${id}`));
      const byPage = rows.map((r) => byUrl.get(r[c('url_dossier')]!.toLowerCase())).find(Boolean);
      const latest = [...rows]
        .sort((a, b) => (a[c('date_depot')] || '9999').localeCompare(b[c('date_depot')] || '9999'))
        .at(-1)!;
      const name = fold(`${latest[c('prenom')]} ${latest[c('nom')]}`);
      const deps = new Set(deputyRows.map((r) => r[c('departement')]));
      const byName = acteurs.filter(
        (a) => a.name === name && a.deps.some((d: string) => deps.has(d)),
      );
      const uid = byId ? `PA${byId}` : (byPage ?? (byName.length === 1 ? byName[0]!.uid : null));
      expected.set(key, uid);
      if (uid) linked++;
      else unlinked++;
    }
    const stored = await db
      .selectFrom('declarant')
      .select(['key', 'acteur_uid', 'link_method'])
      .where('is_deputy', '=', 1)
      .execute();
    expect(stored).toHaveLength(expected.size);
    expect(Object.fromEntries(stored.map((s) => [s.key, s.acteur_uid]))).toEqual(
      Object.fromEntries(expected),
    );
    const methods = stored.reduce<Record<string, number>>((acc, s) => {
      const m = s.link_method ?? 'non relié';
      return { ...acc, [m]: (acc[m] ?? 0) + 1 };
    }, {});
    console.log(
      `HATVP deputies: ${expected.size} deputy declarants, ${linked} linked, ${unlinked} unlinked`,
      methods,
    );
  }, 60_000);

  it('re-crawls with nothing new in two requests: robots.txt and the index (304)', async () => {
    const config = loadConfig({
      DATABASE_PATH: ':memory:',
      SOURCES_MIRROR: mirror.url,
      CRAWL_DELAY_MS: '0',
    });
    const seen = requests.length;
    const started = performance.now();
    const [again] = await runCrawl(db, config, { only: ['hatvp'] });
    expect(again).toMatchObject({ status: 'unchanged', fetched: 1, unchanged: 1, failed: 0 });
    expect(requests.slice(seen)).toEqual([
      '/www.hatvp.fr/robots.txt',
      '/www.hatvp.fr/livraison/opendata/liste.csv',
    ]);
    console.log(
      `HATVP re-crawl with nothing new: ${((performance.now() - started) / 1000).toFixed(2)} s`,
    );
  }, 60_000);
});
