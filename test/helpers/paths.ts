import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The project root (where package.json lives). */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Hand-written Assemblée nationale fixtures owned by the project. */
export const AN_FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'an');

/** The real open-data files shared with the project, present on CI, absent on some machines. */
export const SHARED_FIXTURES = path.resolve(PROJECT_ROOT, '../shared/fixtures');
