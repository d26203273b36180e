// The pure parsers of Regards Citoyens' two tables and of the contours GeoJSON, on the
// hand-written fixtures and on hand-broken variants.
import { describe, expect, it } from 'vitest';
import { countryLabel } from '../../../domain/places.ts';
import { derivePostcodeCircos } from '../../../scrapers/geo/derive.ts';
import { parseContours } from '../../../scrapers/geo/parse-contours.ts';
import { parseRcCirconscriptions, parseRcEtranger } from '../../../scrapers/geo/parse-rc.ts';
import {
  CONTOURS,
  ETRANGER_TEXT,
  RC_TEXT,
  contoursText,
  square,
} from '../../fixtures/geo/files.ts';

describe("Regards Citoyens' circo_insee_2012.csv", () => {
  it('reads every line: commune code = département + three digits, circonscription as a number', () => {
    const rows = parseRcCirconscriptions(RC_TEXT);
    expect(rows).toHaveLength(RC_TEXT.trim().split('\n').length);
    expect(rows[0]).toEqual({
      commune_code: '33063',
      commune_name: 'Bordeaux',
      departement_code: '33',
      number: 1,
      postcodes: '33000 33800',
    });
    expect(rows.map((r) => `${r.commune_code}-${r.number}`)).toContain('75056-3');
  });

  it('names the line of a malformed row', () => {
    const lines = RC_TEXT.split('\n');
    const broken = (i: number, line: string) =>
      lines.map((l, j) => (j === i ? line : l)).join('\n');
    expect(() => parseRcCirconscriptions(broken(2, '394;33;Saint-Émilion;03'))).toThrow(
      'line 3: 4 fields instead of 5',
    );
    expect(() => parseRcCirconscriptions(broken(1, '063;33;Bordeaux;2;33000'))).toThrow(
      'line 2: expected "ddd;dd;name;dd;postcodes"',
    );
    expect(() => parseRcCirconscriptions(broken(0, '063;33;Bordeaux;01;3300'))).toThrow(
      'line 1: invalid postcodes "3300"',
    );
    expect(() => parseRcCirconscriptions(broken(3, '324;33;Pineuilh;00;33220'))).toThrow(
      'line 4: invalid circonscription "00"',
    );
    expect(() => parseRcCirconscriptions('\n\n')).toThrow('empty file');
  });

  it('gives each Paris postcode exactly the circonscriptions whose row lists it', () => {
    const links = derivePostcodeCircos(parseRcCirconscriptions(RC_TEXT))
      .map((l) => `${l.postcode}:${l.departement_code}-${l.number}:${l.basis}`)
      .sort();
    // Bordeaux's rows are not Paris, Lyon or Marseille: INSEE answers there.
    expect(links).toEqual([
      '75001:75-3:regards_citoyens',
      '75008:75-1:regards_citoyens',
      '75015:75-1:regards_citoyens',
      '75015:75-3:regards_citoyens',
      '75017:75-3:regards_citoyens',
    ]);
  });
});

describe("Regards Citoyens' circo_etranger.csv", () => {
  it('reads countries, keys their names without the article, 0 and -1 as no circonscription', () => {
    const rows = parseRcEtranger(ETRANGER_TEXT);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual({
      code: 'CA',
      name: 'Canada (le)',
      name_key: 'canada',
      iso_a3: 'CAN',
      number: 1,
    });
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get('CI')!.name_key).toBe('cote d ivoire');
    expect(byCode.get('GB')!.name_key).toBe('royaume uni');
    expect(byCode.get('FR')!.number).toBeNull();
    expect(byCode.get('AQ')!.number).toBeNull();
    expect(countryLabel("Argentine (l')")).toBe('Argentine');
    expect(countryLabel('Bahamas (les)')).toBe('Bahamas');
    expect(countryLabel('Marshall (Îles)')).toBe('Îles Marshall');
    expect(countryLabel('Monaco')).toBe('Monaco');
  });

  it('names the line of a malformed row', () => {
    expect(() =>
      parseRcEtranger(ETRANGER_TEXT.replace('BE,Belgique,BEL,56,4', 'BE,Belgique,BEL,56')),
    ).toThrow('line 4: 4 fields instead of 5');
    expect(() =>
      parseRcEtranger(ETRANGER_TEXT.replace('MC,Monaco,MCO,492,5', 'MC,Monaco,MCO,492,12')),
    ).toThrow('line 5: invalid circonscription "12"');
    expect(() => parseRcEtranger(ETRANGER_TEXT.replace('MC,Monaco', 'CA,Monaco'))).toThrow(
      'line 5: country CA listed twice',
    );
    expect(() => parseRcEtranger('id;name\n')).toThrow('line 1: expected the header');
  });
});

describe('the contours GeoJSON', () => {
  it('maps the file codes to the AN codes, keeps the geometry and computes its bbox', () => {
    const rows = parseContours(contoursText());
    expect(rows.map((r) => `${r.departement_code}-${r.number}`)).toEqual([
      '33-1',
      '33-2',
      '33-3',
      '75-1',
      '75-3',
      '2A-1',
      '971-2',
    ]);
    const multi = rows[2]!;
    expect(JSON.parse(multi.geometry)).toEqual(CONTOURS.features[2]!.geometry);
    expect([multi.min_lon, multi.min_lat, multi.max_lon, multi.max_lat]).toEqual([
      -0.2, 44.8, 0.25, 44.95,
    ]);
  });

  it('refuses truncated JSON, unknown codes and other geometry types, naming the feature', () => {
    const text = contoursText();
    expect(() => parseContours(text.slice(0, text.length / 2))).toThrow(/^invalid JSON/);
    const withFeature = (i: number, change: (f: Record<string, any>) => void) => {
      const copy = structuredClone(CONTOURS) as { features: Record<string, any>[] };
      change(copy.features[i]!);
      return () => parseContours(JSON.stringify(copy));
    };
    expect(withFeature(3, (f) => (f.properties.code_dpt = 'ZZ'))).toThrow(
      'feature 3: unknown code_dpt "ZZ"',
    );
    expect(withFeature(1, (f) => (f.properties.num_circ = '0'))).toThrow(
      'feature 1: invalid num_circ "0"',
    );
    expect(withFeature(1, (f) => (f.properties.num_circ = '1'))).toThrow(
      'feature 1: circonscription 33-1 listed twice',
    );
    expect(
      withFeature(4, (f) => (f.geometry = { type: 'LineString', coordinates: square(0, 0, 1) })),
    ).toThrow('feature 4: geometry LineString instead of Polygon or MultiPolygon');
    expect(withFeature(5, (f) => (f.geometry.coordinates[0][1] = [8.8, 'x']))).toThrow(
      'feature 5: invalid position',
    );
    expect(withFeature(0, (f) => (f.geometry.coordinates = [[[0, 0]]]))).toThrow(
      'feature 0: a ring needs at least 4 positions',
    );
    expect(() => parseContours('{"type":"Feature"}')).toThrow('not a GeoJSON FeatureCollection');
  });
});
