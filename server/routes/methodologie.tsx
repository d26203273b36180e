import { Hono } from 'hono';
import type { AppEnv } from '../app.tsx';
import { MethodologiePage } from '../../views/methodologie/methodologie.tsx';

export function methodologieRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/methodologie', (c) => c.html(<MethodologiePage />));
  return app;
}
