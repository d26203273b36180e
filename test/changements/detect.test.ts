// The pure comparisons behind the change log, on hand-written records.
import { describe, expect, it } from 'vitest';
import {
  deputyChanges,
  deputySnapshot,
  type SnapshotActeur,
  type SnapshotAdresse,
  type SnapshotMandat,
} from '../../scrapers/assemblee/changes.ts';
import { declarationChanges, type DeclarationFacts } from '../../scrapers/hatvp/changes.ts';
import { normSet, normText, type ChangeContext } from '../../scrapers/lib/changes.ts';
import { scrutinChanges, type ScrutinFacts } from '../../scrapers/votes/changes.ts';

const ctx: ChangeContext = {
  runId: 7,
  source: 'an',
  sourceUrl: 'https://example.org/amo40.zip',
  detectedAt: '2025-11-21T10:00:00.000Z',
};

const acteur: SnapshotActeur = {
  uid: 'PA1',
  first_name: 'Anne',
  last_name: 'Durand',
  in_office: 1,
  group_uid: 'PO10',
  party_uid: 'PO20',
  profession_raw: 'Avocate',
  departement_code: '33',
  circo_number: 2,
  mandate_end: null,
};
const mandats: SnapshotMandat[] = [
  {
    acteur_uid: 'PA1',
    organe_uid: 'PO30',
    organe_type: 'COMPER',
    end_date: null,
    role_label: 'Membre',
  },
  {
    acteur_uid: 'PA1',
    organe_uid: 'PO31',
    organe_type: 'CNPE',
    end_date: null,
    role_label: 'Vice-présidente',
  },
  // Not a role: a friendship group, and a closed committee mandate.
  {
    acteur_uid: 'PA1',
    organe_uid: 'PO40',
    organe_type: 'GA',
    end_date: null,
    role_label: 'Membre',
  },
  {
    acteur_uid: 'PA1',
    organe_uid: 'PO32',
    organe_type: 'COMPER',
    end_date: '2024-10-01',
    role_label: 'Membre',
  },
];
const adresses: SnapshotAdresse[] = [
  {
    acteur_uid: 'PA1',
    type_label: 'Mèl',
    kind: 'mail',
    title: null,
    street: null,
    postcode: null,
    city: null,
    value: 'anne@an.fr',
  },
  {
    acteur_uid: 'PA1',
    type_label: 'Mèl',
    kind: 'mail',
    title: null,
    street: null,
    postcode: null,
    city: null,
    value: 'a.durand@example.org',
  },
  {
    acteur_uid: 'PA1',
    type_label: 'Adresse officielle',
    kind: 'postale',
    title: 'Assemblée nationale',
    street: '126 rue de l’Université',
    postcode: '75355',
    city: 'Paris 07 SP',
    value: null,
  },
];
const names = new Map([
  ['PO10', { label: 'Groupe des Rivières', abbreviation: 'RIV' }],
  ['PO11', { label: 'Groupe des Collines', abbreviation: 'COL' }],
  ['PO20', { label: 'Parti des Plaines', abbreviation: 'PDP' }],
  ['PO30', { label: 'Commission des lois', abbreviation: null }],
  ['PO31', { label: 'Commission d’enquête sur les ponts', abbreviation: null }],
]);

const snap = (a: Partial<SnapshotActeur> = {}, m = mandats, ad = adresses) =>
  deputySnapshot({ ...acteur, ...a }, m, ad);
const diff = (
  before: ReturnType<typeof snap> | undefined,
  after: ReturnType<typeof snap> | undefined,
) =>
  deputyChanges(ctx, before, after, names).map((e) => [e.kind, e.field, e.old_value, e.new_value]);

describe('value normalisation', () => {
  it('collapses whitespace and treats empty, null and missing alike', () => {
    expect(normText('  Cadre\u00a0 de la\tfonction  publique ')).toBe(
      'Cadre de la fonction publique',
    );
    expect([normText(''), normText('   '), normText(null), normText(undefined)]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(normText(12)).toBe('12');
    expect(normSet(['b ', 'a', null, 'b', ''])).toEqual(['a', 'b']);
  });
});

describe('deputy changes', () => {
  it('finds nothing when only order, whitespace or null-versus-empty differ', () => {
    const reordered = deputySnapshot(
      { ...acteur, profession_raw: '  Avocate ' },
      [...mandats].reverse().concat([mandats[0]!]), // a duplicated mandate counts once
      [...adresses]
        .reverse()
        .map((a) => ({ ...a, value: a.value ? ` ${a.value} ` : a.value, title: a.title ?? '' })),
    );
    expect(diff(snap(), reordered)).toEqual([]);
    expect(diff(snap({ profession_raw: null }), snap({ profession_raw: ' ' }))).toEqual([]);
  });

  it('names each changed field with readable old and new values', () => {
    const after = snap(
      {
        group_uid: 'PO11',
        party_uid: null,
        profession_raw: 'Notaire',
        last_name: 'Durand-Petit',
        circo_number: 3,
      },
      [
        { ...mandats[0]!, role_label: 'Présidente' },
        {
          acteur_uid: 'PA1',
          organe_uid: 'PO33',
          organe_type: 'DELEG',
          end_date: null,
          role_label: 'Membre',
        },
      ],
      [adresses[0]!, adresses[2]!],
    );
    expect(diff(snap(), after)).toEqual([
      ['group_change', 'groupe', 'RIV', 'COL'],
      ['party_change', 'parti', 'PDP', null],
      ['role_change', 'fonction', 'Membre', 'Présidente'],
      ['role_change', 'fonction', 'Vice-présidente', null],
      ['role_change', 'fonction', null, 'Membre'],
      ['profession_change', 'profession', 'Avocate', 'Notaire'],
      ['contact_change', 'Mèl', 'a.durand@example.org | anne@an.fr', 'anne@an.fr'],
      ['name_change', 'nom', 'Anne Durand', 'Anne Durand-Petit'],
      ['seat_change', 'circonscription', '33-2', '33-3'],
    ]);
    const [group] = deputyChanges(ctx, snap(), after, names);
    expect(group).toMatchObject({
      run_id: 7,
      source: 'an',
      source_url: 'https://example.org/amo40.zip',
      detected_at: '2025-11-21T10:00:00.000Z',
      entity_type: 'depute',
      entity_id: 'PA1',
      entity_label: 'Anne Durand-Petit',
      group_uid: 'PO11',
      detail: 'Groupe des Rivières (PO10) → Groupe des Collines (PO11)',
    });
  });

  it('records arrivals and departures', () => {
    const left = snap({ in_office: 0, mandate_end: '2025-10-01' });
    expect(diff(snap(), left)).toEqual([['left_office', 'en_exercice', 'oui', 'non']]);
    expect(deputyChanges(ctx, snap(), left, names)[0]!.detail).toBe('Fin du mandat le 2025-10-01');
    expect(diff(left, snap())).toEqual([['took_office', 'en_exercice', 'non', 'oui']]);
    expect(diff(undefined, snap())).toEqual([['took_office', 'en_exercice', null, 'oui']]);
    expect(diff(undefined, left)).toEqual([['new_acteur', 'en_exercice', null, 'non']]);
    expect(diff(snap(), undefined)).toEqual([['left_office', 'en_exercice', 'oui', 'non']]);
    expect(diff(left, undefined)).toEqual([['acteur_removed', null, 'Anne Durand', null]]);
    // An unknown organ is shown by its uid.
    expect(diff(snap(), snap({ group_uid: 'PO99' }))).toEqual([
      ['group_change', 'groupe', 'RIV', 'PO99'],
    ]);
  });
});

describe('scrutin changes', () => {
  const s = (n: number, extra: Partial<ScrutinFacts> = {}): ScrutinFacts => ({
    uid: `VTANR5L17V${n}`,
    number: n,
    title: `le texte ${n}`,
    result_code: 'adopté',
    for_count: 10,
    against_count: 5,
    abstention_count: 1,
    non_voting_count: 0,
    type_code: 'SPO',
    date: '2025-01-01',
    ...extra,
  });
  const map = (list: ScrutinFacts[]) => new Map(list.map((x) => [x.uid, x]));
  const votes = { ...ctx, source: 'votes' };

  it('records one initial import, then one event per new scrutin and per changed fact', () => {
    expect(
      scrutinChanges(votes, map([]), map([s(1), s(2)])).map((e) => [e.kind, e.new_value]),
    ).toEqual([['initial_import', '2']]);
    expect(scrutinChanges(votes, map([]), map([]))).toEqual([]);
    const events = scrutinChanges(
      votes,
      map([s(1), s(2)]),
      map([s(1, { title: '  le texte 1 ' }), s(2, { result_code: 'rejeté', for_count: 4 }), s(3)]),
    );
    expect(events.map((e) => [e.entity_id, e.kind, e.field, e.old_value, e.new_value])).toEqual([
      ['VTANR5L17V2', 'scrutin_changed', 'résultat', 'adopté', 'rejeté'],
      ['VTANR5L17V2', 'scrutin_changed', 'pour', '10', '4'],
      ['VTANR5L17V3', 'new_scrutin', 'résultat', null, 'adopté'],
    ]);
    expect(events[2]!.entity_label).toBe('Scrutin n° 3 : le texte 3');
  });
});

describe('declaration changes', () => {
  const d = (id: string, key: string, extra: Partial<DeclarationFacts> = {}): DeclarationFacts => ({
    id,
    declarant_key: key,
    first_name: 'Anne',
    last_name: 'Durand',
    mandate_type: 'depute',
    family: 'interets',
    document_type: 'dia',
    deposited_on: '2024-09-01',
    group_uid: 'PO10',
    ...extra,
  });
  const hatvp = { ...ctx, source: 'hatvp' };

  it('tells a new declaration from a new version of a series', () => {
    expect(declarationChanges(hatvp, [], [d('a', 'k1')]).map((e) => e.kind)).toEqual([
      'initial_import',
    ]);
    const before = [d('a', 'k1')];
    const after = [
      d('a', 'k1'),
      d('b', 'k1', { document_type: 'diam' }),
      d('c', 'k1', { family: 'patrimoine', document_type: 'dsp' }),
      d('d', 'k2', { first_name: 'Paul', group_uid: null }),
    ];
    expect(
      declarationChanges(hatvp, before, after).map((e) => [
        e.entity_id,
        e.kind,
        e.new_value,
        e.group_uid,
      ]),
    ).toEqual([
      ['b', 'new_declaration_version', 'DIAM', 'PO10'],
      ['c', 'new_declaration', 'DSP', 'PO10'],
      ['d', 'new_declaration', 'DIA', null],
    ]);
    expect(declarationChanges(hatvp, before, before)).toEqual([]);
  });
});
