import { Hono } from 'hono';
import { DOSSIER_LINK_CONFIDENCE, DOSSIER_LINK_METHOD } from '../../domain/lobbies.ts';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import {
  dossierProcedures,
  getDossier,
  listDossiers,
  type DossierFilter,
} from '../../db/queries/dossiers.ts';
import { dossierAmendements } from '../../db/queries/amendements.ts';
import { DOSSIER_STATES } from '../../domain/dossiers.ts';
import { dossierAmendementsJson } from '../records/amendements.ts';
import { anAmendements, anDossiers } from '../../domain/sources.ts';
import type { AppEnv } from '../app.tsx';
import { sendJsonDocument, sourceMeta } from '../lib/export.ts';
import { pageOrFragment } from '../lib/htmx.ts';
import { listRoute } from '../lib/list-route.ts';
import { dateParam, enumParam, intParam, textParam } from '../lib/query.ts';
import { DOSSIER_COLUMNS, dossierDetailJson, dossierListRow } from '../records/dossiers.ts';
import { DossierPage, DossiersPage, DossiersResults } from '../../views/dossiers/dossiers.tsx';
import { lobbiesOfDossier } from '../../db/queries/lobbies.ts';

const PER_PAGE = 100;

const dossiersQuery = z.object({
  q: textParam(),
  procedure: z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v) || undefined,
    z
      .string()
      .regex(/^[0-9A-Za-z]{1,10}$/, 'code de procédure attendu (ex. 2)')
      .optional(),
  ),
  etat: enumParam(DOSSIER_STATES as [string, ...string[]]),
  du: dateParam,
  au: dateParam,
  groupe: z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v) || undefined,
    z
      .string()
      .trim()
      .regex(/^[\p{L}\p{N}-]{1,40}$/u, 'sigle ou identifiant de groupe attendu')
      .optional(),
  ),
  legislature: intParam(1, 99),
  tri: enumParam(['activite-desc', 'depot-desc', 'depot-asc']),
  page: intParam(1, 100_000),
  per_page: intParam(1, 1000),
});
type DossiersQuery = z.infer<typeof dossiersQuery>;

function dossierFilter(q: DossiersQuery): DossierFilter {
  const [sort, order] = (q.tri ?? 'activite-desc').split('-') as [
    DossierFilter['sort'],
    DossierFilter['order'],
  ];
  return {
    words: q.q ?? null,
    procedure: q.procedure ?? null,
    state: (q.etat as DossierFilter['state']) ?? null,
    from: q.du ?? null,
    to: q.au ?? null,
    group: q.groupe ?? null,
    legislature: q.legislature ?? null,
    sort,
    order,
  };
}

/** `/dossiers` (HTML, CSV, JSON), and a dossier's page and JSON. */
export function dossiersRoutes(db: DB, legislature: number) {
  const app = new Hono<AppEnv>();
  const meta = sourceMeta(anDossiers({ legislature }));
  const detailMeta = sourceMeta(anDossiers({ legislature }), anAmendements({ legislature }));

  listRoute(app, {
    path: '/dossiers',
    query: dossiersQuery,
    columns: DOSSIER_COLUMNS,
    meta: () => meta,
    csvName: 'dossiers',
    perPage: PER_PAGE,
    load: async (_c, { q, limit, offset }) => {
      const { total, rows } = await listDossiers(db, dossierFilter(q), { limit, offset });
      return { total, rows: rows.map(dossierListRow) };
    },
    html: async (c, view) => {
      const props = {
        ...view,
        filter: dossierFilter(view.q),
        procedures: await dossierProcedures(db),
      };
      return pageOrFragment(
        c,
        () => <DossiersPage {...props} />,
        () => <DossiersResults {...props} />,
      );
    },
  });

  app.get('/dossiers/:file', async (c) => {
    const match = /^([0-9A-Z]{1,40})(\.json)?$/.exec(c.req.param('file'));
    const detail = match ? await getDossier(db, match[1]!) : null;
    if (!match || !detail) {
      throw new HTTPException(404, {
        message: `Aucun dossier ${c.req.param('file').slice(0, 40)} dans les données.`,
      });
    }
    const [amendements, lobbies] = await Promise.all([
      dossierAmendements(db, legislature, detail.dossier.uid),
      lobbiesOfDossier(db, detail.dossier.uid),
    ]);
    if (match[2]) {
      return sendJsonDocument(c, detailMeta, {
        ...dossierDetailJson(detail),
        amendements: dossierAmendementsJson(detail.dossier.uid, amendements),
        representants_interets: lobbies.map((l) => ({
          representant_id: l.organisation_id,
          denomination: l.denomination,
          activite_id: l.activity_id,
          objet: l.objet,
          date_publication: l.date_publication,
          methode: DOSSIER_LINK_METHOD,
          confiance: DOSSIER_LINK_CONFIDENCE,
        })),
      });
    }
    return c.html(<DossierPage detail={detail} amendements={amendements} lobbies={lobbies} />);
  });

  return app;
}
