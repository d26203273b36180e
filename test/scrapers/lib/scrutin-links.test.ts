// The resolver of a title's number on hand-written candidate rows: committee amendments with
// the same number are never chosen, a rectified number matches its amendment, another bill
// debated at the same sitting is refused, and two candidates left stay unresolved.
import { describe, expect, it } from 'vitest';
import {
  authorAgrees,
  billAgreement,
  billWords,
  resolveNumber,
  type Candidate,
  type ScrutinContext,
} from '../../../scrapers/lib/scrutin-links.ts';
import type { TitleAuthor } from '../../../scrapers/lib/scrutin-title.ts';

const SITTING = 'RUANR5L17S2025IDS1';

function candidate(uid: string, fields: Partial<Candidate> = {}): Candidate {
  return {
    uid,
    numero: 12,
    numero_rect: 0,
    seance: 1,
    dossier_uid: 'DLR1',
    seance_ref: SITTING,
    date_depot: '2025-01-10',
    author_type: 'Député',
    author_first_name: 'Alice',
    author_last_name: 'Dupré',
    signatories_label: 'Mme Dupré, M. Martin',
    parent_numero: null,
    ...fields,
  };
}

const dupre: TitleAuthor = { kind: 'depute', name: 'Dupré', civility: 'Mme' };

function context(fields: Partial<ScrutinContext> = {}): ScrutinContext {
  return {
    date: '2025-01-20',
    sitting_ref: SITTING,
    dossiers: [],
    bill: () => null,
    textInArchive: true,
    ...fields,
  };
}

const n12 = { numero: 12, rect: 0 };

describe('resolveNumber', () => {
  it('links the séance amendment and never a committee one with the same number', () => {
    const r = resolveNumber(n12, { author: dupre, parent: null }, context(), [
      candidate('CION', { seance: 0, seance_ref: null }),
      candidate('SEANCE'),
    ]);
    expect(r).toEqual({ amendement_uid: 'SEANCE', method: 'titre-seance', candidates: 1 });
    // Only a committee amendment: nothing is linked.
    const none = resolveNumber(n12, { author: dupre, parent: null }, context(), [
      candidate('CION', { seance: 0 }),
    ]);
    expect(none.amendement_uid).toBeNull();
  });

  it('links a rectified number to its amendment (numeroOrdreDepot, whatever the rectification)', () => {
    const r = resolveNumber({ numero: 12, rect: 1 }, { author: dupre, parent: null }, context(), [
      candidate('RECT', { numero_rect: 1 }),
    ]);
    expect(r.amendement_uid).toBe('RECT');
  });

  it('leaves two candidates unresolved, with the reason', () => {
    const r = resolveNumber(n12, { author: dupre, parent: null }, context(), [
      candidate('A'),
      candidate('B'),
    ]);
    expect(r).toEqual({ amendement_uid: null, reason: 'plusieurs-candidats', candidates: 2 });
  });

  it('takes, of several in the dossier, the one discussed at the sitting', () => {
    const r = resolveNumber(
      n12,
      { author: dupre, parent: null },
      context({ bill: (d) => d === 'DLR1' }),
      [candidate('FIRST', { seance_ref: 'OTHER' }), candidate('SECOND')],
    );
    expect(r).toEqual({ amendement_uid: 'SECOND', method: 'titre-seance', candidates: 2 });
  });

  it('refuses another bill debated at the same sitting, by the same deputy', () => {
    const r = resolveNumber(
      n12,
      { author: dupre, parent: null },
      context({ bill: (d) => (d === 'DLR-OTHER' ? false : null), textInArchive: false }),
      [candidate('OTHER-BILL', { dossier_uid: 'DLR-OTHER' })],
    );
    expect(r).toEqual({ amendement_uid: null, reason: 'texte-absent', candidates: 0 });
  });

  it('never looks a number up outside the text voted on', () => {
    // Same number, same author, another sitting, dossier wording unknown: not the text voted.
    const r = resolveNumber(
      n12,
      { author: dupre, parent: null },
      context({ textInArchive: false }),
      [candidate('ELSEWHERE', { seance_ref: 'RUANR5L17S2024IDS9' })],
    );
    expect(r.amendement_uid).toBeNull();
    expect(r.amendement_uid === null && r.reason).toBe('texte-absent');
    // The same amendment found through the dossier named by the title's bill.
    const byBill = resolveNumber(
      n12,
      { author: dupre, parent: null },
      context({ bill: (d) => d === 'DLR1' }),
      [candidate('ELSEWHERE', { seance_ref: 'RUANR5L17S2024IDS9' })],
    );
    expect(byBill).toEqual({ amendement_uid: 'ELSEWHERE', method: 'titre-dossier', candidates: 1 });
  });

  it('says when the author differs, and when the number is absent from a text present', () => {
    const other: TitleAuthor = { kind: 'depute', name: 'Martin', civility: 'M.' };
    expect(
      resolveNumber(n12, { author: other, parent: null }, context(), [candidate('A')]),
    ).toEqual({ amendement_uid: null, reason: 'auteur-different', candidates: 1 });
    expect(
      resolveNumber({ numero: 99, rect: 0 }, { author: dupre, parent: null }, context(), [
        candidate('A'),
      ]),
    ).toEqual({ amendement_uid: null, reason: 'numero-absent', candidates: 0 });
  });

  it('keeps the dossier named by the steps, the filing date and the parent', () => {
    const steps = context({ dossiers: ['DLR2'] });
    expect(
      resolveNumber(n12, { author: dupre, parent: null }, steps, [
        candidate('DLR1-A'),
        candidate('DLR2-A', { dossier_uid: 'DLR2', seance_ref: null }),
      ]),
    ).toEqual({ amendement_uid: 'DLR2-A', method: 'titre-dossier', candidates: 1 });
    expect(
      resolveNumber(n12, { author: dupre, parent: null }, context(), [
        candidate('LATER', { date_depot: '2025-02-01' }),
      ]).amendement_uid,
    ).toBeNull();
    const parent = { number: { numero: 4, rect: 0 }, author: null };
    expect(
      resolveNumber(n12, { author: dupre, parent }, context(), [
        candidate('UNDER-4', { parent_numero: 4 }),
        candidate('UNDER-5', { parent_numero: 5 }),
      ]).amendement_uid,
    ).toBe('UNDER-4');
  });
});

describe('authorAgrees', () => {
  it('matches the last name, the full name, the first signatory; the government; a committee', () => {
    const c = candidate('A', { author_first_name: 'Jean-Philippe', author_last_name: 'Tanguy' });
    expect(authorAgrees({ kind: 'depute', name: 'Tanguy', civility: 'M.' }, c)).toBe(true);
    expect(authorAgrees({ kind: 'depute', name: 'Jean-Philippe Tanguy', civility: 'M.' }, c)).toBe(
      true,
    );
    expect(authorAgrees({ kind: 'depute', name: 'Philippe Tanguy', civility: 'M.' }, c)).toBe(
      false,
    );
    const formerDeputy = candidate('B', {
      author_first_name: null,
      author_last_name: null,
      signatories_label: 'Mme Firmin Le Bodo, M. Ray',
    });
    expect(
      authorAgrees({ kind: 'depute', name: 'Firmin le Bodo', civility: 'Mme' }, formerDeputy),
    ).toBe(true);
    const gov = candidate('G', {
      author_type: 'Gouvernement',
      signatories_label: 'le Gouvernement',
    });
    expect(authorAgrees({ kind: 'gouvernement', name: null, civility: null }, gov)).toBe(true);
    expect(authorAgrees({ kind: 'gouvernement', name: null, civility: null }, c)).toBe(false);
    const rapporteur = candidate('R', {
      author_type: 'Rapporteur',
      signatories_label:
        'M. Albertini, rapporteur pour avis au nom de la commission des affaires économiques',
    });
    expect(
      authorAgrees(
        { kind: 'commission', name: 'la commission des affaires économiques', civility: null },
        rapporteur,
      ),
    ).toBe(true);
  });
});

describe('billAgreement', () => {
  it('agrees at 80 % of the bill words, disagrees under 50 %', () => {
    const dossier = billWords(
      "Fin de vie proposition de loi relative à l'aide à mourir proposition de loi relative au droit à l'aide à mourir",
    );
    expect(
      billAgreement(billWords("proposition de loi relative au droit à l'aide à mourir"), dossier),
    ).toBe(true);
    expect(
      billAgreement(
        billWords(
          "proposition de loi visant à optimiser la protection et l'accompagnement des parents d'enfants atteints de cancers",
        ),
        billWords("Remboursement intégral des fauteuils roulants par l'Assurance maladie"),
      ),
    ).toBe(false);
    expect(billAgreement(new Set(), dossier)).toBeNull();
  });
});
