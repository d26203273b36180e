// Hand-written scrutins on the hand-written amendments (test/fixtures/an/amendements), served
// on 127.0.0.1 and crawled by the real votes and amendements crawlers in the order given.
// Scrutin 1 decides amendment 1 (Mme Alpha, discussed at its sitting; a committee amendment
// with the same number sits at the same sitting); scrutin 2 the Gouvernement's sub-amendment
// 2 of amendment 1; scrutin 3 names n° 3 of "Mme Delta", but amendment 3 is M. Bravo's
// (auteur-different); scrutin 4 names n° 77, which no amendment bears, and no amendment
// was discussed at its sitting nor is its dossier's wording stored (texte-absent); scrutin 5 is on the whole text (no amendment named).
import { loadConfig } from '../../config.ts';
import type { DB } from '../../db/database.ts';
import { runCrawl, type SourceSummary } from '../../scrapers/run.ts';
import {
  AMENDEMENTS_MIRROR_PATH,
  FIXTURE_TEXT,
  amendementsZip,
  editedAmendement,
  entryN,
  uidN,
} from './amendements-zip.ts';
import { startTestServer } from './http.ts';
import {
  SCRUTINS_MIRROR_PATH,
  scrutinEntries,
  scrutinsZip,
  type ScrutinSpec,
} from './scrutin-json.ts';

/** The sitting the scrutin-json helper gives scrutin `n`. */
export const sittingOf = (n: number) => `RUANR5L17S2025IDS${30000 + n}`;

/** The committee amendment numbered 1 like amendment 1, at the same sitting. */
export const COMMITTEE_UID = 'AMANR5L17PO59051B9001P0D1N000001';

const BILL = 'de la proposition de loi visant à tester les liaisons (première lecture).';

const scrutin = (number: number, title: string): ScrutinSpec => ({
  number,
  date: '2025-03-25',
  title,
  groups: [{ organe: 'PO900001', position: 'pour', pour: ['PA100001'], contre: ['PA100002'] }],
});

export const LINK_SCRUTINS: ScrutinSpec[] = [
  scrutin(1, `l'amendement n° 1 de Mme Alpha à l'article 3 ${BILL}`),
  scrutin(
    2,
    `le sous-amendement n° 2 du Gouvernement à l'amendement n° 1 de Mme Alpha à l'article premier ${BILL}`,
  ),
  scrutin(3, `l'amendement n° 3 de Mme Delta à l'article premier ${BILL}`),
  scrutin(4, `l'amendement n° 77 de Mme Alpha à l'article premier ${BILL}`),
  scrutin(5, `l'ensemble ${BILL}`),
];

/** The amendments zip with each amendment discussed at its scrutin's sitting, and the committee one. */
export function linkAmendementsZip(): Uint8Array {
  const at = (n: number, sitting: string) =>
    editedAmendement(n, (a) => {
      a.seanceDiscussionRef = sitting;
    });
  return amendementsZip({
    [entryN(1)]: at(1, sittingOf(1)),
    [entryN(2)]: at(2, sittingOf(2)),
    [entryN(3)]: at(3, sittingOf(3)),
    // Amendment 77 is not in the archive; n° 1 of the law committee (its own numbering).
    [`${FIXTURE_TEXT}/${COMMITTEE_UID}.json`]: editedAmendement(1, (a) => {
      a.uid = COMMITTEE_UID;
      a.identification.numeroLong = 'CL1';
      a.identification.prefixeOrganeExamen = 'CION_LOIS';
      a.examenRef = 'EXANR5L17PO59051B9001P0D1';
      a.seanceDiscussionRef = sittingOf(1);
    }),
  });
}

/** Serves both archives and crawls `order` (e.g. ['amendements', 'votes']) one source at a time. */
export async function crawlLinks(db: DB, file: string, order: string[]): Promise<SourceSummary[]> {
  const server = await startTestServer();
  server.serve(SCRUTINS_MIRROR_PATH, scrutinsZip(scrutinEntries(LINK_SCRUTINS)));
  server.serve(AMENDEMENTS_MIRROR_PATH, linkAmendementsZip());
  const config = loadConfig({
    DATABASE_PATH: file,
    SOURCES_MIRROR: server.url,
    CRAWL_DELAY_MS: '0',
  });
  const summaries: SourceSummary[] = [];
  try {
    for (const id of order) {
      summaries.push(...(await runCrawl(db, config, { only: [id], download: { backoffMs: 0 } })));
    }
  } finally {
    await server.close();
  }
  return summaries;
}

export { uidN };
