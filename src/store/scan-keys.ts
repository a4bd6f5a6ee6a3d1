import type { Cluster, Redis } from 'ioredis';

/**
 * Calls `each` with the keys matching a glob pattern, a SCAN batch at a time (never KEYS: a big
 * store stays responsive). A SCAN asks one server; on Redis Cluster every master is scanned, and
 * each batch holds keys of one master only.
 */
export async function scanKeys(redis: Redis, pattern: string, each: (keys: string[]) => Promise<void>): Promise<void> {
  // The store holds a Cluster client typed as Redis (queues/redis-connection.ts); isCluster tells.
  const servers = redis.isCluster ? (redis as unknown as Cluster).nodes('master') : [redis];
  for (const server of servers) {
    let cursor = '0';
    do {
      const [next, keys] = await server.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await each(keys);
      cursor = next;
    } while (cursor !== '0');
  }
}
