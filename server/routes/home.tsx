import { Hono } from 'hono';
import type { DB } from '../../db/database.ts';
import { countActeurs } from '../../db/queries/deputes.ts';
import type { AppEnv } from '../app.tsx';
import { agendaWeek, listReunions } from '../../db/queries/agenda.ts';

const anyReunion = { organe: null, kind: null, etat: null, words: null };
/** Most meetings of a week read for the home page (a busy week has about 150). */
const WEEK_LIMIT = 300;
import { HomePage } from '../../views/home/home.tsx';

export function homeRoutes(db: DB) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const today = new Date().toISOString().slice(0, 10);
    const [acteurs, bounds] = await Promise.all([countActeurs(db), agendaWeek(db, today)]);
    const week = bounds
      ? { ...bounds, rows: await listReunions(db, { ...anyReunion, ...bounds }, WEEK_LIMIT) }
      : null;
    const map = await c.get('maps').render({ kind: 'france' });
    // A crawl's progress (or an empty base) is shown as it is now, never from a cache.
    const crawl = c.get('crawlState');
    if (crawl.running || acteurs === 0) c.header('Cache-Control', 'no-store');
    return c.html(<HomePage acteurs={acteurs} crawl={crawl} week={week} map={map} />);
  });
  return app;
}
