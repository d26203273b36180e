// The scrutin → amendment links on the real fixture (../shared/fixtures/mirror): the four AN
// sources crawled end to end, then checked against what this test reads itself from the raw
// Scrutins.json.zip titles, the raw amendment files and the AMO40 acteurs, with its own simple
// regexes (none of the project's parse functions). Prints the measured figures.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { runCrawl } from '../../../scrapers/run.ts';
import { serveFolder, type StaticServer } from '../../../scripts/static-server.ts';
import { tempDatabase, type TempDatabase } from '../../helpers/db.ts';
import { SHARED_FIXTURES } from '../../helpers/paths.ts';
import { AMENDEMENTS_MIRROR_PATH } from '../../helpers/amendements-zip.ts';
import { SCRUTINS_MIRROR_PATH } from '../../helpers/scrutin-json.ts';
import { AMO40_MIRROR_PATH } from '../../helpers/an-zip.ts';

const MIRROR = path.join(SHARED_FIXTURES, 'mirror');
const ZIPS = [AMENDEMENTS_MIRROR_PATH, SCRUTINS_MIRROR_PATH, AMO40_MIRROR_PATH].map((p) =>
  path.join(MIRROR, p),
);
const exists = ZIPS.every((z) => existsSync(z));
if (!exists) console.warn(`\n[links-real] SKIPPED: ${ZIPS.join(', ')} not all found.\n`);

type Json = Record<string, any>;
const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));
/** Lower case, no accents, single spaces: this test's own folding. */
const simple = (s: string) =>
  ` ${s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

interface RawAmendement {
  uid: string;
  numero: number;
  seance: boolean;
  sitting: string | null;
  government: boolean;
  /** The author's last name (AMO40) or, failing it, the first signatory of the label. */
  name: string;
}

interface TitleRead {
  number: number;
  sitting: string | null;
  /** The title from the number on, folded: where the author's name is. */
  after: string;
}

/** This test's reading of an amendment title: the first number after "amendement … n°". */
function readTitle(title: string): { number: number; after: string } | null {
  const m = /^(?:l['’]|le |les )(?:sous-)?amend\S*\s[^]*?n[°o]s?\s*(?:de\s+)?(\d+)/i.exec(title);
  return m
    ? { number: Number(m[1]), after: simple(title.slice(m[0].length, m[0].length + 90)) }
    : null;
}

/** The title names this amendment's author (the government, or the deputy's last name). */
function namesAuthor(read: TitleRead, a: RawAmendement): boolean {
  if (a.government) return read.after.includes(' gouvernement ');
  return a.name.trim() !== '' && read.after.includes(simple(a.name));
}

describe.skipIf(!exists)('scrutin → amendment links on the real fixture', () => {
  let server: StaticServer;
  let tmp: TempDatabase;
  const titles = new Map<number, TitleRead>();
  const amendements = new Map<string, RawAmendement>();

  beforeAll(async () => {
    const names = new Map<string, string>();
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(ZIPS[2]!)))) {
      if (!/acteur\/PA\d+\.json$/.test(name)) continue;
      const a = decode(bytes).acteur as Json;
      const uid = typeof a.uid === 'string' ? a.uid : a.uid['#text'];
      names.set(uid, a.etatCivil.ident.nom);
    }
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(ZIPS[0]!)))) {
      if (!/\/AMANR[0-9A-Z]+\.json$/.test(name)) continue;
      const a = decode(bytes).amendement as Json;
      const author = a.signataires.auteur as Json;
      const label = String(a.signataires.libelle ?? '').replace(/&#160;/g, ' ');
      const first = label.split(',')[0]!.replace(/^\s*(M\.|Mme)\s*/, '');
      amendements.set(a.uid, {
        uid: a.uid,
        numero: Number(a.identification.numeroOrdreDepot),
        seance: a.identification.prefixeOrganeExamen === 'AN',
        sitting: typeof a.seanceDiscussionRef === 'string' ? a.seanceDiscussionRef : null,
        government: author.typeAuteur === 'Gouvernement',
        name: names.get(author.acteurRef) ?? first,
      });
    }
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(ZIPS[1]!)))) {
      if (!/VTANR\d+L\d+V\d+\.json$/.test(name)) continue;
      const s = decode(bytes).scrutin as Json;
      const read = readTitle(String(s.titre));
      if (read) titles.set(Number(s.numero), { ...read, sitting: s.seanceRef ?? null });
    }
    server = await serveFolder(MIRROR);
    tmp = await tempDatabase();
    const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
    const summaries = await runCrawl(tmp.db, config, {
      only: ['an', 'votes', 'dossiers', 'amendements'],
    });
    for (const s of summaries) expect(s.status, s.source).toBe('ok');
  }, 900_000);

  afterAll(async () => {
    await server?.close();
    await tmp?.cleanup();
  });

  it('links at least 90 % of the scrutins whose title names an amendment present in the fixture, and every sampled link agrees with the title', async () => {
    const links = new Map(
      (
        await tmp.db
          .selectFrom('scrutin_amendement as l')
          .innerJoin('scrutin as s', 's.uid', 'l.scrutin_uid')
          .select(['s.number', 'l.amendement_uid', 'l.reason'])
          .where('l.position', '=', 1)
          .execute()
      ).map((r) => [r.number, r]),
    );
    const seance = [...amendements.values()].filter((a) => a.seance);
    // Present: a séance amendment with the title's number, by the author it names, discussed
    // at the scrutin's sitting.
    let present = 0;
    let linkedPresent = 0;
    // Loosely present (the denominator): a séance amendment with the title's number,
    // by the author it names, wherever it was discussed.
    let looselyPresent = 0;
    let linkedLoosely = 0;
    const missed: number[] = [];
    const missedLoosely: number[] = [];
    for (const [number, read] of titles) {
      const same = seance.filter((a) => a.numero === read.number && namesAuthor(read, a));
      if (same.length > 0) {
        looselyPresent++;
        if (links.get(number)?.amendement_uid) linkedLoosely++;
        else missedLoosely.push(number);
      }
      if (!same.some((a) => read.sitting !== null && a.sitting === read.sitting)) continue;
      present++;
      if (links.get(number)?.amendement_uid) linkedPresent++;
      else missed.push(number);
    }
    const linked = [...links.values()].filter((l) => l.amendement_uid !== null);
    const reasons: Record<string, number> = {};
    for (const l of links.values()) if (l.reason) reasons[l.reason] = (reasons[l.reason] ?? 0) + 1;
    const dossiers = await tmp.db
      .selectFrom('scrutin_dossier')
      .select('method')
      .select((eb) => eb.fn.count<number>('scrutin_uid').distinct().as('n'))
      .groupBy('method')
      .execute();
    console.log(
      `[links-real] ${titles.size} scrutin titles name an amendment (test regex), ${links.size} for the site; ` +
        `${present} name one present at their sitting (same number and author), ${linkedPresent} of them linked ` +
        `(${((100 * linkedPresent) / present).toFixed(1)} %); ${looselyPresent} name a number+author present anywhere in séance, ` +
        `${linkedLoosely} of them linked (${((100 * linkedLoosely) / looselyPresent).toFixed(1)} %; missed: ${missedLoosely.slice(0, 20).join(', ')}); ` +
        `${linked.length} linked in all; unresolved by reason ${JSON.stringify(reasons)}; ` +
        `dossier links by method ${JSON.stringify(Object.fromEntries(dossiers.map((d) => [d.method, Number(d.n)])))}; ` +
        `missed: ${missed.slice(0, 20).join(', ')}`,
    );
    expect(present).toBeGreaterThan(500);
    expect(linkedPresent / present).toBeGreaterThanOrEqual(0.9);
    expect(linkedLoosely / looselyPresent).toBeGreaterThanOrEqual(0.9);

    // A deterministic sample of 50 links spread over the list, by scrutin number.
    const sorted = [...links.entries()]
      .filter(([, l]) => l.amendement_uid !== null)
      .sort((a, b) => a[0] - b[0]);
    const sample = Array.from(
      { length: 50 },
      (_, i) => sorted[Math.floor((i * sorted.length) / 50)]!,
    );
    expect(new Set(sample.map(([n]) => n)).size).toBe(50);
    for (const [number, link] of sample) {
      const read = titles.get(number);
      const a = amendements.get(link.amendement_uid!);
      expect(read, `scrutin ${number}`).toBeDefined();
      expect(a, `scrutin ${number} → ${link.amendement_uid}`).toBeDefined();
      expect(a!.seance, `scrutin ${number}: séance amendment`).toBe(true);
      expect(a!.numero, `scrutin ${number}: number`).toBe(read!.number);
      expect(
        namesAuthor(read!, a!),
        `scrutin ${number}: author ${a!.name} in "${read!.after}"`,
      ).toBe(true);
    }
  });
});
