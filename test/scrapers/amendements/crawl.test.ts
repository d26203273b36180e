// The real amendements crawl over a hand-made zip served on 127.0.0.1 (mirror layout).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { runCrawl } from '../../../scrapers/run.ts';
import { tempDatabase, type TempDatabase } from '../../helpers/db.ts';
import { startTestServer, type TestServer } from '../../helpers/http.ts';
import {
  AMENDEMENTS_FILE_NAME,
  AMENDEMENTS_MIRROR_PATH as P,
  amendementsZip,
  editedAmendement,
  entryN,
  uidN,
} from '../../helpers/amendements-zip.ts';

let tmp: TempDatabase;
let server: TestServer;
beforeEach(async () => {
  tmp = await tempDatabase();
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
  await tmp.cleanup();
});

const crawl = async () => {
  const config = loadConfig({
    DATABASE_PATH: tmp.file,
    SOURCES_MIRROR: server.url,
    CRAWL_DELAY_MS: '0',
  });
  const [summary] = await runCrawl(tmp.db, config, {
    only: ['amendements'],
    download: { backoffMs: 0 },
  });
  return summary!;
};
const rows = () =>
  tmp.db.selectFrom('amendement').select(['uid', 'sort', 'content_hash']).orderBy('uid').execute();
const cosigners = () =>
  tmp.db
    .selectFrom('amendement_cosignataire')
    .selectAll()
    .orderBy('amendement_uid')
    .orderBy('position')
    .execute();
const events = () => tmp.db.selectFrom('change_event').selectAll().orderBy('id').execute();

describe('amendements crawl', () => {
  it('imports, skips an unchanged archive, and records new amendments and changed outcomes', async () => {
    server.serve(P, amendementsZip());
    expect(await crawl()).toMatchObject({ status: 'ok', added: 3, failed: 0 });
    expect((await rows()).map((r) => [r.uid, r.sort])).toEqual([
      [uidN(1), 'adopte'],
      [uidN(2), 'en-cours'],
      [uidN(3), 'irrecevable'],
    ]);
    expect((await cosigners()).map((c) => [c.amendement_uid, c.acteur_uid, c.position])).toEqual([
      [uidN(1), 'PA100002', 1],
      [uidN(1), 'PA100003', 2],
      [uidN(3), 'PA100001', 1],
    ]);
    expect((await events()).map((e) => e.kind)).toEqual(['initial_import']);
    expect(await crawl()).toMatchObject({ status: 'unchanged' });

    const hashes = new Map((await rows()).map((r) => [r.uid, r.content_hash]));
    server.serve(
      P,
      amendementsZip({
        [entryN(2)]: editedAmendement(2, (a) => {
          a.cycleDeVie.sort = 'Rejeté';
          a.cycleDeVie.etatDesTraitements = {
            etat: { code: 'DI', libelle: 'Discuté' },
            sousEtat: { code: 'DI', libelle: 'Rejeté' },
          };
        }),
        [entryN(4)]: editedAmendement(3, (a) => {
          a.uid = uidN(4);
          a.identification.numeroLong = '4';
        }),
      }),
    );
    expect(await crawl()).toMatchObject({ status: 'ok', added: 1, changed: 1, unchanged: 2 });
    const after = await rows();
    expect(after.find((r) => r.uid === uidN(2))!.sort).toBe('rejete');
    expect(after.find((r) => r.uid === uidN(1))!.content_hash).toBe(hashes.get(uidN(1)));
    const log = (await events()).slice(1);
    expect(log.map((e) => [e.kind, e.entity_id, e.old_value, e.new_value])).toEqual([
      ['amendement_sort_changed', uidN(2), 'En cours', 'Rejeté'],
      ['new_amendement', uidN(4), null, 'Irrecevable'],
    ]);
  });

  it('records one event per amendment gone from the archive, with its deletion', async () => {
    server.serve(P, amendementsZip());
    await crawl();
    server.serve(P, amendementsZip({ [entryN(3)]: null }));
    expect(await crawl()).toMatchObject({ status: 'ok', removed: 1 });
    expect((await rows()).map((r) => r.uid)).toEqual([uidN(1), uidN(2)]);
    const log = (await events()).slice(1);
    // Amendment 3 of the hand-written files: n° 3, irrecevable.
    expect(log.map((e) => [e.kind, e.entity_type, e.entity_id, e.old_value, e.new_value])).toEqual([
      ['amendement_removed', 'amendement', uidN(3), 'Irrecevable', null],
    ]);
    expect(log[0]!.entity_label).toMatch(/^Amendement n° 3\b/);
    expect(log[0]!.source).toBe('amendements');
  });

  it('reports a malformed entry by name and keeps the others', async () => {
    server.serve(P, amendementsZip({ [entryN(2)]: '{"amendement": {"uid": ' }));
    const summary = await crawl();
    expect(summary).toMatchObject({ status: 'partial', added: 2, failed: 1 });
    expect(JSON.stringify(summary)).toContain(`${entryN(2)}: invalid JSON`);
    expect((await rows()).map((r) => r.uid)).toEqual([uidN(1), uidN(3)]);
  });

  it('fails on a truncated archive and keeps the previous data', async () => {
    server.serve(P, amendementsZip());
    await crawl();
    const before = await rows();
    const whole = amendementsZip({ [entryN(1)]: null });
    server.serve(P, whole.subarray(0, whole.length - 40));
    const summary = await crawl();
    expect(summary.status).toBe('failed');
    expect(summary.error).toContain(AMENDEMENTS_FILE_NAME);
    expect(summary.error).toMatch(/not a readable zip archive/);
    expect(await rows()).toEqual(before);
  });

  it('refuses an archive that lost most of its amendments, keeping the stored ones', async () => {
    const many: Record<string, string> = {};
    for (let n = 4; n <= 30; n++) {
      many[entryN(n)] = editedAmendement(3, (a) => {
        a.uid = uidN(n);
      });
    }
    server.serve(P, amendementsZip(many));
    expect(await crawl()).toMatchObject({ status: 'ok', added: 30 });
    server.serve(P, amendementsZip());
    const summary = await crawl();
    expect(summary.status).toBe('failed');
    expect(summary.error).toMatch(/3 fichiers d'amendement au lieu de 30/);
    expect(await rows()).toHaveLength(30);
  });
});
