// The scrutin title parser on hand-written titles, one per form seen in the real
// Scrutins.json.zip (typos included).
import { describe, expect, it } from 'vitest';
import { parseScrutinTitle, type TitleAmendment } from '../../../scrapers/lib/scrutin-title.ts';

function amendment(title: string): TitleAmendment {
  const parsed = parseScrutinTitle(title);
  if (parsed.kind !== 'amendement') throw new Error(`not read as an amendment: ${title}`);
  return parsed;
}

describe('parseScrutinTitle', () => {
  it('reads number, author, place, bill and reading', () => {
    const t = amendment(
      "l'amendement n° 828 de M. Tanguy à l'article 6 du projet de loi de finances pour 2025 (première lecture).",
    );
    expect(t.sub).toBe(false);
    expect(t.numbers).toEqual([{ numero: 828, rect: 0 }]);
    expect(t.author).toEqual({ kind: 'depute', name: 'Tanguy', civility: 'M.' });
    expect(t.place).toBe("à l'article 6");
    expect(t.bill).toBe('projet de loi de finances pour 2025');
    expect(t.reading).toBe('première lecture');
    expect(t.identical).toBe(false);
  });

  it('keeps a first name and a particle, and Mme', () => {
    expect(
      amendment(
        "l'amendement n° 835 de M. Jean-Philippe Tanguy après l'article 3 du projet de loi de finances pour 2025 (première lecture).",
      ).author,
    ).toEqual({ kind: 'depute', name: 'Jean-Philippe Tanguy', civility: 'M.' });
    const t = amendment(
      "l'amendement n° 690 de Mme Le Hénanff et l'amendement identique suivant après l'article 3 du projet de loi de finances pour 2025 (première lecture).",
    );
    expect(t.author).toEqual({ kind: 'depute', name: 'Le Hénanff', civility: 'Mme' });
    expect(t.identical).toBe(true);
    expect(t.place).toBe("après l'article 3");
  });

  it('reads the rectification forms', () => {
    const forms: [string, number][] = [
      [
        "l'amendement n° 62 rectifié de M. Mattei à l'article premier de la proposition de loi x.",
        1,
      ],
      ["l'amendement n° 2694 (rect.) de M. Castellani après l'article 3 du projet de loi x.", 1],
      [
        "l'amendement n° 358 (2e rect.) de Mme Youssouffa à l'article premier du projet de loi x.",
        2,
      ],
      ["l'amendement n° 10 (2ème rect.) de Mme Ménaché à l'article unique de la proposition x.", 2],
      [
        "l'amendement n° 261 rectifé de Mme Stambach-Terrenoir à l'article 5 de la proposition x.",
        1,
      ],
      ['l’amendement n° 953  rectifié de M. Renault à l’article 15 ter du projet de loi x.', 1],
    ];
    for (const [title, rect] of forms) {
      const t = amendment(title);
      expect(t.numbers[0]!.rect, title).toBe(rect);
      expect(t.author?.name, title).toMatch(/^[A-ZÉ][\p{L}-]+$/u);
    }
  });

  it('reads the words before the number and its typos', () => {
    const cases: [string, number, string][] = [
      [
        "l'amendement de suppression n° 54 de Mme Ozenne et les amendements identiques suivants à l'article 1er bis de la proposition de loi x.",
        54,
        'Ozenne',
      ],
      [
        "l'amendement de rédaction globale n° 5 de M. Boyard à l'article premier de la proposition de loi organique x.",
        5,
        'Boyard',
      ],
      [
        "l'amendement de réécriture globale n° 11 de Mme Maximi à l'article 8 de la proposition de loi x.",
        11,
        'Maximi',
      ],
      [
        "l'amendement de supression n° 249 de Mme Bonnet à l'article 6 du projet de loi x.",
        249,
        'Bonnet',
      ],
      [
        "l'amendement de n° 2520 de M. Coquerel à l'article 15 du projet de loi x.",
        2520,
        'Coquerel',
      ],
      [
        "l'amendement n° de 2102 de M. Travert à l'article 26 ter du projet de loi x.",
        2102,
        'Travert',
      ],
      [
        "l'amendement n°24 de M. Dufau à l'article 1er ter de la proposition de loi x.",
        24,
        'Dufau',
      ],
      ["l'amendement n°  2357 du Gouvernement après l'article 3 du projet de loi x.", 2357, ''],
      [
        "l'amendement n° 41 de Henriet de suppression de l'article 5 de la proposition de loi x.",
        41,
        'Henriet',
      ],
      [
        "l'amendement n° 1822 de M. Hetzel et l'amemdement identique suivant à l'article 2 de la proposition de loi x.",
        1822,
        'Hetzel',
      ],
    ];
    for (const [title, numero, name] of cases) {
      const t = amendment(title);
      expect(t.numbers, title).toEqual([{ numero, rect: 0 }]);
      expect(t.author?.name ?? '', title).toBe(name);
    }
  });

  it('reads the government, a committee, and no author', () => {
    expect(
      amendment(
        "l'amendement n° 2605 du Gouvernement de suppression de l'article 20 bis B du projet de loi x.",
      ).author,
    ).toEqual({ kind: 'gouvernement', name: null, civility: null });
    expect(
      amendment(
        "l'amendement n°88 de la commission des affaires économiques à l'article 4 de la proposition de loi x.",
      ).author,
    ).toEqual({
      kind: 'commission',
      name: 'la commission des affaires économiques',
      civility: null,
    });
    const none = amendment(
      "l'amendement n° 34 après l'article 13 du projet de loi d'urgence pour Mayotte (première lecture).",
    );
    expect(none.author).toBeNull();
    expect(none.place).toBe("après l'article 13");
    expect(none.bill).toBe("projet de loi d'urgence pour Mayotte");
  });

  it('reads a sub-amendment and its parent', () => {
    const t = amendment(
      "le sous-amendement n° 69 de Mme Le Grip à l'amendement n° 4 de M. Sitzenstuhl à l'article unique de la proposition de résolution européenne appelant au renforcement du soutien à l'Ukraine.",
    );
    expect(t.sub).toBe(true);
    expect(t.numbers).toEqual([{ numero: 69, rect: 0 }]);
    expect(t.author?.name).toBe('Le Grip');
    expect(t.parent).toEqual({
      number: { numero: 4, rect: 0 },
      author: { kind: 'depute', name: 'Sitzenstuhl', civility: 'M.' },
    });
    expect(t.place).toBe("à l'article unique");
    expect(t.bill).toBe(
      "proposition de résolution européenne appelant au renforcement du soutien à l'Ukraine",
    );
    const typo = amendment(
      "le sous-amendmeent n° 776 de Mme Mansouri à l'amendement n° 609 de Mme Firmin Le Bodo et aux amendements identiques suivants à l'article 4 de la proposition de loi x.",
    );
    expect(typo.sub).toBe(true);
    expect(typo.parent?.number.numero).toBe(609);
    expect(typo.parent?.author?.name).toBe('Firmin Le Bodo');
    expect(typo.place).toBe("à l'article 4");
  });

  it('reads a joint vote on several numbers', () => {
    expect(
      amendment(
        "les amendements n°s 12 et 34 de M. Dupont à l'article 2 de la proposition de loi x.",
      ).numbers,
    ).toEqual([
      { numero: 12, rect: 0 },
      { numero: 34, rect: 0 },
    ]);
    expect(
      amendment(
        "l'amendement n° 12 rectifié et l'amendement n° 34 de M. Dupont à l'article 2 de la proposition de loi x.",
      ).numbers,
    ).toEqual([
      { numero: 12, rect: 1 },
      { numero: 34, rect: 0 },
    ]);
    expect(
      amendment(
        "les amendements n°s 5, 6 et 7 du Gouvernement à l'article 2 du projet de loi x.",
      ).numbers.map((n) => n.numero),
    ).toEqual([5, 6, 7]);
  });

  it('leaves the other subjects, and says when no number can be read', () => {
    for (const title of [
      "l'ensemble du projet de loi de finances pour 2025 (première lecture).",
      "l'article premier de la proposition de loi x.",
      "la motion de rejet préalable, déposée par Mme Panot, du projet de loi autorisant la ratification de la résolution portant amendement de l'article 6 du Protocole de Londres.",
      "la demande de seconde délibération de M. Tanguy sur l'amendement n° 2 de M. Fabrice Brun.",
    ]) {
      expect(parseScrutinTitle(title), title).toEqual({ kind: 'other' });
    }
    expect(parseScrutinTitle("l'amendement de M. Dupont à l'article 2.").kind).toBe('unreadable');
  });
});
