// Unit tests of the pure Assemblée nationale parsers on the hand-written AMO40 fixtures in
// test/fixtures/an/ (same format and quirks as the real files, invented people and organs).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ShapeError,
  asList,
  date,
  int,
  obj,
  optObj,
  requiredText,
  text,
} from '../../../scrapers/lib/an-json.ts';
import { deriveActeur } from '../../../scrapers/assemblee/derive.ts';
import {
  FileError,
  htmlToText,
  parseActeur,
  parseDeport,
  parseOrgane,
  parsePays,
  parseReferential,
  type ParsedActeur,
} from '../../../scrapers/assemblee/parse.ts';
import { professionKey, professionLabel } from '../../../domain/professions.ts';
import { editedActeur, readFixtureFiles, readJsonFixture } from '../../helpers/an-zip.ts';
import { AN_FIXTURES } from '../../helpers/paths.ts';
import { groupHistory } from '../../../domain/mandates.ts';

const acteur = (uid: string): ParsedActeur =>
  parseActeur(readJsonFixture(`amo40/acteur/${uid}.json`));
const NIL = { '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', '@xsi:nil': 'true' };
const bytes = (value: string) => new TextEncoder().encode(value);

/** The error `fn` throws (fails the test when it does not throw). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('an-json readers', () => {
  it('reads a list whatever its encoding', () => {
    expect(asList(null)).toEqual([]);
    expect(asList(undefined)).toEqual([]);
    expect(asList(NIL)).toEqual([]);
    expect(asList({ uid: 'PM1' })).toEqual([{ uid: 'PM1' }]);
    expect(asList([{ uid: 'PM1' }, null, NIL, { uid: 'PM2' }])).toEqual([
      { uid: 'PM1' },
      { uid: 'PM2' },
    ]);
    expect(asList([])).toEqual([]);
  });

  it('reads text values: #text ids, nil objects, numbers as strings, blanks', () => {
    expect(text({ '@xsi:type': 'IdActeur_type', '#text': 'PA900001' }, 'uid')).toBe('PA900001');
    expect(text(NIL, 'x')).toBeNull();
    expect(text(null, 'x')).toBeNull();
    expect(text(undefined, 'x')).toBeNull();
    expect(text('  Quimper ', 'x')).toBe('Quimper');
    expect(text('   ', 'x')).toBeNull();
    expect(text(17, 'x')).toBe('17');
    const error = thrown(() => text({ libelle: 'Texte' }, 'deport.cible'));
    expect(error).toBeInstanceOf(ShapeError);
    expect((error as ShapeError).path).toBe('deport.cible');
    expect(error.message).toBe('deport.cible: expected a text value, got an object');
  });

  it('reads integers and dates written as text', () => {
    expect(int('17', 'legislature')).toBe(17);
    expect(int('-3', 'x')).toBe(-3);
    expect(int(NIL, 'x')).toBeNull();
    expect(thrown(() => int('17e', 'mandat.legislature')).message).toBe(
      'mandat.legislature: expected an integer, got "17e"',
    );
    expect(date('2025-02-03T10:12:45.118211+00:00', 'd')).toBe('2025-02-03');
    expect(date('2024-07-07', 'd')).toBe('2024-07-07');
    expect(date(NIL, 'd')).toBeNull();
    expect(thrown(() => date('03/02/2025', 'deport.dateCreation')).message).toBe(
      'deport.dateCreation: expected a date, got "03/02/2025"',
    );
  });

  it('refuses integers out of range and dates that are no day of the calendar', () => {
    expect(int('0', 'organe.numero', 0)).toBe(0);
    expect(thrown(() => int('-1', 'organe.numero', 0)).message).toBe(
      'organe.numero: expected an integer of at least 0, got "-1"',
    );
    // 10^23 has no exact double: it would be stored as another number.
    expect(thrown(() => int('99999999999999999999999', 'x'))).toBeInstanceOf(ShapeError);
    expect(int('9007199254740991', 'x')).toBe(2 ** 53 - 1);
    expect(thrown(() => int('9007199254740993', 'x'))).toBeInstanceOf(ShapeError);
    expect(date('2024-02-29', 'd')).toBe('2024-02-29');
    for (const bad of ['2024-13-45', '2025-02-29', '2024-04-31T10:00:00+02:00', '2024-00-10']) {
      const error = thrown(() => date(bad, 'infoNaissance.dateNais'));
      expect((error as ShapeError).path).toBe('infoNaissance.dateNais');
      expect(error.message).toContain(bad);
    }
  });

  it('requires objects and values where the format has them, naming the path', () => {
    expect(obj({ a: 1 }, 'x')).toEqual({ a: 1 });
    expect(optObj(NIL, 'x')).toBeNull();
    expect(optObj(null, 'x')).toBeNull();
    expect(thrown(() => obj('PO900101', 'm.organes')).message).toBe(
      'm.organes: expected an object, got string "PO900101"',
    );
    expect(thrown(() => obj([], 'm.organes')).message).toBe(
      'm.organes: expected an object, got a list',
    );
    expect(thrown(() => obj(undefined, 'acteur.etatCivil')).message).toBe(
      'acteur.etatCivil: expected an object, got nothing (field absent)',
    );
    expect(thrown(() => requiredText(NIL, 'acteur.uid')).message).toBe('acteur.uid: missing value');
  });
});

describe('parseActeur', () => {
  it('reads identity, profession, addresses and mandates, with #text ids and numbers as strings', () => {
    const a = acteur('PA900001');
    expect(a).toMatchObject({
      uid: 'PA900001',
      civility: 'Mme',
      sex: 'F',
      first_name: 'Camille',
      last_name: 'Durand-Vasseur',
      sort_name: 'Durand-VasseurC',
      name_key: 'camille durand vasseur',
      birth_date: '1979-03-14',
      birth_place: 'Quimper',
      birth_departement: 'Finistère',
      birth_country: 'France',
      death_date: null,
      profession_raw: 'Avocate',
      profession_label: 'Avocate',
      profession_key: 'avocat',
      insee_category: 'Professions libérales',
      insee_family: 'Cadres et professions intellectuelles supérieures',
      hatvp_url: 'https://www.hatvp.fr/pages_nominatives/durand-vasseur-camille',
    });
    expect(a.adresses.map((x) => [x.uid, x.kind, x.type_code, x.weight])).toEqual([
      ['AD900011', 'postale', 0, 1],
      ['AD900012', 'mail', 15, null],
    ]);
    expect(a.adresses[0]).toMatchObject({
      acteur_uid: 'PA900001',
      street: "126 Rue de l'Université,",
      postcode: '75355',
      city: 'Paris 07 SP',
      value: null,
    });
    expect(a.mandats.map((m) => [m.uid, m.organe_type, m.organe_uid, m.legislature])).toEqual([
      ['PM900011', 'ASSEMBLEE', 'PO900001', 17],
      ['PM900012', 'GP', 'PO900101', 17],
      ['PM900013', 'PARPOL', 'PO900201', null],
      ['PM900014', 'COMPER', 'PO900301', 17],
    ]);
    expect(a.mandats[0]).toEqual({
      uid: 'PM900011',
      acteur_uid: 'PA900001',
      organe_uid: 'PO900001',
      organe_type: 'ASSEMBLEE',
      legislature: 17,
      start_date: '2024-07-07',
      end_date: null,
      role_code: 'membre',
      role_label: 'membre',
      principal: 1,
      precedence: 50,
      departement_code: '29',
      departement_name: 'Finistère',
      region: 'Bretagne',
      circo_number: 3,
      circo_uid: 'PO900903',
      election_cause: 'élections générales',
      took_office_date: '2024-07-08',
      end_cause: null,
      seat: '212',
    });
    // The gendered role label is preferred.
    expect(a.mandats[3]).toMatchObject({ role_label: 'Vice-présidente', principal: 0 });
  });

  it('takes the sex from the civility', () => {
    expect(acteur('PA900001').sex).toBe('F');
    expect(acteur('PA900002').sex).toBe('M');
    expect(acteur('PA900005').sex).toBe('F');
    expect(acteur('PA900006').sex).toBe('M');
  });

  it('reads a one-item list given as an object, and nil values', () => {
    const a = acteur('PA900002');
    expect(a.hatvp_url).toBeNull(); // {"@xsi:nil": "true"}
    expect(a.death_date).toBeNull(); // null
    expect(a.adresses).toHaveLength(1); // "adresse": { … }
    expect(a.adresses[0]).toMatchObject({
      uid: 'AD900021',
      kind: 'postale',
      street: '4 Place de la Liberté, Bâtiment B',
      postcode: '39000',
    });

    const roux = acteur('PA900006'); // "mandat": { … }, "adresses": null
    expect(roux.mandats).toHaveLength(1);
    expect(roux.mandats[0]).toMatchObject({
      uid: 'PM900061',
      organe_type: 'ASSEMBLEE',
      departement_code: '2B',
      circo_number: 1,
      took_office_date: null,
      seat: null,
      election_cause: 'élection partielle',
    });
    expect(roux.adresses).toEqual([]);
    expect(roux.name_key).toBe('jean noel roux');
  });

  it('reads an organeRef given as a one-item list', () => {
    const comper = acteur('PA900003').mandats.find((m) => m.uid === 'PM900034');
    expect(comper?.organe_uid).toBe('PO900301');
  });

  it('reads an acteur without mandats and with nil birth and INSEE fields', () => {
    const a = acteur('PA900005');
    expect(a.mandats).toEqual([]);
    expect(a).toMatchObject({
      uid: 'PA900005',
      birth_date: '1957-09-09',
      birth_place: null,
      birth_departement: null,
      birth_country: null,
      insee_category: null,
      insee_family: null,
      hatvp_url: null,
      name_key: 'helene lefevre',
    });
    expect(a.adresses.map((x) => [x.kind, x.value])).toEqual([['site', 'helene-lefevre.example']]);
    expect(acteur('PA900003').birth_departement).toBeNull();
  });
});

describe('professions', () => {
  it('drops the INSEE code prefix from the label', () => {
    expect(professionLabel('(33) - Cadre de la fonction publique')).toBe(
      'Cadre de la fonction publique',
    );
    expect(professionLabel('Avocat')).toBe('Avocat');
    expect(professionLabel('  Ancienne avocate /  Ancien cadre ')).toBe(
      'Ancienne avocate / Ancien cadre',
    );
    expect(professionLabel(null)).toBeNull();
    expect(professionLabel('(31) - ')).toBeNull();
    expect(acteur('PA900002').profession_label).toBe('Cadre de la fonction publique');
    expect(acteur('PA900002').profession_raw).toBe('(33) - Cadre de la fonction publique');
  });

  it('gives every gender, case and prefix of one profession the same key', () => {
    const forms = ['Avocat', 'Avocate', 'AVOCAT', 'avocat', '(31) - Avocate', 'Avocats'];
    expect(new Set(forms.map(professionKey))).toEqual(new Set(['avocat']));
    expect(professionKey('(33) - Cadre de la fonction publique')).toBe(
      professionKey('Cadre de la fonction publique'),
    );
    expect(professionKey('Professeure des écoles')).toBe(professionKey('Professeur des écoles'));
    expect(professionKey(null)).toBeNull();
    // Fixtures: Avocate (PA900001), AVOCAT (PA900003), Avocat (PA900004).
    expect(acteur('PA900001').profession_key).toBe('avocat');
    expect(acteur('PA900003').profession_key).toBe('avocat');
    expect(acteur('PA900004').profession_key).toBe('avocat');
    expect(acteur('PA900002').profession_key).toBe(acteur('PA900006').profession_key);
  });

  it('keeps a former profession findable by a word match on the key', () => {
    const key = acteur('PA900005').profession_key;
    expect(acteur('PA900005').profession_label).toBe('Ancienne avocate / Ancien cadre');
    expect(key).toBe(professionKey('Ancien avocat / Ancienne cadre'));
    expect(key?.split(' ')).toContain('avocat');
    expect(key?.startsWith('avocat')).toBe(false);
  });
});

describe('deriveActeur and groupHistory', () => {
  it('derives seat, group and party of a deputy in office', () => {
    expect(deriveActeur(acteur('PA900001'), 17)).toEqual({
      in_office: 1,
      group_uid: 'PO900101',
      party_uid: 'PO900201',
      departement_code: '29',
      departement_name: 'Finistère',
      circo_number: 3,
      circo_uid: 'PO900903',
      mandate_start: '2024-07-08',
      mandate_end: null,
    });
  });

  it('counts a duplicated open mandate of the same group once', () => {
    const martin = acteur('PA900002');
    const gp = martin.mandats.filter((m) => m.organe_type === 'GP' && m.end_date === null);
    expect(gp.map((m) => m.organe_uid)).toEqual(['PO900102', 'PO900102']);
    expect(deriveActeur(martin, 17)).toMatchObject({ in_office: 1, group_uid: 'PO900102' });
    const history = groupHistory(martin.mandats);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      organe_uid: 'PO900102',
      start_date: '2024-07-19',
      end_date: null,
    });
  });

  it('merges a role in a group with the overlapping membership, keeps separate stints apart', () => {
    const gp = (uid: string, organe: string, start: string, end: string | null) => ({
      uid,
      organe_uid: organe,
      organe_type: 'GP',
      start_date: start,
      end_date: end,
    });
    const history = groupHistory([
      gp('PM3', 'PO1', '2025-04-01', null), // became president of the group it already belonged to
      gp('PM1', 'PO1', '2024-07-19', '2024-10-01'),
      gp('PM2', 'PO1', '2024-09-01', null),
      gp('PM4', 'PO2', '2023-01-01', '2024-06-09'),
    ]);
    expect(history.map((m) => [m.organe_uid, m.start_date, m.end_date])).toEqual([
      ['PO2', '2023-01-01', '2024-06-09'],
      ['PO1', '2024-07-19', null],
    ]);
  });

  it('takes the later of two different open group mandates', () => {
    const petit = acteur('PA900003');
    expect(deriveActeur(petit, 17)).toMatchObject({ in_office: 1, group_uid: 'PO900102' });
    expect(groupHistory(petit.mandats).map((m) => [m.organe_uid, m.start_date])).toEqual([
      ['PO900101', '2024-07-19'],
      ['PO900102', '2025-03-01'],
    ]);
  });

  it('keeps the group a former deputy belonged to when their mandate ended', () => {
    // Groups: PO900100 (16th legislature), PO900102 until 2024-11-30, PO900101 until departure.
    expect(deriveActeur(acteur('PA900004'), 17)).toEqual({
      in_office: 0,
      group_uid: 'PO900101',
      party_uid: null,
      departement_code: '37',
      departement_name: 'Indre-et-Loire',
      circo_number: 2,
      circo_uid: 'PO900902',
      mandate_start: '2024-07-08',
      mandate_end: '2025-02-14',
    });
    expect(groupHistory(acteur('PA900004').mandats).map((m) => m.organe_uid)).toEqual([
      'PO900100',
      'PO900102',
      'PO900101',
    ]);
    // Left office but the group mandate was never closed in the file.
    expect(deriveActeur(acteur('PA900007'), 17)).toMatchObject({
      in_office: 0,
      group_uid: 'PO900103',
      mandate_end: '2025-06-30',
    });
  });

  it('derives nothing for an acteur without mandates', () => {
    expect(deriveActeur(acteur('PA900005'), 17)).toEqual({
      in_office: 0,
      group_uid: null,
      party_uid: null,
      departement_code: null,
      departement_name: null,
      circo_number: null,
      circo_uid: null,
      mandate_start: null,
      mandate_end: null,
    });
    expect(groupHistory(acteur('PA900005').mandats)).toEqual([]);
  });

  it('falls back to the start date without a date of taking office, and allows no group', () => {
    expect(deriveActeur(acteur('PA900006'), 17)).toMatchObject({
      in_office: 1,
      group_uid: null,
      mandate_start: '2025-09-21',
      departement_code: '2B',
    });
  });

  it('is in office only for the legislature asked', () => {
    expect(deriveActeur(acteur('PA900001'), 16)).toMatchObject({
      in_office: 0,
      group_uid: null,
      departement_code: null,
    });
  });
});

describe('parseOrgane, parseDeport, parsePays', () => {
  it('reads organs with nil dates and string numbers', () => {
    expect(parseOrgane(readJsonFixture('amo40/organe/PO900102.json'))).toEqual({
      uid: 'PO900102',
      code_type: 'GP',
      label: 'Union des Collines',
      short_label: 'COL',
      abbreviation: 'COL',
      start_date: '2024-07-18',
      end_date: null,
      legislature: 17,
      color: '#E3A33B',
      parent_uid: null,
      departement_code: null,
      departement_name: null,
      region: null,
      number: null,
    });
    expect(parseOrgane(readJsonFixture('amo40/organe/PO900201.json'))).toMatchObject({
      code_type: 'PARPOL',
      legislature: null,
      start_date: null,
      abbreviation: 'PDP',
    });
    expect(parseOrgane(readJsonFixture('amo40/organe/PO900901.json'))).toMatchObject({
      code_type: 'CIRCONSCRIPTION',
      number: 1,
      departement_code: '39',
      departement_name: 'Jura',
      region: 'Bourgogne-Franche-Comté',
    });
  });

  it('turns a déport explanation from HTML into text', () => {
    expect(parseDeport(readJsonFixture('amo40/deport/DPTR5L17PA900001D0001.json'))).toEqual({
      uid: 'DPTR5L17PA900001D0001',
      acteur_uid: 'PA900001',
      legislature: 17,
      created_at: '2025-02-03',
      published_at: '2025-02-03',
      scope: 'Être absent pour la totalité du processus législatif concerné',
      instance: 'Commission',
      target_type: 'Texte',
      target_text: 'Proposition de loi relative à la protection des rivières',
      explanation:
        "L'association dont je suis adhérente est partie à un litige. Je ne participerai pas " +
        "à l'examen du texte « Rivières ».\n" +
        'État au 1er février : article n° 3 & suivants, l’avis de la commission.',
    });
  });

  it('decodes entities and drops tags in any HTML explanation', () => {
    expect(htmlToText('<p>Je me d&eacute;porte</p><p>&#xE0; compter d&rsquo;ici</p>')).toBe(
      'Je me déporte\nà compter d’ici',
    );
    expect(htmlToText('a<br/>b<br>c')).toBe('a\nb\nc');
    expect(htmlToText('&Ccedil;a &amp; l&agrave; &unknown;')).toBe('Ça & là &unknown;');
    expect(htmlToText('<p>&nbsp;</p>')).toBeNull();
    expect(htmlToText(null)).toBeNull();
  });

  it('reads countries, falling back to the common name', () => {
    expect(parsePays(readJsonFixture('amo40/pays/GOP900001.json'))).toEqual({
      uid: 'GOP900001',
      insee_code: '99101',
      name: 'DANEMARK',
      official_name: 'ROYAUME DU DANEMARK',
      iso3: 'DNK',
    });
    expect(parsePays(readJsonFixture('amo40/pays/GOP900002.json'))).toEqual({
      uid: 'GOP900002',
      insee_code: null,
      name: 'TERRES LOINTAINES',
      official_name: null,
      iso3: null,
    });
  });
});

describe('parseReferential', () => {
  const brokenFile = (name: string): Uint8Array => {
    const content = readFixtureFiles(path.join(AN_FIXTURES, 'broken')).get(name);
    if (!content) throw new Error(`no fixture broken/${name}`);
    return content;
  };

  it('parses every file of the archive by folder, ignoring other entries', () => {
    const files = readFixtureFiles();
    files.set('LISEZMOI.txt', bytes('not json'));
    files.set('acteur/notes.xml', bytes('<x/>'));
    const referential = parseReferential(files);
    expect(referential.acteurs.map((a) => a.uid).sort()).toEqual([
      'PA900001',
      'PA900002',
      'PA900003',
      'PA900004',
      'PA900005',
      'PA900006',
      'PA900007',
    ]);
    expect(referential.organes).toHaveLength(8);
    expect(referential.deports).toHaveLength(1);
    expect(referential.pays).toHaveLength(2);
  });

  it.each([
    {
      fixture: 'PA900010-no-etatcivil.json',
      message:
        'acteur/PA900010.json: unexpected shape at acteur.etatCivil: expected an object, got nothing (field absent)',
    },
    {
      fixture: 'PA900011-etatcivil-string.json',
      message:
        'acteur/PA900011.json: unexpected shape at acteur.etatCivil: expected an object, got string "M. Paul Bernard"',
    },
    {
      fixture: 'PA900012-organes-string.json',
      message:
        'acteur/PA900012.json: unexpected shape at acteur.mandats.mandat[0].organes: expected an object, got string "PO900101"',
    },
  ])('names the file and the path of a shape error ($fixture)', ({ fixture, message }) => {
    const file = `acteur/${fixture.slice(0, 8)}.json`;
    const files = readFixtureFiles();
    files.set(file, brokenFile(fixture));
    const error = thrown(() => parseReferential(files));
    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).file).toBe(file);
    expect(error.message).toBe(message);
  });

  it('names the file of invalid JSON or invalid UTF-8', () => {
    const files = readFixtureFiles();
    files.set('acteur/PA900013.json', brokenFile('PA900013-truncated.txt'));
    const error = thrown(() => parseReferential(files));
    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).file).toBe('acteur/PA900013.json');
    expect(error.message).toMatch(/^acteur\/PA900013\.json: invalid JSON \(.+\)$/);

    const latin1 = readFixtureFiles();
    latin1.set('organe/PO900999.json', new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d])); // {"é"} in ISO-8859-1
    expect(thrown(() => parseReferential(latin1)).message).toMatch(
      /^organe\/PO900999\.json: invalid JSON/,
    );
  });

  it('refuses an archive without acteurs or organs', () => {
    const noActeur = new Map(
      [...readFixtureFiles()].filter(([name]) => !name.startsWith('acteur/')),
    );
    const error = thrown(() => parseReferential(noActeur));
    expect(error).toBeInstanceOf(FileError);
    expect(error.message).toBe('(archive): no acteur/*.json file');
    const noOrgane = new Map(
      [...readFixtureFiles()].filter(([name]) => !name.startsWith('organe/')),
    );
    expect(thrown(() => parseReferential(noOrgane)).message).toBe(
      '(archive): no organe/*.json file',
    );
  });

  it.each([
    {
      name: 'a birth date that is no day',
      edit: (a: Record<string, any>) => (a.etatCivil.infoNaissance.dateNais = '1979-02-30'),
      message: 'acteur/PA900001.json: unexpected shape at infoNaissance.dateNais: ',
    },
    {
      name: 'a mandate starting on a day that is no day',
      edit: (a: Record<string, any>) => (a.mandats.mandat[1].dateDebut = '2024-07-32'),
      message: 'acteur/PA900001.json: unexpected shape at acteur.mandats.mandat[1].dateDebut: ',
    },
    {
      name: 'a legislature 0',
      edit: (a: Record<string, any>) => (a.mandats.mandat[0].legislature = '0'),
      message: 'acteur/PA900001.json: unexpected shape at acteur.mandats.mandat[0].legislature: ',
    },
    {
      name: 'a negative circonscription number',
      edit: (a: Record<string, any>) => (a.mandats.mandat[0].election.lieu.numCirco = '-3'),
      message:
        'acteur/PA900001.json: unexpected shape at acteur.mandats.mandat[0].election.lieu.numCirco: ',
    },
    {
      name: 'a precedence beyond the integers',
      edit: (a: Record<string, any>) =>
        (a.mandats.mandat[0].preseance = '123456789012345678901234567890'),
      message: 'acteur/PA900001.json: unexpected shape at acteur.mandats.mandat[0].preseance: ',
    },
  ])('names the file of $name', ({ edit, message }) => {
    const files = readFixtureFiles();
    files.set('acteur/PA900001.json', bytes(editedActeur('PA900001', edit)));
    const error = thrown(() => parseReferential(files));
    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).file).toBe('acteur/PA900001.json');
    expect(error.message.startsWith(message)).toBe(true);
  });

  it('names both files of an acteur or an organ published twice', () => {
    const files = readFixtureFiles();
    files.set('acteur/PA900002-bis.json', files.get('acteur/PA900002.json')!);
    const error = thrown(() => parseReferential(files));
    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).file).toBe('acteur/PA900002-bis.json');
    expect(error.message).toBe(
      'acteur/PA900002-bis.json: acteur PA900002 already read from acteur/PA900002.json',
    );

    const organs = readFixtureFiles();
    organs.set('copie/organe/PO900101.json', organs.get('organe/PO900101.json')!);
    expect(thrown(() => parseReferential(organs)).message).toBe(
      'copie/organe/PO900101.json: organe PO900101 already read from organe/PO900101.json',
    );
  });

  it('throws a ShapeError with the path when a single file is parsed', () => {
    const error = thrown(() => parseActeur(readJsonFixture('broken/PA900012-organes-string.json')));
    expect(error).toBeInstanceOf(ShapeError);
    expect((error as ShapeError).path).toBe('acteur.mandats.mandat[0].organes');
    expect(thrown(() => parseActeur({ acteur: { uid: 'X1' } })).message).toBe(
      'acteur.uid: unexpected id "X1"',
    );
    expect(thrown(() => parseOrgane({ organe: null })).message).toBe(
      'organe: expected an object, got null',
    );
    expect(thrown(() => parseOrgane({ organe: { uid: 'PO1', codeType: 'GP' } })).message).toBe(
      'organe.libelle: missing value',
    );
  });
});
