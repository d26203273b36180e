import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import {
  ABROAD,
  circonscriptions,
  getCirconscription,
  inseeTable,
  postcodeTable,
  search,
} from '../../db/queries/geo.ts';
import { searchPoint } from '../../db/queries/geo-point.ts';
import {
  anReferential,
  circonscriptionContours,
  inseeCirconscriptions,
  laPostePostcodes,
  regardsCitoyensCirconscriptions,
} from '../../domain/sources.ts';
import { CirconscriptionPage, CirconscriptionsPage } from '../../views/geo/circonscriptions.tsx';
import { RecherchePage, SearchResults } from '../../views/geo/recherche.tsx';
import type { AppEnv } from '../app.tsx';
import {
  CIRCO_COLUMNS,
  INSEE_COLUMNS,
  POSTCODE_COLUMNS,
  SEARCH_COLUMNS,
  circoId,
  circoPath,
  explain,
  searchRecord,
  singleAnswer,
} from '../records/geo.ts';
import { sendJsonDocument, sourceMeta, type Column } from '../lib/export.ts';
import { listRoute } from '../lib/list-route.ts';
import { isHtmx, pageOrFragment } from '../lib/htmx.ts';
import { intParam, single, textParam } from '../lib/query.ts';

const departementParam = z.preprocess(
  (v) => (Array.isArray(v) ? v[0] : v) || undefined,
  z
    .string()
    .regex(/^\d{1,3}$|^2[AaBb]$/, 'code de département attendu (ex. 33, 2A, 971, 099)')
    .transform((d) => d.toUpperCase().padStart(2, '0'))
    .optional(),
);

/** Answers listed per search: places and deputies, each. */
const SEARCH_LIMIT = 30;
const TABLE_PER_PAGE = 1000;
const TABLE_MAX_PER_PAGE = 50_000;

/** A latitude or longitude in decimal degrees ("48.8566", "-1,55"), within ±`max`. */
const coordinate = (name: string, max: number) =>
  z.preprocess(
    single,
    z
      .string()
      .trim()
      .regex(/^[-+]?\d{1,3}(?:[.,]\d{1,20})?$/, `${name} attendue en degrés décimaux (ex. 48.8566)`)
      .transform((v) => Number(v.replace(',', '.')))
      .refine((v) => Math.abs(v) <= max, `${name} comprise entre -${max} et ${max}`)
      .optional(),
  );

const searchQuery = z
  .object({ q: textParam(), lat: coordinate('latitude', 90), lon: coordinate('longitude', 180) })
  .refine((v) => (v.lat === undefined) === (v.lon === undefined), {
    message: 'lat et lon vont ensemble (ex. /recherche?lat=48.8566&lon=2.3522)',
    path: ['lat'],
  });
const listQuery = z.object({ departement: departementParam });
const tableQuery = z.object({
  departement: departementParam,
  page: intParam(1, 100_000),
  per_page: intParam(1, TABLE_MAX_PER_PAGE),
});

/** `/circonscriptions/<dep>-<n>`, with an optional `.json`. */
const CIRCO_ID = /^(\d{2,3}|2[AB])-0*([1-9]\d?)(\.json)?$/i;

/** Circonscriptions, the search ("find my deputy") and the correspondence tables. */
export function geoRoutes(db: DB, legislature: number) {
  const app = new Hono<AppEnv>();
  const geoMeta = (withDeputies: boolean) =>
    sourceMeta(
      ...(withDeputies ? [anReferential({ legislature })] : []),
      inseeCirconscriptions(),
      laPostePostcodes(),
    );

  listRoute(app, {
    path: '/recherche',
    query: searchQuery,
    columns: SEARCH_COLUMNS,
    meta: () =>
      sourceMeta(
        anReferential({ legislature }),
        inseeCirconscriptions(),
        laPostePostcodes(),
        regardsCitoyensCirconscriptions(),
        circonscriptionContours(),
      ),
    csvName: 'recherche',
    perPage: null,
    load: async (_c, { q }) => {
      // A point (lat, lon) is never logged nor stored: it only answers this request.
      const result =
        q.lat !== undefined && q.lon !== undefined
          ? await searchPoint(db, legislature, q.lat, q.lon)
          : await search(db, legislature, q.q ?? '', SEARCH_LIMIT);
      const rows = result.candidates.map(searchRecord);
      const meta = {
        q: result.query,
        type: result.kind,
        motif: explain(result),
        lieux: result.places,
        deputes: result.deputies,
        circonscriptions: result.circos,
        vouliez_vous_dire: result.suggestion ?? null,
        departement: result.departement?.code ?? null,
        pays: result.abroad?.code ?? null,
        codes_postaux_commencant: result.postcodePrefix ?? null,
      };
      return { total: rows.length, rows, meta, result };
    },
    html: (c, { result, query }) => {
      const single = singleAnswer(result);
      // Without htmx (a submitted form), a single answer goes straight to the deputy.
      if (single && !isHtmx(c)) {
        const deputy = single.deputies[0];
        return c.redirect(deputy ? `/deputes/${deputy.uid}` : circoPath(single), 302);
      }
      const reason = explain(result);
      return pageOrFragment(
        c,
        () => <RecherchePage result={result} reason={reason} query={query} />,
        () => <SearchResults result={result} reason={reason} />,
      );
    },
  });

  listRoute(app, {
    path: '/circonscriptions',
    query: listQuery,
    columns: CIRCO_COLUMNS,
    meta: () => geoMeta(true),
    csvName: 'circonscriptions',
    perPage: null,
    load: async (_c, { q }) => {
      const rows = await circonscriptions(db, legislature, q.departement ? [q.departement] : null);
      return { total: rows.length, rows };
    },
    html: async (c, { q, rows, query }) =>
      c.html(
        <CirconscriptionsPage
          circos={rows}
          departement={q.departement ?? null}
          query={query}
          map={
            // No map for a code without circonscriptions: nothing to draw, nothing to cache.
            rows.length === 0
              ? null
              : await c
                  .get('maps')
                  .render(
                    q.departement
                      ? { kind: 'departement', departement: q.departement }
                      : { kind: 'france' },
                  )
          }
        />,
      ),
  });

  app.get('/circonscriptions/:id', async (c) => {
    const id = c.req.param('id');
    const match = CIRCO_ID.exec(id);
    if (!match) {
      throw new HTTPException(404, {
        message: 'Circonscription inconnue : l’adresse attendue est /circonscriptions/33-4.',
      });
    }
    const departement = match[1]!.toUpperCase();
    const number = Number(match[2]);
    const json = Boolean(match[3]);
    const canonical = `${departement}-${number}${json ? '.json' : ''}`;
    if (canonical !== id) return c.redirect(`/circonscriptions/${canonical}`, 301);
    const detail = await getCirconscription(db, legislature, departement, number);
    if (!detail) {
      throw new HTTPException(404, {
        message: `Aucune circonscription ${departement}-${number} dans les données.`,
      });
    }
    const siblings = await circonscriptions(db, legislature, [departement]);
    if (json) {
      const { circo, communes, postcodes, departementCommunes, formerDeputy } = detail;
      const deputy = circo.deputies[0] ?? null;
      return sendJsonDocument(c, geoMeta(true), {
        ...Object.fromEntries(CIRCO_COLUMNS.map((col) => [col.name, col.value(circo)])),
        depute: deputy && {
          uid: deputy.uid,
          prenom: deputy.first_name,
          nom: deputy.last_name,
          groupe: deputy.group_abbreviation,
          groupe_libelle: deputy.group_label,
        },
        dernier_elu: formerDeputy && {
          uid: formerDeputy.uid,
          prenom: formerDeputy.first_name,
          nom: formerDeputy.last_name,
          fin_mandat: formerDeputy.mandate_end,
        },
        communes: communes.map((x) => ({
          code_commune: x.code,
          commune: x.name,
          entiere: x.whole === 1,
          codes_postaux: x.postcodes ? x.postcodes.split(' ') : [],
        })),
        communes_du_territoire: departementCommunes.map((x) => ({
          code_commune: x.code,
          commune: x.name,
          codes_postaux: x.postcodes ? x.postcodes.split(' ') : [],
        })),
        codes_postaux: postcodes.map((p) => ({
          code_postal: p.postcode,
          code_commune: p.code,
          commune: p.name,
          entier: p.whole === 1,
        })),
        ...(departement === ABROAD
          ? { circonscriptions_hors_de_france: siblings.map((s) => circoId(s)) }
          : {}),
      });
    }
    const locator = await c.get('maps').render({ kind: 'locator', departement, number });
    return c.html(<CirconscriptionPage detail={detail} siblings={siblings} locator={locator} />);
  });

  /** A correspondence table: read whole, then paged like any list (CSV whole by default). */
  const tableRoutes = <R,>(
    path: string,
    columns: Column<R>[],
    rows: (departement: string | null) => Promise<R[]>,
  ) =>
    listRoute(app, {
      path,
      query: tableQuery,
      columns,
      meta: () => geoMeta(false),
      csvName: path.split('/').pop()!,
      perPage: TABLE_PER_PAGE,
      load: async (_c, { q, limit, offset }) => {
        const all = await rows(q.departement ?? null);
        return { total: all.length, rows: limit ? all.slice(offset, offset + limit) : all };
      },
    });
  tableRoutes('/correspondances/communes-circonscriptions', INSEE_COLUMNS, (d) =>
    inseeTable(db, d),
  );
  tableRoutes('/correspondances/codes-postaux', POSTCODE_COLUMNS, (d) =>
    postcodeTable(db, legislature, d),
  );

  return app;
}
