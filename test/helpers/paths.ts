import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (where package.json lives). */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Hand-written Assemblée nationale fixtures owned by the project. */
export const AN_FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'an');

/** Hand-written HATVP fixtures owned by the project. */
export const HATVP_FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'hatvp');

/** The real open-data files shared with the project, present on CI, absent on some machines. */
export const SHARED_FIXTURES = path.resolve(PROJECT_ROOT, '../shared/fixtures');

/** A hand-written fixture's bytes, by path relative to test/fixtures/hatvp. */
export function hatvpFixture(relative: string): Buffer {
  return readFileSync(path.join(HATVP_FIXTURES, relative));
}
