import { zValidator } from '@hono/zod-validator';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import {
  changeFilterOptions,
  defaultChangeFilter,
  listChanges,
  type ChangeFilter,
  type ChangeRow,
} from '../../db/queries/changements.ts';
import { ChangesPage, ChangesResults } from '../../views/changements/changements.tsx';
import type { AppEnv } from '../app.tsx';
import { CHANGE_COLUMNS, entityLabel, entityPath, kindLabel } from '../records/changements.ts';
import { atomXml } from '../lib/atom.ts';
import { pageOrFragment } from '../lib/htmx.ts';
import { canonicalQuery, listRoute } from '../lib/list-route.ts';
import { badQuery, dateParam, intParam, listParam } from '../lib/query.ts';

const PER_PAGE = 50;
const MAX_PER_PAGE = 1000;
/** Entries of an Atom feed: the latest ones. */
const FEED_ENTRIES = 100;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v) || undefined;
const deputyParam = z.preprocess(
  first,
  z
    .string()
    .regex(/^PA\d{1,10}$/, 'identifiant de député attendu (PA…)')
    .optional(),
);

/** The filters of the change log, of its exports and feeds. */
export const changesQuery = z.object({
  type: listParam(30, /^[a-z][a-z0-9_]{0,39}$/),
  entite: listParam(10, /^[a-z][a-z0-9_]{0,19}$/),
  id: z.preprocess(
    (v) => (typeof first(v) === 'string' ? (first(v) as string).trim() || undefined : first(v)),
    z
      .string()
      .regex(/^[\p{L}\p{N}_.:-]{1,120}$/u, 'identifiant invalide')
      .optional(),
  ),
  depute: deputyParam,
  groupe: listParam(20, /^[\p{L}\p{N}-]+$/u),
  source: listParam(10, /^[a-z][a-z0-9:_-]{0,29}$/),
  du: dateParam,
  au: dateParam,
  page: intParam(1, 100_000),
  per_page: intParam(1, MAX_PER_PAGE),
});

type ChangesQuery = z.infer<typeof changesQuery>;

/** The change log filter of a validated query. */
export function changeFilter(q: ChangesQuery): ChangeFilter {
  return {
    ...defaultChangeFilter,
    kinds: q.type,
    entityTypes: q.entite,
    entityId: q.id ?? null,
    deputy: q.depute ?? null,
    groups: q.groupe,
    sources: q.source,
    from: q.du ?? null,
    to: q.au ?? null,
  };
}

/** Source and licence of the change log export: derived from every source, same licence. */
const changesMeta = {
  source:
    'Suivi des députés – changements détectés dans les données ouvertes de l’Assemblée nationale et de la HATVP (voir source_url de chaque ligne)',
  licence: 'Licence Ouverte / Open Licence 2.0 (Etalab)',
};

/** An Atom feed of the latest events matching a filter. */
export async function sendChangesFeed(
  c: Context<AppEnv>,
  db: DB,
  filter: ChangeFilter,
  title: string,
  selfPath: string,
  pagePath: string,
) {
  const { rows } = await listChanges(db, filter, { limit: FEED_ENTRIES, offset: 0 });
  // PUBLIC_URL, never the request's Host header: a feed's ids and links are the site's own.
  const origin = c.get('publicUrl');
  const search = new URL(c.req.url).search;
  const entryTitle = (r: ChangeRow) =>
    `${kindLabel(r.kind)} : ${r.entity_label ?? r.entity_id}` +
    (r.old_value !== null || r.new_value !== null
      ? ` (${r.old_value ?? '—'} → ${r.new_value ?? '—'})`
      : '');
  const xml = atomXml({
    id: `${origin}${selfPath}${search}`,
    title,
    self: `${origin}${selfPath}${search}`,
    alternate: `${origin}${pagePath}`,
    updated: rows[0]?.detected_at ?? new Date().toISOString(),
    author: 'Suivi des députés',
    entries: rows.map((r) => {
      const path = entityPath(r);
      return {
        id: `${origin}/changements#${r.id}`,
        title: entryTitle(r),
        updated: r.detected_at,
        link: path ? `${origin}${path}` : null,
        categories: [r.kind, r.entity_type],
        summary: [
          `${entityLabel(r.entity_type)} ${r.entity_label ?? ''} (${r.entity_id})`,
          r.field ? `${r.field} : ${r.old_value ?? '(aucune)'} → ${r.new_value ?? '(aucune)'}` : '',
          r.detail ?? '',
          r.source_url ? `Source : ${r.source_url}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      };
    }),
  });
  return c.body(xml, 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
}

/** `/changements` (HTML, CSV, JSON, Atom); a deputy's feed is among the /deputes routes. */
export function changementsRoutes(db: DB) {
  const app = new Hono<AppEnv>();

  app.get('/changements.atom', zValidator('query', changesQuery, badQuery), async (c) => {
    const q = c.req.valid('query');
    const query = canonicalQuery(Object.keys(changesQuery.shape), q);
    return sendChangesFeed(
      c,
      db,
      changeFilter(q),
      'Suivi des députés : changements',
      '/changements.atom',
      `/changements${query ? `?${query}` : ''}`,
    );
  });

  listRoute(app, {
    path: '/changements',
    query: changesQuery,
    columns: CHANGE_COLUMNS,
    meta: () => changesMeta,
    csvName: 'changements',
    perPage: PER_PAGE,
    load: (_c, { q, limit, offset }) => listChanges(db, changeFilter(q), { limit, offset }),
    html: async (c, view) => {
      const filter = changeFilter(view.q);
      const props = { ...view, filter, options: await changeFilterOptions(db) };
      return pageOrFragment(
        c,
        () => <ChangesPage {...props} />,
        () => <ChangesResults {...props} />,
      );
    },
  });

  return app;
}
