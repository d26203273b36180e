// The HATVP files as the test server serves them (laid out like the mirror).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { TestServer } from './http.ts';
import { HATVP_FIXTURES, hatvpFixture } from './paths.ts';

export const INDEX_PATH = '/www.hatvp.fr/livraison/opendata/liste.csv';
export const ROBOTS_PATH = '/www.hatvp.fr/robots.txt';
export const filePath = (name: string) => `/www.hatvp.fr/livraison/dossiers/${name}`;

/** The hand-written index and every declaration file of test/fixtures/hatvp, served. */
export function serveFixtures(server: TestServer): void {
  server.serve(INDEX_PATH, hatvpFixture('liste.csv'));
  for (const name of readdirSync(path.join(HATVP_FIXTURES, 'dossiers'))) {
    server.serve(filePath(name), hatvpFixture(`dossiers/${name}`));
  }
}
