import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import {
  getAmendement,
  listAmendements,
  type AmendementFilter,
} from '../../db/queries/amendements.ts';
import { AMENDEMENT_SORTS, AUTHOR_TYPES, anAmendementUrl } from '../../domain/amendements.ts';
import { anAmendements } from '../../domain/sources.ts';
import type { AppEnv } from '../app.tsx';
import { sendJsonDocument, sourceMeta } from '../lib/export.ts';
import { pageOrFragment } from '../lib/htmx.ts';
import { listRoute } from '../lib/list-route.ts';
import { dateParam, enumParam, intParam, textParam } from '../lib/query.ts';
import { AMENDEMENT_COLUMNS, withAnUrl } from '../records/amendements.ts';
import {
  AmendementPage,
  AmendementsPage,
  AmendementsResults,
} from '../../views/amendements/amendements.tsx';

const PER_PAGE = 100;

/** An optional AN identifier (`PA1234`, `DLR5L17N…`): letters and digits only. */
const idParam = (pattern: RegExp) =>
  textParam(40).refine((v) => v === undefined || pattern.test(v), 'identifiant invalide');

const amendementsQuery = z.object({
  q: textParam(),
  auteur: idParam(/^PA\d{1,10}$/),
  cosignataire: idParam(/^PA\d{1,10}$/),
  dossier: idParam(/^DLR[0-9A-Z]{1,30}$/),
  texte: idParam(/^[A-Z]{4}ANR[0-9A-Z]{1,30}$/),
  article: textParam(60),
  groupe: idParam(/^PO\d{1,10}$/),
  type_auteur: enumParam(Object.keys(AUTHOR_TYPES) as [keyof typeof AUTHOR_TYPES]),
  sort: enumParam(AMENDEMENT_SORTS),
  examen: enumParam(['seance', 'commission']),
  du: dateParam,
  au: dateParam,
  page: intParam(1, 100_000),
  per_page: intParam(1, 1000),
});
type AmendementsQuery = z.infer<typeof amendementsQuery>;

export function amendementFilter(q: AmendementsQuery): AmendementFilter {
  return {
    auteur: q.auteur ?? null,
    cosignataire: q.cosignataire ?? null,
    dossier: q.dossier ?? null,
    texte: q.texte ?? null,
    article: q.article ?? null,
    groupe: q.groupe ?? null,
    authorType: q.type_auteur ? AUTHOR_TYPES[q.type_auteur] : null,
    sort: q.sort ?? null,
    seance: q.examen === undefined ? null : q.examen === 'seance',
    from: q.du ?? null,
    to: q.au ?? null,
    words: q.q ?? null,
  };
}

/** `/amendements` (HTML, CSV, JSON) and an amendment's page and JSON. */
export function amendementsRoutes(db: DB, legislature: number) {
  const app = new Hono<AppEnv>();
  const meta = sourceMeta(anAmendements({ legislature }));

  listRoute(app, {
    path: '/amendements',
    query: amendementsQuery,
    columns: AMENDEMENT_COLUMNS,
    meta: () => meta,
    csvName: 'amendements',
    perPage: PER_PAGE,
    load: async (_c, { q, limit, offset }) => {
      const { total, rows } = await listAmendements(db, legislature, amendementFilter(q), {
        limit,
        offset,
      });
      return { total, rows: rows.map(withAnUrl) };
    },
    html: (c, view) => {
      const props = { ...view, filter: amendementFilter(view.q), type: view.q.type_auteur ?? null };
      return pageOrFragment(
        c,
        () => <AmendementsPage {...props} />,
        () => <AmendementsResults {...props} />,
      );
    },
  });

  app.get('/amendements/:file', async (c) => {
    const match = /^(AMANR[0-9A-Z]{1,60})(\.json)?$/.exec(c.req.param('file'));
    const detail = match ? await getAmendement(db, match[1]!) : null;
    if (!detail) {
      throw new HTTPException(404, { message: "Cet amendement n'est pas dans les données." });
    }
    const a = detail.amendement;
    const urlAn = anAmendementUrl(a);
    if (match![2]) {
      return sendJsonDocument(c, meta, {
        uid: a.uid,
        numero: a.numero_long,
        rectification: a.numero_rect,
        texte_uid: a.texte_uid,
        dossier_uid: a.dossier_uid,
        examen: a.organe_prefix,
        organe_examen_uid: a.organe_examen_uid,
        article: a.article,
        article_designation: a.article_designation,
        type_auteur: a.author_type,
        auteur_uid: a.author_uid,
        groupe_uid: a.author_group_uid,
        signataires: a.signatories_label,
        cosignataires: detail.cosigners.map((s) => ({
          acteur_uid: s.acteur_uid,
          ordre: s.position,
          groupe_uid: s.group_uid,
        })),
        sort: a.sort,
        sort_publie: a.sort_label,
        etat: a.etat_label,
        sous_etat: a.sous_etat_label,
        date_depot: a.date_depot,
        date_publication: a.date_publication,
        date_sort: a.date_sort,
        parent_uid: a.parent_uid,
        sous_amendements: detail.children.map((s) => s.uid),
        // The scrutins that decided it, linked at ingest (see /methodologie/liaisons).
        scrutins: detail.scrutins.map((s) => ({
          numero: s.number,
          uid: s.uid,
          date: s.date,
          resultat: s.result_code,
          pour: s.for_count,
          contre: s.against_count,
          abstention: s.abstention_count,
          methode: s.method,
        })),
        dispositif_html: a.dispositif_html,
        expose_html: a.expose_html,
        url_an: urlAn,
      });
    }
    return c.html(<AmendementPage detail={detail} urlAn={urlAn} />);
  });

  return app;
}
