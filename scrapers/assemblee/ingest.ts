import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, NewActeur } from '../../db/schema.ts';
import { insertChunked } from '../../db/insert.ts';
import { deriveActeur } from './derive.ts';
import type { ParsedActeur, Referential } from './parse.ts';

export interface IngestCounts {
  added: number;
  changed: number;
  removed: number;
  acteurs: number;
  organes: number;
  mandats: number;
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
): Promise<IngestCounts> {
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
  await insertChunked(trx, 'organe', referential.organes, onRows);
  await insertChunked(trx, 'pays', referential.pays, onRows);
  await insertChunked(trx, 'acteur', acteurs, onRows);
  await insertChunked(trx, 'mandat', mandats, onRows);
  await insertChunked(trx, 'adresse', adresses, onRows);
  await insertChunked(trx, 'deport', referential.deports, onRows);
  return {
    added,
    changed,
    removed: previous.size,
    acteurs: acteurs.length,
    organes: referential.organes.length,
    mandats: mandats.length,
  };
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
