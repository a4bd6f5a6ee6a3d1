import path from 'node:path';
import type { Redis } from 'ioredis';
import type { Config } from '../../config/load-config.js';
import type { QueueName } from '../../queues/queue-names.js';
import { openQueues, type QueueSet } from '../../queues/queue-set.js';
import { createRedisConnection } from '../../queues/redis-connection.js';
import { createLogger } from '../create-logger.js';
import { resolveRedis } from '../resolve-redis.js';
import { startRoles, type RunningApp } from '../start-roles.js';

/** What a command works with: the flow's queues, their connection and key prefix. */
export interface CommandQueues {
  queues: QueueSet;
  connection: Redis;
  prefix: string;
}

/**
 * Runs `use` with the flow's queues on the configured Redis (found as `npm start` finds it) and
 * closes everything after. With `workers`, workers of those queues run in this process meanwhile,
 * so that what the command queues gets done even when no other worker process runs.
 */
export async function withQueues<T>(
  config: Readonly<Config>,
  use: (opened: CommandQueues) => Promise<T>,
  workers: readonly QueueName[] = [],
): Promise<T> {
  const resolved = await resolveRedis(config.redis.url, path.resolve('data'), config.redis.cluster);
  let app: RunningApp | undefined;
  const connection = createRedisConnection(resolved.target, 'syndicator-cli');
  const queues = openQueues(connection, config.redis.prefix);
  try {
    if (workers.length > 0) {
      app = await startRoles(
        config,
        { workers: [...workers], scheduler: false, server: false },
        resolved.target,
        createLogger(config, 'warn'),
      );
    }
    return await use({ queues, connection, prefix: config.redis.prefix });
  } finally {
    await queues.close();
    await connection.quit();
    await app?.close();
    await resolved.stop();
  }
}
