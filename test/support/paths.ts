import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The bundled example sources. */
export const EXAMPLES = path.join(ROOT, 'examples');
/** The project's own test fixtures. */
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
/** The shared corpus beside the project; tests that need it skip when it is absent. */
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const HAS_SHARED = existsSync(path.join(SHARED, 'corpus'));
export const SHARED_MISSING = `../shared is absent (looked in ${SHARED}): skipping tests on the shared corpus`;
