// The derived amendment figures (scrapers/amendements/figures.ts) over the hand-written
// amendments of test/helpers/seed-amendements.ts: counts, the adoption rate and its base
// (irrecevable, en-cours, withdrawn before examination and rapporteur amendments left out),
// séance/committee split, co-signature pairs. Expected values are worked out by hand from
// the spec list (comments) and re-counted here by a loop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeAmendementFigures } from '../../../scrapers/amendements/figures.ts';
import { tempDatabase, type TempDatabase } from '../../helpers/db.ts';
import type { AmendementSort } from '../../../domain/amendements.ts';
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
    // PA2: 2 filed (one as rapporteur, adopted; one irrecevable); co-signed 4. The
    // rapporteur's amendment counts as filed and adopted but stays out of the rate: no base.
    expect(await stats('PA2')).toMatchObject({
      filed: 2,
      filed_rapporteur: 1,
      cosigned: 4,
      adopted: 1,
      adopted_rapporteur: 1,
      decided: 0,
      rate_adopted: 0,
      inadmissible: 1,
      adoption_rate: null,
      adoption_rate_committee: null,
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
      const base = own.filter(
        (s) => s.type !== 'Rapporteur' && !['irrecevable', 'en-cours'].includes(s.sort),
      );
      expect(r.filed).toBe(own.length);
      expect(r.adopted).toBe(own.filter((s) => s.sort === 'adopte').length);
      expect(r.decided).toBe(base.length);
      expect(r.rate_adopted).toBe(base.filter((s) => s.sort === 'adopte').length);
      expect(r.cosigned).toBe(
        AMENDEMENT_SPECS.filter((s) => s.cosigners?.includes(r.acteur_uid)).length,
      );
    }
  });

  it('leaves withdrawn-before-examination and rapporteur amendments out of the rate', async () => {
    const other = await tempDatabase();
    try {
      const depute = (sort: AmendementSort, seance = true) => ({ author: 'PA7', sort, seance });
      await seedAmendements(other.db, [
        // 4 adopted (3 séance, 1 committee) and 6 rejected (séance), filed as député.
        ...[true, true, true, false].map((seance) => depute('adopte', seance)),
        ...Array.from({ length: 6 }, () => depute('rejete')),
        // 1 withdrawn in séance after publication ("Retiré" published): in the base.
        depute('retire'),
        // 3 withdrawn before discussion: state RT, no published outcome, never examined.
        ...[true, true, false].map((seance) => ({
          ...depute('retire', seance),
          label: null,
          etat: 'RT',
        })),
        // 5 filed as rapporteur in committee: 4 adopted, 1 rejected.
        ...(['adopte', 'adopte', 'adopte', 'adopte', 'rejete'] as const).map((sort) => ({
          ...depute(sort, false),
          type: 'Rapporteur' as const,
        })),
      ]);
      const row = await other.db
        .selectFrom('deputy_amendement_stats')
        .selectAll()
        .where('acteur_uid', '=', 'PA7')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        filed: 19,
        filed_rapporteur: 5,
        adopted: 8,
        adopted_rapporteur: 4,
        withdrawn_unexamined: 3,
        // Base: 4 adopted + 6 rejected + 1 published withdrawal, filed as député.
        decided: 11,
        rate_adopted: 4,
        // Séance: 3 adopted, 6 rejected, 1 published withdrawal (2 RT out).
        filed_seance: 12,
        adopted_seance: 3,
        decided_seance: 10,
        rate_adopted_seance: 3,
        // Committee: 1 adopted as député (1 RT and 5 rapporteur's out).
        filed_committee: 7,
        adopted_committee: 5,
        decided_committee: 1,
        rate_adopted_committee: 1,
        adoption_rate_committee: 1,
      });
      expect(row.adoption_rate).toBeCloseTo(4 / 11, 12);
      expect(row.adoption_rate_seance).toBeCloseTo(3 / 10, 12);
    } finally {
      await other.cleanup();
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
