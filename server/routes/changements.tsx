import { zValidator } from '@hono/zod-validator';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
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
import { sendCsv, sendJsonList } from '../lib/export.ts';
import { pageOrFragment } from '../lib/htmx.ts';
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

const changesQuery = z.object({
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

function toFilter(q: ChangesQuery): ChangeFilter {
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

/** The canonical query string of a filter (defaults and paging left out), for links and feeds. */
function canonicalQuery(q: ChangesQuery): string {
  const params = new URLSearchParams();
  for (const t of q.type) params.append('type', t);
  for (const e of q.entite) params.append('entite', e);
  if (q.id) params.append('id', q.id);
  if (q.depute) params.append('depute', q.depute);
  for (const g of q.groupe) params.append('groupe', g);
  for (const s of q.source) params.append('source', s);
  if (q.du) params.append('du', q.du);
  if (q.au) params.append('au', q.au);
  if (q.per_page) params.append('per_page', String(q.per_page));
  return params.toString();
}

function paging(q: { page?: number; per_page?: number }, csv: boolean) {
  const page = q.page ?? 1;
  const perPage = q.per_page ?? (csv ? null : PER_PAGE);
  return { page, perPage, limit: perPage, offset: perPage ? (page - 1) * perPage : 0 };
}

/** Source and licence of the change log export: derived from every source, same licence. */
const changesMeta = {
  source:
    'Suivi des députés – changements détectés dans les données ouvertes de l’Assemblée nationale et de la HATVP (voir source_url de chaque ligne)',
  licence: 'Licence Ouverte / Open Licence 2.0 (Etalab)',
};

/** An Atom feed of the latest events matching a filter. */
async function sendFeed(
  c: Context,
  db: DB,
  filter: ChangeFilter,
  title: string,
  selfPath: string,
  pagePath: string,
) {
  const { rows } = await listChanges(db, filter, { limit: FEED_ENTRIES, offset: 0 });
  const url = new URL(c.req.url);
  const origin = url.origin;
  const entryTitle = (r: ChangeRow) =>
    `${kindLabel(r.kind)} : ${r.entity_label ?? r.entity_id}` +
    (r.old_value !== null || r.new_value !== null
      ? ` (${r.old_value ?? '—'} → ${r.new_value ?? '—'})`
      : '');
  const xml = atomXml({
    id: `${origin}${selfPath}${url.search}`,
    title,
    self: `${origin}${selfPath}${url.search}`,
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

/** `/changements` (HTML, CSV, JSON, Atom) and `/deputes/<uid>/changements.atom`. */
export function changementsRoutes(db: DB) {
  const app = new Hono<AppEnv>();
  const validQuery = zValidator('query', changesQuery, badQuery);

  app.get('/changements.csv', validQuery, async (c) => {
    const q = c.req.valid('query');
    const { rows } = await listChanges(db, toFilter(q), paging(q, true));
    return sendCsv(c, 'changements', CHANGE_COLUMNS, rows);
  });

  app.get('/changements.json', validQuery, async (c) => {
    const q = c.req.valid('query');
    const { page, perPage, ...bounds } = paging(q, false);
    const { total, rows } = await listChanges(db, toFilter(q), bounds);
    return sendJsonList(c, CHANGE_COLUMNS, rows, total, {
      ...changesMeta,
      page,
      per_page: perPage,
    });
  });

  app.get('/changements.atom', validQuery, async (c) => {
    const q = c.req.valid('query');
    const query = canonicalQuery(q);
    return sendFeed(
      c,
      db,
      toFilter(q),
      'Suivi des députés : changements',
      '/changements.atom',
      `/changements${query ? `?${query}` : ''}`,
    );
  });

  app.get('/deputes/:id/changements.atom', validQuery, async (c) => {
    const uid = c.req.param('id');
    if (!/^PA\d{1,10}$/.test(uid))
      throw new HTTPException(404, { message: 'Identifiant de député inconnu.' });
    const acteur = await db
      .selectFrom('acteur')
      .select(['first_name', 'last_name'])
      .where('uid', '=', uid)
      .executeTakeFirst();
    if (!acteur) throw new HTTPException(404, { message: `Aucun député ${uid} dans les données.` });
    const q = c.req.valid('query');
    return sendFeed(
      c,
      db,
      { ...toFilter(q), deputy: uid },
      `Suivi des députés : ${acteur.first_name} ${acteur.last_name}`,
      `/deputes/${uid}/changements.atom`,
      `/deputes/${uid}`,
    );
  });

  app.get('/changements', validQuery, async (c) => {
    const q = c.req.valid('query');
    const { page, perPage, ...bounds } = paging(q, false);
    const filter = toFilter(q);
    const [{ total, rows }, options] = await Promise.all([
      listChanges(db, filter, bounds),
      changeFilterOptions(db),
    ]);
    const view = {
      filter,
      rows,
      total,
      page,
      perPage: perPage ?? PER_PAGE,
      query: canonicalQuery(q),
      options,
    };
    return pageOrFragment(
      c,
      () => <ChangesPage {...view} />,
      () => <ChangesResults {...view} />,
    );
  });

  return app;
}
