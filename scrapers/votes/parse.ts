import {
  ShapeError,
  asList,
  int,
  obj,
  optObj,
  requiredDate,
  requiredInt,
  requiredText,
  text,
} from '../lib/an-json.ts';
import type { Scrutin, ScrutinGroup, Vote } from '../../db/schema/index.ts';
import { fold } from '../../domain/text.ts';
import {
  CAST,
  SEATS,
  UNKNOWN_GROUP,
  agreementIndex,
  groupMajority,
  type Position,
} from '../../domain/votes.ts';

export interface ParsedScrutin {
  scrutin: Omit<Scrutin, 'content_hash'>;
  groups: ScrutinGroup[];
  votes: Vote[];
}

const POSITIONS: ReadonlySet<string> = new Set<Position>([
  'pour',
  'contre',
  'abstention',
  'nonVotant',
]);

/** Keys of a group's nominative lists and the position each stands for. */
const LISTS: Record<string, Position> = {
  pours: 'pour',
  contres: 'contre',
  abstentions: 'abstention',
  nonVotants: 'nonVotant',
};

function position(value: unknown, path: string): Position {
  const raw = requiredText(value, path);
  if (!POSITIONS.has(raw)) throw new ShapeError(path, `unknown position "${raw}"`);
  return raw as Position;
}

const count = (value: unknown, path: string) => int(value, path, 0) ?? 0;

/**
 * An id that `objet.referenceLegislative` or `objet.dossierLegislatif` may carry (always null
 * in the files seen so far): the first string of the expected form found in the value, which
 * may be a text, a `{"#text"}` object or a nested object; null otherwise, never an error.
 */
function reference(value: unknown, form: RegExp, depth = 0): string | null {
  if (typeof value === 'string') return form.test(value.trim()) ? value.trim() : null;
  if (depth > 3 || value === null || typeof value !== 'object') return null;
  for (const v of Object.values(value)) {
    const found = reference(v, form, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses an official synthesis that contradicts itself: suffrages exprimés are the votes
 * for and against, votants add the abstentions, and nobody is counted beyond the seats.
 */
function checkSynthesis(
  official: Record<'for_count' | 'against_count' | 'abstention_count' | 'non_voting_count', number>,
  voters: number | null,
  expressed: number | null,
) {
  const cast = official.for_count + official.against_count;
  if (expressed !== null && expressed !== cast) {
    throw new ShapeError(
      'syntheseVote.suffragesExprimes',
      `${expressed} expressed votes, but ${cast} for and against`,
    );
  }
  if (voters !== null && voters !== cast + official.abstention_count) {
    throw new ShapeError(
      'syntheseVote.nombreVotants',
      `${voters} voters, but ${cast + official.abstention_count} for, against and abstaining`,
    );
  }
  const counted = cast + official.abstention_count + official.non_voting_count;
  if (counted > SEATS)
    throw new ShapeError(
      'syntheseVote.decompte',
      `${counted} deputies counted, beyond ${SEATS} seats`,
    );
}

/**
 * One `json/VTANR5L17V<n>.json` file: the scrutin, each group's official position and
 * counts, and every deputy's vote with the group they voted in. Compares the nominative
 * lists with the official synthesis and records any difference.
 */
export function parseScrutin(json: unknown): ParsedScrutin {
  const s = obj(obj(json, '$').scrutin, 'scrutin');
  const uid = requiredText(s.uid, 'scrutin.uid');
  const typeVote = obj(s.typeVote, 'scrutin.typeVote');
  const sort = obj(s.sort, 'scrutin.sort');
  const synthese = obj(s.syntheseVote, 'scrutin.syntheseVote');
  const decompte = obj(synthese.decompte, 'scrutin.syntheseVote.decompte');
  const demandeur = optObj(s.demandeur, 'scrutin.demandeur');
  const objet = optObj(s.objet, 'scrutin.objet');
  const ventilation = optObj(s.ventilationVotes, 'scrutin.ventilationVotes');
  const organe = ventilation ? optObj(ventilation.organe, 'scrutin.ventilationVotes.organe') : null;
  const groupes = organe ? optObj(organe.groupes, 'ventilationVotes.organe.groupes') : null;

  const groups: ScrutinGroup[] = [];
  const votes = new Map<string, Vote>();
  const duplicates: string[] = [];
  const unidentified: string[] = [];
  asList(groupes?.groupe).forEach((g, i) => {
    const path = `ventilationVotes.organe.groupes.groupe[${i}]`;
    const group = obj(g, path);
    const ref = requiredText(group.organeRef, `${path}.organeRef`);
    // Some files publish groups without their id (PO0): keep them apart under a placeholder
    // that the ingest resolves from the members' groups in neighbouring scrutins.
    const known = ref !== 'PO0' && !groups.some((x) => x.group_uid === ref);
    const groupUid = known ? ref : `${UNKNOWN_GROUP}${i}`;
    if (!known) unidentified.push(ref);
    const vote = obj(group.vote, `${path}.vote`);
    const groupPosition = position(vote.positionMajoritaire, `${path}.vote.positionMajoritaire`);
    const nominatif = optObj(vote.decompteNominatif, `${path}.vote.decompteNominatif`) ?? {};
    const tally: Record<Position, number> = { pour: 0, contre: 0, abstention: 0, nonVotant: 0 };
    const own: Vote[] = [];
    for (const [key, list] of Object.entries(nominatif)) {
      const listPosition = LISTS[key];
      const voters = asList(optObj(list, `${path}.vote.decompteNominatif.${key}`)?.votant);
      if (!listPosition) {
        if (voters.length > 0)
          throw new ShapeError(
            `${path}.vote.decompteNominatif.${key}`,
            `unknown position list "${key}"`,
          );
        continue;
      }
      voters.forEach((v, j) => {
        const vpath = `${path}.vote.decompteNominatif.${key}.votant[${j}]`;
        const votant = obj(v, vpath);
        const acteur = requiredText(votant.acteurRef, `${vpath}.acteurRef`);
        if (votes.has(acteur)) {
          duplicates.push(acteur);
          return;
        }
        tally[listPosition]++;
        const row: Vote = {
          scrutin_uid: uid,
          acteur_uid: acteur,
          mandat_uid: text(votant.mandatRef, `${vpath}.mandatRef`),
          group_uid: groupUid,
          position: listPosition,
          cause: text(votant.causePositionVote, `${vpath}.causePositionVote`),
          delegation: text(votant.parDelegation, `${vpath}.parDelegation`) === 'true' ? 1 : 0,
          seat: text(votant.numPlace, `${vpath}.numPlace`),
          rebel: 0,
          rebel_published: CAST.has(listPosition) && listPosition !== groupPosition ? 1 : 0,
        };
        votes.set(acteur, row);
        own.push(row);
      });
    }
    // Rebels are measured against the majority of the group's own votes, not the published
    // positionMajoritaire, which contradicts them in about 3 % of (scrutin, group) pairs.
    const majority = groupMajority(tally.pour, tally.contre, tally.abstention);
    for (const row of own) {
      row.rebel = majority !== null && CAST.has(row.position) && row.position !== majority ? 1 : 0;
    }
    const cast = tally.pour + tally.contre + tally.abstention;
    groups.push({
      scrutin_uid: uid,
      group_uid: groupUid,
      members: int(group.nombreMembresGroupe, `${path}.nombreMembresGroupe`, 0),
      position: groupPosition,
      majority_position: majority,
      position_mismatch: cast > 0 && majority !== groupPosition ? 1 : 0,
      for_count: tally.pour,
      against_count: tally.contre,
      abstention_count: tally.abstention,
      non_voting_count: tally.nonVotant,
      agreement_index: agreementIndex(tally.pour, tally.contre, tally.abstention),
    });
  });

  const all = [...votes.values()];
  const title = requiredText(s.titre, 'scrutin.titre');
  const object = objet ? text(objet.libelle, 'scrutin.objet.libelle') : null;
  const listed = (p: Position) => all.filter((v) => v.position === p).length;
  const official = {
    for_count: count(decompte.pour, 'syntheseVote.decompte.pour'),
    against_count: count(decompte.contre, 'syntheseVote.decompte.contre'),
    abstention_count: count(decompte.abstentions, 'syntheseVote.decompte.abstentions'),
    non_voting_count: count(decompte.nonVotants, 'syntheseVote.decompte.nonVotants'),
  };
  const number = requiredInt(s.numero, 'scrutin.numero', 1);
  const legislature = requiredInt(s.legislature, 'scrutin.legislature', 1);
  if (uid !== `VTANR5L${legislature}V${number}`)
    throw new ShapeError('scrutin.numero', `${number} (legislature ${legislature}) is not ${uid}`);
  const voters = int(synthese.nombreVotants, 'syntheseVote.nombreVotants', 0);
  const expressed = int(synthese.suffragesExprimes, 'syntheseVote.suffragesExprimes', 0);
  checkSynthesis(official, voters, expressed);
  const nominative = {
    listed_for: listed('pour'),
    listed_against: listed('contre'),
    listed_abstention: listed('abstention'),
    listed_non_voting: listed('nonVotant'),
  };
  const mismatches = [
    ['pour', official.for_count, nominative.listed_for],
    ['contre', official.against_count, nominative.listed_against],
    ['abstention', official.abstention_count, nominative.listed_abstention],
    ['nonVotant', official.non_voting_count, nominative.listed_non_voting],
  ]
    .filter(([, a, b]) => a !== b)
    .map(
      ([label, a, b]) => `${label} : ${a} au décompte officiel, ${b} dans les listes nominatives`,
    );
  if (groups.length === 0) mismatches.unshift('aucune ventilation par groupe publiée');
  if (unidentified.length > 0) {
    mismatches.push(
      `${unidentified.length} groupes publiés sans identifiant propre (${[...new Set(unidentified)].join(', ')})`,
    );
  }
  if (duplicates.length > 0)
    mismatches.push(`votants listés deux fois : ${[...new Set(duplicates)].join(', ')}`);

  return {
    scrutin: {
      uid,
      number,
      legislature,
      date: requiredDate(s.dateScrutin, 'scrutin.dateScrutin'),
      session_ref: text(s.sessionRef, 'scrutin.sessionRef'),
      sitting_ref: text(s.seanceRef, 'scrutin.seanceRef'),
      type_code: requiredText(typeVote.codeTypeVote, 'scrutin.typeVote.codeTypeVote'),
      type_label: text(typeVote.libelleTypeVote, 'scrutin.typeVote.libelleTypeVote'),
      majority_rule: text(typeVote.typeMajorite, 'scrutin.typeVote.typeMajorite'),
      result_code: requiredText(sort.code, 'scrutin.sort.code'),
      result_label: text(sort.libelle, 'scrutin.sort.libelle'),
      title,
      object,
      title_key: fold(`${title} ${object ?? ''}`),
      requesters: demandeur ? text(demandeur.texte, 'scrutin.demandeur.texte') : null,
      amendement_ref: reference(objet?.referenceLegislative, /^AMANR[0-9A-Z]+$/),
      dossier_ref: reference(objet?.dossierLegislatif, /^DLR[0-9A-Z]+$/),
      voters,
      expressed,
      required: int(synthese.nbrSuffragesRequis, 'syntheseVote.nbrSuffragesRequis', 0),
      ...official,
      voluntary_non_voting_count: int(
        decompte.nonVotantsVolontaires,
        'syntheseVote.decompte.nonVotantsVolontaires',
        0,
      ),
      ...nominative,
      counts_mismatch: mismatches.length > 0 ? mismatches.join(' ; ') : null,
      rebels: all.filter((v) => v.rebel).length,
    },
    groups,
    votes: all,
  };
}
