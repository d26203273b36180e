// The derived amendment figures (scrapers/amendements/figures.ts) over the hand-written
// amendments of test/helpers/seed-amendements.ts: counts, the adoption rate and its base
// (irrecevable and en-cours left out), séance/committee split, co-signature pairs. Expected
// values are worked out by hand from the spec list (comments) and re-counted here by a loop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeAmendementFigures } from '../../../scrapers/amendements/figures.ts';
import { tempDatabase, type TempDatabase } from '../../helpers/db.ts';
import { AMENDEMENT_SPECS, seedAmendements } from '../../helpers/seed-amendements.ts';

let tmp: TempDatabase;
beforeAll(async () => {
  tmp = await tempDatabase();
  await seedAmendements(tmp.db);
});
afterAll(() => tmp.cleanup());

const stats = async (uid: string) =>
  tmp.db
    .selectFrom('deputy_amendement_stats')
    .selectAll()
    .where('acteur_uid', '=', uid)
    .executeTakeFirst();

describe('deputy_amendement_stats', () => {
  it('counts filed, co-signed and adopted, with the rate over examined outcomes only', async () => {
    // PA1: 13 filed; 3 adopted; base = 13 − 2 irrecevable − 1 pending = 10 → 0.3.
    expect(await stats('PA1')).toMatchObject({
      filed: 13,
      filed_rapporteur: 0,
      cosigned: 0,
      adopted: 3,
      decided: 10,
      inadmissible: 2,
      pending: 1,
      adoption_rate: 0.3,
      // Séance: 1, 2 adopted; 4–7 rejected; 10 not moved (13 pending left out) → 2 / 7.
      filed_seance: 8,
      adopted_seance: 2,
      decided_seance: 7,
      // Committee: 3 adopted; 8 fallen; 9 withdrawn (11, 12 irrecevable left out) → 1 / 3.
      filed_committee: 5,
      adopted_committee: 1,
      decided_committee: 3,
    });
    expect((await stats('PA1'))!.adoption_rate_seance).toBeCloseTo(2 / 7, 12);
    expect((await stats('PA1'))!.adoption_rate_committee).toBeCloseTo(1 / 3, 12);
    // PA2: 2 filed (one as rapporteur, adopted; one irrecevable): 1 / 1; co-signed 4.
    expect(await stats('PA2')).toMatchObject({
      filed: 2,
      filed_rapporteur: 1,
      cosigned: 4,
      adopted: 1,
      decided: 1,
      inadmissible: 1,
      adoption_rate: 1,
      adoption_rate_seance: null,
      decided_seance: 0,
    });
  });

  it('has a row for every acteur who filed or co-signed, and none for the Gouvernement', async () => {
    const rows = await tmp.db.selectFrom('deputy_amendement_stats').selectAll().execute();
    expect(rows.map((r) => r.acteur_uid).sort()).toEqual(['PA1', 'PA2', 'PA3', 'PA90']);
    // PA3 only co-signs (5): zero filed, no rate.
    expect(await stats('PA3')).toMatchObject({ filed: 0, cosigned: 5, adoption_rate: null });
    // Re-counted by a loop of the test's own over the specs.
    for (const r of rows) {
      const own = AMENDEMENT_SPECS.filter((s) => s.author === r.acteur_uid);
      const base = own.filter((s) => !['irrecevable', 'en-cours'].includes(s.sort));
      expect(r.filed).toBe(own.length);
      expect(r.adopted).toBe(own.filter((s) => s.sort === 'adopte').length);
      expect(r.decided).toBe(base.length);
      expect(r.cosigned).toBe(
        AMENDEMENT_SPECS.filter((s) => s.cosigners?.includes(r.acteur_uid)).length,
      );
    }
  });

  it('derives the co-signature pairs, with the adopted among them', async () => {
    const pairs = await tmp.db
      .selectFrom('cosignature_pair')
      .selectAll()
      .orderBy('author_uid')
      .orderBy('cosigner_uid')
      .execute();
    expect(pairs).toEqual([
      { author_uid: 'PA1', cosigner_uid: 'PA2', amendements: 4, adopted: 2 },
      { author_uid: 'PA1', cosigner_uid: 'PA3', amendements: 3, adopted: 1 },
      { author_uid: 'PA1', cosigner_uid: 'PA90', amendements: 1, adopted: 1 },
      { author_uid: 'PA2', cosigner_uid: 'PA3', amendements: 2, adopted: 1 },
    ]);
  });

  it('is recomputed from scratch: a second derivation gives the same rows', async () => {
    const before = await tmp.db.selectFrom('deputy_amendement_stats').selectAll().execute();
    await tmp.db.transaction().execute((trx) => recomputeAmendementFigures(trx));
    expect(await tmp.db.selectFrom('deputy_amendement_stats').selectAll().execute()).toEqual(
      before,
    );
  });
});
