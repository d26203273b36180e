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
import { sendCsv, sendJsonList, type ListMeta } from '../lib/export.ts';
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

/** Source and licence of every HATVP export. */
function hatvpMeta(): Pick<ListMeta, 'source' | 'licence'> {
  const info = hatvpIndex();
  return { source: `${info.publisher} – ${info.url}`, licence: info.licence };
}

/** Page bounds from the query: JSON and HTML are paged, CSV is whole unless per_page is given. */
function paging(q: { page?: number; per_page?: number }, csv: boolean) {
  const page = q.page ?? 1;
  const perPage = q.per_page ?? (csv ? null : PER_PAGE);
  return { page, perPage, limit: perPage, offset: perPage ? (page - 1) * perPage : 0 };
}

/**
 * `/declarations` (search across items, HTML), `/declarations.csv|json` (the index),
 * `/declarations/items.csv|json` (items), `/declarations/<id>` (HTML, JSON), the unlinked
 * declarants and the reading problems.
 */
export function declarationsRoutes(db: DB) {
  const app = new Hono<AppEnv>();
  const validQuery = zValidator('query', declarationsQuery, badQuery);

  app.get('/declarations.csv', validQuery, async (c) => {
    const q = c.req.valid('query');
    const { rows } = await listDeclarations(db, toFilter(q), paging(q, true));
    return sendCsv(c, 'declarations', DECLARATION_COLUMNS, rows);
  });

  app.get('/declarations.json', validQuery, async (c) => {
    const q = c.req.valid('query');
    const { page, perPage, ...bounds } = paging(q, false);
    const { total, rows } = await listDeclarations(db, toFilter(q), bounds);
    return sendJsonList(c, DECLARATION_COLUMNS, rows, total, {
      ...hatvpMeta(),
      page,
      per_page: perPage,
    });
  });

  app.get('/declarations/items.csv', validQuery, async (c) => {
    const q = c.req.valid('query');
    const { rows } = await searchItems(db, toFilter(q), paging(q, true));
    return sendCsv(c, 'declarations-elements', ITEM_COLUMNS, rows);
  });

  app.get('/declarations/items.json', validQuery, async (c) => {
    const q = c.req.valid('query');
    const { page, perPage, ...bounds } = paging(q, false);
    const { total, rows } = await searchItems(db, toFilter(q), bounds);
    return sendJsonList(c, ITEM_COLUMNS, rows, total, { ...hatvpMeta(), page, per_page: perPage });
  });

  app.get('/declarations', validQuery, async (c) => {
    const q = c.req.valid('query');
    const { page, perPage, ...bounds } = paging(q, false);
    const [result, types, deputyOptions, totals] = await Promise.all([
      searchItems(db, toFilter(q), bounds),
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

  for (const format of ['', '.csv', '.json'] as const) {
    app.get(`/declarations/non-liees${format}`, async (c) => {
      const rows = await listUnlinked(db);
      if (format === '.csv') return sendCsv(c, 'declarants-non-relies', UNLINKED_COLUMNS, rows);
      if (format === '.json') {
        return sendJsonList(c, UNLINKED_COLUMNS, rows, rows.length, {
          ...hatvpMeta(),
          page: 1,
          per_page: null,
        });
      }
      return c.html(<UnlinkedPage rows={rows} />);
    });

    app.get(
      `/declarations/anomalies${format}`,
      zValidator('query', problemsQuery, badQuery),
      async (c) => {
        const q = c.req.valid('query');
        const { page, perPage, ...bounds } = paging(q, format === '.csv');
        const result = await listProblems(db, q.type, bounds);
        if (format === '.csv') {
          return sendCsv(c, 'declarations-anomalies', PROBLEM_COLUMNS, result.rows);
        }
        if (format === '.json') {
          return sendJsonList(c, PROBLEM_COLUMNS, result.rows, result.total, {
            ...hatvpMeta(),
            page,
            per_page: perPage,
          });
        }
        const query = new URLSearchParams(q.type.map((t) => ['type', t])).toString();
        return c.html(
          <ProblemsPage
            {...result}
            kind={q.type[0] ?? null}
            page={page}
            perPage={perPage!}
            query={query}
          />,
        );
      },
    );
  }

  app.get('/declarations/:id', async (c) => {
    const match = /^([a-z0-9][a-z0-9._-]{0,200}?)(\.json)?$/.exec(c.req.param('id'));
    const detail = match ? await getDeclaration(db, match[1]!) : null;
    if (!match || !detail) {
      throw new HTTPException(404, { message: 'Aucune déclaration de ce nom dans les données.' });
    }
    if (match[2]) {
      return c.json({
        ...hatvpMeta(),
        generated_at: new Date().toISOString(),
        ...declarationJson(detail),
      });
    }
    return c.html(<DeclarationPage detail={detail} />);
  });

  return app;
}
