import { Hono } from 'hono';
import type { AppEnv } from '../app.tsx';
import {
  anReferential,
  anScrutins,
  hatvpIndex,
  inseeCirconscriptions,
  laPostePostcodes,
} from '../../domain/sources.ts';
import { DonneesPage } from '../../views/donnees/donnees.tsx';

export function donneesRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/donnees', (c) =>
    c.html(
      <DonneesPage
        sources={[
          anReferential({ legislature: c.get('legislature') }),
          anScrutins({ legislature: c.get('legislature') }),
          inseeCirconscriptions(),
          laPostePostcodes(),
          hatvpIndex(),
        ]}
      />,
    ),
  );
  return app;
}
