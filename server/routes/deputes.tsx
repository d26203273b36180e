import { zValidator } from '@hono/zod-validator';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import {
  defaultDeputyFilter,
  deputyFilterOptions,
  getDeputy,
  listDeputies,
  nameCandidates,
  type DeputyFilter,
} from '../../db/queries/deputes.ts';
import { deputyDeclarations } from '../../db/queries/declarations.ts';
import { deputyFacts } from '../../db/queries/faits.ts';
import { deputyAmendementStats } from '../../db/queries/amendements.ts';
import { deputyActivity, deputyActivityWeeks } from '../../db/queries/activite.ts';
import { activiteJson, presenceJson } from '../records/activite.ts';
import { factJson } from '../records/faits.ts';
import { defaultChangeFilter, listChanges } from '../../db/queries/changements.ts';
import type { AppEnv } from '../app.tsx';
import { anAmendements, anReferential, anScrutins, hatvpIndex } from '../../domain/sources.ts';
import { DEPUTY_VOTE_COLUMNS } from '../records/scrutins.ts';
import { DeputeVotesPage, DeputeVotesResults } from '../../views/deputes/depute-votes.tsx';
import { changeFilter, changesQuery, sendChangesFeed } from './changements.tsx';
import type { Position } from '../../domain/votes.ts';
import { deputyDeclarationsJson } from '../records/declarations.ts';
import { sendJsonDocument, sourceMeta } from '../lib/export.ts';
import { canonicalQuery as givenParams, listRoute } from '../lib/list-route.ts';
import { pageOrFragment } from '../lib/htmx.ts';
import {
  badQuery,
  dateParam,
  enumParam,
  intParam,
  listParam,
  positionParam,
  textParam,
  toPosition,
} from '../lib/query.ts';
import {
  DEPUTY_COLUMNS,
  amendementStatsJson,
  deputyListRecord,
  deputyDetailJson,
  formerVoterJson,
  voteStatsJson,
  votingGroupsJson,
  type ReferentialStatus,
} from '../records/deputes.ts';
import {
  deputyVoteStats,
  deputyVotes,
  deputyVotingGroups,
  votersOutsideReferential,
} from '../../db/queries/scrutins.ts';
import { DeputesPage, DeputesResults } from '../../views/deputes/deputes.tsx';
import { DeputePage } from '../../views/deputes/depute.tsx';
import { FormerVoterPage, formerVoterName } from '../../views/deputes/depute-hors-referentiel.tsx';
import { lobbyMatchesOfDeputy } from '../../db/queries/lobbies.ts';
import { lobbyMatchJson } from '../records/lobbies.ts';

const PER_PAGE = 100;
const MAX_PER_PAGE = 1000;

/** The parameters of the `/deputes` filter, which `/synthese` shares. */
export const deputyFilterParams = {
  en_exercice: enumParam(['oui', 'non', 'tous']),
  groupe: listParam(20, /^[\p{L}\p{N}-]+$/u),
  parti: textParam(60),
  profession: textParam(),
  categorie: textParam(),
  famille: textParam(),
  departement: z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v) || undefined,
    z
      .string()
      .regex(/^\d{1,3}$|^2[AaBb]$/, 'code de département attendu (ex. 33, 2A, 971, 099)')
      .optional(),
  ),
  sexe: enumParam(['f', 'h']),
  age_min: intParam(0, 150),
  age_max: intParam(0, 150),
  nom: textParam(),
  scrutin: intParam(1, 1_000_000),
  position: positionParam,
  participations: enumParam(['oui', 'non']),
  conseil: enumParam(['oui', 'non']),
  profession_hatvp: enumParam(['oui', 'non']),
};

const deputesQuery = z.object({
  ...deputyFilterParams,
  tri: enumParam([
    'nom',
    'groupe',
    'age',
    'departement',
    'profession',
    'debut',
    'participation',
    'participation-solennelle',
    'loyaute',
    'frondeurs',
    'amendements',
    'cosignatures',
    'amendements-adoptes',
    'taux-adoption',
  ]),
  ordre: enumParam(['asc', 'desc']),
  page: intParam(1, 100_000),
  per_page: intParam(1, MAX_PER_PAGE),
});

type DeputesQuery = z.infer<typeof deputesQuery>;
type DeputyFilterQuery = z.infer<z.ZodObject<typeof deputyFilterParams>>;

/** The deputies filter of the `/deputes` parameters (sorted by name). */
export function deputyFilter(q: DeputyFilterQuery, legislature: number): DeputyFilter {
  if (q.position && !q.scrutin) {
    throw new HTTPException(400, {
      message: 'Le paramètre « position » demande un numéro de « scrutin ».',
    });
  }
  return {
    ...defaultDeputyFilter,
    // Who voted in a scrutin includes those who have left office since.
    inOffice: q.en_exercice ?? (q.scrutin ? 'tous' : 'oui'),
    scrutin: q.scrutin
      ? {
          legislature,
          number: q.scrutin,
          position:
            q.position === 'nonvotant'
              ? 'nonVotant'
              : ((q.position as Position | undefined) ?? null),
        }
      : null,
    groups: q.groupe,
    party: q.parti ?? null,
    profession: q.profession ?? null,
    inseeCategory: q.categorie ?? null,
    inseeFamily: q.famille ?? null,
    departement: q.departement ? q.departement.padStart(2, '0') : null,
    sex: q.sexe === 'f' ? 'F' : q.sexe === 'h' ? 'M' : null,
    ageMin: q.age_min ?? null,
    ageMax: q.age_max ?? null,
    name: q.nom ?? null,
    participations: q.participations ?? null,
    consulting: q.conseil ?? null,
    professionDeclared: q.profession_hatvp === 'oui',
  };
}

function toFilter(q: DeputesQuery, legislature: number): DeputyFilter {
  return { ...deputyFilter(q, legislature), sort: q.tri ?? 'nom', order: q.ordre ?? 'asc' };
}

/** The canonical query string of a filter (defaults left out), for links and exports. */
function canonicalQuery(q: DeputesQuery): string {
  const params = new URLSearchParams();
  const add = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') params.append(key, String(value));
  };
  if (q.en_exercice && q.en_exercice !== (q.scrutin ? 'tous' : 'oui'))
    add('en_exercice', q.en_exercice);
  for (const g of q.groupe) add('groupe', g);
  add('parti', q.parti);
  add('profession', q.profession);
  add('categorie', q.categorie);
  add('famille', q.famille);
  add('departement', q.departement);
  add('sexe', q.sexe?.toUpperCase());
  add('age_min', q.age_min);
  add('age_max', q.age_max);
  add('nom', q.nom);
  add('scrutin', q.scrutin);
  add('position', q.position);
  add('participations', q.participations);
  add('conseil', q.conseil);
  if (q.profession_hatvp === 'oui') add('profession_hatvp', 'oui');
  if (q.tri && q.tri !== 'nom') add('tri', q.tri);
  if (q.ordre && q.ordre !== 'asc') add('ordre', q.ordre);
  if (q.per_page) add('per_page', q.per_page);
  return params.toString();
}

const deputyVotesQuery = z.object({
  position: positionParam,
  type: enumParam(['spo', 'sps', 'moc']),
  du: dateParam,
  au: dateParam,
  q: textParam(),
  frondeurs: enumParam(['oui', '1']),
  // The first name of `frondeurs`, still accepted.
  frondes: enumParam(['1', 'oui']),
  page: intParam(1, 100_000),
  per_page: intParam(1, 5000),
});

const today = () => new Date().toISOString().slice(0, 10);

/** A votes filter that keeps every vote. */
const anyVote = {
  position: null,
  type: null,
  from: null,
  to: null,
  words: null,
  rebelOnly: false,
};

type Ctx = Context<AppEnv>;
const referentialMeta = (c: Ctx) =>
  sourceMeta(anReferential({ legislature: c.get('legislature') }));
const votesMeta = (c: Ctx) => sourceMeta(anScrutins({ legislature: c.get('legislature') }));
/** `/deputes/<uid>.json` draws on every source it shows: referential, votes, HATVP, amendments. */
const detailMeta = (c: Ctx, inReferential: boolean) => {
  const config = { legislature: c.get('legislature') };
  return sourceMeta(
    ...(inReferential ? [anReferential(config)] : []),
    anScrutins(config),
    hatvpIndex(),
    anAmendements(config),
  );
};

/** The uid of `/deputes/<uid>/votes…`, which the route's pattern has checked. */
const uidParam = (c: Ctx) => c.req.param('uid') ?? '';

/**
 * Every `/deputes` route: the list (HTML, CSV, JSON), a deputy's page and JSON, their votes
 * (`/deputes/<uid>/votes`, `.csv`, `.json`) and their changes feed.
 */
export function deputesRoutes(db: DB) {
  const app = new Hono<AppEnv>();

  listRoute(app, {
    path: '/deputes',
    query: deputesQuery,
    columns: DEPUTY_COLUMNS,
    meta: referentialMeta,
    csvName: 'deputes',
    perPage: PER_PAGE,
    canonical: canonicalQuery,
    load: async (c, { q, limit, offset }) => {
      const filter = toFilter(q, c.get('legislature'));
      const { total, rows } = await listDeputies(db, filter, { limit, offset }, today());
      return { total, rows: rows.map((r) => deputyListRecord(r, today())), filter };
    },
    html: async (c, view) => {
      const { filter } = view;
      const [options, outside] = await Promise.all([
        deputyFilterOptions(db),
        filter.scrutin
          ? votersOutsideReferential(
              db,
              filter.scrutin.legislature,
              filter.scrutin.number,
              filter.scrutin.position,
            )
          : 0,
      ]);
      const props = { ...view, records: view.rows, options, outside };
      return pageOrFragment(
        c,
        () => <DeputesPage {...props} />,
        () => <DeputesResults {...props} />,
      );
    },
  });

  app.get('/deputes/:id', async (c) => {
    const match = /^(PA\d{1,10})(\.json)?$/.exec(c.req.param('id'));
    if (!match) throw new HTTPException(404, { message: 'Identifiant de député inconnu.' });
    const uid = match[1]!;
    const legislature = c.get('legislature');
    const [detail, stats, groups, amendements] = await Promise.all([
      getDeputy(db, uid),
      deputyVoteStats(db, uid),
      deputyVotingGroups(db, uid),
      deputyAmendementStats(db, uid),
    ]);
    // An acteur outside the referential has a page only if they voted or signed an amendment.
    if (!detail && groups.length === 0 && !amendements)
      throw new HTTPException(404, { message: `Aucun député ${uid} dans les données.` });
    const who: ReferentialStatus = {
      inReferential: detail !== null,
      hasTerm:
        detail?.mandats.some(
          (m) => m.organe_type === 'ASSEMBLEE' && m.legislature === legislature,
        ) ?? false,
    };
    const [declarations, facts, candidates, activity, lobbies] = await Promise.all([
      deputyDeclarations(db, uid),
      deputyFacts(db, uid),
      detail ? [] : nameCandidates(db, uid),
      deputyActivity(db, uid),
      lobbyMatchesOfDeputy(db, uid),
    ]);
    if (match[2]) {
      return sendJsonDocument(c, detailMeta(c, detail !== null), {
        ...(detail
          ? { ...deputyDetailJson(detail, today()), dans_le_referentiel: true }
          : formerVoterJson(uid, candidates)),
        groupes_de_vote: votingGroupsJson(groups),
        votes: voteStatsJson(stats, who),
        declarations_hatvp: deputyDeclarationsJson(declarations),
        faits: facts.map(factJson),
        amendements: amendementStatsJson(uid, amendements),
        presence_commission: presenceJson(activity.legislature, 'legislature'),
        presence_commission_12_mois: presenceJson(activity['12_mois'], '12_mois'),
        activite: activiteJson(activity),
        representants_interets_candidats: lobbies.map(lobbyMatchJson),
      });
    }
    const [recent, rebellions, changes] = await Promise.all([
      deputyVotes(db, uid, anyVote, { limit: 10, offset: 0 }),
      deputyVotes(db, uid, { ...anyVote, rebelOnly: true }, { limit: 10, offset: 0 }),
      listChanges(db, { ...defaultChangeFilter, deputy: uid }, { limit: 10, offset: 0 }),
    ]);
    const votes = {
      stats,
      who,
      recent: recent.rows,
      rebellions: rebellions.rows,
      total: recent.total,
    };
    if (!detail)
      return c.html(
        <FormerVoterPage
          uid={uid}
          groups={groups}
          candidates={candidates}
          votes={votes}
          changes={changes}
          amendements={amendements}
        />,
      );
    return c.html(
      <DeputePage
        detail={detail}
        today={today()}
        legislature={legislature}
        votes={votes}
        declarations={declarations}
        facts={facts}
        changes={changes}
        amendements={amendements}
        activite={{ stats: activity, weeks: await deputyActivityWeeks(db, uid) }}
        lobbies={lobbies}
        locator={
          detail.acteur.in_office === 1 &&
          detail.acteur.departement_code &&
          detail.acteur.circo_number !== null
            ? await c.get('maps').render({
                kind: 'locator',
                departement: detail.acteur.departement_code,
                number: detail.acteur.circo_number,
              })
            : null
        }
      />,
    );
  });

  listRoute(app, {
    // Any other segment than a deputy's uid is a page that does not exist (404).
    path: '/deputes/:uid{PA\\d{1,10}}/votes',
    query: deputyVotesQuery,
    columns: DEPUTY_VOTE_COLUMNS,
    meta: votesMeta,
    csvName: (c) => `votes-${uidParam(c)}`,
    perPage: PER_PAGE,
    canonical: (q) => givenParams(Object.keys(deputyVotesQuery.shape), q, ['per_page']),
    load: async (c, { q, limit, offset }) => {
      const uid = uidParam(c);
      const detail = await getDeputy(db, uid);
      // An acteur outside the referential who voted has their votes listed too.
      if (!detail && (await deputyVotes(db, uid, anyVote, { limit: 1, offset: 0 })).total === 0)
        throw new HTTPException(404, { message: `Aucun député ${uid} dans les données.` });
      const filter = {
        position: toPosition(q.position),
        type: q.type?.toUpperCase() ?? null,
        from: q.du ?? null,
        to: q.au ?? null,
        words: q.q ?? null,
        rebelOnly: q.frondeurs !== undefined || q.frondes !== undefined,
      };
      const { total, rows } = await deputyVotes(db, uid, filter, { limit, offset });
      const name = detail
        ? `${detail.acteur.first_name} ${detail.acteur.last_name}`
        : formerVoterName(uid);
      return { total, rows, filter, uid, name };
    },
    html: (c, view) =>
      pageOrFragment(
        c,
        () => <DeputeVotesPage {...view} />,
        () => <DeputeVotesResults {...view} />,
      ),
  });

  app.get(
    '/deputes/:uid/changements.atom',
    zValidator('query', changesQuery, badQuery),
    async (c) => {
      const uid = c.req.param('uid');
      if (!/^PA\d{1,10}$/.test(uid))
        throw new HTTPException(404, { message: 'Identifiant de député inconnu.' });
      const acteur = await db
        .selectFrom('acteur')
        .select(['first_name', 'last_name'])
        .where('uid', '=', uid)
        .executeTakeFirst();
      // An acteur outside the referential who voted has a page, hence a feed.
      if (!acteur && (await deputyVotes(db, uid, anyVote, { limit: 1, offset: 0 })).total === 0)
        throw new HTTPException(404, { message: `Aucun député ${uid} dans les données.` });
      return sendChangesFeed(
        c,
        db,
        { ...changeFilter(c.req.valid('query')), deputy: uid },
        `Suivi des députés : ${acteur ? `${acteur.first_name} ${acteur.last_name}` : `ancien député ${uid}`}`,
        `/deputes/${uid}/changements.atom`,
        `/deputes/${uid}`,
      );
    },
  );

  return app;
}
