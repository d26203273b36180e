// The parser on the hand-written files of test/fixtures/an/amendements (real format).
import { describe, expect, it } from 'vitest';
import { parseAmendement } from '../../../scrapers/amendements/parse.ts';
import sanitizeHtml from 'sanitize-html';
import {
  decodeNonAsciiReferences,
  decodeText,
  sanitizeAmendementField,
} from '../../../scrapers/amendements/sanitize.ts';
import { sanitizeAmendementHtml } from '../../../domain/amendement-html.ts';
import { sortKey } from '../../../domain/amendements.ts';
import { readJsonFixture } from '../../helpers/an-zip.ts';
import { entryN } from '../../helpers/amendements-zip.ts';

const parse = (n: number) =>
  parseAmendement(entryN(n), readJsonFixture(`amendements/${entryN(n)}`));

describe('parseAmendement', () => {
  it("reads a député's adopted amendment with its co-signers in order", () => {
    const { amendement: a, cosignataires } = parse(1);
    expect(a).toMatchObject({
      uid: 'AMANR5L17PO838901B9001P0D1N000001',
      legislature: 17,
      numero: 1,
      numero_long: '1',
      numero_rect: 0,
      texte_uid: 'PIONANR5L17B9001',
      dossier_uid: 'DLR5L17N99001',
      organe_examen_uid: 'PO838901',
      organe_prefix: 'AN',
      seance: 1,
      article: 'ART. 3',
      author_type: 'Député',
      author_uid: 'PA100001',
      author_group_uid: 'PO900001',
      signatories_label: 'Mme Alpha, M. Bravo et Mme Charlie',
      parent_uid: null,
      sort_label: 'Adopté',
      sort: 'adopte',
      etat_label: 'Discuté',
      sous_etat_label: 'Adopté',
      date_depot: '2025-03-20',
      date_sort: '2025-03-25',
      seance_ref: 'RUANR5L17S2025IDS29001',
    });
    expect(cosignataires).toEqual(['PA100002', 'PA100003']);
    expect(a.dispositif_html).toBe(
      '<p>À l’alinéa\u00a02, supprimer le mot\u00a0: «\u00a0<em>hôpital</em>\u00a0».</p>',
    );
    expect(a.text_key).toContain('supprimer le mot hopital');
    expect(a.text_key).toContain('protege l hopital public');
  });

  it('never keeps a script, an event handler or a javascript: link', () => {
    const { amendement: a } = parse(1);
    expect(a.expose_html).toBe(
      `<p>Cet amendement protège l'Hôpital public.</p>lien<table><tr><td colspan="2">Crédits</td></tr></table>`,
    );
    for (const bad of ['<script', 'onclick', 'javascript:', 'style=', 'alert']) {
      expect(a.expose_html).not.toContain(bad);
    }
  });

  it("reads the Gouvernement's pending sub-amendment, with no co-signer", () => {
    const { amendement: a, cosignataires } = parse(2);
    expect(a).toMatchObject({
      author_type: 'Gouvernement',
      author_uid: null,
      author_group_uid: null,
      gouvernement_uid: 'PO855052',
      parent_uid: 'AMANR5L17PO838901B9001P0D1N000001',
      sort_label: null,
      sort: 'en-cours',
      date_sort: null,
    });
    expect(cosignataires).toEqual([]);
  });

  it("reads a rapporteur's irrecevable amendment with one co-signer and no body", () => {
    const { amendement: a, cosignataires } = parse(3);
    expect(a).toMatchObject({
      author_type: 'Rapporteur',
      author_uid: 'PA100002',
      sort: 'irrecevable',
      etat_code: 'IR',
      dispositif_html: null,
      expose_html: null,
      text_key: '',
    });
    expect(cosignataires).toEqual(['PA100001']);
  });

  it('refuses a file whose uid or text is not the one its path names', () => {
    const json = readJsonFixture(`amendements/${entryN(1)}`);
    expect(() => parseAmendement(entryN(2), json)).toThrow(/amendement\.uid/);
    expect(() =>
      parseAmendement(entryN(1).replace('PIONANR5L17B9001', 'PIONANR5L17B9002'), json),
    ).toThrow(/texteLegislatifRef/);
  });
});

describe('sortKey', () => {
  it('maps the published sort first, then the state', () => {
    expect(sortKey('Non soutenu', 'DI', 'Discuté')).toBe('non-soutenu');
    expect(sortKey('Tombé', 'DI', 'Discuté')).toBe('tombe');
    expect(sortKey('Retiré', 'DI', 'Discuté')).toBe('retire');
    expect(sortKey('Rejeté', 'DI', 'Discuté')).toBe('rejete');
    expect(sortKey(null, 'IRR45', 'Irrecevable')).toBe('irrecevable');
    expect(sortKey(null, 'RT', 'Retiré')).toBe('retire');
    expect(sortKey(null, 'ET', 'En traitement')).toBe('en-cours');
    expect(sortKey(null, 'AC', 'A discuter')).toBe('en-cours');
  });
});

describe('sanitizeAmendementHtml', () => {
  it('keeps the allow-list only, cells keeping numeric spans', () => {
    expect(
      sanitizeAmendementHtml(
        '<div><b>a</b><img src=x onerror=alert(1)><iframe src="//x"></iframe><td rowspan="javascript:1">c</td><svg onload=alert(1)>d</svg></div>',
      ),
    ).toBe('<strong>a</strong><td>c</td>d');
    expect(sanitizeAmendementHtml('<p>&#160;</p>')).toBeNull();
    expect(
      sanitizeAmendementHtml('<table><tr><td rowspan="2" colspan="x">1</td></tr></table>'),
    ).toBe('<table><tr><td rowspan="2">1</td></tr></table>');
  });

  it('the ingest applies the same allow-list, after decoding references', () => {
    expect(sanitizeAmendementField('<p onclick="x()">R&#xE9;diger<script>1</script></p>')).toEqual({
      html: '<p>Rédiger</p>',
      text: 'Rédiger',
    });
  });
});

describe('decodeNonAsciiReferences', () => {
  it('decodes references to non-ASCII characters and &nbsp; only', () => {
    expect(decodeNonAsciiReferences('R&#x00E9;diger &#233;t&#xe9;&nbsp;: &#x2019; &#128512;')).toBe(
      'Rédiger été\u00a0: ’ 😀',
    );
    // ASCII (syntax: < / space), C1 controls, surrogates, out of range, no semicolon: kept.
    const kept =
      '&#60;b&#62; &#x3C; &#47; &#32; &#150; &#xD800; &#x110000; &#233 &amp;#233; &eacute;';
    expect(decodeNonAsciiReferences(kept)).toBe(kept);
  });

  it('changes nothing the sanitiser outputs', () => {
    // Compared with sanitize-html on the raw HTML, through the same allow-list's basics.
    const options = { allowedTags: ['p', 'br', 'td'], allowedAttributes: { td: ['title'] } };
    for (const html of [
      '<p>R&#x00E9;diger ainsi&nbsp;: &#x00AB;&nbsp;la pr&#x00E9;sente loi&nbsp;&#x00BB;</p>',
      '<p&#xE9;>x</p&#xE9;><br&#47;>&#60;script&#62;<td title="&#xE9;&#34;">&#233</td>',
      '<p>&amp;#233; &#x26;#233; &#38;&#x00E9; &#150;&#0;</p>',
    ]) {
      expect(sanitizeHtml(decodeNonAsciiReferences(html), options)).toBe(
        sanitizeHtml(html, options),
      );
    }
  });

  it('decodeText reads labels with and without markup', () => {
    expect(decodeText('M.&#160;Le&#160;Fur,  Mme&#160;Bazin-Malgras')).toBe(
      'M. Le Fur, Mme Bazin-Malgras',
    );
    expect(decodeText('M. <b>Dupont</b> &amp; Mme L&apos;Hôte')).toBe("M. Dupont & Mme L'Hôte");
    expect(decodeText(' &#160; ')).toBeNull();
  });
});
