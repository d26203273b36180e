import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.ts';
import { circonscriptions, type Circonscription } from './geo.ts';

/** A département (or overseas collectivity, or the deputies abroad) with its counts. */
export interface Departement {
  code: string;
  name: string;
  circonscriptions: number;
  vacant: number;
  /** Communes in it (INSEE's and La Poste's, arrondissements not counted); null abroad. */
  communes: number | null;
}

/** Communes per département, from the places a search can land on. */
async function communeCounts(db: Kysely<Database>, code: string | null) {
  let q = db
    .selectFrom('geo_area')
    .select((eb) => ['departement_code', eb.fn.countAll<number>().as('n')])
    .where('kind', '!=', 'arrondissement')
    .where('departement_code', 'is not', null)
    .groupBy('departement_code');
  if (code) q = q.where('departement_code', '=', code);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.departement_code!, Number(r.n)]));
}

function summarise(circos: readonly Circonscription[], communes: Map<string, number>) {
  const byCode = new Map<string, Departement>();
  for (const c of circos) {
    const d = byCode.get(c.departement_code) ?? {
      code: c.departement_code,
      name: c.departement_name,
      circonscriptions: 0,
      vacant: 0,
      communes: communes.get(c.departement_code) ?? null,
    };
    d.circonscriptions++;
    if (c.deputies.length === 0) d.vacant++;
    byCode.set(c.departement_code, d);
  }
  return [...byCode.values()];
}

/** Every département with circonscriptions, in the AN's order (01…95, 971…988, 099). */
export async function listDepartements(
  db: Kysely<Database>,
  legislature: number,
): Promise<Departement[]> {
  const [circos, communes] = await Promise.all([
    circonscriptions(db, legislature),
    communeCounts(db, null),
  ]);
  // In the order of circonscriptions(), which is the AN's.
  return summarise(circos, communes);
}

/** One département with its circonscriptions and their deputies, or null when none is known. */
export async function getDepartement(db: Kysely<Database>, legislature: number, code: string) {
  const [circos, communes] = await Promise.all([
    circonscriptions(db, legislature, [code]),
    communeCounts(db, code),
  ]);
  const [departement] = summarise(circos, communes);
  return departement ? { departement, circos } : null;
}
