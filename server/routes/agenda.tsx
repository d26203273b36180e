import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import {
  agendaOrganes,
  agendaWeek,
  getReunion,
  listReunions,
  type ReunionFilter,
} from '../../db/queries/agenda.ts';
import { PRESENCES, REUNION_KINDS } from '../../domain/agenda.ts';
import { anAgenda } from '../../domain/sources.ts';
import type { AppEnv } from '../app.tsx';
import { sendJsonDocument, sourceMeta } from '../lib/export.ts';
import { pageOrFragment } from '../lib/htmx.ts';
import { listRoute } from '../lib/list-route.ts';
import { dateParam, enumParam, textParam } from '../lib/query.ts';
import { REUNION_COLUMNS } from '../records/agenda.ts';
import { AgendaPage, AgendaResults, ReunionPage } from '../../views/agenda/agenda.tsx';

/** The states of the `etat` parameter and the published value each stands for. */
export const ETATS = {
  confirme: 'Confirmé',
  annule: 'Annulé',
  supprime: 'Supprimé',
  eventuel: 'Eventuel',
} as const;

/** Most meetings one request lists (a few weeks of the busiest periods). */
const MAX_REUNIONS = 2000;

const agendaQuery = z.object({
  du: dateParam,
  au: dateParam,
  organe: textParam(20).refine(
    (v) => v === undefined || /^PO\d{1,10}$/.test(v),
    'organe PO… attendu',
  ),
  type: enumParam(REUNION_KINDS),
  etat: enumParam(Object.keys(ETATS) as [keyof typeof ETATS]),
  q: textParam(),
});

const today = () => new Date().toISOString().slice(0, 10);

/** `/agenda` (HTML, CSV, JSON) and a meeting's page and JSON. */
export function agendaRoutes(db: DB) {
  const app = new Hono<AppEnv>();
  const meta = (legislature: number) => sourceMeta(anAgenda({ legislature }));

  listRoute(app, {
    path: '/agenda',
    query: agendaQuery,
    columns: REUNION_COLUMNS,
    meta: (c) => meta(c.get('legislature')),
    csvName: 'agenda',
    perPage: null,
    load: async (_c, { q }) => {
      let from = q.du;
      let to = q.au;
      // Without dates: the week of today when it has meetings, else the latest with some.
      if (!from && !to) {
        const week = await agendaWeek(db, today());
        from = week?.from ?? today();
        to = week?.to ?? today();
      }
      from ??= to!;
      to ??= from;
      if (from > to) throw new HTTPException(400, { message: '« du » est après « au ».' });
      const filter: ReunionFilter = {
        from,
        to,
        organe: q.organe ?? null,
        kind: q.type ?? null,
        etat: q.etat ? ETATS[q.etat] : null,
        words: q.q ?? null,
      };
      const rows = await listReunions(db, filter, MAX_REUNIONS);
      return { total: rows.length, rows, filter, meta: { du: filter.from, au: filter.to } };
    },
    html: async (c, view) => {
      const organes = await agendaOrganes(db);
      const props = { ...view, organes, etat: view.q.etat ?? null };
      return pageOrFragment(
        c,
        () => <AgendaPage {...props} />,
        () => <AgendaResults {...props} />,
      );
    },
  });

  app.get('/agenda/:file', async (c) => {
    const match = /^(RU[0-9A-Z]{1,60})(\.json)?$/.exec(c.req.param('file'));
    const detail = match ? await getReunion(db, match[1]!) : null;
    if (!detail)
      throw new HTTPException(404, { message: "Cette réunion n'est pas dans les données." });
    if (match![2]) {
      const r = detail.reunion;
      const counts = Object.fromEntries(
        PRESENCES.map((p) => [p, detail.presences.filter((x) => x.presence === p).length]),
      );
      return sendJsonDocument(c, meta(c.get('legislature')), {
        uid: r.uid,
        type: r.kind,
        organe_uid: r.organe_uid,
        organe: r.organe_label,
        debut: r.start,
        fin: r.end,
        jour: r.day,
        semaine: r.week,
        etat: r.etat,
        comptee: r.counted === 1,
        lieu: r.place,
        ordre_du_jour: detail.items,
        presences_publiees: r.attendance_published === 1,
        presents: counts.present,
        absents: counts.absent,
        excuses: counts.excuse,
        presences: detail.presences.map((p) => ({
          acteur_uid: p.acteur_uid,
          presence: p.presence,
        })),
      });
    }
    return c.html(<ReunionPage detail={detail} />);
  });

  return app;
}
