import { describe, expect, it } from 'vitest';
import { frenchTitleCase, localityLabel, placeNameIndex } from '../../domain/places.ts';

describe('frenchTitleCase', () => {
  it('writes La Poste names in French title case, particles in lower case after the first word', () => {
    const cases: [string, string][] = [
      ['LA NEUVILLETTE', 'La Neuvillette'],
      ['LE PORT', 'Le Port'],
      ['BAGE LA VILLE', 'Bage la Ville'],
      ['CAMP DE LA VALBONNE', 'Camp de la Valbonne'],
      ['CHATEAU DU LOIR', 'Chateau du Loir'],
      ['VILLENEUVE LES AVIGNON', 'Villeneuve les Avignon'],
      ['CHALONS EN CHAMPAGNE', 'Chalons en Champagne'],
      ['BOIS ET BORSU', 'Bois et Borsu'],
      ['ROCHE SUR YON', 'Roche sur Yon'],
      ['MARIGNY SOUS BOIS', 'Marigny sous Bois'],
      ['DES ARCS', 'Des Arcs'],
    ];
    for (const [raw, expected] of cases) expect(frenchTitleCase(raw), raw).toBe(expected);
  });

  it('spells out ST and STE and joins elided articles', () => {
    expect(frenchTitleCase('ST BOIS')).toBe('Saint Bois');
    expect(frenchTitleCase('STE MARIE')).toBe('Sainte Marie');
    expect(frenchTitleCase('ST JEAN D ANGELY')).toBe("Saint Jean d'Angely");
    expect(frenchTitleCase('L ISLE ADAM')).toBe("L'Isle Adam");
    expect(frenchTitleCase('PONT L EVEQUE')).toBe("Pont l'Eveque");
    expect(frenchTitleCase('  LA   GARDE ')).toBe('La Garde');
  });

  it('invents neither accents nor hyphens', () => {
    expect(frenchTitleCase('ETANG SALE')).toBe('Etang Sale');
    expect(frenchTitleCase('LA CHÂTAIGNERAIE')).toBe('La Châtaigneraie');
  });
});

describe('localityLabel', () => {
  const known = placeNameIndex([
    'Saint-Bois',
    'Arbignieu',
    "L'Étang-Salé",
    'Neuvillette',
    'Saint-Bois', // listed twice: the first wins
  ]);

  it('takes the accented INSEE name when the folded keys are equal', () => {
    expect(localityLabel('ST BOIS', known)).toBe('Saint-Bois');
    expect(localityLabel('ARBIGNIEU', known)).toBe('Arbignieu');
    expect(localityLabel('L ETANG SALE', known)).toBe("L'Étang-Salé");
    expect(localityLabel('NEUVILLETTE', known)).toBe('Neuvillette');
  });

  it('falls back to title case when no known name matches', () => {
    expect(localityLabel('LA NEUVILLETTE', known)).toBe('La Neuvillette');
    expect(localityLabel('ST BOIS LE HAUT', known)).toBe('Saint Bois le Haut');
    expect(localityLabel('LA NEUVILLETTE', new Map())).toBe('La Neuvillette');
  });
});
