import type { Transaction } from 'kysely';
import type { Database, NewChangeEvent } from '../../db/schema/index.ts';
import { sqliteHandle } from '../../db/database.ts';
import { insertRows } from '../../db/insert.ts';
import { appendChanges } from '../../db/state/changes.ts';
import { LOBBY_TABLES, type LobbyTableName } from '../../domain/lobbies.ts';
import { fold } from '../../domain/text.ts';
import { initialImport, type ChangeContext } from '../lib/changes.ts';
import { sha256 } from '../lib/download.ts';
import { recomputeLobbyDossierLinks, recomputeLobbyMatches } from '../lib/lobby-matches.ts';
import type { Measure } from '../lib/source.ts';
import type { ZipEntry } from '../lib/zip.ts';
import { activityAdded, expenseChanged, organisationRegistered } from './changes.ts';
import { LobbyTableError, lobbyTableOf, parseLobbyTable, type BadRow } from './parse.ts';

export interface LobbiesIngestResult {
  /** Tables found in the archive (of the 15). */
  tables: number;
  /** Tables whose entry is unchanged (not parsed), rewritten, or refused (previous rows kept). */
  unchanged: number;
  rewritten: number;
  /** Organisations registered since the last ingest, and gone from it. */
  added: number;
  removed: number;
  /** Organisations read now (the stored ones when their table is unchanged). */
  organisations: number;
  /** Each rewritten table's rows stored before and after, for the plausibility check. */
  measures: Measure[];
  /** "<file> ligne <n>: <reason>" for each bad row or refused table. */
  errors: string[];
}

/** Where each table's rows go, and the column its stored rows are deleted by. */
const TARGET: Record<LobbyTableName, keyof Database & string> = {
  informations_generales: 'lobby_organisation',
  dirigeants: 'lobby_director',
  collaborateurs: 'lobby_collaborator',
  clients: 'lobby_client',
  affiliations: 'lobby_affiliation',
  niveaux_intervention: 'lobby_level',
  secteurs_activites: 'lobby_sector',
  exercices: 'lobby_exercise',
  objets_activites: 'lobby_activity',
  domaines_intervention: 'lobby_activity_domain',
  observations: 'lobby_action',
  actions_menees: 'lobby_action_type',
  beneficiaires: 'lobby_beneficiary',
  decisions_concernees: 'lobby_decision',
  ministeres_aai_api: 'lobby_target',
};

/** What each table's rows are, in French, for the plausibility check's message. */
const WHAT: Record<LobbyTableName, string> = {
  informations_generales: "représentants d'intérêts",
  dirigeants: 'dirigeants',
  collaborateurs: 'collaborateurs',
  clients: 'clients',
  affiliations: 'affiliations',
  niveaux_intervention: "niveaux d'intervention",
  secteurs_activites: "secteurs d'activité",
  exercices: 'exercices',
  objets_activites: 'activités',
  domaines_intervention: "domaines d'intervention",
  observations: 'actions',
  actions_menees: "types d'action",
  beneficiaires: 'bénéficiaires',
  decisions_concernees: 'décisions concernées',
  ministeres_aai_api: 'responsables publics visés',
};

/** The tables whose rows have an id of their own: a bad row keeps its stored version. */
const KEYED = new Set<LobbyTableName>([
  'informations_generales',
  'exercices',
  'objets_activites',
  'observations',
]);

/** The tables whose replacement makes change events, in the order the events are listed. */
const EVENT_TABLES: LobbyTableName[] = ['informations_generales', 'objets_activites', 'exercices'];

const BATCH = 1000;

/**
 * Writes the register's tables as the archive's entries arrive, incrementally: an entry whose
 * SHA-256 is the stored one is not parsed; a changed one replaces its table's rows (a bad row
 * of a keyed table keeps its stored version, and every bad row is reported with its file and
 * line). A table whose header lacks a column is refused whole and keeps its rows. Then the
 * derived data is rebuilt when anything changed: each activity's organisation and search
 * text, the full-text index, the per-organisation summary, the cross-checks with the
 * deputies' declarations (scrapers/lib/lobby-matches.ts). Change events: organisation
 * registered, new activity, expense band changed (one initial-import event the first time).
 * Runs inside the caller's transaction; memory holds one table's rows at a time.
 */
export async function ingestLobbies(
  trx: Transaction<Database>,
  entries: AsyncIterable<ZipEntry>,
  changes: ChangeContext,
  onProgress: (done: number) => void = () => {},
): Promise<LobbiesIngestResult> {
  const sqlite = sqliteHandle(trx);
  const count = (table: string) =>
    Number(sqlite.prepare(`select count(*) from ${table}`).pluck().get());
  const storedOrganisations = count('lobby_organisation');
  const first = storedOrganisations === 0;
  const result: LobbiesIngestResult = {
    tables: 0,
    unchanged: 0,
    rewritten: 0,
    added: 0,
    removed: 0,
    organisations: storedOrganisations,
    measures: [],
    errors: [],
  };
  const storedHash = new Map(
    sqlite
      .prepare<[], { table_name: string; content_hash: string }>(
        'select table_name, content_hash from lobby_file',
      )
      .all()
      .map((r) => [r.table_name, r.content_hash]),
  );
  const seen = new Map<LobbyTableName, string>();
  const events: NewChangeEvent[] = [];
  const replaced = new Set<LobbyTableName>();
  const report = (file: string, bad: BadRow) =>
    result.errors.push(`${file} ligne ${bad.line}: ${bad.reason}`);

  for await (const { name, bytes } of entries) {
    const table = lobbyTableOf(name);
    if (!table) continue;
    if (seen.has(table)) {
      result.errors.push(`${name}: table ${table} déjà lue dans ${seen.get(table)}, ignorée`);
      continue;
    }
    seen.set(table, name);
    result.tables++;
    const hash = sha256(bytes);
    if (storedHash.get(table) === hash) {
      result.unchanged++;
      onProgress(result.tables);
      continue;
    }
    let parsed;
    try {
      parsed = parseLobbyTable(table, bytes);
    } catch (error) {
      if (!(error instanceof LobbyTableError)) throw error;
      result.errors.push(
        `${name}: ${error.message} ; table non lue, données précédentes conservées`,
      );
      continue;
    }
    for (const bad of parsed.bad) report(name, bad);
    const target = TARGET[table];
    const keep = KEYED.has(table)
      ? parsed.bad.flatMap((b) => (b.key === undefined ? [] : [b.key]))
      : [];
    const stored = count(target);
    if (!first) snapshot(sqlite, table);
    if (keep.length > 0) {
      sqlite.exec('create temp table if not exists lobby_keep (id integer primary key)');
      sqlite.exec('delete from temp.lobby_keep');
      const add = sqlite.prepare('insert or ignore into temp.lobby_keep (id) values (?)');
      for (const id of keep) add.run(id);
      sqlite
        .prepare(`delete from ${target} where id not in (select id from temp.lobby_keep)`)
        .run();
    } else {
      sqlite.prepare(`delete from ${target}`).run();
    }
    const kept = new Set(
      keep.length > 0 ? sqlite.prepare<[], number>(`select id from ${target}`).pluck().all() : [],
    );
    const rows =
      kept.size > 0 ? parsed.rows.filter((r) => !kept.has((r as { id: number }).id)) : parsed.rows;
    for (let i = 0; i < rows.length; i += BATCH) {
      await insertRows(
        trx,
        target as keyof Database & string,
        rows.slice(i, i + BATCH) as object[],
      );
    }
    result.measures.push({ file: name, what: WHAT[table], stored, next: count(target) });
    replaced.add(table);
    sqlite
      .prepare(
        'insert or replace into lobby_file (table_name, file_name, content_hash) values (?, ?, ?)',
      )
      .run(table, name, hash);
    result.rewritten++;
    onProgress(result.tables);
  }
  for (const table of LOBBY_TABLES) {
    if (!seen.has(table))
      result.errors.push(`(archive): aucune table ${table} (fichier <n>_${table}.csv)`);
  }
  if (result.rewritten > 0) {
    derive(sqlite, result);
    // The events once every table is read, so that an activity's organisation or an
    // exercise's denomination never depends on the order of the archive's entries.
    if (!first) {
      for (const table of EVENT_TABLES)
        if (replaced.has(table)) events.push(...diff(sqlite, table, changes));
    }
    if (replaced.has('informations_generales')) {
      result.organisations = count('lobby_organisation');
      result.added = first
        ? result.organisations
        : events.filter((e) => e.kind === 'lobby_registered').length;
      if (!first) {
        result.removed = Number(
          sqlite.prepare('select count(*) from temp.lobby_prev_org where gone = 1').pluck().get(),
        );
      }
    }
    await recomputeLobbyMatches(trx);
    await recomputeLobbyDossierLinks(trx);
    await appendChanges(
      trx,
      first ? [initialImport(changes, result.organisations, "représentants d'intérêts")] : events,
    );
  }
  sqlite.exec(
    'drop table if exists temp.lobby_prev_org; drop table if exists temp.lobby_prev_activity; drop table if exists temp.lobby_prev_exercise; drop table if exists temp.lobby_keep',
  );
  return result;
}

/** Keeps what the change events compare, before a table is replaced. */
function snapshot(sqlite: ReturnType<typeof sqliteHandle>, table: LobbyTableName) {
  if (table === 'informations_generales') {
    sqlite.exec(`drop table if exists temp.lobby_prev_org;
      create temp table lobby_prev_org as select id, denomination, 0 as gone from lobby_organisation`);
  } else if (table === 'objets_activites') {
    sqlite.exec(`drop table if exists temp.lobby_prev_activity;
      create temp table lobby_prev_activity as select id from lobby_activity`);
    sqlite.exec('create unique index temp.lobby_prev_activity_id on lobby_prev_activity (id)');
  } else if (table === 'exercices') {
    sqlite.exec(`drop table if exists temp.lobby_prev_exercise;
      create temp table lobby_prev_exercise as select id, organisation_id, montant_depense, annee_debut from lobby_exercise`);
    sqlite.exec('create unique index temp.lobby_prev_exercise_id on lobby_prev_exercise (id)');
  }
}

/** The change events of a replaced table, against its snapshot. */
function diff(
  sqlite: ReturnType<typeof sqliteHandle>,
  table: LobbyTableName,
  ctx: ChangeContext,
): NewChangeEvent[] {
  if (table === 'informations_generales') {
    sqlite.exec(
      'update temp.lobby_prev_org set gone = 1 where id not in (select id from lobby_organisation)',
    );
    return sqlite
      .prepare<[], { id: number; denomination: string; categorie: string | null }>(
        'select id, denomination, categorie from lobby_organisation where id not in (select id from temp.lobby_prev_org) order by id',
      )
      .all()
      .map((o) => organisationRegistered(ctx, o));
  }
  if (table === 'objets_activites') {
    return sqlite
      .prepare<
        [],
        {
          id: number;
          exercise_id: number;
          objet: string;
          denomination: string | null;
          organisation_id: number | null;
        }
      >(
        `select a.id, a.exercise_id, a.objet, o.denomination, e.organisation_id from lobby_activity a
         left join lobby_exercise e on e.id = a.exercise_id
         left join lobby_organisation o on o.id = e.organisation_id
         where a.id not in (select id from temp.lobby_prev_activity) order by a.id`,
      )
      .all()
      .map((a) => activityAdded(ctx, a));
  }
  if (table === 'exercices') {
    return sqlite
      .prepare<
        [],
        {
          organisation_id: number;
          denomination: string | null;
          annee_debut: number | null;
          before: string | null;
          after: string | null;
        }
      >(
        `select e.organisation_id, o.denomination, e.annee_debut, p.montant_depense as before, e.montant_depense as after
         from lobby_exercise e join temp.lobby_prev_exercise p on p.id = e.id
         left join lobby_organisation o on o.id = e.organisation_id
         where p.montant_depense is not e.montant_depense order by e.id`,
      )
      .all()
      .map((e) => expenseChanged(ctx, e));
  }
  return [];
}

/**
 * The data derived from the tables, rebuilt whole (a few thousand organisations): each
 * activity's organisation (through its exercise) and folded search text (object and
 * domains), the full-text index, the per-organisation summary. An activity whose exercise
 * is unknown is kept and reported.
 */
function derive(sqlite: ReturnType<typeof sqliteHandle>, result: LobbiesIngestResult) {
  sqlite.exec(`update lobby_activity set organisation_id =
    (select e.organisation_id from lobby_exercise e where e.id = lobby_activity.exercise_id)`);
  for (const a of sqlite
    .prepare<[], { line: number; id: number; exercise_id: number }>(
      'select line, id, exercise_id from lobby_activity where organisation_id is null order by line',
    )
    .all()) {
    result.errors.push(
      `objets_activites ligne ${a.line}: activité ${a.id} d'un exercice ${a.exercise_id} absent de exercices`,
    );
  }
  const update = sqlite.prepare<[string, number]>(
    'update lobby_activity set text_key = ? where id = ?',
  );
  const rows = sqlite
    .prepare<[], { id: number; objet: string; domaines: string | null }>(
      `select a.id, a.objet, (select group_concat(d.domaine, ' ') from lobby_activity_domain d where d.activity_id = a.id) as domaines
       from lobby_activity a`,
    )
    .all();
  for (const r of rows) update.run(fold(`${r.objet} ${r.domaines ?? ''}`), r.id);
  sqlite.exec("insert into lobby_activity_fts(lobby_activity_fts) values ('rebuild')");
  sqlite.exec(`delete from lobby_summary;
    insert into lobby_summary (organisation_id, activites, actions, exercices, derniere_annee, derniere_depense, derniere_depense_min, derniere_salaries)
    select o.id,
      (select count(*) from lobby_activity a where a.organisation_id = o.id),
      (select count(*) from lobby_action x join lobby_activity a on a.id = x.activity_id where a.organisation_id = o.id),
      (select count(*) from lobby_exercise e where e.organisation_id = o.id),
      l.annee_debut, l.montant_depense, l.depense_min, l.nombre_salaries
    from lobby_organisation o
    left join lobby_exercise l on l.id = (
      select e.id from lobby_exercise e where e.organisation_id = o.id and e.montant_depense is not null
      order by e.date_fin desc, e.id desc limit 1)`);
}
