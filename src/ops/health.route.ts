import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';

export interface HealthDeps {
  redis: Redis;
  /** Whether the workers of this process are running; absent for a server-only process. */
  workersRunning?: () => boolean;
}

/**
 * `/healthz`: the process is up. `/readyz`: Redis answers and this process's workers run; a
 * process without workers says so (`"workers": "none"`) and does not vouch for other processes.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const redis = await deps.redis
      .ping()
      .then(() => true)
      .catch(() => false);
    const workers = deps.workersRunning ? deps.workersRunning() : 'none';
    const ready = redis && workers !== false;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', redis, workers });
  });
}
