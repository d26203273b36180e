import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import { defaultDeputyFilter, listDeputies } from '../../db/queries/deputes.ts';
import { findGroup, listGroups } from '../../db/queries/groupes.ts';
import { anReferential } from '../../domain/sources.ts';
import type { AppEnv } from '../app.tsx';
import { sendCsv, sendJsonList, sourceMeta } from '../lib/export.ts';
import { listRoute } from '../lib/list-route.ts';
import {
  DEPUTY_COLUMNS,
  GROUP_COLUMNS,
  deputyListRecord,
  type DeputyRecord,
} from '../records/deputes.ts';
import { GroupePage, GroupesPage, type Composition } from '../../views/groupes/groupes.tsx';
import {
  groupVoteFigures,
  participationOfDeputiesInOffice,
  proximityMatrix,
} from '../../db/queries/scrutins.ts';

const today = () => new Date().toISOString().slice(0, 10);

const AGE_BANDS = [
  { label: 'moins de 40 ans', max: 39 },
  { label: '40 à 49 ans', max: 49 },
  { label: '50 à 59 ans', max: 59 },
  { label: '60 à 69 ans', max: 69 },
  { label: '70 ans et plus', max: Infinity },
];

/** Counts of a group's members by sex, age band and INSEE family. */
export function composition(members: DeputyRecord[]): Composition {
  const tally = (values: string[]) => {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts.entries()]
      .map(([label, n]) => ({ label, n }))
      .sort((a, b) => b.n - a.n || a.label.localeCompare(b.label));
  };
  return {
    total: members.length,
    sex: tally(members.map((m) => (m.sexe === 'F' ? 'Femmes' : 'Hommes'))),
    age: AGE_BANDS.map((band, i) => ({
      label: band.label,
      n: members.filter(
        (m) => m.age !== null && m.age <= band.max && m.age > (AGE_BANDS[i - 1]?.max ?? -1),
      ).length,
    })),
    family: tally(members.map((m) => m.famille_insee ?? 'Non renseignée')),
  };
}

export function groupesRoutes(db: DB, legislature: number) {
  const app = new Hono<AppEnv>();
  const referentialMeta = sourceMeta(anReferential({ legislature }));

  listRoute(app, {
    path: '/groupes',
    query: z.object({}),
    columns: GROUP_COLUMNS,
    meta: () => referentialMeta,
    csvName: 'groupes',
    perPage: null,
    load: async () => {
      const rows = await listGroups(db, legislature);
      return { total: rows.length, rows };
    },
    html: async (c, { rows }) =>
      c.html(
        <GroupesPage
          groups={rows}
          matrix={await proximityMatrix(db, legislature)}
          participation={await participationOfDeputiesInOffice(db)}
        />,
      ),
  });

  app.get('/groupes/:id', async (c) => {
    const match = /^([\p{L}\p{N}-]{1,40}?)(\.csv|\.json)?$/u.exec(c.req.param('id'));
    const group = match ? await findGroup(db, legislature, match[1]!) : null;
    if (!match || !group)
      throw new HTTPException(404, {
        message: "Ce groupe n'existe pas dans la législature en cours.",
      });
    const { rows } = await listDeputies(
      db,
      { ...defaultDeputyFilter, groups: [group.uid] },
      { limit: null, offset: 0 },
      today(),
    );
    const members = rows.map((r) => deputyListRecord(r, today()));
    const slug = (group.abbreviation ?? group.uid).toLowerCase();
    if (match[2] === '.csv') return sendCsv(c, `groupe-${slug}`, DEPUTY_COLUMNS, members);
    if (match[2] === '.json') {
      return sendJsonList(c, DEPUTY_COLUMNS, members, members.length, {
        ...referentialMeta,
        page: 1,
        per_page: null,
      });
    }
    return c.html(
      <GroupePage
        group={group}
        members={members}
        composition={composition(members)}
        votes={await groupVoteFigures(db, group.uid)}
        rates={await participationOfDeputiesInOffice(db, group.uid)}
        map={
          group.abbreviation
            ? await c.get('maps').render({ kind: 'groupe', group: group.abbreviation })
            : null
        }
      />,
    );
  });
  return app;
}
