import { Hono } from 'hono';
import type { DB } from '../../db/database.ts';
import { positionDisagreements } from '../../db/queries/scrutins.ts';
import { scrutinLinkRate } from '../../db/queries/dossiers.ts';
import type { AppEnv } from '../app.tsx';
import { MethodologiePage } from '../../views/methodologie/methodologie.tsx';

export function methodologieRoutes(db: DB, legislature: number) {
  const app = new Hono<AppEnv>();
  app.get('/methodologie', async (c) =>
    c.html(
      <MethodologiePage
        positions={await positionDisagreements(db, legislature)}
        dossierLinks={await scrutinLinkRate(db, legislature)}
      />,
    ),
  );
  return app;
}
