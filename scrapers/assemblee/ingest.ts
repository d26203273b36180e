import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, NewActeur } from '../../db/schema/index.ts';
import { appendChanges } from '../../db/state/changes.ts';
import { insertRows } from '../../db/insert.ts';
import { initialImport, type ChangeContext } from '../lib/changes.ts';
import { ROLE_ORGAN_TYPES, deputyChanges, deputySnapshots, type OrganeNames } from './changes.ts';
import { deriveActeur } from './derive.ts';
import type { ParsedActeur, Referential } from './parse.ts';

export interface IngestCounts {
  added: number;
  changed: number;
  removed: number;
  acteurs: number;
  organes: number;
  mandats: number;
  /** Change events appended (none without a change context). */
  events: number;
}

/** A hash of an acteur's record that list order in the file does not affect. */
export function acteurHash(acteur: ParsedActeur): string {
  const canonical = {
    ...acteur,
    mandats: [...acteur.mandats].sort((a, b) => a.uid.localeCompare(b.uid)),
    adresses: [...acteur.adresses].sort((a, b) => a.uid.localeCompare(b.uid)),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/**
 * Replaces the referential tables with a parsed snapshot, inside the caller's transaction,
 * and counts acteurs added, changed and removed since the previous snapshot.
 */
export async function ingestReferential(
  trx: Transaction<Database>,
  referential: Referential,
  legislature: number,
  onRows: (n: number) => void = () => {},
  changes: ChangeContext | null = null,
): Promise<IngestCounts> {
  const before = changes ? await storedSnapshots(trx) : null;
  const previous = new Map(
    (await trx.selectFrom('acteur').select(['uid', 'record_hash']).execute()).map((r) => [
      r.uid,
      r.record_hash,
    ]),
  );
  const acteurs: NewActeur[] = [];
  let added = 0;
  let changed = 0;
  for (const parsed of referential.acteurs) {
    const { mandats: _m, adresses: _a, ...identity } = parsed;
    const record_hash = acteurHash(parsed);
    const before = previous.get(parsed.uid);
    if (before === undefined) added++;
    else if (before !== record_hash) changed++;
    previous.delete(parsed.uid);
    acteurs.push({ ...identity, ...deriveActeur(parsed, legislature), record_hash });
  }
  // A duplicated mandate uid (the same mandate listed twice) is stored once.
  const mandats = [
    ...new Map(referential.acteurs.flatMap((a) => a.mandats).map((m) => [m.uid, m])).values(),
  ];
  const adresses = [
    ...new Map(referential.acteurs.flatMap((a) => a.adresses).map((a) => [a.uid, a])).values(),
  ];
  for (const table of ['adresse', 'mandat', 'deport', 'acteur', 'organe', 'pays'] as const) {
    await trx.deleteFrom(table).execute();
  }
  await insertRows(trx, 'organe', referential.organes, onRows);
  await insertRows(trx, 'pays', referential.pays, onRows);
  await insertRows(trx, 'acteur', acteurs, onRows);
  await insertRows(trx, 'mandat', mandats, onRows);
  await insertRows(trx, 'adresse', adresses, onRows);
  await insertRows(trx, 'deport', referential.deports, onRows);
  let events = 0;
  if (changes && before) {
    const found =
      before.snapshots.size === 0
        ? [initialImport(changes, acteurs.length, 'acteurs')]
        : referentialChanges(changes, before, acteurs, mandats, adresses, referential.organes);
    await appendChanges(trx, found);
    events = found.length;
  }
  return {
    added,
    changed,
    removed: previous.size,
    acteurs: acteurs.length,
    organes: referential.organes.length,
    mandats: mandats.length,
    events,
  };
}

/** The stored acteurs as comparable snapshots, and the names of the stored organs. */
async function storedSnapshots(trx: Transaction<Database>) {
  const [acteurs, mandats, adresses, organes] = await Promise.all([
    trx
      .selectFrom('acteur')
      .select([
        'uid',
        'first_name',
        'last_name',
        'in_office',
        'group_uid',
        'party_uid',
        'profession_raw',
        'departement_code',
        'circo_number',
        'mandate_end',
      ])
      .execute(),
    trx
      .selectFrom('mandat')
      .select(['acteur_uid', 'organe_uid', 'organe_type', 'end_date', 'role_label'])
      .where('end_date', 'is', null)
      .where('organe_type', 'in', [...ROLE_ORGAN_TYPES])
      .execute(),
    trx
      .selectFrom('adresse')
      .select(['acteur_uid', 'type_label', 'kind', 'title', 'street', 'postcode', 'city', 'value'])
      .execute(),
    trx.selectFrom('organe').select(['uid', 'label', 'abbreviation']).execute(),
  ]);
  return {
    snapshots: deputySnapshots(acteurs, mandats, adresses),
    names: new Map(organes.map((o) => [o.uid, o])) as OrganeNames,
  };
}

/** Field-level events between the stored referential and the one being written. */
function referentialChanges(
  ctx: ChangeContext,
  before: Awaited<ReturnType<typeof storedSnapshots>>,
  acteurs: NewActeur[],
  mandats: Referential['acteurs'][number]['mandats'],
  adresses: Referential['acteurs'][number]['adresses'],
  organes: Referential['organes'],
) {
  const after = deputySnapshots(
    acteurs.map((a) => ({
      uid: a.uid,
      first_name: a.first_name,
      last_name: a.last_name,
      in_office: a.in_office,
      group_uid: a.group_uid ?? null,
      party_uid: a.party_uid ?? null,
      profession_raw: a.profession_raw ?? null,
      departement_code: a.departement_code ?? null,
      circo_number: a.circo_number ?? null,
      mandate_end: a.mandate_end ?? null,
    })),
    mandats,
    adresses,
  );
  // Names of organs as now published, those gone from the file as last stored.
  const names: OrganeNames = new Map([...before.names, ...organes.map((o) => [o.uid, o] as const)]);
  const uids = [...new Set([...before.snapshots.keys(), ...after.keys()])].sort();
  return uids.flatMap((uid) =>
    deputyChanges(ctx, before.snapshots.get(uid), after.get(uid), names),
  );
}

/** Rows the ingest writes, for progress totals. */
export function referentialRowCount(referential: Referential): number {
  return (
    referential.organes.length +
    referential.pays.length +
    referential.acteurs.length +
    referential.acteurs.reduce((n, a) => n + a.mandats.length + a.adresses.length, 0) +
    referential.deports.length
  );
}
