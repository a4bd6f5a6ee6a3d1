import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { redisReady } from '../queues/redis-ready.js';

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
    const redis = await redisAnswers(deps.redis);
    const workers = deps.workersRunning ? deps.workersRunning() : 'none';
    const ready = redis && workers !== false;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', redis, workers });
  });
}

/** How long /readyz waits for Redis's PONG: a probe must get its answer within a second. */
const READY_PING_MS = 500;

/** Whether Redis answers a PING in time: a client that lost it says so at once (it would queue the PING until Redis is back). */
async function redisAnswers(redis: Redis): Promise<boolean> {
  if (!redisReady(redis)) return false;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), READY_PING_MS)));
  try {
    return await Promise.race([
      redis.ping().then(
        () => true,
        () => false,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
