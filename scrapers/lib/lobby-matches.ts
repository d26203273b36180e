// The lobbies cross-checks, rebuilt whole (a few thousand declared items against about two
// thousand organisations) at the end of each lobbies ingest and of each HATVP crawl, since
// either side can change: candidate links between a deputy's current declaration of
// interests and the register. Shared by both sources, so it lives here (a crawler never
// imports another source's folder).
import type { Transaction } from 'kysely';
import { sqliteHandle } from '../../db/database.ts';
import { insertRows } from '../../db/insert.ts';
import type { Database, LobbyMatchTable } from '../../db/schema/index.ts';
import {
  nameMatch,
  organisationKey,
  sirensIn,
  type MatchConfidence,
} from '../../domain/lobbies.ts';
import { fold } from '../../domain/text.ts';

/** The sections where a deputy names an organisation: employers, boards, holdings, clients, a spouse's employer. */
export const ORGANISATION_SECTIONS = [
  'activite',
  'consultant',
  'dirigeant',
  'participation',
  'conjoint',
] as const;

/** A declared employer that says there is none (folded): néant, aucun, [Données non publiées]. */
const NO_EMPLOYER = /^(neant|aucun|aucune|donnees non publiees)$/;

type NewMatch = Omit<LobbyMatchTable, 'id' | 'dismissed'> & { dismissed: number };

const RANK: Record<MatchConfidence, number> = { haute: 3, moyenne: 2, faible: 1 };

/**
 * Rebuilds `lobby_match` from the deputies' current declarations (deputy_interest.current_id)
 * and the register: an organisation declared in an organisation section whose SIREN (when the
 * text gives one) is a registered organisation's (`haute`), or whose name matches its
 * denomination or usage name (`nameMatch`: `moyenne` or `faible`); a declared collaborator
 * whose name (first and last name, in either order) is a registered organisation's director
 * or collaborator (`faible`: people share names; `moyenne` when the collaborator's declared
 * employer also matches that organisation). Dismissed candidates keep their dismissal.
 */
export async function recomputeLobbyMatches(trx: Transaction<Database>): Promise<number> {
  const sqlite = sqliteHandle(trx);
  sqlite.prepare('delete from lobby_match').run();
  const organisations = sqlite
    .prepare<
      [],
      {
        id: number;
        denomination: string;
        nom_usage: string | null;
        identifiant_national: string | null;
        type_identifiant: string | null;
      }
    >(
      'select id, denomination, nom_usage, identifiant_national, type_identifiant from lobby_organisation',
    )
    .all();
  if (organisations.length === 0) return 0;
  const byKey = new Map<string, { id: number; name: string }[]>();
  const bySiren = new Map<string, { id: number; name: string }>();
  for (const o of organisations) {
    for (const name of new Set([o.denomination, o.nom_usage].filter((n): n is string => !!n))) {
      const key = organisationKey(name);
      if (key.length < 3) continue;
      byKey.set(key, [...(byKey.get(key) ?? []), { id: o.id, name }]);
    }
    if (
      o.type_identifiant === 'SIREN' &&
      o.identifiant_national &&
      /^\d{9}$/.test(o.identifiant_national)
    ) {
      bySiren.set(o.identifiant_national, { id: o.id, name: o.denomination });
    }
  }
  const items = sqlite
    .prepare<
      [],
      {
        acteur_uid: string;
        declaration_id: string;
        section: string;
        organisation: string | null;
        description: string | null;
        person: string | null;
      }
    >(
      `select di.acteur_uid, i.declaration_id, i.section, i.organisation, i.description, i.person
       from deputy_interest di join declaration_item i on i.declaration_id = di.current_id
       where i.section in (${ORGANISATION_SECTIONS.map((s) => `'${s}'`).join(', ')}, 'collaborateur')
       order by di.acteur_uid, i.section, i.position`,
    )
    .all();
  const dismissed = new Set(
    sqlite
      .prepare<[], { k: string }>(
        'select kind || char(0) || organisation_id || char(0) || acteur_uid || char(0) || evidence_key as k from lobby_match_dismissal',
      )
      .all()
      .map((r) => r.k),
  );
  const found = new Map<string, NewMatch>();
  const add = (m: Omit<NewMatch, 'dismissed'>) => {
    const key = [m.kind, m.organisation_id, m.acteur_uid, m.evidence_key].join('\u0000');
    const before = found.get(key);
    if (
      before &&
      RANK[before.confidence as MatchConfidence] >= RANK[m.confidence as MatchConfidence]
    )
      return;
    found.set(key, { ...m, dismissed: dismissed.has(key) ? 1 : 0 });
  };
  const organisationMatches = (declared: string, description: string | null) => {
    const out: { id: number; name: string; method: string; confidence: MatchConfidence }[] = [];
    const sirens = [...sirensIn(declared), ...(description ? sirensIn(description, true) : [])];
    for (const siren of new Set(sirens)) {
      const o = bySiren.get(siren);
      if (o) out.push({ ...o, method: 'siren', confidence: 'haute' });
    }
    for (const o of byKey.get(organisationKey(declared)) ?? []) {
      const confidence = nameMatch(declared, o.name);
      if (confidence) out.push({ ...o, method: 'nom', confidence });
    }
    return out;
  };
  if (items.length > 0) {
    const people = sqlite
      .prepare<
        [],
        {
          organisation_id: number;
          prenom: string | null;
          nom: string;
          name_key: string;
          denomination: string;
        }
      >(
        `select p.organisation_id, p.prenom, p.nom, p.name_key, o.denomination from (
           select organisation_id, prenom, nom, name_key from lobby_director
           union select organisation_id, prenom, nom, name_key from lobby_collaborator) p
         join lobby_organisation o on o.id = p.organisation_id`,
      )
      .all();
    const byPerson = new Map<string, { id: number; name: string; person: string }[]>();
    for (const p of people) {
      const person = `${p.prenom ?? ''} ${p.nom}`.trim();
      // The stored folded "first last" (name_key, written at ingest), and "last first".
      for (const key of new Set([p.name_key, fold(`${p.nom} ${p.prenom ?? ''}`)])) {
        if (!key.includes(' ')) continue;
        byPerson.set(key, [
          ...(byPerson.get(key) ?? []),
          { id: p.organisation_id, name: p.denomination, person },
        ]);
      }
    }
    for (const item of items) {
      if (item.section === 'collaborateur') {
        if (!item.person) continue;
        const key = fold(item.person);
        // "Néant", "Aucun", "[Données non publiées]": no employer declared.
        const organisation =
          item.organisation && !NO_EMPLOYER.test(fold(item.organisation))
            ? item.organisation
            : null;
        const employer = organisation ? organisationMatches(organisation, null) : [];
        for (const p of byPerson.get(key) ?? []) {
          add({
            kind: 'collaborateur',
            organisation_id: p.id,
            acteur_uid: item.acteur_uid,
            evidence_key: `collaborateur:${key}`,
            section: item.section,
            declared: organisation ? `${item.person} (${organisation})` : item.person,
            registered: `${p.person}, ${p.name}`,
            declaration_id: item.declaration_id,
            method: 'personne',
            confidence: employer.some((e) => e.id === p.id) ? 'moyenne' : 'faible',
          });
        }
        continue;
      }
      if (!item.organisation) continue;
      for (const m of organisationMatches(item.organisation, item.description)) {
        add({
          kind: 'organisation',
          organisation_id: m.id,
          acteur_uid: item.acteur_uid,
          evidence_key: `${item.section}:${organisationKey(item.organisation)}`,
          section: item.section,
          declared: item.organisation,
          registered: m.name,
          declaration_id: item.declaration_id,
          method: m.method,
          confidence: m.confidence,
        });
      }
    }
  }
  await insertRows(trx, 'lobby_match', [...found.values()]);
  return found.size;
}

/**
 * Rebuilds `lobby_dossier_link`: each dossier whose folded title (at least 4 words, "projet de
 * loi relatif à l'énergie et au climat") appears whole, as a phrase, in an activity's folded
 * object and domains (the full-text index). A dossier absent (no dossiers source) links nothing.
 */
export async function recomputeLobbyDossierLinks(trx: Transaction<Database>): Promise<number> {
  const sqlite = sqliteHandle(trx);
  sqlite.prepare('delete from lobby_dossier_link').run();
  if (Number(sqlite.prepare('select count(*) from lobby_activity').pluck().get()) === 0) return 0;
  const dossiers = sqlite
    .prepare<[], { uid: string; title: string }>('select uid, title from dossier')
    .all();
  const match = sqlite.prepare<[string], { id: number; organisation_id: number }>(
    `select a.id, a.organisation_id from lobby_activity_fts f join lobby_activity a on a.id = f.rowid
     where lobby_activity_fts match ? and a.organisation_id is not null`,
  );
  const insert = sqlite.prepare(
    'insert or ignore into lobby_dossier_link (dossier_uid, activity_id, organisation_id) values (?, ?, ?)',
  );
  let n = 0;
  for (const d of dossiers) {
    const words = fold(d.title).split(' ').filter(Boolean);
    if (words.length < 4) continue;
    for (const a of match.all(`"${words.join(' ')}"`))
      n += insert.run(d.uid, a.id, a.organisation_id).changes;
  }
  return n;
}
