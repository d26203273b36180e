import { Hono } from 'hono';
import type { DB } from '../../db/database.ts';
import { countActeurs } from '../../db/queries/deputes.ts';
import type { AppEnv } from '../app.tsx';
import { HomePage } from '../../views/home/home.tsx';

export function homeRoutes(db: DB) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const acteurs = await countActeurs(db);
    return c.html(<HomePage acteurs={acteurs} crawl={c.get('crawlState')} />);
  });
  return app;
}
