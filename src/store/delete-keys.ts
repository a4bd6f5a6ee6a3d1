import type { Redis } from 'ioredis';

/** Deletes every key matching a glob pattern (SCAN, never KEYS: a big store stays responsive); returns how many went. */
export async function deleteKeysMatching(redis: Redis, pattern: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}

/** Deletes every key under `prefix:`. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  await deleteKeysMatching(redis, `${prefix}:*`);
}
