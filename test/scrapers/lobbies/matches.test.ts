// The lobbies cross-checks over the hand-written declarations (test/helpers/seed-hatvp.ts:
// Alice Dupré's current declaration names "Société Générale" as a holding and "Paul Durand"
// as a collaborator) and the hand-written register with two more organisations: SOCIETE
// GENERALE SA (name match) and a firm whose director is Paul DURAND (collaborator match).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../../db/database.ts';
import {
  dismissLobbyMatch,
  lobbyMatchesOfDeputy,
  lobbyMatchesOfOrganisation,
} from '../../../db/queries/lobbies.ts';
import { ingestLobbies } from '../../../scrapers/lobbies/ingest.ts';
import { recomputeLobbyMatches } from '../../../scrapers/lib/lobby-matches.ts';
import { readFixtureFiles } from '../../helpers/an-zip.ts';
import { LOBBIES_DIR, lobbyEntry, lobbyTable } from '../../helpers/lobbies-zip.ts';
import { seededWithDeclarations } from '../../helpers/seed-hatvp.ts';

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
        'Paul Durand (néant)',
        'Paul DURAND, DURAND CONSEIL',
        'personne',
        'faible',
      ],
    ]);
    // No other deputy declared them; organisation 0 (ÉNERGIES NOUVELLES SAS) has no candidate.
    expect((await lobbyMatchesOfOrganisation(db, 10)).map((m) => m.acteur_uid)).toEqual([alice]);
    expect(await lobbyMatchesOfOrganisation(db, 0)).toEqual([]);
  });

  it('keeps a dismissal when the candidates are rebuilt', async () => {
    const [first] = await lobbyMatchesOfOrganisation(db, 11);
    expect(await dismissLobbyMatch(db, first!.id, 'Homonyme', '2026-12-07T10:00:00.000Z')).toBe(
      true,
    );
    expect(await dismissLobbyMatch(db, first!.id, 'Homonyme', '2026-12-07T10:00:00.000Z')).toBe(
      false,
    );
    expect(await lobbyMatchesOfOrganisation(db, 11)).toEqual([]);
    await db.transaction().execute((trx) => recomputeLobbyMatches(trx));
    expect(await lobbyMatchesOfOrganisation(db, 11)).toEqual([]);
    expect(await lobbyMatchesOfOrganisation(db, 10)).toHaveLength(1);
    const stored = await db
      .selectFrom('lobby_match')
      .select(['organisation_id', 'dismissed'])
      .orderBy('organisation_id')
      .execute();
    expect(stored).toEqual([
      { organisation_id: 10, dismissed: 0 },
      { organisation_id: 11, dismissed: 1 },
    ]);
  });
});
