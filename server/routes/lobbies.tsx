import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import {
  getLobby,
  lobbyFacets,
  listLobbies,
  listLobbyActivities,
  lobbyMatchesOfOrganisation,
  type LobbyFilter,
} from '../../db/queries/lobbies.ts';
import { LOBBY_OFFICIALS } from '../../domain/lobbies.ts';
import { hatvpLobbies } from '../../domain/sources.ts';
import type { AppEnv } from '../app.tsx';
import { sendJsonDocument, sourceMeta } from '../lib/export.ts';
import { isHtmx, pageOrFragment } from '../lib/htmx.ts';
import { listRoute } from '../lib/list-route.ts';
import { enumParam, intParam, textParam } from '../lib/query.ts';
import {
  LOBBY_ACTIVITY_COLUMNS,
  LOBBY_COLUMNS,
  lobbyDetailJson,
  lobbyMatchJson,
  officialOf,
} from '../records/lobbies.ts';
import {
  LobbiesPage,
  LobbiesResults,
  LobbyActivitiesPage,
  LobbyActivitiesResults,
  LobbyPage,
} from '../../views/lobbies/lobbies.tsx';

const PER_PAGE = 100;

const OFFICIALS = Object.keys(LOBBY_OFFICIALS) as [keyof typeof LOBBY_OFFICIALS];

/** The filters both lists take. */
const filterShape = {
  q: textParam(),
  categorie: textParam(120),
  secteur: textParam(120),
  domaine: textParam(120),
  responsable: enumParam(OFFICIALS),
  ministere: textParam(),
  depense: intParam(0, 1_000_000_000),
  annee: intParam(2000, 2100),
};

const lobbiesQuery = z.object({
  ...filterShape,
  tri: enumParam(['nom', 'activites', 'depense']),
  page: intParam(1, 100_000),
  per_page: intParam(1, 1000),
});

const activitiesQuery = z.object({
  ...filterShape,
  page: intParam(1, 100_000),
  per_page: intParam(1, 1000),
});

type FilterQuery = z.infer<z.ZodObject<typeof filterShape>>;

export function lobbyFilter(q: FilterQuery): LobbyFilter {
  return {
    q: q.q ?? null,
    categorie: q.categorie ?? null,
    secteur: q.secteur ?? null,
    domaine: q.domaine ?? null,
    responsable: officialOf(q.responsable),
    ministere: q.ministere ?? null,
    depense: q.depense ?? null,
    annee: q.annee ?? null,
  };
}

/** `/lobbies`, `/lobbies/activites` (HTML, CSV, JSON) and an organisation's page and JSON. */
export function lobbiesRoutes(db: DB) {
  const app = new Hono<AppEnv>();
  const meta = sourceMeta(hatvpLobbies());

  listRoute(app, {
    path: '/lobbies/activites',
    query: activitiesQuery,
    columns: LOBBY_ACTIVITY_COLUMNS,
    meta: () => meta,
    csvName: 'lobbies-activites',
    perPage: PER_PAGE,
    load: async (_c, { q, limit, offset }) =>
      listLobbyActivities(db, lobbyFilter(q), { limit, offset }),
    html: async (c, view) => {
      const props = {
        ...view,
        filter: lobbyFilter(view.q),
        responsable: view.q.responsable ?? null,
      };
      const facets = isHtmx(c) ? null : await lobbyFacets(db);
      return pageOrFragment(
        c,
        () => <LobbyActivitiesPage {...props} facets={facets!} />,
        () => <LobbyActivitiesResults {...props} />,
      );
    },
  });

  listRoute(app, {
    path: '/lobbies',
    query: lobbiesQuery,
    columns: LOBBY_COLUMNS,
    meta: () => meta,
    csvName: 'lobbies',
    perPage: PER_PAGE,
    load: async (_c, { q, limit, offset }) => {
      const { total, rows, byCategory } = await listLobbies(db, lobbyFilter(q), q.tri ?? 'nom', {
        limit,
        offset,
      });
      return { total, rows, byCategory, meta: { par_categorie: byCategory } };
    },
    html: async (c, view) => {
      const props = {
        ...view,
        filter: lobbyFilter(view.q),
        responsable: view.q.responsable ?? null,
        tri: view.q.tri ?? 'nom',
      };
      const facets = isHtmx(c) ? null : await lobbyFacets(db);
      return pageOrFragment(
        c,
        () => <LobbiesPage {...props} facets={facets!} />,
        () => <LobbiesResults {...props} />,
      );
    },
  });

  app.get('/lobbies/:file', async (c) => {
    const match = /^(\d{1,12})(\.json)?$/.exec(c.req.param('file'));
    const detail = match ? await getLobby(db, Number(match[1])) : null;
    if (!detail) {
      throw new HTTPException(404, {
        message: "Ce représentant d'intérêts n'est pas dans les données.",
      });
    }
    const matches = await lobbyMatchesOfOrganisation(db, detail.organisation.id);
    if (match![2]) {
      return sendJsonDocument(c, meta, {
        ...lobbyDetailJson(detail),
        rapprochements_candidats: matches.map(lobbyMatchJson),
      });
    }
    return c.html(<LobbyPage detail={detail} matches={matches} />);
  });

  return app;
}
