import { activityWindows, vacationWeeks } from '../../db/queries/activite.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { positionDisagreements } from '../../db/queries/scrutins.ts';
import { scrutinLinkRate } from '../../db/queries/dossiers.ts';
import { linkRate, listUnresolved } from '../../db/queries/liaisons.ts';
import { anAmendements, anScrutins } from '../../domain/sources.ts';
import { UNRESOLVED_REASONS } from '../../domain/scrutin-links.ts';
import type { AppEnv } from '../app.tsx';
import { sourceMeta } from '../lib/export.ts';
import { pageOrFragment } from '../lib/htmx.ts';
import { listRoute } from '../lib/list-route.ts';
import { enumParam, intParam } from '../lib/query.ts';
import { UNRESOLVED_COLUMNS } from '../records/liaisons.ts';
import { MethodologiePage } from '../../views/methodologie/methodologie.tsx';
import { LiaisonsPage, LiaisonsResults } from '../../views/methodologie/liaisons.tsx';

const liaisonsQuery = z.object({
  motif: enumParam(Object.keys(UNRESOLVED_REASONS) as [string, ...string[]]),
  // `tous`: every unlinked number of a title (joint votes too), not only the scrutin's amendment.
  numeros: enumParam(['tous']),
  page: intParam(1, 100_000),
  per_page: intParam(1, 1000),
});

export function methodologieRoutes(db: DB, legislature: number) {
  const app = new Hono<AppEnv>();
  app.get('/methodologie', async (c) =>
    c.html(
      <MethodologiePage
        positions={await positionDisagreements(db, legislature)}
        dossierLinks={await scrutinLinkRate(db, legislature)}
        links={await linkRate(db, legislature)}
        activity={{ windows: await activityWindows(db), vacations: await vacationWeeks(db) }}
      />,
    ),
  );
  // The scrutin → amendment linking rate and every unlinked amendment number, with its reason.
  const meta = sourceMeta(anScrutins({ legislature }), anAmendements({ legislature }));
  listRoute(app, {
    path: '/methodologie/liaisons',
    query: liaisonsQuery,
    columns: UNRESOLVED_COLUMNS,
    meta: () => meta,
    csvName: 'scrutins-non-relies',
    perPage: 200,
    load: async (_c, { q, limit, offset }) => {
      const rate = await linkRate(db, legislature);
      const { total, rows } = await listUnresolved(
        db,
        legislature,
        { reason: q.motif ?? null, allNumbers: q.numeros === 'tous' },
        { limit, offset },
      );
      return {
        total,
        rows,
        rate,
        meta: {
          taux: {
            scrutins: rate.scrutins,
            nommant_un_amendement: rate.naming,
            relies: rate.linked,
            texte_dans_archive: rate.inArchive,
            relies_texte_dans_archive: rate.linkedInArchive,
            par_motif: rate.byReason,
            par_methode: rate.byMethod,
            dossiers_par_methode: rate.dossiers,
          },
        },
      };
    },
    html: (c, view) => {
      const props = {
        ...view,
        reason: view.q.motif ?? null,
        allNumbers: view.q.numeros === 'tous',
      };
      return pageOrFragment(
        c,
        () => <LiaisonsPage {...props} />,
        () => <LiaisonsResults {...props} />,
      );
    },
  });
  return app;
}
