import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { getDepartement, listDepartements } from '../../db/queries/departements.ts';
import { anReferential, inseeCirconscriptions, laPostePostcodes } from '../../domain/sources.ts';
import { DepartementPage, DepartementsPage } from '../../views/departements/departements.tsx';
import type { AppEnv } from '../app.tsx';
import { sendCsv, sendJsonList, sourceMeta } from '../lib/export.ts';
import { listRoute } from '../lib/list-route.ts';
import { DEPARTEMENT_COLUMNS } from '../records/departements.ts';
import { CIRCO_COLUMNS } from '../records/geo.ts';

/** `/departements/<code>`, with an optional `.csv` or `.json`: the code as the AN writes it. */
const DEPARTEMENT_ID = /^(\d{2,3}|2[AB])(\.csv|\.json)?$/i;

/** The départements: their index, and each with its map, circonscriptions and deputies. */
export function departementsRoutes(db: DB, legislature: number) {
  const app = new Hono<AppEnv>();
  const meta = () =>
    sourceMeta(anReferential({ legislature }), inseeCirconscriptions(), laPostePostcodes());

  listRoute(app, {
    path: '/departements',
    query: z.object({}),
    columns: DEPARTEMENT_COLUMNS,
    meta,
    csvName: 'departements',
    perPage: null,
    load: async () => {
      const rows = await listDepartements(db, legislature);
      return { total: rows.length, rows };
    },
    html: (c, { rows }) => c.html(<DepartementsPage departements={rows} />),
  });

  // One row per circonscription, as /circonscriptions?departement=<code> gives them. The code
  // is a path segment, which listRoute's static paths cannot take: its export helpers are used.
  app.get('/departements/:id', async (c) => {
    const id = c.req.param('id');
    const match = DEPARTEMENT_ID.exec(id);
    const code = match?.[1]!.toUpperCase();
    const found = code ? await getDepartement(db, legislature, code) : null;
    if (!match || !found) {
      throw new HTTPException(404, {
        message: `Département inconnu : ${id.slice(0, 20)}. Les codes sont ceux de l’Assemblée nationale (33, 2A, 971, 099) : voir la liste sur /departements.`,
      });
    }
    const canonical = `${code}${(match[2] ?? '').toLowerCase()}`;
    if (canonical !== id) return c.redirect(`/departements/${canonical}`, 301);
    const { departement, circos } = found;
    if (match[2] === '.csv') return sendCsv(c, `departement-${code}`, CIRCO_COLUMNS, circos);
    if (match[2] === '.json') {
      const about = {
        ...meta(),
        departement: departement.code,
        departement_nom: departement.name,
        communes: departement.communes,
        page: 1,
        per_page: null,
      };
      return sendJsonList(c, CIRCO_COLUMNS, circos, circos.length, about);
    }
    const map = await c.get('maps').render({ kind: 'departement', departement: departement.code });
    return c.html(<DepartementPage departement={departement} circos={circos} map={map} />);
  });
  return app;
}
