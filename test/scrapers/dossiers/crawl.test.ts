// The real dossiers crawl (runCrawl → download → unzip → parse → ingest → scrutin links)
// against a loopback server over a mirror folder, with the archive zipped at test time from
// the hand-written files of test/fixtures/an/dossiers. Expected values are read off those
// files by hand.
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../../config.ts';
import type { DB } from '../../../db/database.ts';
import { sha256 } from '../../../scrapers/lib/download.ts';
import { runCrawl, type SourceSummary } from '../../../scrapers/run.ts';
import { serveFolder, type StaticServer } from '../../../scripts/static-server.ts';
import { AMO40_MIRROR_PATH, amo40Zip } from '../../helpers/an-zip.ts';
import {
  DOSSIERS_FILE_NAME,
  DOSSIERS_MIRROR_PATH,
  dossiersZip,
  editedDossier,
} from '../../helpers/dossiers-zip.ts';
import { tempDatabase, type TempDatabase } from '../../helpers/db.ts';
import { SCRUTINS_MIRROR_PATH, scrutinEntries, scrutinsZip } from '../../helpers/scrutin-json.ts';

const D1 = 'json/dossierParlementaire/DLR5L17N90001.json';
const D2 = 'json/dossierParlementaire/DLR5L17N90002.json';
const D3 = 'json/dossierParlementaire/DLR5L17N90003.json';

async function snapshot(db: DB) {
  const all = (table: 'dossier' | 'document') =>
    db
      .selectFrom(table)
      .selectAll()
      .select(sql<number>`rowid`.as('rowid'))
      .orderBy('uid')
      .execute();
  return {
    dossiers: await all('dossier'),
    documents: await all('document'),
    steps: await db
      .selectFrom('dossier_step')
      .selectAll()
      .orderBy('dossier_uid')
      .orderBy('position')
      .execute(),
    links: await scrutinLinks(db),
  };
}

async function scrutinLinks(db: DB) {
  return (
    await db
      .selectFrom('scrutin_dossier')
      .selectAll()
      .orderBy('scrutin_uid')
      .orderBy('dossier_uid')
      .execute()
  ).map((r) => `${r.scrutin_uid}→${r.dossier_uid}`);
}

async function events(db: DB) {
  return db
    .selectFrom('change_event')
    .select(['kind', 'entity_type', 'entity_id', 'field', 'old_value', 'new_value'])
    .where('source', '=', 'dossiers')
    .orderBy('id')
    .execute();
}

describe('dossiers crawl', () => {
  let tmp: TempDatabase;
  let mirror: string;
  let server: StaticServer;
  let config: Config;
  let mtime = 1_750_000_000;

  function publish(mirrorPath: string, bytes: Uint8Array) {
    const file = path.join(mirror, mirrorPath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    mtime += 60;
    utimesSync(file, mtime, mtime);
  }

  async function crawl(source: 'an' | 'votes' | 'dossiers'): Promise<SourceSummary> {
    const summaries = await runCrawl(tmp.db, config, { only: [source] });
    expect(summaries).toHaveLength(1);
    return summaries[0]!;
  }

  beforeEach(async () => {
    tmp = await tempDatabase();
    mirror = path.join(tmp.dir, 'mirror');
    server = await serveFolder(mirror);
    config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
  });

  afterEach(async () => {
    await server.close();
    await tmp.cleanup();
  });

  it('ingests dossiers, steps, texts and the scrutin links, then records one import', async () => {
    const zip = dossiersZip();
    publish(DOSSIERS_MIRROR_PATH, zip);
    const summary = await crawl('dossiers');
    // 3 dossiers and 3 texts; the deleted text (BTC0905) was never stored: nothing removed.
    expect(summary).toMatchObject({
      source: 'dossiers',
      status: 'ok',
      fetched: 1,
      added: 6,
      changed: 0,
      removed: 0,
      failed: 0,
      error: null,
    });
    const s = await snapshot(tmp.db);
    expect(s.dossiers.map((d) => [d.uid, d.state])).toEqual([
      ['DLR5L17N90001', 'en-cours'],
      ['DLR5L17N90002', 'promulgue'],
      ['DLR5L17N90003', 'rejete'],
    ]);
    expect(s.documents.map((d) => [d.uid, d.dossier_uid, d.numero])).toEqual([
      ['PIONANR5L17B0901', 'DLR5L17N90001', '901'],
      ['PRJLANR5L17B0903', 'DLR5L17N90002', '903'],
      ['RAPPANR5L17B0902', 'DLR5L17N90001', '902'],
    ]);
    // 9 + 7 + 3 steps.
    expect(s.steps).toHaveLength(19);
    expect(s.links).toEqual([
      'VTANR5L17V1→DLR5L17N90001',
      'VTANR5L17V2→DLR5L17N90001',
      'VTANR5L17V3→DLR5L17N90002',
      'VTANR5L17V4→DLR5L17N90003',
    ]);
    const texts = await tmp.db
      .selectFrom('dossier_step_text')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    // D1: 6 links; D2: 1 (the deposit); D3: 1.
    expect(Number(texts.n)).toBe(8);
    expect(await events(tmp.db)).toEqual([
      {
        kind: 'initial_import',
        entity_type: 'source',
        entity_id: 'dossiers',
        field: null,
        old_value: null,
        new_value: '3',
      },
    ]);
    const sync = await tmp.db
      .selectFrom('sync_state')
      .selectAll()
      .where('source', '=', 'dossiers')
      .executeTakeFirstOrThrow();
    expect(sync).toMatchObject({ content_hash: sha256(zip), last_error: null });
  });

  it('skips an unchanged archive and rewrites only the changed files, with their events', async () => {
    publish(DOSSIERS_MIRROR_PATH, dossiersZip());
    await crawl('dossiers');
    const before = await snapshot(tmp.db);
    expect(await crawl('dossiers')).toMatchObject({ status: 'unchanged', added: 0, changed: 0 });
    publish(DOSSIERS_MIRROR_PATH, dossiersZip());
    expect(await crawl('dossiers')).toMatchObject({ status: 'unchanged' });
    expect(await snapshot(tmp.db)).toEqual(before);

    // D1 withdrawn by its authors; a fourth dossier appears; the report is deleted.
    const d1 = editedDossier('DLR5L17N90001', (d) => {
      d.actesLegislatifs.acteLegislatif[0].actesLegislatifs.acteLegislatif.push({
        '@xsi:type': 'RetraitInitiative_Type',
        uid: 'L17-VD90006',
        codeActe: 'AN1-RTRINI',
        libelleActe: { nomCanonique: "Retrait de l'initiative", libelleCourt: 'Retrait' },
        organeRef: 'PO900001',
        dateActe: '2025-02-10T00:00:00.000+01:00',
        actesLegislatifs: null,
      });
    });
    const d4 = editedDossier('DLR5L17N90003', (d) => {
      d.uid = 'DLR5L17N90004';
      d.titreDossier.titre = 'Résolution sur les marais';
    });
    const deletedReport = JSON.stringify({
      document: { uid: 'RAPPANR5L17B0902', metadatas: { dateSuppression: '2025-09-06T06:04:42' } },
    });
    publish(
      DOSSIERS_MIRROR_PATH,
      dossiersZip({
        [D1]: d1,
        'json/dossierParlementaire/DLR5L17N90004.json': d4,
        'json/document/RAPPANR5L17B0902.json': deletedReport,
      }),
    );
    expect(await crawl('dossiers')).toMatchObject({
      status: 'ok',
      added: 1,
      changed: 1,
      removed: 1,
      failed: 0,
    });
    const after = await snapshot(tmp.db);
    // D2 and D3 were not rewritten: same rows, same rowids.
    for (const uid of ['DLR5L17N90002', 'DLR5L17N90003']) {
      expect(after.dossiers.find((d) => d.uid === uid)).toEqual(
        before.dossiers.find((d) => d.uid === uid),
      );
    }
    expect(after.dossiers.find((d) => d.uid === 'DLR5L17N90001')).toMatchObject({
      state: 'retire',
      // The withdrawal (2025-02-10) is now the latest dated step.
      last_step_code: 'AN1-RTRINI',
    });
    expect(after.documents.map((d) => d.uid)).toEqual(['PIONANR5L17B0901', 'PRJLANR5L17B0903']);
    // D4 names V4 as D3 does: the scrutin is linked to both.
    expect(after.links).toContain('VTANR5L17V4→DLR5L17N90004');
    expect(after.links).toContain('VTANR5L17V4→DLR5L17N90003');
    expect((await events(tmp.db)).slice(1)).toEqual([
      {
        kind: 'dossier_state_changed',
        entity_type: 'dossier',
        entity_id: 'DLR5L17N90001',
        field: 'état',
        old_value: 'En cours',
        new_value: 'Retiré',
      },
      {
        kind: 'dossier_state_changed',
        entity_type: 'dossier',
        entity_id: 'DLR5L17N90001',
        field: 'dernière étape',
        old_value: "Dépôt d'une initiative en navette",
        new_value: "Retrait de l'initiative",
      },
      {
        kind: 'new_dossier',
        entity_type: 'dossier',
        entity_id: 'DLR5L17N90004',
        field: 'état',
        old_value: null,
        new_value: 'Rejeté',
      },
    ]);
  });

  it('reports a malformed entry by name and keeps the others and its previous version', async () => {
    publish(DOSSIERS_MIRROR_PATH, dossiersZip());
    await crawl('dossiers');
    const before = await snapshot(tmp.db);
    const d2 = editedDossier('DLR5L17N90002', (d) => {
      d.titreDossier.titre = 'Titre changé';
      d.procedureParlementaire = 'texte';
    });
    const d3 = editedDossier('DLR5L17N90003', (d) => {
      d.titreDossier.titre = 'Résolution sur l’éducation populaire et les marais';
    });
    publish(
      DOSSIERS_MIRROR_PATH,
      dossiersZip({
        [D1]: '{"dossierParlementaire": {"uid": "DLR5L17N90001", ',
        [D2]: d2,
        [D3]: d3,
        'json/document/PIONANR5L17B0901.json': new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      }),
    );
    const summary = await crawl('dossiers');
    expect(summary).toMatchObject({ status: 'partial', changed: 1, failed: 3 });
    const errors = (summary.error ?? '').split(' | ');
    expect(errors).toHaveLength(3);
    expect(summary.error).toMatch(
      /file json\/dossierParlementaire\/DLR5L17N90001\.json: invalid JSON/,
    );
    expect(summary.error).toMatch(
      /file json\/dossierParlementaire\/DLR5L17N90002\.json: unexpected shape at dossierParlementaire\.procedureParlementaire: expected an object/,
    );
    expect(summary.error).toMatch(/file json\/document\/PIONANR5L17B0901\.json: /);
    const after = await snapshot(tmp.db);
    // D1, D2 and the text keep their previous version; D3 took its new title.
    expect(after.dossiers[0]).toEqual(before.dossiers[0]);
    expect(after.dossiers[1]).toEqual(before.dossiers[1]);
    expect(after.documents).toEqual(before.documents);
    expect(after.dossiers[2]!.title).toBe('Résolution sur l’éducation populaire et les marais');
  });

  it.each([
    ['a truncated archive', () => dossiersZip().slice(0, 400)],
    ['bytes that are no zip', () => new TextEncoder().encode('<html>Maintenance</html>')],
  ])('fails on %s, naming the file, and keeps the previous data', async (_, bytes) => {
    publish(DOSSIERS_MIRROR_PATH, dossiersZip());
    await crawl('dossiers');
    const before = await snapshot(tmp.db);
    const { content_hash } = await tmp.db
      .selectFrom('sync_state')
      .select('content_hash')
      .where('source', '=', 'dossiers')
      .executeTakeFirstOrThrow();
    publish(DOSSIERS_MIRROR_PATH, bytes());
    const summary = await crawl('dossiers');
    expect(summary).toMatchObject({ status: 'failed', added: 0, changed: 0, failed: 1 });
    expect(summary.error).toContain(`file ${DOSSIERS_FILE_NAME}: `);
    expect(summary.error).toMatch(/zip/i);
    expect(await snapshot(tmp.db)).toEqual(before);
    const sync = await tmp.db
      .selectFrom('sync_state')
      .selectAll()
      .where('source', '=', 'dossiers')
      .executeTakeFirstOrThrow();
    expect(sync.content_hash).toBe(content_hash);
    expect(sync.last_error).toBe(summary.error);
  });

  it('refuses an archive that lost most of its dossiers (plausibility check)', async () => {
    const many: Record<string, string> = {};
    for (let n = 10; n < 30; n++) {
      many[`json/dossierParlementaire/DLR5L17N900${n}.json`] = editedDossier(
        'DLR5L17N90003',
        (d) => {
          d.uid = `DLR5L17N900${n}`;
        },
      );
    }
    publish(DOSSIERS_MIRROR_PATH, dossiersZip(many));
    expect(await crawl('dossiers')).toMatchObject({ status: 'ok', added: 26 });
    const before = await snapshot(tmp.db);
    // 23 dossiers stored, 3 left: a drop of 20, more than 10 % and more than 10 records.
    publish(DOSSIERS_MIRROR_PATH, dossiersZip());
    const summary = await crawl('dossiers');
    expect(summary.status).toBe('failed');
    expect(summary.error).toMatch(/3 dossiers législatifs au lieu de 23/);
    expect(await snapshot(tmp.db)).toEqual(before);
  });

  it('keeps the scrutin links through a votes re-ingest that runs before it', async () => {
    publish(AMO40_MIRROR_PATH, amo40Zip());
    await crawl('an');
    const specs = [1, 2, 3, 4].map((number) => ({
      number,
      date: '2025-01-20',
      title: `scrutin ${number}`,
      groups: [{ organe: 'PO900101', position: 'pour', pour: ['PA900001'] }],
    }));
    publish(SCRUTINS_MIRROR_PATH, scrutinsZip(scrutinEntries(specs)));
    await crawl('votes');
    publish(DOSSIERS_MIRROR_PATH, dossiersZip());
    await crawl('dossiers');
    const links = await scrutinLinks(tmp.db);
    expect(links).toHaveLength(4);
    // Every scrutin rewritten by a new votes archive: the links stay.
    publish(
      SCRUTINS_MIRROR_PATH,
      scrutinsZip(scrutinEntries(specs.map((s) => ({ ...s, title: `${s.title} (corrigé)` })))),
    );
    expect(await crawl('votes')).toMatchObject({ status: 'ok', changed: 4 });
    expect(await scrutinLinks(tmp.db)).toEqual(links);
  });
});
