import { Hono } from 'hono';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { deputyFilterOptions } from '../../db/queries/deputes.ts';
import {
  activityWindows,
  groupActivity,
  listSynthese,
  SYNTHESE_SORTS,
  type SyntheseSort,
} from '../../db/queries/synthese.ts';
import { ACTIVITY_WINDOWS } from '../../domain/agenda.ts';
import { anAgenda, anAmendements, anReferential, anScrutins } from '../../domain/sources.ts';
import type { AppEnv } from '../app.tsx';
import { sourceMeta } from '../lib/export.ts';
import { pageOrFragment } from '../lib/htmx.ts';
import { listRoute } from '../lib/list-route.ts';
import { enumParam } from '../lib/query.ts';
import { SYNTHESE_COLUMNS, syntheseJson, syntheseRecord } from '../records/synthese.ts';
import { SynthesePage, SyntheseResults } from '../../views/synthese/synthese.tsx';
import { deputyFilter, deputyFilterParams } from './deputes.tsx';

const syntheseQuery = z.object({
  ...deputyFilterParams,
  fenetre: enumParam(ACTIVITY_WINDOWS),
  tri: enumParam(SYNTHESE_SORTS),
  ordre: enumParam(['asc', 'desc']),
});

/** Columns whose first click sorts from the highest value. */
const DESC_FIRST: readonly SyntheseSort[] = [
  'semaines',
  'presence',
  'participation',
  'amendements',
  'adoptes',
];

const today = () => new Date().toISOString().slice(0, 10);

/** `/synthese` (HTML, CSV, JSON): every deputy's activity figures side by side. */
export function syntheseRoutes(db: DB) {
  const app = new Hono<AppEnv>();

  listRoute(app, {
    path: '/synthese',
    query: syntheseQuery,
    columns: SYNTHESE_COLUMNS,
    jsonItem: syntheseJson,
    meta: (c) => {
      const config = { legislature: c.get('legislature') };
      return sourceMeta(
        anReferential(config),
        anAgenda(config),
        anScrutins(config),
        anAmendements(config),
      );
    },
    csvName: (c) => `synthese-${c.req.query('fenetre') === '12_mois' ? '12_mois' : 'legislature'}`,
    // Every deputy on one page: the marks and the sorts read the whole table.
    perPage: null,
    load: async (c, { q }) => {
      const sort = q.tri ?? 'nom';
      const filter = {
        deputy: deputyFilter(q, c.get('legislature')),
        window: q.fenetre ?? 'legislature',
        sort,
        order: q.ordre ?? (DESC_FIRST.includes(sort) ? 'desc' : 'asc'),
      } as const;
      const rows = await listSynthese(db, filter, today());
      return {
        total: rows.length,
        rows: rows.map((r) => syntheseRecord(r, filter.window, today())),
        filter,
        meta: { fenetre: filter.window },
      };
    },
    html: async (c, view) => {
      const [options, windows, groups] = await Promise.all([
        deputyFilterOptions(db),
        activityWindows(db),
        groupActivity(db, view.filter.window),
      ]);
      const props = {
        ...view,
        records: view.rows,
        options,
        window: windows[view.filter.window] ?? null,
        groups,
        descFirst: DESC_FIRST,
      };
      return pageOrFragment(
        c,
        () => <SynthesePage {...props} />,
        () => <SyntheseResults {...props} />,
      );
    },
  });

  return app;
}
