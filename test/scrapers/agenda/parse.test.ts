// The pure meeting parser on the hand-written fixtures (test/fixtures/an/agenda).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReunion } from '../../../scrapers/agenda/parse.ts';
import { AGENDA_DIR, reunionEntry } from '../../helpers/agenda-zip.ts';

const read = (uid: string) =>
  JSON.parse(readFileSync(path.join(AGENDA_DIR, reunionEntry(uid)), 'utf8')) as Record<string, any>;
const parse = (uid: string, json: unknown = read(uid)) => parseReunion(reunionEntry(uid), json);

describe('parseReunion', () => {
  it('reads a committee meeting: state, place, summary items, attendance once per member', () => {
    const p = parse('RUANR5L17S2025IDC900001');
    expect(p.reunion).toMatchObject({
      kind: 'commission',
      organe_uid: 'PO900301',
      day: '2025-03-04',
      week: '2025-W10',
      etat: 'Confirmé',
      counted: 1,
      attendance_published: 1,
      place: 'Salle 6238 – Palais Bourbon',
      compte_rendu_uid: 'CRCANR5L17S2025PO900301N001',
    });
    expect(p.items).toEqual(['Audition de M. le ministre', "Examen du rapport d'information"]);
    // PA900002 is listed absent then présent: counted once, présent.
    expect(p.presences).toEqual([
      { acteur_uid: 'PA900001', presence: 'present' },
      { acteur_uid: 'PA900002', presence: 'present' },
      { acteur_uid: 'PA900003', presence: 'excuse' },
    ]);
  });

  it('reads a cancelled meeting with a one-object list as not counted', () => {
    const p = parse('RUANR5L17S2025IDC900002');
    expect(p.reunion).toMatchObject({
      etat: 'Annulé',
      counted: 0,
      attendance_published: 1,
      end: null,
    });
    expect(p.items).toEqual(['Table ronde']);
    expect(p.presences).toEqual([{ acteur_uid: 'PA900001', presence: 'present' }]);
  });

  it('takes a sitting day in Paris time (22:30 UTC is past midnight there) and its items from the points of its agenda', () => {
    const p = parse('RUANR5L17S2025IDS900003');
    expect(p.reunion).toMatchObject({ kind: 'seance', day: '2025-03-31', week: '2025-W14' });
    expect(p.items).toEqual(['Questions au Gouvernement', 'Projet de loi de finances']);
    expect(p.presences).toEqual([]);
    expect(p.reunion.attendance_published).toBe(0);
  });

  it('reads a meeting without a list nor a place', () => {
    const p = parse('RUANR5L17S2025IDC900004');
    expect(p.reunion).toMatchObject({ kind: 'initiative', place: null, attendance_published: 0 });
    expect(p.items).toEqual(["Audition de l'association"]);
  });

  it('names the path of a malformed field', () => {
    const bad = read('RUANR5L17S2025IDC900001');
    bad.reunion.participants.participantsInternes.participantInterne[0].presence = 'peut-être';
    expect(() => parse('RUANR5L17S2025IDC900001', bad)).toThrow(
      /participantInterne\[0\]\.presence: unknown presence "peut-être"/,
    );
    const other = read('RUANR5L17S2025IDC900001');
    other.reunion['@xsi:type'] = 'autre_type';
    expect(() => parse('RUANR5L17S2025IDC900001', other)).toThrow(/unknown meeting type/);
    expect(() =>
      parseReunion(reunionEntry('RUANR5L17S2025IDC900009'), read('RUANR5L17S2025IDC900001')),
    ).toThrow(/not RUANR5L17S2025IDC900009 as named/);
  });
});
