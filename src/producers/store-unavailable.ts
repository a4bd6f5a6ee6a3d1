import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { redisReady } from '../queues/redis-ready.js';

/** Seconds a client is told to wait before it tries again while Redis is away. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Whether intake must be refused now: the connection to Redis is not ready (lost, or between
 * two attempts to reconnect). Intake answers at once rather than wait in ioredis's offline
 * queue, where a request that its client gave up on would still be queued late, and then again
 * when the client tries once more.
 */
export function storeUnreachable(redis: Pick<Redis, 'status'>): boolean {
  return !redisReady(redis);
}

/** Answers 503 with Retry-After: the store does not answer. */
export function refuseWhileStoreUnreachable(reply: FastifyReply): FastifyReply {
  return reply
    .code(503)
    .header('retry-after', String(RETRY_AFTER_SECONDS))
    .send({ error: 'unavailable', message: 'the store (Redis) does not answer; try again shortly' });
}
