// Record-level change detection for the referential: each acteur is reduced to the facts
// that matter (office, group, party, committee roles, profession, contacts, name, seat),
// normalised so that key order, list order, whitespace and null-versus-missing in the file
// cannot show up as a change, then compared field by field with its previous snapshot.
import type { Acteur, Adresse, Mandat, NewChangeEvent, Organe } from '../../db/schema/index.ts';
import { changeEvent, normSet, normText, type ChangeContext } from '../lib/changes.ts';

/** Organ types whose open mandates count as a deputy's roles (committees, delegations, bureau…). */
export const ROLE_ORGAN_TYPES = new Set([
  'BUREAU',
  'COMPER',
  'COMNL',
  'CNPE',
  'CNPS',
  'CMP',
  'DELEG',
  'DELEGBUREAU',
  'MISINFO',
  'MISINFOCOM',
  'MISINFOPRE',
  'OFFPAR',
]);

export type SnapshotActeur = Pick<
  Acteur,
  | 'uid'
  | 'first_name'
  | 'last_name'
  | 'in_office'
  | 'group_uid'
  | 'party_uid'
  | 'profession_raw'
  | 'departement_code'
  | 'circo_number'
  | 'mandate_end'
>;
export type SnapshotMandat = Pick<
  Mandat,
  'acteur_uid' | 'organe_uid' | 'organe_type' | 'end_date' | 'role_label'
>;
export type SnapshotAdresse = Pick<
  Adresse,
  'acteur_uid' | 'type_label' | 'kind' | 'title' | 'street' | 'postcode' | 'city' | 'value'
>;

/** What is compared of an acteur between two imports, already normalised. */
export interface DeputySnapshot {
  uid: string;
  name: string;
  inOffice: boolean;
  mandateEnd: string | null;
  groupUid: string | null;
  partyUid: string | null;
  profession: string | null;
  /** "<département>-<number>", or null. */
  seat: string | null;
  /** Open role mandates: organ uid → sorted role labels. */
  roles: Map<string, string>;
  /** Contact type label → sorted distinct values. */
  contacts: Map<string, string[]>;
}

/** One contact as a comparable text: a postal address on one line, otherwise its value. */
function contactText(a: SnapshotAdresse): string | null {
  if (a.kind === 'postale') {
    const place = [normText(a.postcode), normText(a.city)].filter(Boolean).join(' ');
    return normText([a.title, a.street, place].map(normText).filter(Boolean).join(', '));
  }
  return normText(a.value);
}

/** The comparable facts of an acteur, from its row and its mandates and addresses. */
export function deputySnapshot(
  acteur: SnapshotActeur,
  mandats: readonly SnapshotMandat[],
  adresses: readonly SnapshotAdresse[],
): DeputySnapshot {
  const roles = new Map<string, string[]>();
  for (const m of mandats) {
    if (m.end_date !== null || !ROLE_ORGAN_TYPES.has(m.organe_type)) continue;
    roles.set(m.organe_uid, [...(roles.get(m.organe_uid) ?? []), m.role_label ?? 'Membre']);
  }
  const contacts = new Map<string, (string | null)[]>();
  for (const a of adresses) {
    const type = normText(a.type_label) ?? a.kind;
    contacts.set(type, [...(contacts.get(type) ?? []), contactText(a)]);
  }
  const seat =
    acteur.departement_code && acteur.circo_number !== null
      ? `${acteur.departement_code}-${acteur.circo_number}`
      : null;
  return {
    uid: acteur.uid,
    name: normText(`${acteur.first_name} ${acteur.last_name}`) ?? acteur.uid,
    inOffice: acteur.in_office === 1,
    mandateEnd: acteur.mandate_end,
    groupUid: acteur.group_uid,
    partyUid: acteur.party_uid,
    profession: normText(acteur.profession_raw),
    seat,
    roles: new Map([...roles].map(([uid, labels]) => [uid, normSet(labels).join(', ')])),
    contacts: new Map(
      [...contacts]
        .map(([type, values]) => [type, normSet(values)] as const)
        .filter(([, values]) => values.length > 0),
    ),
  };
}

/** Snapshots of every acteur from table-shaped rows (stored, or about to be stored). */
export function deputySnapshots(
  acteurs: readonly SnapshotActeur[],
  mandats: readonly SnapshotMandat[],
  adresses: readonly SnapshotAdresse[],
): Map<string, DeputySnapshot> {
  const mandatsOf = groupBy(mandats);
  const adressesOf = groupBy(adresses);
  return new Map(
    acteurs.map((a) => [
      a.uid,
      deputySnapshot(a, mandatsOf.get(a.uid) ?? [], adressesOf.get(a.uid) ?? []),
    ]),
  );
}

function groupBy<T extends { acteur_uid: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.acteur_uid);
    if (list) list.push(row);
    else map.set(row.acteur_uid, [row]);
  }
  return map;
}

export type OrganeNames = Map<string, Pick<Organe, 'label' | 'abbreviation'>>;

/** How an organ is shown in a change: its abbreviation, else its label, else its uid. */
function organeName(names: OrganeNames, uid: string | null): string | null {
  if (uid === null) return null;
  const o = names.get(uid);
  return o?.abbreviation ?? o?.label ?? uid;
}

function organeDetail(names: OrganeNames, uid: string | null): string {
  if (uid === null) return 'aucun';
  const label = names.get(uid)?.label;
  return label ? `${label} (${uid})` : uid;
}

/**
 * The events between two snapshots of one acteur (either may be missing: a new acteur, or
 * one gone from the referential). Unchanged facts give no event.
 */
export function deputyChanges(
  ctx: ChangeContext,
  before: DeputySnapshot | undefined,
  after: DeputySnapshot | undefined,
  names: OrganeNames,
): NewChangeEvent[] {
  const current = (after ?? before)!;
  const base = {
    entity_type: 'depute',
    entity_id: current.uid,
    entity_label: current.name,
    group_uid: current.groupUid,
  };
  const events: NewChangeEvent[] = [];
  const push = (
    kind: string,
    field: string | null,
    oldValue: string | null,
    newValue: string | null,
    detail: string | null = null,
  ) =>
    events.push(
      changeEvent(ctx, {
        ...base,
        kind,
        field,
        old_value: oldValue,
        new_value: newValue,
        detail,
      }),
    );

  if (!before) {
    push(
      after!.inOffice ? 'took_office' : 'new_acteur',
      'en_exercice',
      null,
      after!.inOffice ? 'oui' : 'non',
      after!.seat ? `Circonscription ${after!.seat}` : null,
    );
    return events;
  }
  if (!after) {
    // An acteur without any active mandate leaves the referential: in office, a departure.
    if (before.inOffice) push('left_office', 'en_exercice', 'oui', 'non', 'Retiré du référentiel');
    else push('acteur_removed', null, before.name, null, 'Retiré du référentiel');
    return events;
  }
  if (before.inOffice !== after.inOffice) {
    push(
      after.inOffice ? 'took_office' : 'left_office',
      'en_exercice',
      before.inOffice ? 'oui' : 'non',
      after.inOffice ? 'oui' : 'non',
      after.inOffice
        ? after.seat
          ? `Circonscription ${after.seat}`
          : null
        : after.mandateEnd
          ? `Fin du mandat le ${after.mandateEnd}`
          : null,
    );
  }
  if (before.groupUid !== after.groupUid) {
    push(
      'group_change',
      'groupe',
      organeName(names, before.groupUid),
      organeName(names, after.groupUid),
      `${organeDetail(names, before.groupUid)} → ${organeDetail(names, after.groupUid)}`,
    );
  }
  if (before.partyUid !== after.partyUid) {
    push(
      'party_change',
      'parti',
      organeName(names, before.partyUid),
      organeName(names, after.partyUid),
      `${organeDetail(names, before.partyUid)} → ${organeDetail(names, after.partyUid)}`,
    );
  }
  for (const uid of new Set([...before.roles.keys(), ...after.roles.keys()])) {
    const was = before.roles.get(uid) ?? null;
    const is = after.roles.get(uid) ?? null;
    if (was !== is) {
      const organ = names.get(uid)?.label ?? uid;
      push('role_change', 'fonction', was, is, `${organ} (${uid})`);
    }
  }
  if (before.profession !== after.profession) {
    push('profession_change', 'profession', before.profession, after.profession);
  }
  for (const type of new Set([...before.contacts.keys(), ...after.contacts.keys()])) {
    const was = (before.contacts.get(type) ?? []).join(' | ') || null;
    const is = (after.contacts.get(type) ?? []).join(' | ') || null;
    if (was !== is) push('contact_change', type, was, is);
  }
  if (before.name !== after.name) push('name_change', 'nom', before.name, after.name);
  if (before.seat !== after.seat && before.inOffice === after.inOffice) {
    push('seat_change', 'circonscription', before.seat, after.seat);
  }
  return events;
}
