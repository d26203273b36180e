// The real lobbies crawl over a hand-made zip served on 127.0.0.1 (mirror layout).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { runCrawl } from '../../../scrapers/run.ts';
import { tempDatabase, type TempDatabase } from '../../helpers/db.ts';
import { startTestServer, type TestServer } from '../../helpers/http.ts';
import {
  LOBBIES_MIRROR_PATH as P,
  lobbiesZip,
  lobbyEntry,
  lobbyTable,
} from '../../helpers/lobbies-zip.ts';

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

const crawl = async (acceptShrink = false) => {
  const config = loadConfig({
    DATABASE_PATH: tmp.file,
    SOURCES_MIRROR: server.url,
    CRAWL_DELAY_MS: '0',
  });
  const [summary] = await runCrawl(tmp.db, config, {
    only: ['lobbies'],
    acceptShrink,
    download: { backoffMs: 0 },
  });
  return summary!;
};
const events = () => tmp.db.selectFrom('change_event').selectAll().orderBy('id').execute();
const organisations = () =>
  tmp.db
    .selectFrom('lobby_organisation')
    .select(['id', 'denomination', 'adresse'])
    .orderBy('id')
    .execute();
const exercises = () =>
  tmp.db
    .selectFrom('lobby_exercise')
    .select([
      'id',
      'organisation_id',
      'montant_depense',
      'depense_min',
      'depense_max',
      'ca_max',
      'nombre_salaries',
    ])
    .orderBy('id')
    .execute();
const FILES = 'lobby_file';

describe('lobbies crawl', () => {
  it('imports every table, skips an unchanged archive, and re-reads only a changed table', async () => {
    server.serve(P, lobbiesZip());
    expect(await crawl()).toMatchObject({ status: 'ok', added: 3, changed: 15, failed: 0 });
    expect(await organisations()).toEqual([
      { id: 0, denomination: 'ÉNERGIES NOUVELLES SAS', adresse: '12 RUE DES LILAS BATIMENT B' },
      { id: 1, denomination: 'ASSOCIATION DES AMIS DU VÉLO', adresse: null },
      { id: 2, denomination: 'CABINET CONSEIL PUBLIC', adresse: null },
    ]);
    expect(await exercises()).toEqual([
      {
        id: 0,
        organisation_id: 0,
        montant_depense: '> = 100 000 € et < 200 000 €',
        depense_min: 100000,
        depense_max: 200000,
        ca_max: null,
        nombre_salaries: 3,
      },
      {
        id: 1,
        organisation_id: 0,
        montant_depense: null,
        depense_min: null,
        depense_max: null,
        ca_max: null,
        nombre_salaries: null,
      },
      {
        id: 2,
        organisation_id: 1,
        montant_depense: '< 10 000 €',
        depense_min: 0,
        depense_max: 10000,
        ca_max: null,
        nombre_salaries: 0,
      },
      {
        id: 3,
        organisation_id: 2,
        montant_depense: '> = 25 000 € et < 50 000 €',
        depense_min: 25000,
        depense_max: 50000,
        ca_max: 100000,
        nombre_salaries: 1,
      },
    ]);
    // The ministry split over rows is rebuilt once, the official's kind without its list.
    const targets = await tmp.db
      .selectFrom('lobby_target')
      .selectAll()
      .where('action_id', '=', 0)
      .execute();
    expect(targets.map((t) => [t.responsable.slice(0, 20), t.ministere])).toEqual([
      ['Membre du Gouverneme', 'Premier ministre'],
      ['Membre du Gouverneme', 'Environnement, énergie et mer'],
      ['Directeur ou secréta', "Commission de régulation de l'énergie"],
    ]);
    const activity = await tmp.db
      .selectFrom('lobby_activity')
      .selectAll()
      .where('id', '=', 0)
      .executeTakeFirstOrThrow();
    expect(activity).toMatchObject({ organisation_id: 0, line: 2, date_publication: '2019-03-29' });
    expect(activity.objet).toBe(
      `Projet de loi relatif à l'énergie et au climat : amendements sur le "tarif" de rachat`,
    );
    expect((await events()).map((e) => [e.kind, e.new_value])).toEqual([['initial_import', '3']]);

    expect(await crawl()).toMatchObject({ status: 'unchanged' });

    const hashes = await tmp.db.selectFrom(FILES).selectAll().orderBy('table_name').execute();
    // A changed expense band, a new organisation and a new activity.
    server.serve(
      P,
      lobbiesZip({
        [lobbyEntry('15_exercices.csv')]: lobbyTable('15_exercices.csv').replace(
          '2;1;2018-01-01;2018-12-31;False;1;False;02/04/2019 09:00:00;True;< 10 000 €;0.0;;2018;2018;0;10000;0;0.0',
          '2;1;2018-01-01;2018-12-31;False;1;False;02/04/2019 09:00:00;True;> = 10 000 € et < 25 000 €;0.0;;2018;2018;10000;25000;0;0.0',
        ),
        [lobbyEntry('1_informations_generales.csv')]:
          lobbyTable('1_informations_generales.csv') +
          '3;;13001;;01/06/2019 10:00:00;False;False;FÉDÉRATION DES PORTS;775663438;False;;;;;;FRANCE;;SIREN;MARSEILLE;Organisation professionnelle\n',
        [lobbyEntry('8_objets_activites.csv')]:
          lobbyTable('8_objets_activites.csv') +
          '3;2;2019-06-01;DDDD4444;Plan vélo : stationnement sécurisé\n',
      }),
    );
    expect(await crawl()).toMatchObject({ status: 'ok', added: 1, changed: 3, unchanged: 12 });
    const after = await tmp.db.selectFrom(FILES).selectAll().orderBy('table_name').execute();
    const moved = after
      .filter((f, i) => f.content_hash !== hashes[i]!.content_hash)
      .map((f) => f.table_name);
    expect(moved).toEqual(['exercices', 'informations_generales', 'objets_activites']);
    const log = (await events()).slice(1);
    expect(log.map((e) => [e.kind, e.entity_id, e.old_value, e.new_value])).toEqual([
      ['lobby_registered', '3', null, 'Organisation professionnelle'],
      ['lobby_activity_new', '1', null, '3'],
      ['lobby_expense_changed', '1', '< 10 000 €', '> = 10 000 € et < 25 000 €'],
    ]);
    expect(log[1]!.detail).toBe('Plan vélo : stationnement sécurisé');
  });

  it('names a new activity’s organisation whatever the order of the archive’s entries', async () => {
    server.serve(P, lobbiesZip());
    await crawl();
    // A new organisation, its exercise and its activity, the activities' entry read first:
    // the two others are moved to the end of the archive.
    server.serve(
      P,
      lobbiesZip({
        [lobbyEntry('1_informations_generales.csv')]: null,
        [lobbyEntry('15_exercices.csv')]: null,
        [lobbyEntry('8_objets_activites.csv')]:
          lobbyTable('8_objets_activites.csv') + '3;4;2019-06-01;DDDD4444;Ports et logistique\n',
        'Autres/1_informations_generales.csv':
          lobbyTable('1_informations_generales.csv') +
          '3;;13001;;01/06/2019 10:00:00;False;False;FÉDÉRATION DES PORTS;775663438;False;;;;;;FRANCE;;SIREN;MARSEILLE;Organisation professionnelle\n',
        'Autres/15_exercices.csv':
          lobbyTable('15_exercices.csv') +
          '4;3;2018-01-01;2018-12-31;False;1;False;01/06/2019 10:00:00;False;< 10 000 €;1.0;;2018;2018;0;10000;0;0.0\n',
      }),
    );
    expect(await crawl()).toMatchObject({ status: 'ok', added: 1 });
    const log = (await events()).slice(1);
    expect(log.map((e) => [e.kind, e.entity_id, e.entity_label, e.new_value])).toEqual([
      ['lobby_registered', '3', 'FÉDÉRATION DES PORTS', 'Organisation professionnelle'],
      ['lobby_activity_new', '3', 'FÉDÉRATION DES PORTS', '3'],
    ]);
  });

  it('reports bad rows with their table and line, keeping the stored version of a keyed row', async () => {
    server.serve(P, lobbiesZip());
    await crawl();
    server.serve(
      P,
      lobbiesZip({
        [lobbyEntry('15_exercices.csv')]: lobbyTable('15_exercices.csv')
          .replace(';1.0;< 100 000 €;', ';beaucoup;< 100 000 €;')
          .replace(
            '1;0;2017-07-01;2017-12-31;True;0;False;;;;;;2017;2017;0;0;0;0.0',
            '1;0;2017-07-01;2017-12-31;True;0;False;;;;;;2017',
          ),
        [lobbyEntry('2_dirigeants.csv')]:
          lobbyTable('2_dirigeants.csv') + 'M;Président;;Jean;1;Jean\n',
      }),
    );
    const summary = await crawl();
    expect(summary.status).toBe('partial');
    expect(summary.failed).toBe(3);
    expect(summary.error).toContain(
      'Vues_Separees/15_exercices.csv ligne 3: 13 cellules au lieu de 18',
    );
    expect(summary.error).toContain(
      "Vues_Separees/15_exercices.csv ligne 5: nombre_salaries « beaucoup » n'est pas un nombre",
    );
    expect(summary.error).toContain('Vues_Separees/2_dirigeants.csv ligne 6: nom_dirigeant vide');
    // The two bad exercise rows keep their stored versions.
    expect((await exercises()).map((e) => [e.id, e.nombre_salaries])).toEqual([
      [0, 3],
      [1, null],
      [2, 0],
      [3, 1],
    ]);
    expect(await tmp.db.selectFrom('lobby_director').select('nom').execute()).toHaveLength(4);
  });

  it('refuses a table whose unclosed quote swallows the lines after it, keeping its rows', async () => {
    server.serve(P, lobbiesZip());
    await crawl();
    const activities = () =>
      tmp.db.selectFrom('lobby_activity').select(['id', 'objet']).orderBy('id').execute();
    const before = await activities();
    expect(before).toHaveLength(3);
    // The object of activity 0 loses its closing quote: the parser reads the two following
    // lines into it.
    server.serve(
      P,
      lobbiesZip({
        [lobbyEntry('8_objets_activites.csv')]: lobbyTable('8_objets_activites.csv').replace(
          '""tarif"" de rachat"',
          '""tarif"" de rachat',
        ),
      }),
    );
    const summary = await crawl();
    expect(summary.status).toBe('partial');
    expect(summary.error).toMatch(
      /Vues_Separees\/8_objets_activites\.csv: ligne 2 : .*, et cette ligne en couvre 3 \(lignes 2 à 4, guillemet non fermé \?\) ; table non lue, données précédentes conservées/,
    );
    expect(await activities()).toEqual(before);
  });

  it('refuses a header-only table that would empty its stored rows, unless the shrink is accepted', async () => {
    // 4 hand-written directors and 12 more for organisation 1: 16 stored.
    const more = Array.from({ length: 12 }, (_, i) => `M;Membre;NOM${i};Jean;1;NOM${i} Jean\n`);
    const directors = lobbyTable('2_dirigeants.csv') + more.join('');
    server.serve(P, lobbiesZip({ [lobbyEntry('2_dirigeants.csv')]: directors }));
    await crawl();
    const count = async () =>
      (await tmp.db.selectFrom('lobby_director').select('nom').execute()).length;
    expect(await count()).toBe(16);
    const header = directors.slice(0, directors.indexOf('\n') + 1);
    server.serve(P, lobbiesZip({ [lobbyEntry('2_dirigeants.csv')]: header }));
    const refused = await crawl();
    expect(refused.status).toBe('failed');
    expect(refused.error).toContain(
      'Vues_Separees/2_dirigeants.csv: 0 dirigeants au lieu de 16 (moins de 90 %)',
    );
    expect(await count()).toBe(16);

    const accepted = await crawl(true);
    expect(accepted.status).toBe('ok');
    expect(await count()).toBe(0);
    expect((await events()).filter((e) => e.kind === 'shrink_accepted')).toHaveLength(1);
  });

  it('refuses a table whose header lacks a column, keeping its rows, and fails on a truncated archive', async () => {
    server.serve(P, lobbiesZip());
    await crawl();
    server.serve(
      P,
      lobbiesZip({
        [lobbyEntry('2_dirigeants.csv')]: lobbyTable('2_dirigeants.csv').replace(
          'nom_dirigeant;',
          'nom;',
        ),
      }),
    );
    const summary = await crawl();
    expect(summary.status).toBe('partial');
    expect(summary.error).toContain(
      "Vues_Separees/2_dirigeants.csv: colonnes absentes de l'en-tête : nom_dirigeant",
    );
    expect(await tmp.db.selectFrom('lobby_director').select('nom').execute()).toHaveLength(4);

    const before = await organisations();
    const whole = lobbiesZip({ [lobbyEntry('1_informations_generales.csv')]: null });
    server.serve(P, whole.subarray(0, whole.length - 40));
    const failed = await crawl();
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/Vues_Separees_CSV\.zip: not a readable zip archive/);
    expect(await organisations()).toEqual(before);
  });
});
