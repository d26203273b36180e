// Pure parser of one meeting file of Agenda.json.zip (`json/reunion/RUANR5L17….json`): JSON
// in, a typed meeting, its agenda items and its attendance list out.
import { UNCOUNTED_ETATS, type Presence, type ReunionKind } from '../../domain/agenda.ts';
import { isoWeek, parisDay } from '../../domain/weeks.ts';
import type { ReunionTable } from '../../db/schema/index.ts';
import { ShapeError, asList, obj, optObj, requiredText, text } from '../lib/an-json.ts';

/** An archive entry of a meeting and its uid. */
export const REUNION_FILE = /(?:^|\/)json\/reunion\/(RU[0-9A-Z]+)\.json$/;

export type ParsedReunionRow = Omit<ReunionTable, 'content_hash' | 'file_name'>;

export interface ParsedReunion {
  reunion: ParsedReunionRow;
  /** Agenda items, in published order. */
  items: string[];
  /** Each listed member's attendance, once per member, in published order. */
  presences: { acteur_uid: string; presence: Presence }[];
}

const KINDS: Record<string, ReunionKind> = {
  reunionCommission_type: 'commission',
  seance_type: 'seance',
  reunionInitParlementaire_type: 'initiative',
};

const PRESENCE_VALUES: Record<string, Presence> = {
  présent: 'present',
  absent: 'absent',
  excusé: 'excuse',
};

const STRENGTH: Record<Presence, number> = { absent: 0, excuse: 1, present: 2 };

/** The texts of an `item` field: one string or a list of them. */
function itemTexts(value: unknown, path: string): string[] {
  return asList(value)
    .map((item, i) => text(item, `${path}[${i}]`))
    .filter((t): t is string => t !== null);
}

/** The agenda items: the summary, else the notice, else the sitting's points (their objet). */
function agendaItems(odj: Record<string, unknown> | null): string[] {
  if (!odj) return [];
  const resume = itemTexts(optObj(odj.resumeODJ, 'ODJ.resumeODJ')?.item, 'ODJ.resumeODJ.item');
  if (resume.length > 0) return resume;
  const convocation = itemTexts(
    optObj(odj.convocationODJ, 'ODJ.convocationODJ')?.item,
    'ODJ.convocationODJ.item',
  );
  if (convocation.length > 0) return convocation;
  const points = asList(optObj(odj.pointsODJ, 'ODJ.pointsODJ')?.pointODJ);
  return points
    .map((p, i) => {
      const point = obj(p, `ODJ.pointsODJ.pointODJ[${i}]`);
      return (
        text(point.objet, `ODJ.pointsODJ.pointODJ[${i}].objet`) ??
        text(point.libelle, `ODJ.pointsODJ.pointODJ[${i}].libelle`)
      );
    })
    .filter((t): t is string => t !== null);
}

/** Parses one meeting file; `name` is its path in the archive and must agree with its uid. */
export function parseReunion(name: string, json: unknown): ParsedReunion {
  const match = REUNION_FILE.exec(name);
  if (!match) throw new ShapeError('(file name)', 'not json/reunion/RU….json');
  const r = obj(obj(json, '$').reunion, 'reunion');
  const uid = requiredText(r.uid, 'reunion.uid');
  if (uid !== match[1]) throw new ShapeError('reunion.uid', `${uid}, not ${match[1]} as named`);
  const type = requiredText(r['@xsi:type'], 'reunion.@xsi:type');
  const kind = KINDS[type];
  if (!kind) throw new ShapeError('reunion.@xsi:type', `unknown meeting type "${type}"`);
  const start = requiredText(r.timeStampDebut, 'reunion.timeStampDebut');
  const day = parisDay(start);
  if (day === null) throw new ShapeError('reunion.timeStampDebut', `not a timestamp "${start}"`);
  const etat = requiredText(
    obj(r.cycleDeVie, 'reunion.cycleDeVie').etat,
    'reunion.cycleDeVie.etat',
  );
  const participants = optObj(r.participants, 'reunion.participants');
  const internes = optObj(
    participants?.participantsInternes,
    'reunion.participants.participantsInternes',
  );
  // A member listed twice (20 real meetings: présent and absent, or présent twice) counts
  // once, with the strongest mark: présent, then excusé, then absent.
  const marks = new Map<string, Presence>();
  asList(internes?.participantInterne).forEach((p, i) => {
    const at = `reunion.participants.participantsInternes.participantInterne[${i}]`;
    const participant = obj(p, at);
    const acteur_uid = requiredText(participant.acteurRef, `${at}.acteurRef`);
    const raw = requiredText(participant.presence, `${at}.presence`);
    const presence = PRESENCE_VALUES[raw];
    if (!presence) throw new ShapeError(`${at}.presence`, `unknown presence "${raw}"`);
    const before = marks.get(acteur_uid);
    if (!before || STRENGTH[presence] > STRENGTH[before]) marks.set(acteur_uid, presence);
  });
  const presences = [...marks].map(([acteur_uid, presence]) => ({ acteur_uid, presence }));
  return {
    reunion: {
      uid,
      kind,
      organe_uid: text(r.organeReuniRef, 'reunion.organeReuniRef'),
      start,
      end: text(r.timeStampFin, 'reunion.timeStampFin'),
      day,
      week: isoWeek(day),
      etat,
      counted: UNCOUNTED_ETATS.includes(etat) ? 0 : 1,
      attendance_published: presences.length > 0 ? 1 : 0,
      place: text(optObj(r.lieu, 'reunion.lieu')?.libelleLong, 'reunion.lieu.libelleLong'),
      compte_rendu_uid: text(r.compteRenduRef, 'reunion.compteRenduRef'),
    },
    items: agendaItems(optObj(r.ODJ, 'reunion.ODJ')),
    presences,
  };
}
