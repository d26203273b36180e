import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import {
  DEFAULT_EXPORT_MAX_PER_CLIENT,
  DEFAULT_PAGE_CACHE_MB,
  defaultPublicUrl,
  type Config,
} from '../config.ts';
import type { DB } from '../db/database.ts';
import { describeSources, type ScheduledStatus, type SourceInfo } from '../domain/sources.ts';
import { ErrorPage } from '../views/error.tsx';
import { isHtmx } from './lib/htmx.ts';
import { pageCache } from './lib/http-cache.ts';
import { changementsRoutes } from './routes/changements.tsx';
import { comparerRoutes } from './routes/comparer.tsx';
import { lobbiesRoutes } from './routes/lobbies.tsx';
import { declarationsRoutes } from './routes/declarations.tsx';
import { faitsRoutes } from './routes/faits.tsx';
import { suiviRoutes } from './routes/suivi.tsx';
import { deputesRoutes } from './routes/deputes.tsx';
import { donneesRoutes } from './routes/donnees.tsx';
import { exportsRoutes } from './routes/exports.tsx';
import { clientAddress, trustedProxies } from './lib/client.ts';
import { departementsRoutes } from './routes/departements.tsx';
import { MapRenderer } from './records/cartes.tsx';
import { geoRoutes } from './routes/geo.tsx';
import { groupesRoutes } from './routes/groupes.tsx';
import { homeRoutes } from './routes/home.tsx';
import { staticRoutes } from './routes/static.ts';
import { scrutinsRoutes } from './routes/scrutins.tsx';
import { dossiersRoutes } from './routes/dossiers.tsx';
import { amendementsRoutes } from './routes/amendements.tsx';
import { methodologieRoutes } from './routes/methodologie.tsx';
import { sourcesRoutes } from './routes/sources.tsx';
import { syntheseRoutes } from './routes/synthese.tsx';
import { agendaRoutes } from './routes/agenda.tsx';

/** What a running crawl tells the pages (the home page says data is loading). */
export interface CrawlState {
  running: boolean;
  source: string | null;
  phase: string | null;
  done: number;
  total: number;
}

export const idleCrawl: CrawlState = {
  running: false,
  source: null,
  phase: null,
  done: 0,
  total: 0,
};

export interface AppOptions {
  db: DB;
  config: Pick<Config, 'legislature'> &
    Partial<
      Pick<
        Config,
        | 'adminToken'
        | 'exportMaxPerClient'
        | 'pageCacheBytes'
        | 'publicUrl'
        | 'trustProxy'
        | 'trackersAllowPrivate'
      >
    >;
  crawlState?: () => CrawlState;
  /** The scheduler's view of each source (npm start); absent when the site only serves. */
  schedule?: () => ScheduledStatus[];
  /** The crawled sources, for /sources; the built-in ones by default. */
  sources?: SourceInfo[];
}

export type AppEnv = {
  Variables: {
    legislature: number;
    crawlState: CrawlState;
    /** PUBLIC_URL: the origin of every absolute link, whatever the request's Host says. */
    publicUrl: string;
    /** The client's address (see server/lib/client.ts), for the per-client limits. */
    client: string;
    /** The site's maps, cached per state of the data. */
    maps: MapRenderer;
  };
};

/** Longest accepted URL (path and query string), in characters. */
const MAX_URL_LENGTH = 4096;

/** Largest accepted request body, in bytes. */
const MAX_BODY_BYTES = 16 * 1024;

/** The web application: pages, CSV and JSON exports, static assets. */
export function createApp({
  db,
  config,
  crawlState = () => idleCrawl,
  schedule,
  sources,
}: AppOptions) {
  const app = new Hono<AppEnv>();
  const publicUrl = config.publicUrl ?? defaultPublicUrl(3000);
  const proxies = trustedProxies(config.trustProxy ?? []);
  const maps = new MapRenderer(db, config.legislature);

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'https://www.assemblee-nationale.fr', 'data:'],
        // Charts set widths and group colours in style attributes; <style> elements and
        // inline scripts are refused (htmx's indicator <style> is off in the layout's
        // htmx-config). Browsers without the -attr/-elem directives fall back to style-src.
        styleSrc: ["'self'", "'unsafe-inline'"],
        styleSrcElem: ["'self'"],
        styleSrcAttr: ["'unsafe-inline'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
      xFrameOptions: 'DENY',
      crossOriginEmbedderPolicy: false,
    }),
  );
  // Every route is a GET: a request body is never needed, so a large one is refused early.
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HTTPException(413, { message: 'Requête trop volumineuse.' });
      },
    }),
  );
  app.use(async (c, next) => {
    if (c.req.url.length > MAX_URL_LENGTH)
      throw new HTTPException(414, { message: 'Adresse trop longue.' });
    c.set('legislature', config.legislature);
    c.set('publicUrl', publicUrl);
    c.set('client', clientAddress(c, proxies));
    c.set('crawlState', crawlState());
    c.set('maps', maps);
    await next();
  });
  // Public answers from the page cache (after the URL check, before every route).
  app.use(
    pageCache({
      db,
      maxBytes: config.pageCacheBytes ?? DEFAULT_PAGE_CACHE_MB * 1024 * 1024,
      render: (request, env) => app.fetch(request, env),
    }),
  );

  app.route('/', staticRoutes());
  app.route('/', homeRoutes(db));
  app.route('/', deputesRoutes(db));
  app.route('/', syntheseRoutes(db));
  app.route('/', agendaRoutes(db));
  app.route('/', changementsRoutes(db));
  app.route('/', scrutinsRoutes(db, config.legislature));
  app.route('/', dossiersRoutes(db, config.legislature));
  app.route('/', amendementsRoutes(db, config.legislature));
  app.route(
    '/',
    exportsRoutes(
      db,
      config.legislature,
      config.exportMaxPerClient ?? DEFAULT_EXPORT_MAX_PER_CLIENT,
      publicUrl,
    ),
  );
  app.route('/', groupesRoutes(db, config.legislature));
  app.route('/', comparerRoutes(db, config.legislature));
  app.route('/', methodologieRoutes(db, config.legislature));
  app.route('/', geoRoutes(db, config.legislature));
  app.route('/', departementsRoutes(db, config.legislature));
  app.route('/', declarationsRoutes(db));
  app.route('/', lobbiesRoutes(db));
  app.route('/', sourcesRoutes(db, sources ?? describeSources(config), schedule ?? null));
  app.route('/', donneesRoutes());
  app.route('/', faitsRoutes(db));
  // Without ADMIN_TOKEN the admin pages do not exist (404).
  if (config.adminToken)
    app.route(
      '/',
      suiviRoutes(db, {
        adminToken: config.adminToken,
        publicUrl,
        allowPrivate: config.trackersAllowPrivate ?? false,
      }),
    );

  app.notFound((c) => {
    c.status(404);
    return c.html(<ErrorPage status={404} message="Cette page n'existe pas." />);
  });

  app.onError((error, c) => {
    const status = error instanceof HTTPException ? error.status : 500;
    const message =
      error instanceof HTTPException
        ? error.message
        : 'Une erreur interne est survenue. Elle a été enregistrée.';
    if (status >= 500) console.error(`${c.req.method} ${c.req.path}:`, error);
    c.status(status);
    const wantsJson = c.req.path.endsWith('.json');
    if (wantsJson) return c.json({ error: message, status });
    if (c.req.path.endsWith('.csv')) return c.text(message);
    return c.html(
      isHtmx(c) ? (
        <p class="error" role="alert">
          {message}
        </p>
      ) : (
        <ErrorPage status={status} message={message} />
      ),
    );
  });

  return app;
}
