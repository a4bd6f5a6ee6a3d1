import { Redis } from 'ioredis';

/**
 * Returns a new ioredis client for BullMQ and the store. `maxRetriesPerRequest: null` is what
 * BullMQ requires of the connections its workers block on; commands wait for a reconnect
 * instead of failing while Redis restarts.
 */
export function createRedisConnection(url: string, connectionName: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName, enableReadyCheck: true });
}
