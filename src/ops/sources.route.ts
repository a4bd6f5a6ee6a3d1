import type { FastifyInstance } from 'fastify';
import type { Source } from '../domain/source.js';
import type { SourceStateRepository } from '../store/source-state-repository.js';
import { readSourceStatuses } from './source-status.js';

export interface SourcesRouteDeps {
  sources: readonly Source[];
  sourceStates: SourceStateRepository;
}

/** `GET /api/sources`: every source with its last fetch, error count, last error and next poll. */
export function registerSourcesRoute(app: FastifyInstance, deps: SourcesRouteDeps): void {
  app.get('/api/sources', async () => ({ items: await readSourceStatuses(deps.sources, deps.sourceStates) }));
}
