// The lobbies cross-checks over the hand-written declarations (test/helpers/seed-hatvp.ts:
// Alice Dupré's current declaration names "Société Générale" as a holding and "Paul Durand"
// as a collaborator) and the hand-written register with two more organisations: SOCIETE
// GENERALE SA (name match) and a firm whose director is Paul DURAND (collaborator match).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../../db/database.ts';
import {
  LOBBY_QUEUE_PAGE,
  dismissLobbyMatch,
  lobbyMatchesOfDeputy,
  lobbyMatchesOfOrganisation,
} from '../../../db/queries/lobbies.ts';
import { ingestLobbies } from '../../../scrapers/lobbies/ingest.ts';
import { recomputeLobbyMatches } from '../../../scrapers/lib/lobby-matches.ts';
import { readFixtureFiles } from '../../helpers/an-zip.ts';
import { LOBBIES_DIR, lobbyEntry, lobbyTable } from '../../helpers/lobbies-zip.ts';
import { seededWithDeclarations } from '../../helpers/seed-hatvp.ts';
import { createApp } from '../../../server/app.tsx';
import { AdminClient } from '../../helpers/admin-client.ts';

const TOKEN = 'un-jeton-secret-de-test-2026';

/** A candidate's natural key, as the admin form posts it. */
const keyOf = (m: {
  kind: string;
  organisation_id: number;
  acteur_uid: string;
  evidence_key: string;
}) => ({
  kind: m.kind,
  organisation_id: m.organisation_id,
  acteur_uid: m.acteur_uid,
  evidence_key: m.evidence_key,
});
const formOf = (m: Parameters<typeof keyOf>[0], raison: string) => ({
  ...keyOf(m),
  organisation_id: String(m.organisation_id),
  raison,
});

const context = {
  runId: null,
  source: 'lobbies',
  sourceUrl: null,
  detectedAt: '2026-12-07T00:00:00.000Z',
};

async function* entries() {
  const files = readFixtureFiles(LOBBIES_DIR);
  files.set(
    lobbyEntry('1_informations_generales.csv'),
    new TextEncoder().encode(
      lobbyTable('1_informations_generales.csv') +
        '10;;75009;;01/02/2018 09:00:00;False;False;SOCIETE GENERALE SA;552120222;True;;;;;;FRANCE;;SIREN;PARIS;Société commerciale\n' +
        '11;;75008;;01/02/2018 09:00:00;False;False;DURAND CONSEIL;H000000011;True;;;;;;FRANCE;;HATVP;PARIS;Cabinet de conseils\n',
    ),
  );
  files.set(
    lobbyEntry('2_dirigeants.csv'),
    new TextEncoder().encode(
      lobbyTable('2_dirigeants.csv') + 'M;Gérant;DURAND;Paul;11;DURAND Paul\n',
    ),
  );
  for (const [name, bytes] of files) yield { name, bytes: Buffer.from(bytes) };
}

let db: DB;
let close: () => Promise<void>;
let alice: string;
beforeAll(async () => {
  ({ db, close } = await seededWithDeclarations());
  const interest = await db
    .selectFrom('deputy_interest as d')
    .innerJoin('declaration_item as i', 'i.declaration_id', 'd.current_id')
    .select('d.acteur_uid')
    .where('i.organisation', '=', 'Société Générale')
    .executeTakeFirstOrThrow();
  alice = interest.acteur_uid;
  await db.transaction().execute((trx) => ingestLobbies(trx, entries(), context));
});
afterAll(() => close());

describe('lobbies cross-checks', () => {
  it('proposes the declared holding and collaborator as candidates, with evidence and confidence', async () => {
    const matches = await lobbyMatchesOfDeputy(db, alice);
    expect(
      matches.map((m) => [
        m.kind,
        m.organisation_id,
        m.section,
        m.declared,
        m.registered,
        m.method,
        m.confidence,
      ]),
    ).toEqual([
      [
        'organisation',
        10,
        'participation',
        'Société Générale',
        'SOCIETE GENERALE SA',
        'nom',
        'moyenne',
      ],
      [
        'collaborateur',
        11,
        'collaborateur',
        // Declared with the employer « néant »: no employer, the name alone.
        'Paul Durand',
        'Paul DURAND, DURAND CONSEIL',
        'personne',
        'faible',
      ],
    ]);
    // No other deputy declared them; organisation 0 (ÉNERGIES NOUVELLES SAS) has no candidate.
    expect((await lobbyMatchesOfOrganisation(db, 10)).map((m) => m.acteur_uid)).toEqual([alice]);
    expect(await lobbyMatchesOfOrganisation(db, 0)).toEqual([]);
  });

  it('shows them on the deputy page and the organisation page, as candidates', async () => {
    const app = createApp({ db, config: { legislature: 17 } });
    const page = await (await app.request(`/deputes/${alice}`)).text();
    expect(page).toContain('rapprochements possibles');
    expect(page).toContain('href="/lobbies/10"');
    expect(page).toContain('participation financière déclarée');
    expect(page).toContain('confiance moyenne');
    const json = (await (await app.request(`/deputes/${alice}.json`)).json()) as any;
    expect(
      json.representants_interets_candidats.map((m: any) => [
        m.representant_id,
        m.rubrique,
        m.confiance,
      ]),
    ).toEqual([
      [10, 'participation', 'moyenne'],
      [11, 'collaborateur', 'faible'],
    ]);
    const org = await (await app.request('/lobbies/10')).text();
    expect(org).toContain(`href="/deputes/${alice}"`);
    expect(org).toContain('Société Générale');
    const orgJson = (await (await app.request('/lobbies/10.json')).json()) as any;
    expect(orgJson.rapprochements_candidats).toHaveLength(1);
  });

  it('dismisses by the natural key: a form older than a rebuild never dismisses another candidate', async () => {
    const app = createApp({ db, config: { legislature: 17, adminToken: TOKEN } });
    const admin = new AdminClient(app);
    expect((await admin.login(TOKEN)).status).toBe(303);
    const queue = await admin.page('/suivi/lobbies');
    // The form of organisation 11's candidate, as the page shows it.
    const form = [
      ...queue.matchAll(/<form method="post" action="\/suivi\/lobbies\/ecarter"[^]*?<\/form>/g),
    ]
      .map((f) =>
        Object.fromEntries(
          [...f[0].matchAll(/name="(\w+)" value="([^"]*)"/g)].map((x) => [x[1], x[2]]),
        ),
      )
      .find((f) => f.organisation_id === '11')!;
    expect(form.kind).toBe('collaborateur');
    const [old11] = await lobbyMatchesOfOrganisation(db, 11);
    // A rebuild without Paul DURAND among the register's directors: organisation 10's
    // candidate takes the first id, the one the form's candidate had.
    const durand = await db
      .selectFrom('lobby_director')
      .selectAll()
      .where('organisation_id', '=', 11)
      .execute();
    await db.deleteFrom('lobby_director').where('organisation_id', '=', 11).execute();
    await db.transaction().execute((trx) => recomputeLobbyMatches(trx));
    const [new10] = await lobbyMatchesOfOrganisation(db, 10);
    expect(new10!.id).toBe(old11!.id);
    expect((await admin.post('/suivi/lobbies/ecarter', { ...form, raison: 'périmé' })).status).toBe(
      404,
    );
    expect((await lobbyMatchesOfOrganisation(db, 10)).map((m) => m.dismissed)).toEqual([0]);
    await db.insertInto('lobby_director').values(durand).execute();
    await db.transaction().execute((trx) => recomputeLobbyMatches(trx));
    expect(await lobbyMatchesOfOrganisation(db, 11)).toHaveLength(1);
  });

  it('is dismissed from the admin review queue, and stays dismissed', async () => {
    const app = createApp({ db, config: { legislature: 17, adminToken: TOKEN } });
    const admin = new AdminClient(app);
    expect((await admin.login(TOKEN)).status).toBe(303);
    const queue = await admin.page('/suivi/lobbies');
    expect(queue).toContain('DURAND CONSEIL');
    expect(queue).toContain('2 rapprochements affichés.');
    const [m] = await lobbyMatchesOfOrganisation(db, 10);
    const post = (form: Record<string, string>, options = {}) =>
      admin.post('/suivi/lobbies/ecarter', form, options);
    expect((await post(formOf(m!, ''))).status).toBe(400);
    expect((await post({ ...formOf(m!, 'ok'), organisation_id: '1 or 1=1' })).status).toBe(400);
    expect((await post({ ...formOf(m!, 'ok'), evidence_key: '' })).status).toBe(400);
    expect((await post(formOf(m!, 'ok'), { csrf: 'faux' })).status).toBe(403);
    expect((await admin.get('/suivi/lobbies?page=0')).status).toBe(400);
    expect((await admin.get('/suivi/lobbies?page=%27%3B')).status).toBe(400);
    expect((await post(formOf(m!, 'Autre Société Générale'))).status).toBe(303);
    expect((await post(formOf(m!, 'encore'))).status).toBe(404);
    expect(await (await admin.get('/suivi/lobbies?statut=dismissed')).text()).toContain(
      'SOCIETE GENERALE SA',
    );
    await db.transaction().execute((trx) => recomputeLobbyMatches(trx));
    expect(await lobbyMatchesOfOrganisation(db, 10)).toEqual([]);
    expect(await (await app.request(`/deputes/${alice}`)).text()).not.toContain(
      'href="/lobbies/10"',
    );
    const reasons = await db
      .selectFrom('lobby_match_dismissal')
      .select(['organisation_id', 'reason'])
      .execute();
    expect(reasons).toEqual([{ organisation_id: 10, reason: 'Autre Société Générale' }]);
  });

  it('keeps a dismissal when the candidates are rebuilt', async () => {
    const [first] = await lobbyMatchesOfOrganisation(db, 11);
    expect(await dismissLobbyMatch(db, keyOf(first!), 'Homonyme', '2026-12-07T10:00:00.000Z')).toBe(
      true,
    );
    expect(await dismissLobbyMatch(db, keyOf(first!), 'Homonyme', '2026-12-07T10:00:00.000Z')).toBe(
      false,
    );
    expect(await lobbyMatchesOfOrganisation(db, 11)).toEqual([]);
    await db.transaction().execute((trx) => recomputeLobbyMatches(trx));
    expect(await lobbyMatchesOfOrganisation(db, 11)).toEqual([]);
    // Organisation 10's candidate was dismissed from the admin queue above.
    const stored = await db
      .selectFrom('lobby_match')
      .select(['organisation_id', 'dismissed'])
      .orderBy('organisation_id')
      .execute();
    expect(stored).toEqual([
      { organisation_id: 10, dismissed: 1 },
      { organisation_id: 11, dismissed: 1 },
    ]);
  });

  it('pages the admin queue, every candidate reachable', async () => {
    // One page and one more of pending candidates, written as a rebuild would store them.
    const extra = LOBBY_QUEUE_PAGE + 1;
    await db
      .insertInto('lobby_match')
      .values(
        Array.from({ length: extra }, (_, i) => ({
          kind: 'organisation',
          organisation_id: 11,
          acteur_uid: alice,
          evidence_key: `activite:societe ${i}`,
          section: 'activite',
          declared: `Société ${i}`,
          registered: 'DURAND CONSEIL',
          declaration_id: 'test.xml',
          method: 'nom',
          confidence: 'faible',
          dismissed: 0,
        })),
      )
      .execute();
    const app = createApp({ db, config: { legislature: 17, adminToken: TOKEN } });
    const admin = new AdminClient(app);
    expect((await admin.login(TOKEN)).status).toBe(303);
    const forms = (html: string) => html.split('action="/suivi/lobbies/ecarter"').length - 1;
    const first = await admin.page('/suivi/lobbies');
    expect(first).toContain(`${extra} rapprochements affichés.`);
    expect(first).toContain('Page 1 sur 2');
    expect(forms(first)).toBe(LOBBY_QUEUE_PAGE);
    const second = await admin.page('/suivi/lobbies?page=2');
    expect(second).toContain('Page 2 sur 2');
    expect(forms(second)).toBe(extra - LOBBY_QUEUE_PAGE);
    // Together the two pages show each candidate once.
    const shown = [first, second].flatMap((html) =>
      [...html.matchAll(/« Société (\d+) »/g)].map((m) => Number(m[1])),
    );
    expect(shown.sort((a, b) => a - b)).toEqual(Array.from({ length: extra }, (_, i) => i));
    expect(forms(await (await admin.get('/suivi/lobbies?page=3')).text())).toBe(0);
  });
});
