import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import {
  getScrutin,
  listScrutins,
  scrutinVotes,
  type ScrutinFilter,
} from '../../db/queries/scrutins.ts';
import { anScrutins } from '../../domain/sources.ts';
import type { AppEnv } from '../app.tsx';
import { sendJsonDocument, sourceMeta } from '../lib/export.ts';
import { pageOrFragment } from '../lib/htmx.ts';
import { listRoute } from '../lib/list-route.ts';
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
import { SCRUTIN_COLUMNS, SCRUTIN_VOTE_COLUMNS, anScrutinUrl } from '../records/scrutins.ts';
import {
  ScrutinPage,
  ScrutinVotesList,
  ScrutinsPage,
  ScrutinsResults,
} from '../../views/scrutins/scrutins.tsx';

const PER_PAGE = 100;

const scrutinsQuery = z.object({
  q: textParam(),
  du: dateParam,
  au: dateParam,
  type: enumParam(['spo', 'sps', 'moc']),
  resultat: enumParam(['adopte', 'rejete']),
  ecart_position: enumParam(['oui', 'non']),
  amendement: enumParam(['lie', 'non-lie']),
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
    positionMismatch: q.ecart_position === 'oui',
    amendement: q.amendement ?? null,
    sort,
    order,
  };
}

const scrutinVotesQuery = z.object({
  groupe: listParam(1, /^[\p{L}\p{N}-]+$/u),
  position: positionParam,
  // Only the votes against the group's majority (vote.rebel).
  frondeurs: enumParam(['oui', '1']),
});

/** `/scrutins` (HTML, CSV, JSON), a scrutin's page and JSON, and its votes as CSV and JSON. */
export function scrutinsRoutes(db: DB, legislature: number) {
  const app = new Hono<AppEnv>();
  const votesMeta = sourceMeta(anScrutins({ legislature }));

  listRoute(app, {
    path: '/scrutins',
    query: scrutinsQuery,
    columns: SCRUTIN_COLUMNS,
    meta: () => votesMeta,
    csvName: 'scrutins',
    perPage: PER_PAGE,
    load: async (_c, { q, limit, offset }) => {
      const { total, rows } = await listScrutins(db, legislature, scrutinFilter(q), {
        limit,
        offset,
      });
      return {
        total,
        rows: rows.map((r) => ({ ...r, url_an: anScrutinUrl(legislature, r.number) })),
      };
    },
    html: (c, view) => {
      const props = { ...view, filter: scrutinFilter(view.q) };
      return pageOrFragment(
        c,
        () => <ScrutinsPage {...props} />,
        () => <ScrutinsResults {...props} />,
      );
    },
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
      return sendJsonDocument(c, votesMeta, {
        numero: s.number,
        uid: s.uid,
        date: s.date,
        type: s.type_code,
        titre: s.title,
        objet: s.object,
        resultat: s.result_code,
        demandeur: s.requesters,
        url_an: anScrutinUrl(legislature, s.number),
        // The dossier of this scrutin: the one its steps name (the first by uid when several
        // do), else the one the file names, else the dossier of the amendment it decides; null
        // when none; every one of them in `dossiers`, with how it was found (`methode`).
        dossier_uid: detail.dossiers[0]?.dossier_uid ?? null,
        dossiers: detail.dossiers.map((d) => ({
          uid: d.dossier_uid,
          titre: d.title,
          methode: d.method,
        })),
        // The amendment it decides (the first the title names), null when the title names none
        // or it is not linked; every amendment the title names in `amendements`.
        amendement_uid: detail.amendements[0]?.amendement_uid ?? null,
        amendements: detail.amendements.map((a) => ({
          numero: a.numero,
          auteur_intitule: a.title_author,
          uid: a.amendement_uid,
          methode: a.method,
          motif_non_lie: a.reason,
        })),
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
          // The majority of the group's votes cast, null on a tie; then the AN's field.
          position_majoritaire: g.majority_position,
          position_publiee: g.position,
          ecart_position: g.position_mismatch === 1,
          // Deprecated: the old name of position_publiee, kept for existing readers.
          position: g.position,
          pour: g.for_count,
          contre: g.against_count,
          abstention: g.abstention_count,
          nonVotant: g.non_voting_count,
          indice_accord: g.agreement_index,
          // Votes cast against position_majoritaire (none on a tie).
          frondeurs: Number(g.rebels),
        })),
      });
    }
    const rebelOnly = q.frondeurs !== undefined;
    const votes = await scrutinVotes(db, detail.scrutin.uid, {
      group: groupFilter,
      position: positionFilter,
      rebelOnly,
    });
    const view = {
      detail,
      votes,
      legislature,
      groupFilter,
      positionFilter: q.position ? positionFilter : null,
      rebelOnly,
    };
    return pageOrFragment(
      c,
      () => <ScrutinPage {...view} />,
      () => <ScrutinVotesList {...view} />,
    );
  });

  listRoute(app, {
    path: '/scrutins/:numero/votes',
    query: scrutinVotesQuery,
    columns: SCRUTIN_VOTE_COLUMNS,
    meta: () => votesMeta,
    csvName: (c) => `scrutin-${Number(c.req.param('numero'))}-votes`,
    perPage: null,
    load: async (c, { q }) => {
      const detail = await findScrutin(c.req.param('numero') ?? '');
      const rows = await scrutinVotes(db, detail.scrutin.uid, {
        group: q.groupe[0] ?? null,
        position: toPosition(q.position),
        rebelOnly: q.frondeurs !== undefined,
      });
      return { total: rows.length, rows };
    },
  });

  return app;
}
