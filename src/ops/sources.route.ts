import type { FastifyInstance } from 'fastify';
import type { SourceStateRepository } from '../store/source-state-repository.js';
import { readSourceStatuses, type SourceList } from './source-status.js';

export interface SourcesRouteDeps {
  sources: SourceList;
  sourceStates: SourceStateRepository;
}

/** `GET /api/sources`: every source in force with its last fetch, error count, last error, next poll and health. */
export function registerSourcesRoute(app: FastifyInstance, deps: SourcesRouteDeps): void {
  app.get('/api/sources', async () => ({ items: await readSourceStatuses(await deps.sources.list(), deps.sourceStates) }));
}
