// Unit tests of the pure dossier and text parsers on the hand-written fixtures of
// test/fixtures/an/dossiers (invented dossiers in the Assemblée's JSON, with its quirks: a
// one-item list as an object, nil values, ids as {"uid": …}). Expected values are read off
// the fixture files by hand.
import { describe, expect, it } from 'vitest';
import { parseDocument, parseDossier } from '../../../scrapers/dossiers/parse.ts';
import { ShapeError } from '../../../scrapers/lib/an-json.ts';
import { dossierState, stepChamber } from '../../../domain/dossiers.ts';
import { readJsonFixture } from '../../helpers/an-zip.ts';

const dossier = (uid: string) =>
  parseDossier(readJsonFixture(`dossiers/json/dossierParlementaire/${uid}.json`));
const documentOf = (uid: string) =>
  parseDocument(readJsonFixture(`dossiers/json/document/${uid}.json`));

describe('parseDossier', () => {
  it('reads the dossier, its initiators and its flattened steps with parents', () => {
    const d = dossier('DLR5L17N90001');
    expect(d.dossier).toEqual({
      uid: 'DLR5L17N90001',
      legislature: 17,
      title: 'Protection des rivières et des zones humides',
      path_title: 'protection_rivieres',
      title_key: 'protection des rivieres et des zones humides',
      senat_url: 'http://www.senat.fr/dossier-legislatif/ppl24-901.html',
      procedure_code: '2',
      procedure_label: 'Proposition de loi ordinaire',
      first_date: '2024-10-02',
      last_date: '2025-01-22',
      last_step_code: 'SN1-DEPOT',
      last_step_label: "Dépôt d'une initiative en navette",
      // Adopted by the AN in first reading, sent to the Sénat: still going.
      state: 'en-cours',
      absorbed_by: null,
    });
    expect(d.initiators).toEqual([
      { dossier_uid: 'DLR5L17N90001', position: 0, acteur_uid: 'PA900001', organe_uid: null },
      { dossier_uid: 'DLR5L17N90001', position: 1, acteur_uid: 'PA900002', organe_uid: null },
    ]);
    // AN1 → (DEPOT, COM → (RAPPORT given as one object), DEBATS → (SEANCE, DEC)), SN1 → DEPOT.
    expect(d.steps.map((s) => [s.position, s.parent_position, s.depth, s.code])).toEqual([
      [0, null, 0, 'AN1'],
      [1, 0, 1, 'AN1-DEPOT'],
      [2, 0, 1, 'AN1-COM'],
      [3, 2, 2, 'AN1-COM-FOND-RAPPORT'],
      [4, 0, 1, 'AN1-DEBATS'],
      [5, 4, 2, 'AN1-DEBATS-SEANCE'],
      [6, 4, 2, 'AN1-DEBATS-DEC'],
      [7, null, 0, 'SN1'],
      [8, 7, 1, 'SN1-DEPOT'],
    ]);
    expect(d.steps[6]).toMatchObject({
      uid: 'L17-VD90004',
      kind: 'Decision_Type',
      date: '2025-01-20',
      organe_uid: 'PO900001',
      conclusion: 'adoptée',
    });
    expect(d.steps[0]).toMatchObject({ date: null, conclusion: null });
    expect(d.texts.map((t) => [t.step_position, t.text_uid, t.role])).toEqual([
      [1, 'PIONANR5L17B0901', 'associe'],
      // texteAdopte nil on the report: no text.
      [3, 'RAPPANR5L17B0902', 'associe'],
      [6, 'PIONANR5L17B0901', 'associe'],
      [6, 'PIONANR5L17BTA0001', 'adopte'],
      [8, 'PIONANR5L17BTA0001', 'associe'],
      [8, 'PIONSNR5S425B0123', 'associe'],
    ]);
    expect(d.votes).toEqual([
      { dossier_uid: 'DLR5L17N90001', step_position: 6, scrutin_uid: 'VTANR5L17V1' },
      { dossier_uid: 'DLR5L17N90001', step_position: 6, scrutin_uid: 'VTANR5L17V2' },
    ]);
  });

  it('reads an organ initiator given as {"uid": …}, a single voteRef, and a promulgation', () => {
    const d = dossier('DLR5L17N90002');
    expect(d.initiators).toEqual([
      { dossier_uid: 'DLR5L17N90002', position: 0, acteur_uid: null, organe_uid: 'PO900999' },
    ]);
    expect(d.votes.map((v) => v.scrutin_uid)).toEqual(['VTANR5L17V3']);
    expect(d.dossier).toMatchObject({
      state: 'promulgue',
      senat_url: null,
      first_date: '2025-03-03',
      last_date: '2025-07-20',
      last_step_code: 'PROM-PUB',
    });
  });

  it('gives a single-reading dossier whose last decision is a rejection the state rejete', () => {
    const d = dossier('DLR5L17N90003');
    expect(d.dossier).toMatchObject({
      state: 'rejete',
      path_title: null,
      title_key: 'resolution sur l education populaire',
    });
    expect(d.initiators.map((i) => i.acteur_uid)).toEqual(['PA900003']);
    expect(d.steps.map((s) => s.code)).toEqual(['ANLUNI', 'ANLUNI-DEPOT', 'ANLUNI-DEBATS-DEC']);
  });

  it('names the path of a shape it cannot read', () => {
    const json = readJsonFixture('dossiers/json/dossierParlementaire/DLR5L17N90003.json') as any;
    json.dossierParlementaire.actesLegislatifs.acteLegislatif.actesLegislatifs.acteLegislatif[1].codeActe =
      { nested: true };
    let error: unknown;
    try {
      parseDossier(json);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ShapeError);
    expect((error as Error).message).toBe(
      'dossierParlementaire.actesLegislatifs.acteLegislatif[0].actesLegislatifs.acteLegislatif[1].codeActe: expected a text value, got an object',
    );
    expect(() => parseDossier({ other: {} })).toThrow(ShapeError);
  });
});

describe('parseDocument', () => {
  it('reads a text with its dossier, type, number and dates', () => {
    expect(documentOf('RAPPANR5L17B0902')).toEqual({
      kind: 'document',
      document: {
        uid: 'RAPPANR5L17B0902',
        dossier_uid: 'DLR5L17N90001',
        legislature: 17,
        type_code: 'RAPP',
        type_label: 'Rapport',
        subtype_code: null,
        denomination: 'Rapport',
        title: 'rapport sur la proposition de loi visant à protéger les rivières (901)',
        short_title: 'Protéger les rivières',
        numero: '902',
        deposit_date: '2024-11-05',
        publication_date: null,
        adoption_status: null,
      },
    });
  });

  it('reads a text published as deleted', () => {
    expect(documentOf('PIONANR5L17BTC0905')).toEqual({
      kind: 'deleted',
      uid: 'PIONANR5L17BTC0905',
    });
  });
});

describe('dossier vocabulary', () => {
  it('places step codes in their chamber', () => {
    expect(
      ['AN1-COM', 'ANLUNI', 'SN2-DEPOT', 'CMP-DEC', 'PROM-PUB', 'CC-CONCLUSION', 'EU'].map(
        stepChamber,
      ),
    ).toEqual(['AN', 'AN', 'SN', 'CMP', 'PROM', 'CC', 'autre']);
  });

  it('derives the state from the steps', () => {
    const step = (
      code: string,
      date: string | null,
      conclusion: string | null,
      depth = 1,
      kind: string | null = null,
    ) => ({
      code,
      date,
      conclusion,
      depth,
      kind,
    });
    // A withdrawal wins over an earlier adoption.
    expect(
      dossierState([
        step('AN1', null, null, 0),
        step('AN1-DEBATS-DEC', '2025-01-01', 'adoptée'),
        step('AN1-RTRINI', '2025-02-01', null, 1, 'RetraitInitiative_Type'),
      ]),
    ).toBe('retire');
    // A single-reading resolution adopted is final.
    expect(
      dossierState([
        step('ANLUNI', null, null, 0),
        step('ANLUNI-DEBATS-DEC', '2025-01-01', 'adoptée'),
      ]),
    ).toBe('adopte');
    // The latest decision counts, not the last in the tree.
    expect(
      dossierState([
        step('ANLUNI', null, null, 0),
        step('ANLUNI-DEBATS-DEC', '2025-03-01', 'rejetée'),
        step('ANLUNI-DEBATS-DEC', '2025-01-01', 'adoptée'),
      ]),
    ).toBe('rejete');
    // No decision yet.
    expect(dossierState([step('AN1', null, null, 0), step('AN1-DEPOT', '2025-01-01', null)])).toBe(
      'en-cours',
    );
  });
});
