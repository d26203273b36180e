import { describe, expect, it } from 'vitest';
import {
  DeclarationError,
  parseDeclarationFile,
  parseDeclarations,
} from '../../../scrapers/hatvp/parse-declaration.ts';
import { IndexError, parseIndex } from '../../../scrapers/hatvp/parse-index.ts';
import { hatvpFixture } from '../../helpers/paths.ts';

const alice = () =>
  parseDeclarationFile(hatvpFixture('dossiers/dupre-alice-dia90001-depute-33.xml'));
const bySection = (items: { section: string }[]) =>
  items.reduce<Record<string, number>>(
    (acc, i) => ({ ...acc, [i.section]: (acc[i.section] ?? 0) + 1 }),
    {},
  );

describe('parseDeclarationFile', () => {
  it('reads the general block: type, deposit, office, declarant', () => {
    const d = alice();
    expect(d).toMatchObject({
      uuid: 'a1a1a1a1-0000-4000-8000-000000000001',
      depositedAt: '2024-07-20T10:15:00',
      type: 'DIA',
      modifying: false,
      office: 'Député/Gironde(33)',
      mandateStart: '2024-07-08',
      civility: 'Mme',
      firstName: 'Alice',
      lastName: 'Dupré',
      assetSections: 0,
      warnings: [],
    });
  });

  it('reads every section into typed items, in file order', () => {
    const d = alice();
    expect(bySection(d.items)).toEqual({
      activite: 2,
      conjoint: 1,
      benevole: 1,
      mandat: 1,
      dirigeant: 1,
      participation: 2,
      collaborateur: 2,
    });
    expect(
      d.items.filter((i) => i.section === 'collaborateur').map((i) => [i.position, i.person]),
    ).toEqual([
      [1, 'Paul Durand'],
      [2, 'Lucie Bernard'],
    ]);
  });

  it('turns amounts written with spaces, U+00A0, U+202F and minus signs into numbers', () => {
    const [lawyer, teacher] = alice().items.filter((i) => i.section === 'activite');
    expect(lawyer).toMatchObject({
      organisation: 'Cabinet Dupré & Associés',
      description: 'Avocate associée',
      start_month: '2019-01',
      end_month: '2024-06',
      kept: false,
      gross_net: 'net',
      redacted: false,
    });
    expect(lawyer!.amounts).toEqual([
      { year: 2019, amount: 52300, text: '52 300' },
      { year: 2020, amount: 48100, text: '48\u00a0100' },
      { year: 2021, amount: 61250, text: '61\u202f250' },
      { year: 2022, amount: -1250, text: '-1 250' },
    ]);
    expect(teacher).toMatchObject({
      organisation: 'Université de Bordeaux',
      redacted: true,
      kept: true,
      gross_net: 'brut',
      start_month: '2023-09',
      end_month: null,
    });
  });

  it('reads financial participations: value, capital share, shares, income, advisory role', () => {
    const [bank, hostile] = alice().items.filter((i) => i.section === 'participation');
    expect(bank).toMatchObject({
      organisation: 'Société Générale',
      value: 12000,
      capital_share: 0.5,
      shares: 300,
      income: null,
      income_text: 'Inconnue',
      advisory: false,
    });
    expect(hostile).toMatchObject({
      organisation: '=HYPERLINK("http://evil.example")',
      value: 500,
      income: 0,
      income_text: '0 €',
      advisory: true,
      advisory_org: 'Conseil de surveillance',
      comment: 'Parts reçues en héritage',
    });
  });

  it("nulls the spouse's redacted name and keeps their employer and activity", () => {
    const [spouse] = alice().items.filter((i) => i.section === 'conjoint');
    expect(spouse).toMatchObject({
      person: null,
      organisation: 'Hôpital Saint-André',
      description: 'Infirmier',
      redacted: true,
    });
  });

  it('reads a modifying declaration, and a missing modifying flag as unknown', () => {
    const diam = parseDeclarationFile(hatvpFixture('dossiers/dupre-alice-diam90002-depute-33.xml'));
    expect(diam.modifying).toBe(true);
    expect(diam.typeLabel).toBe("Déclaration d'intérêts et d'activités modificative");
    expect(bySection(diam.items)).toMatchObject({
      consultant: 1,
      participation: 1,
      observation: 1,
    });
    const martin = parseDeclarationFile(
      hatvpFixture('dossiers/martin-bernard-dia90003-depute-75.xml'),
    );
    expect(martin.modifying).toBeNull();
    // One-item sections are objects in the XML tree, not one-item lists.
    expect(martin.items.map((i) => [i.section, i.description])).toEqual([
      ['consultant', 'Journaliste pigiste'],
      ['activite', 'Avocat'],
    ]);
  });

  it('records an unknown section and an unknown field as warnings and reads the rest', () => {
    const d = parseDeclarationFile(hatvpFixture('dossiers/noel-fanny-dia90005-depute-33.xml'));
    expect(d.items).toHaveLength(1);
    expect(d.items[0]).toMatchObject({
      organisation: 'Vins de Bordeaux SA',
      description: 'Cadre commerciale',
    });
    expect(d.warnings).toEqual([
      {
        kind: 'champ',
        message: 'activProfCinqDerniereDto n° 1 : champ inconnu « secteur » ignoré',
      },
      { kind: 'section', message: 'section inconnue « donsRecusDto » ignorée (1 élément(s))' },
    ]);
  });

  it('warns about unreadable amounts and months without failing', () => {
    const xml = hatvpFixture('dossiers/martin-bernard-dia90003-depute-75.xml')
      .toString('utf8')
      .replace('<montant>70 000</montant>', '<montant>beaucoup</montant>')
      .replace('<dateDebut>01/2010</dateDebut>', '<dateDebut>janvier 2010</dateDebut>');
    const d = parseDeclarationFile(xml);
    const lawyer = d.items.find((i) => i.section === 'activite')!;
    expect(lawyer.amounts).toEqual([{ year: 2024, amount: null, text: 'beaucoup' }]);
    expect(lawyer.start_month).toBeNull();
    expect(d.warnings.map((w) => w.kind).sort()).toEqual(['date', 'montant']);
  });

  it('rejects a truncated file, another root, an empty file, and a file of two declarations', () => {
    expect(() =>
      parseDeclarationFile(hatvpFixture('dossiers/lefevre-eric-dia90004-depute-2a.xml')),
    ).toThrow(/XML incomplet : .*<employeur>/);
    expect(() => parseDeclarationFile('<html><body>Erreur</body></html>')).toThrow(
      /élément racine <declarations> attendu, trouvé <html>/,
    );
    expect(() => parseDeclarationFile('')).toThrow(DeclarationError);
    expect(() => parseDeclarationFile('<declarations></declarations>')).toThrow(/aucun élément/);
    const one = hatvpFixture('dossiers/martin-bernard-dia90003-depute-75.xml').toString('utf8');
    const body = one.slice(one.indexOf('<declaration>'), one.indexOf('</declarations>'));
    const two = `<declarations>${body}${body}</declarations>`;
    expect(parseDeclarations(two)).toHaveLength(2);
    expect(() => parseDeclarationFile(two)).toThrow(/une déclaration attendue, 2 trouvées/);
  });
});

describe('parseIndex', () => {
  const index = () => parseIndex(hatvpFixture('liste.csv'));

  it('keeps every distinct line, exact duplicates once, with stable ids', () => {
    const { rows, lines, duplicates } = index();
    expect(lines).toBe(11);
    expect(duplicates).toBe(1);
    expect(rows.map((r) => r.id)).toEqual([
      'dupre-alice-di90000-commune-bordeaux',
      'dupre-alice-dia90001-depute-33',
      'dupre-alice-diam90002-depute-33',
      'dupre-alice-dsp90007-depute-33',
      'martin-bernard-dia90003-depute-75',
      'lefevre-eric-dia90004-depute-2a',
      'noel-fanny-dia90005-depute-33',
      expect.stringMatching(/^attente-[0-9a-f]{16}$/),
      'senat-jean-dia90006-senateur-13',
    ]);
  });

  it('reports a line with the wrong number of fields, with its number, and reads the others', () => {
    expect(index().problems).toEqual([
      { line: 12, message: '17 champs au lieu de 16, ligne ignorée' },
    ]);
  });

  it('types each line: family, number, dates, empty fields as null', () => {
    const rows = index().rows;
    expect(rows[2]).toMatchObject({
      declarantKey: 'dupreaaaalice1',
      mandateType: 'depute',
      documentType: 'diam',
      family: 'interets',
      number: 90002,
      departement: '33',
      publishedOn: '2025-02-01',
      depositedOn: '2025-01-15',
      hatvpPath: '/pages_nominatives/dupre-alice',
      originId: '1',
    });
    expect(rows[3]).toMatchObject({ documentType: 'dsp', family: 'patrimoine' });
    expect(rows[7]).toMatchObject({
      lastName: 'INCONNU',
      xmlFile: null,
      pdfFile: null,
      publishedOn: null,
      number: null,
      publicationStatus: 'Déclaration déposée - publication à venir',
    });
  });

  it('reads columns by name, a BOM and CRLF line ends', () => {
    const text = hatvpFixture('liste.csv').toString('utf8');
    const [header, ...lines] = text.trim().split('\n');
    const columns = header!.split(';');
    // The same file with its first two columns swapped.
    const swap = (line: string) => {
      const f = line.split(';');
      return [f[1], f[0], ...f.slice(2)].join(';');
    };
    const swapped = `\uFEFF${[swap(header!), ...lines.map(swap)].join('\r\n')}\r\n`;
    expect(columns[0]).toBe('civilite');
    expect(parseIndex(swapped).rows.map((r) => [r.civility, r.firstName])).toEqual(
      index().rows.map((r) => [r.civility, r.firstName]),
    );
  });

  it('rejects a file without the expected header', () => {
    expect(() => parseIndex('<!DOCTYPE html><html>Maintenance</html>')).toThrow(IndexError);
    expect(() => parseIndex('civilite;prenom;nom\nM.;A;B\n')).toThrow(/classement.*absente/);
  });

  it('rejects a line repeating a file name with other values', () => {
    const text = hatvpFixture('liste.csv').toString('utf8');
    const line = text.split('\n')[6]!;
    const result = parseIndex(
      `${text}${line.replace('Député de Paris', 'Député de Paris (ancien)')}\n`,
    );
    expect(result.problems.at(-1)).toEqual({
      line: 13,
      message:
        "fichier martin-bernard-dia90003-depute-75.xml déjà listé ligne 7 avec d'autres valeurs, ligne ignorée",
    });
  });
});
