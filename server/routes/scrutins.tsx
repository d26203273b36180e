import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { stream } from 'hono/streaming';
import Papa from 'papaparse';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { getDeputy } from '../../db/queries/deputes.ts';
import {
  deputyVotes,
  getScrutin,
  listScrutins,
  scrutinVotes,
  allVotesInBatches,
  type ScrutinFilter,
} from '../../db/queries/scrutins.ts';
import type { Position } from '../../domain/votes.ts';
import type { AppEnv } from '../app.tsx';
import { neutraliseCell, sendCsv, sendJsonList } from '../lib/export.ts';
import { pageOrFragment } from '../lib/htmx.ts';
import { badQuery, dateParam, enumParam, intParam, listParam, textParam } from '../lib/query.ts';
import {
  BULK_VOTE_COLUMNS,
  DEPUTY_VOTE_COLUMNS,
  SCRUTIN_COLUMNS,
  SCRUTIN_VOTE_COLUMNS,
  anScrutinUrl,
} from '../records/scrutins.ts';
import { DeputeVotesPage, DeputeVotesResults } from '../../views/deputes/depute-votes.tsx';
import {
  ScrutinPage,
  ScrutinVotesList,
  ScrutinsPage,
  ScrutinsResults,
} from '../../views/scrutins/scrutins.tsx';

const PER_PAGE = 100;
const positionParam = enumParam(['pour', 'contre', 'abstention', 'nonvotant']);
const toPosition = (p: string | undefined): Position | null =>
  p === 'nonvotant' ? 'nonVotant' : ((p as Position | undefined) ?? null);

const scrutinsQuery = z.object({
  q: textParam(),
  du: dateParam,
  au: dateParam,
  type: enumParam(['spo', 'sps', 'moc']),
  resultat: enumParam(['adopte', 'rejete']),
  tri: enumParam(['numero-desc', 'numero-asc', 'date-desc', 'date-asc']),
  page: intParam(1, 100_000),
  per_page: intParam(1, 1000),
});
type ScrutinsQuery = z.infer<typeof scrutinsQuery>;

function scrutinFilter(q: ScrutinsQuery): ScrutinFilter {
  const [sort, order] = (q.tri ?? 'numero-desc').split('-') as ['numero' | 'date', 'asc' | 'desc'];
  return {
    from: q.du ?? null,
    to: q.au ?? null,
    type: q.type?.toUpperCase() ?? null,
    result: q.resultat === 'adopte' ? 'adopté' : q.resultat === 'rejete' ? 'rejeté' : null,
    words: q.q ?? null,
    sort,
    order,
  };
}

function canonical(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== '') search.set(k, String(v));
  return search.toString();
}

const scrutinVotesQuery = z.object({
  groupe: listParam(1, /^[\p{L}\p{N}-]+$/u),
  position: positionParam,
});

const deputyVotesQuery = z.object({
  position: positionParam,
  type: enumParam(['spo', 'sps', 'moc']),
  du: dateParam,
  au: dateParam,
  q: textParam(),
  frondes: enumParam(['1', 'oui']),
  page: intParam(1, 100_000),
  per_page: intParam(1, 5000),
});

/** `/scrutins…`, `/deputes/<uid>/votes…` and the bulk `/exports/votes.csv`. */
export function scrutinsRoutes(db: DB, legislature: number) {
  const app = new Hono<AppEnv>();
  const validScrutins = zValidator('query', scrutinsQuery, badQuery);

  const scrutinPage = async (q: ScrutinsQuery, all: boolean) => {
    const perPage = q.per_page ?? PER_PAGE;
    const page = q.page ?? 1;
    const limit = all && !q.per_page ? null : perPage;
    const result = await listScrutins(db, legislature, scrutinFilter(q), {
      limit,
      offset: limit ? (page - 1) * perPage : 0,
    });
    return { ...result, page, perPage };
  };

  app.get('/scrutins.csv', validScrutins, async (c) => {
    const { rows } = await scrutinPage(c.req.valid('query'), true);
    return sendCsv(c, 'scrutins', SCRUTIN_COLUMNS, rows);
  });
  app.get('/scrutins.json', validScrutins, async (c) => {
    const { rows, total, page, perPage } = await scrutinPage(c.req.valid('query'), false);
    return sendJsonList(c, SCRUTIN_COLUMNS, rows, total, {
      ...c.get('votesMeta'),
      page,
      per_page: perPage,
    });
  });
  app.get('/scrutins', validScrutins, async (c) => {
    const q = c.req.valid('query');
    const { rows, total, page, perPage } = await scrutinPage(q, false);
    const view = {
      filter: scrutinFilter(q),
      rows,
      total,
      page,
      perPage,
      query: canonical({
        q: q.q,
        du: q.du,
        au: q.au,
        type: q.type,
        resultat: q.resultat,
        tri: q.tri,
        per_page: q.per_page,
      }),
    };
    return pageOrFragment(
      c,
      () => <ScrutinsPage {...view} />,
      () => <ScrutinsResults {...view} />,
    );
  });

  const findScrutin = async (raw: string) => {
    const number = /^\d{1,6}$/.test(raw) ? Number(raw) : null;
    const detail = number === null ? null : await getScrutin(db, legislature, number);
    if (!detail)
      throw new HTTPException(404, {
        message: `Aucun scrutin n° ${raw.slice(0, 20)} dans les données.`,
      });
    return detail;
  };

  app.get('/scrutins/:file', zValidator('query', scrutinVotesQuery, badQuery), async (c) => {
    const match = /^(\d{1,6})(\.json)?$/.exec(c.req.param('file'));
    if (!match) throw new HTTPException(404, { message: 'Numéro de scrutin invalide.' });
    const detail = await findScrutin(match[1]!);
    const q = c.req.valid('query');
    const groupFilter = q.groupe[0] ?? null;
    const positionFilter = toPosition(q.position);
    if (match[2]) {
      const { scrutin: s, groups } = detail;
      return c.json({
        ...c.get('votesMeta'),
        generated_at: new Date().toISOString(),
        numero: s.number,
        uid: s.uid,
        date: s.date,
        type: s.type_code,
        titre: s.title,
        objet: s.object,
        resultat: s.result_code,
        demandeur: s.requesters,
        url_an: anScrutinUrl(legislature, s.number),
        decompte: {
          pour: s.for_count,
          contre: s.against_count,
          abstention: s.abstention_count,
          nonVotant: s.non_voting_count,
          votants: s.voters,
          exprimes: s.expressed,
          requis: s.required,
        },
        listes_nominatives: {
          pour: s.listed_for,
          contre: s.listed_against,
          abstention: s.listed_abstention,
          nonVotant: s.listed_non_voting,
        },
        ecart_decompte: s.counts_mismatch,
        frondeurs: s.rebels,
        groupes: groups.map((g) => ({
          groupe_uid: g.group_uid,
          groupe: g.abbreviation,
          groupe_libelle: g.label,
          membres: g.members,
          position: g.position,
          pour: g.for_count,
          contre: g.against_count,
          abstention: g.abstention_count,
          nonVotant: g.non_voting_count,
          indice_accord: g.agreement_index,
        })),
      });
    }
    const votes = await scrutinVotes(db, detail.scrutin.uid, {
      group: groupFilter,
      position: positionFilter,
    });
    const view = {
      detail,
      votes,
      legislature,
      groupFilter,
      positionFilter: q.position ? positionFilter : null,
    };
    return pageOrFragment(
      c,
      () => <ScrutinPage {...view} />,
      () => <ScrutinVotesList {...view} />,
    );
  });

  for (const format of ['csv', 'json'] as const) {
    app.get(
      `/scrutins/:numero/votes.${format}`,
      zValidator('query', scrutinVotesQuery, badQuery),
      async (c) => {
        const detail = await findScrutin(c.req.param('numero'));
        const q = c.req.valid('query');
        const votes = await scrutinVotes(db, detail.scrutin.uid, {
          group: q.groupe[0] ?? null,
          position: toPosition(q.position),
        });
        if (format === 'csv')
          return sendCsv(c, `scrutin-${detail.scrutin.number}-votes`, SCRUTIN_VOTE_COLUMNS, votes);
        return sendJsonList(c, SCRUTIN_VOTE_COLUMNS, votes, votes.length, {
          ...c.get('votesMeta'),
          page: 1,
          per_page: null,
        });
      },
    );
  }

  // A deputy's votes: `/deputes/<uid>/votes`, `.csv`, `.json`.
  app.get('/deputes/:uid/:file', zValidator('query', deputyVotesQuery, badQuery), async (c) => {
    const file = /^votes(?:\.(csv|json))?$/.exec(c.req.param('file'));
    const uid = /^PA\d{1,10}$/.test(c.req.param('uid')) ? c.req.param('uid') : null;
    if (!file || !uid) return c.notFound();
    const detail = await getDeputy(db, uid);
    if (!detail) throw new HTTPException(404, { message: `Aucun député ${uid} dans les données.` });
    const q = c.req.valid('query');
    const filter = {
      position: toPosition(q.position),
      type: q.type?.toUpperCase() ?? null,
      from: q.du ?? null,
      to: q.au ?? null,
      words: q.q ?? null,
      rebelOnly: q.frondes !== undefined,
    };
    const perPage = q.per_page ?? PER_PAGE;
    const page = q.page ?? 1;
    const all = file[1] === 'csv' && !q.per_page;
    const { total, rows } = await deputyVotes(db, uid, filter, {
      limit: all ? null : perPage,
      offset: all ? 0 : (page - 1) * perPage,
    });
    if (file[1] === 'csv') return sendCsv(c, `votes-${uid}`, DEPUTY_VOTE_COLUMNS, rows);
    if (file[1] === 'json') {
      return sendJsonList(c, DEPUTY_VOTE_COLUMNS, rows, total, {
        ...c.get('votesMeta'),
        page,
        per_page: perPage,
      });
    }
    const query = canonical({
      position: q.position,
      type: q.type,
      du: q.du,
      au: q.au,
      q: q.q,
      frondes: q.frondes,
    });
    const view = { acteur: detail.acteur, rows, total, page, perPage, filter, query };
    return pageOrFragment(
      c,
      () => <DeputeVotesPage {...view} />,
      () => <DeputeVotesResults {...view} />,
    );
  });

  // Every individual vote of the legislature, streamed row by row.
  app.get('/exports/votes.csv', async (c) => {
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="votes-${legislature}e-legislature.csv"`);
    return stream(c, async (out) => {
      await out.write(BULK_VOTE_COLUMNS.join(',') + '\r\n');
      for await (const batch of allVotesInBatches(db, legislature)) {
        const lines = batch.map((v) =>
          [
            v.number,
            v.date,
            v.type_code,
            v.acteur_uid,
            v.first_name,
            v.last_name,
            v.group_uid,
            v.group_abbreviation,
            v.position,
            v.cause,
            v.delegation === 1,
            v.rebel === 1,
          ].map(neutraliseCell),
        );
        await out.write(Papa.unparse(lines, { newline: '\r\n' }) + '\r\n');
      }
    });
  });

  return app;
}
