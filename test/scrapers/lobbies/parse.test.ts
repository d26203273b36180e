import { describe, expect, it } from 'vitest';
import {
  joinMinistryPieces,
  lobbyDate,
  lobbyTableOf,
  parseLobbyTable,
  rebuildTargets,
} from '../../../scrapers/lobbies/parse.ts';
import { lobbyTable } from '../../helpers/lobbies-zip.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('lobbies parse', () => {
  it('finds a table by its file name wherever it sits, in the 2019 and 2020 numberings', () => {
    expect(lobbyTableOf('8_objets_activites.csv')).toBe('objets_activites');
    expect(lobbyTableOf('Vues_Separees/15_exercices.csv')).toBe('exercices');
    expect(lobbyTableOf('export/0_Informations_generales.csv')).toBe('informations_generales');
    expect(lobbyTableOf('6_Exercices.csv')).toBe('exercices');
    expect(lobbyTableOf('README.txt')).toBeNull();
    expect(lobbyTableOf('16_inconnue.csv')).toBeNull();
  });

  it('reads both date forms and refuses a day that does not exist', () => {
    expect(lobbyDate('08/07/2019 16:23:54', 'd')).toBe('2019-07-08T16:23:54');
    expect(lobbyDate('2019-07-11', 'd')).toBe('2019-07-11');
    expect(lobbyDate('', 'd')).toBeNull();
    expect(() => lobbyDate('31/02/2019 10:00:00', 'd')).toThrow(/n'est pas une date/);
  });

  it('joins the comma-split pieces of a ministry, leaving out pieces of the official’s label', () => {
    const kind =
      "Directeur ou secrétaire général, ou leur adjoint, ou membre du collège ou d'une commission des sanctions d'une autorité administrative ou publique indépendante";
    expect(
      joinMinistryPieces(
        ['Travail', ' emploi', ' formation professionnelle et dialogue social', ' Justice'],
        'x',
      ),
    ).toEqual(['Travail, emploi, formation professionnelle et dialogue social', 'Justice']);
    expect(
      joinMinistryPieces(
        ['irecteur ou secrétaire général', ' ou leur adjoint', 'Défenseur des droits'],
        kind,
      ),
    ).toEqual(['Défenseur des droits']);
    // Summary row and pieces give the same ministries once; a kind named without ministry stays.
    const rows = rebuildTargets([
      {
        action_id: 5,
        responsable: 'Membre du Gouvernement ou membre de cabinet ministérie',
        ministere: 'Agriculture',
        autre: null,
      },
      {
        action_id: 5,
        responsable: 'Membre du Gouvernement ou membre de cabinet ministérie',
        ministere: ' agroalimentaire et forêt',
        autre: null,
      },
      {
        action_id: 5,
        responsable:
          'Membre du Gouvernement ou membre de cabinet ministériel - Agriculture, agroalimentaire et forêt',
        ministere: '',
        autre: null,
      },
      { action_id: 6, responsable: kind, ministere: 'irecteur ou secrétaire général', autre: null },
    ]);
    expect(rows.map((r) => [r.action_id, r.responsable.slice(0, 9), r.ministere])).toEqual([
      [5, 'Membre du', 'Agriculture, agroalimentaire et forêt'],
      [6, 'Directeur', null],
    ]);
  });

  it('numbers the people of each organisation, folds their names, and counts quoted line breaks as lines', () => {
    const { rows, bad } = parseLobbyTable('dirigeants', bytes(lobbyTable('2_dirigeants.csv')));
    expect(bad).toEqual([]);
    expect(rows.map((r) => [r.organisation_id, r.position, r.name_key])).toEqual([
      [0, 1, 'cecile durand'],
      [0, 2, 'herve martin'],
      [1, 1, 'louis petit'],
      [2, 1, 'anne leroy'],
    ]);
    const orgs = parseLobbyTable(
      'informations_generales',
      bytes(lobbyTable('1_informations_generales.csv')),
    );
    expect(orgs.rows.map((r) => [r.id, r.line])).toEqual([
      [0, 2],
      [1, 4],
      [2, 5],
    ]);
    expect(orgs.rows[0]).toMatchObject({
      text_key: 'energies nouvelles sas energies nouvelles ensas',
      activites_publiees: 1,
    });
  });

  it('reports a repeated id and an unreadable id as bad rows, never drops them silently', () => {
    const text =
      'activite_id;exercices_id;date_publication_activite;identifiant_fiche;objet_activite\n1;1;2019-01-01;A;Un\n1;1;2019-01-01;B;Deux\nx;1;2019-01-01;C;Trois\n';
    const { rows, bad } = parseLobbyTable('objets_activites', bytes(text));
    expect(rows.map((r) => r.objet)).toEqual(['Un']);
    expect(bad).toEqual([
      { table: 'objets_activites', line: 3, reason: 'activite_id 1 déjà lu ligne 2' },
      { table: 'objets_activites', line: 4, reason: "activite_id « x » n'est pas un identifiant" },
    ]);
  });

  it('refuses a table when an unclosed quote swallows lines, or when too many rows are bad', () => {
    const head =
      'activite_id;exercices_id;date_publication_activite;identifiant_fiche;objet_activite\n';
    expect(() =>
      parseLobbyTable(
        'objets_activites',
        bytes(head + '1;1;2019-01-01;A;"Un\n2;1;2019-01-01;B;Deux\n3;1;2019-01-01;C;Trois\n'),
      ),
    ).toThrow(/^ligne 2 : .*lignes 2 à 4, guillemet non fermé/);
    // A quoted line break in a good row is no error.
    expect(
      parseLobbyTable('objets_activites', bytes(head + '1;1;2019-01-01;A;"Un\ndeux"\n')).rows,
    ).toHaveLength(1);
    // 6 bad rows (a missing cell) of 8: more than 5 and more than 5 %.
    const good = '1;1;2019-01-01;A;Un\n2;1;2019-01-01;B;Deux\n';
    const badRows = [3, 4, 5, 6, 7, 8].map((n) => `${n};1;2019-01-01;X\n`).join('');
    expect(() => parseLobbyTable('objets_activites', bytes(head + good + badRows))).toThrow(
      '6 lignes illisibles sur 8 (plus de 5 %), la première ligne 4 : 4 cellules au lieu de 5',
    );
    // 5 bad rows are reported, the table kept.
    const five = [3, 4, 5, 6, 7].map((n) => `${n};1;2019-01-01;X\n`).join('');
    const kept = parseLobbyTable('objets_activites', bytes(head + good + five));
    expect([kept.rows.length, kept.bad.length]).toEqual([2, 5]);
  });
});
