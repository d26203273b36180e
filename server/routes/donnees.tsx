import { Hono } from 'hono';
import { describeSources, publishedFiles } from '../../domain/sources.ts';
import { DonneesPage } from '../../views/donnees/donnees.tsx';
import type { AppEnv } from '../app.tsx';

export function donneesRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/donnees', (c) =>
    c.html(
      <DonneesPage
        sources={publishedFiles(describeSources({ legislature: c.get('legislature') }))}
      />,
    ),
  );
  return app;
}
