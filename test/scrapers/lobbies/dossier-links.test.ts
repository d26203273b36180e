// Activities of the register naming a dossier's whole title, linked at ingest and shown on
// the dossier's page: the hand-written activity 0 of ÉNERGIES NOUVELLES SAS is about the
// "Projet de loi relatif à l'énergie et au climat"; a dossier with a shorter, partly shared
// title ("Projet de loi relatif à l'énergie nucléaire") gets nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lobbiesOfDossier } from '../../../db/queries/lobbies.ts';
import { ingestLobbies } from '../../../scrapers/lobbies/ingest.ts';
import { createApp } from '../../../server/app.tsx';
import { readFixtureFiles } from '../../helpers/an-zip.ts';
import { tempDatabase, type TempDatabase } from '../../helpers/db.ts';
import { LOBBIES_DIR } from '../../helpers/lobbies-zip.ts';

const context = {
  runId: null,
  source: 'lobbies',
  sourceUrl: null,
  detectedAt: '2026-12-07T00:00:00.000Z',
};

async function* entries() {
  for (const [name, bytes] of readFixtureFiles(LOBBIES_DIR))
    yield { name, bytes: Buffer.from(bytes) };
}

const dossier = (uid: string, title: string) => ({
  uid,
  legislature: 17,
  title,
  path_title: null,
  title_key: title.toLowerCase(),
  senat_url: null,
  procedure_code: null,
  procedure_label: null,
  first_date: null,
  last_date: null,
  last_step_code: null,
  last_step_label: null,
  state: 'en-cours' as const,
  absorbed_by: null,
  content_hash: uid,
});

let tmp: TempDatabase;
beforeAll(async () => {
  tmp = await tempDatabase();
  await tmp.db
    .insertInto('dossier')
    .values([
      dossier('DLR5L17N90001', "Projet de loi relatif à l'énergie et au climat"),
      dossier('DLR5L17N90002', "Projet de loi relatif à l'énergie nucléaire"),
    ])
    .execute();
  await tmp.db.transaction().execute((trx) => ingestLobbies(trx, entries(), context));
});
afterAll(() => tmp.cleanup());

describe('lobbies ↔ dossiers', () => {
  it('links an activity naming the whole title, and not a partly shared one', async () => {
    expect(
      (await lobbiesOfDossier(tmp.db, 'DLR5L17N90001')).map((r) => [
        r.organisation_id,
        r.activity_id,
      ]),
    ).toEqual([[0, 0]]);
    expect(await lobbiesOfDossier(tmp.db, 'DLR5L17N90002')).toEqual([]);
  });

  it('shows them on the dossier page and in its JSON', async () => {
    const app = createApp({ db: tmp.db, config: { legislature: 17 } });
    const page = await (await app.request('/dossiers/DLR5L17N90001')).text();
    expect(page).toContain('déclarant une action sur ce texte : rapprochements possibles');
    expect(page).toContain('<strong>confiance moyenne</strong>');
    expect(page).toContain('href="/lobbies/0"');
    const json = (await (await app.request('/dossiers/DLR5L17N90001.json')).json()) as any;
    expect(json.representants_interets).toMatchObject([
      { representant_id: 0, activite_id: 0, methode: 'titre_entier', confiance: 'moyenne' },
    ]);
    expect(await (await app.request('/dossiers/DLR5L17N90002')).text()).not.toContain(
      'déclarant une action',
    );
  });
});
