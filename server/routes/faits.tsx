import { Hono } from 'hono';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { listFacts, type FactFilter } from '../../db/queries/faits.ts';
import { FACT_KINDS } from '../../domain/facts.ts';
import { FaitsPage } from '../../views/faits/faits.tsx';
import type { AppEnv } from '../app.tsx';
import { FACT_COLUMNS } from '../records/faits.ts';
import { listRoute } from '../lib/list-route.ts';
import { enumParam } from '../lib/query.ts';

const faitsQuery = z.object({
  depute: z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v) || undefined,
    z
      .string()
      .regex(/^PA\d{1,10}$/, 'identifiant de député attendu (PA…)')
      .optional(),
  ),
  type: enumParam(FACT_KINDS),
});

const FACTS_META = {
  source: 'Faits vérifiés par les administrateurs du site, chacun avec sa source',
  licence: 'Licence Ouverte / Open Licence 2.0 (Etalab)',
};

/** `/faits` (HTML, CSV, JSON): every curated fact, filtered by deputy or type. */
export function faitsRoutes(db: DB) {
  const app = new Hono<AppEnv>();
  const filterOf = (q: z.infer<typeof faitsQuery>): FactFilter => ({
    acteurUid: q.depute ?? null,
    kind: q.type ?? null,
  });

  listRoute(app, {
    path: '/faits',
    query: faitsQuery,
    columns: FACT_COLUMNS,
    meta: () => FACTS_META,
    csvName: 'faits',
    perPage: null,
    load: async (_c, { q }) => {
      const rows = await listFacts(db, filterOf(q));
      return { total: rows.length, rows };
    },
    html: (c, { rows, query }) => c.html(<FaitsPage facts={rows} query={query} />),
  });
  return app;
}
