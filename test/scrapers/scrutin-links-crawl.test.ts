// The scrutin → amendment links written by the real crawls of hand-written archives
// (test/helpers/seed-links.ts): the same links whichever of votes and amendements is crawled
// last, and the amendment's dossier given to a scrutin no step names.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDatabase, type TempDatabase } from '../helpers/db.ts';
import { COMMITTEE_UID, crawlLinks, uidN } from '../helpers/seed-links.ts';
import { scrutinUid } from '../helpers/scrutin-json.ts';

let tmp: TempDatabase;
beforeEach(async () => {
  tmp = await tempDatabase();
});
afterEach(() => tmp.cleanup());

const links = () =>
  tmp.db
    .selectFrom('scrutin_amendement')
    .select(['scrutin_uid', 'position', 'numero', 'amendement_uid', 'method', 'reason'])
    .orderBy('scrutin_uid')
    .orderBy('position')
    .execute();

/** Written by hand from the fixture's description in seed-links.ts. */
const EXPECTED = [
  {
    scrutin_uid: scrutinUid(1),
    position: 1,
    numero: 1,
    amendement_uid: uidN(1),
    method: 'titre-seance',
    reason: null,
  },
  {
    scrutin_uid: scrutinUid(2),
    position: 1,
    numero: 2,
    amendement_uid: uidN(2),
    method: 'titre-seance',
    reason: null,
  },
  {
    scrutin_uid: scrutinUid(3),
    position: 1,
    numero: 3,
    amendement_uid: null,
    method: null,
    reason: 'auteur-different',
  },
  {
    scrutin_uid: scrutinUid(4),
    position: 1,
    numero: 77,
    amendement_uid: null,
    method: null,
    reason: 'texte-absent',
  },
];

describe('scrutin links at ingest', () => {
  it('appear when the amendements are crawled after the votes', async () => {
    const [votes, amendements] = await crawlLinks(tmp.db, tmp.file, ['votes', 'amendements']);
    expect(votes).toMatchObject({ status: 'ok', added: 5 });
    expect(amendements).toMatchObject({ status: 'ok', added: 4 });
    expect(await links()).toEqual(EXPECTED);
  });

  it('appear when the votes are crawled after the amendements', async () => {
    const [amendements, votes] = await crawlLinks(tmp.db, tmp.file, ['amendements', 'votes']);
    expect(amendements).toMatchObject({ status: 'ok', added: 4 });
    expect(votes).toMatchObject({ status: 'ok', added: 5 });
    const got = await links();
    expect(got).toEqual(EXPECTED);
    expect(got.map((l) => l.amendement_uid)).not.toContain(COMMITTEE_UID);
  });

  it('gives a scrutin without a dossier step the dossier of its amendment', async () => {
    await crawlLinks(tmp.db, tmp.file, ['votes', 'amendements']);
    const dossiers = await tmp.db
      .selectFrom('scrutin_dossier')
      .selectAll()
      .orderBy('scrutin_uid')
      .execute();
    expect(dossiers).toEqual([
      { scrutin_uid: scrutinUid(1), dossier_uid: 'DLR5L17N99001', method: 'amendement' },
      { scrutin_uid: scrutinUid(2), dossier_uid: 'DLR5L17N99001', method: 'amendement' },
    ]);
  });
});
