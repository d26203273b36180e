// Unit tests of the pure scrutin parser and vote figures on small scrutins written by hand in
// the Assemblée nationale's JSON format (invented people and groups, real quirks). Every
// expected value is worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../../scrapers/lib/an-json.ts';
import { parseScrutin } from '../../../scrapers/votes/parse.ts';
import {
  deputyStats,
  type DeputyStats,
  type ScrutinInput,
  type TermInput,
  type VoteInput,
} from '../../../scrapers/lib/vote-stats.ts';
import { scrutinJson, type ScrutinSpec } from '../../helpers/scrutin-json.ts';
import { agreementIndex, UNKNOWN_GROUP } from '../../../domain/votes.ts';

/** The error `fn` throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

const NIL = { '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', '@xsi:nil': 'true' };

/**
 * Scrutin 7, written out in full as the Assemblée publishes it. Two groups:
 * - PO900101 (position pour, 4 members): pour PA1 (by delegation) and PA2, contre PA3 given as
 *   a single object (a rebel), no abstention (null), PA4 non-voting as presiding the sitting;
 * - PO900102 (position contre, 5 members): contre PA5, PA6, PA8; abstention PA7 as a single
 *   object (a rebel); no pour, no non-voter.
 * Synthesis: pour 2, contre 4, abstentions 1, non-voters 1, as in the lists.
 */
function scrutin7(): Record<string, unknown> {
  return {
    scrutin: {
      '@xmlns': 'http://schemas.assemblee-nationale.fr/referentiel',
      '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      uid: 'VTANR5L17V7',
      numero: '7',
      organeRef: 'PO838901',
      legislature: '17',
      sessionRef: 'SCR5A2025O1',
      seanceRef: 'RUANR5L17S2025IDS28000',
      dateScrutin: '2024-10-15',
      quantiemeJourSeance: '1',
      typeVote: {
        codeTypeVote: 'SPO',
        libelleTypeVote: 'scrutin public ordinaire',
        typeMajorite: 'Majorité absolue des suffrages exprimés',
      },
      sort: { code: 'rejeté', libelle: "L'Assemblée nationale n'a pas adopté" },
      titre: "l'amendement n° 12 de Mme Élodie Œuvray à l'article 3 du projet de loi de finances",
      demandeur: { texte: 'Président du groupe "Rivières"', referenceLegislative: null },
      objet: {
        libelle: 'projet de loi de finances pour 2025 (première lecture)',
        dossierLegislatif: null,
        referenceLegislative: null,
      },
      modePublicationDesVotes: 'DecompteNominatif',
      syntheseVote: {
        nombreVotants: '7',
        suffragesExprimes: '6',
        nbrSuffragesRequis: '4',
        annonce: "L'Assemblée nationale n'a pas adopté",
        decompte: {
          nonVotants: '1',
          pour: '2',
          contre: '4',
          abstentions: '1',
          nonVotantsVolontaires: '0',
        },
      },
      ventilationVotes: {
        organe: {
          organeRef: 'PO838901',
          groupes: {
            groupe: [
              {
                organeRef: 'PO900101',
                nombreMembresGroupe: '4',
                vote: {
                  positionMajoritaire: 'pour',
                  decompteVoix: {
                    nonVotants: '1',
                    pour: '2',
                    contre: '1',
                    abstentions: '0',
                    nonVotantsVolontaires: '0',
                  },
                  decompteNominatif: {
                    nonVotants: {
                      votant: {
                        acteurRef: 'PA4',
                        mandatRef: 'PM4',
                        parDelegation: 'false',
                        numPlace: '4',
                        causePositionVote: 'PSE',
                      },
                    },
                    pours: {
                      votant: [
                        {
                          acteurRef: 'PA1',
                          mandatRef: 'PM1',
                          parDelegation: 'true',
                          numPlace: '1',
                        },
                        {
                          acteurRef: 'PA2',
                          mandatRef: 'PM2',
                          parDelegation: 'false',
                          numPlace: '2',
                        },
                      ],
                    },
                    contres: {
                      votant: {
                        acteurRef: 'PA3',
                        mandatRef: 'PM3',
                        parDelegation: 'false',
                        numPlace: '3',
                      },
                    },
                    abstentions: null,
                  },
                },
              },
              {
                organeRef: 'PO900102',
                nombreMembresGroupe: '5',
                vote: {
                  positionMajoritaire: 'contre',
                  decompteVoix: {
                    nonVotants: '0',
                    pour: '0',
                    contre: '3',
                    abstentions: '1',
                    nonVotantsVolontaires: '1',
                  },
                  decompteNominatif: {
                    nonVotants: null,
                    pours: null,
                    contres: {
                      votant: [
                        {
                          acteurRef: 'PA5',
                          mandatRef: 'PM5',
                          parDelegation: 'false',
                          numPlace: '5',
                        },
                        {
                          acteurRef: 'PA6',
                          mandatRef: 'PM6',
                          parDelegation: 'true',
                          numPlace: '6',
                        },
                        {
                          acteurRef: 'PA8',
                          mandatRef: 'PM8',
                          parDelegation: 'false',
                          numPlace: '8',
                        },
                      ],
                    },
                    abstentions: {
                      votant: {
                        acteurRef: 'PA7',
                        mandatRef: 'PM7',
                        parDelegation: 'false',
                        numPlace: '7',
                      },
                    },
                  },
                },
              },
            ],
          },
        },
      },
      miseAuPoint: null,
      lieuVote: 'Palais Bourbon',
    },
  };
}

type Json = Record<string, any>;
/** Scrutin 7 with a change applied to its `scrutin` object. */
function edited7(edit: (s: Json) => void): unknown {
  const json = scrutin7() as { scrutin: Json };
  edit(json.scrutin);
  return json;
}

const byActeur = (votes: { acteur_uid: string }[]) =>
  [...votes].sort((a, b) => a.acteur_uid.localeCompare(b.acteur_uid));

describe('parseScrutin on a scrutin written out in full', () => {
  it('reads the scrutin, its official synthesis and nominative counts', () => {
    const { scrutin } = parseScrutin(scrutin7());
    expect(scrutin).toEqual({
      uid: 'VTANR5L17V7',
      number: 7,
      legislature: 17,
      date: '2024-10-15',
      session_ref: 'SCR5A2025O1',
      sitting_ref: 'RUANR5L17S2025IDS28000',
      type_code: 'SPO',
      type_label: 'scrutin public ordinaire',
      majority_rule: 'Majorité absolue des suffrages exprimés',
      result_code: 'rejeté',
      result_label: "L'Assemblée nationale n'a pas adopté",
      title: "l'amendement n° 12 de Mme Élodie Œuvray à l'article 3 du projet de loi de finances",
      object: 'projet de loi de finances pour 2025 (première lecture)',
      // Title then object, lower case, accents and punctuation gone, œ spelt oe.
      title_key:
        'l amendement n 12 de mme elodie oeuvray a l article 3 du projet de loi de finances ' +
        'projet de loi de finances pour 2025 premiere lecture',
      requesters: 'Président du groupe "Rivières"',
      // objet.referenceLegislative and objet.dossierLegislatif are null in the file.
      amendement_ref: null,
      dossier_ref: null,
      voters: 7,
      expressed: 6,
      required: 4,
      for_count: 2,
      against_count: 4,
      abstention_count: 1,
      non_voting_count: 1,
      voluntary_non_voting_count: 0,
      listed_for: 2,
      listed_against: 4,
      listed_abstention: 1,
      listed_non_voting: 1,
      counts_mismatch: null,
      // PA3 (contre in a group "pour") and PA7 (abstention in a group "contre").
      rebels: 2,
    });
  });

  it('reads the amendment and dossier a file may name in objet, whatever their wrapping', () => {
    const json = scrutin7() as { scrutin: Record<string, any> };
    json.scrutin.objet.referenceLegislative = { '#text': 'AMANR5L17PO838901B0324P1D1N000828' };
    json.scrutin.objet.dossierLegislatif = { dossierRef: 'DLR5L17N50198' };
    expect(parseScrutin(json).scrutin).toMatchObject({
      amendement_ref: 'AMANR5L17PO838901B0324P1D1N000828',
      dossier_ref: 'DLR5L17N50198',
    });
    // Anything else is no reference (never an error).
    json.scrutin.objet.referenceLegislative = 'texte adopté n° 12';
    json.scrutin.objet.dossierLegislatif = ['x', 3];
    expect(parseScrutin(json).scrutin).toMatchObject({ amendement_ref: null, dossier_ref: null });
  });

  it('reads one voter given as an object, and an absent (null) list as empty', () => {
    const { votes } = parseScrutin(scrutin7());
    expect(byActeur(votes)).toEqual([
      {
        scrutin_uid: 'VTANR5L17V7',
        acteur_uid: 'PA1',
        mandat_uid: 'PM1',
        group_uid: 'PO900101',
        position: 'pour',
        cause: null,
        delegation: 1,
        seat: '1',
        rebel: 0,
        rebel_published: 0,
      },
      {
        scrutin_uid: 'VTANR5L17V7',
        acteur_uid: 'PA2',
        mandat_uid: 'PM2',
        group_uid: 'PO900101',
        position: 'pour',
        cause: null,
        delegation: 0,
        seat: '2',
        rebel: 0,
        rebel_published: 0,
      },
      {
        scrutin_uid: 'VTANR5L17V7',
        acteur_uid: 'PA3',
        mandat_uid: 'PM3',
        group_uid: 'PO900101',
        position: 'contre',
        cause: null,
        delegation: 0,
        seat: '3',
        rebel: 1,
        rebel_published: 1,
      },
      {
        scrutin_uid: 'VTANR5L17V7',
        acteur_uid: 'PA4',
        mandat_uid: 'PM4',
        group_uid: 'PO900101',
        position: 'nonVotant',
        cause: 'PSE',
        delegation: 0,
        seat: '4',
        rebel: 0,
        rebel_published: 0,
      },
      {
        scrutin_uid: 'VTANR5L17V7',
        acteur_uid: 'PA5',
        mandat_uid: 'PM5',
        group_uid: 'PO900102',
        position: 'contre',
        cause: null,
        delegation: 0,
        seat: '5',
        rebel: 0,
        rebel_published: 0,
      },
      {
        scrutin_uid: 'VTANR5L17V7',
        acteur_uid: 'PA6',
        mandat_uid: 'PM6',
        group_uid: 'PO900102',
        position: 'contre',
        cause: null,
        delegation: 1,
        seat: '6',
        rebel: 0,
        rebel_published: 0,
      },
      {
        scrutin_uid: 'VTANR5L17V7',
        acteur_uid: 'PA7',
        mandat_uid: 'PM7',
        group_uid: 'PO900102',
        position: 'abstention',
        cause: null,
        delegation: 0,
        seat: '7',
        rebel: 1,
        rebel_published: 1,
      },
      {
        scrutin_uid: 'VTANR5L17V7',
        acteur_uid: 'PA8',
        mandat_uid: 'PM8',
        group_uid: 'PO900102',
        position: 'contre',
        cause: null,
        delegation: 0,
        seat: '8',
        rebel: 0,
        rebel_published: 0,
      },
    ]);
  });

  it("gives each group its official position, its members' counts and agreement index", () => {
    const { groups } = parseScrutin(scrutin7());
    expect(groups).toEqual([
      {
        scrutin_uid: 'VTANR5L17V7',
        group_uid: 'PO900101',
        members: 4,
        position: 'pour',
        majority_position: 'pour',
        position_mismatch: 0,
        for_count: 2,
        against_count: 1,
        abstention_count: 0,
        non_voting_count: 1,
        // P=2, C=1, A=0: (2 − ½·1) ÷ 3 = 0.5.
        agreement_index: 0.5,
      },
      {
        scrutin_uid: 'VTANR5L17V7',
        group_uid: 'PO900102',
        members: 5,
        position: 'contre',
        majority_position: 'contre',
        position_mismatch: 0,
        for_count: 0,
        against_count: 3,
        abstention_count: 1,
        non_voting_count: 0,
        // P=0, C=3, A=1: (3 − ½·1) ÷ 4 = 0.625.
        agreement_index: 0.625,
      },
    ]);
  });

  it('reads a list of groups given as one object', () => {
    const json = edited7((s) => {
      s.ventilationVotes.organe.groupes.groupe = s.ventilationVotes.organe.groupes.groupe[1];
      s.syntheseVote.decompte = { nonVotants: '0', pour: '0', contre: '3', abstentions: '1' };
      s.syntheseVote.nombreVotants = '4';
      s.syntheseVote.suffragesExprimes = '3';
    });
    const parsed = parseScrutin(json);
    expect(parsed.groups.map((g) => [g.group_uid, g.position, g.against_count])).toEqual([
      ['PO900102', 'contre', 3],
    ]);
    expect(parsed.votes.map((v) => v.acteur_uid).sort()).toEqual(['PA5', 'PA6', 'PA7', 'PA8']);
    expect(parsed.scrutin.counts_mismatch).toBeNull();
    expect(parsed.scrutin.rebels).toBe(1);
  });

  it('reads nil values as absent, and an object or a demandeur given as nil', () => {
    const parsed = parseScrutin(
      edited7((s) => {
        s.demandeur = null;
        s.objet = NIL;
        s.syntheseVote.nbrSuffragesRequis = NIL;
        s.syntheseVote.decompte.nonVotantsVolontaires = NIL;
      }),
    );
    expect(parsed.scrutin).toMatchObject({
      requesters: null,
      object: null,
      required: null,
      voluntary_non_voting_count: null,
      title_key:
        'l amendement n 12 de mme elodie oeuvray a l article 3 du projet de loi de finances',
    });
  });
});

describe('parseScrutin: shape errors name the path', () => {
  it('rejects an unknown positionMajoritaire', () => {
    const error = thrown(() =>
      parseScrutin(
        edited7((s) => {
          s.ventilationVotes.organe.groupes.groupe[1].vote.positionMajoritaire = 'peut-être';
        }),
      ),
    );
    expect(error).toBeInstanceOf(ShapeError);
    expect((error as ShapeError).path).toBe(
      'ventilationVotes.organe.groupes.groupe[1].vote.positionMajoritaire',
    );
    expect(error.message).toContain('peut-être');
  });

  it('rejects an unknown nominative list that holds voters, ignores an empty one', () => {
    const withVoters = thrown(() =>
      parseScrutin(
        edited7((s) => {
          s.ventilationVotes.organe.groupes.groupe[0].vote.decompteNominatif.blancs = {
            votant: { acteurRef: 'PA9', mandatRef: 'PM9', parDelegation: 'false', numPlace: '9' },
          };
        }),
      ),
    );
    expect(withVoters).toBeInstanceOf(ShapeError);
    expect((withVoters as ShapeError).path).toBe(
      'ventilationVotes.organe.groupes.groupe[0].vote.decompteNominatif.blancs',
    );
    // An unknown list left empty (null) holds no vote to misread: ignored.
    const empty = parseScrutin(
      edited7((s) => {
        s.ventilationVotes.organe.groupes.groupe[0].vote.decompteNominatif.nonVotantsVolontaires =
          null;
      }),
    );
    expect(empty.votes).toHaveLength(8);
  });

  it('rejects a voter without acteurRef, a missing number, a non-numeric count', () => {
    const noActeur = thrown(() =>
      parseScrutin(
        edited7((s) => {
          delete s.ventilationVotes.organe.groupes.groupe[1].vote.decompteNominatif.contres
            .votant[2].acteurRef;
        }),
      ),
    );
    expect((noActeur as ShapeError).path).toBe(
      'ventilationVotes.organe.groupes.groupe[1].vote.decompteNominatif.contres.votant[2].acteurRef',
    );
    const noNumber = thrown(() => parseScrutin(edited7((s) => (s.numero = NIL))));
    expect((noNumber as ShapeError).path).toBe('scrutin.numero');
    const badCount = thrown(() =>
      parseScrutin(edited7((s) => (s.syntheseVote.decompte.pour = 'deux'))),
    );
    expect((badCount as ShapeError).path).toBe('syntheseVote.decompte.pour');
    expect(thrown(() => parseScrutin({ scrutins: [] }))).toBeInstanceOf(ShapeError);
    expect(thrown(() => parseScrutin('scrutin'))).toBeInstanceOf(ShapeError);
  });
});

describe('parseScrutin: impossible values name the path', () => {
  it.each([
    {
      name: 'a number beyond the safe integers',
      edit: (s: Json) => (s.numero = '99999999999999999999999'),
      path: 'scrutin.numero',
      reason: /99999999999999999999999/,
    },
    { name: 'a number 0', edit: (s: Json) => (s.numero = '0'), path: 'scrutin.numero' },
    {
      // File and uid say scrutin 7.
      name: 'a number its uid does not carry',
      edit: (s: Json) => (s.numero = '8'),
      path: 'scrutin.numero',
      reason: /VTANR5L17V7/,
    },
    {
      name: 'a date that is no day of the calendar',
      edit: (s: Json) => (s.dateScrutin = '2024-13-45'),
      path: 'scrutin.dateScrutin',
      reason: /2024-13-45/,
    },
    {
      name: 'the 30th of February',
      edit: (s: Json) => (s.dateScrutin = '2025-02-30'),
      path: 'scrutin.dateScrutin',
    },
    {
      name: 'a negative official count',
      edit: (s: Json) => (s.syntheseVote.decompte.contre = '-4'),
      path: 'syntheseVote.decompte.contre',
    },
    {
      name: 'a negative number of voters',
      edit: (s: Json) => (s.syntheseVote.nombreVotants = '-7'),
      path: 'syntheseVote.nombreVotants',
    },
    {
      name: 'a negative group size',
      edit: (s: Json) => (s.ventilationVotes.organe.groupes.groupe[1].nombreMembresGroupe = '-5'),
      path: 'ventilationVotes.organe.groupes.groupe[1].nombreMembresGroupe',
    },
    {
      // 2 for + 4 against are 6 expressed votes.
      name: 'expressed votes other than for + against',
      edit: (s: Json) => (s.syntheseVote.suffragesExprimes = '5'),
      path: 'syntheseVote.suffragesExprimes',
    },
    {
      // 6 expressed + 1 abstention are 7 voters.
      name: 'voters other than expressed + abstentions',
      edit: (s: Json) => (s.syntheseVote.nombreVotants = '9'),
      path: 'syntheseVote.nombreVotants',
    },
    {
      // Consistent with itself, but 600 + 4 + 1 + 1 deputies for 577 seats.
      name: 'more deputies counted than seats',
      edit: (s: Json) => {
        s.syntheseVote.decompte.pour = '600';
        s.syntheseVote.suffragesExprimes = '604';
        s.syntheseVote.nombreVotants = '605';
      },
      path: 'syntheseVote.decompte',
    },
  ])('rejects $name', ({ edit, path, reason }) => {
    const error = thrown(() => parseScrutin(edited7(edit)));
    expect(error).toBeInstanceOf(ShapeError);
    expect((error as ShapeError).path).toBe(path);
    if (reason) expect(error.message).toMatch(reason);
  });
});

describe('parseScrutin on invented scrutins', () => {
  const base: ScrutinSpec = {
    number: 20,
    date: '2025-02-04',
    title: 'la motion de rejet préalable',
    groups: [],
  };

  it('parses a scrutin without group list and says no ventilation was published', () => {
    const parsed = parseScrutin(
      scrutinJson({ ...base, groups: null, decompte: { pour: 10, contre: 5 } }),
    );
    expect(parsed.groups).toEqual([]);
    expect(parsed.votes).toEqual([]);
    expect(parsed.scrutin).toMatchObject({
      for_count: 10,
      against_count: 5,
      listed_for: 0,
      listed_against: 0,
      rebels: 0,
    });
    const mismatch = parsed.scrutin.counts_mismatch ?? '';
    expect(mismatch).toMatch(/aucune ventilation/);
    // The official 10 pour and 5 contre are missing from the (absent) lists.
    expect(mismatch).toMatch(/pour\D+10\D+0/);
    expect(mismatch).toMatch(/contre\D+5\D+0/);
    expect(mismatch).not.toMatch(/abstention/);

    // ventilationVotes itself nil reads the same.
    const json = scrutinJson({ ...base, groups: null }) as { scrutin: Json };
    json.scrutin.ventilationVotes = NIL;
    expect(parseScrutin(json).scrutin.counts_mismatch).toMatch(/aucune ventilation/);
  });

  it('keeps non-voting causes (PAN, PSE, MG) and delegation flags; a non-voter is never a rebel', () => {
    const parsed = parseScrutin(
      scrutinJson({
        ...base,
        groups: [
          {
            organe: 'PO1',
            position: 'pour',
            pour: [{ acteur: 'PA1', delegation: true }, 'PA2'],
            abstention: [{ acteur: 'PA3', delegation: true }],
            nonVotant: [
              { acteur: 'PA4', cause: 'PAN' },
              { acteur: 'PA5', cause: 'PSE' },
              { acteur: 'PA6', cause: 'MG' },
              'PA7',
            ],
          },
          {
            organe: 'PO2',
            position: 'abstention',
            pour: ['PA8'],
            contre: [{ acteur: 'PA9', delegation: true }],
            abstention: ['PA10', 'PA11'],
          },
          // A group with no vote cast has a position too; its non-voter is not a rebel.
          { organe: 'PO3', position: 'contre', nonVotant: ['PA12'] },
        ],
      }),
    );
    const rows = Object.fromEntries(
      parsed.votes.map((v) => [
        v.acteur_uid,
        [v.group_uid, v.position, v.cause, v.delegation, v.rebel],
      ]),
    );
    expect(rows).toEqual({
      PA1: ['PO1', 'pour', null, 1, 0],
      PA2: ['PO1', 'pour', null, 0, 0],
      PA3: ['PO1', 'abstention', null, 1, 1],
      PA4: ['PO1', 'nonVotant', 'PAN', 0, 0],
      PA5: ['PO1', 'nonVotant', 'PSE', 0, 0],
      PA6: ['PO1', 'nonVotant', 'MG', 0, 0],
      PA7: ['PO1', 'nonVotant', null, 0, 0],
      PA8: ['PO2', 'pour', null, 0, 1],
      PA9: ['PO2', 'contre', null, 1, 1],
      PA10: ['PO2', 'abstention', null, 0, 0],
      PA11: ['PO2', 'abstention', null, 0, 0],
      PA12: ['PO3', 'nonVotant', null, 0, 0],
    });
    // PA3, PA8, PA9.
    expect(parsed.scrutin.rebels).toBe(3);
    expect(parsed.scrutin.counts_mismatch).toBeNull();
    expect(parsed.groups.map((g) => [g.group_uid, g.agreement_index])).toEqual([
      // P=2, A=1: (2 − ½) ÷ 3.
      ['PO1', 0.5],
      // P=1, C=1, A=2: (2 − 1) ÷ 4.
      ['PO2', 0.25],
      // Nobody voted.
      ['PO3', null],
    ]);
  });

  it('records every difference between the nominative lists and the synthesis', () => {
    const parsed = parseScrutin(
      scrutinJson({
        ...base,
        groups: [
          { organe: 'PO1', position: 'pour', pour: ['PA1', 'PA2', 'PA3'], nonVotant: ['PA4'] },
          { organe: 'PO2', position: 'contre', contre: ['PA5'], abstention: ['PA6'] },
        ],
        // Lists: pour 3, contre 1, abstention 1, non-voters 1.
        decompte: { pour: 3, contre: 2, abstentions: 1, nonVotants: 11 },
      }),
    );
    expect(parsed.scrutin).toMatchObject({
      for_count: 3,
      against_count: 2,
      abstention_count: 1,
      non_voting_count: 11,
      listed_for: 3,
      listed_against: 1,
      listed_abstention: 1,
      listed_non_voting: 1,
    });
    const mismatch = parsed.scrutin.counts_mismatch ?? '';
    expect(mismatch).toMatch(/contre\D+2\D+1/);
    expect(mismatch).toMatch(/nonVotant\D+11\D+1/);
    expect(mismatch).not.toMatch(/pour/);
    expect(mismatch).not.toMatch(/abstention/);
  });

  it('counts a voter listed twice once, and says so', () => {
    const parsed = parseScrutin(
      scrutinJson({
        ...base,
        groups: [
          { organe: 'PO1', position: 'pour', pour: ['PA1', 'PA2'] },
          { organe: 'PO2', position: 'contre', contre: ['PA2', 'PA3'] },
        ],
        decompte: { pour: 2, contre: 1 },
      }),
    );
    expect(parsed.votes.map((v) => `${v.acteur_uid}:${v.position}`)).toEqual([
      'PA1:pour',
      'PA2:pour',
      'PA3:contre',
    ]);
    expect(parsed.scrutin.counts_mismatch).toContain('PA2');
  });

  it('gives groups published as PO0 (or twice) placeholders, kept apart', () => {
    const parsed = parseScrutin(
      scrutinJson({
        ...base,
        groups: [
          { organe: 'PO0', members: 30, position: 'pour', pour: ['PA1', 'PA2'], contre: ['PA3'] },
          { organe: 'PO0', members: 20, position: 'contre', contre: ['PA4'] },
          { organe: 'PO7', members: 10, position: 'abstention', abstention: ['PA5'] },
          { organe: 'PO7', members: 5, position: 'pour', pour: ['PA6'] },
        ],
      }),
    );
    expect(UNKNOWN_GROUP).not.toMatch(/^PO\d/);
    expect(parsed.groups.map((g) => [g.group_uid, g.members, g.position])).toEqual([
      [`${UNKNOWN_GROUP}0`, 30, 'pour'],
      [`${UNKNOWN_GROUP}1`, 20, 'contre'],
      ['PO7', 10, 'abstention'],
      [`${UNKNOWN_GROUP}3`, 5, 'pour'],
    ]);
    const groupOf = Object.fromEntries(parsed.votes.map((v) => [v.acteur_uid, v.group_uid]));
    expect(groupOf).toEqual({
      PA1: `${UNKNOWN_GROUP}0`,
      PA2: `${UNKNOWN_GROUP}0`,
      PA3: `${UNKNOWN_GROUP}0`,
      PA4: `${UNKNOWN_GROUP}1`,
      PA5: 'PO7',
      PA6: `${UNKNOWN_GROUP}3`,
    });
    // Rebels are still judged against the block the voter is listed in: PA3 only.
    expect(parsed.votes.filter((v) => v.rebel).map((v) => v.acteur_uid)).toEqual(['PA3']);
    expect(parsed.scrutin.counts_mismatch).toMatch(/PO0/);
    expect(parsed.scrutin.counts_mismatch).toMatch(/PO7/);
  });
});

describe('agreementIndex', () => {
  it('follows (max − ½·(total − max)) ÷ total', () => {
    // All alike.
    expect(agreementIndex(10, 0, 0)).toBe(1);
    expect(agreementIndex(0, 0, 7)).toBe(1);
    // 5/5/0: (5 − ½·5) ÷ 10 = 0.25.
    expect(agreementIndex(5, 5, 0)).toBe(0.25);
    // Evenly split in three: (4 − ½·8) ÷ 12 = 0.
    expect(agreementIndex(4, 4, 4)).toBe(0);
    // Nobody voted.
    expect(agreementIndex(0, 0, 0)).toBeNull();
    // 3/1/0: (3 − ½) ÷ 4 = 0.625.
    expect(agreementIndex(3, 1, 0)).toBe(0.625);
    // 7/2/1: (7 − 1.5) ÷ 10 = 0.55.
    expect(agreementIndex(7, 2, 1)).toBeCloseTo(0.55, 12);
    // 1/2/3, the max in abstentions: (3 − 1.5) ÷ 6 = 0.25.
    expect(agreementIndex(1, 2, 3)).toBe(0.25);
    // 2/3/3: (3 − 2.5) ÷ 8 = 0.0625.
    expect(agreementIndex(2, 3, 3)).toBe(0.0625);
  });
});

describe('deputyStats', () => {
  // Six scrutins; S2 and S4 are solemn (SPS), S6 a motion of censure.
  const scrutins: ScrutinInput[] = [
    { uid: 'S1', date: '2024-07-10', type_code: 'SPO' },
    { uid: 'S2', date: '2024-07-18', type_code: 'SPS' },
    { uid: 'S3', date: '2024-09-01', type_code: 'SPO' },
    { uid: 'S4', date: '2024-10-01', type_code: 'SPS' },
    { uid: 'S5', date: '2024-11-05', type_code: 'SPO' },
    { uid: 'S6', date: '2025-01-15', type_code: 'MOC' },
  ];
  const terms: TermInput[] = [
    { acteur_uid: 'PA1', start: '2024-07-08', end: null },
    // Took office mid-way, on the day of S3.
    { acteur_uid: 'PA2', start: '2024-09-01', end: null },
    // Left on the day of S4 (included), back on the day of S6 (included).
    { acteur_uid: 'PA3', start: '2024-07-08', end: '2024-10-01' },
    { acteur_uid: 'PA3', start: '2025-01-15', end: null },
    // Presided sittings.
    { acteur_uid: 'PA4', start: '2024-07-08', end: null },
    // No vote at all.
    { acteur_uid: 'PA6', start: '2024-07-08', end: null },
    // President of the Assembly.
    { acteur_uid: 'PA7', start: '2024-07-08', end: null },
    // The referential only knows the current term, begun after an earlier vote.
    { acteur_uid: 'PA8', start: '2024-09-01', end: null },
  ];
  const vote = (
    scrutin: string,
    acteur: string,
    position: VoteInput['position'],
    { rebel, ...extra }: Partial<VoteInput> & { rebel?: 1 } = {},
  ): VoteInput => ({
    scrutin_uid: scrutin,
    acteur_uid: acteur,
    position,
    cause: null,
    delegation: 0,
    // A rebel voted against the group's majority (here also its published position).
    rebel_published: rebel ?? 0,
    majority:
      position === 'nonVotant'
        ? null
        : rebel
          ? position === 'pour'
            ? 'contre'
            : 'pour'
          : position,
    ...extra,
  });
  const votes: VoteInput[] = [
    vote('S1', 'PA1', 'pour'),
    vote('S2', 'PA1', 'contre', { rebel: 1 }),
    vote('S3', 'PA1', 'abstention', { delegation: 1 }),
    vote('S4', 'PA1', 'nonVotant'),
    vote('S5', 'PA1', 'pour', { delegation: 1 }),

    vote('S3', 'PA2', 'pour'),
    vote('S4', 'PA2', 'pour', { rebel: 1 }),
    vote('S6', 'PA2', 'contre', { delegation: 1 }),

    vote('S1', 'PA3', 'pour'),
    vote('S3', 'PA3', 'nonVotant', { cause: 'MG' }),
    vote('S4', 'PA3', 'contre'),
    vote('S5', 'PA3', 'nonVotant', { cause: 'MG' }),
    vote('S6', 'PA3', 'abstention', { rebel: 1 }),

    vote('S1', 'PA4', 'pour'),
    vote('S2', 'PA4', 'nonVotant', { cause: 'PSE' }),
    vote('S3', 'PA4', 'nonVotant', { cause: 'PSE' }),
    vote('S4', 'PA4', 'contre'),
    vote('S5', 'PA4', 'nonVotant'),
    vote('S6', 'PA4', 'pour'),

    // PA5 has no term in the referential: loyalty from its votes, no participation.
    vote('S1', 'PA5', 'pour'),
    vote('S2', 'PA5', 'contre', { rebel: 1 }),

    ...scrutins.map((s) => vote(s.uid, 'PA7', 'nonVotant', { cause: 'PAN' })),

    vote('S1', 'PA8', 'pour', { rebel: 1 }),
    vote('S3', 'PA8', 'pour'),

    // PA9's group tied on S2: no majority, so neither loyal nor rebel there.
    vote('S1', 'PA9', 'contre'),
    vote('S2', 'PA9', 'pour', { majority: null, rebel_published: 1 }),
  ];

  const stats = new Map<string, DeputyStats>(
    deputyStats(scrutins, terms, votes).map((s) => [s.acteur_uid, s]),
  );

  it('gives figures to every deputy with a term and to everyone who voted', () => {
    expect([...stats.keys()].sort()).toEqual([
      'PA1',
      'PA2',
      'PA3',
      'PA4',
      'PA5',
      'PA6',
      'PA7',
      'PA8',
      'PA9',
    ]);
  });

  it('gives a voter without a known term loyalty, and no participation', () => {
    expect(stats.get('PA5')).toMatchObject({
      eligible: 0,
      cast: 0,
      participation: null,
      loyalty_base: 2,
      loyal: 1,
      loyalty: 0.5,
      rebellions: 1,
    });
  });

  it('leaves a vote out of loyalty where the group tied, not out of the published-position figure', () => {
    expect(stats.get('PA9')).toMatchObject({
      loyalty_base: 1,
      loyal: 1,
      loyalty: 1,
      rebellions: 0,
      loyalty_base_published: 2,
      loyal_published: 1,
      loyalty_published: 0.5,
    });
  });

  it('counts delegated votes as cast and a listed non-voter without cause as absent', () => {
    // Held S1–S6 (6); cast S1, S2, S3, S5 (4, two by delegation); S4 non-voter without cause.
    // Solemn: S2, S4 held, S2 cast. Loyalty: 4 cast, S2 against the group.
    expect(stats.get('PA1')).toEqual({
      acteur_uid: 'PA1',
      eligible: 6,
      cast: 4,
      delegated: 2,
      function_excluded: 0,
      participation: 4 / 6,
      eligible_solemn: 2,
      cast_solemn: 1,
      participation_solemn: 0.5,
      loyalty_base: 4,
      loyal: 3,
      loyalty: 0.75,
      rebellions: 1,
      loyalty_base_published: 4,
      loyal_published: 3,
      loyalty_published: 0.75,
    });
  });

  it('counts only the scrutins held from the day a deputy took office', () => {
    // Held S3, S4, S5, S6 (start day included); cast S3, S4, S6 (one delegated).
    // Solemn: S4 only, cast. Loyalty: 3 cast, S4 against the group.
    expect(stats.get('PA2')).toEqual({
      acteur_uid: 'PA2',
      eligible: 4,
      cast: 3,
      delegated: 1,
      function_excluded: 0,
      participation: 0.75,
      eligible_solemn: 1,
      cast_solemn: 1,
      participation_solemn: 1,
      loyalty_base: 3,
      loyal: 2,
      loyalty: 2 / 3,
      rebellions: 1,
      loyalty_base_published: 3,
      loyal_published: 2,
      loyalty_published: 2 / 3,
    });
  });

  it('joins several terms, both ends included, and excludes MG only within them', () => {
    // Held S1–S4 and S6 (5), not S5. S3: MG within a term, excluded → eligible 4.
    // S5: MG outside the terms, neither held nor excluded. Cast S1, S4, S6 → 3 ÷ 4.
    // Solemn: S2, S4 held, S4 cast → 1 ÷ 2. Loyalty: 3 cast, S6 against the group.
    expect(stats.get('PA3')).toEqual({
      acteur_uid: 'PA3',
      eligible: 4,
      cast: 3,
      delegated: 0,
      function_excluded: 1,
      participation: 0.75,
      eligible_solemn: 2,
      cast_solemn: 1,
      participation_solemn: 0.5,
      loyalty_base: 3,
      loyal: 2,
      loyalty: 2 / 3,
      rebellions: 1,
      loyalty_base_published: 3,
      loyal_published: 2,
      loyalty_published: 2 / 3,
    });
  });

  it('leaves out the scrutins a deputy presided (PSE), solemn ones included', () => {
    // Held 6, PSE in S2 (SPS) and S3 → eligible 4; cast S1, S4, S6 → 3 ÷ 4.
    // Solemn: S2, S4 held, S2 excluded → 1; S4 cast → 1 ÷ 1. Loyalty 3 ÷ 3.
    expect(stats.get('PA4')).toEqual({
      acteur_uid: 'PA4',
      eligible: 4,
      cast: 3,
      delegated: 0,
      function_excluded: 2,
      participation: 0.75,
      eligible_solemn: 1,
      cast_solemn: 1,
      participation_solemn: 1,
      loyalty_base: 3,
      loyal: 3,
      loyalty: 1,
      rebellions: 0,
      loyalty_base_published: 3,
      loyal_published: 3,
      loyalty_published: 1,
    });
  });

  it('gives a deputy without votes 0 participation and no loyalty', () => {
    expect(stats.get('PA6')).toMatchObject({
      eligible: 6,
      cast: 0,
      participation: 0,
      eligible_solemn: 2,
      participation_solemn: 0,
      loyalty_base: 0,
      loyalty: null,
      rebellions: 0,
    });
  });

  it('gives the president of the Assembly (PAN everywhere) no rate at all', () => {
    expect(stats.get('PA7')).toEqual({
      acteur_uid: 'PA7',
      eligible: 0,
      cast: 0,
      delegated: 0,
      function_excluded: 6,
      participation: null,
      eligible_solemn: 0,
      cast_solemn: 0,
      participation_solemn: null,
      loyalty_base: 0,
      loyal: 0,
      loyalty: null,
      rebellions: 0,
      loyalty_base_published: 0,
      loyal_published: 0,
      loyalty_published: null,
    });
  });

  it('bases participation on the term, loyalty on every vote cast', () => {
    // Held S3–S6 (4); cast within: S3 → 1 ÷ 4. Loyalty over S1 (rebel) and S3 → 1 ÷ 2.
    expect(stats.get('PA8')).toMatchObject({
      eligible: 4,
      cast: 1,
      participation: 0.25,
      loyalty_base: 2,
      loyal: 1,
      loyalty: 0.5,
      rebellions: 1,
    });
  });
});
