import type { FastifyReply } from 'fastify';

/** Seconds a client is told to wait before it pushes again while the backlog is full. */
const RETRY_AFTER_SECONDS = 5;

/** Answers 503 with Retry-After: the items waiting to be processed have reached the configured limit. */
export function refuseWhileBacklogFull(reply: FastifyReply, limit: number): FastifyReply {
  return reply
    .code(503)
    .header('retry-after', String(RETRY_AFTER_SECONDS))
    .send({ error: 'unavailable', message: `the processing backlog is full (${limit} items waiting); try again shortly` });
}
