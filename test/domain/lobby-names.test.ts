// The name matching of the lobbies cross-checks over real pairs checked by hand
// (test/fixtures/lobbies/name-pairs.json: what deputies and officials declared to the HATVP
// against the register's organisations): which pairs it proposes, and its precision.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { legalForms, nameMatch, organisationKey, sirensIn } from '../../domain/lobbies.ts';
import { PROJECT_ROOT } from '../helpers/paths.ts';

interface Pair {
  declared: string;
  file: string;
  section: string;
  id: number;
  denomination: string;
  nom_usage: string | null;
  same: boolean;
  why: string;
}

const { pairs } = JSON.parse(
  readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/lobbies/name-pairs.json'), 'utf8'),
) as { pairs: Pair[] };

/** The candidate the cross-check would make: the best confidence over denomination and usage name. */
const proposed = (p: Pair) =>
  [p.denomination, p.nom_usage]
    .filter((n): n is string => n !== null)
    .map((n) => nameMatch(p.declared, n))
    .find((c) => c !== null) ?? null;

describe('lobby name matching', () => {
  it('has at least 10 true and 10 false real pairs', () => {
    expect(pairs.filter((p) => p.same).length).toBeGreaterThanOrEqual(10);
    expect(pairs.filter((p) => !p.same).length).toBeGreaterThanOrEqual(10);
  });

  it('proposes every true pair and rejects the near misses, with a measured precision', () => {
    const missed = pairs.filter((p) => p.same && proposed(p) === null).map((p) => p.declared);
    expect(missed).toEqual([]);
    const falsePositives = pairs
      .filter((p) => !p.same && proposed(p) !== null)
      .map((p) => p.declared);
    // Same name, other legal entity: what a name alone cannot tell (hence candidates, not facts).
    expect(falsePositives.sort()).toEqual(['Airbus se', 'Crédit Agricole', 'Renault']);
    const positives = pairs.filter((p) => proposed(p) !== null);
    const precision = positives.filter((p) => p.same).length / positives.length;
    expect(precision).toBeCloseTo(13 / 16, 5);
    // The differing legal forms put Airbus SE / AIRBUS SAS at low confidence.
    expect(proposed(pairs.find((p) => p.declared === 'Airbus se')!)).toBe('faible');
    console.log(
      `[lobby-names] ${positives.length} proposed of ${pairs.length} pairs, precision ${(precision * 100).toFixed(1)} %`,
    );
  });

  it('ignores case, accents, punctuation and legal forms, and reads SIRENs', () => {
    expect(organisationKey("L'AIR LIQUIDE S.A.")).toBe('l air liquide');
    expect(organisationKey("L'Air Liquide")).toBe('l air liquide');
    expect(organisationKey('Biomérieux SA')).toBe('biomerieux');
    expect(legalForms('Airbus SE')).toEqual(['se']);
    expect(nameMatch('SA', 'S.A.')).toBeNull();
    expect(nameMatch('AXA', 'AXA')).toBe('faible');
    expect(nameMatch('Pernod-Ricard', 'PERNOD RICARD SA')).toBe('moyenne');
    expect(sirensIn('SIREN 552 049 447, et 1234567890')).toEqual(['552049447']);
  });

  it('reads a SIREN only standing alone, and in a description only after SIREN or SIRET', () => {
    // An association's RNA number, a SIREN glued to letters, a phone number: none.
    expect(sirensIn('W751234567')).toEqual([]);
    expect(sirensIn('RCS552049447B')).toEqual([]);
    expect(sirensIn('01 23 45 67 89')).toEqual([]);
    // A SIRET gives its first 9 digits.
    expect(sirensIn('Société X (552 049 447 00013)')).toEqual(['552049447']);
    expect(sirensIn('SIRET 55204944700013')).toEqual(['552049447']);
    // In a description, a number far from any SIREN/SIRET keyword is not one.
    expect(sirensIn('Dossier 552049447 de la préfecture', true)).toEqual([]);
    expect(sirensIn('immatriculée sous le n° SIREN : 552 049 447', true)).toEqual(['552049447']);
    expect(sirensIn('siret 552 049 447 00013, capital 123456789 €', true)).toEqual(['552049447']);
  });
});
