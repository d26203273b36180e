import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import {
  defaultDeclarationFilter,
  declarationTotals,
  getDeclaration,
  listDeclarations,
  listProblems,
  listUnlinked,
  mandateTypes,
  searchItems,
  type DeclarationFilter,
} from '../../db/queries/declarations.ts';
import { deputyFilterOptions } from '../../db/queries/deputes.ts';
import { SECTIONS, type Section } from '../../domain/hatvp-sections.ts';
import { hatvpIndex } from '../../domain/sources.ts';
import { DeclarationPage } from '../../views/declarations/declaration.tsx';
import {
  DeclarationsPage,
  DeclarationsResults,
  ProblemsPage,
  UnlinkedPage,
} from '../../views/declarations/declarations.tsx';
import type { AppEnv } from '../app.tsx';
import {
  DECLARATION_COLUMNS,
  ITEM_COLUMNS,
  PROBLEM_COLUMNS,
  UNLINKED_COLUMNS,
  declarationJson,
} from '../records/declarations.ts';
import { sendJsonDocument, sourceMeta } from '../lib/export.ts';
import { canonicalQuery as givenParams, listRoute, pageOf } from '../lib/list-route.ts';
import { pageOrFragment } from '../lib/htmx.ts';
import { badQuery, enumParam, intParam, listParam, textParam } from '../lib/query.ts';

const PER_PAGE = 100;
const MAX_PER_PAGE = 1000;

const declarationsQuery = z.object({
  q: textParam(),
  rubrique: listParam(SECTIONS.length, new RegExp(`^(${SECTIONS.join('|')})$`)),
  type_mandat: listParam(12, /^[a-z_]{1,30}$/),
  groupe: listParam(20, /^[\p{L}\p{N}-]+$/u),
  depute: z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v) || undefined,
    z
      .string()
      .regex(/^PA\d{1,10}$/, 'identifiant de député attendu (PA…)')
      .optional(),
  ),
  versions: enumParam(['courantes', 'toutes']),
  page: intParam(1, 100_000),
  per_page: intParam(1, MAX_PER_PAGE),
});

type DeclarationsQuery = z.infer<typeof declarationsQuery>;

function toFilter(q: DeclarationsQuery): DeclarationFilter {
  return {
    ...defaultDeclarationFilter,
    q: q.q ?? null,
    sections: q.rubrique as Section[],
    mandateTypes: q.type_mandat,
    groups: q.groupe,
    deputy: q.depute ?? null,
    versions: q.versions ?? 'courantes',
  };
}

/** The canonical query string of a filter (defaults left out), for links and exports. */
function canonicalQuery(q: DeclarationsQuery): string {
  const params = new URLSearchParams();
  const add = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') params.append(key, String(value));
  };
  add('q', q.q);
  for (const s of q.rubrique) add('rubrique', s);
  for (const t of q.type_mandat) add('type_mandat', t);
  for (const g of q.groupe) add('groupe', g);
  add('depute', q.depute);
  if (q.versions === 'toutes') add('versions', 'toutes');
  if (q.per_page) add('per_page', q.per_page);
  return params.toString();
}

const problemsQuery = z.object({
  type: listParam(10, /^[a-z]{1,20}$/),
  page: intParam(1, 100_000),
  per_page: intParam(1, MAX_PER_PAGE),
});

/**
 * `/declarations` (search across items, HTML), `/declarations.csv|json` (the index),
 * `/declarations/items.csv|json` (items), `/declarations/<id>` (HTML, JSON), the unlinked
 * declarants and the reading problems.
 */
export function declarationsRoutes(db: DB) {
  const app = new Hono<AppEnv>();
  const hatvpMeta = sourceMeta(hatvpIndex());

  const declarationsList = {
    query: declarationsQuery,
    meta: () => hatvpMeta,
    perPage: PER_PAGE,
  };
  listRoute(app, {
    ...declarationsList,
    path: '/declarations',
    columns: DECLARATION_COLUMNS,
    csvName: 'declarations',
    load: (_c, { q, limit, offset }) => listDeclarations(db, toFilter(q), { limit, offset }),
  });
  listRoute(app, {
    ...declarationsList,
    path: '/declarations/items',
    columns: ITEM_COLUMNS,
    csvName: 'declarations-elements',
    load: (_c, { q, limit, offset }) => searchItems(db, toFilter(q), { limit, offset }),
  });

  // The page searches the items; its exports are /declarations/items.csv|json.
  app.get('/declarations', zValidator('query', declarationsQuery, badQuery), async (c) => {
    const q = c.req.valid('query');
    const { page, perPage, limit, offset } = pageOf(q, PER_PAGE, false);
    const [result, types, deputyOptions, totals] = await Promise.all([
      searchItems(db, toFilter(q), { limit, offset }),
      mandateTypes(db),
      deputyFilterOptions(db),
      declarationTotals(db),
    ]);
    const view = {
      filter: toFilter(q),
      options: { mandateTypes: types, groups: deputyOptions.groups },
      result,
      page,
      perPage: perPage!,
      query: canonicalQuery(q),
      totals,
    };
    return pageOrFragment(
      c,
      () => <DeclarationsPage {...view} />,
      () => <DeclarationsResults {...view} />,
    );
  });

  listRoute(app, {
    path: '/declarations/non-liees',
    query: z.object({}),
    columns: UNLINKED_COLUMNS,
    meta: () => hatvpMeta,
    csvName: 'declarants-non-relies',
    perPage: null,
    load: async () => {
      const rows = await listUnlinked(db);
      return { total: rows.length, rows };
    },
    html: (c, { rows }) => c.html(<UnlinkedPage rows={rows} />),
  });

  listRoute(app, {
    path: '/declarations/anomalies',
    query: problemsQuery,
    columns: PROBLEM_COLUMNS,
    meta: () => hatvpMeta,
    csvName: 'declarations-anomalies',
    perPage: PER_PAGE,
    canonical: (q) => givenParams(Object.keys(problemsQuery.shape), q, ['per_page']),
    load: (_c, { q, limit, offset }) => listProblems(db, q.type, { limit, offset }),
    html: (c, view) =>
      c.html(
        <ProblemsPage
          rows={view.rows}
          total={view.total}
          kinds={view.kinds}
          kind={view.q.type[0] ?? null}
          page={view.page}
          perPage={view.perPage}
          query={view.query}
        />,
      ),
  });

  app.get('/declarations/:id', async (c) => {
    const match = /^([a-z0-9][a-z0-9._-]{0,200}?)(\.json)?$/.exec(c.req.param('id'));
    const detail = match ? await getDeclaration(db, match[1]!) : null;
    if (!match || !detail) {
      throw new HTTPException(404, { message: 'Aucune déclaration de ce nom dans les données.' });
    }
    if (match[2]) {
      return sendJsonDocument(c, hatvpMeta, declarationJson(detail));
    }
    return c.html(<DeclarationPage detail={detail} />);
  });

  return app;
}
