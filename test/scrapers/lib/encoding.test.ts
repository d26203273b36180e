import { describe, expect, it } from 'vitest';
import { decodeText, decodeXml, declaredXmlEncoding } from '../../../scrapers/lib/encoding.ts';

const TEXT = 'nom;prénom\nDupré;Élodie\nCœur;Noël\n';

describe('decodeText', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeText(Buffer.from(TEXT, 'utf8'), 'liste.csv', 'utf-8')).toBe(TEXT);
    expect(decodeText(Buffer.from(`\uFEFF${TEXT}`, 'utf8'), 'liste.csv', 'utf-8')).toBe(TEXT);
  });

  it('refuses a file declared UTF-8 that is not, naming the file and the line', () => {
    const latin1 = Buffer.from('nom;prenom\nDupre;Elodie\nDupré;Élodie\n', 'latin1');
    expect(() => decodeText(latin1, 'liste.csv', 'utf-8')).toThrow(
      /^liste\.csv: pas en UTF-8 comme déclaré \(octet invalide ligne 3\)/,
    );
  });

  it('decodes a file declared ISO-8859-1 from it, and a UTF-8 copy of it as UTF-8', () => {
    const text = 'Libellé;CHÂTEAU-D’OLÉRON'.replace('’', "'");
    expect(decodeText(Buffer.from(text, 'latin1'), 'raw', 'iso-8859-1')).toBe(text);
    expect(decodeText(Buffer.from(text, 'utf8'), 'raw', 'iso-8859-1')).toBe(text);
  });

  it('refuses replacement characters left by an earlier bad conversion', () => {
    const garbled = Buffer.from('nom\nDupr\uFFFD\n', 'utf8');
    expect(() => decodeText(garbled, 'liste.csv', 'utf-8')).toThrow(
      /^liste\.csv: caractère de remplacement U\+FFFD ligne 2/,
    );
  });
});

describe('decodeXml', () => {
  const xml = (encoding: string) =>
    `<?xml version="1.0" encoding="${encoding}"?>\n<a>Noël Dupré</a>`;

  it('reads the encoding the declaration names, UTF-8 when it names none', () => {
    expect(declaredXmlEncoding(Buffer.from('<a/>'))).toBe('utf-8');
    expect(declaredXmlEncoding(Buffer.from(xml('ISO-8859-1')))).toBe('iso-8859-1');
    expect(
      declaredXmlEncoding(Buffer.from(`\uFEFF<?xml version='1.0' encoding='utf-8'?><a/>`)),
    ).toBe('utf-8');
  });

  it('decodes ISO-8859-1 and UTF-8 documents to the same text', () => {
    const latin1 = decodeXml(Buffer.from(xml('ISO-8859-1'), 'latin1'), 'a.xml');
    const utf8 = decodeXml(Buffer.from(xml('UTF-8'), 'utf8'), 'a.xml');
    expect(latin1).toContain('<a>Noël Dupré</a>');
    expect(utf8).toContain('<a>Noël Dupré</a>');
  });

  it('refuses bytes invalid in the declared encoding, and an unknown encoding', () => {
    expect(() => decodeXml(Buffer.from(xml('UTF-8'), 'latin1'), 'a.xml')).toThrow(
      /^a\.xml: octets invalides pour l'encodage déclaré utf-8/,
    );
    expect(() => decodeXml(Buffer.from(xml('X-MARTIAN'), 'utf8'), 'a.xml')).toThrow(
      /^a\.xml: encodage déclaré inconnu : x-martian/,
    );
  });
});
