import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import {
  comparisonRows,
  comparisonSummary,
  deputyAgreements,
  findSubject,
  groupAgreements,
  scrutinsByNumber,
  subjectChoices,
  type Answers,
  type SubjectRef,
} from '../../db/queries/comparer.ts';
import { listScrutins, type ScrutinFilter } from '../../db/queries/scrutins.ts';
import { anReferential, anScrutins } from '../../domain/sources.ts';
import type { AppEnv } from '../app.tsx';
import { sourceMeta } from '../lib/export.ts';
import { listRoute, pageOf } from '../lib/list-route.ts';
import { enumParam, intParam, queryError, single, textParam } from '../lib/query.ts';
import {
  AGREEMENT_COLUMNS,
  COMPARE_COLUMNS,
  comparisonJson,
  deputyAgreementRecord,
  groupAgreementRecord,
  rankAgreements,
} from '../records/comparer.ts';
import { ComparerPage, type ComparerView } from '../../views/comparer/comparer.tsx';
import { VoteCommeMoiPage, type VoteCommeMoiView } from '../../views/comparer/vote-comme-moi.tsx';
import { CAST, MIN_SIGNIFICANT_VOTES, type Position } from '../../domain/votes.ts';

const PER_PAGE = 100;

/** Most answers one "vote comme moi" request takes. */
export const MAX_ANSWERS = 200;

/** Proposed scrutins per page of /vote-comme-moi. */
const PROPOSALS_PER_PAGE = 50;

/** The scrutins proposed to a visitor: those matching their words, else the solemn ones. */
const proposalFilter = (words: string | null): ScrutinFilter => ({
  from: null,
  to: null,
  type: words ? null : 'SPS',
  result: null,
  words,
  positionMismatch: false,
  sort: 'numero',
  order: 'desc',
});

/** Deputies the /vote-comme-moi page shows unless `tous=1` (the exports hold them all). */
const DEPUTIES_SHOWN = 100;

/** A deputy (`PA…`) or group (`PO…`) uid; blank means absent. */
const subjectParam = z.preprocess(
  (v) => {
    const first = single(v);
    return typeof first === 'string' ? first.trim().toUpperCase() || undefined : first;
  },
  z
    .string()
    .regex(/^P[AO]\d{1,12}$/, 'identifiant de député (PA…) ou de groupe (PO…) attendu')
    .optional(),
);

const compareQuery = z.object({
  a: subjectParam,
  b: subjectParam,
  voir: enumParam(['desaccords', 'tous']),
  page: intParam(1, 100_000),
  per_page: intParam(1, 1000),
});
type CompareQuery = z.infer<typeof compareQuery>;

const voteQuery = z.looseObject({
  q: textParam(),
  tous: enumParam(['1', 'oui']),
  page: intParam(1, 10_000),
  per_page: intParam(1, 1000),
});

/** The query string as zValidator reads it: one value, or a list when repeated. */
function rawQuery(c: Context): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0]! : v]),
  );
}

const refOf = (uid: string): SubjectRef => ({
  kind: uid.startsWith('PA') ? 'depute' : 'groupe',
  uid,
});

/** A visitor's answers, by scrutin number. */
type AnswersByNumber = Map<number, 'pour' | 'contre' | 'abstention'>;

/**
 * The answers of a query string: `s<numero>=pour|contre|abstention`, one parameter per
 * scrutin; `sans-avis` or an empty value is no answer, a repeated parameter keeps its first
 * value, other parameters are not answers. Any other value, or more than MAX_ANSWERS
 * answers, is a 400.
 */
export function parseAnswers(query: Record<string, string | string[]>): AnswersByNumber {
  const answers: AnswersByNumber = new Map();
  for (const [key, raw] of Object.entries(query)) {
    // No leading zero: s12 and s0012 would otherwise be two answers for one scrutin.
    const match = /^s([1-9]\d{0,5})$/.exec(key);
    if (!match) continue;
    const value = (single(raw) ?? '').trim().toLowerCase();
    if (value === '' || value === 'sans-avis') continue;
    if (!CAST.has(value as Position))
      throw new HTTPException(400, {
        message: `Paramètre « ${key} » invalide : valeurs possibles : pour, contre, abstention, sans-avis`,
      });
    answers.set(Number(match[1]), value as 'pour' | 'contre' | 'abstention');
  }
  if (answers.size > MAX_ANSWERS)
    throw new HTTPException(400, {
      message: `Trop de réponses (${answers.size}) : au plus ${MAX_ANSWERS} scrutins à la fois.`,
    });
  return answers;
}

/** The canonical query string of answers: `s<numero>=<position>`, by scrutin number. */
export function answersQuery(answers: ReadonlyMap<number, string>): string {
  const params = new URLSearchParams();
  for (const [n, p] of [...answers].sort((x, y) => x[0] - y[0])) params.append(`s${n}`, p);
  return params.toString();
}

/** `/comparer` (HTML, CSV, JSON) and `/vote-comme-moi` (HTML, CSV, JSON). */
export function comparerRoutes(db: DB, legislature: number) {
  const app = new Hono<AppEnv>();
  const votesMeta = sourceMeta(anScrutins({ legislature }), anReferential({ legislature }));

  /** The comparison a query asks for; a 400 or 404 HTTPException when it cannot be made. */
  async function loadComparison(q: CompareQuery, page: { limit: number | null; offset: number }) {
    if (!q.a || !q.b)
      throw new HTTPException(400, {
        message:
          'Indiquez les deux députés ou groupes à comparer : paramètres a et b (identifiants PA… ou PO…).',
      });
    if (q.a === q.b)
      throw new HTTPException(400, {
        message: 'a et b sont identiques : choisissez deux députés ou groupes différents.',
      });
    const [a, b] = await Promise.all([
      findSubject(db, legislature, refOf(q.a)),
      findSubject(db, legislature, refOf(q.b)),
    ]);
    for (const [uid, found] of [
      [q.a, a],
      [q.b, b],
    ] as const) {
      if (!found)
        throw new HTTPException(404, {
          message: `Aucun député ni groupe ${uid} dans les données de la législature.`,
        });
    }
    const disagreementsOnly = (q.voir ?? 'desaccords') === 'desaccords';
    const [summary, rows] = await Promise.all([
      comparisonSummary(db, legislature, a!, b!),
      comparisonRows(db, legislature, a!, b!, { disagreementsOnly }, page),
    ]);
    const total = disagreementsOnly ? summary.common - summary.agreements : summary.common;
    return {
      a: a!,
      b: b!,
      summary,
      disagreementsOnly,
      total,
      rows,
      meta: { ...comparisonJson(a!, b!, summary), voir: disagreementsOnly ? 'desaccords' : 'tous' },
    };
  }

  listRoute(app, {
    path: '/comparer',
    query: compareQuery,
    columns: COMPARE_COLUMNS,
    meta: () => votesMeta,
    csvName: (c) =>
      `comparaison-${(c.req.query('a') ?? '').trim().toUpperCase()}-${(c.req.query('b') ?? '').trim().toUpperCase()}`.replace(
        /[^A-Z0-9-]/g,
        '',
      ),
    perPage: PER_PAGE,
    load: (_c, page) => loadComparison(page.q, page),
  });

  app.get('/comparer', async (c) => {
    const raw = rawQuery(c);
    const typed = (key: 'a' | 'b') =>
      (single(raw[key]) ?? '').trim().toUpperCase().slice(0, 20) || null;
    const base: ComparerView = {
      a: typed('a'),
      b: typed('b'),
      choices: await subjectChoices(db, legislature),
      error: null,
      result: null,
    };
    const parsed = compareQuery.safeParse(raw);
    const render = (view: ComparerView, status: 200 | 400 | 404 = 200) =>
      c.html(<ComparerPage {...view} />, status);
    if (!parsed.success) return render({ ...base, error: queryError(parsed.error).message }, 400);
    const q = parsed.data;
    if (!q.a && !q.b) return render(base);
    const page = pageOf(q, PER_PAGE, false);
    try {
      const loaded = await loadComparison(q, page);
      return render({
        ...base,
        result: {
          ...loaded,
          page: page.page,
          perPage: page.perPage ?? PER_PAGE,
          query: new URLSearchParams({
            a: q.a!,
            b: q.b!,
            ...(q.voir === 'tous' ? { voir: 'tous' } : {}),
            ...(q.per_page ? { per_page: String(q.per_page) } : {}),
          }).toString(),
        },
      });
    } catch (error) {
      if (error instanceof HTTPException && (error.status === 400 || error.status === 404))
        return render({ ...base, error: error.message }, error.status);
      throw error;
    }
  });

  /** Answers resolved against the stored scrutins; unknown numbers set aside. */
  async function resolveAnswers(byNumber: AnswersByNumber) {
    const scrutins = await scrutinsByNumber(db, legislature, [...byNumber.keys()]);
    const known = new Set(scrutins.map((s) => s.number));
    const unknown = [...byNumber.keys()].filter((n) => !known.has(n)).sort((x, y) => x - y);
    const valid: AnswersByNumber = new Map(
      [...byNumber].filter(([n]) => known.has(n)).sort((x, y) => x[0] - y[0]),
    );
    const byUid: Answers = new Map(scrutins.map((s) => [s.uid, valid.get(s.number)!]));
    return { scrutins, unknown, valid, byUid };
  }

  async function ranking(byUid: Answers) {
    const [groups, deputies] = await Promise.all([
      groupAgreements(db, byUid),
      deputyAgreements(db, byUid),
    ]);
    return {
      groups: rankAgreements(groups.map(groupAgreementRecord)),
      deputies: rankAgreements(deputies.map(deputyAgreementRecord)),
    };
  }

  listRoute(app, {
    path: '/vote-comme-moi',
    query: voteQuery,
    columns: AGREEMENT_COLUMNS,
    meta: () => votesMeta,
    csvName: 'vote-comme-moi',
    perPage: null,
    canonical: () => '',
    load: async (c, page) => {
      const { valid, unknown, byUid } = await resolveAnswers(parseAnswers(rawQuery(c)));
      const { groups, deputies } = await ranking(byUid);
      const all = [...groups, ...deputies];
      const rows = page.limit === null ? all : all.slice(page.offset, page.offset + page.limit);
      return {
        total: all.length,
        rows,
        meta: {
          reponses: [...valid].map(([numero, position]) => ({ numero, position })),
          scrutins_inconnus: unknown,
          seuil_significatif: MIN_SIGNIFICANT_VOTES,
          formule: 'taux_accord = accords ÷ scrutins_communs',
        },
      };
    },
  });

  app.get('/vote-comme-moi', async (c) => {
    const raw = rawQuery(c);
    const typedQ = (single(raw.q) ?? '').trim().slice(0, 200);
    const render = (view: VoteCommeMoiView, status: 200 | 400 = 200) =>
      c.html(<VoteCommeMoiPage {...view} />, status);
    const empty: VoteCommeMoiView = {
      words: typedQ,
      proposals: { rows: [], total: 0, page: 1, perPage: PROPOSALS_PER_PAGE },
      answers: new Map(),
      answered: [],
      unknown: [],
      error: null,
      result: null,
      answersQuery: '',
    };
    const parsed = voteQuery.safeParse(raw);
    let byNumber: AnswersByNumber;
    try {
      if (!parsed.success) throw queryError(parsed.error);
      byNumber = parseAnswers(raw);
    } catch (error) {
      if (!(error instanceof HTTPException)) throw error;
      const proposals = await listScrutins(db, legislature, proposalFilter(null), {
        limit: PROPOSALS_PER_PAGE,
        offset: 0,
      });
      return render(
        {
          ...empty,
          words: '',
          proposals: { ...proposals, page: 1, perPage: PROPOSALS_PER_PAGE },
          error: error.message,
        },
        400,
      );
    }
    const q = parsed.data;
    const words = q.q ?? null;
    const page = q.page ?? 1;
    const [proposals, resolved] = await Promise.all([
      listScrutins(db, legislature, proposalFilter(words), {
        limit: PROPOSALS_PER_PAGE,
        offset: (page - 1) * PROPOSALS_PER_PAGE,
      }),
      resolveAnswers(byNumber),
    ]);
    const { valid, unknown, byUid, scrutins } = resolved;
    const result = valid.size > 0 ? await ranking(byUid) : null;
    return render({
      ...empty,
      words: words ?? '',
      proposals: { ...proposals, page, perPage: PROPOSALS_PER_PAGE },
      answers: valid,
      answered: scrutins,
      unknown,
      result: result && {
        ...result,
        deputiesTotal: result.deputies.length,
        deputies: q.tous ? result.deputies : result.deputies.slice(0, DEPUTIES_SHOWN),
      },
      answersQuery: answersQuery(valid),
    });
  });

  return app;
}
