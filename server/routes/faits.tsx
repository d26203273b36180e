import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { listFacts, type FactFilter } from '../../db/queries/faits.ts';
import { FACT_KINDS } from '../../domain/facts.ts';
import { FaitsPage } from '../../views/faits/faits.tsx';
import type { AppEnv } from '../app.tsx';
import { FACT_COLUMNS } from '../records/faits.ts';
import { sendCsv, sendJsonList } from '../lib/export.ts';
import { badQuery, enumParam } from '../lib/query.ts';

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
  const validQuery = zValidator('query', faitsQuery, badQuery);
  const filterOf = (q: z.infer<typeof faitsQuery>): FactFilter => ({
    acteurUid: q.depute ?? null,
    kind: q.type ?? null,
  });

  app.get('/faits.csv', validQuery, async (c) =>
    sendCsv(c, 'faits', FACT_COLUMNS, await listFacts(db, filterOf(c.req.valid('query')))),
  );
  app.get('/faits.json', validQuery, async (c) => {
    const rows = await listFacts(db, filterOf(c.req.valid('query')));
    return sendJsonList(c, FACT_COLUMNS, rows, rows.length, {
      ...FACTS_META,
      page: 1,
      per_page: null,
    });
  });
  app.get('/faits', validQuery, async (c) => {
    const q = c.req.valid('query');
    const rows = await listFacts(db, filterOf(q));
    const query = new URLSearchParams(
      Object.entries({ depute: q.depute, type: q.type }).filter(
        (e): e is [string, string] => e[1] !== undefined,
      ),
    ).toString();
    return c.html(<FaitsPage facts={rows} query={query} />);
  });
  return app;
}
