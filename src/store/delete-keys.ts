import type { Redis } from 'ioredis';
import { scanKeys } from './scan-keys.js';

/** Deletes every key matching a glob pattern (SCAN, never KEYS: a big store stays responsive); returns how many went. */
export async function deleteKeysMatching(redis: Redis, pattern: string): Promise<number> {
  let deleted = 0;
  await scanKeys(redis, pattern, async (keys) => {
    if (!redis.isCluster) {
      deleted += await redis.unlink(...keys);
      return;
    }
    // On Redis Cluster one UNLINK takes keys of one slot only: a pipeline of one key each.
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.unlink(key);
    for (const [error, count] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      deleted += Number(count);
    }
  });
  return deleted;
}

/** Deletes every key under `prefix:`. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  await deleteKeysMatching(redis, `${prefix}:*`);
}
