import { zValidator } from '@hono/zod-validator';
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
  type SearchResult,
} from '../../db/queries/geo.ts';
import { anReferential, inseeCirconscriptions, laPostePostcodes } from '../../domain/sources.ts';
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
import { sendCsv, sendJsonList, type Column, type ListMeta } from '../lib/export.ts';
import { isHtmx, pageOrFragment } from '../lib/htmx.ts';
import { badQuery, intParam, textParam } from '../lib/query.ts';

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

const searchQuery = z.object({ q: textParam() });
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
  const geoMeta = (withDeputies: boolean): Pick<ListMeta, 'source' | 'licence'> => {
    const sources = [
      ...(withDeputies ? [anReferential({ legislature })] : []),
      inseeCirconscriptions(),
      laPostePostcodes(),
    ];
    return {
      source: sources.map((s) => `${s.publisher} – ${s.url}`).join(' ; '),
      licence: [...new Set(sources.map((s) => s.licence))].join(' ; '),
    };
  };

  const validSearch = zValidator('query', searchQuery, badQuery);
  const runSearch = (q: string | undefined) => search(db, legislature, q ?? '', SEARCH_LIMIT);
  const searchMeta = (result: SearchResult) => ({
    ...geoMeta(true),
    page: 1,
    per_page: null,
    q: result.query,
    type: result.kind,
    motif: explain(result),
    lieux: result.places,
    deputes: result.deputies,
    circonscriptions: result.circos,
  });

  app.get('/recherche.json', validSearch, async (c) => {
    const result = await runSearch(c.req.valid('query').q);
    const records = result.candidates.map(searchRecord);
    return sendJsonList(c, SEARCH_COLUMNS, records, records.length, searchMeta(result));
  });

  app.get('/recherche.csv', validSearch, async (c) => {
    const result = await runSearch(c.req.valid('query').q);
    return sendCsv(c, 'recherche', SEARCH_COLUMNS, result.candidates.map(searchRecord));
  });

  app.get('/recherche', validSearch, async (c) => {
    const result = await runSearch(c.req.valid('query').q);
    const single = singleAnswer(result);
    // Without htmx (a submitted form), a single answer goes straight to the deputy.
    if (single && !isHtmx(c)) {
      const deputy = single.deputies[0];
      return c.redirect(deputy ? `/deputes/${deputy.uid}` : circoPath(single), 302);
    }
    const reason = explain(result);
    return pageOrFragment(
      c,
      () => <RecherchePage result={result} reason={reason} />,
      () => <SearchResults result={result} reason={reason} />,
    );
  });

  const validList = zValidator('query', listQuery, badQuery);
  const listCircos = async (departement: string | undefined) =>
    circonscriptions(db, legislature, departement ? [departement] : null);

  app.get('/circonscriptions.json', validList, async (c) => {
    const circos = await listCircos(c.req.valid('query').departement);
    return sendJsonList(c, CIRCO_COLUMNS, circos, circos.length, {
      ...geoMeta(true),
      page: 1,
      per_page: null,
    });
  });

  app.get('/circonscriptions.csv', validList, async (c) =>
    sendCsv(
      c,
      'circonscriptions',
      CIRCO_COLUMNS,
      await listCircos(c.req.valid('query').departement),
    ),
  );

  app.get('/circonscriptions', validList, async (c) => {
    const { departement } = c.req.valid('query');
    const circos = await listCircos(departement);
    const query = departement ? new URLSearchParams({ departement }).toString() : '';
    return c.html(
      <CirconscriptionsPage circos={circos} departement={departement ?? null} query={query} />,
    );
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
      return c.json({
        ...geoMeta(true),
        generated_at: new Date().toISOString(),
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
    return c.html(<CirconscriptionPage detail={detail} siblings={siblings} />);
  });

  const validTable = zValidator('query', tableQuery, badQuery);
  const tableRoutes = <R,>(
    path: string,
    columns: Column<R>[],
    rows: (departement: string | null) => Promise<R[]>,
  ) => {
    app.get(`${path}.csv`, validTable, async (c) => {
      const q = c.req.valid('query');
      let all = await rows(q.departement ?? null);
      if (q.per_page) all = all.slice(((q.page ?? 1) - 1) * q.per_page, (q.page ?? 1) * q.per_page);
      return sendCsv(c, path.split('/').pop()!, columns, all);
    });
    app.get(`${path}.json`, validTable, async (c) => {
      const q = c.req.valid('query');
      const perPage = q.per_page ?? TABLE_PER_PAGE;
      const page = q.page ?? 1;
      const all = await rows(q.departement ?? null);
      return sendJsonList(c, columns, all.slice((page - 1) * perPage, page * perPage), all.length, {
        ...geoMeta(false),
        page,
        per_page: perPage,
      });
    });
  };
  tableRoutes('/correspondances/communes-circonscriptions', INSEE_COLUMNS, (d) =>
    inseeTable(db, d),
  );
  tableRoutes('/correspondances/codes-postaux', POSTCODE_COLUMNS, (d) =>
    postcodeTable(db, legislature, d),
  );

  return app;
}
