import { describe, expect, it } from 'vitest';
import {
  acteurIndex,
  activitiesKey,
  declarantsOf,
  hatvpPathKey,
  linkDeclarant,
  versions,
  type DeclarationFacts,
} from '../../../scrapers/hatvp/derive.ts';

const row = (over: Partial<DeclarationFacts>): DeclarationFacts => ({
  id: 'x',
  declarant_key: 'k',
  civility: 'Mme',
  first_name: 'Alice',
  last_name: 'DUPRÉ',
  mandate_type: 'depute',
  family: 'interets',
  departement: '33',
  deposited_on: '2024-07-20',
  number: 1,
  hatvp_path: null,
  origin_id: null,
  parsed: 1,
  ...over,
});

const acteurs = acteurIndex([
  {
    uid: 'PA1',
    hatvp_url: 'https://www.hatvp.fr/pages_nominatives/dupre-alice/',
    name_key: 'alice dupre',
    departement_code: '33',
  },
  { uid: 'PA2', hatvp_url: null, name_key: 'jean martin', departement_code: '75' },
  { uid: 'PA3', hatvp_url: null, name_key: 'jean martin', departement_code: '75' },
  { uid: 'PA4', hatvp_url: null, name_key: 'eric lefevre', departement_code: '2A' },
  { uid: 'PA5', hatvp_url: null, name_key: 'andre ancien', departement_code: null },
]);

const link = (rows: Partial<DeclarationFacts>[]) =>
  linkDeclarant(declarantsOf(rows.map((r) => row(r)))[0]!, acteurs);

describe('linking declarants to acteurs', () => {
  it('uses id_origine first, as the AN number without PA', () => {
    expect(link([{ origin_id: '4', hatvp_path: '/pages_nominatives/dupre-alice' }])).toEqual({
      acteur_uid: 'PA4',
      method: 'id_origine',
      reason: null,
    });
  });

  it("then url_dossier against the acteur's uri_hatvp, whatever the host, case or final slash", () => {
    expect(link([{ origin_id: '404', hatvp_path: '/pages_nominatives/Dupre-Alice' }])).toEqual({
      acteur_uid: 'PA1',
      method: 'url_dossier',
      reason: null,
    });
    expect(hatvpPathKey('https://hatvp.fr/pages_nominatives/x/?a=1')).toBe('/pages_nominatives/x');
  });

  it('then the folded name with a département, for deputies only', () => {
    expect(link([{ first_name: 'Éric', last_name: 'LEFÈVRE', departement: '2A' }])).toEqual({
      acteur_uid: 'PA4',
      method: 'nom_departement',
      reason: null,
    });
    expect(
      link([
        { first_name: 'Éric', last_name: 'LEFÈVRE', departement: '2A', mandate_type: 'commune' },
      ]),
    ).toEqual({
      acteur_uid: null,
      method: null,
      reason: null,
    });
  });

  it('says why a deputy declarant stays unlinked', () => {
    expect(
      link([{ first_name: 'Jean', last_name: 'MARTIN', departement: '75', origin_id: '999' }])
        .reason,
    ).toBe(
      'identifiant AN 999 absent du référentiel ; aucune page HATVP ; 2 députés homonymes dans le département',
    );
    expect(
      link([{ first_name: 'Jean', last_name: 'MARTIN', departement: '13', hatvp_path: '/x' }])
        .reason,
    ).toBe(
      'aucun identifiant AN ; page HATVP inconnue du référentiel ; homonyme sans département correspondant (13)',
    );
    // An acteur without a known département cannot confirm a name.
    expect(
      link([{ first_name: 'André', last_name: 'ANCIEN', departement: '63' }]).acteur_uid,
    ).toBeNull();
    expect(link([{ first_name: 'Zoé', last_name: 'PERSONNE' }]).reason).toMatch(
      /aucun député de ce nom$/,
    );
  });

  it("links a person's other declarations through their HATVP key", () => {
    const [alice] = declarantsOf([
      row({ id: 'a', mandate_type: 'commune', departement: '33', deposited_on: '2020-09-01' }),
      row({
        id: 'b',
        origin_id: '1',
        deposited_on: '2024-07-20',
        first_name: 'Alice',
        last_name: 'DUPRÉ-NOUVEAU',
      }),
    ]);
    expect(alice).toMatchObject({
      is_deputy: true,
      declarations: 2,
      origin_ids: ['1'],
      last_name: 'DUPRÉ-NOUVEAU',
      name_key: 'alice dupre nouveau',
    });
  });
});

describe('versions', () => {
  it('makes the latest parsed declaration of a series current, each one superseded by the next', () => {
    const v = versions([
      row({ id: 'dia', number: 10, deposited_on: '2024-07-20' }),
      row({ id: 'diam', number: 12, deposited_on: '2025-01-15' }),
      row({ id: 'commune', mandate_type: 'commune', deposited_on: '2020-09-01' }),
      row({ id: 'dsp', family: 'patrimoine', parsed: 0 }),
    ]);
    expect(Object.fromEntries(v)).toEqual({
      dia: { current: false, superseded_by: 'diam' },
      diam: { current: true, superseded_by: null },
      commune: { current: true, superseded_by: null },
      dsp: { current: false, superseded_by: null },
    });
  });

  it('keeps the earlier version current while the later one cannot be read', () => {
    const v = versions([
      row({ id: 'dia', number: 10 }),
      row({ id: 'diam', number: 12, deposited_on: null, parsed: 0 }),
    ]);
    expect(v.get('dia')).toEqual({ current: true, superseded_by: 'diam' });
    expect(v.get('diam')).toEqual({ current: false, superseded_by: null });
  });

  it('orders a same-day deposit by declaration number', () => {
    const v = versions([row({ id: 'b', number: 31323 }), row({ id: 'a', number: 31320 })]);
    expect(v.get('b')?.current).toBe(true);
    expect(v.get('a')?.superseded_by).toBe('b');
  });
});

describe('activitiesKey', () => {
  it('keeps one gender-neutral key per declared activity', () => {
    // The same keys as the AN professions: professionKey('Journaliste') is 'journalist'.
    expect(activitiesKey(['Avocate', 'AVOCAT', null, 'Journaliste'])).toBe('avocat | journalist');
    expect(activitiesKey([null])).toBeNull();
  });
});
