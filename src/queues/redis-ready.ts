import type { EventEmitter } from 'node:events';

/**
 * Whether an ioredis client (a plain one or a Cluster) can answer now. Only `ready` can: in
 * `connecting` (also each attempt of a reconnect), `reconnecting`, `close` and `end`, a command
 * waits in the offline queue until Redis is back — a request must not wait with it.
 */
export function redisReady(redis: { status: string }): boolean {
  return redis.status === 'ready';
}

/**
 * Resolves once the client is ready, or after `ms` regardless (true when it is ready): a server
 * that starts to listen meanwhile would refuse its first requests with 503; one whose Redis is
 * not there at all must still start, and say so on /readyz.
 */
export async function readyWithin(redis: { status: string } & Pick<EventEmitter, 'once' | 'off'>, ms: number): Promise<boolean> {
  if (redisReady(redis)) return true;
  let timer: NodeJS.Timeout | undefined;
  let onReady: (() => void) | undefined;
  try {
    return await new Promise<boolean>((resolve) => {
      onReady = () => resolve(true);
      redis.once('ready', onReady);
      timer = setTimeout(() => resolve(redisReady(redis)), ms);
    });
  } finally {
    clearTimeout(timer);
    if (onReady) redis.off('ready', onReady);
  }
}
