import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';

/** Seconds a client is told to wait before it tries again while Redis is away. */
const RETRY_AFTER_SECONDS = 5;

/** The states of an ioredis client that has lost Redis (not the first connection, still being made). */
const LOST = new Set(['reconnecting', 'close', 'end']);

/**
 * Whether intake must be refused now: the connection to Redis is lost. Intake answers at once
 * rather than wait in ioredis's offline queue, where a request that its client gave up on would
 * still be queued late, and then again when the client tries once more.
 */
export function storeUnreachable(redis: Pick<Redis, 'status'>): boolean {
  return LOST.has(redis.status);
}

/** Answers 503 with Retry-After: the store does not answer. */
export function refuseWhileStoreUnreachable(reply: FastifyReply): FastifyReply {
  return reply
    .code(503)
    .header('retry-after', String(RETRY_AFTER_SECONDS))
    .send({ error: 'unavailable', message: 'the store (Redis) does not answer; try again shortly' });
}
