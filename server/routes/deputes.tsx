import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import {
  defaultDeputyFilter,
  deputyFilterOptions,
  getDeputy,
  listDeputies,
  type DeputyFilter,
} from '../../db/queries/deputes.ts';
import { deputyDeclarations } from '../../db/queries/declarations.ts';
import { deputyFacts } from '../../db/queries/faits.ts';
import { factJson } from '../records/faits.ts';
import { defaultChangeFilter, listChanges } from '../../db/queries/changements.ts';
import type { AppEnv } from '../app.tsx';
import type { Position } from '../../domain/votes.ts';
import { deputyDeclarationsJson } from '../records/declarations.ts';
import { sendCsv, sendJsonList } from '../lib/export.ts';
import { pageOrFragment } from '../lib/htmx.ts';
import { badQuery, enumParam, intParam, listParam, textParam } from '../lib/query.ts';
import {
  DEPUTY_COLUMNS,
  deputyRecord,
  deputyDetailJson,
  voteStatsJson,
} from '../records/deputes.ts';
import {
  deputyVoteStats,
  deputyVotes,
  votersOutsideReferential,
} from '../../db/queries/scrutins.ts';
import { DeputesPage, DeputesResults } from '../../views/deputes/deputes.tsx';
import { DeputePage } from '../../views/deputes/depute.tsx';

const PER_PAGE = 100;
const MAX_PER_PAGE = 1000;

const deputesQuery = z.object({
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
  position: enumParam(['pour', 'contre', 'abstention', 'nonvotant']),
  participations: enumParam(['oui', 'non']),
  conseil: enumParam(['oui', 'non']),
  profession_hatvp: enumParam(['oui', 'non']),
  tri: enumParam(['nom', 'groupe', 'age', 'departement', 'profession', 'debut']),
  ordre: enumParam(['asc', 'desc']),
  page: intParam(1, 100_000),
  per_page: intParam(1, MAX_PER_PAGE),
});

type DeputesQuery = z.infer<typeof deputesQuery>;

function toFilter(q: DeputesQuery, legislature: number): DeputyFilter {
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
    sort: q.tri ?? 'nom',
    order: q.ordre ?? 'asc',
  };
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

const today = () => new Date().toISOString().slice(0, 10);

/** `/deputes` (HTML, CSV, JSON) and `/deputes/<uid>` (HTML, JSON). */
export function deputesRoutes(db: DB) {
  const app = new Hono<AppEnv>();

  const validQuery = zValidator('query', deputesQuery, badQuery);

  app.get('/deputes.csv', validQuery, async (c) => {
    const q = c.req.valid('query');
    const limit = q.per_page ?? null;
    const page = q.page ?? 1;
    const { rows } = await listDeputies(
      db,
      toFilter(q, c.get('legislature')),
      { limit, offset: limit ? (page - 1) * limit : 0 },
      today(),
    );
    return sendCsv(
      c,
      'deputes',
      DEPUTY_COLUMNS,
      rows.map((r) => deputyRecord(r, today())),
    );
  });

  app.get('/deputes.json', validQuery, async (c) => {
    const q = c.req.valid('query');
    const perPage = q.per_page ?? PER_PAGE;
    const page = q.page ?? 1;
    const { total, rows } = await listDeputies(
      db,
      toFilter(q, c.get('legislature')),
      { limit: perPage, offset: (page - 1) * perPage },
      today(),
    );
    return sendJsonList(
      c,
      DEPUTY_COLUMNS,
      rows.map((r) => deputyRecord(r, today())),
      total,
      {
        ...c.get('sourceMeta'),
        page,
        per_page: perPage,
      },
    );
  });

  app.get('/deputes', validQuery, async (c) => {
    const q = c.req.valid('query');
    const perPage = q.per_page ?? PER_PAGE;
    const page = q.page ?? 1;
    const filter = toFilter(q, c.get('legislature'));
    const [{ total, rows }, options] = await Promise.all([
      listDeputies(db, filter, { limit: perPage, offset: (page - 1) * perPage }, today()),
      deputyFilterOptions(db),
    ]);
    const outside = filter.scrutin
      ? await votersOutsideReferential(
          db,
          filter.scrutin.legislature,
          filter.scrutin.number,
          filter.scrutin.position,
        )
      : 0;
    const view = {
      outside,
      filter,
      options,
      records: rows.map((r) => deputyRecord(r, today())),
      total,
      page,
      perPage,
      query: canonicalQuery(q),
    };
    return pageOrFragment(
      c,
      () => <DeputesPage {...view} />,
      () => <DeputesResults {...view} />,
    );
  });

  app.get('/deputes/:id', async (c) => {
    const match = /^(PA\d{1,10})(\.json)?$/.exec(c.req.param('id'));
    if (!match) throw new HTTPException(404, { message: 'Identifiant de député inconnu.' });
    const [detail, declarations, facts] = await Promise.all([
      getDeputy(db, match[1]!),
      deputyDeclarations(db, match[1]!),
      deputyFacts(db, match[1]!),
    ]);
    if (!detail)
      throw new HTTPException(404, { message: `Aucun député ${match[1]} dans les données.` });
    const stats = await deputyVoteStats(db, detail.acteur.uid);
    if (match[2]) {
      return c.json({
        ...c.get('sourceMeta'),
        generated_at: new Date().toISOString(),
        ...deputyDetailJson(detail, today()),
        votes: voteStatsJson(stats),
        declarations_hatvp: deputyDeclarationsJson(declarations),
        faits: facts.map(factJson),
      });
    }
    const none = {
      position: null,
      type: null,
      from: null,
      to: null,
      words: null,
      rebelOnly: false,
    };
    const [recent, rebellions, changes] = await Promise.all([
      deputyVotes(db, detail.acteur.uid, none, { limit: 10, offset: 0 }),
      deputyVotes(db, detail.acteur.uid, { ...none, rebelOnly: true }, { limit: 10, offset: 0 }),
      listChanges(
        db,
        { ...defaultChangeFilter, deputy: detail.acteur.uid },
        { limit: 10, offset: 0 },
      ),
    ]);
    const votes = { stats, recent: recent.rows, rebellions: rebellions.rows, total: recent.total };
    return c.html(
      <DeputePage
        detail={detail}
        today={today()}
        legislature={c.get('legislature')}
        votes={votes}
        declarations={declarations}
        facts={facts}
        changes={changes}
      />,
    );
  });

  return app;
}
