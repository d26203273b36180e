// Writes parsed HATVP records: the index (one transaction), declaration files (a batch per
// transaction, each declaration replaced whole), and the figures derived from them.
import type { Kysely, Transaction } from 'kysely';
import type {
  Database,
  NewDeclaration,
  NewDeclarationItem,
  NewDeputyInterest,
  XmlStatus,
} from '../../db/schema/index.ts';
import { insertRows } from '../../db/insert.ts';
import { fold } from '../../domain/text.ts';
import { acteurIndex, activitiesKey, declarantsOf, linkDeclarant, versions } from './derive.ts';
import type { IndexRow, ParsedIndex } from './parse-index.ts';
import type { ParsedDeclaration, ParsedItem } from './parse-declaration.ts';
import { SECTIONS, type Section } from '../../domain/hatvp-sections.ts';

type Trx = Transaction<Database>;

export interface IndexCounts {
  added: number;
  changed: number;
  removed: number;
}

/** What became of one declaration file. */
export type FileResult =
  | { id: string; kind: 'parsed'; declaration: ParsedDeclaration; hash: string }
  | { id: string; kind: 'missing' | 'failed' | 'invalid'; reason: string };

const PROBLEM_KIND: Record<Extract<FileResult, { reason: string }>['kind'], string> = {
  missing: 'absent',
  failed: 'http',
  invalid: 'xml',
};

/** The state of a line's XML file before any fetch. */
function initialStatus(row: IndexRow): XmlStatus {
  if (!row.xmlFile) return 'none';
  return row.family === 'interets' ? 'pending' : 'skipped';
}

function indexColumns(row: IndexRow) {
  return {
    row_hash: row.rowHash,
    declarant_key: row.declarantKey,
    civility: row.civility,
    first_name: row.firstName,
    last_name: row.lastName,
    mandate_type: row.mandateType,
    qualite: row.qualite,
    document_type: row.documentType,
    family: row.family,
    number: row.number,
    departement: row.departement,
    published_on: row.publishedOn,
    deposited_on: row.depositedOn,
    pdf_file: row.pdfFile,
    hatvp_path: row.hatvpPath,
    xml_file: row.xmlFile,
    publication_status: row.publicationStatus,
    origin_id: row.originId,
  };
}

/**
 * Brings the declaration table in line with the index: new lines added (their file to fetch),
 * changed lines updated (their file fetched again, items kept until then), vanished lines
 * removed with their items. Problems of unreadable lines replace the previous ones.
 */
export async function ingestIndex(trx: Trx, index: ParsedIndex): Promise<IndexCounts> {
  const previous = new Map(
    (await trx.selectFrom('declaration').select(['id', 'row_hash']).execute()).map((r) => [
      r.id,
      r.row_hash,
    ]),
  );
  const added: NewDeclaration[] = [];
  let changed = 0;
  for (const row of index.rows) {
    const before = previous.get(row.id);
    previous.delete(row.id);
    if (before === undefined) {
      added.push({ id: row.id, ...indexColumns(row), xml_status: initialStatus(row) });
    } else if (before !== row.rowHash) {
      changed++;
      await trx
        .updateTable('declaration')
        .set({ ...indexColumns(row), xml_status: initialStatus(row), xml_error: null })
        .where('id', '=', row.id)
        .execute();
    }
  }
  await insertRows(trx, 'declaration', added);
  const removed = [...previous.keys()];
  for (let i = 0; i < removed.length; i += 500) {
    const chunk = removed.slice(i, i + 500);
    await trx.deleteFrom('declaration_problem').where('declaration_id', 'in', chunk).execute();
    await trx.deleteFrom('declaration').where('id', 'in', chunk).execute();
  }
  await trx.deleteFrom('declaration_problem').where('line', 'is not', null).execute();
  await insertRows(
    trx,
    'declaration_problem',
    index.problems.map((p) => ({ line: p.line, kind: 'ligne', message: p.message })),
  );
  return { added: added.length, changed, removed: removed.length };
}

function declarationFacts(trx: Kysely<Database>) {
  return trx
    .selectFrom('declaration')
    .select([
      'id',
      'declarant_key',
      'civility',
      'first_name',
      'last_name',
      'mandate_type',
      'family',
      'departement',
      'deposited_on',
      'number',
      'hatvp_path',
      'origin_id',
      'parsed',
    ]);
}

/** Rebuilds the declarants and their links to acteurs (after the index or the acteurs change). */
export async function refreshLinks(trx: Trx): Promise<void> {
  const declarants = declarantsOf(await declarationFacts(trx).execute());
  const index = acteurIndex(
    await trx
      .selectFrom('acteur')
      .select(['uid', 'hatvp_url', 'name_key', 'departement_code'])
      .execute(),
  );
  await trx.deleteFrom('declarant').execute();
  await insertRows(
    trx,
    'declarant',
    declarants.map((d) => {
      const link = linkDeclarant(d, index);
      return {
        key: d.key,
        civility: d.civility,
        first_name: d.first_name,
        last_name: d.last_name,
        name_key: d.name_key,
        is_deputy: d.is_deputy ? 1 : 0,
        departement: d.departements[0] ?? null,
        origin_id: d.origin_ids[0] ?? null,
        hatvp_path: d.hatvp_paths[0] ?? null,
        declarations: d.declarations,
        acteur_uid: link.acteur_uid,
        link_method: link.method,
        unlinked_reason: link.reason,
      };
    }),
  );
}

function itemRow(id: number, declarationId: string, item: ParsedItem): NewDeclarationItem {
  const valued = item.amounts.filter((a): a is typeof a & { amount: number } => a.amount !== null);
  const last = [...valued]
    .filter((a) => a.year !== null)
    .sort((a, b) => (a.year ?? 0) - (b.year ?? 0))
    .at(-1);
  const flag = (value: boolean | null) => (value === null ? null : value ? 1 : 0);
  return {
    id,
    declaration_id: declarationId,
    section: item.section,
    position: item.position,
    organisation: item.organisation,
    description: item.description,
    person: item.person,
    comment: item.comment,
    advisory_org: item.advisory_org,
    start_month: item.start_month,
    end_month: item.end_month,
    kept: flag(item.kept),
    gross_net: item.gross_net,
    value: item.value,
    capital_share: item.capital_share,
    shares: item.shares,
    income: item.income,
    income_text: item.income_text,
    advisory: flag(item.advisory),
    redacted: item.redacted ? 1 : 0,
    amount_total: valued.length > 0 ? valued.reduce((sum, a) => sum + a.amount, 0) : null,
    last_year: last?.year ?? null,
    last_amount: last?.amount ?? null,
    search_key: fold(
      [
        item.organisation,
        item.description,
        item.person,
        item.comment,
        item.advisory_org,
        item.income_text,
      ]
        .filter(Boolean)
        .join(' '),
    ),
  };
}

/**
 * Records the outcome of declaration files. A parsed file replaces the declaration's items;
 * a failure is recorded with its reason and leaves the items of an earlier read in place.
 */
export async function ingestFiles(
  trx: Trx,
  results: FileResult[],
  checkedAt: string,
): Promise<void> {
  const { max } = await trx
    .selectFrom('declaration_item')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirstOrThrow();
  let nextId = Number(max ?? 0) + 1;
  const items: NewDeclarationItem[] = [];
  const amounts: Record<string, unknown>[] = [];
  const problems: Record<string, unknown>[] = [];
  const ids = results.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    await trx
      .deleteFrom('declaration_problem')
      .where('declaration_id', 'in', ids.slice(i, i + 500))
      .execute();
  }
  // Failures share few reasons (a 404 mostly): one update per reason.
  type Failure = Extract<FileResult, { reason: string }>;
  const failures = new Map<string, { kind: Failure['kind']; reason: string; ids: string[] }>();
  for (const result of results) {
    if (result.kind !== 'parsed') {
      const key = `${result.kind}\u0000${result.reason}`;
      const group = failures.get(key) ?? { kind: result.kind, reason: result.reason, ids: [] };
      group.ids.push(result.id);
      failures.set(key, group);
      problems.push({
        declaration_id: result.id,
        kind: PROBLEM_KIND[result.kind],
        message: result.reason,
      });
      continue;
    }
    const d = result.declaration;
    await trx.deleteFrom('declaration_item').where('declaration_id', '=', result.id).execute();
    for (const item of d.items) {
      const id = nextId++;
      items.push(itemRow(id, result.id, item));
      item.amounts.forEach((a, position) =>
        amounts.push({
          item_id: id,
          position: position + 1,
          year: a.year,
          amount: a.amount,
          text: a.text,
        }),
      );
    }
    for (const w of d.warnings) {
      problems.push({ declaration_id: result.id, kind: w.kind, message: w.message });
    }
    await trx
      .updateTable('declaration')
      .set({
        xml_status: 'ok',
        xml_error: d.warnings.length > 0 ? `${d.warnings.length} avertissement(s)` : null,
        xml_checked_at: checkedAt,
        xml_hash: result.hash,
        parsed: 1,
        uuid: d.uuid,
        deposited_at: d.depositedAt,
        xml_type: d.type,
        modifying: d.modifying === null ? null : d.modifying ? 1 : 0,
        office: d.office,
        mandate_start: d.mandateStart,
        mandate_end: d.mandateEnd,
        asset_sections: d.assetSections,
        items: d.items.length,
      })
      .where('id', '=', result.id)
      .execute();
  }
  for (const { kind, reason, ids: failed } of failures.values()) {
    for (let i = 0; i < failed.length; i += 500) {
      await trx
        .updateTable('declaration')
        .set({ xml_status: kind, xml_error: reason, xml_checked_at: checkedAt })
        .where('id', 'in', failed.slice(i, i + 500))
        .execute();
    }
  }
  await insertRows(trx, 'declaration_item', items);
  await insertRows(trx, 'declaration_amount', amounts);
  await insertRows(trx, 'declaration_problem', problems);
}

/**
 * Recomputes what depends on the parsed files: the current version of each series, and per
 * deputy the content of their current declaration of interests (counts per section, total
 * declared value of financial participations, declared activities for the profession filter).
 * With `keys`, only the series and deputies of those declarants.
 */
export async function refreshDerived(trx: Trx, keys?: string[]): Promise<void> {
  if (keys?.length === 0) return;
  let facts = declarationFacts(trx);
  if (keys) facts = facts.where('declarant_key', 'in', keys);
  const computed = versions(await facts.execute());
  let stored = trx.selectFrom('declaration').select(['id', 'current', 'superseded_by']);
  if (keys) stored = stored.where('declarant_key', 'in', keys);
  const before = new Map((await stored.execute()).map((r) => [r.id, r]));
  for (const [id, v] of computed) {
    const row = before.get(id);
    if (row && row.current === (v.current ? 1 : 0) && row.superseded_by === v.superseded_by) {
      continue;
    }
    await trx
      .updateTable('declaration')
      .set({ current: v.current ? 1 : 0, superseded_by: v.superseded_by })
      .where('id', '=', id)
      .execute();
  }

  let acteurs = trx
    .selectFrom('declarant')
    .select('acteur_uid')
    .distinct()
    .where('acteur_uid', 'is not', null);
  if (keys) acteurs = acteurs.where('key', 'in', keys);
  const uids = (await acteurs.execute()).map((r) => r.acteur_uid!);
  if (!keys) await trx.deleteFrom('deputy_interest').execute();
  if (uids.length === 0) return;
  if (keys) await trx.deleteFrom('deputy_interest').where('acteur_uid', 'in', uids).execute();
  await insertRows(trx, 'deputy_interest', await deputyInterests(trx, uids));
}

/** What each deputy's current declaration of interests holds. */
async function deputyInterests(trx: Trx, uids: string[]): Promise<NewDeputyInterest[]> {
  const linked = await trx
    .selectFrom('declarant as p')
    .innerJoin('declaration as d', 'd.declarant_key', 'p.key')
    .select([
      'p.acteur_uid',
      'p.key',
      'd.id',
      'd.mandate_type',
      'd.family',
      'd.current',
      'd.deposited_on',
      'd.superseded_by',
    ])
    .where('p.acteur_uid', 'in', uids)
    .execute();
  const perActeur = new Map<string, typeof linked>();
  for (const row of linked) {
    perActeur.set(row.acteur_uid!, [...(perActeur.get(row.acteur_uid!) ?? []), row]);
  }
  const currentOf = new Map<string, (typeof linked)[number]>();
  for (const [uid, rows] of perActeur) {
    // The deputy's own series first; a declaration for another office otherwise.
    const chosen = rows
      .filter((r) => r.family === 'interets' && r.current === 1)
      .sort(
        (a, b) =>
          Number(a.mandate_type === 'depute') - Number(b.mandate_type === 'depute') ||
          (a.deposited_on ?? '').localeCompare(b.deposited_on ?? ''),
      )
      .at(-1);
    if (chosen) currentOf.set(uid, chosen);
  }
  const ids = [...currentOf.values()].map((r) => r.id);
  const items =
    ids.length === 0
      ? []
      : await trx
          .selectFrom('declaration_item')
          .select(['declaration_id', 'section', 'description', 'value'])
          .where('declaration_id', 'in', ids)
          .execute();
  const itemsOf = new Map<string, typeof items>();
  for (const item of items) {
    itemsOf.set(item.declaration_id, [...(itemsOf.get(item.declaration_id) ?? []), item]);
  }
  return [...perActeur.entries()].map(([uid, rows]) => {
    const current = currentOf.get(uid) ?? null;
    const own = current ? (itemsOf.get(current.id) ?? []) : [];
    const counts = Object.fromEntries(
      SECTIONS.map((s) => [s, own.filter((i) => i.section === s).length]),
    ) as Record<Section, number>;
    const values = own.filter((i) => i.section === 'participation' && i.value !== null);
    return {
      acteur_uid: uid,
      declarant_key: current?.key ?? rows[0]!.key,
      declarations: rows.length,
      current_id: current?.id ?? null,
      current_deposited_on: current?.deposited_on ?? null,
      update_pending: current?.superseded_by ? 1 : 0,
      ...counts,
      participation_value:
        values.length > 0 ? values.reduce((sum, i) => sum + (i.value ?? 0), 0) : null,
      activities_key: activitiesKey(
        own
          .filter((i) => i.section === 'activite' || i.section === 'consultant')
          .map((i) => i.description),
      ),
    };
  });
}

/**
 * Declaration files to fetch: never read, or whose index line changed (pending), and those
 * that were missing or failed more than `retryHours` ago.
 */
export async function filesToFetch(
  db: Kysely<Database>,
  now: Date,
  retryHours: number,
): Promise<{ id: string; xml_file: string; document_type: string; declarant_key: string }[]> {
  const before = new Date(now.getTime() - retryHours * 3_600_000).toISOString();
  const rows = await db
    .selectFrom('declaration')
    .select(['id', 'xml_file', 'document_type', 'declarant_key'])
    .where('xml_file', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('xml_status', '=', 'pending'),
        eb.and([
          eb('xml_status', 'in', ['missing', 'failed', 'invalid']),
          eb.or([eb('xml_checked_at', 'is', null), eb('xml_checked_at', '<=', before)]),
        ]),
      ]),
    )
    .orderBy('deposited_on', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, xml_file: r.xml_file! }));
}
