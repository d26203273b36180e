import { describe, expect, it } from 'vitest';
import { readInseeWorkbook, readLaPoste } from '../../../scrapers/geo/crawler.ts';
import { deriveGeo } from '../../../scrapers/geo/derive.ts';
import {
  anDepartementOf,
  arrondissementOf,
  laPosteDisplayName,
  placeKey,
} from '../../../domain/places.ts';
import { parseInseeSheet, parseLaPoste, splitCircoCode } from '../../../scrapers/geo/parse.ts';
import { SourceError } from '../../../scrapers/lib/source.ts';
import { decodeText } from '../../../scrapers/lib/encoding.ts';
import { INSEE_ROWS, buildXlsx, inseeWorkbook, laPosteBytes } from '../../fixtures/geo/files.ts';

const HEADER = ['DEP', 'libdep', 'REG', 'libreg', 'COMMUNE_RESID', 'LIBcom', 'circo', 'type_com'];

describe('names', () => {
  it('folds case, accents, hyphens, apostrophes and St/Ste into one key', () => {
    const key = placeKey('Saint-Émilion');
    for (const q of ['saint emilion', 'St Emilion', 'ST-ÉMILION', ' st-émilion ', 'SAINT ÉMILION'])
      expect(placeKey(q), q).toBe(key);
    expect(placeKey('Ste-Foy-la-Grande')).toBe(placeKey('Sainte Foy la Grande'));
    expect(placeKey("L'Haÿ-les-Roses")).toBe('l hay les roses');
    expect(placeKey('Paris 15e arrondissement')).toBe(placeKey('paris 15ème arrondissement'));
    expect(placeKey('Lyon 1er')).toBe('lyon 1');
    // "St" inside a word is left alone.
    expect(placeKey('Stenay')).toBe('stenay');
  });

  it('makes La Poste names readable', () => {
    expect(laPosteDisplayName('ST PIERRE')).toBe('Saint Pierre');
    expect(laPosteDisplayName('MIQUELON LANGLADE')).toBe('Miquelon Langlade');
  });

  it('maps arrondissement codes to their city, and commune codes to AN départements', () => {
    expect(arrondissementOf('75115')).toEqual({ city: '75056', name: 'Paris', n: 15 });
    expect(arrondissementOf('69381')).toEqual({ city: '69123', name: 'Lyon', n: 1 });
    expect(arrondissementOf('13216')).toEqual({ city: '13055', name: 'Marseille', n: 16 });
    for (const code of ['75121', '75056', '69380', '13217', '2A004']) {
      expect(arrondissementOf(code), code).toBeNull();
    }
    expect(anDepartementOf('33063')).toBe('33');
    expect(anDepartementOf('2A004')).toBe('2A');
    expect(anDepartementOf('97101')).toBe('971');
    expect(anDepartementOf('97701')).toBe('977');
    expect(anDepartementOf('97801')).toBe('977');
    expect(anDepartementOf('98818')).toBe('988');
    expect(anDepartementOf('99138')).toBeNull();
  });

  it('splits circonscription codes with two- and three-character départements', () => {
    expect(splitCircoCode('33004')).toEqual({ departement: '33', number: 4 });
    expect(splitCircoCode('2A002')).toEqual({ departement: '2A', number: 2 });
    expect(splitCircoCode('97407')).toEqual({ departement: '974', number: 7 });
    for (const bad of ['3304', '33000', 'ZZ001', '9740', '974010']) {
      expect(splitCircoCode(bad), bad).toBeNull();
    }
  });
});

describe("INSEE's workbook", () => {
  it('reads the table sheet, past the readme sheet that lists the same column names', async () => {
    const rows = await readInseeWorkbook(Buffer.from(inseeWorkbook()));
    expect(rows).toHaveLength(INSEE_ROWS.length);
    expect(rows[2]).toEqual({
      commune_code: '33394',
      commune_name: 'Saint-Émilion',
      departement_code: '33',
      departement_name: 'Gironde',
      region_code: '75',
      region_name: 'Nouvelle-Aquitaine',
      circo_departement: '33',
      circo_number: 3,
      whole: 1,
    });
    const byCode = (code: string) => rows.filter((r) => r.commune_code === code);
    expect(byCode('75056').map((r) => [r.circo_number, r.whole])).toEqual([
      [1, 0],
      [3, 0],
    ]);
    expect(byCode('55039')[0]).toMatchObject({ circo_departement: null, whole: null });
    expect(byCode('97101')[0]).toMatchObject({ circo_departement: '971', circo_number: 2 });
    expect(byCode('44180')[0]).toMatchObject({ departement_code: '44', circo_departement: '49' });
  });

  it('gives codes stored as numbers their leading zeros back', () => {
    const rows = parseInseeSheet([
      HEADER,
      [1, 'Ain', 84, 'ARA', 1001, 'Abergement', 1004, 'entière'],
    ]);
    expect(rows?.[0]).toMatchObject({
      departement_code: '01',
      commune_code: '01001',
      circo_departement: '01',
      circo_number: 4,
    });
  });

  it('says which row or column is wrong', () => {
    const row = ['33', 'Gironde', '75', 'NA', '33063', 'Bordeaux', '33001', 'partiel'];
    const withRow = (changes: Record<number, string | null>) => {
      const copy: (string | null)[] = [...row];
      for (const [i, v] of Object.entries(changes)) copy[Number(i)] = v;
      return () => parseInseeSheet([HEADER, copy]);
    };
    expect(withRow({ 4: '3306' })).toThrow('row 2: invalid commune code "3306"');
    expect(withRow({ 6: '33X01' })).toThrow('row 2: invalid circonscription code "33X01"');
    expect(withRow({ 7: 'moitié' })).toThrow('row 2: unknown type_com "moitié"');
    expect(withRow({ 5: '' })).toThrow('row 2: commune 33063 without name');
    expect(() => parseInseeSheet([HEADER.filter((h) => h !== 'LIBcom'), []])).toThrow(
      'missing column(s) libcom',
    );
    expect(() => parseInseeSheet([HEADER])).toThrow('header but no row');
    expect(
      parseInseeSheet([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toBeNull();
  });

  it('fails with the file name on a workbook without the table, or not a workbook', async () => {
    const noTable = buildXlsx([{ name: 'Feuil1', rows: [['rien']] }]);
    await expect(readInseeWorkbook(Buffer.from(noTable))).rejects.toThrow(
      'circo_composition.xlsx: no sheet has a COMMUNE_RESID column (sheets: Feuil1)',
    );
    const garbage = readInseeWorkbook(Buffer.from('<html>Service indisponible</html>'));
    await expect(garbage).rejects.toBeInstanceOf(SourceError);
    const truncated = readInseeWorkbook(Buffer.from(inseeWorkbook().slice(0, 400)));
    await expect(truncated).rejects.toThrow(/^circo_composition\.xlsx: /);
  });
});

describe("La Poste's base", () => {
  it('decodes ISO-8859-1, and UTF-8 with or without a byte-order mark', () => {
    const text = 'Libellé;CHÂTEAU';
    const decodeLaPoste = (bytes: Buffer) => decodeText(bytes, 'raw', 'iso-8859-1');
    expect(decodeLaPoste(Buffer.from(text, 'latin1'))).toBe(text);
    expect(decodeLaPoste(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeLaPoste(Buffer.from(`\uFEFF${text}`, 'utf8'))).toBe(text);
  });

  it('reads the classic layout: # header, trailing ; when line 5 is empty, localities', () => {
    const rows = readLaPoste(laPosteBytes());
    expect(rows).toHaveLength(18);
    expect(rows[0]).toEqual({
      commune_code: '33063',
      commune_name: 'BORDEAUX',
      postcode: '33000',
      delivery_label: 'BORDEAUX',
      locality: null,
    });
    expect(rows[5]!.locality).toBe('LA CHÂTAIGNERAIE');
    expect(rows.find((r) => r.commune_code === '2A004')?.postcode).toBe('20000');
  });

  it('reads the 2020 layout (other column order, quoted "lat,lon")', () => {
    const rows = parseLaPoste(
      'Code_commune_INSEE;Nom_commune;Code_postal;Ligne_5;Libellé_d_acheminement;coordonnees_gps\n' +
        '25620;VILLE DU PONT;25650;;VILLE DU PONT;"46.99,6.49"\n',
    );
    expect(rows).toEqual([
      {
        commune_code: '25620',
        commune_name: 'VILLE DU PONT',
        postcode: '25650',
        delivery_label: 'VILLE DU PONT',
        locality: null,
      },
    ]);
  });

  it('says which line or column is wrong', () => {
    const header =
      '#Code_commune_INSEE;Nom_de_la_commune;Code_postal;Libellé_d_acheminement;Ligne_5';
    expect(() => parseLaPoste(`${header}\n33063;BORDEAUX;3300;BORDEAUX;\n`)).toThrow(
      'line 2: invalid postcode "3300"',
    );
    expect(() => parseLaPoste(`${header}\n33063;BORDEAUX;33000;B;\nxx;Y;33000;Y;\n`)).toThrow(
      'line 3: invalid commune code "XX"',
    );
    expect(() => parseLaPoste('<html><body>Erreur</body></html>')).toThrow(
      'missing column(s) code commune insee, nom de la commune, code postal',
    );
    expect(() => parseLaPoste('')).toThrow('empty file');
    expect(() => readLaPoste(Buffer.from('a;b\n'))).toThrow(/^laposte-hexasmal \(raw\): /);
  });
});

describe('joining the two files', () => {
  it('maps arrondissements to the whole city, falls back to the département, counts per circonscription', async () => {
    const insee = await readInseeWorkbook(Buffer.from(inseeWorkbook()));
    const laposte = readLaPoste(laPosteBytes());
    const geo = deriveGeo(insee, laposte);
    const area = (code: string) => geo.areas.find((a) => a.code === code);
    const circos = (code: string) =>
      geo.areaCircos
        .filter((l) => l.area_code === code)
        .map((l) => `${l.departement_code}-${l.number}:${l.whole}`)
        .sort();

    expect(area('75115')).toMatchObject({
      kind: 'arrondissement',
      name: 'Paris 15e arrondissement',
      city_code: '75056',
      basis: 'ville',
      postcodes: '75015',
    });
    expect(circos('75115')).toEqual(['75-1:0', '75-3:0']);
    // The whole city, unknown to La Poste, shows its arrondissements' postcodes.
    expect(area('75056')).toMatchObject({ basis: 'insee', postcodes: '75001 75015 75116' });
    // Marseille is not in this INSEE table: its arrondissement falls back to the département.
    expect(area('13208')).toMatchObject({
      kind: 'hors_insee',
      departement_code: '13',
      basis: 'departement',
    });
    expect(area('97611')).toMatchObject({
      name: 'Mamoudzou',
      departement_code: '976',
      basis: 'departement',
    });
    expect(area('97502')).toMatchObject({ name: 'Saint Pierre', departement_code: '975' });
    expect(area('99138')).toMatchObject({ departement_code: null, basis: 'aucune' });
    expect(area('55039')).toMatchObject({ basis: 'aucune', circo_count: 0, postcodes: '55100' });
    expect(circos('33063')).toEqual(['33-1:0', '33-2:0']);
    expect(area('33063')!.postcodes).toBe('33000 33800');

    // Postcode rows: one per (postcode, commune); localities merged.
    expect(geo.postcodes.filter((p) => p.postcode === '33220')).toEqual([
      { postcode: '33220', area_code: '33402', localities: null },
      { postcode: '33220', area_code: '33324', localities: 'La Châtaigneraie' },
    ]);

    // Counts per circonscription, against the fixture rows.
    const counts = Object.fromEntries(
      geo.circonscriptions.map((c) => [`${c.departement_code}-${c.number}`, c]),
    );
    expect(Object.keys(counts).sort()).toEqual(
      ['2A-1', '2A-2', '33-1', '33-2', '33-3', '49-7', '75-1', '75-3', '971-2'].sort(),
    );
    expect(counts['33-2']).toMatchObject({ communes: 2, whole_communes: 1, postcodes: 3 });
    expect(counts['33-3']).toMatchObject({ communes: 2, whole_communes: 2, postcodes: 2 });
    expect(counts['49-7']).toMatchObject({
      departement_name: 'Maine-et-Loire',
      communes: 2,
      whole_communes: 1,
    });
    // Paris's three arrondissement postcodes (75001, 75015, 75116), the whole city being in 75-3.
    expect(counts['75-3']).toMatchObject({ communes: 1, whole_communes: 0, postcodes: 3 });
  });
});
