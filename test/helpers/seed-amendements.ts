// Hand-written amendments written straight into the tables (no archive), for the tests of the
// derived amendment figures, the deputy and dossier pages and the dumps.
import type { DB } from '../../db/database.ts';
import { DECIDED_SORTS, SORT_LABELS, type AmendementSort } from '../../domain/amendements.ts';
import { recomputeAmendementFigures } from '../../scrapers/amendements/figures.ts';

export interface AmendementSpec {
  author: string | null;
  type?: 'Député' | 'Gouvernement' | 'Rapporteur';
  group?: string | null;
  sort: AmendementSort;
  /**
   * `cycleDeVie.sort` as published. By default the sort's own label for an examined outcome
   * (Adopté, Rejeté…), null for irrecevable and en-cours (the AN publishes none for them).
   * Null with `sort: 'retire'` and `etat: 'RT'`: withdrawn before any examination.
   */
  label?: string | null;
  /** `etatDesTraitements.etat.code` (RT, IRR…), null by default. */
  etat?: string | null;
  seance: boolean;
  cosigners?: string[];
  dossier?: string;
}

export const DOSSIER_A = 'DLR5L17N1001';
export const DOSSIER_B = 'DLR5L17N1002';
export const amendementUid = (n: number) =>
  `AMANR5L17PO59051B0100P0D1N${String(n).padStart(6, '0')}`;

/**
 * The amendments, in filing order (n° 1 on 2025-01-01, one a day). PA1 (group PO10) files 13:
 * n° 1–3 adopted (1–2 séance, 3 committee), 4–7 rejected (séance), 8 fallen (committee),
 * 9 withdrawn (committee), 10 not moved (séance), 11–12 irrecevable (committee), 13 pending
 * (séance). PA2 (PO20) files 2: 14 adopted as rapporteur (committee), 15 irrecevable. The
 * Gouvernement files 16 (adopted, séance). PA90 (not in the referential) files 17 (rejected).
 * Co-signers: PA2 on 1, 2, 4, 5; PA3 on 1, 6, 7, 14, 15; PA90 on 1. Dossier B holds 14–17.
 */
export const AMENDEMENT_SPECS: AmendementSpec[] = (
  [
    ...(['adopte', 'adopte', 'adopte', 'rejete', 'rejete', 'rejete', 'rejete'] as const).map(
      (sort, i) => ({ author: 'PA1', group: 'PO10', sort, seance: i !== 2 }),
    ),
    { author: 'PA1', group: 'PO10', sort: 'tombe', seance: false },
    { author: 'PA1', group: 'PO10', sort: 'retire', seance: false },
    { author: 'PA1', group: 'PO10', sort: 'non-soutenu', seance: true },
    { author: 'PA1', group: 'PO10', sort: 'irrecevable', seance: false },
    { author: 'PA1', group: 'PO10', sort: 'irrecevable', seance: false },
    { author: 'PA1', group: 'PO10', sort: 'en-cours', seance: true },
    { author: 'PA2', type: 'Rapporteur', group: 'PO20', sort: 'adopte', seance: false },
    { author: 'PA2', group: 'PO20', sort: 'irrecevable', seance: true },
    { author: null, type: 'Gouvernement', group: null, sort: 'adopte', seance: true },
    { author: 'PA90', group: 'PO10', sort: 'rejete', seance: true },
  ] satisfies AmendementSpec[]
).map((s, i) => ({ ...s, dossier: i + 1 >= 14 ? DOSSIER_B : DOSSIER_A }));
const COSIGNERS: Record<number, string[]> = {
  1: ['PA2', 'PA3', 'PA90'],
  2: ['PA2'],
  4: ['PA2'],
  5: ['PA2'],
  6: ['PA3'],
  7: ['PA3'],
  14: ['PA3'],
  15: ['PA3'],
};
for (const [n, uids] of Object.entries(COSIGNERS))
  AMENDEMENT_SPECS[Number(n) - 1]!.cosigners = uids;

/** Writes the specs as amendments and co-signers, then derives the figures as the crawl does. */
export async function seedAmendements(db: DB, specs: AmendementSpec[] = AMENDEMENT_SPECS) {
  await db.transaction().execute(async (trx) => {
    for (const [i, s] of specs.entries()) {
      const n = i + 1;
      const uid = amendementUid(n);
      await trx
        .insertInto('amendement')
        .values({
          uid,
          legislature: 17,
          numero: n,
          numero_rect: 0,
          text_key: '',
          numero_long: s.seance ? String(n) : `CL${n}`,
          texte_uid: 'PIONANR5L17B0100',
          dossier_uid: s.dossier ?? DOSSIER_A,
          organe_prefix: s.seance ? 'AN' : 'CION_LOIS',
          seance: s.seance ? 1 : 0,
          article: 'ART. 1',
          author_type: s.type ?? 'Député',
          author_uid: s.author,
          author_group_uid: s.group ?? null,
          gouvernement_uid: s.author ? null : 'PO900',
          sort: s.sort,
          sort_label:
            s.label !== undefined
              ? s.label
              : DECIDED_SORTS.includes(s.sort)
                ? SORT_LABELS[s.sort]
                : null,
          etat_code: s.etat ?? null,
          date_depot: `2025-01-${String(n).padStart(2, '0')}`,
          file_name: `json/${s.dossier}/PIONANR5L17B0100/${uid}.json`,
          content_hash: 'h',
        })
        .execute();
      for (const [p, acteur] of (s.cosigners ?? []).entries()) {
        await trx
          .insertInto('amendement_cosignataire')
          .values({ amendement_uid: uid, acteur_uid: acteur, position: p + 1 })
          .execute();
      }
    }
    await recomputeAmendementFigures(trx);
  });
}
